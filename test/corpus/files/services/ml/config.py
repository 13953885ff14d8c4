"""Settings read from the environment (see .env.example)."""
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    openai_api_key: str = field(default_factory=lambda: os.environ["OPENAI_API_KEY"])
    anthropic_api_key: str = field(default_factory=lambda: os.getenv("ANTHROPIC_API_KEY", ""))
    hf_token: str | None = os.environ.get("HF_TOKEN")
    db_password: str = field(default_factory=lambda: read_secret("db_password"))


def read_secret(name: str) -> str:
    with open(f"/run/secrets/{name}") as fh:
        return fh.read().strip()


def validate_password(password: str) -> None:
    if len(password) < 12:
        raise ValueError("password must be at least 12 characters")
