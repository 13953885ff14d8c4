import logging

import stripe
from django.conf import settings

logger = logging.getLogger(__name__)

stripe.api_key = settings.STRIPE_SECRET_KEY
stripe.max_network_retries = 2


def verify(payload: bytes, signature: str) -> stripe.Event:
    secret = settings.STRIPE_WEBHOOK_SECRET
    return stripe.Webhook.construct_event(payload, signature, secret)
