"""A card order from the cart over HTTP, against localstripe: the page's route confirms
the PaymentMethod that Stripe.js would have created, and the order page shows it paid
only once the signed webhook has arrived."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, make_listing, make_user
from tests.stripe_helpers import card_payment_method, register_webhook, wait_for

from .conftest import ADDRESS, HIDDEN_RE

pytestmark = pytest.mark.concurrency


@pytest.fixture
def shop(live_db, live_app, live_server, localstripe):
    register_webhook(localstripe, live_server, live_app.config["STRIPE_WEBHOOK_SECRET"])
    live_app.config["STRIPE_JS_URL"] = f"{localstripe}/js.stripe.com/v3/"
    with Session(live_db, expire_on_commit=False) as session:
        consumer = make_user(session)
        listing = make_listing(session, stock=10, price_satang=25000)
        session.commit()
    client = live_app.test_client()
    client.set_cookie("lang", "en")
    assert client.post("/login", data={"email": consumer.email, "password": PASSWORD}).status_code == 302
    return {"client": client, "listing": listing, "localstripe": localstripe}


def place_card_order(shop) -> int:
    client = shop["client"]
    client.post("/cart/add", data={"listing_id": shop["listing"].id, "quantity": 2})
    summary = client.post("/checkout/", data={**ADDRESS, "payment_method": "card"}).get_data(as_text=True)
    assert "Credit or debit card" in summary
    hidden = dict(HIDDEN_RE.findall(summary.split('class="place-form"', 1)[1]))
    response = client.post("/checkout/place", data=hidden)
    match = re.fullmatch(r"/orders/(\d+)/pay", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match[1])


def test_a_card_order_from_the_cart_is_paid_through_the_webhook(shop):
    client, localstripe = shop["client"], shop["localstripe"]
    order_id = place_card_order(shop)

    page = client.get(f"/orders/{order_id}/pay").get_data(as_text=True)
    assert f'<script src="{localstripe}/js.stripe.com/v3/"></script>' in page
    assert 'data-publishable-key="pk_test_localstripe"' in page
    assert "฿550.00" in page

    answer = client.post(f"/orders/{order_id}/pay", json={"payment_method_id": card_payment_method(localstripe)})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["status"] == "processing" and answer.get_json()["client_secret"] is None

    wait_for(lambda: client.get(f"/orders/{order_id}/status").get_json()["paid"])
    detail = client.get(f"/orders/{order_id}").get_data(as_text=True)
    assert "payment-status-succeeded" in detail and ">Paid<" in detail
    assert "order-status-placed" in detail
    assert client.get("/cart/").get_data(as_text=True).count('class="cart-line') == 0


def test_a_card_that_needs_3d_secure_gets_the_client_secret(shop):
    client, localstripe = shop["client"], shop["localstripe"]
    order_id = place_card_order(shop)

    answer = client.post(f"/orders/{order_id}/pay",
                         json={"payment_method_id": card_payment_method(localstripe, "4000002760003184")})

    body = answer.get_json()
    assert answer.status_code == 200 and body["status"] == "requires_action"
    assert body["client_secret"].startswith("pi_")
    assert client.get(f"/orders/{order_id}/status").get_json()["paid"] is False
    # What localstripe's Stripe.js stand-in (confirmCardPayment) posts when the buyer passes the check.
    intent_id = body["client_secret"].split("_secret_")[0]
    request = urllib.request.Request(
        f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate?success=true", method="POST",
        data=json.dumps({"key": "pk_test_localstripe", "client_secret": body["client_secret"]}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["id"] == intent_id
    wait_for(lambda: client.get(f"/orders/{order_id}/status").get_json()["paid"])


def test_a_declined_card_answers_402_with_the_message(shop):
    client, localstripe = shop["client"], shop["localstripe"]
    order_id = place_card_order(shop)

    answer = client.post(f"/orders/{order_id}/pay",
                         json={"payment_method_id": card_payment_method(localstripe, "4000000000000341")})

    assert answer.status_code == 402
    assert answer.get_json()["error"]["code"] == "payment_failed"
    assert client.get(f"/orders/{order_id}/status").get_json()["status"] == "awaiting_payment"
