"""The review page of an order line, and the reviews on the listing page."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import ListingKind
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Review
from marketplace.orders.states import OrderStatus
from tests.factories import company_of, make_enterprise, make_listing, make_order, make_review, make_user, sign_in

S = FulfilmentStatus
NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)


def html(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def review_url(order, line=None) -> str:
    line = line or order.lines[0]
    return f"/orders/{order.id}/lines/{line.id}/review"


def reviews_stored(session) -> int:
    return session.scalar(select(func.count(Review.id)))


@pytest.fixture
def consumer(session):
    return make_user(session, name="มาลี ศรีสุข")


@pytest.fixture
def delivered(session, consumer):
    listing = make_listing(session, enterprise=make_enterprise(session, province_code="50"),
                           title_th="ผ้าไหมมัดหมี่", title_en="Mudmee silk")
    return make_order(session, consumer=consumer, items=[(listing, 2)], fulfilment_status=S.DELIVERED,
                      order_status=OrderStatus.COMPLETED)


def test_the_page_needs_a_signed_in_user(client, delivered):
    response = client.get(review_url(delivered))

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_consumer_sees_the_form_for_a_delivered_line(client, consumer, delivered, session):
    sign_in(client, consumer)

    text = html(client.get(review_url(delivered) + "?lang=en"))

    assert "Mudmee silk" in text
    assert delivered.number in text
    assert 'name="product_rating"' in text and 'name="service_rating"' in text
    assert 'name="product_text"' in text and 'name="service_text"' in text
    assert company_of(session, "50").name_en in text
    assert "never for the producer" in text


def test_posting_a_review_publishes_it(client, consumer, delivered, session):
    sign_in(client, consumer)
    client.set_cookie("lang", "en")  # the flash is worded when the form is posted

    response = client.post(review_url(delivered), data={
        "product_rating": "4", "product_text": "เนื้อผ้าดีมาก", "service_rating": "2", "service_text": "ส่งช้า",
    })

    assert response.status_code == 302
    assert response.headers["Location"] == review_url(delivered)
    review = session.scalar(select(Review))
    assert (review.product_rating, review.product_text) == (4, "เนื้อผ้าดีมาก")
    assert (review.service_rating, review.service_text) == (2, "ส่งช้า")
    assert review.consumer_id == consumer.id
    text = html(client.get(review_url(delivered) + "?lang=en"))
    assert "Thank you! Your review is published." in text
    assert "Your review" in text and "เนื้อผ้าดีมาก" in text and 'name="product_rating"' not in text


def test_the_service_rating_may_be_left_out(client, consumer, delivered, session):
    sign_in(client, consumer)

    response = client.post(review_url(delivered), data={"product_rating": "5", "service_rating": ""})

    assert response.status_code == 302
    review = session.scalar(select(Review))
    assert (review.product_rating, review.service_rating, review.product_text) == (5, None, None)


def test_a_line_not_delivered_yet_cannot_be_reviewed(client, consumer, session):
    order = make_order(session, consumer=consumer, fulfilment_status=S.SHIPPED)
    sign_in(client, consumer)

    shown = html(client.get(review_url(order) + "?lang=en"))
    posted = html(client.post(review_url(order) + "?lang=en", data={"product_rating": "5"}), 409)

    assert "You can review this item once it has been delivered." in shown
    assert 'name="product_rating"' not in shown
    assert "You can review this item once it has been delivered." in posted
    assert reviews_stored(session) == 0


def test_a_tour_is_reviewed_once_completed(client, consumer, session):
    tour = make_listing(session, kind=ListingKind.TOUR)
    confirmed = make_order(session, consumer=consumer, items=[(tour, 2)], fulfilment_status=S.CONFIRMED)
    completed = make_order(session, consumer=consumer, items=[(tour, 2)], fulfilment_status=S.COMPLETED)
    sign_in(client, consumer)

    assert "You can review this tour once it is completed." in html(client.get(review_url(confirmed) + "?lang=en"))
    assert client.post(review_url(completed), data={"product_rating": "5"}).status_code == 302
    assert reviews_stored(session) == 1


def test_someone_elses_line_is_404_and_nothing_is_written(client, delivered, session):
    sign_in(client, make_user(session))

    assert client.get(review_url(delivered)).status_code == 404
    assert client.post(review_url(delivered), data={"product_rating": "5"}).status_code == 404
    assert reviews_stored(session) == 0


def test_a_line_under_another_of_ones_orders_is_404(client, consumer, delivered, session):
    other = make_order(session, consumer=consumer, fulfilment_status=S.DELIVERED)
    sign_in(client, consumer)

    assert client.get(f"/orders/{other.id}/lines/{delivered.lines[0].id}/review").status_code == 404
    assert client.get(f"/orders/{delivered.id}/lines/999999/review").status_code == 404


def test_a_second_review_of_the_line_is_409(client, consumer, delivered, session):
    sign_in(client, consumer)
    assert client.post(review_url(delivered), data={"product_rating": "5"}).status_code == 302

    text = html(client.post(review_url(delivered) + "?lang=en", data={"product_rating": "1"}), 409)

    assert "You have already reviewed this item." in text
    assert reviews_stored(session) == 1
    assert session.scalar(select(Review.product_rating)) == 5


@pytest.mark.parametrize(("data", "field"), [
    ({"product_rating": "0"}, "product_rating"),
    ({"product_rating": "6"}, "product_rating"),
    ({"product_rating": "x"}, "product_rating"),
    ({}, "product_rating"),
    ({"product_rating": "5", "service_rating": "9"}, "service_rating"),
])
def test_a_bad_rating_is_422_with_the_message_next_to_it(client, consumer, delivered, session, data, field):
    sign_in(client, consumer)

    text = html(client.post(review_url(delivered) + "?lang=en", data={"product_text": "ผ้าสวย", **data}), 422)

    assert f'<p class="field-error" id="{field}-error">Choose from 1 to 5 stars.</p>' in text
    assert "ผ้าสวย</textarea>" in text  # what was written is kept
    assert reviews_stored(session) == 0


def test_overlong_text_is_422(client, consumer, delivered, session):
    sign_in(client, consumer)

    text = html(client.post(review_url(delivered) + "?lang=en",
                            data={"product_rating": "5", "service_text": "ก" * 2001}), 422)

    assert '<p class="field-error" id="service_text-error">At most 2000 characters.</p>' in text
    assert reviews_stored(session) == 0


# -- on the listing page -------------------------------------------------------------------------

def test_the_listing_page_shows_the_average_and_the_newest_reviews(client, session):
    listing = make_listing(session)
    for day in range(12):
        make_review(session, listing, 5 if day % 2 else 4, product_text=f"รีวิวที่ {day}",
                    created_at=NOW + dt.timedelta(days=day))

    text = html(client.get(f"/listings/{listing.id}?lang=en"))

    assert "4.5 out of 5" in text
    assert "(12 reviews)" in text
    assert text.index("รีวิวที่ 11") < text.index("รีวิวที่ 10") < text.index("รีวิวที่ 2")
    assert "รีวิวที่ 1<" not in text and "รีวิวที่ 0<" not in text
    assert text.count('class="review"') == 10
    assert "The newest 10 of 12 reviews are shown." in text


def test_a_review_posted_on_the_web_updates_the_listing(client, consumer, delivered, session):
    listing_id = delivered.lines[0].listing_id
    make_review(session, delivered.lines[0].listing, 2)
    sign_in(client, consumer)

    client.post(review_url(delivered), data={"product_rating": "5", "product_text": "ชอบมาก", "service_rating": "1"})
    text = html(client.get(f"/listings/{listing_id}?lang=en"))

    assert "3.5 out of 5" in text and "(2 reviews)" in text
    assert "ชอบมาก" in text
    reviews = text[text.index('id="reviews"'):]
    assert '<span class="review-by">มาลี</span>' in reviews and "ศรีสุข" not in reviews  # first name only


def test_a_listing_without_reviews_says_so(client, session):
    listing = make_listing(session)

    text = html(client.get(f"/listings/{listing.id}?lang=en"))

    assert "No one has reviewed this yet." in text
