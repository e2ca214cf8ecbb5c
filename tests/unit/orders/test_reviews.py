"""Reviews: who may review which line and when, what a rating may be, and how product and
service ratings count apart (the producer's and the provincial company's)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import ListingKind
from marketplace.errors import Conflict, NotFound, ValidationError
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Review
from marketplace.orders.reviews import (
    TEXT_MAX, company_service_rating, is_reviewable, line_for_consumer, ratings_for, reviewed_line_ids,
    reviews_for_listing, submit_review,
)
from marketplace.orders.states import OrderStatus
from tests.factories import company_of, make_enterprise, make_listing, make_order, make_review, make_user

NOW = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
S = FulfilmentStatus


def delivered_order(session, listing=None, consumer=None, status=S.DELIVERED, **fields):
    listing = listing or make_listing(session)
    return make_order(session, consumer=consumer, items=[(listing, 1)], fulfilment_status=status,
                      order_status=OrderStatus.COMPLETED if status in (S.DELIVERED, S.COMPLETED) else None,
                      **fields)


def review_count(session) -> int:
    return session.scalar(select(func.count(Review.id)))


def submit(session, order, consumer=None, **fields):
    values = {"product_rating": 5, "product_text": None, "service_rating": None, "service_text": None}
    values.update(fields)
    return submit_review(session, consumer or order.consumer, order.lines[0].id, now=NOW, **values)


# -- who and when ---------------------------------------------------------------------------------

def test_the_consumer_reviews_a_delivered_line(session):
    order = delivered_order(session)

    review = submit(session, order, product_rating=4, product_text="  หอมมาก อร่อย  ", service_rating="5",
                    service_text="ส่งไว")

    assert (review.product_rating, review.product_text) == (4, "หอมมาก อร่อย")
    assert (review.service_rating, review.service_text) == (5, "ส่งไว")
    assert review.order_line_id == order.lines[0].id
    assert review.listing_id == order.lines[0].listing_id
    assert review.consumer_id == order.consumer_id
    assert review.created_at == NOW


def test_a_completed_tour_can_be_reviewed(session):
    tour = make_listing(session, kind=ListingKind.TOUR)
    order = delivered_order(session, tour, status=S.COMPLETED)

    assert submit(session, order).product_rating == 5


@pytest.mark.parametrize(("kind", "status"), [
    (ListingKind.PRODUCT, S.AWAITING_PAYMENT),
    (ListingKind.PRODUCT, S.NEW),
    (ListingKind.PRODUCT, S.PACKED),
    (ListingKind.PRODUCT, S.SHIPPED),
    (ListingKind.PRODUCT, S.CANCELLED),
    (ListingKind.TOUR, S.NEW),
    (ListingKind.TOUR, S.CONFIRMED),
    (ListingKind.TOUR, S.CANCELLED),
])
def test_nothing_is_reviewed_before_it_is_delivered_or_completed(session, kind, status):
    order = delivered_order(session, make_listing(session, kind=kind), status=status)

    with pytest.raises(Conflict) as refused:
        submit(session, order)

    assert refused.value.code == "not_delivered"
    assert not is_reviewable(order.lines[0])
    assert review_count(session) == 0


def test_someone_elses_line_is_not_found(session):
    order = delivered_order(session)
    stranger = make_user(session)

    with pytest.raises(NotFound):
        submit(session, order, consumer=stranger)
    with pytest.raises(NotFound):
        line_for_consumer(session, stranger, order.id, order.lines[0].id)
    assert review_count(session) == 0


def test_a_line_must_belong_to_the_order_in_the_address(session):
    consumer = make_user(session)
    first, second = delivered_order(session, consumer=consumer), delivered_order(session, consumer=consumer)

    assert line_for_consumer(session, consumer, first.id, first.lines[0].id) is first.lines[0]
    with pytest.raises(NotFound):
        line_for_consumer(session, consumer, first.id, second.lines[0].id)


def test_a_missing_line_is_not_found(session):
    with pytest.raises(NotFound):
        submit_review(session, make_user(session), 999_999, product_rating=5, now=NOW)


def test_one_review_per_line(session):
    order = delivered_order(session)
    submit(session, order, product_rating=5)

    with pytest.raises(Conflict) as refused:
        submit(session, order, product_rating=1)

    assert refused.value.code == "review_exists"
    assert review_count(session) == 1
    assert ratings_for(session, [order.lines[0].listing_id])[order.lines[0].listing_id].average == 5


def test_each_line_of_an_order_is_reviewed_on_its_own(session):
    enterprise = make_enterprise(session)
    first, second = make_listing(session, enterprise=enterprise), make_listing(session, enterprise=enterprise)
    order = make_order(session, items=[(first, 1), (second, 2)], fulfilment_status=S.DELIVERED)

    submit_review(session, order.consumer, order.lines[0].id, product_rating=2, now=NOW)

    assert reviewed_line_ids(session, [line.id for line in order.lines]) == {order.lines[0].id}
    submit_review(session, order.consumer, order.lines[1].id, product_rating=4, now=NOW)
    assert reviewed_line_ids(session, [line.id for line in order.lines]) == {line.id for line in order.lines}
    assert reviewed_line_ids(session, []) == set()


# -- what a rating may be -------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "bad"), [
    ({"product_rating": 0}, "product_rating"),
    ({"product_rating": 6}, "product_rating"),
    ({"product_rating": -1}, "product_rating"),
    ({"product_rating": "x"}, "product_rating"),
    ({"product_rating": "4.5"}, "product_rating"),
    ({"product_rating": "๕"}, "product_rating"),
    ({"product_rating": 4.0}, "product_rating"),
    ({"product_rating": True}, "product_rating"),
    ({"product_rating": None}, "product_rating"),
    ({"product_rating": "  "}, "product_rating"),
    ({"service_rating": 0}, "service_rating"),
    ({"service_rating": "6"}, "service_rating"),
    ({"service_rating": "good"}, "service_rating"),
    ({"product_text": "ก" * (TEXT_MAX + 1)}, "product_text"),
    ({"service_text": "a" * (TEXT_MAX + 1)}, "service_text"),
])
def test_bad_values_are_refused_naming_the_field(session, fields, bad):
    order = delivered_order(session)

    with pytest.raises(ValidationError) as refused:
        submit(session, order, **fields)

    assert set(refused.value.fields) == {bad}
    assert review_count(session) == 0


def test_every_bad_field_is_named_at_once(session):
    order = delivered_order(session)

    with pytest.raises(ValidationError) as refused:
        submit(session, order, product_rating=0, service_rating="x", service_text="a" * (TEXT_MAX + 1))

    assert set(refused.value.fields) == {"product_rating", "service_rating", "service_text"}


@pytest.mark.parametrize("rating", [1, 5, "1", " 3 "])
def test_ratings_from_one_to_five_are_taken(session, rating):
    assert submit(session, delivered_order(session), product_rating=rating).product_rating == int(rating)


def test_the_service_rating_and_texts_are_optional(session):
    review = submit(session, delivered_order(session), product_rating=3, product_text="   ", service_rating="",
                    service_text="")

    assert (review.product_text, review.service_rating, review.service_text) == (None, None, None)


def test_text_of_the_maximum_length_is_kept(session):
    review = submit(session, delivered_order(session), product_text="ก" * TEXT_MAX)

    assert len(review.product_text) == TEXT_MAX


# -- how they count -------------------------------------------------------------------------------

def test_product_and_service_ratings_count_apart(session):
    listing = make_listing(session, enterprise=make_enterprise(session, province_code="50"))
    company = company_of(session, "50")
    submit(session, delivered_order(session, listing), product_rating=5, service_rating=1)
    submit(session, delivered_order(session, listing), product_rating=4, service_rating=2)
    submit(session, delivered_order(session, listing), product_rating=3)  # service not rated

    product = ratings_for(session, [listing.id])[listing.id]
    service = company_service_rating(session, company.id)

    assert (product.average, product.count) == (4.0, 3)
    assert (service.average, service.count) == (1.5, 2)


def test_a_company_counts_only_the_lines_it_fulfilled(session):
    chiang_mai = make_listing(session, enterprise=make_enterprise(session, province_code="50"))
    korat = make_listing(session, enterprise=make_enterprise(session, province_code="30"))
    submit(session, delivered_order(session, chiang_mai), service_rating=5)
    submit(session, delivered_order(session, korat), service_rating=2)

    assert company_service_rating(session, company_of(session, "50").id).average == 5.0
    assert company_service_rating(session, company_of(session, "30").id).average == 2.0
    unrated = company_service_rating(session, company_of(session, "83").id)
    assert (unrated.average, unrated.count) == (None, 0)


def test_the_listing_average_updates_with_each_review(session):
    listing = make_listing(session)
    assert ratings_for(session, [listing.id])[listing.id].count == 0

    submit(session, delivered_order(session, listing), product_rating=5)
    assert ratings_for(session, [listing.id])[listing.id].average == 5.0

    submit(session, delivered_order(session, listing), product_rating=2)
    rating = ratings_for(session, [listing.id])[listing.id]
    assert (rating.average, rating.count) == (3.5, 2)


def test_reviews_of_a_listing_are_newest_first_and_limited(session):
    listing = make_listing(session)
    other = make_listing(session)
    for day in range(4):
        make_review(session, listing, day + 1, product_text=f"วันที่ {day}",
                    created_at=NOW + dt.timedelta(days=day))
    make_review(session, other, 5)

    reviews = reviews_for_listing(session, listing.id, limit=3)

    assert [review.product_text for review in reviews] == ["วันที่ 3", "วันที่ 2", "วันที่ 1"]
    assert [review.product_rating for review in reviews] == [4, 3, 2]


def test_a_review_is_signed_with_the_first_name_only(session):
    consumer = make_user(session, name="สมหญิง ใจดี")
    order = delivered_order(session, consumer=consumer)
    submit(session, order)

    (review,) = reviews_for_listing(session, order.lines[0].listing_id)

    assert review.reviewer_name == "สมหญิง"


def test_a_review_racing_another_for_the_same_line_is_a_conflict(session, monkeypatch):
    """Two requests that both passed the "not reviewed yet" check: the unique constraint
    decides, the loser hears ``review_exists`` and the session stays usable."""
    from marketplace.orders import reviews

    order = delivered_order(session)
    submit(session, order, product_rating=5)
    monkeypatch.setattr(reviews, "review_of_line", lambda _session, _line_id: None)

    with pytest.raises(Conflict) as refused:
        submit(session, order, product_rating=1)

    assert refused.value.code == "review_exists"
    assert review_count(session) == 1
