"""Queueing emails in the outbox (services call this; nothing is sent here)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..accounts.models import User
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
