"""The order and payment status tables and their one writer each."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from marketplace.audit.models import AuditEntry
from marketplace.errors import InvalidTransition
from marketplace.orders.models import Order
from marketplace.orders.services import current_payment, set_order_status
from marketplace.orders.states import ORDER_TRANSITIONS, OrderStatus
from marketplace.payments.models import Payment
from marketplace.payments.services import set_payment_status
from marketplace.payments.states import PAYMENT_TRANSITIONS, PaymentStatus
from tests.factories import make_order, make_staff, make_user

O, P = OrderStatus, PaymentStatus
NOW = dt.datetime(2026, 3, 10, 3, 0, tzinfo=dt.UTC)


def test_every_status_has_a_row():
    assert set(ORDER_TRANSITIONS) == set(OrderStatus)
    assert set(PAYMENT_TRANSITIONS) == set(PaymentStatus)


def test_orders_move_forward_only():
    assert ORDER_TRANSITIONS[O.AWAITING_PAYMENT] == {O.PLACED, O.EXPIRED, O.CANCELLED}
    assert ORDER_TRANSITIONS[O.EXPIRED] == {O.PLACED}
    assert ORDER_TRANSITIONS[O.PLACED] == {O.COMPLETED, O.CANCELLED}
    assert ORDER_TRANSITIONS[O.COMPLETED] == ORDER_TRANSITIONS[O.CANCELLED] == frozenset()


def test_money_received_never_goes_back_to_unpaid():
    for received in (P.SUCCEEDED, P.PARTIALLY_REFUNDED, P.REFUNDED, P.COLLECTED):
        assert not PAYMENT_TRANSITIONS[received] & {P.PENDING, P.DUE_ON_DELIVERY, P.CANCELLED, P.FAILED}
    assert PAYMENT_TRANSITIONS[P.CANCELLED] == {P.SUCCEEDED}  # a late transfer is still recorded


def test_an_order_move_writes_its_audit_row(session):
    order = make_order(session, order_status=O.AWAITING_PAYMENT)
    staff = make_staff(session)

    set_order_status(session, order, O.CANCELLED, now=NOW, actor=staff, action="order.cancelled", note="why")

    session.expire_all()
    assert session.get(Order, order.id).status is O.CANCELLED
    event = session.scalars(select(AuditEntry).where(AuditEntry.order_id == order.id)).one()
    assert (event.actor_id, event.action, event.from_status, event.to_status, event.note, event.created_at) == (
        staff.id, "order.cancelled", "awaiting_payment", "cancelled", "why", NOW)
    assert (event.subject_type, event.subject_id) == ("order", order.id)


@pytest.mark.parametrize(("start", "to"), [(O.COMPLETED, O.PLACED), (O.CANCELLED, O.PLACED), (O.PLACED, O.EXPIRED),
                                           (O.EXPIRED, O.CANCELLED), (O.PLACED, O.AWAITING_PAYMENT)])
def test_an_order_move_outside_the_table_is_refused_and_writes_nothing(session, start, to):
    order = make_order(session, order_status=start)
    with pytest.raises(InvalidTransition):
        set_order_status(session, order, to, now=NOW)
    session.expire_all()
    assert session.get(Order, order.id).status is start
    assert session.scalars(select(AuditEntry).where(AuditEntry.order_id == order.id)).all() == []


def test_an_order_moved_meanwhile_by_another_transaction_is_refused(session):
    order = make_order(session, order_status=O.AWAITING_PAYMENT)
    session.execute(update(Order).where(Order.id == order.id).values(status=O.PLACED)
                    .execution_options(synchronize_session=False))  # the payment, in another transaction

    with pytest.raises(InvalidTransition):
        set_order_status(session, order, O.EXPIRED, now=NOW)
    assert order.status is O.PLACED  # read again


def test_a_payment_move_writes_the_orders_audit_row(session):
    order = make_order(session, order_status=O.AWAITING_PAYMENT, payment_method="card")
    payment = current_payment(order)

    set_payment_status(session, payment, P.SUCCEEDED, now=NOW, note="pi_123")

    session.expire_all()
    assert session.get(Payment, payment.id).status is P.SUCCEEDED
    event = session.scalars(select(AuditEntry).where(AuditEntry.order_id == order.id)).one()
    assert (event.action, event.from_status, event.to_status, event.note) == ("payment.status", "pending", "succeeded",
                                                                              "pi_123")


@pytest.mark.parametrize(("method", "to"), [("card", P.COLLECTED), ("card", P.REFUNDED), ("cod", P.SUCCEEDED),
                                            ("cod", P.REFUNDED)])
def test_a_payment_move_outside_the_table_is_refused(session, method, to):
    order = make_order(session, order_status=O.AWAITING_PAYMENT, payment_method=method)
    payment = current_payment(order)
    before = payment.status
    with pytest.raises(InvalidTransition):
        set_payment_status(session, payment, to, now=NOW)
    session.expire_all()
    assert session.get(Payment, payment.id).status is before


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_payment_status_has_a_label_in_both_languages(app, language):
    from flask import render_template_string

    with app.test_request_context(headers={"Cookie": f"lang={language}"}):
        for status in PaymentStatus:
            shown = render_template_string('{% import "orders/_labels.html" as labels %}'
                                           "{{ labels.payment_status(status) }}", status=status.value)
            assert f">{status.value}<" not in shown, status


def test_a_payment_is_offered_only_while_the_order_can_still_be_paid(session):
    from marketplace.orders.services import expire_orders, payment_can_be_offered
    from tests.factories import make_listing, place

    listing = make_listing(session, stock=5)
    waiting = place(session, make_user(session), (listing, 1), payment_method="promptpay", now=NOW)
    cash = place(session, make_user(session), (listing, 1), payment_method="cod", now=NOW)
    assert payment_can_be_offered(waiting) and not payment_can_be_offered(cash)

    expire_orders(session, now=NOW + dt.timedelta(hours=1))
    assert not payment_can_be_offered(waiting)


def test_an_admin_sees_any_order_a_consumer_only_their_own(session):
    from marketplace.accounts.models import Role
    from marketplace.errors import NotFound
    from marketplace.orders.services import order_for_viewer

    order = make_order(session)
    assert order_for_viewer(session, order.consumer, order.id) is order
    assert order_for_viewer(session, make_user(session, role=Role.ADMIN), order.id) is order
    with pytest.raises(NotFound):
        order_for_viewer(session, make_user(session), order.id)
