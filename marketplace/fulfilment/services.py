"""The one way a fulfilment changes status.

``transition()`` checks the move against ``TRANSITIONS``, applies it with a
conditional UPDATE on the old status (so two staff clicking at once cannot both
succeed, on SQLite as on PostgreSQL), stamps the times, and writes the audit row.
Effects that belong to a move (refunds, stock, emails) are the callers' services.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, or_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import User
from ..audit.services import record
from ..db import rowcount
from ..errors import InvalidTransition
from .models import Fulfilment
from .states import FINAL_STATUSES, FulfilmentStatus, allowed_next

S = FulfilmentStatus


def transition(session: Session, fulfilment: Fulfilment, to: FulfilmentStatus, *, actor: User | None,
               now: dt.datetime, note: str | None = None) -> None:
    """Move ``fulfilment`` to ``to``. Raises ``InvalidTransition`` (409) when the move
    is not in the table (out of ``cancelled`` only for a fulfilment its order's expiry
    cancelled), or when someone else moved it first."""
    current = fulfilment.status
    if to not in allowed_next(fulfilment.kind, current) or (current is S.CANCELLED and not fulfilment.expired):
        raise InvalidTransition(f"A {fulfilment.kind.value} fulfilment cannot go from {current.value} to {to.value}")
    values: dict[str, object] = {"status": to, "status_changed_at": now}
    if to is S.NEW:
        values["new_at"] = now
    elif to is S.SHIPPED:
        values["shipped_at"] = now
    values["done_at"] = now if to in FINAL_STATUSES else None
    moved = rowcount(session.execute(
        update(Fulfilment)
        .where(Fulfilment.id == fulfilment.id, Fulfilment.status == current)
        .values(**values)
        .execution_options(synchronize_session=False)
    ))
    if moved != 1:
        raise InvalidTransition("This fulfilment was changed by someone else; reload and try again")
    for name, value in values.items():
        set_committed_value(fulfilment, name, value)  # already written by the UPDATE
    record(session, "fulfilment.transition", subject_type="fulfilment", subject_id=fulfilment.id,
           company_id=fulfilment.company_id, order_id=fulfilment.order_id, fulfilment_id=fulfilment.id, actor=actor,
           at=now, from_status=current.value, to_status=to.value, note=note)


ACCEPT_WITHIN = dt.timedelta(hours=48)
SHIP_WITHIN = dt.timedelta(days=5)


def is_late(fulfilment: Fulfilment, now: dt.datetime) -> bool:
    """Late: not accepted (or confirmed) within 48 hours of becoming new, or goods
    not shipped within 5 days of it."""
    if fulfilment.new_at is None:
        return False
    waited = now - fulfilment.new_at
    if fulfilment.status is S.NEW:
        return waited > ACCEPT_WITHIN
    if fulfilment.status in (S.ACCEPTED, S.PACKED):
        return waited > SHIP_WITHIN
    return False


def late_at(now: dt.datetime) -> ColumnElement[bool]:
    """``is_late`` as SQL: new and not accepted (or confirmed) within 48 hours of becoming
    new, or accepted or packed and not shipped within 5 days of it."""
    return or_(
        and_(Fulfilment.status == S.NEW, Fulfilment.new_at < now - ACCEPT_WITHIN),
        and_(Fulfilment.status.in_((S.ACCEPTED, S.PACKED)), Fulfilment.new_at < now - SHIP_WITHIN),
    )
