"""The producer's tour dates page: the coming dates with their seats, adding one date or
a weekly pattern, capacity, closing and reopening; another producer reaches none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.catalog.models import ListingKind, TourSlot
from marketplace.clock import today_in_thailand
from tests.factories import make_enterprise, make_listing, make_slot, make_user
from tests.factories import sign_in as sign_in_as


def sign_in(client, user) -> None:
    """Signed in, reading the pages in English."""
    sign_in_as(client, user)
    client.set_cookie("lang", "en")


@pytest.fixture
def today() -> dt.date:
    return today_in_thailand()


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def tour(session, producer):
    enterprise = make_enterprise(session, members=(producer,))
    return make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, title_th="ล่องแพแม่น้ำปิง")


@pytest.fixture
def owner(client, producer, tour):
    sign_in(client, producer)
    return client


@pytest.fixture
def stranger(client, session, tour):
    other = make_user(session)
    make_enterprise(session, members=(other,))
    sign_in(client, other)
    return client


def slots_of(session, listing) -> list[tuple]:
    """(id, date, capacity, seats_taken, closed) of every slot, as stored."""
    session.expire_all()
    return [
        (slot.id, slot.date, slot.capacity, slot.seats_taken, slot.closed)
        for slot in session.scalars(select(TourSlot).where(TourSlot.listing_id == listing.id).order_by(TourSlot.date))
    ]


def url(listing, tail: str = "") -> str:
    return f"/producer/listings/{listing.id}/slots{tail}"


def next_weekday(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


# -- the page -------------------------------------------------------------------------------------

def test_the_page_needs_a_signed_in_user(client, tour):
    response = client.get(url(tour))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_page_lists_coming_dates_with_seats_and_status(owner, session, tour, today):
    make_slot(session, tour, date=today - dt.timedelta(days=1), capacity=9)
    booked = make_slot(session, tour, date=today + dt.timedelta(days=3), capacity=12, seats_taken=5)
    closed = make_slot(session, tour, date=today + dt.timedelta(days=10), capacity=8, seats_taken=2, closed=True)
    full = make_slot(session, tour, date=today + dt.timedelta(days=17), capacity=4, seats_taken=4)

    response = owner.get(url(tour))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "ล่องแพแม่น้ำปิง" in html
    assert html.count('<tr id="slot-') == 3  # yesterday's date is not "coming"
    assert html.index(f'id="slot-{booked.id}"') < html.index(f'id="slot-{closed.id}"') < html.index(
        f'id="slot-{full.id}"')
    row = html[html.index(f'id="slot-{booked.id}"'):html.index(f'id="slot-{closed.id}"')]
    assert 'value="12"' in row and "<td>5</td>" in row and "<td>7</td>" in row and "Open" in row
    closed_row = html[html.index(f'id="slot-{closed.id}"'):html.index(f'id="slot-{full.id}"')]
    assert "Closed" in closed_row and "Reopen" in closed_row and "<td>2</td>" in closed_row
    assert "Full" in html[html.index(f'id="slot-{full.id}"'):]
    for name in ("one-date", "one-capacity", "weekly-start", "weekly-end", "weekly-weekdays", "weekly-capacity"):
        assert f'name="{name}"' in html


def test_a_product_has_no_dates(owner, session, producer):
    product = make_listing(session, enterprise=make_enterprise(session, members=(producer,)))

    page = owner.get(url(product))
    assert page.status_code == 200
    assert "Only tours have dates." in page.get_data(as_text=True)

    tomorrow = (today_in_thailand() + dt.timedelta(days=1)).isoformat()
    response = owner.post(url(product), data={"one-date": tomorrow, "one-capacity": "5"})
    assert response.status_code == 409
    assert slots_of(session, product) == []


# -- adding ---------------------------------------------------------------------------------------

def test_add_one_date(owner, session, tour, today):
    date = today + dt.timedelta(days=4)

    response = owner.post(url(tour), data={"one-date": date.isoformat(), "one-capacity": "15"})

    assert response.status_code == 303
    assert response.headers["Location"].endswith(url(tour))
    assert [row[1:] for row in slots_of(session, tour)] == [(date, 15, 0, False)]
    assert "Date added:" in owner.get(url(tour)).get_data(as_text=True)


@pytest.mark.parametrize(("data", "message"), [
    ({"one-date": "past", "one-capacity": "5"}, "Not a valid date value."),
    ({"one-date": "", "one-capacity": "5"}, "Choose a date."),
    ({"one-date": "tomorrow", "one-capacity": "0"}, "Enter a number of seats from 1 to 1000."),
    ({"one-date": "yesterday", "one-capacity": "5"}, "Choose today or a later date."),
])
def test_add_one_date_refusals_keep_the_input(owner, session, tour, today, data, message):
    named = {"tomorrow": today + dt.timedelta(days=1), "yesterday": today - dt.timedelta(days=1)}
    if data["one-date"] in named:
        data = {**data, "one-date": named[data["one-date"]].isoformat()}

    response = owner.post(url(tour), data=data)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert f'value="{data["one-capacity"]}"' in html
    assert slots_of(session, tour) == []


def test_a_date_that_already_has_a_slot(owner, session, tour, today):
    existing = make_slot(session, tour, date=today + dt.timedelta(days=2), capacity=6)

    response = owner.post(url(tour), data={"one-date": existing.date.isoformat(), "one-capacity": "9"})

    assert response.status_code == 409
    assert "There is already a slot on this date." in response.get_data(as_text=True)
    assert [row[2] for row in slots_of(session, tour)] == [6]


def test_add_every_weekend(owner, session, tour, today):
    start = next_weekday(today + dt.timedelta(days=1), 0)  # a Monday
    existing = make_slot(session, tour, date=start + dt.timedelta(days=5), capacity=3, seats_taken=1)

    response = owner.post(url(tour, "/weekly"), data={
        "weekly-start": start.isoformat(), "weekly-end": (start + dt.timedelta(days=20)).isoformat(),
        "weekly-weekdays": ["5", "6"], "weekly-capacity": "10",
    })

    assert response.status_code == 303
    rows = slots_of(session, tour)
    assert [row[1].weekday() for row in rows] == [5, 6, 5, 6, 5, 6]
    assert [row[2] for row in rows] == [3, 10, 10, 10, 10, 10]
    assert rows[0][0] == existing.id
    html = owner.get(url(tour)).get_data(as_text=True)
    assert "5 dates added. 1 date already had a slot and was left as it was." in html


@pytest.mark.parametrize(("days", "weekdays", "message"), [
    (20, [], "Choose one or more days of the week."),
    (400, ["5"], "A weekly pattern may cover at most 366 days."),
    (-3, ["5"], "The last date must not be before the first."),
])
def test_weekly_refusals(owner, session, tour, today, days, weekdays, message):
    start = today + dt.timedelta(days=7)
    response = owner.post(url(tour, "/weekly"), data={
        "weekly-start": start.isoformat(), "weekly-end": (start + dt.timedelta(days=days)).isoformat(),
        "weekly-weekdays": weekdays, "weekly-capacity": "10",
    })

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert slots_of(session, tour) == []


# -- capacity, closing ----------------------------------------------------------------------------

def test_change_capacity(owner, session, tour, today):
    slot = make_slot(session, tour, date=today + dt.timedelta(days=5), capacity=10, seats_taken=4)

    response = owner.post(url(tour, f"/{slot.id}/capacity"), data={"capacity": "20"})

    assert response.status_code == 303
    assert slots_of(session, tour)[0][2] == 20


def test_capacity_never_below_the_seats_taken(owner, session, tour, today):
    slot = make_slot(session, tour, date=today + dt.timedelta(days=5), capacity=10, seats_taken=4)

    response = owner.post(url(tour, f"/{slot.id}/capacity"), data={"capacity": "3"})

    assert response.status_code == 422
    assert "4 seats are already booked; the capacity cannot be lower." in response.get_data(as_text=True)
    assert slots_of(session, tour)[0][2:] == (10, 4, False)

    response = owner.post(url(tour, f"/{slot.id}/capacity"), data={"capacity": "-2"})
    assert response.status_code == 422
    assert slots_of(session, tour)[0][2] == 10


def test_close_keeps_the_bookings_and_reopen(owner, session, tour, today):
    slot = make_slot(session, tour, date=today + dt.timedelta(days=5), capacity=10, seats_taken=4)

    assert owner.post(url(tour, f"/{slot.id}/close")).status_code == 303
    assert slots_of(session, tour)[0][2:] == (10, 4, True)
    html = owner.get(url(tour)).get_data(as_text=True)
    assert "it takes no new bookings, and the bookings already made stay" in html

    assert owner.post(url(tour, f"/{slot.id}/reopen")).status_code == 303
    assert slots_of(session, tour)[0][2:] == (10, 4, False)


def test_a_slot_of_another_tour_is_not_found(owner, session, tour, today):
    elsewhere = make_slot(session, make_listing(session, kind=ListingKind.TOUR), capacity=7)

    for tail, data in (("capacity", {"capacity": "9"}), ("close", {}), ("reopen", {})):
        assert owner.post(url(tour, f"/{elsewhere.id}/{tail}"), data=data).status_code == 404, tail

    session.refresh(elsewhere)
    assert (elsewhere.capacity, elsewhere.closed) == (7, False)


# -- another producer -----------------------------------------------------------------------------

def test_another_producer_reaches_nothing(stranger, session, tour, today):
    slot = make_slot(session, tour, date=today + dt.timedelta(days=5), capacity=10, seats_taken=4)
    before = slots_of(session, tour)
    date = (today + dt.timedelta(days=9)).isoformat()

    assert stranger.get(url(tour)).status_code == 404
    assert stranger.post(url(tour), data={"one-date": date, "one-capacity": "5"}).status_code == 404
    assert stranger.post(url(tour, "/weekly"), data={
        "weekly-start": date, "weekly-end": (today + dt.timedelta(days=30)).isoformat(),
        "weekly-weekdays": ["5"], "weekly-capacity": "5",
    }).status_code == 404
    assert stranger.post(url(tour, f"/{slot.id}/capacity"), data={"capacity": "50"}).status_code == 404
    assert stranger.post(url(tour, f"/{slot.id}/close")).status_code == 404
    slot.closed = True
    session.flush()
    assert stranger.post(url(tour, f"/{slot.id}/reopen")).status_code == 404

    assert slots_of(session, tour) == [before[0][:4] + (True,)]


def test_a_signed_out_visitor_changes_nothing(client, session, tour, today):
    slot = make_slot(session, tour, date=today + dt.timedelta(days=5))
    before = slots_of(session, tour)
    for tail in ("", "/weekly", f"/{slot.id}/capacity", f"/{slot.id}/close", f"/{slot.id}/reopen"):
        response = client.post(url(tour, tail), data={"capacity": "3", "one-capacity": "3"})
        assert response.status_code == 302, tail
        assert response.headers["Location"].startswith("/login")
    assert slots_of(session, tour) == before
