"""A company takes a paid order from new to delivered, and a tour booking to completed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing, ListingKind
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import PaymentMethod
from tests.factories import company_of, make_enterprise, make_listing, make_order, make_slot, make_user

API = "/api/v1/fulfilments"


def staff_of(session, province_code="50"):
    return make_user(session, role=Role.COMPANY, company=company_of(session, province_code))


def move(client, headers, fulfilment_id, **body):
    return client.post(f"{API}/{fulfilment_id}/transitions", headers=headers, json=body)


def test_goods_from_new_to_delivered(client, session, bearer):
    listing = make_listing(session, stock=5)
    order = make_order(session, items=[(listing, 2)], payment_method=PaymentMethod.COD)
    fulfilment = order.fulfilments[0]
    fulfilment.cod_amount_satang = fulfilment.subtotal_satang + fulfilment.shipping_satang
    session.flush()
    headers = bearer(staff_of(session))

    assert move(client, headers, fulfilment.id, to="accepted").status_code == 200
    early = move(client, headers, fulfilment.id, to="packed")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "invalid_transition"
    line_id = order.lines[0].id
    received = client.post(f"{API}/{fulfilment.id}/lines/{line_id}/receive", headers=headers)
    assert received.status_code == 200 and received.get_json()["lines"][0]["received_at"]
    assert move(client, headers, fulfilment.id, to="packed").status_code == 200
    no_tracking = move(client, headers, fulfilment.id, to="shipped", carrier="kerry")
    assert no_tracking.status_code == 422 and "tracking_number" in no_tracking.get_json()["error"]["fields"]
    bad_carrier = move(client, headers, fulfilment.id, to="shipped", carrier="dhl", tracking_number="KEX123456")
    assert bad_carrier.status_code == 422 and "carrier" in bad_carrier.get_json()["error"]["fields"]
    shipped = move(client, headers, fulfilment.id, to="shipped", carrier="kerry", tracking_number="KEX123456789")
    assert shipped.status_code == 200
    assert (shipped.get_json()["carrier"], shipped.get_json()["tracking_number"]) == ("kerry", "KEX123456789")
    assert move(client, headers, fulfilment.id, to="cancelled", reason="too late").status_code == 409

    buyer = bearer(order.consumer)
    delivered = move(client, buyer, fulfilment.id, to="delivered")
    assert delivered.status_code == 200 and delivered.get_json()["status"] == "delivered"
    session.expire_all()
    assert order.status is OrderStatus.COMPLETED
    assert order.payments[0].status.value == "collected"
    assert fulfilment.cod_collected_satang == fulfilment.cod_amount_satang
    actions = session.scalars(select(AuditEntry.to_status).where(AuditEntry.fulfilment_id == fulfilment.id)).all()
    assert actions == ["accepted", None, "packed", "shipped", "delivered"]


def test_a_tour_completes_only_on_or_after_its_date(client, session, bearer):
    tour = make_listing(session, kind=ListingKind.TOUR, enterprise=make_enterprise(session, province_code="50"))
    slot = make_slot(session, tour, date=dt.date.today() + dt.timedelta(days=3), seats_taken=2)
    order = make_order(session, items=[(tour, 2)], slot=slot)
    fulfilment = order.fulfilments[0]
    headers = bearer(staff_of(session))
    assert move(client, headers, fulfilment.id, to="confirmed").status_code == 200
    early = move(client, headers, fulfilment.id, to="completed")
    assert early.status_code == 409
    order.lines[0].slot_date = dt.date.today() - dt.timedelta(days=1)
    session.flush()
    assert move(client, headers, fulfilment.id, to="completed").status_code == 200


def test_staff_of_another_province_get_404_and_nothing_moves(client, session, bearer):
    order = make_order(session, items=[(make_listing(session), 1)])
    fulfilment = order.fulfilments[0]
    outsider = bearer(staff_of(session, "10"))
    assert move(client, outsider, fulfilment.id, to="accepted").status_code == 404
    assert client.post(f"{API}/{fulfilment.id}/lines/{order.lines[0].id}/receive", headers=outsider).status_code == 404
    assert fulfilment.id not in [f["id"] for f in client.get(API, headers=outsider).get_json()["items"]]
    session.expire_all()
    assert fulfilment.status is FulfilmentStatus.NEW


def test_cancelling_restores_stock(client, session, bearer):
    listing = make_listing(session, stock=3)
    order = make_order(session, items=[(listing, 2)])
    fulfilment = order.fulfilments[0]
    session.flush()
    headers = bearer(staff_of(session))
    assert move(client, headers, fulfilment.id, to="cancelled").status_code == 422  # a reason is required
    assert move(client, headers, fulfilment.id, to="cancelled", reason="ผู้ผลิตหยุดผลิต").status_code == 200
    session.expire_all()
    assert session.scalar(select(Listing.stock).where(Listing.id == listing.id)) == 5
    assert order.status is OrderStatus.CANCELLED
