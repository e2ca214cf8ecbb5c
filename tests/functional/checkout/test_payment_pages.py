"""Paying: the PromptPay QR page, the national admin's confirmation of transfers, and
the status the payment pages poll (what was recorded, never what the browser says)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.clock import BANGKOK
from marketplace.db import utcnow
from marketplace.errors import Conflict, Forbidden, ValidationError
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Order
from marketplace.orders.services import confirm_promptpay_transfer, expire_orders
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment, PaymentMethod
from marketplace.payments.states import PaymentStatus
from marketplace.promptpay import promptpay_payload, qr_svg
from tests.factories import make_listing, make_order, make_user

from .conftest import PROMPTPAY_ID, sign_in


@pytest.fixture
def promptpay_order(shopper, session):
    listing = make_listing(session, stock=5, price_satang=25000)
    shopper.add(listing, 2)
    order = session.get(Order, shopper.checkout(payment_method="promptpay"))
    return order


def payment_of(session, order) -> Payment:
    session.expire_all()
    return session.scalar(select(Payment).where(Payment.order_id == order.id))


def test_the_promptpay_page_shows_the_qr_code_amount_and_deadline(shopper, promptpay_order):
    order = promptpay_order

    page = shopper.client.get(f"/orders/{order.id}/pay").get_data(as_text=True)

    assert order.total_satang == 2 * 25000 + 5000
    assert "฿550.00" in page
    assert "<svg" in page
    assert qr_svg(promptpay_payload(PROMPTPAY_ID, order.total_satang)) in page
    deadline = order.expires_at.astimezone(BANGKOK)
    assert f"Pay by {deadline.day} {deadline:%b} {deadline.year}, {deadline:%H:%M} (Thailand time)" in page
    assert "national admin checks that the transfer arrived" in page


def test_the_status_route_reports_what_is_recorded(shopper, promptpay_order):
    answer = shopper.client.get(f"/orders/{promptpay_order.id}/status").get_json()

    assert answer == {"status": "awaiting_payment", "payment_status": "pending", "paid": False,
                      "failure_message": None, "order_url": f"/orders/{promptpay_order.id}"}


def test_cash_on_delivery_has_no_payment_page(shopper, session):
    shopper.add(make_listing(session))
    order_id = shopper.checkout(payment_method="cod")

    response = shopper.client.get(f"/orders/{order_id}/pay")

    assert response.status_code == 302 and response.headers["Location"] == f"/orders/{order_id}"


def test_the_admin_confirms_a_transfer_and_the_order_is_placed(shopper, promptpay_order, admin, session):
    order = promptpay_order
    shopper.client.post("/logout")
    sign_in(shopper.client, admin)

    page = shopper.client.get("/admin/promptpay/").get_data(as_text=True)
    assert order.number in page and "฿550.00" in page

    response = shopper.client.post(f"/admin/promptpay/{order.id}/confirm",
                                   data={f"o{order.id}-reference": "KBANK 20261126 123456"}, follow_redirects=True)

    assert f"Order {order.number} is paid and placed." in response.get_data(as_text=True)
    payment = payment_of(session, order)
    assert payment.status is PaymentStatus.SUCCEEDED and payment.reference == "KBANK 20261126 123456"
    placed = session.get(Order, order.id)
    assert placed.status is OrderStatus.PLACED
    assert {f.status for f in placed.fulfilments} == {FulfilmentStatus.NEW}
    event = session.scalar(select(AuditEntry).where(AuditEntry.order_id == order.id,
                                                    AuditEntry.action == "payment.promptpay_confirmed"))
    assert event.actor_id == admin.id
    assert order.number not in shopper.client.get("/admin/promptpay/").get_data(as_text=True)


def test_a_reference_is_required(shopper, promptpay_order, admin, session):
    shopper.client.post("/logout")
    sign_in(shopper.client, admin)

    response = shopper.client.post(f"/admin/promptpay/{promptpay_order.id}/confirm",
                                   data={f"o{promptpay_order.id}-reference": "  "})

    assert response.status_code == 422
    assert "Enter the bank" in response.get_data(as_text=True)
    assert payment_of(session, promptpay_order).status is PaymentStatus.PENDING


def test_others_cannot_confirm_transfers(shopper, promptpay_order, session):
    assert shopper.client.get("/admin/promptpay/").status_code == 403
    response = shopper.client.post(f"/admin/promptpay/{promptpay_order.id}/confirm",
                                   data={f"o{promptpay_order.id}-reference": "MINE"})

    assert response.status_code == 403
    assert payment_of(session, promptpay_order).status is PaymentStatus.PENDING
    assert session.get(Order, promptpay_order.id).status is OrderStatus.AWAITING_PAYMENT


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/promptpay/")

    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_late_transfer_places_an_expired_order_again(shopper, promptpay_order, admin, session):
    expire_orders(session, now=utcnow() + dt.timedelta(hours=1))
    session.flush()
    assert session.get(Order, promptpay_order.id).status is OrderStatus.EXPIRED
    shopper.client.post("/logout")
    sign_in(shopper.client, admin)

    assert promptpay_order.number in shopper.client.get("/admin/promptpay/").get_data(as_text=True)
    response = shopper.client.post(f"/admin/promptpay/{promptpay_order.id}/confirm",
                                   data={f"o{promptpay_order.id}-reference": "SCB 998877"}, follow_redirects=True)

    assert "everything could be reserved again" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(Order, promptpay_order.id).status is OrderStatus.PLACED


def test_the_service_refuses_non_admins_other_payments_and_empty_references(session, promptpay_order, admin):
    consumer = promptpay_order.consumer
    with pytest.raises(Forbidden):
        confirm_promptpay_transfer(session, consumer, promptpay_order, "REF", now=utcnow(), gateway=None)
    with pytest.raises(ValidationError):
        confirm_promptpay_transfer(session, admin, promptpay_order, " ", now=utcnow(), gateway=None)
    confirm_promptpay_transfer(session, admin, promptpay_order, "REF-1", now=utcnow(), gateway=None)
    with pytest.raises(Conflict):  # nothing pending any more
        confirm_promptpay_transfer(session, admin, promptpay_order, "REF-2", now=utcnow(), gateway=None)


def test_cash_on_delivery_orders_cannot_be_confirmed_as_transfers(session, admin):
    order = make_order(session, consumer=make_user(session), payment_method=PaymentMethod.COD)
    session.flush()

    with pytest.raises(Conflict):
        confirm_promptpay_transfer(session, admin, order, "REF", now=utcnow(), gateway=None)
