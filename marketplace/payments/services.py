"""The one writer of payment statuses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import User
from ..db import rowcount
from ..errors import InvalidTransition
from ..orders.models import OrderEvent
from .models import Payment
from .states import PAYMENT_TRANSITIONS, PaymentStatus


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
    session.add(OrderEvent(order_id=payment.order_id, actor_id=actor.id if actor is not None else None,
                           action="payment", from_status=current.value, to_status=to.value, note=note,
                           created_at=now))
