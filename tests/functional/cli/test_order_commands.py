"""``flask --app wsgi expire-orders`` and ``send-mail`` on the rolled-back app."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.db import utcnow
from marketplace.money import format_satang
from marketplace.notifications import mailer
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.models import Order
from marketplace.orders.services import current_payment, mark_paid
from marketplace.orders.states import OrderStatus
from tests.factories import FakeGateway, make_listing, make_slot, make_user, place


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


@pytest.fixture
def goods(session):
    return make_listing(session, stock=20, price_satang=12500, title_th="น้ำพริกหนุ่ม")


@pytest.fixture
def slot(session):
    return make_slot(session, make_listing(session, kind=ListingKind.TOUR, max_group=6), capacity=8)


def stock(session, listing) -> int:
    session.expire_all()
    return session.scalar(select(Listing.stock).where(Listing.id == listing.id))


def seats(session, slot) -> int:
    session.expire_all()
    return session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id))


def status(session, order) -> OrderStatus:
    session.expire_all()
    return session.scalar(select(Order.status).where(Order.id == order.id))


def count(session, model, *where) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model).where(*where))


# -- expire-orders -------------------------------------------------------------------------------

def test_expire_orders_releases_unpaid_orders_past_their_window_exactly_once(cli, session, goods, slot):
    buyer = make_user(session)
    gateway = FakeGateway()
    long_ago = utcnow() - dt.timedelta(hours=2)
    due = [
        place(session, buyer, (goods, 2), payment_method="promptpay", now=long_ago),
        place(session, buyer, (goods, 1), (slot.listing, 3, slot), payment_method="card", gateway=gateway,
              now=long_ago),
    ]
    cod = place(session, buyer, (goods, 1), payment_method="cod", now=long_ago)
    paid = place(session, buyer, (goods, 1), payment_method="card", gateway=gateway, now=long_ago)
    mark_paid(session, paid, current_payment(paid), amount_satang=paid.total_satang, currency="THB",
              now=long_ago + dt.timedelta(minutes=1), gateway=gateway)
    fresh = place(session, buyer, (goods, 1), payment_method="promptpay")
    short = place(session, buyer, (goods, 4), payment_method="promptpay")
    short.expires_at = utcnow() - dt.timedelta(seconds=1)  # a window that has just closed
    due.append(short)
    session.flush()
    assert (stock(session, goods), seats(session, slot)) == (20 - 2 - 1 - 1 - 1 - 1 - 4, 3)
    emails_before = count(session, OutboxEmail)

    result = cli.invoke(args=["expire-orders"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 unpaid order(s) expired")
    assert [status(session, order) for order in due] == [OrderStatus.EXPIRED] * 3
    assert status(session, cod) is OrderStatus.PLACED
    assert status(session, paid) is OrderStatus.PLACED
    assert status(session, fresh) is OrderStatus.AWAITING_PAYMENT
    assert (stock(session, goods), seats(session, slot)) == (20 - 1 - 1 - 1, 0)
    assert count(session, AuditEntry, AuditEntry.action == "order.expired") == 3
    assert count(session, OutboxEmail) == emails_before + 3
    assert count(session, OutboxEmail, OutboxEmail.template == "order_expired") == 3

    again = cli.invoke(args=["expire-orders"])
    assert again.exit_code == 0, again.output
    assert again.output.startswith("0 unpaid order(s) expired")
    assert (stock(session, goods), seats(session, slot)) == (17, 0)
    assert count(session, AuditEntry, AuditEntry.action == "order.expired") == 3
    assert count(session, OutboxEmail) == emails_before + 3


def test_expire_orders_with_nothing_to_do(cli, session, goods):
    place(session, make_user(session), (goods, 1), payment_method="promptpay")
    result = cli.invoke(args=["expire-orders"])
    assert result.exit_code == 0
    assert result.output.startswith("0 unpaid order(s) expired")
    assert stock(session, goods) == 19


# -- send-mail -----------------------------------------------------------------------------------

def subject_in(app, language: str, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(msgid, **values)


def test_send_mail_renders_and_sends_the_outbox_once(app, cli, session, goods):
    thai = make_user(session, email="somchai@example.test")
    english = make_user(session, email="alex@example.test", language="en")
    ordered = place(session, thai, (goods, 3))
    paid_later = place(session, english, (goods, 1), payment_method="promptpay")
    assert count(session, OutboxEmail, OutboxEmail.sent_at.is_(None)) == 2

    result = cli.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    output = result.output
    assert output.rstrip().endswith("2 email(s) sent, 0 failed (they will be retried)")
    assert subject_in(app, "th", "Order %(number)s received", number=ordered.number) in output
    assert f"Subject: Order {paid_later.number} received" in output
    assert "To: somchai@example.test" in output and "To: alex@example.test" in output
    assert format_satang(ordered.total_satang) == "฿425.00"  # 3 × 125.00 + 50.00 shipping
    assert f"{subject_in(app, 'th', 'Total')}: ฿425.00" in output and "Total: ฿175.00" in output
    assert "น้ำพริกหนุ่ม" in output
    assert f"http://127.0.0.1:5000/orders/{ordered.id}" in output
    assert "We are holding your items until the payment arrives." in output

    session.expire_all()
    emails = session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)).all()
    assert [(email.to_email, email.template, email.attempts, email.last_error) for email in emails] == [
        ("somchai@example.test", "order_placed", 1, None), ("alex@example.test", "order_placed", 1, None)]
    assert all(email.sent_at is not None for email in emails)

    again = cli.invoke(args=["send-mail"])
    assert again.exit_code == 0
    assert again.output.strip() == "0 email(s) sent, 0 failed (they will be retried)"


class DownTransport:
    def send(self, message) -> None:
        raise ConnectionRefusedError("mail server down")


def test_a_failed_send_is_kept_and_retried_on_the_next_run(cli, session, goods, monkeypatch):
    order = place(session, make_user(session), (goods, 1))
    monkeypatch.setattr(mailer, "transport_from_config", lambda config: DownTransport())

    failed = cli.invoke(args=["send-mail"])
    assert failed.exit_code == 0, failed.output
    assert failed.output.strip() == "0 email(s) sent, 1 failed (they will be retried)"
    session.expire_all()
    (email,) = session.scalars(select(OutboxEmail)).all()
    assert (email.sent_at, email.attempts) == (None, 1)
    assert email.last_error == "ConnectionRefusedError: mail server down"

    monkeypatch.undo()
    sent = cli.invoke(args=["send-mail"])
    assert sent.output.rstrip().endswith("1 email(s) sent, 0 failed (they will be retried)")
    assert order.number in sent.output
    session.expire_all()
    email = session.get(OutboxEmail, email.id)
    assert email.sent_at is not None and email.attempts == 2


def test_each_change_of_an_order_is_announced(app, cli, session, goods):
    """Placed, paid, refunded, cancelled: one email each, rendered in the buyer's language."""
    from marketplace.orders.services import cancel_order

    buyer = make_user(session, language="en")
    order = place(session, buyer, (goods, 1), payment_method="promptpay")
    mark_paid(session, order, current_payment(order), amount_satang=order.total_satang, currency="THB",
              now=utcnow(), gateway=None, reference="SCB 1234")
    cancel_order(session, buyer, order, now=utcnow(), gateway=None)

    output = cli.invoke(args=["send-mail"]).output
    assert f"Subject: Order {order.number} received" in output
    assert f"Subject: Payment received for order {order.number}" in output
    assert f"Subject: Order {order.number} was cancelled" in output
    assert f"Subject: Refund for order {order.number}" in output
    assert "4 email(s) sent, 0 failed" in output


def test_batch_limits_one_run(cli, session, goods):
    buyer = make_user(session)
    for _ in range(3):
        place(session, buyer, (goods, 1))
    assert "2 email(s) sent" in cli.invoke(args=["send-mail", "--batch", "2"]).output
    assert "1 email(s) sent" in cli.invoke(args=["send-mail", "--batch", "2"]).output
