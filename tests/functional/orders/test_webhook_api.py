"""POST /payments/stripe/webhook on the rolled-back app, with Stripe pointed at
localstripe: signatures, exactly-once handling, wrong amounts, unknown events.
(The whole flow over HTTP, with localstripe calling the app, is test_stripe_flow.py.)"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing
from marketplace.payments.models import ProviderEvent, Refund
from tests.factories import checkout_body, keyed, make_listing, make_user
from tests.stripe_helpers import WEBHOOK_PATH, card_payment_method, signed_event, stripe_client

SECRET = "whsec_rolled_back_tests"
ORDERS = "/api/v1/orders"


@pytest.fixture
def app_config(app_config, localstripe):
    return {**app_config, "STRIPE_SECRET_KEY": "sk_test_localstripe", "STRIPE_PUBLISHABLE_KEY": "pk_test_localstripe",
            "STRIPE_WEBHOOK_SECRET": SECRET, "STRIPE_API_BASE": localstripe}


@pytest.fixture
def buyer(session, bearer):
    return bearer(make_user(session))


@pytest.fixture
def listing(session):
    return make_listing(session, price_satang=18000, stock=6)


@pytest.fixture
def order(client, buyer, listing):
    """A card order of 2 × 180.00 baht + 50.00 shipping, awaiting payment."""
    response = client.post(ORDERS, json=checkout_body((listing, 2), payment_method="card"), headers=keyed(buyer))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def intent_of(order, **changes) -> dict:
    return {"id": order["payment"]["intent_id"], "amount": order["total_satang"], "currency": "thb",
            "status": "succeeded", "metadata": {"order_id": str(order["id"])}, **changes}


def deliver(client, event_id, event_type, intent, secret=SECRET):
    payload, headers = signed_event(secret, event_id, event_type, intent)
    return client.post(WEBHOOK_PATH, data=payload, headers=headers)


def reload(client, buyer, order) -> dict:
    return client.get(f"{ORDERS}/{order['id']}", headers=buyer).get_json()


def recorded(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(ProviderEvent))


def actions(session, order) -> list[str]:
    return list(session.scalars(select(AuditEntry.action).where(AuditEntry.order_id == order["id"])
                                .order_by(AuditEntry.id)))


def test_a_card_order_gets_a_payment_intent_for_its_total(order, localstripe):
    assert order["status"] == "awaiting_payment"
    assert (order["payment"]["method"], order["payment"]["status"]) == ("card", "pending")
    assert order["payment"]["intent_id"].startswith("pi_") and order["payment"]["client_secret"]
    assert "promptpay_payload" not in order["payment"]
    intent = stripe_client(localstripe).v1.payment_intents.retrieve(order["payment"]["intent_id"])
    assert (intent.amount, intent.currency) == (2 * 18000 + 5000, "thb")
    assert intent.metadata["order_id"] == str(order["id"])


def test_a_signed_success_places_the_order_once(client, session, buyer, order):
    response = deliver(client, "evt_ok_1", "payment_intent.succeeded", intent_of(order))
    assert response.status_code == 200
    assert response.get_json() == {"received": True, "outcome": "placed"}
    paid = reload(client, buyer, order)
    assert paid["status"] == "placed"
    assert paid["payment"]["status"] == "succeeded"
    assert {f["status"] for f in paid["fulfilments"]} == {"new"}

    again = deliver(client, "evt_ok_1", "payment_intent.succeeded", intent_of(order))
    assert again.status_code == 200 and again.get_json()["outcome"] == "duplicate"
    assert actions(session, order).count("order.paid") == 1
    assert recorded(session) == 1


@pytest.mark.parametrize("tamper", ["wrong secret", "changed body", "no signature", "old timestamp", "garbage"])
def test_a_bad_signature_is_400_and_changes_nothing(client, session, buyer, order, tamper):
    payload, headers = signed_event(SECRET, "evt_forged", "payment_intent.succeeded", intent_of(order))
    if tamper == "wrong secret":
        payload, headers = signed_event("whsec_somebody_else", "evt_forged", "payment_intent.succeeded",
                                        intent_of(order))
    elif tamper == "changed body":
        payload = payload.replace(b'"evt_forged"', b'"evt_forgex"')
    elif tamper == "no signature":
        del headers["Stripe-Signature"]
    elif tamper == "old timestamp":
        stamp = int(time.time()) - 3600
        digest = hmac.new(SECRET.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
        headers["Stripe-Signature"] = f"t={stamp},v1={digest}"
    else:
        headers["Stripe-Signature"] = "t=1,v1=deadbeef"
    before = actions(session, order)

    response = client.post(WEBHOOK_PATH, data=payload, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_signature"
    assert recorded(session) == 0
    assert actions(session, order) == before
    assert reload(client, buyer, order)["status"] == "awaiting_payment"


def test_an_unknown_event_type_is_acknowledged_and_ignored(client, session, buyer, order):
    response = deliver(client, "evt_other", "payment_intent.created",
                       intent_of(order, status="requires_payment_method"))
    assert response.status_code == 200
    assert response.get_json()["outcome"] == "ignored"
    assert recorded(session) == 1
    assert reload(client, buyer, order)["status"] == "awaiting_payment"


def test_a_success_for_another_amount_is_not_taken_and_is_logged(client, session, buyer, order, caplog):
    with caplog.at_level(logging.ERROR, logger="marketplace.orders.payment_events"):
        response = deliver(client, "evt_cheap", "payment_intent.succeeded", intent_of(order, amount=100))
    assert response.status_code == 200
    assert response.get_json()["outcome"] == "amount_mismatch"
    assert "differs from order" in caplog.text and order["number"] in caplog.text
    assert reload(client, buyer, order)["status"] == "awaiting_payment"
    assert reload(client, buyer, order)["payment"]["status"] == "pending"
    assert actions(session, order)[-1] == "payment.mismatch"

    assert deliver(client, "evt_right", "payment_intent.succeeded", intent_of(order)).get_json()["outcome"] == \
        "placed"


def test_a_failure_delivered_after_the_success_leaves_it_paid(client, session, buyer, order):
    deliver(client, "evt_ok", "payment_intent.succeeded", intent_of(order))
    late = deliver(client, "evt_fail", "payment_intent.payment_failed",
                   intent_of(order, status="requires_payment_method",
                             last_payment_error={"message": "Your card was declined."}))
    assert late.status_code == 200
    paid = reload(client, buyer, order)
    assert (paid["status"], paid["payment"]["status"]) == ("placed", "succeeded")
    assert "failure_message" not in paid["payment"]


def test_a_declined_attempt_is_shown_and_the_order_keeps_waiting(client, buyer, order):
    deliver(client, "evt_fail", "payment_intent.payment_failed",
            intent_of(order, status="requires_payment_method",
                      last_payment_error={"message": "Your card has insufficient funds."}))
    waiting = reload(client, buyer, order)
    assert waiting["status"] == "awaiting_payment"
    assert waiting["payment"]["status"] == "pending"
    assert waiting["payment"]["failure_message"] == "Your card has insufficient funds."


def test_an_event_for_an_intent_we_do_not_know_is_recorded(client, session, order):
    response = deliver(client, "evt_stranger", "payment_intent.succeeded", intent_of(order, id="pi_not_ours"))
    assert response.status_code == 200 and response.get_json()["outcome"] == "unknown_intent"
    assert recorded(session) == 1


def test_pay_needs_a_payment_method_id(client, buyer, order):
    response = client.post(f"{ORDERS}/{order['id']}/pay", json={}, headers=buyer)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"payment_method_id": "required"}
    paid = client.post(f"{ORDERS}/{order['id']}/pay", json={"payment_method_id": "  "}, headers=buyer)
    assert paid.status_code == 422


def test_cancelling_a_paid_card_order_refunds_it_through_stripe(client, session, buyer, order, listing, localstripe):
    paying = client.post(f"{ORDERS}/{order['id']}/pay", headers=buyer,
                         json={"payment_method_id": card_payment_method(localstripe)})
    assert paying.status_code == 200, paying.get_json()
    assert paying.get_json()["status"] == "awaiting_payment"  # until the signed webhook says so
    deliver(client, "evt_ok", "payment_intent.succeeded", intent_of(order))
    response = client.post(f"{ORDERS}/{order['id']}/cancel", headers=buyer)
    assert response.status_code == 200, response.get_json()
    cancelled = response.get_json()
    assert cancelled["status"] == "cancelled"
    assert (cancelled["payment"]["status"], cancelled["payment"]["refunded_satang"]) == ("refunded", 41000)
    session.expire_all()
    (refund,) = session.scalars(select(Refund))
    assert refund.amount_satang == 41000 and refund.provider_refund_id.startswith("re_")
    assert session.scalar(select(Listing.stock).where(Listing.id == listing.id)) == 6
    refunds = stripe_client(localstripe).v1.refunds.list(params={"payment_intent": order["payment"]["intent_id"]})
    assert [r.amount for r in refunds.data] == [41000]


def test_the_webhook_body_must_be_json_of_an_event(client, session):
    payload = b"not json at all"
    stamp = int(time.time())
    digest = hmac.new(SECRET.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    response = client.post(WEBHOOK_PATH, data=payload, headers={"Stripe-Signature": f"t={stamp},v1={digest}"})
    # signed correctly, but not an event
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_signature"
    assert recorded(session) == 0
