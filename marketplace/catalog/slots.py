"""A tour's dated departures (slots): add them singly or as a weekly pattern, change
their capacity, close and reopen them, and read them for a date range.

Dates are calendar days in Thailand; the callers pass ``today`` (see
``marketplace.clock.today_in_thailand``). A closed slot keeps its bookings (the
provincial company still sees and serves them) but shows no seats and takes no new ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping

from pydantic import ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import Conflict, NotFound, ValidationError
from ..validation import Day, Query, parse_query
from .models import Listing, ListingKind, TourSlot

MAX_CAPACITY = 1000
"""The most seats one departure may offer."""
MAX_DAYS_AHEAD = 2 * 366
"""How far ahead a departure may be planned (about two years): catches a mistyped year."""
MAX_PATTERN_DAYS = 366
"""The longest date range a weekly pattern may cover."""
DEFAULT_RANGE_DAYS = 90
"""``slots_between``'s default range after its start: today to today + 90 days."""
MAX_RANGE_DAYS = 366
"""The longest date range that may be read at once."""

WEEKDAYS = range(7)
"""Monday is 0 and Sunday 6, as ``datetime.date.weekday()`` has it."""

# The reasons given in ``ValidationError.fields``; the pages translate them.
IN_THE_PAST = "must be today or later"
TOO_FAR_AHEAD = "must be at most two years ahead"
END_BEFORE_START = "must not be before the start"
RANGE_TOO_LONG = f"the range may cover at most {MAX_PATTERN_DAYS} days"
NO_WEEKDAYS = "choose one or more days of the week"
NO_DATES_IN_RANGE = "none of the chosen days of the week falls between the start and the end"
BAD_CAPACITY = f"a whole number of seats from 1 to {MAX_CAPACITY}"


@dataclasses.dataclass(frozen=True)
class WeeklyResult:
    """What ``add_weekly_slots`` did: the slots it added, and the dates of the pattern
    it left alone because they already had a slot."""

    added: list[TourSlot]
    skipped: list[dt.date]


def add_slot(session: Session, listing: Listing, date: dt.date, capacity: int, *, today: dt.date) -> TourSlot:
    """Open a tour on ``date`` with ``capacity`` seats.

    Raises:
        Conflict: the listing is not a tour (409, ``not_a_tour``), or already has a slot
            on that date (409, ``slot_exists``).
        ValidationError: a date before ``today`` or more than two years ahead, or a
            capacity that is not 1 to 1000 (422, ``fields`` naming ``date`` / ``capacity``).
    """
    _require_tour(listing)
    problems = _date_problems("date", date, today) | _capacity_problems("capacity", capacity)
    if problems:
        raise ValidationError("The date could not be added", fields=problems)
    if _existing_dates(session, listing, date, date):
        raise _slot_exists(date)
    slot = TourSlot(listing_id=listing.id, date=date, capacity=capacity)
    try:
        with session.begin_nested():  # a concurrent request may have added the date since we looked
            session.add(slot)
    except IntegrityError:
        raise _slot_exists(date) from None
    session.expire(listing, ["slots"])
    return slot


def add_weekly_slots(session: Session, listing: Listing, start: dt.date, end: dt.date, weekdays: Iterable[int],
                     capacity: int, *, today: dt.date) -> WeeklyResult:
    """Open the tour on every chosen weekday (0 Monday … 6 Sunday) from ``start`` to
    ``end`` inclusive, with ``capacity`` seats each, skipping dates that already have
    a slot (their capacity is left as it is).

    Raises:
        Conflict: the listing is not a tour (409, ``not_a_tour``).
        ValidationError: (422, ``fields`` naming ``start``, ``end``, ``weekdays`` or
            ``capacity``) a start before ``today``, an end before the start, a range
            longer than 366 days or ending more than two years ahead, no weekday or an
            unknown one, none of the weekdays falling in the range, or a capacity that
            is not 1 to 1000.
    """
    _require_tour(listing)
    days = sorted(set(weekdays))
    problems = _date_problems("start", start, today) | _date_problems("end", end, today)
    problems |= _capacity_problems("capacity", capacity)
    if "start" not in problems and "end" not in problems:
        if end < start:
            problems["end"] = END_BEFORE_START
        elif (end - start).days >= MAX_PATTERN_DAYS:
            problems["end"] = RANGE_TOO_LONG
    if not days or any(day not in WEEKDAYS for day in days):
        problems["weekdays"] = NO_WEEKDAYS
    if problems:
        raise ValidationError("The weekly dates could not be added", fields=problems)
    dates = [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
    dates = [date for date in dates if date.weekday() in days]
    if not dates:
        raise ValidationError("The weekly dates could not be added", fields={"weekdays": NO_DATES_IN_RANGE})
    taken = _existing_dates(session, listing, start, end)
    added = [TourSlot(listing_id=listing.id, date=date, capacity=capacity) for date in dates if date not in taken]
    try:
        with session.begin_nested():
            session.add_all(added)
    except IntegrityError:
        raise Conflict("Some of these dates were added at the same moment by someone else; try again",
                       code="slot_exists") from None
    session.expire(listing, ["slots"])
    return WeeklyResult(added=added, skipped=[date for date in dates if date in taken])


def change_capacity(session: Session, slot: TourSlot, capacity: int) -> TourSlot:
    """Set a slot's capacity. Never below the seats already taken, never above 1000.

    Raises ``ValidationError`` (422, ``fields["capacity"]``; code
    ``capacity_below_seats_taken`` when bookings hold more seats than ``capacity``).
    """
    problems = _capacity_problems("capacity", capacity)
    if problems:
        raise ValidationError("The capacity could not be changed", fields=problems)
    _lock(session, slot)
    if capacity < slot.seats_taken:
        message = f"at least the {slot.seats_taken} seats already booked"
        raise ValidationError(f"The capacity must be {message}", code="capacity_below_seats_taken",
                              fields={"capacity": message}, seats_taken=slot.seats_taken)
    slot.capacity = capacity
    session.flush()
    return slot


def close_slot(session: Session, slot: TourSlot) -> TourSlot:
    """Stop taking bookings on a date. Bookings already made stay, and their seats stay
    counted. Closing a closed slot changes nothing."""
    _lock(session, slot)
    slot.closed = True
    session.flush()
    return slot


def reopen_slot(session: Session, slot: TourSlot) -> TourSlot:
    """Take bookings on a closed date again, up to its capacity. Reopening an open slot
    changes nothing."""
    _lock(session, slot)
    slot.closed = False
    session.flush()
    return slot


def slot_of(session: Session, listing: Listing, slot_id: int) -> TourSlot:
    """The slot ``slot_id`` of ``listing``; ``NotFound`` when that listing has no such slot
    (load the listing through ``listing_for_producer`` first, and another producer's
    slots are out of reach)."""
    slot = session.scalar(select(TourSlot).where(TourSlot.id == slot_id, TourSlot.listing_id == listing.id))
    if slot is None:
        raise NotFound("Date not found")
    return slot


def slots_between(session: Session, listing: Listing, start: dt.date, end: dt.date) -> list[TourSlot]:
    """The listing's slots from ``start`` to ``end`` inclusive, closed ones too, soonest first."""
    return list(session.scalars(
        select(TourSlot)
        .where(TourSlot.listing_id == listing.id, TourSlot.date >= start, TourSlot.date <= end)
        .order_by(TourSlot.date, TourSlot.id)
    ))


class DateRangeQuery(Query):
    """``from`` and ``to`` of a query string (``YYYY-MM-DD``, inclusive), read for
    ``GET /api/v1/listings/{id}/slots``; ``date_range`` fills in and checks the range."""

    model_config = ConfigDict(populate_by_name=True)

    start: Day | None = Field(default=None, alias="from",
                              description="First day, inclusive (a calendar day in Thailand); default today")
    end: Day | None = Field(default=None, alias="to",
                            description=f"Last day, inclusive; default {DEFAULT_RANGE_DAYS} days after `from`; "
                                        f"at most {MAX_RANGE_DAYS} days after it")


def date_range(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range from ``start`` to ``end``, inclusive. Without ``start`` the range starts
    ``today``; without ``end`` it ends 90 days after its start. Raises ``ValidationError``
    (422) naming ``to`` when it is before ``from`` or the range is longer than 366 days."""
    start = start or today
    end = end or start + dt.timedelta(days=DEFAULT_RANGE_DAYS)
    if end < start:
        raise ValidationError("The date range is not valid", fields={"to": f"must not be before from ({start})"})
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValidationError("The date range is not valid",
                              fields={"to": f"the range may cover at most {MAX_RANGE_DAYS} days"})
    return start, end


def parse_date_range(args: Mapping[str, str], today: dt.date) -> tuple[dt.date, dt.date]:
    """``date_range`` of the ``from`` and ``to`` of a query string; ``ValidationError``
    naming each argument that is not a date written ``YYYY-MM-DD``."""
    query = parse_query(DateRangeQuery, args, "The date range is not valid")
    return date_range(query.start, query.end, today)


def _require_tour(listing: Listing) -> None:
    if listing.kind is not ListingKind.TOUR:
        raise Conflict("Only tours have dates; a product has stock instead", code="not_a_tour")


def _date_problems(name: str, date: dt.date, today: dt.date) -> dict[str, str]:
    if date < today:
        return {name: IN_THE_PAST}
    if (date - today).days > MAX_DAYS_AHEAD:
        return {name: TOO_FAR_AHEAD}
    return {}


def _capacity_problems(name: str, capacity: int) -> dict[str, str]:
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        return {name: BAD_CAPACITY}
    return {}


def _existing_dates(session: Session, listing: Listing, start: dt.date, end: dt.date) -> set[dt.date]:
    return set(session.scalars(
        select(TourSlot.date).where(TourSlot.listing_id == listing.id, TourSlot.date >= start, TourSlot.date <= end)
    ))


def _slot_exists(date: dt.date) -> Conflict:
    return Conflict(f"The tour already has a slot on {date.isoformat()}", code="slot_exists", date=date.isoformat())


def _lock(session: Session, slot: TourSlot) -> None:
    """Lock the slot row and read it afresh, so that a booking made meanwhile is counted."""
    session.scalars(
        select(TourSlot).where(TourSlot.id == slot.id).with_for_update().execution_options(populate_existing=True)
    ).one()
