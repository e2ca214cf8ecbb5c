"""Reviews through the API: the buyer rates a delivered line once; anyone reads them."""

from __future__ import annotations

from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import make_listing, make_order, make_user


def review_url(order, line):
    return f"/api/v1/orders/{order.id}/lines/{line.id}/review"


def test_a_buyer_reviews_a_delivered_line_once_and_the_listing_shows_it(client, session, bearer):
    listing = make_listing(session)
    order = make_order(session, items=[(listing, 1)], fulfilment_status=FulfilmentStatus.DELIVERED)
    headers = bearer(order.consumer)
    line = order.lines[0]

    created = client.post(review_url(order, line), headers=headers,
                          json={"product_rating": 5, "product_text": "หอมมาก", "service_rating": 3})
    assert created.status_code == 201
    assert (created.get_json()["product_rating"], created.get_json()["service_rating"]) == (5, 3)
    again = client.post(review_url(order, line), headers=headers, json={"product_rating": 4})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "review_exists"

    items = client.get(f"/api/v1/listings/{listing.id}/reviews").get_json()["items"]
    assert [(item["product_rating"], item["product_text"]) for item in items] == [(5, "หอมมาก")]
    assert client.get(f"/api/v1/listings/{listing.id}").get_json()["rating"] == {"average": 5.0, "count": 1}


def test_refusals(client, session, bearer):
    listing = make_listing(session)
    waiting = make_order(session, items=[(listing, 1)], fulfilment_status=FulfilmentStatus.SHIPPED)
    headers = bearer(waiting.consumer)
    line = waiting.lines[0]
    early = client.post(review_url(waiting, line), headers=headers, json={"product_rating": 5})
    assert early.status_code == 409 and early.get_json()["error"]["code"] == "not_delivered"
    delivered = make_order(session, consumer=waiting.consumer, items=[(listing, 1)],
                           fulfilment_status=FulfilmentStatus.DELIVERED)
    bad = client.post(review_url(delivered, delivered.lines[0]), headers=headers, json={"product_rating": 6})
    assert bad.status_code == 422 and "product_rating" in bad.get_json()["error"]["fields"]
    stranger = bearer(make_user(session))
    assert client.post(review_url(delivered, delivered.lines[0]), headers=stranger,
                       json={"product_rating": 5}).status_code == 404
    assert client.post(review_url(delivered, delivered.lines[0]), json={"product_rating": 5}).status_code == 401
    assert client.get("/api/v1/listings/999999/reviews").status_code == 404
