"""Provider events, each handled exactly once.

The event id is stored first (its primary key makes a replay, or the same event
arriving twice at once, a no-op), then the event is dispatched on its type. Late and
out-of-order events are safe because every handler looks at where the payment and
the order stand now: a paid order never goes back to unpaid.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..fulfilment.models import Fulfilment
from ..payments.gateway import PaymentGateway, WebhookEvent
from ..payments.models import Payment, ProviderEvent
from .models import Order
from .services import mark_failed, mark_paid

log = logging.getLogger(__name__)

HANDLED = frozenset({"payment_intent.succeeded", "payment_intent.payment_failed"})


def already_handled(session: Session, event_id: str) -> bool:
    return session.get(ProviderEvent, event_id) is not None


def handle_event(session: Session, event: WebhookEvent, *, gateway: PaymentGateway,
                 now: dt.datetime) -> str:
    """Record and apply one verified event; returns what happened (for the log and
    the answer). The caller commits; an ``IntegrityError`` on flush means the same
    event is being handled concurrently: roll back and answer that it is a duplicate."""
    if already_handled(session, event.id):
        return "duplicate"
    session.add(ProviderEvent(id=event.id, provider=gateway.provider, type=event.type, received_at=now))
    session.flush()
    if event.type not in HANDLED or event.intent is None:
        return "ignored"
    payment = session.scalar(
        select(Payment).where(Payment.intent_id == event.intent.id).options(
            selectinload(Payment.order).selectinload(Order.fulfilments).selectinload(Fulfilment.lines)
        )
    )
    if payment is None:
        log.warning("Stripe event %s for unknown payment intent %s", event.id, event.intent.id)
        return "unknown_intent"
    if event.type == "payment_intent.payment_failed":
        mark_failed(session, payment.order, payment, message=event.intent.error_message, now=now)
        return "failed"
    outcome = mark_paid(session, payment.order, payment, amount_satang=event.intent.amount_satang,
                        currency=event.intent.currency, now=now, gateway=gateway)
    if outcome == "amount_mismatch":
        log.error("Stripe event %s: amount %s %s differs from order %s (%s %s); not marked paid",
                  event.id, event.intent.amount_satang, event.intent.currency, payment.order.number,
                  payment.amount_satang, payment.currency)
    return outcome
