"""POST /orders, GET /orders, GET /orders/{id}, /pay and /cancel against the contract
(API.md), on the rolled-back database. No Stripe here: cards are unavailable."""

from __future__ import annotations

import binascii
import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingKind, ListingStatus, TourSlot
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.services import transition
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.services import expire_orders
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment
from tests.factories import (
    checkout_body, company_of, keyed, listing_row, make_enterprise, make_listing, make_slot, make_user,
)

ORDERS = "/api/v1/orders"
PROMPTPAY_ID = "0812345678"
TODAY = dt.date.today()


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PROMPTPAY_ID": PROMPTPAY_ID}


@pytest.fixture
def consumer(session):
    return make_user(session)


@pytest.fixture
def auth(bearer, consumer):
    return bearer(consumer)


@pytest.fixture
def shop(session):
    """A Chiang Mai product, a Bangkok product and a Chiang Rai tour with a slot."""
    tour = make_listing(session, enterprise=make_enterprise(session, province_code="57"), kind=ListingKind.TOUR,
                        price_satang=90000, max_group=4)
    return {
        "silk": make_listing(session, price_satang=32000, stock=10, title_th="ผ้าไหมมัดหมี่ทอมือ"),
        "rice": make_listing(session, enterprise=make_enterprise(session, province_code="10"), price_satang=15050,
                             stock=10),
        "tour": tour,
        "slot": make_slot(session, tour, capacity=6, date=TODAY + dt.timedelta(days=14)),
    }


def state(session, shop) -> dict:
    """Everything an order writes or takes, read afresh from the database."""
    session.expire_all()
    return {
        "orders": session.scalar(select(func.count(Order.id))),
        "lines": session.scalar(select(func.count(OrderLine.id))),
        "payments": session.scalar(select(func.count(Payment.id))),
        "emails": session.scalar(select(func.count(OutboxEmail.id))),
        "silk": listing_row(session, shop["silk"].id)["stock"],
        "rice": listing_row(session, shop["rice"].id)["stock"],
        "seats": session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == shop["slot"].id)),
    }


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()["error"]


def crc16_ccitt_false(data: bytes) -> int:
    return binascii.crc_hqx(data, 0xFFFF)


# -- placing -------------------------------------------------------------------------------------

def test_cash_on_delivery_is_placed_at_once_split_per_company(client, session, auth, shop):
    before = state(session, shop)
    body = checkout_body((shop["silk"], 2), (shop["rice"], 3), (shop["tour"], 2, shop["slot"]))
    response = client.post(ORDERS, json=body, headers=keyed(auth))

    assert response.status_code == 201, response.get_json()
    order = response.get_json()
    assert order["status"] == "placed"
    assert re.fullmatch(r"OT-\d{6}-[2-9A-HJ-NP-Z]{6}", order["number"])
    assert order["currency"] == "THB"
    assert dt.datetime.fromisoformat(order["created_at"]).utcoffset() is not None
    assert order["expires_at"] is None
    # 2 × 320.00 + 3 × 150.50 + 2 × 900.00 = 2,891.50 baht; 50.00 shipping from each of two companies
    assert (order["items_satang"], order["shipping_satang"], order["total_satang"]) == (289150, 10000, 299150)
    assert order["payment"] == {"method": "cod", "status": "due_on_delivery", "amount_satang": 299150,
                                "refunded_satang": 0, "currency": "THB"}
    assert order["shipping_address"] == {"name": "สมหญิง ใจดี", "phone": "0812345678",
                                         "line1": "99/1 ถนนนิมมานเหมินท์", "subdistrict_code": "500101",
                                         "postal_code": "50200"}

    fulfilments = {(f["company"]["province_code"], f["kind"]): f for f in order["fulfilments"]}
    assert set(fulfilments) == {("50", "goods"), ("10", "goods"), ("57", "tour")}
    assert {f["status"] for f in order["fulfilments"]} == {"new"}
    assert {f["late"] for f in order["fulfilments"]} == {False}
    chiang_mai, bangkok, tour = fulfilments["50", "goods"], fulfilments["10", "goods"], fulfilments["57", "tour"]
    assert chiang_mai["company"] == {"id": company_of(session, "50").id, "name_th": company_of(session, "50").name_th,
                                     "province_code": "50"}
    assert (chiang_mai["subtotal_satang"], chiang_mai["shipping_satang"], chiang_mai["cod_amount_satang"]) == (
        64000, 5000, 69000)
    assert (bangkok["subtotal_satang"], bangkok["shipping_satang"], bangkok["cod_amount_satang"]) == (
        45150, 5000, 50150)
    assert (tour["subtotal_satang"], tour["shipping_satang"], tour["cod_amount_satang"]) == (180000, 0, 180000)
    (line,) = chiang_mai["lines"]
    assert {"id", "listing_id", "title_th", "quantity", "unit_price_satang", "received_at"} <= set(line)
    assert (line["listing_id"], line["title_th"], line["quantity"], line["unit_price_satang"]) == (
        shop["silk"].id, "ผ้าไหมมัดหมี่ทอมือ", 2, 32000)
    assert line["received_at"] is None and line["slot_date"] is None
    assert tour["lines"][0]["slot_date"] == shop["slot"].date.isoformat()
    assert chiang_mai["carrier"] is None and chiang_mai["tracking_number"] is None

    after = state(session, shop)
    assert after == before | {"orders": before["orders"] + 1, "lines": before["lines"] + 3,
                              "payments": before["payments"] + 1, "emails": before["emails"] + 1,
                              "silk": 8, "rice": 7, "seats": 2}


def test_promptpay_without_stripe_awaits_a_transfer_with_a_valid_qr_payload(client, session, auth, shop):
    response = client.post(ORDERS, json=checkout_body((shop["silk"], 1), payment_method="promptpay"),
                           headers=keyed(auth))

    assert response.status_code == 201, response.get_json()
    order = response.get_json()
    assert order["status"] == "awaiting_payment"
    assert {f["status"] for f in order["fulfilments"]} == {"awaiting_payment"}
    assert order["fulfilments"][0]["cod_amount_satang"] is None
    created = dt.datetime.fromisoformat(order["created_at"])
    assert dt.datetime.fromisoformat(order["expires_at"]) == created + dt.timedelta(minutes=30)
    payment = order["payment"]
    assert (payment["method"], payment["status"], payment["amount_satang"]) == ("promptpay", "pending", 37000)
    assert "intent_id" not in payment

    payload = payment["promptpay_payload"]
    assert payload.startswith("000201" "010212")
    assert "29370016A000000677010111" "01130066812345678" in payload  # the operator's mobile number
    assert "5303764" in payload and "5802TH" in payload
    assert "5406370.00" in payload  # 320.00 + 50.00 shipping
    body, crc = payload[:-4], payload[-4:]
    assert body.endswith("6304")
    assert crc == f"{crc16_ccitt_false(body.encode('ascii')):04X}"
    assert state(session, shop)["silk"] == 9


def test_the_crc_is_the_ccitt_false_one():
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    from marketplace.promptpay import crc16_ccitt

    assert crc16_ccitt(b"123456789") == 0x29B1


def test_a_promptpay_id_that_is_not_one_gives_no_qr_code_rather_than_an_error(app, client, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1), payment_method="promptpay"),
                        headers=keyed(auth)).get_json()
    app.config["PROMPTPAY_ID"] = "12345"
    response = client.get(f"{ORDERS}/{order['id']}", headers=auth)
    assert response.status_code == 200
    assert "promptpay_payload" not in response.get_json()["payment"]


def test_cards_need_stripe_keys(client, session, auth, shop):
    before = state(session, shop)
    error = error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1), payment_method="card"),
                                 headers=keyed(auth)), 422)
    assert error["code"] == "payment_method_unavailable"
    assert error["fields"] == {"payment_method": "not available"}
    assert state(session, shop) == before


def test_promptpay_needs_a_promptpay_id_without_stripe(app, client, session, auth, shop):
    app.config["PROMPTPAY_ID"] = ""
    error = error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1), payment_method="promptpay"),
                                 headers=keyed(auth)), 422)
    assert error["code"] == "payment_method_unavailable"


# -- Idempotency-Key -----------------------------------------------------------------------------

def test_an_order_without_an_idempotency_key_is_refused_and_writes_nothing(client, session, auth, shop):
    before = state(session, shop)
    for headers in (auth, auth | {"Idempotency-Key": "   "}):
        error = error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=headers), 400)
        assert error["code"] == "idempotency_key_required"
        assert "Idempotency-Key" in error["message"]
    assert state(session, shop) == before


def test_the_same_key_and_body_again_is_the_same_order(client, session, auth, shop):
    headers = auth | {"Idempotency-Key": "checkout-7f3a"}
    body = checkout_body((shop["silk"], 2), (shop["tour"], 1, shop["slot"]))
    first = client.post(ORDERS, json=body, headers=headers)
    assert first.status_code == 201
    after_first = state(session, shop)

    again = client.post(ORDERS, json=body, headers=headers)
    assert again.status_code == 200
    assert again.get_json() == first.get_json()
    assert state(session, shop) == after_first
    assert (after_first["silk"], after_first["seats"]) == (8, 1)


def test_the_same_key_with_another_body_is_a_conflict(client, session, auth, shop):
    headers = auth | {"Idempotency-Key": "checkout-7f3a"}
    assert client.post(ORDERS, json=checkout_body((shop["silk"], 2)), headers=headers).status_code == 201
    before = state(session, shop)
    for other in (checkout_body((shop["silk"], 3)), checkout_body((shop["silk"], 2), payment_method="promptpay"),
                  checkout_body((shop["silk"], 2), line1="1 ถนนห้วยแก้ว")):
        error = error_of(client.post(ORDERS, json=other, headers=headers), 409)
        assert error["code"] == "idempotency_conflict"
    assert state(session, shop) == before


def test_keys_belong_to_one_consumer_and_a_new_key_means_a_new_order(client, session, bearer, auth, shop):
    body = checkout_body((shop["silk"], 1))
    other = bearer(make_user(session))
    ids = {client.post(ORDERS, json=body, headers=auth | {"Idempotency-Key": "k1"}).get_json()["id"],
           client.post(ORDERS, json=body, headers=other | {"Idempotency-Key": "k1"}).get_json()["id"],
           client.post(ORDERS, json=body, headers=keyed(auth)).get_json()["id"],
           client.post(ORDERS, json=body, headers=keyed(auth)).get_json()["id"]}
    assert len(ids) == 4
    assert state(session, shop)["silk"] == 6


# -- conflicts -----------------------------------------------------------------------------------

def test_not_enough_stock_is_409_naming_the_listing_and_writes_nothing(client, session, auth, shop):
    before = state(session, shop)
    error = error_of(client.post(ORDERS, json=checkout_body((shop["rice"], 1), (shop["silk"], 11)),
                                 headers=keyed(auth)), 409)
    assert error["code"] == "out_of_stock"
    assert error["listing_id"] == shop["silk"].id
    assert "ผ้าไหมมัดหมี่ทอมือ" in error["message"]
    assert state(session, shop) == before


def test_not_enough_seats_is_409_slot_full(client, session, auth, shop):
    other = make_user(session)
    shop["slot"].seats_taken = 4
    session.flush()
    before = state(session, shop)
    error = error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1), (shop["tour"], 3, shop["slot"])),
                                 headers=keyed(auth)), 409)
    assert error["code"] == "slot_full"
    assert error["listing_id"] == shop["tour"].id
    assert state(session, shop) == before
    assert other.id  # the seats were taken by somebody else; two are still there
    placed = client.post(ORDERS, json=checkout_body((shop["tour"], 2, shop["slot"])), headers=keyed(auth))
    assert placed.status_code == 201


# -- bad input: 422 with fields, nothing written -------------------------------------------------

@pytest.fixture
def odd(session, shop):
    """Listings and slots that cannot be ordered, each for its own reason."""
    other_tour = make_listing(session, kind=ListingKind.TOUR, max_group=4)
    return {
        "draft": make_listing(session, status=ListingStatus.DRAFT),
        "archived": make_listing(session, status=ListingStatus.ARCHIVED),
        "suspended": make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED)),
        "pending": make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.PENDING)),
        "foreign_slot": make_slot(session, other_tour),
        "past_slot": make_slot(session, shop["tour"], date=TODAY - dt.timedelta(days=2)),
        "closed_slot": make_slot(session, shop["tour"], date=TODAY + dt.timedelta(days=20), closed=True),
    }


def _line(**fields):
    return lambda shop, odd: {"lines": [{"listing_id": shop["silk"].id, "quantity": 1, **fields}]}


def _tour_line(**fields):
    return lambda shop, odd: {"lines": [{"listing_id": shop["tour"].id, "quantity": 1, **fields}]}


def _address(**fields):
    def change(shop, odd):
        address = checkout_body((shop["silk"], 1))["shipping_address"] | fields
        return {"shipping_address": {k: v for k, v in address.items() if v is not None}}
    return change


BAD_INPUT = {
    "quantity 0": (_line(quantity=0), "lines[0].quantity"),
    "quantity -1": (_line(quantity=-1), "lines[0].quantity"),
    "quantity abc": (_line(quantity="abc"), "lines[0].quantity"),
    "quantity 1.5": (_line(quantity=1.5), "lines[0].quantity"),
    "quantity 100": (_line(quantity=100), "lines[0].quantity"),
    "quantity true": (_line(quantity=True), "lines[0].quantity"),
    "quantity superscript two": (_line(quantity="²"), "lines[0].quantity"),
    "quantity of 5,000 digits": (_line(quantity="1" * 5000), "lines[0].quantity"),
    "quantity in Thai digits too many": (_line(quantity="๑๐๐"), "lines[0].quantity"),
    "quantity missing": (lambda shop, odd: {"lines": [{"listing_id": shop["silk"].id}]}, "lines[0].quantity"),
    "unknown listing": (lambda shop, odd: {"lines": [{"listing_id": 987654321, "quantity": 1}]},
                        "lines[0].listing_id"),
    "listing id beyond any integer column": (lambda shop, odd: {"lines": [{"listing_id": 10 ** 20, "quantity": 1}]},
                                             "lines[0].listing_id"),
    "listing id text": (lambda shop, odd: {"lines": [{"listing_id": "silk", "quantity": 1}]}, "lines[0].listing_id"),
    "draft listing": (lambda shop, odd: {"lines": [{"listing_id": odd["draft"].id, "quantity": 1}]},
                      "lines[0].listing_id"),
    "archived listing": (lambda shop, odd: {"lines": [{"listing_id": odd["archived"].id, "quantity": 1}]},
                         "lines[0].listing_id"),
    "listing of a suspended enterprise": (
        lambda shop, odd: {"lines": [{"listing_id": odd["suspended"].id, "quantity": 1}]}, "lines[0].listing_id"),
    "listing of a pending enterprise": (
        lambda shop, odd: {"lines": [{"listing_id": odd["pending"].id, "quantity": 1}]}, "lines[0].listing_id"),
    "tour without a slot": (_tour_line(), "lines[0].slot_id"),
    "slot of another listing": (lambda shop, odd: {"lines": [
        {"listing_id": shop["tour"].id, "quantity": 1, "slot_id": odd["foreign_slot"].id}]}, "lines[0].slot_id"),
    "unknown slot": (_tour_line(slot_id=987654321), "lines[0].slot_id"),
    "slot id zero": (_tour_line(slot_id=0), "lines[0].slot_id"),
    "slot in the past": (lambda shop, odd: {"lines": [
        {"listing_id": shop["tour"].id, "quantity": 1, "slot_id": odd["past_slot"].id}]}, "lines[0].slot_id"),
    "closed slot": (lambda shop, odd: {"lines": [
        {"listing_id": shop["tour"].id, "quantity": 1, "slot_id": odd["closed_slot"].id}]}, "lines[0].slot_id"),
    "product with a slot": (lambda shop, odd: {"lines": [
        {"listing_id": shop["silk"].id, "quantity": 1, "slot_id": shop["slot"].id}]}, "lines[0].slot_id"),
    "group above max_group": (lambda shop, odd: {"lines": [
        {"listing_id": shop["tour"].id, "quantity": 5, "slot_id": shop["slot"].id}]}, "lines[0].quantity"),
    "no lines": (lambda shop, odd: {"lines": []}, "lines"),
    "lines not a list": (lambda shop, odd: {"lines": {"listing_id": shop["silk"].id}}, "lines"),
    "line not an object": (lambda shop, odd: {"lines": [shop["silk"].id]}, "lines[0]"),
    "no name": (_address(name=None), "shipping_address.name"),
    "blank name": (_address(name="   "), "shipping_address.name"),
    "no phone": (_address(phone=None), "shipping_address.phone"),
    "no line1": (_address(line1=None), "shipping_address.line1"),
    "no subdistrict": (_address(subdistrict_code=None), "shipping_address.subdistrict_code"),
    "no postal code": (_address(postal_code=None), "shipping_address.postal_code"),
    "unknown subdistrict": (_address(subdistrict_code="509999"), "shipping_address.subdistrict_code"),
    "subdistrict as a number": (_address(subdistrict_code=500101), "shipping_address.subdistrict_code"),
    "postal code of another subdistrict": (_address(postal_code="10200"), "shipping_address.postal_code"),
    "postal code not five digits": (_address(postal_code="5020"), "shipping_address.postal_code"),
    "bad phone": (_address(phone="12345"), "shipping_address.phone"),
    "address not an object": (lambda shop, odd: {"shipping_address": "เชียงใหม่"}, "shipping_address"),
    "unknown payment method": (lambda shop, odd: {"payment_method": "bitcoin"}, "payment_method"),
    "no payment method": (lambda shop, odd: {"payment_method": None}, "payment_method"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_422_naming_the_field_and_writes_nothing(client, session, auth, shop, odd, case):
    change, field = BAD_INPUT[case]
    body = checkout_body((shop["silk"], 1)) | change(shop, odd)
    before = state(session, shop)

    error = error_of(client.post(ORDERS, json=body, headers=keyed(auth)), 422)
    assert error["code"] == "invalid"
    assert field in error["fields"], error
    assert error["message"]
    assert state(session, shop) == before


def test_a_postal_code_of_another_subdistrict_says_which_ones_belong(client, auth, shop):
    body = checkout_body((shop["silk"], 1), postal_code="10200")
    error = error_of(client.post(ORDERS, json=body, headers=keyed(auth)), 422)
    assert error["fields"] == {"shipping_address.postal_code":
                               "10200 is not a postal code of this subdistrict (50200)"}


def test_every_bad_field_is_named_at_once(client, auth, shop):
    body = {"lines": [{"listing_id": shop["silk"].id, "quantity": 0}],
            "shipping_address": {"name": "", "phone": "x", "line1": "", "subdistrict_code": "1",
                                 "postal_code": "1"},
            "payment_method": "cash"}
    error = error_of(client.post(ORDERS, json=body, headers=keyed(auth)), 422)
    assert set(error["fields"]) == {"lines[0].quantity", "shipping_address.name", "shipping_address.phone",
                                    "shipping_address.line1", "shipping_address.subdistrict_code",
                                    "shipping_address.postal_code", "payment_method"}


def test_a_bad_line_is_named_by_its_place_in_the_request(client, auth, shop):
    """The same listing twice is merged into one line; the error still points at the
    line the client sent."""
    body = checkout_body((shop["silk"], 1)) | {"lines": [
        {"listing_id": shop["silk"].id, "quantity": 1}, {"listing_id": shop["silk"].id, "quantity": 2},
        {"listing_id": 987654321, "quantity": 1}]}
    error = error_of(client.post(ORDERS, json=body, headers=keyed(auth)), 422)
    assert error["fields"] == {"lines[2].listing_id": "this item is not available"}


def test_whole_numbers_may_come_as_text(client, session, auth, shop):
    body = checkout_body((shop["silk"], 1)) | {"lines": [{"listing_id": str(shop["silk"].id), "quantity": " 2 "},
                                                         {"listing_id": shop["rice"].id, "quantity": "๓"}]}
    response = client.post(ORDERS, json=body, headers=keyed(auth))
    assert response.status_code == 201, response.get_json()
    after = state(session, shop)
    assert (after["silk"], after["rice"]) == (8, 7)


def test_the_same_listing_twice_is_one_line(client, session, auth, shop):
    body = checkout_body((shop["silk"], 1), (shop["silk"], 2))
    order = client.post(ORDERS, json=body, headers=keyed(auth)).get_json()
    (fulfilment,) = order["fulfilments"]
    assert [(line["listing_id"], line["quantity"]) for line in fulfilment["lines"]] == [(shop["silk"].id, 3)]
    assert state(session, shop)["silk"] == 7


@pytest.mark.parametrize(("data", "content_type", "status", "code"), [
    (b'{"lines": [', "application/json", 400, "bad_request"),
    (b"", "application/json", 400, "bad_request"),
    (b"[1, 2]", "application/json", 400, "bad_request"),
    (b"\xff\xfe", "application/json", 400, "bad_request"),
    (b"lines=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    (b'{"lines": []}', "text/plain", 415, "unsupported_media_type"),
])
def test_a_body_that_is_not_a_json_object(client, session, auth, shop, data, content_type, status, code):
    before = state(session, shop)
    error = error_of(client.post(ORDERS, data=data, content_type=content_type, headers=keyed(auth)), status)
    assert error["code"] == code
    assert state(session, shop) == before


def test_anonymous_callers_are_401(client, session, shop):
    response = client.post(ORDERS, json=checkout_body((shop["silk"], 1)))
    assert error_of(response, 401)["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert error_of(client.get(ORDERS), 401)
    assert error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1)),
                                headers=keyed({"Authorization": "Bearer nonsense"})), 401)["code"] == "invalid_token"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMPANY, Role.PRODUCER])
def test_accounts_without_the_consumer_role_are_403(client, session, bearer, shop, role):
    staff = make_user(session, role=role, company=company_of(session, "50") if role is Role.COMPANY else None)
    before = state(session, shop)
    assert error_of(client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(bearer(staff))),
                    403)["code"] == "forbidden"
    assert error_of(client.get(ORDERS, headers=bearer(staff)), 403)["code"] == "forbidden"
    assert state(session, shop) == before


# -- reading -------------------------------------------------------------------------------------

def test_a_consumer_lists_only_their_orders_newest_first_by_cursor(client, session, bearer, auth, shop):
    ids = [client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(auth)).get_json()["id"]
           for _ in range(5)]
    client.post(ORDERS, json=checkout_body((shop["rice"], 1)), headers=keyed(bearer(make_user(session))))

    seen, cursor, pages = [], None, 0
    while True:
        response = client.get(ORDERS, query_string={"limit": 2, **({"cursor": cursor} if cursor else {})},
                              headers=auth)
        assert response.status_code == 200
        page = response.get_json()
        assert set(page) == {"items", "next_cursor"}
        assert len(page["items"]) <= 2
        seen += [order["id"] for order in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == list(reversed(ids))
    assert client.get(ORDERS, headers=auth).get_json()["items"][0]["fulfilments"][0]["lines"]


def test_a_consumer_without_orders_gets_an_empty_list(client, auth):
    assert client.get(ORDERS, headers=auth).get_json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize(("query", "field"), [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"cursor": "not-a-cursor"}, "cursor"),
])
def test_bad_paging_is_422(client, auth, query, field):
    assert field in error_of(client.get(ORDERS, query_string=query, headers=auth), 422)["fields"]


def test_one_order_is_seen_by_its_consumer_and_admins_only(client, session, bearer, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(auth)).get_json()
    url = f"{ORDERS}/{order['id']}"

    assert client.get(url, headers=auth).get_json() == order
    assert error_of(client.get(url, headers=bearer(make_user(session))), 404)["code"] == "not_found"
    company = make_user(session, role=Role.COMPANY, company=company_of(session, "50"))
    assert error_of(client.get(url, headers=bearer(company)), 404)
    admin = client.get(url, headers=bearer(make_user(session, role=Role.ADMIN)))
    assert admin.status_code == 200 and admin.get_json()["id"] == order["id"]
    assert error_of(client.get(url), 401)
    assert error_of(client.get(f"{ORDERS}/987654321", headers=auth), 404)


# -- cancelling ----------------------------------------------------------------------------------

def test_cancelling_a_cash_order_gives_stock_and_seats_back(client, session, auth, shop):
    before = state(session, shop)
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 2), (shop["tour"], 3, shop["slot"])),
                        headers=keyed(auth)).get_json()
    assert state(session, shop)["silk"] == before["silk"] - 2

    response = client.post(f"{ORDERS}/{order['id']}/cancel", json={"reason": "สั่งผิด"}, headers=auth)
    assert response.status_code == 200, response.get_json()
    cancelled = response.get_json()
    assert cancelled["status"] == "cancelled"
    assert {(f["status"], f["cancel_reason"]) for f in cancelled["fulfilments"]} == {("cancelled", "สั่งผิด")}
    # due on delivery: nothing to refund, and nothing will be collected
    assert cancelled["payment"] == order["payment"] | {"status": "cancelled"}
    after = state(session, shop)
    assert (after["silk"], after["rice"], after["seats"]) == (before["silk"], before["rice"], before["seats"])
    assert after["emails"] == before["emails"] + 2  # placed, cancelled
    assert session.scalar(select(func.count()).select_from(Payment).where(Payment.order_id == order["id"])) == 1

    again = error_of(client.post(f"{ORDERS}/{order['id']}/cancel", headers=auth), 409)
    assert again["code"] == "invalid_transition"
    assert state(session, shop) == after


@pytest.mark.parametrize(("body", "kept"), [
    (None, None), ({"reason": "   "}, None), ({}, None),  # no reason made up in some language
    ({"reason": " ได้ของซ้ำ "}, "ได้ของซ้ำ"), ({"reason": "x" * 600}, "x" * 500),
])
def test_the_reason_is_optional_text(client, session, auth, shop, body, kept):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(auth)).get_json()
    with_body = {} if body is None else {"json": body}
    response = client.post(f"{ORDERS}/{order['id']}/cancel", headers=auth, **with_body)
    assert response.status_code == 200, response.get_json()
    assert [f["cancel_reason"] for f in response.get_json()["fulfilments"]] == [kept]


@pytest.mark.parametrize("reason", [123, ["ผิด"], {"th": "ผิด"}, True])
def test_a_reason_that_is_not_text_is_422_and_cancels_nothing(client, session, auth, shop, reason):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(auth)).get_json()
    before = state(session, shop)
    error = error_of(client.post(f"{ORDERS}/{order['id']}/cancel", json={"reason": reason}, headers=auth), 422)
    assert error["fields"] == {"reason": "text, up to 500 characters"}
    assert state(session, shop) == before
    assert client.get(f"{ORDERS}/{order['id']}", headers=auth).get_json()["status"] == "placed"


def test_nothing_is_cancelled_once_a_fulfilment_has_shipped(client, session, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 2), (shop["rice"], 1)),
                        headers=keyed(auth)).get_json()
    shipped = session.get(Fulfilment, next(f["id"] for f in order["fulfilments"]
                                           if f["company"]["province_code"] == "10"))
    for status in (FulfilmentStatus.ACCEPTED, FulfilmentStatus.PACKED, FulfilmentStatus.SHIPPED):
        transition(session, shipped, status, actor=None, now=dt.datetime.now(dt.UTC))
    session.flush()
    before = state(session, shop)

    error = error_of(client.post(f"{ORDERS}/{order['id']}/cancel", headers=auth), 409)
    assert error["code"] == "invalid_transition"
    assert state(session, shop) == before
    statuses = session.execute(select(Fulfilment.id, Fulfilment.status).where(Fulfilment.order_id == order["id"]))
    assert {status for _id, status in statuses} == {FulfilmentStatus.NEW, FulfilmentStatus.SHIPPED}
    assert session.get(Order, order["id"]).status is OrderStatus.PLACED


def test_an_expired_order_cannot_be_cancelled(client, session, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 2), payment_method="promptpay"),
                        headers=keyed(auth)).get_json()
    expire_orders(session, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    before = state(session, shop)
    assert before["silk"] == 10

    error = error_of(client.post(f"{ORDERS}/{order['id']}/cancel", headers=auth), 409)
    assert error["code"] == "invalid_transition"
    assert state(session, shop) == before
    expired = client.get(f"{ORDERS}/{order['id']}", headers=auth).get_json()
    assert expired["status"] == "expired"
    assert expired["payment"]["status"] == "cancelled"
    assert {f["status"] for f in expired["fulfilments"]} == {"cancelled"}
    assert "promptpay_payload" not in expired["payment"]


def test_an_unpaid_promptpay_order_can_be_cancelled(client, session, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 2), payment_method="promptpay"),
                        headers=keyed(auth)).get_json()
    cancelled = client.post(f"{ORDERS}/{order['id']}/cancel", headers=auth).get_json()
    assert cancelled["status"] == "cancelled"
    assert cancelled["expires_at"] is None
    assert cancelled["payment"]["status"] == "cancelled"
    assert "promptpay_payload" not in cancelled["payment"]  # no invitation to pay a cancelled order
    assert state(session, shop)["silk"] == 10


def test_another_consumers_order_is_404_and_stays(client, session, bearer, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 2)), headers=keyed(auth)).get_json()
    stranger = bearer(make_user(session))
    assert error_of(client.post(f"{ORDERS}/{order['id']}/cancel", headers=stranger), 404)["code"] == "not_found"
    assert error_of(client.post(f"{ORDERS}/{order['id']}/pay", json={"payment_method_id": "pm_x"},
                                headers=stranger), 404)
    assert client.get(f"{ORDERS}/{order['id']}", headers=auth).get_json()["status"] == "placed"


def test_only_card_orders_are_paid_through_pay(client, auth, shop):
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1)), headers=keyed(auth)).get_json()
    error = error_of(client.post(f"{ORDERS}/{order['id']}/pay", json={"payment_method_id": "pm_card_visa"},
                                 headers=auth), 409)
    assert error["code"] == "invalid_transition"


# -- the OpenAPI document ------------------------------------------------------------------------

def test_the_openapi_document_describes_the_order_routes(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/orders"])
    assert {"get"} <= set(paths["/orders/{id}"])
    assert {"post"} <= set(paths["/orders/{id}/pay"])
    assert {"post"} <= set(paths["/orders/{id}/cancel"])
    assert {"post"} <= set(paths["/payments/stripe/webhook"])
    create = paths["/orders"]["post"]
    assert {"200", "201", "400", "401", "403", "409", "415", "422"} <= set(create["responses"])
    assert "Idempotency-Key" in create["description"]
    assert create["security"]
    assert {"402", "409"} <= set(paths["/orders/{id}/pay"]["post"]["responses"])
    assert "409" in paths["/orders/{id}/cancel"]["post"]["responses"]
    assert "400" in paths["/payments/stripe/webhook"]["post"]["responses"]

    schemas = document["components"]["schemas"]
    order = schemas["Order"]
    assert {"id", "number", "status", "items_satang", "shipping_satang", "total_satang", "currency", "created_at",
            "payment", "fulfilments"} <= set(order["required"])
    assert set(order["properties"]["status"]["enum"]) == {"awaiting_payment", "placed", "completed", "cancelled",
                                                          "expired"}
    assert set(schemas["Payment"]["properties"]["status"]["enum"]) == {
        "pending", "succeeded", "failed", "due_on_delivery", "collected", "refunded", "partially_refunded",
        "cancelled"}
    assert {"intent_id", "client_secret", "promptpay_payload"} <= set(schemas["Payment"]["properties"])
    assert {"id", "kind", "status", "company", "lines", "subtotal_satang", "shipping_satang", "late"} <= set(
        schemas["Fulfilment"]["required"])
    assert {"carrier", "tracking_number"} <= set(schemas["Fulfilment"]["properties"])
    assert {"id", "listing_id", "title_th", "quantity", "unit_price_satang", "slot_date", "received_at"} <= set(
        schemas["FulfilmentLine"]["properties"])
    assert set(schemas["OrderRequest"]["required"]) == {"lines", "shipping_address", "payment_method"}


def test_an_order_answer_has_what_its_schema_requires(client, auth, shop):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    order = client.post(ORDERS, json=checkout_body((shop["silk"], 1), (shop["tour"], 1, shop["slot"])),
                        headers=keyed(auth)).get_json()
    assert set(schemas["Order"]["required"]) <= set(order)
    assert set(schemas["Payment"]["required"]) <= set(order["payment"])
    for fulfilment in order["fulfilments"]:
        assert set(schemas["Fulfilment"]["required"]) <= set(fulfilment)
        for line in fulfilment["lines"]:
            assert set(schemas["FulfilmentLine"]["required"]) <= set(line)
