"""Webhook tests. Every key and password here is a fixture for mocked HTTP, not a credential."""
import json

import pytest
from django.urls import reverse

FAKE_WEBHOOK_SECRET = "whsec_test_fixture_not_a_real_secret"
FAKE_API_KEY = "sk_test_fake_key_for_unit_tests"


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="alice", password="alice-test-pw")


def test_login(client, user):
    assert client.login(username="alice", password="alice-test-pw")


def test_rejects_bad_signature(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = FAKE_WEBHOOK_SECRET
    response = client.post(reverse("stripe-webhook"), data=json.dumps({"type": "charge.succeeded"}),
                           content_type="application/json", HTTP_STRIPE_SIGNATURE="t=1,v1=deadbeef")
    assert response.status_code == 400
