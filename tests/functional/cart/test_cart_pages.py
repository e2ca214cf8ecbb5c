"""The cart: adding, changing and removing lines, checked against stock and seats; a
visitor's cookie cart merged into the account on sign-in and sign-up."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from marketplace.cart.models import CartItem
from marketplace.catalog.models import ListingKind, ListingStatus
from marketplace.clock import today_in_thailand
from tests.factories import make_listing, make_slot, make_user

GOOD_PASSWORD = "khao-niao-mamuang-7"


def html(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def add(client, listing, quantity=1, slot=None, **extra):
    data = {"listing_id": listing.id, "quantity": quantity, **extra}
    if slot is not None:
        data["slot_id"] = slot.id
    return client.post("/cart/add", data=data, follow_redirects=True)


def cookie_cart(client) -> list | None:
    with client.session_transaction() as cookie:
        return cookie.get("cart")


def account_cart(session, user) -> dict:
    session.expire_all()
    items = session.scalars(select(CartItem).where(CartItem.user_id == user.id))
    return {(item.listing_id, item.slot_id): item.quantity for item in items}


def tour_with_slot(session, *, capacity=10, max_group=10, date=None, **fields):
    tour = make_listing(session, kind=ListingKind.TOUR, max_group=max_group, **fields)
    return tour, make_slot(session, tour, capacity=capacity, date=date)


# -- the listing page ------------------------------------------------------------------------------------

def test_the_listing_page_offers_a_quantity_for_products(browser, session):
    listing = make_listing(session, stock=7)

    page = html(browser.get(f"/listings/{listing.id}"))

    assert 'action="/cart/add"' in page
    assert f'name="listing_id" value="{listing.id}"' in page
    assert 'name="quantity"' in page and 'max="7"' in page


def test_a_sold_out_product_has_no_add_to_cart_button(browser, session):
    listing = make_listing(session, stock=0)

    assert "Add to cart" not in html(browser.get(f"/listings/{listing.id}"))


def test_the_tour_page_offers_the_dates_with_seats_left_and_a_number_of_people(browser, session):
    tour, open_slot = tour_with_slot(session, capacity=5, max_group=4)
    full_slot = make_slot(session, tour, capacity=2, seats_taken=2, date=open_slot.date + dt.timedelta(days=1))

    page = html(browser.get(f"/listings/{tour.id}"))

    assert f'<option value="{open_slot.id}">' in page
    assert f'<option value="{full_slot.id}">' not in page
    assert "Number of people" in page and 'max="4"' in page


# -- adding ----------------------------------------------------------------------------------------------

def test_a_visitor_adds_a_product_to_the_cookie_cart(browser, session):
    listing = make_listing(session, stock=5, title_th="ผ้าไหมมัดหมี่")

    page = html(add(browser, listing, 2))

    assert "Added to your cart." in page
    assert "ผ้าไหมมัดหมี่" in page
    assert 'name="quantity" value="2"' in page
    assert cookie_cart(browser) == [[listing.id, 0, 2]]
    assert session.scalars(select(CartItem)).all() == []


def test_adding_more_than_the_stock_is_refused_and_says_how_many_are_left(browser, session):
    listing = make_listing(session, stock=3, title_th="น้ำพริกหนุ่ม")
    add(browser, listing, 2)

    page = html(add(browser, listing, 2))

    assert "Only 3 of “น้ำพริกหนุ่ม” left, and you already have 2 in your cart." in page
    assert cookie_cart(browser) == [[listing.id, 0, 2]]


def test_a_quantity_of_zero_or_text_is_refused(browser, session):
    listing = make_listing(session)

    assert "Choose from 1 to 99." in html(add(browser, listing, 0))
    assert "Choose from 1 to 99." in html(add(browser, listing, 100))
    assert "Not a valid integer value." in html(add(browser, listing, "two"))
    assert cookie_cart(browser) is None


def test_a_listing_that_is_not_on_sale_cannot_be_added(browser, session):
    draft = make_listing(session, status=ListingStatus.DRAFT)

    page = html(add(browser, draft, 1))

    assert "This item is no longer available." in page
    assert cookie_cart(browser) is None


def test_a_tour_needs_one_of_its_own_dates(browser, session):
    tour, slot = tour_with_slot(session)
    other_tour, other_slot = tour_with_slot(session)

    assert "Choose a date for" in html(add(browser, tour, 1))
    assert "Choose a date for" in html(add(browser, tour, 1, slot=other_slot))
    assert cookie_cart(browser) is None

    page = html(add(browser, tour, 2, slot=slot))
    assert "Added to your cart." in page
    assert cookie_cart(browser) == [[tour.id, slot.id, 2]]


def test_tour_seats_and_group_size_are_checked(browser, session):
    tour, slot = tour_with_slot(session, capacity=4, max_group=10, title_th="ล่องแพ")
    small, small_slot = tour_with_slot(session, max_group=2, title_th="ทำขนม")
    past = make_slot(session, tour, date=today_in_thailand() - dt.timedelta(days=1))

    assert "“ทำขนม” takes at most 2 people per booking." in html(add(browser, small, 3, slot=small_slot))
    assert "The date chosen for “ล่องแพ” has passed." in html(add(browser, tour, 1, slot=past))
    add(browser, tour, 2, slot=slot)
    slot.seats_taken = 3  # others booked meanwhile: one seat left
    session.flush()
    assert "Only 1 seat left on this date of “ล่องแพ”, and you already have 2 in your cart." \
        in html(add(browser, tour, 1, slot=slot))
    slot.seats_taken = 4
    session.flush()
    assert "The date chosen for “ล่องแพ” is full." in html(add(browser, tour, 1, slot=slot))
    assert cookie_cart(browser) == [[tour.id, slot.id, 2]]


# -- changing --------------------------------------------------------------------------------------------

def test_update_and_remove_lines(browser, session):
    listing = make_listing(session, stock=4, title_th="ข้าวแต๋น")
    add(browser, listing, 1)

    page = html(browser.post("/cart/update", data={"listing_id": listing.id, "quantity": 3}, follow_redirects=True))
    assert "Your cart is updated." in page
    assert cookie_cart(browser) == [[listing.id, 0, 3]]

    page = html(browser.post("/cart/update", data={"listing_id": listing.id, "quantity": 5}, follow_redirects=True))
    assert "Only 4 of “ข้าวแต๋น” left." in page
    assert cookie_cart(browser) == [[listing.id, 0, 3]]

    page = html(browser.post("/cart/update", data={"listing_id": listing.id, "quantity": 0}, follow_redirects=True))
    assert "Removed from your cart." in page
    assert cookie_cart(browser) is None

    add(browser, listing, 1)
    page = html(browser.post("/cart/remove", data={"listing_id": listing.id}, follow_redirects=True))
    assert "Your cart is empty." in page


def test_items_that_became_unavailable_are_shown_and_block_checkout(browser, session, sign_in):
    user = make_user(session)
    sign_in(browser, user)
    withdrawn = make_listing(session, stock=5, title_th="ของที่เลิกขาย")
    scarce = make_listing(session, stock=5, title_th="ของที่เหลือน้อย")
    add(browser, withdrawn, 1)
    add(browser, scarce, 4)
    withdrawn.status = ListingStatus.ARCHIVED
    scarce.stock = 2
    session.flush()

    page = html(browser.get("/cart/"))

    assert "This item is no longer available." in page
    assert "Only 2 of “ของที่เหลือน้อย” left." in page
    assert "Some items cannot be ordered as they are." in page
    assert '<button type="button" class="button button-block" disabled>Check out</button>' in page
    response = browser.get("/checkout/")
    assert response.status_code == 302 and response.headers["Location"] == "/cart/"


# -- signed-in carts and merging ---------------------------------------------------------------------------

def test_a_signed_in_cart_is_kept_on_the_server(browser, session, sign_in):
    user = make_user(session)
    sign_in(browser, user)
    tour, slot = tour_with_slot(session)

    add(browser, tour, 2, slot=slot)

    assert account_cart(session, user) == {(tour.id, slot.id): 2}
    assert cookie_cart(browser) is None


def test_the_visitors_cart_is_merged_into_the_account_on_sign_in(browser, session, sign_in):
    user = make_user(session)
    kept = make_listing(session, stock=4)
    added = make_listing(session, stock=10)
    tour, slot = tour_with_slot(session, capacity=3)
    session.add(CartItem(user_id=user.id, listing_id=kept.id, quantity=3))
    session.flush()
    add(browser, kept, 2)      # 3 + 2 is more than the 4 left: capped at 4
    add(browser, added, 1)
    add(browser, tour, 3, slot=slot)

    sign_in(browser, user)

    assert account_cart(session, user) == {(kept.id, None): 4, (added.id, None): 1, (tour.id, slot.id): 3}
    assert cookie_cart(browser) is None
    page = html(browser.get("/cart/"))
    assert "Some items cannot be ordered" not in page


def test_lines_that_cannot_be_had_are_left_out_of_the_merge(browser, session, sign_in):
    user = make_user(session)
    listing = make_listing(session, stock=2)
    add(browser, listing, 2)
    listing.stock = 0
    session.flush()

    sign_in(browser, user)

    assert account_cart(session, user) == {}
    assert cookie_cart(browser) is None


def test_the_visitors_cart_is_merged_into_a_new_account(browser, session):
    listing = make_listing(session, stock=5)
    add(browser, listing, 2)

    response = browser.post("/register", data={"name": "สมหญิง", "email": "somying@example.test",
                                               "password": GOOD_PASSWORD})

    assert response.status_code == 302
    user_id = session.scalar(select(CartItem.user_id).where(CartItem.listing_id == listing.id))
    assert user_id is not None
    assert session.scalar(select(CartItem.quantity).where(CartItem.listing_id == listing.id)) == 2
    assert cookie_cart(browser) is None
