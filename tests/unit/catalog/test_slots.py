"""A tour's dated slots: add singly or weekly, capacity, close and reopen, date ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.catalog import slots as rules
from marketplace.catalog.models import ListingKind, TourSlot
from marketplace.catalog.slots import (
    add_slot, add_weekly_slots, change_capacity, close_slot, parse_date_range, reopen_slot, slot_of, slots_between,
)
from marketplace.clock import today_in_thailand
from marketplace.errors import Conflict, NotFound, ValidationError
from tests.factories import make_listing, make_slot

TODAY = dt.date(2025, 3, 3)  # a Monday
SAT, SUN = 5, 6


@pytest.fixture
def tour(session):
    return make_listing(session, kind=ListingKind.TOUR)


def dates_of(session, listing) -> list[dt.date]:
    session.expire_all()
    return list(session.scalars(select(TourSlot.date).where(TourSlot.listing_id == listing.id).order_by(TourSlot.date)))


# -- one date -------------------------------------------------------------------------------------

def test_add_a_slot(session, tour):
    slot = add_slot(session, tour, TODAY + dt.timedelta(days=5), 12, today=TODAY)

    assert slot.id is not None
    assert (slot.date, slot.capacity, slot.seats_taken, slot.closed, slot.available) == (
        dt.date(2025, 3, 8), 12, 0, False, 12,
    )
    assert [s.id for s in tour.slots] == [slot.id]


def test_today_is_allowed_and_yesterday_is_not(session, tour):
    assert add_slot(session, tour, TODAY, 5, today=TODAY).date == TODAY

    with pytest.raises(ValidationError) as caught:
        add_slot(session, tour, TODAY - dt.timedelta(days=1), 5, today=TODAY)

    assert caught.value.fields == {"date": rules.IN_THE_PAST}
    assert dates_of(session, tour) == [TODAY]


def test_a_date_more_than_two_years_ahead_is_refused(session, tour):
    with pytest.raises(ValidationError) as caught:
        add_slot(session, tour, TODAY + dt.timedelta(days=rules.MAX_DAYS_AHEAD + 1), 5, today=TODAY)
    assert caught.value.fields == {"date": rules.TOO_FAR_AHEAD}
    assert add_slot(session, tour, TODAY + dt.timedelta(days=rules.MAX_DAYS_AHEAD), 5, today=TODAY)


@pytest.mark.parametrize("capacity", [0, -1, rules.MAX_CAPACITY + 1, True, "10", 2.5])
def test_bad_capacities_are_refused(session, tour, capacity):
    with pytest.raises(ValidationError) as caught:
        add_slot(session, tour, TODAY, capacity, today=TODAY)
    assert caught.value.fields == {"capacity": rules.BAD_CAPACITY}
    assert dates_of(session, tour) == []


def test_a_second_slot_on_the_same_date_is_a_conflict(session, tour):
    first = add_slot(session, tour, TODAY, 5, today=TODAY)

    with pytest.raises(Conflict) as caught:
        add_slot(session, tour, TODAY, 8, today=TODAY)

    assert caught.value.code == "slot_exists"
    assert session.get(TourSlot, first.id).capacity == 5
    assert dates_of(session, tour) == [TODAY]


def test_a_date_added_meanwhile_by_someone_else_is_a_conflict_too(session, tour, monkeypatch):
    # Between the look-up and the insert another request may add the date: the unique
    # constraint catches it, and only the savepoint is rolled back.
    first = add_slot(session, tour, TODAY, 5, today=TODAY)
    monkeypatch.setattr(rules, "_existing_dates", lambda *args: set())

    with pytest.raises(Conflict) as caught:
        add_slot(session, tour, TODAY, 8, today=TODAY)
    assert caught.value.code == "slot_exists"
    with pytest.raises(Conflict):
        add_weekly_slots(session, tour, TODAY, TODAY + dt.timedelta(days=6), [0, SAT], 8, today=TODAY)

    assert dates_of(session, tour) == [TODAY]
    assert session.get(TourSlot, first.id).capacity == 5


def test_the_same_date_on_another_tour_is_fine(session, tour):
    add_slot(session, tour, TODAY, 5, today=TODAY)
    other = make_listing(session, kind=ListingKind.TOUR)
    assert add_slot(session, other, TODAY, 5, today=TODAY).listing_id == other.id


def test_products_have_no_slots(session):
    product = make_listing(session)
    with pytest.raises(Conflict) as caught:
        add_slot(session, product, TODAY, 5, today=TODAY)
    assert caught.value.code == "not_a_tour"
    with pytest.raises(Conflict):
        add_weekly_slots(session, product, TODAY, TODAY + dt.timedelta(days=14), [SAT], 5, today=TODAY)
    assert dates_of(session, product) == []


# -- weekly ---------------------------------------------------------------------------------------

def test_every_weekend_for_four_weeks(session, tour):
    result = add_weekly_slots(session, tour, TODAY, TODAY + dt.timedelta(days=27), [SAT, SUN], 8, today=TODAY)

    expected = [dt.date(2025, 3, day) for day in (8, 9, 15, 16, 22, 23, 29, 30)]
    assert [slot.date for slot in result.added] == expected
    assert result.skipped == []
    assert dates_of(session, tour) == expected
    assert {slot.capacity for slot in result.added} == {8}


def test_weekly_skips_dates_that_have_a_slot_and_leaves_them_alone(session, tour):
    existing = make_slot(session, tour, date=dt.date(2025, 3, 15), capacity=3, seats_taken=2)

    result = add_weekly_slots(session, tour, TODAY, TODAY + dt.timedelta(days=13), [SAT, SUN], 8, today=TODAY)

    assert len(result.added) == 3
    assert result.skipped == [dt.date(2025, 3, 15)]
    session.refresh(existing)
    assert (existing.capacity, existing.seats_taken) == (3, 2)

    again = add_weekly_slots(session, tour, TODAY, TODAY + dt.timedelta(days=13), [SAT, SUN], 8, today=TODAY)
    assert (len(again.added), len(again.skipped)) == (0, 4)


def test_the_range_is_inclusive_and_bounded(session, tour):
    saturday = dt.date(2025, 3, 8)
    result = add_weekly_slots(session, tour, saturday, saturday, [SAT], 4, today=TODAY)
    assert [slot.date for slot in result.added] == [saturday]

    last_allowed = TODAY + dt.timedelta(days=rules.MAX_PATTERN_DAYS - 1)
    result = add_weekly_slots(session, tour, TODAY, last_allowed, [0], 4, today=TODAY)
    assert len(result.added) == 53

    with pytest.raises(ValidationError) as caught:
        add_weekly_slots(session, tour, TODAY, last_allowed + dt.timedelta(days=1), [0], 4, today=TODAY)
    assert caught.value.fields == {"end": rules.RANGE_TOO_LONG}


@pytest.mark.parametrize(("start", "end", "weekdays", "fields"), [
    (TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=7), [SAT], {"start": rules.IN_THE_PAST}),
    (TODAY + dt.timedelta(days=7), TODAY, [SAT], {"end": rules.END_BEFORE_START}),
    (TODAY, TODAY + dt.timedelta(days=7), [], {"weekdays": rules.NO_WEEKDAYS}),
    (TODAY, TODAY + dt.timedelta(days=7), [7], {"weekdays": rules.NO_WEEKDAYS}),
    (TODAY, TODAY + dt.timedelta(days=3), [SAT, SUN], {"weekdays": rules.NO_DATES_IN_RANGE}),
])
def test_weekly_refusals(session, tour, start, end, weekdays, fields):
    with pytest.raises(ValidationError) as caught:
        add_weekly_slots(session, tour, start, end, weekdays, 8, today=TODAY)
    assert caught.value.fields == fields
    assert dates_of(session, tour) == []


# -- capacity, closing ----------------------------------------------------------------------------

def test_capacity_never_below_the_seats_taken(session, tour):
    slot = make_slot(session, tour, date=TODAY + dt.timedelta(days=3), capacity=10, seats_taken=6)

    with pytest.raises(ValidationError) as caught:
        change_capacity(session, slot, 5)

    assert caught.value.code == "capacity_below_seats_taken"
    assert "capacity" in caught.value.fields
    assert caught.value.extra["seats_taken"] == 6
    session.refresh(slot)
    assert slot.capacity == 10

    assert change_capacity(session, slot, 6).capacity == 6
    assert change_capacity(session, slot, 30).capacity == 30
    session.refresh(slot)
    assert (slot.capacity, slot.available) == (30, 24)


def test_capacity_counts_seats_booked_since_the_slot_was_read(session, tour):
    slot = make_slot(session, tour, date=TODAY + dt.timedelta(days=3), capacity=10, seats_taken=2)
    session.execute(TourSlot.__table__.update().where(TourSlot.__table__.c.id == slot.id).values(seats_taken=7))

    with pytest.raises(ValidationError):
        change_capacity(session, slot, 5)


@pytest.mark.parametrize("capacity", [-1, 0, rules.MAX_CAPACITY + 1])
def test_capacity_must_be_a_sensible_number(session, tour, capacity):
    slot = make_slot(session, tour, capacity=10)
    with pytest.raises(ValidationError) as caught:
        change_capacity(session, slot, capacity)
    assert caught.value.fields == {"capacity": rules.BAD_CAPACITY}


def test_closing_keeps_the_bookings_and_shows_no_seats(session, tour):
    slot = make_slot(session, tour, capacity=10, seats_taken=4)

    close_slot(session, slot)
    session.refresh(slot)
    assert (slot.closed, slot.seats_taken, slot.capacity, slot.available) == (True, 4, 10, 0)
    close_slot(session, slot)
    assert slot.closed

    reopen_slot(session, slot)
    session.refresh(slot)
    assert (slot.closed, slot.seats_taken, slot.available) == (False, 4, 6)


def test_slot_of_another_listing_is_not_found(session, tour):
    other = make_slot(session, make_listing(session, kind=ListingKind.TOUR))
    mine = make_slot(session, tour)
    assert slot_of(session, tour, mine.id) is mine
    with pytest.raises(NotFound):
        slot_of(session, tour, other.id)


def test_slots_between_includes_closed_ones_in_date_order(session, tour):
    late = make_slot(session, tour, date=TODAY + dt.timedelta(days=20))
    closed = make_slot(session, tour, date=TODAY + dt.timedelta(days=2), closed=True)
    make_slot(session, tour, date=TODAY - dt.timedelta(days=1))
    make_slot(session, tour, date=TODAY + dt.timedelta(days=21))

    found = slots_between(session, tour, TODAY, TODAY + dt.timedelta(days=20))

    assert [slot.id for slot in found] == [closed.id, late.id]


# -- date ranges and the Thai calendar ------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    ({}, (TODAY, TODAY + dt.timedelta(days=90))),
    ({"from": "2025-04-01"}, (dt.date(2025, 4, 1), dt.date(2025, 6, 30))),
    ({"to": "2025-03-10"}, (TODAY, dt.date(2025, 3, 10))),
    ({"from": "2025-01-01", "to": "2025-01-01"}, (dt.date(2025, 1, 1), dt.date(2025, 1, 1))),
    ({"from": "", "to": ""}, (TODAY, TODAY + dt.timedelta(days=90))),
])
def test_parse_date_range(args, expected):
    assert parse_date_range(args, TODAY) == expected


@pytest.mark.parametrize(("args", "field"), [
    ({"from": "03/04/2025"}, "from"),
    ({"from": "2025-02-30"}, "from"),
    ({"to": "20250310"}, "to"),
    ({"from": "2025-03-10", "to": "2025-03-09"}, "to"),
    ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),
    ({"to": "2025-03-02"}, "to"),
])
def test_parse_date_range_refusals(args, field):
    with pytest.raises(ValidationError) as caught:
        parse_date_range(args, TODAY)
    assert set(caught.value.fields) == {field}


def test_today_is_bangkoks_today():
    late_utc_evening = dt.datetime(2025, 1, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 on 2 January in Bangkok
    assert today_in_thailand(late_utc_evening) == dt.date(2025, 1, 2)
    assert today_in_thailand(dt.datetime(2025, 1, 1, 16, 59, tzinfo=dt.UTC)) == dt.date(2025, 1, 1)
    assert isinstance(today_in_thailand(), dt.date)
    with pytest.raises(ValueError):
        today_in_thailand(dt.datetime(2025, 1, 1, 12, 0))
