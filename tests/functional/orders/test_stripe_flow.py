"""Card payments over HTTP against localstripe: pay, webhook, replay, refund."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace.accounts.services import issue_token
from marketplace.catalog.models import Listing
from marketplace.orders.models import Order
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment, Refund
from marketplace.payments.states import PaymentStatus
from tests.factories import keyed, make_listing, make_user
from tests.stripe_helpers import card_payment_method, register_webhook, signed_event, stripe_client, wait_for

pytestmark = pytest.mark.concurrency
ADDRESS = {"name": "ผู้ซื้อ", "phone": "0812345678", "line1": "1 ถนนนิมมานเหมินท์",
           "subdistrict_code": "500101", "postal_code": "50200"}


@pytest.fixture
def shop(live_db, live_app, live_server, localstripe):
    register_webhook(localstripe, live_server, live_app.config["STRIPE_WEBHOOK_SECRET"])
    with Session(live_db, expire_on_commit=False) as session:
        consumer = make_user(session)
        listing = make_listing(session, stock=10, price_satang=25000)
        plain, _ = issue_token(session, consumer, ttl=dt.timedelta(hours=1))
        session.commit()
    return {"client": live_app.test_client(), "headers": {"Authorization": f"Bearer {plain}"},
            "listing": listing, "engine": live_db, "localstripe": localstripe}


def place_card_order(shop, quantity=2):
    response = shop["client"].post("/api/v1/orders", headers=keyed(shop["headers"]), json={
        "lines": [{"listing_id": shop["listing"].id, "quantity": quantity}],
        "shipping_address": ADDRESS, "payment_method": "card"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def order_status(shop, order_id):
    return shop["client"].get(f"/api/v1/orders/{order_id}", headers=shop["headers"]).get_json()["status"]


def test_card_order_is_paid_only_by_the_signed_webhook(shop):
    order = place_card_order(shop)
    assert order["status"] == "awaiting_payment"
    assert order["payment"]["intent_id"].startswith("pi_") and order["payment"]["client_secret"]
    assert order["total_satang"] == 2 * 25000 + 5000  # goods + Chiang Mai's flat shipping fee

    intent = stripe_client(shop["localstripe"]).v1.payment_intents.retrieve(order["payment"]["intent_id"])
    assert (intent.amount, intent.currency) == (order["total_satang"], "thb")
    assert intent.metadata["order_id"] == str(order["id"])

    response = shop["client"].post(f"/api/v1/orders/{order['id']}/pay", headers=shop["headers"],
                                   json={"payment_method_id": card_payment_method(shop["localstripe"])})
    assert response.status_code == 200

    wait_for(lambda: order_status(shop, order["id"]) == "placed")
    body = shop["client"].get(f"/api/v1/orders/{order['id']}", headers=shop["headers"]).get_json()
    assert body["payment"]["status"] == "succeeded"
    assert {f["status"] for f in body["fulfilments"]} == {"new"}


def test_a_declined_card_is_402_with_stripes_message(shop):
    order = place_card_order(shop)
    response = shop["client"].post(f"/api/v1/orders/{order['id']}/pay", headers=shop["headers"], json={
        "payment_method_id": card_payment_method(shop["localstripe"], "4000000000000341")})
    assert response.status_code == 402
    assert response.get_json()["error"]["code"] == "payment_failed"
    assert order_status(shop, order["id"]) == "awaiting_payment"


def test_replayed_and_late_events_change_nothing(shop):
    order = place_card_order(shop)
    shop["client"].post(f"/api/v1/orders/{order['id']}/pay", headers=shop["headers"],
                        json={"payment_method_id": card_payment_method(shop["localstripe"])})
    wait_for(lambda: order_status(shop, order["id"]) == "placed")
    secret = "whsec_localstripe_test"
    intent = {"id": order["payment"]["intent_id"], "amount": order["total_satang"], "currency": "thb",
              "status": "succeeded"}
    payload, headers = signed_event(secret, "evt_replayed_1", "payment_intent.succeeded", intent)
    for _ in range(2):
        assert shop["client"].post("/api/v1/payments/stripe/webhook", data=payload, headers=headers).status_code == 200
    failed, failed_headers = signed_event(secret, "evt_late_failure", "payment_intent.payment_failed",
                                          {**intent, "status": "requires_payment_method"})
    assert shop["client"].post("/api/v1/payments/stripe/webhook", data=failed,
                               headers=failed_headers).status_code == 200
    with Session(shop["engine"]) as session:
        placed = session.get(Order, order["id"])
        assert placed.status is OrderStatus.PLACED
        assert session.scalar(select(Payment.status).where(Payment.order_id == order["id"])) \
            is PaymentStatus.SUCCEEDED
        assert session.scalar(select(Listing.stock).where(Listing.id == shop["listing"].id)) == 8


def test_cancelling_a_paid_order_refunds_it_in_localstripe_and_restores_stock(shop):
    order = place_card_order(shop, quantity=3)
    shop["client"].post(f"/api/v1/orders/{order['id']}/pay", headers=shop["headers"],
                        json={"payment_method_id": card_payment_method(shop["localstripe"])})
    wait_for(lambda: order_status(shop, order["id"]) == "placed")

    response = shop["client"].post(f"/api/v1/orders/{order['id']}/cancel", headers=shop["headers"])
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "cancelled"
    assert body["payment"]["status"] == "refunded"
    with Session(shop["engine"]) as session:
        refund = session.scalar(select(Refund).join(Payment).where(Payment.order_id == order["id"]))
        assert refund.amount_satang == order["total_satang"]
        assert refund.provider_refund_id.startswith("re_")
        assert session.scalar(select(Listing.stock).where(Listing.id == shop["listing"].id)) == 10
    refunds = stripe_client(shop["localstripe"]).v1.refunds.list(
        params={"payment_intent": order["payment"]["intent_id"]})
    assert sum(r.amount for r in refunds.data) == order["total_satang"]
