"""Production settings: every secret comes from the environment or AWS Secrets Manager."""
import json
import os

import boto3
import dj_database_url

from .settings import *  # noqa: F401,F403


def get_secret(name: str) -> str:
    client = boto3.client("secretsmanager", region_name="eu-west-1")
    return client.get_secret_value(SecretId=name)["SecretString"]


SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {
    "default": dj_database_url.config(default="postgres://localhost:5432/shop", conn_max_age=600),
}
DATABASES["default"]["PASSWORD"] = os.environ.get("DB_PASSWORD", "")
EMAIL_HOST_PASSWORD = os.getenv("SENDGRID_API_KEY")
AWS_SECRET_ACCESS_KEY = get_secret("shop/aws-secret-access-key")
STRIPE_SECRET_KEY = json.loads(get_secret("shop/stripe"))["secret_key"]
STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]
AWS_ACCESS_KEY_ID = None  # instance role
