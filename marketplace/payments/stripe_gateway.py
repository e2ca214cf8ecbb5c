"""Stripe PaymentIntents: the only module that imports stripe.

Server-side confirmation: the browser creates a PaymentMethod with Stripe.js (card
data never reaches us), we attach it to the order's PaymentIntent and confirm. The
order becomes paid only when the signed ``payment_intent.succeeded`` webhook arrives.
"""

from __future__ import annotations

from typing import Any

import stripe

from ..errors import PaymentFailed
from .gateway import BadSignature, Intent, ProviderRefund, WebhookEvent
from .models import PaymentMethod

STRIPE_METHOD_TYPES = {PaymentMethod.CARD: "card", PaymentMethod.PROMPTPAY: "promptpay"}


def _plain(obj: Any) -> dict[str, Any]:
    """stripe's objects are not dicts (since stripe 15): read them as plain data."""
    plain: dict[str, Any] = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    return plain


def _intent(stripe_object: Any) -> Intent:
    obj = _plain(stripe_object)
    error = obj.get("last_payment_error") or {}
    return Intent(
        id=obj["id"], status=obj["status"], amount_satang=int(obj["amount"]), currency=obj["currency"].upper(),
        client_secret=obj.get("client_secret"), error_message=error.get("message") if error else None,
        next_action=obj.get("next_action"), metadata=dict(obj.get("metadata") or {}),
    )


class StripeGateway:
    provider = "stripe"
    methods = frozenset({PaymentMethod.CARD, PaymentMethod.PROMPTPAY})

    def __init__(self, secret_key: str, webhook_secret: str, api_base: str | None = None) -> None:
        self.webhook_secret = webhook_secret
        self.client = stripe.StripeClient(secret_key, max_network_retries=2,
                                          base_addresses={"api": api_base.rstrip("/")} if api_base else None)

    def create_intent(self, *, amount_satang: int, currency: str, method: PaymentMethod, order_id: int,
                      order_number: str) -> Intent:
        intent = self.client.v1.payment_intents.create(
            params={
                "amount": amount_satang,
                "currency": currency.lower(),
                # stripe 16 types only allowed_payment_method_types; localstripe knows only this name
                "payment_method_types": [STRIPE_METHOD_TYPES[method]],  # type: ignore[typeddict-unknown-key]
                "metadata": {"order_id": str(order_id), "order_number": order_number},
            },
            options={"idempotency_key": f"order-{order_id}-intent"},
        )
        return _intent(intent)

    def confirm(self, intent_id: str, payment_method_id: str) -> Intent:
        try:
            self.client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method_id})
            intent = self.client.v1.payment_intents.confirm(intent_id)
        except stripe.CardError as error:
            raise PaymentFailed(error.user_message or "The card was declined") from error
        except stripe.InvalidRequestError as error:
            raise PaymentFailed(error.user_message or "The payment could not be confirmed") from error
        result = _intent(intent)
        if result.status == "requires_payment_method":
            raise PaymentFailed(result.error_message or "The card was declined")
        return result

    def refund(self, intent_id: str, amount_satang: int, *, idempotency_key: str) -> ProviderRefund:
        refund = self.client.v1.refunds.create(
            params={"payment_intent": intent_id, "amount": amount_satang},
            options={"idempotency_key": idempotency_key},
        )
        return ProviderRefund(id=refund.id, status=refund.status, amount_satang=int(refund.amount))

    def parse_webhook(self, payload: bytes, signature: str | None) -> WebhookEvent:
        try:
            event = stripe.Webhook.construct_event(payload, signature or "", self.webhook_secret)
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise BadSignature(str(error)) from error
        obj = _plain(event.data.object)
        if obj.get("object") != "payment_intent":
            return WebhookEvent(id=event.id, type=event.type, intent=None)
        return WebhookEvent(id=event.id, type=event.type, intent=_intent(obj))
