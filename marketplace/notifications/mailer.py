"""Sending the outbox: ``flask --app wsgi send-mail`` (console by default, SMTP by
configuration). A failure is recorded on the row and retried on the next run, so a
mail server being down loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import sys
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from typing import Any, Protocol, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import OutboxEmail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class ConsoleTransport:
    """Writes each email to a stream (standard output by default): for development.
    Headers and text are written as a person reads them, not MIME-encoded (a Thai
    subject would be ``=?utf-8?b?…?=`` and the body base64)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, message: EmailMessage) -> None:
        headers = "".join(f"{name}: {message[name]}\n" for name in ("From", "To", "Subject") if message[name])
        self.stream.write(headers + "\n" + message.get_content().rstrip("\n") + "\n" + "-" * 72 + "\n")
        self.stream.flush()


class SMTPTransport:
    def __init__(self, host: str, port: int, username: str = "", password: str = "", use_tls: bool = False,
                 timeout: float = 30.0) -> None:
        self.host, self.port, self.username, self.password = host, port, username, password
        self.use_tls, self.timeout = use_tls, timeout

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def transport_from_config(config: Mapping[str, Any]) -> Transport:
    if config.get("MAIL_BACKEND", "console") == "smtp":
        return SMTPTransport(config["MAIL_SERVER"], int(config["MAIL_PORT"]), config.get("MAIL_USERNAME", ""),
                             config.get("MAIL_PASSWORD", ""), bool(config.get("MAIL_USE_TLS")))
    return ConsoleTransport()


def send_pending(session: Session, *, render: Callable[[OutboxEmail], tuple[str, str]], transport: Transport,
                 sender: str, now: dt.datetime, batch: int = 100) -> tuple[int, int]:
    """Send up to ``batch`` unsent emails, oldest first, one transaction each.
    ``render(email)`` gives its subject and text. On PostgreSQL each email is locked
    while it is sent (SKIP LOCKED), so runs that overlap never take the same one.
    Delivery is at least once: a crash between sending and recording sends it again.
    Returns ``(sent, failed)``."""
    lock = session.get_bind().dialect.name == "postgresql"
    sent = failed = 0
    last_id = 0
    for _ in range(batch):
        query = (select(OutboxEmail)
                 .where(OutboxEmail.sent_at.is_(None), OutboxEmail.attempts < MAX_ATTEMPTS, OutboxEmail.id > last_id)
                 .order_by(OutboxEmail.id).limit(1))
        email = session.scalars(query.with_for_update(skip_locked=True) if lock else query).first()
        if email is None:
            break
        last_id = email.id
        try:
            subject, body = render(email)
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = sender, email.to_email, subject
            message.set_content(body)
            transport.send(message)
        except Exception as error:  # noqa: BLE001  (any failure is recorded and retried next run)
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            log.warning("Email %s to %s failed (attempt %s): %s", email.id, email.to_email, email.attempts, error)
            failed += 1
        else:
            email.sent_at = now
            email.attempts += 1
            sent += 1
        session.commit()
    return sent, failed
