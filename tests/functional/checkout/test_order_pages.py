"""The consumer's order pages: history, one order with its split, cancelling, tour
vouchers; nobody else's orders are visible (404)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.fulfilment.states import Carrier, FulfilmentStatus
from marketplace.orders.models import Order
from marketplace.orders.states import OrderStatus
from marketplace.orders.vouchers import verify_voucher, voucher_reference
from tests.factories import company_of, make_enterprise, make_listing, make_order, make_slot, make_user

from .conftest import sign_in


def page_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def mixed_order(shopper, session):
    """A cash-on-delivery order placed through the pages: goods from Chiang Mai and a tour."""
    goods = make_listing(session, enterprise=make_enterprise(session, province_code="50"), stock=5,
                         title_th="ผ้าซิ่นตีนจก", price_satang=90000)
    tour = make_listing(session, enterprise=make_enterprise(session, province_code="40"), kind=ListingKind.TOUR,
                        title_th="ทอผ้ากับชาวบ้าน", price_satang=30000, meeting_point="วัดบ้านหนองบัว")
    slot = make_slot(session, tour, capacity=6)
    shopper.add(goods, 2)
    shopper.add(tour, 3, slot=slot)
    order = session.get(Order, shopper.checkout(payment_method="cod"))
    return order, goods, tour, slot


def tour_line(order):
    return next(line for line in order.lines if line.slot_id is not None)


# -- history ---------------------------------------------------------------------------------------------

def test_history_lists_the_orders_newest_first_a_page_at_a_time(shopper, session):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    numbers = [make_order(session, consumer=shopper.user, number=f"OT-HIST-{n:02d}",
                          created_at=start + dt.timedelta(days=n)).number for n in range(12)]
    make_order(session, consumer=make_user(session), number="OT-SOMEONE-ELSE")

    first = page_of(shopper.client.get("/orders/"))
    shown = re.findall(r"OT-HIST-\d\d", first)
    assert shown == numbers[::-1][:10]
    assert "OT-SOMEONE-ELSE" not in first
    cursor = re.search(r'href="/orders/\?cursor=([^"]+)"', first)[1]

    second = page_of(shopper.client.get(f"/orders/?cursor={cursor}"))
    assert re.findall(r"OT-HIST-\d\d", second) == numbers[::-1][10:]
    assert "Older orders" not in second


def test_an_empty_history_says_so(shopper):
    assert "You have no orders yet." in page_of(shopper.client.get("/orders/"))


# -- one order -------------------------------------------------------------------------------------------

def test_the_order_page_shows_each_companys_part(shopper, session, mixed_order):
    order, goods, tour, slot = mixed_order
    goods_part = next(f for f in order.fulfilments if f.kind == "goods")
    goods_part.status = FulfilmentStatus.SHIPPED
    goods_part.carrier = Carrier.KERRY
    goods_part.tracking_number = "KEX123456789TH"
    session.flush()

    page = page_of(shopper.client.get(f"/orders/{order.id}"))

    assert order.number in page
    assert html.escape(company_of(session, "50").name_en) in page
    assert html.escape(company_of(session, "40").name_en) in page
    assert "Kerry Express" in page and "KEX123456789TH" in page
    assert "Shipped" in page and "Received by the company" in page
    assert "ผ้าซิ่นตีนจก" in page and "ทอผ้ากับชาวบ้าน" in page
    assert "฿1,800.00" in page and "฿900.00" in page and "฿50.00" in page  # goods, tour, shipping
    assert "฿2,750.00" in page
    assert "Cash on delivery" in page and "Pay on delivery" in page
    assert "To pay the courier" in page
    assert "Cancel this order" not in page  # something has shipped


@pytest.mark.parametrize("path", ["", "/pay", "/status", "/voucher/{line}"])
def test_another_consumers_order_is_404(browser, session, mixed_order, path):
    order = mixed_order[0]
    browser.post("/logout")
    sign_in(browser, make_user(session))

    response = browser.get(f"/orders/{order.id}{path.format(line=tour_line(order).id)}")

    assert response.status_code == 404


def test_another_consumer_cannot_cancel(browser, session, mixed_order):
    order, goods, *_ = mixed_order
    browser.post("/logout")
    sign_in(browser, make_user(session))

    assert browser.post(f"/orders/{order.id}/cancel").status_code == 404
    session.expire_all()
    assert session.get(Order, order.id).status is OrderStatus.PLACED
    assert session.scalar(select(Listing.stock).where(Listing.id == goods.id)) == 3


def test_a_visitor_is_sent_to_sign_in(client, session, mixed_order):
    client.post("/logout")

    response = client.get(f"/orders/{mixed_order[0].id}")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=%2Forders%2F{mixed_order[0].id}"


# -- cancelling ------------------------------------------------------------------------------------------

def test_cancelling_from_the_page_restores_stock_and_seats(shopper, session, mixed_order):
    order, goods, tour, slot = mixed_order
    session.expire_all()
    assert session.scalar(select(Listing.stock).where(Listing.id == goods.id)) == 3
    assert "Cancel this order" in page_of(shopper.client.get(f"/orders/{order.id}"))

    response = shopper.client.post(f"/orders/{order.id}/cancel", data={"reason": "สั่งผิด"}, follow_redirects=True)

    assert f"Your order {order.number} is cancelled." in page_of(response)
    session.expire_all()
    assert session.get(Order, order.id).status is OrderStatus.CANCELLED
    assert session.scalar(select(Listing.stock).where(Listing.id == goods.id)) == 5
    assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 0
    assert {f.cancel_reason for f in session.get(Order, order.id).fulfilments} == {"สั่งผิด"}


def test_an_order_that_has_shipped_cannot_be_cancelled(shopper, session, mixed_order):
    order, goods, *_ = mixed_order
    next(f for f in order.fulfilments if f.kind == "goods").status = FulfilmentStatus.SHIPPED
    session.flush()

    response = shopper.client.post(f"/orders/{order.id}/cancel", follow_redirects=True)

    assert "This order can no longer be cancelled" in page_of(response)
    session.expire_all()
    assert session.get(Order, order.id).status is OrderStatus.PLACED
    assert session.scalar(select(Listing.stock).where(Listing.id == goods.id)) == 3


# -- vouchers --------------------------------------------------------------------------------------------

def test_a_tour_line_has_a_voucher_with_a_signed_qr_code(shopper, session, mixed_order, app):
    order = mixed_order[0]
    line = tour_line(order)

    page = page_of(shopper.client.get(f"/orders/{order.id}/voucher/{line.id}"))

    reference = voucher_reference(app.config["SECRET_KEY"], order.number, line.id)
    assert "<svg" in page and reference in page
    assert verify_voucher(app.config["SECRET_KEY"], reference) == (order.number, line.id)
    assert "ทอผ้ากับชาวบ้าน" in page and "วัดบ้านหนองบัว" in page
    assert f'href="/orders/{order.id}/voucher/{line.id}"' in page_of(shopper.client.get(f"/orders/{order.id}"))


def test_vouchers_only_for_tour_lines_of_placed_orders(shopper, session, mixed_order):
    order = mixed_order[0]
    goods_line = next(line for line in order.lines if line.slot_id is None)

    assert shopper.client.get(f"/orders/{order.id}/voucher/{goods_line.id}").status_code == 404
    assert shopper.client.get(f"/orders/{order.id}/voucher/999999").status_code == 404
    order.status = OrderStatus.AWAITING_PAYMENT
    session.flush()
    assert shopper.client.get(f"/orders/{order.id}/voucher/{tour_line(order).id}").status_code == 404


def test_a_voucher_line_of_another_order_is_404(shopper, session, mixed_order):
    order = mixed_order[0]
    other = make_order(session, consumer=shopper.user)

    assert shopper.client.get(f"/orders/{other.id}/voucher/{tour_line(order).id}").status_code == 404


def test_forged_voucher_references_do_not_verify():
    genuine = voucher_reference("secret", "OT-261126-7KQ3XM", 12)

    assert verify_voucher("secret", genuine) == ("OT-261126-7KQ3XM", 12)
    assert verify_voucher("secret", genuine.lower()) == ("OT-261126-7KQ3XM", 12)
    assert verify_voucher("other-secret", genuine) is None
    assert verify_voucher("secret", genuine.replace("-12-", "-13-")) is None
    assert verify_voucher("secret", genuine[:-1] + ("A" if genuine[-1] != "A" else "B")) is None
    assert verify_voucher("secret", "OT-261126-7KQ3XM-12") is None
    assert verify_voucher("secret", "") is None
