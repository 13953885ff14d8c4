class GithubSync
  REPO = "acme/blog-content".freeze

  def initialize
    @client = Octokit::Client.new(access_token: "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")
    @notifier = Slack::Notifier.new "https://hooks.slack.com/services/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"
  end

  def call
    @client.contents(REPO, path: "posts").each do |entry|
      Post.import_from_github(entry)
    end
    @notifier.ping "Imported posts from #{REPO}"
  end
end
