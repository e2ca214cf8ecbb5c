"""On real databases with real commits (SQLite and PostgreSQL), through the whole API
stack: staff clicking at once never both succeed, and a company cancelling its part of
a multi-company card order paid through localstripe refunds exactly that part there."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.accounts.services import issue_token
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Order
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment, Refund
from marketplace.payments.states import PaymentStatus
from tests.factories import checkout_body, keyed, make_enterprise, make_listing, make_staff, make_user
from tests.stripe_helpers import card_payment_method, register_webhook, stripe_client, wait_for

pytestmark = pytest.mark.concurrency
S = FulfilmentStatus
API = "/api/v1"
CM_PRICE, BKK_PRICE, FEE = 12500, 30000, 5000


def headers_for(session, user) -> dict[str, str]:
    plain, _token = issue_token(session, user, ttl=dt.timedelta(hours=1))
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def world(live_db):
    """Goods of Chiang Mai and of Bangkok, a buyer, and staff of both companies (committed)."""
    with Session(live_db, expire_on_commit=False) as session:
        buyer = make_user(session)
        cm = make_listing(session, stock=10, price_satang=CM_PRICE, enterprise=make_enterprise(session))
        bkk = make_listing(session, stock=10, price_satang=BKK_PRICE,
                           enterprise=make_enterprise(session, province_code="10"))
        world = {
            "engine": live_db, "cm": cm, "bkk": bkk, "buyer": headers_for(session, buyer),
            "cm_staff": [headers_for(session, make_staff(session, "50")) for _ in range(10)],
            "bkk_staff": headers_for(session, make_staff(session, "10")),
        }
        session.commit()
    return world


def place_order(client, world, *lines, payment_method="cod") -> dict:
    response = client.post(f"{API}/orders", headers=keyed(world["buyer"]),
                           json=checkout_body(*lines, payment_method=payment_method))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def part(order: dict, province_code: str) -> dict:
    return next(f for f in order["fulfilments"] if f["company"]["province_code"] == province_code)


def race(live_app, calls) -> list[tuple[int, dict]]:
    """Send every ``(headers, path, body)`` at once, each from its own thread and client."""
    start = threading.Barrier(len(calls))

    def send(call):
        headers, path, body = call
        client = live_app.test_client()
        start.wait()
        response = client.post(path, headers=headers, json=body)
        return response.status_code, response.get_json()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def transitions(engine, fulfilment_id: int, to: S) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.fulfilment_id == fulfilment_id, AuditEntry.action == "fulfilment.transition",
            AuditEntry.to_status == to.value))


def stock(engine, listing) -> int:
    with Session(engine) as session:
        return session.scalar(select(Listing.stock).where(Listing.id == listing.id))


def one_winner(results) -> None:
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * (len(results) - 1), results
    assert {body["error"]["code"] for status, body in results if status == 409} <= {"invalid_transition"}


# -- staff clicking at once ----------------------------------------------------------------------------------

@pytest.mark.parametrize("clicks", [2, 10])
def test_concurrent_accepts_one_wins(live_app, world, clicks):
    client = live_app.test_client()
    fulfilment = place_order(client, world, (world["cm"], 1))["fulfilments"][0]
    path = f"{API}/fulfilments/{fulfilment['id']}/transitions"

    results = race(live_app, [(world["cm_staff"][n], path, {"to": "accepted"}) for n in range(clicks)])

    one_winner(results)
    assert transitions(world["engine"], fulfilment["id"], S.ACCEPTED) == 1
    with Session(world["engine"]) as session:
        assert session.get(Fulfilment, fulfilment["id"]).status is S.ACCEPTED


@pytest.mark.parametrize("clicks", [2, 10])
def test_concurrent_cancels_refund_once_and_restore_stock_once(live_app, live_server, localstripe, world, clicks):
    paid = pay_by_card(live_app, live_server, localstripe, world, (world["cm"], 3))
    fulfilment = paid["fulfilments"][0]
    assert stock(world["engine"], world["cm"]) == 7
    path = f"{API}/fulfilments/{fulfilment['id']}/transitions"

    results = race(live_app, [(world["cm_staff"][n], path, {"to": "cancelled", "reason": f"คลิก {n}"})
                              for n in range(clicks)])

    one_winner(results)
    assert transitions(world["engine"], fulfilment["id"], S.CANCELLED) == 1
    assert stock(world["engine"], world["cm"]) == 10
    with Session(world["engine"]) as session:
        assert session.scalars(select(Refund.amount_satang)).all() == [paid["total_satang"]]
    refunds = stripe_client(localstripe).v1.refunds.list(params={"payment_intent": paid["payment"]["intent_id"]})
    assert [refund.amount for refund in refunds.data] == [paid["total_satang"]]


def test_two_companies_cancelling_their_parts_at_once_refund_the_whole_order(
        live_app, live_server, localstripe, world):
    paid = pay_by_card(live_app, live_server, localstripe, world, (world["cm"], 2), (world["bkk"], 1))
    calls = [(world["cm_staff"][0], f"{API}/fulfilments/{part(paid, '50')['id']}/transitions",
              {"to": "cancelled", "reason": "หมด"}),
             (world["bkk_staff"], f"{API}/fulfilments/{part(paid, '10')['id']}/transitions",
              {"to": "cancelled", "reason": "หมด"})]

    assert [status for status, _ in race(live_app, calls)] == [200, 200]

    with Session(world["engine"]) as session:
        payment = session.scalar(select(Payment).where(Payment.order_id == paid["id"]))
        assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, paid["total_satang"])
        assert sorted(session.scalars(select(Refund.amount_satang))) == sorted([BKK_PRICE + FEE, 2 * CM_PRICE + FEE])
        assert session.get(Order, paid["id"]).status is OrderStatus.CANCELLED
    refunds = stripe_client(localstripe).v1.refunds.list(params={"payment_intent": paid["payment"]["intent_id"]})
    assert sum(refund.amount for refund in refunds.data) == paid["total_satang"]


def test_two_companies_delivering_cash_parts_at_once_complete_the_order(live_app, world):
    client = live_app.test_client()
    order = place_order(client, world, (world["cm"], 1), (world["bkk"], 1))
    staff_of = {"50": world["cm_staff"][0], "10": world["bkk_staff"]}
    for province in ("50", "10"):
        fulfilment = part(order, province)
        path = f"{API}/fulfilments/{fulfilment['id']}"
        headers = staff_of[province]
        assert client.post(f"{path}/transitions", headers=headers, json={"to": "accepted"}).status_code == 200
        line_id = fulfilment["lines"][0]["id"]
        assert client.post(f"{path}/lines/{line_id}/receive", headers=headers).status_code == 200
        assert client.post(f"{path}/transitions", headers=headers, json={"to": "packed"}).status_code == 200
        assert client.post(f"{path}/transitions", headers=headers, json={
            "to": "shipped", "carrier": "jt", "tracking_number": f"JT{fulfilment['id']:010d}"}).status_code == 200

    calls = [(staff_of[p], f"{API}/fulfilments/{part(order, p)['id']}/transitions", {"to": "delivered"})
             for p in ("50", "10")]
    assert [status for status, _ in race(live_app, calls)] == [200, 200]

    with Session(world["engine"]) as session:
        assert session.scalar(select(Payment.status).where(Payment.order_id == order["id"])) \
            is PaymentStatus.COLLECTED
        assert session.get(Order, order["id"]).status is OrderStatus.COMPLETED


# -- a multi-company card order, one part cancelled at a time -------------------------------------------------

def pay_by_card(live_app, live_server, localstripe, world, *lines) -> dict:
    """Place a card order and pay it in localstripe; it is paid when the signed webhook arrives."""
    register_webhook(localstripe, live_server, live_app.config["STRIPE_WEBHOOK_SECRET"])
    client = live_app.test_client()
    order = place_order(client, world, *lines, payment_method="card")
    response = client.post(f"{API}/orders/{order['id']}/pay", headers=world["buyer"],
                           json={"payment_method_id": card_payment_method(localstripe)})
    assert response.status_code == 200, response.get_json()
    return wait_for(lambda: _placed(client, world, order["id"]))


def _placed(client, world, order_id):
    body = client.get(f"{API}/orders/{order_id}", headers=world["buyer"]).get_json()
    return body if body["status"] == "placed" else None


def test_cancelling_one_companys_part_refunds_exactly_that_part_in_stripe(live_app, live_server, localstripe,
                                                                          world):
    paid = pay_by_card(live_app, live_server, localstripe, world, (world["cm"], 2), (world["bkk"], 1))
    intent = paid["payment"]["intent_id"]
    assert paid["payment"]["status"] == "succeeded"
    assert paid["total_satang"] == 2 * CM_PRICE + BKK_PRICE + 2 * FEE
    chiang_mai, bangkok = part(paid, "50"), part(paid, "10")
    client = live_app.test_client()

    response = client.post(f"{API}/fulfilments/{chiang_mai['id']}/transitions", headers=world["cm_staff"][0],
                           json={"to": "cancelled", "reason": "ผู้ผลิตน้ำท่วม"})
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"

    share = 2 * CM_PRICE + FEE
    refunds = stripe_client(localstripe).v1.refunds.list(params={"payment_intent": intent})
    assert [(refund.amount, refund.status) for refund in refunds.data] == [(share, "succeeded")]
    with Session(world["engine"]) as session:
        refund = session.scalars(select(Refund)).one()
        assert (refund.amount_satang, refund.fulfilment_id, refund.provider_refund_id) == (
            share, chiang_mai["id"], refunds.data[0].id)
    order = client.get(f"{API}/orders/{paid['id']}", headers=world["buyer"]).get_json()
    assert (order["status"], order["payment"]["status"], order["payment"]["refunded_satang"]) == (
        "placed", "partially_refunded", share)
    assert part(order, "10")["status"] == "new"
    assert stock(world["engine"], world["cm"]) == 10 and stock(world["engine"], world["bkk"]) == 9

    response = client.post(f"{API}/fulfilments/{bangkok['id']}/transitions", headers=world["bkk_staff"],
                           json={"to": "cancelled", "reason": "ลูกค้าขอยกเลิก"})
    assert response.status_code == 200

    refunds = stripe_client(localstripe).v1.refunds.list(params={"payment_intent": intent})
    assert sorted(refund.amount for refund in refunds.data) == sorted([share, BKK_PRICE + FEE])
    order = client.get(f"{API}/orders/{paid['id']}", headers=world["buyer"]).get_json()
    assert (order["status"], order["payment"]["status"], order["payment"]["refunded_satang"]) == (
        "cancelled", "refunded", paid["total_satang"])
    with Session(world["engine"]) as session:
        assert sorted(session.execute(select(Refund.fulfilment_id, Refund.amount_satang)).all()) == sorted(
            [(chiang_mai["id"], share), (bangkok["id"], BKK_PRICE + FEE)])
