"""Every change of an order that the buyer hears about writes exactly one email to
the outbox, in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from marketplace.errors import OutOfStock, ValidationError
from marketplace.notifications.mailer import ConsoleTransport
from marketplace.notifications.models import OutboxEmail
from marketplace.notifications.services import queue_email
from marketplace.orders.models import Order
from marketplace.orders.payment_events import handle_event
from marketplace.orders.services import cancel_order, current_payment, expire_orders, mark_paid
from marketplace.payments.gateway import Intent, WebhookEvent
from tests.factories import FakeGateway, make_listing, make_user, place

NOW = dt.datetime(2025, 6, 1, 5, 0, tzinfo=dt.UTC)


@pytest.fixture
def buyer(session):
    return make_user(session, email="malee@example.test")


@pytest.fixture
def listing(session):
    return make_listing(session, stock=3)


def outbox(session) -> list[tuple[str, int | None]]:
    return [(email.template, email.context.get("order_id"))
            for email in session.scalars(select(OutboxEmail).order_by(OutboxEmail.id))]


def test_placing_queues_one_email_for_the_buyer(session, buyer, listing):
    order = place(session, buyer, (listing, 1))
    (email,) = session.scalars(select(OutboxEmail)).all()
    assert (email.to_email, email.user_id, email.template, email.context, email.language) == (
        "malee@example.test", buyer.id, "order_placed", {"order_id": order.id}, "th")
    assert (email.sent_at, email.attempts, email.last_error) == (None, 0, None)


def test_the_email_follows_the_buyers_language(session, listing):
    place(session, make_user(session, language="en"), (listing, 1))
    assert session.scalar(select(OutboxEmail.language)) == "en"


def test_paying_refunding_cancelling_and_expiring_queue_one_email_each(session, buyer, listing):
    gateway = FakeGateway()
    paid = place(session, buyer, (listing, 1), payment_method="card", gateway=gateway, now=NOW)
    handle_event(session, WebhookEvent(id="evt_1", type="payment_intent.succeeded", intent=Intent(
        id=current_payment(paid).intent_id, status="succeeded", amount_satang=paid.total_satang, currency="THB")),
        gateway=gateway, now=NOW)
    handle_event(session, WebhookEvent(id="evt_1", type="payment_intent.succeeded", intent=None),
                 gateway=gateway, now=NOW)  # the same event again: nothing more
    cancel_order(session, buyer, paid, now=NOW, gateway=gateway)
    left = place(session, buyer, (listing, 1), payment_method="promptpay", now=NOW)
    expire_orders(session, now=NOW + dt.timedelta(hours=1))
    expire_orders(session, now=NOW + dt.timedelta(hours=2))

    assert outbox(session) == [("order_placed", paid.id), ("order_paid", paid.id), ("order_refunded", paid.id),
                               ("order_cancelled", paid.id), ("order_placed", left.id), ("order_expired", left.id)]


def test_a_payment_that_is_not_taken_announces_nothing(session, buyer, listing):
    order = place(session, buyer, (listing, 1), payment_method="promptpay", now=NOW)
    mark_paid(session, order, current_payment(order), amount_satang=1, currency="THB", now=NOW, gateway=None)
    assert outbox(session) == [("order_placed", order.id)]


def test_a_failed_placement_queues_nothing(session, buyer, listing):
    with pytest.raises(OutOfStock):
        with session.begin_nested():
            place(session, buyer, (listing, 4))
    with pytest.raises(ValidationError):
        with session.begin_nested():
            place(session, buyer, (listing, 1), postal_code="10110")
    assert outbox(session) == []
    assert session.scalar(select(Order.id)) is None


def test_the_email_is_part_of_the_orders_transaction(session, buyer, listing):
    """Rolled back with the order it announces: no email about an order that never was."""
    savepoint = session.begin_nested()
    place(session, buyer, (listing, 2))
    assert len(outbox(session)) == 1
    savepoint.rollback()
    assert outbox(session) == []
    assert session.scalar(select(Order.id)) is None


def test_unknown_templates_are_refused(session, buyer):
    with pytest.raises(ValueError, match="unknown email template"):
        queue_email(session, buyer, "order_teleported", order_id=1)


def test_the_console_transport_writes_what_a_person_reads():
    message = EmailMessage()
    message["From"], message["To"] = "no-reply@otop.example", "malee@example.test"
    message["Subject"] = "ได้รับคำสั่งซื้อ OT-250601-ABCDEF แล้ว"
    message.set_content("ยอดรวม: ฿1,250.00\n")
    stream = io.StringIO()
    ConsoleTransport(stream).send(message)
    text = stream.getvalue()
    assert "Subject: ได้รับคำสั่งซื้อ OT-250601-ABCDEF แล้ว\n" in text
    assert "To: malee@example.test\n" in text
    assert "\nยอดรวม: ฿1,250.00\n" in text
    assert "=?utf-8?" not in text


def test_settling_unsent_emails_touches_only_those_users_and_the_later_ones(session, buyer):
    from marketplace.notifications.services import settle_unsent

    other = make_user(session)
    before = queue_email(session, buyer, "order_placed", order_id=1)
    session.flush()
    later = queue_email(session, buyer, "order_paid", order_id=1)
    someone_else = queue_email(session, other, "order_paid", order_id=2)
    session.flush()

    assert settle_unsent(session, user_ids=[buyer.id], after_id=before.id, at=NOW) == 1

    session.expire_all()
    assert (later.sent_at, later.attempts) == (NOW, 0)  # done, never attempted
    assert before.sent_at is None and someone_else.sent_at is None
    assert settle_unsent(session, user_ids=[buyer.id], after_id=before.id, at=NOW) == 0
    assert settle_unsent(session, user_ids=[], after_id=0, at=NOW) == 0
