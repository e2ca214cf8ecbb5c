"""An order is split into one fulfilment per (fulfilling company, kind), each goods
fulfilment with its company's flat shipping fee and tours with none."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.cart.lines import LineRequest
from marketplace.catalog.models import ListingKind
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import FulfilmentKind, FulfilmentStatus
from marketplace.orders.models import Order
from marketplace.orders.services import quote
from marketplace.orders.states import OrderStatus
from marketplace.payments.states import PaymentStatus
from tests.factories import company_of, make_enterprise, make_listing, make_slot, make_user, national_company, place


@pytest.fixture
def cart(session):
    """Goods from Chiang Mai (50) and Bangkok (10), a tour from Chiang Rai (57); each
    company with its own flat shipping fee."""
    company_of(session, "50").shipping_fee_satang = 4500
    company_of(session, "10").shipping_fee_satang = 6000
    company_of(session, "57").shipping_fee_satang = 9900  # never charged: tours ship nothing
    national_company(session).shipping_fee_satang = 7000
    chiang_mai = make_enterprise(session, province_code="50")
    bangkok = make_enterprise(session, province_code="10")
    chiang_rai = make_enterprise(session, province_code="57")
    tour = make_listing(session, enterprise=chiang_rai, kind=ListingKind.TOUR, price_satang=120000, max_group=8)
    session.flush()
    return {
        "silk": make_listing(session, enterprise=chiang_mai, price_satang=12550, stock=10),
        "tea": make_listing(session, enterprise=chiang_mai, price_satang=8900, stock=10),
        "rice": make_listing(session, enterprise=bangkok, price_satang=45025, stock=10),
        "tour": tour,
        "slot": make_slot(session, tour, capacity=6),
    }


def by_company(order) -> dict[tuple[int, FulfilmentKind], Fulfilment]:
    return {(f.company_id, f.kind): f for f in order.fulfilments}


def test_goods_from_two_provinces_and_a_tour_from_a_third_make_three_fulfilments(session, cart):
    consumer = make_user(session)
    order = place(session, consumer, (cart["silk"], 2), (cart["rice"], 3), (cart["tea"], 1),
                  (cart["tour"], 2, cart["slot"]))

    fulfilments = by_company(order)
    assert set(fulfilments) == {
        (company_of(session, "50").id, FulfilmentKind.GOODS),
        (company_of(session, "10").id, FulfilmentKind.GOODS),
        (company_of(session, "57").id, FulfilmentKind.TOUR),
    }
    chiang_mai = fulfilments[(company_of(session, "50").id, FulfilmentKind.GOODS)]
    bangkok = fulfilments[(company_of(session, "10").id, FulfilmentKind.GOODS)]
    tour = fulfilments[(company_of(session, "57").id, FulfilmentKind.TOUR)]

    # 2 × 125.50 + 1 × 89.00 = 340.00 baht, shipped by Chiang Mai for 45.00
    assert {line.listing_id for line in chiang_mai.lines} == {cart["silk"].id, cart["tea"].id}
    assert (chiang_mai.subtotal_satang, chiang_mai.shipping_satang) == (34000, 4500)
    # 3 × 450.25 = 1,350.75 baht, shipped by Bangkok for 60.00
    assert [line.listing_id for line in bangkok.lines] == [cart["rice"].id]
    assert (bangkok.subtotal_satang, bangkok.shipping_satang) == (135075, 6000)
    # 2 people × 1,200.00 baht, no shipping for a tour
    assert [(line.listing_id, line.slot_id, line.slot_date) for line in tour.lines] == [
        (cart["tour"].id, cart["slot"].id, cart["slot"].date)]
    assert (tour.subtotal_satang, tour.shipping_satang) == (240000, 0)

    assert order.items_satang == 34000 + 135075 + 240000 == 409075
    assert order.shipping_satang == 4500 + 6000 == 10500
    assert order.total_satang == 419575
    # cash on delivery: each fulfilment carries what its company collects
    assert (chiang_mai.cod_amount_satang, bangkok.cod_amount_satang, tour.cod_amount_satang) == (38500, 141075, 240000)
    assert order.payments[0].amount_satang == 419575
    assert order.payments[0].status is PaymentStatus.DUE_ON_DELIVERY
    assert order.status is OrderStatus.PLACED
    assert {f.status for f in order.fulfilments} == {FulfilmentStatus.NEW}
    assert {f.commission_bps for f in order.fulfilments} == {company_of(session, "50").commission_bps}


def test_lines_keep_a_snapshot_of_title_and_price(session, cart):
    order = place(session, make_user(session), (cart["silk"], 2))
    cart["silk"].price_satang = 99900
    cart["silk"].title_th = "ชื่อใหม่"
    session.flush()
    line = order.lines[0]
    assert (line.unit_price_satang, line.quantity, line.line_total_satang) == (12550, 2, 25100)
    assert line.title_th != "ชื่อใหม่"
    assert line.enterprise_id == cart["silk"].enterprise_id
    assert line.category_slug == "food"


def test_an_inactive_provincial_company_hands_its_goods_to_the_national_company(session, cart):
    company_of(session, "10").active = False
    session.flush()
    order = place(session, make_user(session), (cart["silk"], 1), (cart["rice"], 1))

    fulfilments = by_company(order)
    national = national_company(session)
    assert set(fulfilments) == {(company_of(session, "50").id, FulfilmentKind.GOODS),
                                (national.id, FulfilmentKind.GOODS)}
    taken_over = fulfilments[(national.id, FulfilmentKind.GOODS)]
    assert [line.listing_id for line in taken_over.lines] == [cart["rice"].id]
    assert (taken_over.subtotal_satang, taken_over.shipping_satang) == (45025, 7000)
    assert order.shipping_satang == 4500 + 7000
    assert order.total_satang == 12550 + 45025 + 4500 + 7000


def test_two_inactive_provinces_share_one_national_fulfilment_and_one_fee(session, cart):
    company_of(session, "10").active = False
    company_of(session, "50").active = False
    session.flush()
    order = place(session, make_user(session), (cart["silk"], 1), (cart["rice"], 2))

    assert len(order.fulfilments) == 1
    (fulfilment,) = order.fulfilments
    assert (fulfilment.company_id, fulfilment.kind) == (national_company(session).id, FulfilmentKind.GOODS)
    assert (fulfilment.subtotal_satang, fulfilment.shipping_satang) == (12550 + 2 * 45025, 7000)
    assert order.total_satang == 12550 + 2 * 45025 + 7000


def test_goods_and_a_tour_of_one_province_are_two_fulfilments_of_one_company(session, cart):
    enterprise = cart["tour"].enterprise
    honey = make_listing(session, enterprise=enterprise, price_satang=25000, stock=3)
    order = place(session, make_user(session), (honey, 1), (cart["tour"], 1, cart["slot"]))

    company = company_of(session, "57")
    assert sorted((f.company_id, f.kind.value, f.shipping_satang) for f in order.fulfilments) == [
        (company.id, "goods", 9900), (company.id, "tour", 0)]
    assert order.total_satang == 25000 + 9900 + 120000


def test_the_quote_shows_the_same_split_before_anything_is_written(session, cart):
    before = session.scalar(select(func.count(Order.id)))
    priced = quote(session, [LineRequest(cart["silk"].id, 2), LineRequest(cart["rice"].id, 3),
                             LineRequest(cart["tea"].id, 1), LineRequest(cart["tour"].id, 2, cart["slot"].id)],
                   today=today_in_thailand())
    assert [(g.company.province_code, g.kind.value, g.subtotal_satang, g.shipping_satang) for g in priced.groups] \
        == sorted([("50", "goods", 34000, 4500), ("10", "goods", 135075, 6000)],
                  key=lambda g: company_of(session, g[0]).id) + [("57", "tour", 240000, 0)]
    assert (priced.items_satang, priced.shipping_satang, priced.total_satang) == (409075, 10500, 419575)
    assert session.scalar(select(func.count(Order.id))) == before
    assert cart["silk"].stock == 10
