"""Shared fixtures. The credentials below are fakes: the HTTP layer is mocked with responses."""
import pytest


@pytest.fixture
def settings(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-fake-openai-key")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("STRIPE_API_KEY", "sk_live_FAKEFAKEFAKEFAKEFAKEFAKE")
    monkeypatch.setenv("DB_PASSWORD", "test")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAXXXXXXXXXXXXXXXX")
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_000000000000000000000000000000000000")


@pytest.fixture
def api_key():
    return "test-api-key"
