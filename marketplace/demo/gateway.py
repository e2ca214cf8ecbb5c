"""The card provider of the demo history: a ``PaymentGateway`` that answers at once.

The history's card orders are paid the way Stripe's are, through the payment webhook's
handler (``orders.payment_events.handle_event``) with a ``payment_intent.succeeded``
event, and refunded through ``gateway.refund``; only the provider is made up. Its
intents, events and refunds carry ``demo`` ids, so they can never be mistaken for a
real provider's. The running app never uses it: it is not a configurable provider.
"""

from __future__ import annotations

from ..payments.gateway import BadSignature, Intent, ProviderRefund, WebhookEvent
from ..payments.models import Payment, PaymentMethod

SUCCEEDED = "payment_intent.succeeded"


class DemoGateway:
    """Card payments that always go through, refunds that always succeed."""

    provider = "demo"
    methods = frozenset({PaymentMethod.CARD})

    def create_intent(self, *, amount_satang: int, currency: str, method: PaymentMethod, order_id: int,
                      order_number: str) -> Intent:
        intent_id = f"pi_demo_{order_number}"
        return Intent(id=intent_id, status="requires_payment_method", amount_satang=amount_satang,
                      currency=currency, client_secret=f"{intent_id}_secret_demo",
                      metadata={"order_id": str(order_id), "order_number": order_number})

    def confirm(self, intent_id: str, payment_method_id: str) -> Intent:
        raise NotImplementedError("the demo history pays with succeeded() events, never from a browser")

    def refund(self, intent_id: str, amount_satang: int, *, idempotency_key: str) -> ProviderRefund:
        return ProviderRefund(id=f"re_demo_{idempotency_key}", status="succeeded", amount_satang=amount_satang)

    def parse_webhook(self, payload: bytes, signature: str | None) -> WebhookEvent:
        raise BadSignature("the demo provider sends no webhooks")

    def succeeded(self, payment: Payment) -> WebhookEvent:
        """The event the provider would send once ``payment``'s card was charged in full."""
        if payment.intent_id is None:
            raise ValueError(f"payment {payment.id} has no intent")
        intent = Intent(id=payment.intent_id, status="succeeded", amount_satang=payment.amount_satang,
                        currency=payment.currency)
        return WebhookEvent(id=f"evt_demo_{payment.intent_id}", type=SUCCEEDED, intent=intent)
