"""Turning an outbox row into the email's subject and text, in the recipient's language."""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template, url_for
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..notifications.models import OutboxEmail
from .models import Order
from .services import ORDER_LOAD


def email_renderer(session: Session) -> Callable[[OutboxEmail], tuple[str, str]]:
    """A ``render(email) -> (subject, text)`` for ``send_pending``; needs a request
    context whose base URL is the site's public address (``PUBLIC_BASE_URL``), for links."""

    def render(email: OutboxEmail) -> tuple[str, str]:
        context = dict(email.context or {})
        if "order_id" in context:
            context["order"] = session.scalar(select(Order).where(Order.id == context["order_id"])
                                              .options(*ORDER_LOAD))
            if context["order"] is None:
                raise LookupError(f"order {context['order_id']} no longer exists")
        with force_locale(email.language or "th"):
            if context.get("order") is not None:
                context["order_url"] = url_for("orders.detail", order_id=context["order"].id, _external=True)
            subject = render_template(f"email/{email.template}.subject.txt", **context).strip()
            body = render_template(f"email/{email.template}.txt", **context)
        return " ".join(subject.split()), body

    return render
