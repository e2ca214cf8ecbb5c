"""Checkout through the pages: sign-in first, a Thai address with a checked postal code,
a summary of the split per provincial company, and placing the order exactly once."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from marketplace.cart.models import CartItem
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.orders.models import Order
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment
from marketplace.payments.states import PaymentStatus
from tests.factories import PASSWORD, company_of, make_enterprise, make_listing, make_slot, make_user

from .conftest import ADDRESS, Shopper


def orders_of(session, user) -> list[Order]:
    session.expire_all()
    return list(session.scalars(select(Order).where(Order.consumer_id == user.id)))


def cart_of(session, user) -> dict:
    session.expire_all()
    return {(item.listing_id, item.slot_id): item.quantity
            for item in session.scalars(select(CartItem).where(CartItem.user_id == user.id))}


def stock(session, listing) -> int:
    session.expire_all()
    return session.scalar(select(Listing.stock).where(Listing.id == listing.id))


def three_provinces(session):
    """Goods from Chiang Mai and Bangkok, a tour in Khon Kaen."""
    company_of(session, "50").shipping_fee_satang = 5000
    company_of(session, "10").shipping_fee_satang = 4000
    silk = make_listing(session, enterprise=make_enterprise(session, province_code="50"), stock=10,
                        price_satang=120000, title_th="ผ้าไหมทอมือ")
    chili = make_listing(session, enterprise=make_enterprise(session, province_code="10"), stock=10,
                         price_satang=8000, title_th="น้ำพริกเผา")
    tour = make_listing(session, enterprise=make_enterprise(session, province_code="40"), kind=ListingKind.TOUR,
                        price_satang=50000, title_th="เที่ยวหมู่บ้านทอผ้า")
    slot = make_slot(session, tour, capacity=10)
    return silk, chili, tour, slot


# -- signing in ------------------------------------------------------------------------------------------

def test_checkout_asks_a_visitor_to_sign_in_and_comes_back_with_the_cart(browser, session):
    user = make_user(session)
    listing = make_listing(session, stock=5, title_th="ข้าวหอมมะลิ")
    browser.post("/cart/add", data={"listing_id": listing.id, "quantity": 2})

    response = browser.get("/checkout/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fcheckout%2F"

    response = browser.post("/login", data={"email": user.email, "password": PASSWORD, "next": "/checkout/"})
    assert response.headers["Location"] == "/checkout/"
    page = browser.get("/checkout/").get_data(as_text=True)
    assert "ข้าวหอมมะลิ" in page
    assert 'name="postal_code"' in page and "data-address-postal" in page
    assert cart_of(session, user) == {(listing.id, None): 2}


def test_an_empty_cart_cannot_be_checked_out(shopper):
    response = shopper.client.get("/checkout/")

    assert response.status_code == 302 and response.headers["Location"] == "/cart/"


def test_accounts_that_do_not_buy_get_403(browser, session):
    from marketplace.accounts.models import Role

    producer = make_user(session, role=Role.PRODUCER)
    listing = make_listing(session)
    browser.post("/cart/add", data={"listing_id": listing.id, "quantity": 1})
    browser.post("/login", data={"email": producer.email, "password": PASSWORD})

    assert browser.get("/checkout/").status_code == 403


# -- the form --------------------------------------------------------------------------------------------

def test_the_form_offers_the_available_payment_methods_only(shopper, session):
    shopper.add(make_listing(session))

    page = shopper.client.get("/checkout/").get_data(as_text=True)

    assert 'value="cod"' in page and 'value="promptpay"' in page
    assert 'value="card"' not in page  # no Stripe keys here
    assert "สมชาย ใจดี" in page  # the recipient defaults to the buyer


def test_a_postal_code_of_another_subdistrict_is_refused_with_a_clear_message(shopper, session):
    shopper.add(make_listing(session))

    response = shopper.review(postal_code="10110")

    assert response.status_code == 422
    assert "10110 is not a postal code of this subdistrict. Its postal code is 50200." \
        in response.get_data(as_text=True)
    assert orders_of(session, shopper.user) == []


def test_bad_phone_and_missing_address_are_shown_next_to_the_fields(shopper, session):
    shopper.add(make_listing(session))

    missing = shopper.review(line1="")
    bad_phone = shopper.review(phone="12345")

    assert missing.status_code == bad_phone.status_code == 422
    assert "Enter the house number, village and road." in missing.get_data(as_text=True)
    assert "Enter a Thai phone number, such as 081 234 5678." in bad_phone.get_data(as_text=True)
    assert orders_of(session, shopper.user) == []


def test_a_method_that_is_not_available_is_refused(shopper, session):
    shopper.add(make_listing(session))

    response = shopper.review(payment_method="card")

    assert response.status_code == 422
    assert "This payment method is not available. Choose another." in response.get_data(as_text=True)


def test_choosing_another_province_without_javascript_refreshes_the_districts(shopper, session):
    shopper.add(make_listing(session))

    response = shopper.review(province_code="10", district_code="5001", subdistrict_code="500101")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Now choose the district, then the subdistrict." in page
    assert 'value="1001"' in page  # Bangkok's districts are offered


# -- the summary -----------------------------------------------------------------------------------------

def test_the_summary_shows_which_company_ships_what(shopper, session):
    silk, chili, tour, slot = three_provinces(session)
    shopper.add(silk, 2)
    shopper.add(chili, 3)
    shopper.add(tour, 2, slot=slot)

    page, hidden = shopper.summary()

    for code in ("50", "10", "40"):
        assert html.escape(company_of(session, code).name_en) in page
    assert page.count('class="split-group panel"') == 3
    assert "Shipped by " + html.escape(company_of(session, "50").name_en) in page
    assert "Booked through " + html.escape(company_of(session, "40").name_en) in page
    assert "฿2,400.00" in page and "฿240.00" in page and "฿1,000.00" in page  # subtotals
    assert "฿50.00" in page and "฿40.00" in page  # each company's shipping fee
    assert "฿3,730.00" in page  # 2,400 + 240 + 1,000 + 50 + 40
    assert hidden["lines"] == f"{silk.id}:0:2,{chili.id}:0:3,{tour.id}:{slot.id}:2"
    assert len(hidden["idempotency_key"]) >= 32
    assert orders_of(session, shopper.user) == []  # nothing placed yet
    _again, other = shopper.summary()
    assert other["idempotency_key"] != hidden["idempotency_key"]


def test_change_the_details_goes_back_to_the_filled_form(shopper, session):
    shopper.add(make_listing(session))
    _page, hidden = shopper.summary()

    response = shopper.client.post("/checkout/", data={**hidden, "edit": "1"})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="99/1 ถนนนิมมานเหมินท์"' in page or "99/1 ถนนนิมมานเหมินท์</textarea>" in page
    assert 'selected value="500101"' in page


# -- placing ---------------------------------------------------------------------------------------------

def test_placing_a_cash_on_delivery_order_creates_it_and_empties_the_cart(shopper, session):
    silk, chili, tour, slot = three_provinces(session)
    shopper.add(silk, 2)
    shopper.add(tour, 2, slot=slot)
    _page, hidden = shopper.summary(payment_method="cod")
    later = make_listing(session, stock=3)
    shopper.add(later, 1)  # added in another tab after the summary: not part of this order

    response = shopper.place(hidden)

    order = session.get(Order, shopper.order_id(response))
    assert response.headers["Location"] == f"/orders/{order.id}"
    assert order.status is OrderStatus.PLACED and order.consumer_id == shopper.user.id
    assert len(order.fulfilments) == 2
    assert order.total_satang == 2 * 120000 + 5000 + 2 * 50000
    assert order.ship_phone == "0812345678" and order.ship_postal_code == "50200"
    assert stock(session, silk) == 8
    assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 2
    assert cart_of(session, shopper.user) == {(later.id, None): 1}
    page = shopper.client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Your order {order.number} is placed." in page


def test_a_double_submission_with_the_same_key_creates_one_order(shopper, session):
    listing = make_listing(session, stock=10)
    shopper.add(listing, 2)
    _page, hidden = shopper.summary()

    first = shopper.place(hidden)
    second = shopper.place(hidden)

    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(orders_of(session, shopper.user)) == 1
    assert stock(session, listing) == 8


def test_a_new_summary_makes_a_new_order(shopper, session):
    listing = make_listing(session, stock=10)
    shopper.add(listing, 1)
    shopper.checkout()
    shopper.add(listing, 1)
    shopper.checkout()

    assert len(orders_of(session, shopper.user)) == 2


def test_out_of_stock_at_placement_goes_back_to_the_cart_naming_the_item(shopper, session):
    listing = make_listing(session, stock=5, title_th="กล้วยตาก")
    other = make_listing(session, stock=5)
    shopper.add(listing, 3)
    shopper.add(other, 1)
    _page, hidden = shopper.summary()
    listing.stock = 2  # sold elsewhere meanwhile
    session.flush()

    response = shopper.place(hidden)

    assert response.status_code == 302 and response.headers["Location"] == "/cart/"
    page = shopper.client.get("/cart/").get_data(as_text=True)
    assert "Sorry, only 2 of “กล้วยตาก” are left. Nothing was ordered" in page
    assert orders_of(session, shopper.user) == []
    assert stock(session, listing) == 2 and stock(session, other) == 5
    assert cart_of(session, shopper.user) == {(listing.id, None): 3, (other.id, None): 1}


def test_a_full_tour_date_at_placement_goes_back_to_the_cart(shopper, session):
    tour = make_listing(session, kind=ListingKind.TOUR, title_th="ปั่นจักรยานชมนา")
    slot = make_slot(session, tour, capacity=4)
    shopper.add(tour, 3, slot=slot)
    _page, hidden = shopper.summary()
    slot.seats_taken = 2
    session.flush()

    response = shopper.place(hidden)

    assert response.headers["Location"] == "/cart/"
    page = shopper.client.get("/cart/").get_data(as_text=True)
    assert "not enough seats left on" in page and "“ปั่นจักรยานชมนา”" in page
    assert orders_of(session, shopper.user) == []


def test_a_tampered_line_changes_nothing(shopper, session):
    listing = make_listing(session, stock=5, price_satang=10000)
    shopper.add(listing, 1)
    _page, hidden = shopper.summary()

    response = shopper.place({**hidden, "lines": f"{listing.id}:0:abc", "idempotency_key": "other"})

    assert response.headers["Location"] == "/cart/"
    assert orders_of(session, shopper.user) == []
    assert stock(session, listing) == 5


def test_promptpay_orders_go_to_the_payment_page(shopper, session):
    shopper.add(make_listing(session, price_satang=25000))
    _page, hidden = shopper.summary(payment_method="promptpay")

    response = shopper.place(hidden)

    order_id = shopper.order_id(response)
    assert response.headers["Location"] == f"/orders/{order_id}/pay"
    order = session.get(Order, order_id)
    assert order.status is OrderStatus.AWAITING_PAYMENT
    payment = session.scalar(select(Payment).where(Payment.order_id == order_id))
    assert payment.provider == "promptpay_manual" and payment.status is PaymentStatus.PENDING


def test_someone_elses_summary_key_makes_their_own_order(browser, session):
    listing = make_listing(session, stock=10)
    first, second = make_user(session), make_user(session)
    from .conftest import sign_in

    sign_in(browser, first)
    shopper = Shopper(browser, first)
    shopper.add(listing, 1)
    _page, hidden = shopper.summary()
    shopper.place(hidden)
    browser.post("/logout")
    sign_in(browser, second)
    response = Shopper(browser, second).place(hidden)

    assert response.status_code == 302
    assert session.scalar(select(func.count(Order.id)).where(Order.consumer_id == second.id)) == 1
    assert len(orders_of(session, first)) == 1


def test_the_address_form_keeps_the_reference_address_data(shopper, session):
    shopper.add(make_listing(session))

    page = shopper.client.get("/checkout/").get_data(as_text=True)

    assert 'data-districts-url="/api/v1/provinces/__code__/districts"' in page
    assert ADDRESS["province_code"] in page
