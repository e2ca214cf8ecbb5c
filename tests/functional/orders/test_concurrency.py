"""No overselling: many buyers racing for the last units, on real databases with real
commits (SQLite and PostgreSQL), through the whole API stack."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.accounts.services import issue_token
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.orders.models import Order
from tests.factories import keyed, make_listing, make_slot, make_user

pytestmark = pytest.mark.concurrency
BUYERS = 40
ADDRESS = {"name": "ผู้ซื้อ", "phone": "0812345678", "line1": "1 ถนนนิมมานเหมินท์",
           "subdistrict_code": "500101", "postal_code": "50200"}


def _setup(engine, make_item):
    with Session(engine, expire_on_commit=False) as session:
        consumer = make_user(session)
        item = make_item(session)
        plain, _ = issue_token(session, consumer, ttl=dt.timedelta(hours=1))
        session.commit()
        return {"Authorization": f"Bearer {plain}"}, item


def _race(live_app, headers, line, buyers: int = BUYERS, key: str | None = None) -> list:
    start = threading.Barrier(buyers)

    def buy(_):
        client = live_app.test_client()
        start.wait()
        response = client.post("/api/v1/orders", headers=headers | {"Idempotency-Key": key} if key else keyed(headers),
                               json={"lines": [line], "shipping_address": ADDRESS, "payment_method": "cod"})
        return response.status_code, response.get_json()

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        return list(pool.map(buy, range(buyers)))


def test_forty_buyers_five_in_stock(live_app, live_db):
    headers, listing = _setup(live_db, lambda s: make_listing(s, stock=5))
    results = _race(live_app, headers, {"listing_id": listing.id, "quantity": 1})

    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == 5
    assert statuses.count(409) == 35
    for status, body in results:
        if status == 409:
            assert body["error"]["code"] == "out_of_stock"
            assert body["error"]["listing_id"] == listing.id
    with Session(live_db) as session:
        assert session.scalar(select(Listing.stock).where(Listing.id == listing.id)) == 0
        assert session.scalar(select(func.count(Order.id))) == 5


def test_forty_buyers_three_seats(live_app, live_db):
    def tour_with_slot(session):
        tour = make_listing(session, kind=ListingKind.TOUR, max_group=10)
        return make_slot(session, tour, capacity=3, date=dt.date.today() + dt.timedelta(days=10))

    headers, slot = _setup(live_db, tour_with_slot)
    results = _race(live_app, headers, {"listing_id": slot.listing_id, "quantity": 1, "slot_id": slot.id})

    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == 3
    assert statuses.count(409) == 37
    assert {body["error"]["code"] for status, body in results if status == 409} == {"slot_full"}
    with Session(live_db) as session:
        assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 3
        assert session.scalar(select(func.count(Order.id))) == 3


def test_one_key_sent_many_times_at_once_is_one_order(live_app, live_db):
    """A double click, or a client retrying before the first answer: every request of
    one key gets the one order, and stock is taken once."""
    headers, listing = _setup(live_db, lambda s: make_listing(s, stock=5))
    results = _race(live_app, headers, {"listing_id": listing.id, "quantity": 2}, buyers=8, key="double-click")

    assert sorted(status for status, _ in results) == [200] * 7 + [201]
    assert len({body["id"] for _status, body in results}) == 1
    with Session(live_db) as session:
        assert session.scalar(select(Listing.stock).where(Listing.id == listing.id)) == 3
        assert session.scalar(select(func.count(Order.id))) == 1
