Sidekiq.configure_server do |config|
  config.redis = { url: 'redis://:8QLsNYP9qMTraQOXuvKz@redis-blog.acme-corp.net:6379/2' }
end

Sidekiq.configure_client do |config|
  config.redis = { url: ENV.fetch('REDIS_URL', 'redis://localhost:6379/2') }
end
