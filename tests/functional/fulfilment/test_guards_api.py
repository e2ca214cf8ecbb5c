"""What a move requires, through the API: a carrier from the fixed list and a tracking
number to ship (422 naming the fields), every line received to pack (409), lines
received only on accepted goods, a tour completed only on or after its date in Bangkok,
a reason to cancel (422). A refused move changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import ListingKind
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import CARRIER_NAMES, Carrier, FulfilmentStatus
from marketplace.orders.models import OrderLine
from tests.factories import make_enterprise, make_listing, make_slot, make_staff, make_user, place, stand_at

S = FulfilmentStatus
API = "/api/v1/fulfilments"


def move(client, headers, fulfilment, **body):
    return client.post(f"{API}/{fulfilment.id}/transitions", headers=headers, json=body)


def state(session, fulfilment) -> tuple:
    session.expire_all()
    row = session.execute(select(Fulfilment.status, Fulfilment.carrier, Fulfilment.tracking_number,
                                 Fulfilment.cancel_reason).where(Fulfilment.id == fulfilment.id)).one()
    events = session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.order_id == fulfilment.order_id))
    return tuple(row), events


@pytest.fixture
def staff(session, bearer):
    return bearer(make_staff(session))


@pytest.fixture
def goods_order(session):
    """Goods of two Chiang Mai enterprises in one fulfilment (the company collects from both)."""
    first = make_listing(session, stock=5, enterprise=make_enterprise(session, province_code="50"))
    second = make_listing(session, stock=5, enterprise=make_enterprise(session, province_code="50"))
    return place(session, make_user(session), (first, 1), (second, 2))


def packed(session, order):
    return stand_at(session, order.fulfilments[0], S.PACKED)


# -- shipping -----------------------------------------------------------------------------------------

def test_the_api_carrier_codes_are_the_fixed_list():
    assert [carrier.value for carrier in Carrier] == ["thailand_post", "kerry", "flash", "jt", "scg", "best", "other"]
    assert list(CARRIER_NAMES.values()) == ["Thailand Post", "Kerry Express", "Flash Express", "J&T Express",
                                            "SCG Express", "Best Express", "Other"]


@pytest.mark.parametrize("carrier", [carrier.value for carrier in Carrier])
def test_every_carrier_of_the_list_ships(client, session, staff, goods_order, carrier):
    fulfilment = packed(session, goods_order)
    response = move(client, staff, fulfilment, to="shipped", carrier=carrier, tracking_number=" TH-1234 5678 ")
    assert response.status_code == 200
    assert (response.get_json()["carrier"], response.get_json()["tracking_number"]) == (carrier, "TH-1234 5678")
    assert state(session, fulfilment)[0][:3] == (S.SHIPPED, Carrier(carrier), "TH-1234 5678")


@pytest.mark.parametrize(("body", "fields"), [
    ({}, {"carrier", "tracking_number"}),
    ({"tracking_number": "KEX123456789"}, {"carrier"}),
    ({"carrier": "dhl", "tracking_number": "KEX123456789"}, {"carrier"}),
    ({"carrier": "Kerry Express", "tracking_number": "KEX123456789"}, {"carrier"}),  # the name is not the code
    ({"carrier": "KERRY", "tracking_number": "KEX123456789"}, {"carrier"}),
    ({"carrier": ["kerry"], "tracking_number": "KEX123456789"}, {"carrier"}),
    ({"carrier": "kerry"}, {"tracking_number"}),
    ({"carrier": "kerry", "tracking_number": "   "}, {"tracking_number"}),
    ({"carrier": "kerry", "tracking_number": "K1"}, {"tracking_number"}),
    ({"carrier": "kerry", "tracking_number": "KEX<script>"}, {"tracking_number"}),
    ({"carrier": "kerry", "tracking_number": "K" * 61}, {"tracking_number"}),
    ({"carrier": "kerry", "tracking_number": 123456789}, {"tracking_number"}),
])
def test_shipping_needs_a_listed_carrier_and_a_tracking_number(client, session, staff, goods_order, body, fields):
    fulfilment = packed(session, goods_order)
    before = state(session, fulfilment)
    response = move(client, staff, fulfilment, to="shipped", **body)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == fields
    assert state(session, fulfilment) == before


# -- collecting from the producers, then packing --------------------------------------------------------

def receive(client, headers, fulfilment, line):
    return client.post(f"{API}/{fulfilment.id}/lines/{line.id}/receive", headers=headers)


def test_packing_waits_for_every_line_to_be_received(client, session, staff, goods_order):
    fulfilment = goods_order.fulfilments[0]
    assert move(client, staff, fulfilment, to="accepted").status_code == 200
    first, second = goods_order.lines
    assert {line.enterprise_id for line in goods_order.lines} == {first.enterprise_id, second.enterprise_id}

    assert receive(client, staff, fulfilment, first).status_code == 200
    before = state(session, fulfilment)
    early = move(client, staff, fulfilment, to="packed")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "invalid_transition"
    assert state(session, fulfilment) == before

    body = receive(client, staff, fulfilment, second).get_json()
    assert all(line["received_at"] for line in body["lines"])
    assert move(client, staff, fulfilment, to="packed").status_code == 200


def test_receiving_twice_records_it_once(client, session, staff, goods_order):
    fulfilment = stand_at(session, goods_order.fulfilments[0], S.ACCEPTED)
    line = goods_order.lines[0]
    first = receive(client, staff, fulfilment, line).get_json()["lines"][0]["received_at"]
    again = receive(client, staff, fulfilment, line)
    assert again.status_code == 200 and again.get_json()["lines"][0]["received_at"] == first
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "fulfilment.line_received",
                                                                  AuditEntry.fulfilment_id == fulfilment.id)) == 1


@pytest.mark.parametrize("status", [S.NEW, S.PACKED, S.SHIPPED, S.DELIVERED, S.CANCELLED])
def test_lines_are_received_only_on_accepted_goods(client, session, staff, goods_order, status):
    fulfilment = stand_at(session, goods_order.fulfilments[0], status)
    for line in goods_order.lines:
        line.received_at = None
    session.flush()
    response = receive(client, staff, fulfilment, goods_order.lines[0])
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "invalid_transition"
    session.expire_all()
    assert session.scalar(select(OrderLine.received_at).where(OrderLine.id == goods_order.lines[0].id)) is None


def test_a_tours_lines_are_not_received(client, session, staff):
    tour = make_listing(session, kind=ListingKind.TOUR)
    order = place(session, make_user(session), (tour, 2, make_slot(session, tour, date=today_in_thailand())))
    fulfilment = stand_at(session, order.fulfilments[0], S.CONFIRMED)
    assert receive(client, staff, fulfilment, order.lines[0]).status_code == 409


def test_a_line_of_another_fulfilment_is_404(client, session, staff, goods_order):
    other = place(session, make_user(session), (make_listing(session, stock=3), 1))
    fulfilment = stand_at(session, goods_order.fulfilments[0], S.ACCEPTED)
    assert receive(client, staff, fulfilment, other.lines[0]).status_code == 404
    assert client.post(f"{API}/{fulfilment.id}/lines/999999/receive", headers=staff).status_code == 404


# -- tours: completed on or after their date, in Thailand -----------------------------------------------

@pytest.fixture
def tour_on(session):
    def booking(date: dt.date):
        tour = make_listing(session, kind=ListingKind.TOUR, max_group=6)
        order = place(session, make_user(session), (tour, 2, make_slot(session, tour, date=today_in_thailand())))
        order.lines[0].slot_date = date  # the booked day, as the line keeps it
        return stand_at(session, order.fulfilments[0], S.CONFIRMED)
    return booking


def test_a_tour_completes_only_on_or_after_its_date(client, session, staff, tour_on):
    today = today_in_thailand()
    tomorrow = tour_on(today + dt.timedelta(days=1))
    before = state(session, tomorrow)
    early = move(client, staff, tomorrow, to="completed")
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "invalid_transition"
    assert state(session, tomorrow) == before

    assert move(client, staff, tour_on(today), to="completed").status_code == 200  # a slot dated today
    assert move(client, staff, tour_on(today - dt.timedelta(days=3)), to="completed").status_code == 200


# -- cancelling ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": None}, {"reason": 42}])
def test_cancelling_needs_a_reason(client, session, staff, goods_order, body):
    fulfilment = goods_order.fulfilments[0]
    before = state(session, fulfilment)
    response = move(client, staff, fulfilment, to="cancelled", **body)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"reason"}
    assert state(session, fulfilment) == before


def test_the_reason_is_kept(client, session, staff, goods_order):
    response = move(client, staff, goods_order.fulfilments[0], to="cancelled", reason="  สินค้าหมด  ")
    assert response.status_code == 200 and response.get_json()["cancel_reason"] == "สินค้าหมด"
    event = session.scalars(select(AuditEntry).where(AuditEntry.to_status == "cancelled",
                                                     AuditEntry.fulfilment_id == goods_order.fulfilments[0].id)).one()
    assert event.note == "สินค้าหมด"
