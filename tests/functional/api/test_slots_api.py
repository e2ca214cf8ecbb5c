"""GET and POST /listings/{id}/slots: a tour's dated departures."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.catalog.models import ListingKind, ListingStatus, TourSlot
from marketplace.clock import today_in_thailand
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import make_enterprise, make_listing, make_slot, make_user


@pytest.fixture
def today() -> dt.date:
    return today_in_thailand()


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def tour(session, producer):
    return make_listing(session, enterprise=make_enterprise(session, members=(producer,)), kind=ListingKind.TOUR)


def slots_url(listing, query: str = "") -> str:
    return f"/api/v1/listings/{listing.id}/slots" + (f"?{query}" if query else "")


def stored(session, listing) -> list[tuple]:
    session.expire_all()
    return [
        (slot.date, slot.capacity, slot.seats_taken, slot.closed)
        for slot in session.scalars(select(TourSlot).where(TourSlot.listing_id == listing.id).order_by(TourSlot.date))
    ]


def days(today: dt.date, offset: int) -> dt.date:
    return today + dt.timedelta(days=offset)


# -- reading --------------------------------------------------------------------------------------

def test_by_default_today_to_ninety_days_ahead(client, session, tour, today):
    make_slot(session, tour, date=days(today, -1))
    first = make_slot(session, tour, date=today, capacity=10, seats_taken=3)
    last = make_slot(session, tour, date=days(today, 90), capacity=6)
    make_slot(session, tour, date=days(today, 91))

    response = client.get(slots_url(tour))

    assert response.status_code == 200
    assert response.get_json() == {"items": [
        {"id": first.id, "date": today.isoformat(), "capacity": 10, "available": 7, "seats_taken": 3,
         "closed": False},
        {"id": last.id, "date": days(today, 90).isoformat(), "capacity": 6, "available": 6, "seats_taken": 0,
         "closed": False},
    ]}


def test_from_and_to_are_inclusive(client, session, tour, today):
    slots = [make_slot(session, tour, date=days(today, offset)) for offset in (100, 110, 120, 130)]

    response = client.get(slots_url(tour, f"from={days(today, 110)}&to={days(today, 120)}"))
    assert [item["id"] for item in response.get_json()["items"]] == [slots[1].id, slots[2].id]

    from_only = client.get(slots_url(tour, f"from={days(today, 105)}")).get_json()["items"]
    assert [item["id"] for item in from_only] == [slot.id for slot in slots[1:]]

    past = make_slot(session, tour, date=days(today, -10))
    window = client.get(slots_url(tour, f"from={days(today, -12)}&to={days(today, -8)}")).get_json()["items"]
    assert [item["id"] for item in window] == [past.id]


def test_a_closed_slot_shows_no_seats(client, session, tour, today):
    make_slot(session, tour, date=days(today, 3), capacity=10, seats_taken=4, closed=True)

    item = client.get(slots_url(tour)).get_json()["items"][0]

    assert (item["capacity"], item["available"], item["seats_taken"], item["closed"]) == (10, 0, 4, True)


@pytest.mark.parametrize("query", ["from=tomorrow", "to=2025-13-01", "from=2030-01-10&to=2030-01-09",
                                   "from=2030-01-01&to=2031-06-01"])
def test_bad_ranges_are_422(client, tour, query):
    response = client.get(slots_url(tour, query))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) <= {"from", "to"} and error["fields"]


def test_a_product_has_no_slots(client, session):
    assert client.get(slots_url(make_listing(session))).get_json() == {"items": []}


def test_only_listings_the_caller_may_see(client, session, tour, producer, bearer, today):
    draft = make_listing(session, enterprise=tour.enterprise, kind=ListingKind.TOUR, status=ListingStatus.DRAFT)
    make_slot(session, draft, date=days(today, 2))
    suspended = make_enterprise(session, status=EnterpriseStatus.SUSPENDED)
    hidden = make_listing(session, enterprise=suspended, kind=ListingKind.TOUR)

    assert client.get(slots_url(draft)).status_code == 404
    assert client.get(slots_url(draft), headers=bearer(make_user(session))).status_code == 404
    assert client.get(slots_url(hidden)).status_code == 404
    assert client.get("/api/v1/listings/999999/slots").status_code == 404
    owned = client.get(slots_url(draft), headers=bearer(producer))
    assert owned.status_code == 200
    assert len(owned.get_json()["items"]) == 1


# -- adding ---------------------------------------------------------------------------------------

def test_post_adds_a_slot(client, session, tour, producer, bearer, today):
    date = days(today, 14)

    response = client.post(slots_url(tour), json={"date": date.isoformat(), "capacity": 12},
                           headers=bearer(producer))

    assert response.status_code == 201
    body = response.get_json()
    assert {key: body[key] for key in ("date", "capacity", "available")} == {
        "date": date.isoformat(), "capacity": 12, "available": 12}
    assert stored(session, tour) == [(date, 12, 0, False)]
    assert session.get(TourSlot, body["id"]).listing_id == tour.id


def test_today_is_accepted(client, session, tour, producer, bearer, today):
    response = client.post(slots_url(tour), json={"date": today.isoformat(), "capacity": 1}, headers=bearer(producer))
    assert response.status_code == 201


def test_the_same_date_twice_is_409(client, session, tour, producer, bearer, today):
    make_slot(session, tour, date=days(today, 5), capacity=4)

    response = client.post(slots_url(tour), json={"date": days(today, 5).isoformat(), "capacity": 9},
                           headers=bearer(producer))

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "slot_exists"
    assert stored(session, tour) == [(days(today, 5), 4, 0, False)]


@pytest.mark.parametrize(("body", "fields"), [
    ({"date": "yesterday", "capacity": 5}, {"date"}),
    ({"date": "2030-02-30", "capacity": 5}, {"date"}),
    ({"date": 20300101, "capacity": 5}, {"date"}),
    ({"capacity": 5}, {"date"}),
    ({"date": "in-a-week", "capacity": 0}, {"capacity"}),
    ({"date": "in-a-week", "capacity": "5"}, {"capacity"}),
    ({"date": "in-a-week", "capacity": True}, {"capacity"}),
    ({"date": "in-a-week", "capacity": 1001}, {"capacity"}),
    ({"date": "in-a-week"}, {"capacity"}),
    ({"date": "in-three-years", "capacity": 5}, {"date"}),
])
def test_invalid_values_are_422_with_fields(client, session, tour, producer, bearer, today, body, fields):
    named = {"yesterday": days(today, -1), "in-a-week": days(today, 7), "in-three-years": days(today, 3 * 366)}
    if body.get("date") in named:
        body = {**body, "date": named[body["date"]].isoformat()}

    response = client.post(slots_url(tour), json=body, headers=bearer(producer))

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == fields
    assert stored(session, tour) == []


def test_malformed_bodies(client, session, tour, producer, bearer):
    headers = bearer(producer)
    assert client.post(slots_url(tour), data="{not json", content_type="application/json",
                       headers=headers).status_code == 400
    assert client.post(slots_url(tour), data="date=2030-01-01", content_type="application/x-www-form-urlencoded",
                       headers=headers).status_code == 415
    assert stored(session, tour) == []


def test_a_product_gets_no_slot(client, session, producer, bearer, today):
    product = make_listing(session, enterprise=make_enterprise(session, members=(producer,)))

    response = client.post(slots_url(product), json={"date": days(today, 3).isoformat(), "capacity": 5},
                           headers=bearer(producer))

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "not_a_tour"
    assert stored(session, product) == []


# -- who may add ----------------------------------------------------------------------------------

def test_anonymous_callers_are_401(client, session, tour, today):
    response = client.post(slots_url(tour), json={"date": days(today, 3).isoformat(), "capacity": 5})
    assert response.status_code == 401
    assert stored(session, tour) == []


@pytest.mark.parametrize("who", ["other_producer", "consumer"])
def test_anyone_but_the_enterprises_producers_gets_404(client, session, tour, bearer, today, who):
    caller = make_user(session)
    if who == "other_producer":
        make_enterprise(session, members=(caller,))

    response = client.post(slots_url(tour), json={"date": days(today, 3).isoformat(), "capacity": 5},
                           headers=bearer(caller))

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert stored(session, tour) == []


def test_the_routes_are_described(client):
    path = client.get("/api/v1/openapi.json").get_json()["paths"]["/listings/{id}/slots"]
    assert {parameter["name"] for parameter in path["get"]["parameters"]} == {"id", "from", "to"}
    assert path["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SlotList"}
    assert path["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NewSlot"}
    assert {"201", "401", "404", "409", "422"} <= set(path["post"]["responses"])
