"""Reviews of what was bought: two separate ratings per order line.

The product rating (1–5, required) counts for the producer: it is the listing's average.
The service rating (1–5, optional) counts for the provincial company that fulfilled the
line, and never for the producer, so a slow delivery does not mark a producer down.
A line can be reviewed once, by the consumer who ordered it, when its fulfilment is
delivered (goods) or completed (tour). Services flush; the caller commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, contains_eager

from ..accounts.models import User
from ..errors import Conflict, NotFound, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus
from .models import Order, OrderLine, Review

RATING_MIN, RATING_MAX = 1, 5
TEXT_MAX = 2000

# The reasons given in ``ValidationError.fields``; the pages say them in the reader's words.
RATING_REQUIRED = "required"
RATING_NOT_A_NUMBER = "must be a whole number from 1 to 5"
RATING_OUT_OF_RANGE = "must be from 1 to 5"
TEXT_TOO_LONG = f"at most {TEXT_MAX} characters"

# When each kind of fulfilment is done, and so open to review.
REVIEWABLE_STATUS = {FulfilmentKind.GOODS: FulfilmentStatus.DELIVERED, FulfilmentKind.TOUR: FulfilmentStatus.COMPLETED}


@dataclass(frozen=True)
class ListingReview:
    """One review as a listing page shows it: the product part only, signed with the
    reviewer's first name (a review never publishes a buyer's full name)."""

    id: int
    product_rating: int
    product_text: str | None
    reviewer_name: str
    created_at: dt.datetime


def first_name(name: str) -> str:
    """The first word of a name: ``"สมชาย ใจดี"`` → ``"สมชาย"``."""
    words = name.split()
    return words[0] if words else ""


def is_reviewable(line: OrderLine) -> bool:
    """Whether the line's fulfilment is done: delivered (goods) or completed (tour)."""
    fulfilment = line.fulfilment
    return fulfilment.status is REVIEWABLE_STATUS[fulfilment.kind]


def line_for_consumer(session: Session, consumer: User, order_id: int, line_id: int) -> OrderLine:
    """Line ``line_id`` of order ``order_id`` when that order is ``consumer``'s, with its
    order and fulfilment loaded; ``NotFound`` otherwise (someone else's line looks missing)."""
    line = session.scalar(
        select(OrderLine)
        .join(OrderLine.order)
        .join(OrderLine.fulfilment)
        .where(OrderLine.id == line_id, OrderLine.order_id == order_id, Order.consumer_id == consumer.id)
        .options(contains_eager(OrderLine.order), contains_eager(OrderLine.fulfilment))
    )
    if line is None:
        raise NotFound("Order line not found")
    return line


def review_of_line(session: Session, line_id: int) -> Review | None:
    return session.scalar(select(Review).where(Review.order_line_id == line_id))


def reviewed_line_ids(session: Session, line_ids: Iterable[int]) -> set[int]:
    """Which of ``line_ids`` already have a review, in one query (for an order page's
    "Review" / "Reviewed" links)."""
    wanted = list(line_ids)
    if not wanted:
        return set()
    return set(session.scalars(select(Review.order_line_id).where(Review.order_line_id.in_(wanted))))


def _rating(value: object, field: str, problems: dict[str, str], *, required: bool) -> int | None:
    if isinstance(value, str):
        value = value.strip() or None
    if value is None:
        if required:
            problems[field] = RATING_REQUIRED
        return None
    if isinstance(value, bool):
        problems[field] = RATING_NOT_A_NUMBER
        return None
    if isinstance(value, str):
        if not value.isascii() or not value.isdigit():
            problems[field] = RATING_NOT_A_NUMBER
            return None
        value = int(value)
    if not isinstance(value, int):
        problems[field] = RATING_NOT_A_NUMBER
        return None
    if not RATING_MIN <= value <= RATING_MAX:
        problems[field] = RATING_OUT_OF_RANGE
        return None
    return value


def _text(value: str | None, field: str, problems: dict[str, str]) -> str | None:
    text = (value or "").strip()
    if len(text) > TEXT_MAX:
        problems[field] = TEXT_TOO_LONG
    return text or None


def submit_review(session: Session, consumer: User, order_line_id: int, *, product_rating: int | str | None,
                  product_text: str | None = None, service_rating: int | str | None = None,
                  service_text: str | None = None, now: dt.datetime) -> Review:
    """Record ``consumer``'s review of one of their order lines.

    Ratings are whole numbers from 1 to 5 (as ints, or digit strings from a form); the
    product rating is required, the service rating optional; texts are trimmed and at most
    ``TEXT_MAX`` characters. Raises ``NotFound`` for a line that is not ``consumer``'s,
    ``Conflict`` (``not_delivered``) before its fulfilment is delivered or completed,
    ``Conflict`` (``review_exists``) for a second review of the line, and
    ``ValidationError`` naming each bad field. Flushes, never commits.
    """
    line = session.scalar(
        select(OrderLine).join(OrderLine.order)
        .where(OrderLine.id == order_line_id, Order.consumer_id == consumer.id)
    )
    if line is None:
        raise NotFound("Order line not found")
    if review_of_line(session, line.id) is not None:
        raise Conflict("This item is already reviewed", code="review_exists")
    if not is_reviewable(line):
        raise Conflict("This item can be reviewed once it is delivered, or the tour completed",
                       code="not_delivered")

    problems: dict[str, str] = {}
    product = _rating(product_rating, "product_rating", problems, required=True)
    service = _rating(service_rating, "service_rating", problems, required=False)
    product_note = _text(product_text, "product_text", problems)
    service_note = _text(service_text, "service_text", problems)
    if problems:
        raise ValidationError("The review is not valid", fields=problems)

    review = Review(order_line_id=line.id, listing_id=line.listing_id, consumer_id=consumer.id,
                    product_rating=product, product_text=product_note, service_rating=service,
                    service_text=service_note, created_at=now)
    try:
        with session.begin_nested():
            session.add(review)
            session.flush()
    except IntegrityError:  # a concurrent request reviewed the same line first
        raise Conflict("This item is already reviewed", code="review_exists") from None
    return review


def reviews_for_listing(session: Session, listing_id: int, limit: int = 10) -> list[ListingReview]:
    """The newest ``limit`` reviews of a listing (product rating and text, the reviewer's
    first name), in one query."""
    rows = session.execute(
        select(Review.id, Review.product_rating, Review.product_text, User.name, Review.created_at)
        .join(User, User.id == Review.consumer_id)
        .where(Review.listing_id == listing_id)
        .order_by(Review.created_at.desc(), Review.id.desc())
        .limit(limit)
    )
    return [
        ListingReview(id=id_, product_rating=rating, product_text=text, reviewer_name=first_name(name),
                      created_at=created_at)
        for id_, rating, text, name, created_at in rows
    ]


def company_service_rating(session: Session, company_id: int) -> Rating:
    """The average service rating and how many reviews gave one, over the lines the
    company fulfilled. Product ratings never count here (they are the producer's)."""
    return company_service_ratings(session, [company_id])[company_id]


def company_service_ratings(session: Session, company_ids: Iterable[int]) -> dict[int, Rating]:
    """``company_service_rating`` of several companies in one query (GROUP BY company);
    ``Rating(None, 0)`` for a company nobody rated."""
    wanted = list(company_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Fulfilment.company_id, func.avg(Review.service_rating), func.count(Review.service_rating))
        .join(OrderLine, OrderLine.id == Review.order_line_id)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .where(Fulfilment.company_id.in_(wanted), Review.service_rating.is_not(None))
        .group_by(Fulfilment.company_id)
    )
    found = {company_id: Rating(round(float(average), 2), count) for company_id, average, count in rows}
    return {company_id: found.get(company_id, Rating(None, 0)) for company_id in wanted}


@dataclass(frozen=True)
class Rating:
    average: float | None
    count: int


def ratings_for(session: Session, listing_ids: list[int]) -> dict[int, Rating]:
    """Average product rating and review count per listing, in one query."""
    if not listing_ids:
        return {}
    rows = session.execute(
        select(Review.listing_id, func.avg(Review.product_rating), func.count(Review.id))
        .where(Review.listing_id.in_(listing_ids))
        .group_by(Review.listing_id)
    )
    found = {lid: Rating(round(float(avg), 2), count) for lid, avg, count in rows}
    return {lid: found.get(lid, Rating(None, 0)) for lid in listing_ids}
