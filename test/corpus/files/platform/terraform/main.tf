terraform {
  required_version = ">= 1.6"
  cloud {
    organization = "acme"
    token        = "GGWtFeX4AM5XHt.atlasv1.TATdqOunuO6AGz9PzuO5YKXx1eQgHhYrPopspPqA82g1LP3Iou8e5CTiNWHiLvizyX0"
    workspaces {
      name = "platform-prod"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAU5HXZNO5L4BXLRYZ"
  secret_key = "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"
}

provider "github" {
  owner = "acme"
  token = "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"
}

provider "cloudflare" {
  api_token = "TCidI78VzbTjdTU81zrdLL24gRFwm63q--tpF_-n"
}

provider "datadog" {
  api_key = var.datadog_api_key
  app_key = var.datadog_app_key
}

resource "random_password" "db" {
  length  = 32
  special = true
}

resource "aws_db_instance" "main" {
  identifier        = "platform-prod"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  username          = "platform"
  password          = random_password.db.result
}

resource "aws_db_instance" "reporting" {
  identifier     = "reporting"
  engine         = "mysql"
  instance_class = "db.t4g.small"
  username       = "report"
  password       = "p4TT?1seBo1_Vjg"
}
