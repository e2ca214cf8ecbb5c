"""Helpers for tests that talk to localstripe over HTTP, and for sending our own
signed webhook events (localstripe sends each event once and no refund events)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request

import stripe

WEBHOOK_PATH = "/api/v1/payments/stripe/webhook"


def register_webhook(localstripe: str, app_url: str, secret: str, name: str = "otop") -> None:
    """Point localstripe's webhook at the app under test (its /_config route)."""
    data = urllib.parse.urlencode({"url": app_url + WEBHOOK_PATH, "secret": secret}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{localstripe}/_config/webhooks/{name}", data=data),
                                timeout=10) as response:
        assert response.status == 200


def stripe_client(localstripe: str) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe})


def card_payment_method(localstripe: str, number: str = "4242424242424242") -> str:
    """A PaymentMethod as Stripe.js would create it in the browser."""
    method = stripe_client(localstripe).v1.payment_methods.create(params={
        "type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    })
    return method.id


def signed_event(secret: str, event_id: str, event_type: str, intent: dict) -> tuple[bytes, dict[str, str]]:
    """A webhook body and its ``Stripe-Signature`` header, signed as Stripe signs."""
    payload = json.dumps({
        "id": event_id, "object": "event", "type": event_type, "api_version": "2024-06-20",
        "created": int(time.time()), "data": {"object": {"object": "payment_intent", **intent}},
    }).encode()
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return payload, {"Stripe-Signature": f"t={timestamp},v1={signature}", "Content-Type": "application/json"}


def wait_for(predicate, *, timeout: float = 15.0, interval: float = 0.1):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"gave up waiting after {timeout} s")
