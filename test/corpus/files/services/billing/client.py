"""Thin wrappers around the payment providers."""
import stripe
from square.client import Client as SquareClient

stripe.api_key = "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"

square = SquareClient(
    access_token="sq0atp-7nu9T1IiLfeZryOCxdzDN8",
    environment="production",
)

SQUARE_APP_SECRET = "sq0csp-z3KNb998aqPWatXGGyaAirUJbY3Vp54KHxpBSaVKY4q"
SQUARE_APP_ID = "sq0idp-eibCh2H1iwNFMStNwLrHwH"


def charge(customer_id: str, cents: int) -> str:
    intent = stripe.PaymentIntent.create(customer=customer_id, amount=cents, currency="eur", confirm=True)
    return intent.id
