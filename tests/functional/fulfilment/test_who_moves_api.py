"""Who may move a fulfilment: its company's staff and admins; its buyer only to confirm
receipt of a shipped parcel (403 for anything else, 404 for somebody else's order);
staff of another company never see nor move it (404 on every route, nothing changes)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import OrderLine
from marketplace.orders.states import OrderStatus
from tests.factories import make_enterprise, make_listing, make_staff, make_user, place, stand_at

S = FulfilmentStatus
API = "/api/v1/fulfilments"
BODIES = {
    S.SHIPPED: {"carrier": "flash", "tracking_number": "TH0123456789"},
    S.CANCELLED: {"reason": "ทดสอบ"},
}


def move(client, headers, fulfilment, to: S):
    body = {"to": to.value, **BODIES.get(to, {})}
    return client.post(f"{API}/{fulfilment.id}/transitions", headers=headers, json=body)


def frozen(session, order) -> tuple:
    session.expire_all()
    return (
        session.execute(select(Fulfilment.status, Fulfilment.carrier, Fulfilment.cod_collected_satang)
                        .where(Fulfilment.order_id == order.id)).all(),
        session.scalars(select(OrderLine.received_at).where(OrderLine.order_id == order.id)).all(),
        session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.order_id == order.id)),
    )


@pytest.fixture
def order(session):
    return place(session, make_user(session), (make_listing(session, stock=5), 2))


# -- the buyer -------------------------------------------------------------------------------------------

def test_the_buyer_confirms_receipt_of_a_shipped_parcel(client, session, bearer, order):
    fulfilment = stand_at(session, order.fulfilments[0], S.SHIPPED)
    response = move(client, bearer(order.consumer), fulfilment, S.DELIVERED)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "delivered" and "buyer" not in body
    session.expire_all()
    assert order.status is OrderStatus.COMPLETED
    event = session.scalars(select(AuditEntry).where(AuditEntry.fulfilment_id == fulfilment.id)).one()
    assert (event.actor_id, event.from_status, event.to_status) == (order.consumer_id, "shipped", "delivered")


@pytest.mark.parametrize(("status", "to"), [
    (S.NEW, S.ACCEPTED), (S.NEW, S.CANCELLED), (S.NEW, S.DELIVERED), (S.ACCEPTED, S.PACKED),
    (S.PACKED, S.SHIPPED), (S.PACKED, S.DELIVERED), (S.SHIPPED, S.CANCELLED), (S.DELIVERED, S.DELIVERED),
])
def test_the_buyer_may_make_no_other_move(client, session, bearer, order, status, to):
    fulfilment = stand_at(session, order.fulfilments[0], status)
    before = frozen(session, order)
    response = move(client, bearer(order.consumer), fulfilment, to)
    assert response.status_code == 403
    assert frozen(session, order) == before


def test_the_buyer_does_not_work_the_queue(client, session, bearer, order):
    headers = bearer(order.consumer)
    assert client.get(API, headers=headers).status_code == 403
    stand_at(session, order.fulfilments[0], S.ACCEPTED)
    assert client.post(f"{API}/{order.fulfilments[0].id}/lines/{order.lines[0].id}/receive",
                       headers=headers).status_code == 403


def test_another_buyers_parcel_is_404(client, session, bearer, order):
    fulfilment = stand_at(session, order.fulfilments[0], S.SHIPPED)
    before = frozen(session, order)
    stranger = bearer(make_user(session))
    assert move(client, stranger, fulfilment, S.DELIVERED).status_code == 404
    assert move(client, stranger, fulfilment, S.CANCELLED).status_code == 404
    assert frozen(session, order) == before


def test_a_stranger_without_a_token_is_401(client, order):
    assert client.post(f"{API}/{order.fulfilments[0].id}/transitions", json={"to": "accepted"}).status_code == 401
    assert client.get(API).status_code == 401


# -- other companies ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [S.NEW, S.ACCEPTED, S.PACKED, S.SHIPPED])
def test_staff_of_another_company_get_404_on_every_route(client, session, bearer, order, status):
    fulfilment = stand_at(session, order.fulfilments[0], status)
    for line in order.lines:
        line.received_at = None
    session.flush()
    before = frozen(session, order)
    for outsider in (make_staff(session, "10"), make_staff(session, None)):  # Bangkok's, the national company's
        headers = bearer(outsider)
        for to in S:
            assert move(client, headers, fulfilment, to).status_code == 404, to
        assert client.post(f"{API}/{fulfilment.id}/lines/{order.lines[0].id}/receive",
                           headers=headers).status_code == 404
        listed = client.get(API, headers=headers, query_string={"limit": 100}).get_json()["items"]
        assert fulfilment.id not in [item["id"] for item in listed]
    assert frozen(session, order) == before


def test_staff_without_a_company_see_and_move_nothing(client, session, bearer, order):
    """One rule for staff scope: staff of no company are refused (403) before any
    fulfilment is looked up, for the queue and for a move alike."""
    loose = make_user(session, role=Role.COMPANY)
    headers = bearer(loose)
    before = frozen(session, order)
    assert move(client, headers, order.fulfilments[0], S.ACCEPTED).status_code == 403
    assert client.get(API, headers=headers).status_code == 403
    assert frozen(session, order) == before


def test_a_producer_of_the_goods_cannot_move_them(client, session, bearer):
    producer = make_user(session)
    listing = make_listing(session, stock=5, enterprise=make_enterprise(session, members=(producer,)))
    order = place(session, make_user(session), (listing, 1))
    before = frozen(session, order)
    assert move(client, bearer(producer), order.fulfilments[0], S.ACCEPTED).status_code == 404
    assert frozen(session, order) == before
