lock "~> 3.18.0"

set :application, "blog"
set :repo_url, "https://deploy-bot:glpat-nq0UZknXY33fbtol27j4@gitlab.acme-corp.net/web/blog.git"
set :deploy_to, "/var/www/blog"
set :linked_files, %w[config/master.key .env]

server "198.51.100.17", user: "deploy", roles: %w[app db web],
       ssh_options: { password: "qnWV=0pidU9#NjT", auth_methods: %w[password] }
