"""The one state machine, through ``POST /fulfilments/{id}/transitions``: for goods and
tours, from each status to each status, every allowed move succeeds and every other one
is 409 ``invalid_transition`` and changes nothing (the fulfilment, the order, stock or
seats, the payment, the audit trail, refunds, the outbox)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import TRANSITIONS, FulfilmentKind, FulfilmentStatus
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment, Refund
from tests.factories import make_listing, make_slot, make_staff, make_user, place, stand_at

S = FulfilmentStatus
GOODS, TOUR = FulfilmentKind.GOODS, FulfilmentKind.TOUR
API = "/api/v1/fulfilments"

# The contract (API.md), written out here rather than read from states.py, so that the
# table in the code is checked against it.
CONTRACT = {
    GOODS: {
        S.AWAITING_PAYMENT: {S.NEW, S.CANCELLED},
        S.NEW: {S.ACCEPTED, S.CANCELLED},
        S.ACCEPTED: {S.PACKED, S.CANCELLED},
        S.PACKED: {S.SHIPPED, S.CANCELLED},
        S.SHIPPED: {S.DELIVERED},
        S.DELIVERED: set(),
        S.CANCELLED: {S.NEW},  # only a part its order's expiry cancelled, when a late payment reserves it again
    },
    TOUR: {
        S.AWAITING_PAYMENT: {S.NEW, S.CANCELLED},
        S.NEW: {S.CONFIRMED, S.CANCELLED},
        S.CONFIRMED: {S.COMPLETED, S.CANCELLED},
        S.COMPLETED: set(),
        S.CANCELLED: {S.NEW},  # as for goods
    },
}
# What the payment alone does: staff never make a fulfilment new (it would ship unpaid goods).
BY_PAYMENT_ONLY = {S.NEW}
# Bodies that satisfy every guard, so that a 409 can only come from the table.
BODIES = {
    S.SHIPPED: {"carrier": "thailand_post", "tracking_number": "EF582621151TH"},
    S.CANCELLED: {"reason": "ผู้ผลิตส่งสินค้าไม่ได้"},
}
CASES = [(kind, start, to) for kind, table in CONTRACT.items() for start in table for to in S]


def test_the_table_in_the_code_is_the_contracts():
    assert {kind: {start: set(nexts) for start, nexts in table.items()} for kind, table in TRANSITIONS.items()} \
        == CONTRACT


def order_standing_at(session, kind: FulfilmentKind, status: FulfilmentStatus) -> Order:
    """A real order (stock or seats reserved) of two units whose one fulfilment is at ``status``:
    unpaid PromptPay while awaiting payment, otherwise cash on delivery. Its goods line
    is received (so packing may follow) and a tour's date is today (so it may complete)."""
    if kind is GOODS:
        line = (make_listing(session, stock=10, price_satang=12000), 2)
    else:
        tour = make_listing(session, kind=ListingKind.TOUR, max_group=6, price_satang=90000)
        line = (tour, 2, make_slot(session, tour, date=today_in_thailand(), capacity=8))
    unpaid = status is S.AWAITING_PAYMENT
    order = place(session, make_user(session), line, payment_method="promptpay" if unpaid else "cod")
    if not unpaid:
        stand_at(session, order.fulfilments[0], status)
        if kind is GOODS:
            order.lines[0].received_at = order.lines[0].received_at or order.created_at
        if status in (S.DELIVERED, S.COMPLETED):
            order.status = OrderStatus.COMPLETED
        elif status is S.CANCELLED:
            order.status = OrderStatus.CANCELLED
    session.flush()
    return order


def snapshot(session, order: Order) -> dict:
    """Everything a move could touch, read from the tables (not the identity map)."""
    session.expire_all()
    fulfilment_id = order.fulfilments[0].id

    def rows(table, *where):
        return [dict(row) for row in session.execute(select(table).where(*where).order_by(*table.primary_key))
                .mappings()]

    line = session.execute(select(OrderLine.__table__).where(OrderLine.order_id == order.id)).mappings().one()
    return {
        "fulfilment": rows(Fulfilment.__table__, Fulfilment.id == fulfilment_id),
        "order": rows(Order.__table__, Order.id == order.id),
        "lines": rows(OrderLine.__table__, OrderLine.order_id == order.id),
        "stock": session.scalar(select(Listing.stock).where(Listing.id == line["listing_id"])),
        "seats": session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == line["slot_id"])),
        "payments": rows(Payment.__table__, Payment.order_id == order.id),
        "events": rows(AuditEntry.__table__, AuditEntry.order_id == order.id),
        "refunds": session.scalar(select(func.count(Refund.id))),
        "emails": session.scalar(select(func.count(OutboxEmail.id))),
    }


@pytest.mark.parametrize(("kind", "start", "to"), CASES, ids=[f"{k}-{s}-to-{t}" for k, s, t in CASES])
def test_every_move_from_every_status(client, session, bearer, kind, start, to):
    order = order_standing_at(session, kind, start)
    fulfilment = order.fulfilments[0]
    staff = make_staff(session)
    before = snapshot(session, order)

    response = client.post(f"{API}/{fulfilment.id}/transitions", headers=bearer(staff),
                           json={"to": to.value, **BODIES.get(to, {})})

    if to in CONTRACT[kind][start] - BY_PAYMENT_ONLY:
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == to.value
        session.expire_all()
        assert session.scalar(select(Fulfilment.status).where(Fulfilment.id == fulfilment.id)) is to
        event = session.scalars(select(AuditEntry).where(AuditEntry.fulfilment_id == fulfilment.id,
                                                         AuditEntry.action == "fulfilment.transition")).one()
        assert (event.actor_id, event.from_status, event.to_status) == (staff.id, start.value, to.value)
    else:
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["error"]["code"] == "invalid_transition"
        assert snapshot(session, order) == before


@pytest.mark.parametrize(("kind", "start", "to", "body"), [
    (GOODS, S.NEW, S.SHIPPED, {}),                    # no carrier: still the table's answer, not 422
    (GOODS, S.ACCEPTED, S.SHIPPED, {"carrier": "dhl"}),
    (TOUR, S.CONFIRMED, S.SHIPPED, {}),              # tours are never shipped
    (TOUR, S.NEW, S.DELIVERED, {}),
    (GOODS, S.NEW, S.CONFIRMED, {}),                 # goods are never confirmed ...
    (GOODS, S.SHIPPED, S.COMPLETED, {}),             # ... nor completed
    (GOODS, S.DELIVERED, S.CANCELLED, {}),           # no reason: still 409, it cannot be cancelled at all
    (GOODS, S.SHIPPED, S.CANCELLED, {"reason": "ลูกค้าเปลี่ยนใจ"}),
    (TOUR, S.COMPLETED, S.CANCELLED, {}),
    (GOODS, S.AWAITING_PAYMENT, S.NEW, {}),          # only the payment makes it new
    (TOUR, S.AWAITING_PAYMENT, S.NEW, {}),
])
def test_a_forbidden_move_is_409_whatever_else_is_missing(client, session, bearer, kind, start, to, body):
    order = order_standing_at(session, kind, start)
    before = snapshot(session, order)
    response = client.post(f"{API}/{order.fulfilments[0].id}/transitions", headers=bearer(make_staff(session)),
                           json={"to": to.value, **body})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "invalid_transition"
    assert snapshot(session, order) == before


def test_an_unknown_status_is_422_and_changes_nothing(client, session, bearer):
    order = order_standing_at(session, GOODS, S.NEW)
    before = snapshot(session, order)
    headers = bearer(make_staff(session))
    for body in ({"to": "teleported"}, {"to": 3}, {}):
        response = client.post(f"{API}/{order.fulfilments[0].id}/transitions", headers=headers, json=body)
        assert response.status_code == 422
        assert "to" in response.get_json()["error"]["fields"]
    assert snapshot(session, order) == before


def test_the_admin_moves_any_companys_fulfilment(client, session, bearer):
    order = order_standing_at(session, GOODS, S.NEW)
    response = client.post(f"{API}/{order.fulfilments[0].id}/transitions",
                           headers=bearer(make_user(session, role=Role.ADMIN)), json={"to": "accepted"})
    assert response.status_code == 200 and response.get_json()["status"] == "accepted"
