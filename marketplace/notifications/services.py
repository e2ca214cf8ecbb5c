"""Queueing emails in the outbox (services call this; nothing is sent here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..db import rowcount
from .models import OutboxEmail

TEMPLATES = frozenset({
    "order_placed", "order_paid", "order_shipped", "order_cancelled", "order_expired", "order_refunded",
})


def queue_email(session: Session, user: User, template: str, **context: Any) -> OutboxEmail:
    """Write an email for ``user`` to the outbox in the caller's transaction.
    ``ValueError`` for a template the mailer does not know."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown email template {template!r}")
    email = OutboxEmail(to_email=user.email, user_id=user.id, template=template, context=context,
                        language=getattr(user, "language", None) or "th")
    session.add(email)
    return email


def settle_unsent(session: Session, *, user_ids: Collection[int], after_id: int, at: dt.datetime) -> int:
    """Mark as done, without sending them, the unsent emails to ``user_ids`` queued after
    outbox row ``after_id``: for a simulated past (the demo's order history), whose emails
    announce things long over. They keep ``attempts`` at 0, which tells them from emails
    that were sent. Returns how many."""
    if not user_ids:
        return 0
    session.flush()
    return rowcount(session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.id > after_id, OutboxEmail.user_id.in_(list(user_ids)), OutboxEmail.sent_at.is_(None))
        .values(sent_at=at)
        .execution_options(synchronize_session=False)
    ))
