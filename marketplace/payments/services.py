"""The money side of an order: its payment created (with the provider's intent),
the one writer of payment statuses, and refunds."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import User
from ..audit.services import record
from ..db import rowcount
from ..errors import InvalidTransition
from ..notifications.services import queue_email
from .gateway import PaymentGateway
from .models import Payment, PaymentMethod, Refund, RefundStatus
from .states import PAYMENT_TRANSITIONS, REFUNDABLE_STATUSES, PaymentStatus


def set_payment_status(session: Session, payment: Payment, to: PaymentStatus, *, now: dt.datetime,
                       actor: User | None = None, note: str | None = None) -> None:
    """Move ``payment`` to ``to`` and write the order's audit row. Raises
    ``InvalidTransition`` (409) when ``PAYMENT_TRANSITIONS`` does not allow the move,
    or when another transaction moved the payment first (the UPDATE is conditional on
    the status this one read)."""
    current = payment.status
    if to not in PAYMENT_TRANSITIONS[current]:
        raise InvalidTransition(f"A payment cannot go from {current.value} to {to.value}")
    moved = rowcount(session.execute(
        update(Payment).where(Payment.id == payment.id, Payment.status == current)
        .values(status=to, updated_at=now).execution_options(synchronize_session=False)
    ))
    if moved != 1:
        session.refresh(payment, ["status"])
        raise InvalidTransition("This payment was changed meanwhile; reload and try again")
    set_committed_value(payment, "status", to)
    set_committed_value(payment, "updated_at", now)
    record(session, "payment.status", subject_type="payment", subject_id=payment.id, order_id=payment.order_id,
           actor=actor, at=now, from_status=current.value, to_status=to.value, note=note)


MANUAL_PROMPTPAY = "promptpay_manual"


def new_payment(*, order_id: int, order_number: str, method: PaymentMethod, amount_satang: int, currency: str,
                gateway: PaymentGateway | None) -> Payment:
    """The payment of a new order: cash due on delivery; a card (or Stripe's PromptPay)
    payment pending on the provider's intent; or, without a provider, a PromptPay QR
    code for a transfer that the admin confirms by hand."""
    payment = Payment(order_id=order_id, method=method, amount_satang=amount_satang, currency=currency)
    if method is PaymentMethod.COD:
        payment.provider, payment.status = "cod", PaymentStatus.DUE_ON_DELIVERY
    elif gateway is not None and method in gateway.methods:
        intent = gateway.create_intent(amount_satang=amount_satang, currency=currency, method=method,
                                       order_id=order_id, order_number=order_number)
        payment.provider, payment.status = gateway.provider, PaymentStatus.PENDING
        payment.intent_id, payment.client_secret = intent.id, intent.client_secret
    else:
        payment.provider, payment.status = MANUAL_PROMPTPAY, PaymentStatus.PENDING
    return payment


def refund_payment(session: Session, payment: Payment, amount_satang: int, *, gateway: PaymentGateway | None,
                   now: dt.datetime, key: str, fulfilment_id: int | None = None) -> None:
    """Give back ``amount_satang`` of a received payment, never more than is left.
    Card payments are refunded through the provider; a manual PromptPay refund is
    recorded as pending for the admin to transfer. ``fulfilment_id`` names the part
    refunded, when a part is. The buyer is emailed whenever money goes back."""
    remaining = payment.amount_satang - payment.refunded_satang
    amount = min(amount_satang, remaining)
    if amount <= 0 or payment.status not in REFUNDABLE_STATUSES:
        return
    refund = Refund(payment=payment, fulfilment_id=fulfilment_id, amount_satang=amount, created_at=now,
                    status=RefundStatus.PENDING)
    if payment.intent_id is not None and gateway is not None:
        result = gateway.refund(payment.intent_id, amount, idempotency_key=key)
        refund.provider_refund_id = result.id
        refund.status = RefundStatus.SUCCEEDED if result.status == "succeeded" else RefundStatus.PENDING
    session.add(refund)
    payment.refunded_satang += amount
    after = PaymentStatus.REFUNDED if payment.refunded_satang == payment.amount_satang \
        else PaymentStatus.PARTIALLY_REFUNDED
    if after is not payment.status:
        set_payment_status(session, payment, after, now=now)
    queue_email(session, payment.order.consumer, "order_refunded", order_id=payment.order_id)
    session.flush()
