"""The outbox: emails written in the same transaction as the change they announce,
and sent later by ``flask --app wsgi send-mail``, so a mail server being down loses nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UTCDateTime, utcnow


class OutboxEmail(Base):
    """One email to send. ``template`` names ``templates/email/<template>.txt`` (and
    ``.subject.txt``), rendered at send time with ``context`` in ``language``."""

    __tablename__ = "outbox_emails"
    __table_args__ = (Index("ix_outbox_emails_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    template: Mapped[str] = mapped_column(String(60))
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(5), default="th")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
