"""The payment provider, behind a small protocol.

Orders talk to ``PaymentGateway``; ``stripe_gateway.StripeGateway`` is the one module
that imports stripe. Without Stripe keys there is no gateway: cards are unavailable
and PromptPay falls back to a QR code confirmed by hand (``promptpay.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .models import PaymentMethod


@dataclass(frozen=True)
class Intent:
    """A provider's payment intent as far as we care."""

    id: str
    status: str
    amount_satang: int
    currency: str
    client_secret: str | None = None
    error_message: str | None = None
    next_action: dict[str, Any] | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderRefund:
    id: str
    status: str | None  # Stripe's refund may have none yet: pending
    amount_satang: int


@dataclass(frozen=True)
class WebhookEvent:
    """A verified provider event about a payment intent."""

    id: str
    type: str
    intent: Intent | None  # None for events about other objects


class BadSignature(Exception):
    """The webhook's signature did not verify against the raw body."""


class PaymentGateway(Protocol):
    provider: str
    methods: frozenset[PaymentMethod]

    def create_intent(self, *, amount_satang: int, currency: str, method: PaymentMethod, order_id: int,
                      order_number: str) -> Intent: ...

    def confirm(self, intent_id: str, payment_method_id: str) -> Intent:
        """Attach the client's payment method and confirm on the server. Raises
        ``PaymentFailed`` with the provider's message when it is declined."""

    def refund(self, intent_id: str, amount_satang: int, *, idempotency_key: str) -> ProviderRefund: ...

    def parse_webhook(self, payload: bytes, signature: str | None) -> WebhookEvent:
        """Verify the signature over the raw body. Raises ``BadSignature``."""
