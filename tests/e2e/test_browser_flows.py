"""Issue 4's "Done when", walked in a real browser (headless Chromium, see conftest.py)
against the live server on a real database.

An anonymous visitor finds goods by a Thai word, fills a cart from two provinces and
a seat on a community tour, signs up on the way to the checkout, gives a Thai address
with the province → district → subdistrict selects (static/js/address.js fills them
from the reference API and the postal code from the subdistrict), pays by cash on
delivery or by a PromptPay QR code, and sees the order split per provincial company.
A producer signs up and registers a community enterprise with the same selects.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.accounts.models import Role, User
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.clock import today_in_thailand
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseStatus
from tests.factories import company_of, make_enterprise, make_listing, make_slot, make_user

pytestmark = pytest.mark.concurrency

WAIT = 15  # seconds: the longest any one step may take
CHIANG_MAI_ADDRESS = {"province": "50", "district": "5001", "subdistrict": "500101", "postal_code": "50200"}


# --- the data and the browser's moves ------------------------------------------------------------------

@pytest.fixture
def market(live_db):
    """Silk from Chiang Mai, coffee from Ubon Ratchathani and a Chiang Mai boat tour
    with a slot ten days ahead, all committed; and each province's company name."""
    with Session(live_db, expire_on_commit=False) as session:
        weavers = make_enterprise(session, province_code="50", name_th="วิสาหกิจชุมชนทอผ้าบ้านดอนหลวง")
        roasters = make_enterprise(session, province_code="34", name_th="วิสาหกิจชุมชนกาแฟโขงเจียม")
        silk = make_listing(session, enterprise=weavers, title_th="ผ้าไหมทอมือลายดอกพิกุล", stock=5,
                            price_satang=120000)
        coffee = make_listing(session, enterprise=roasters, title_th="กาแฟคั่วบดริมโขง", stock=8, price_satang=25000)
        tour = make_listing(session, enterprise=weavers, kind=ListingKind.TOUR, title_th="ล่องเรือชมวิถีชุมชนริมปิง",
                            price_satang=50000, max_group=6)
        slot = make_slot(session, tour, date=today_in_thailand() + dt.timedelta(days=10), capacity=8)
        companies = {code: company_of(session, code).name_th for code in ("50", "34")}
        session.commit()
    return {"silk": silk, "coffee": coffee, "tour": tour, "slot": slot, "companies": companies}


def wait(browser, condition, timeout: float = WAIT):
    """Wait for ``condition``; what the driver raises while a page is being replaced
    (a node or frame gone half-way through a check) counts as "not yet"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(condition)


def click_and_wait(browser, element) -> None:
    """Click something that loads another page, and wait until that page has loaded
    (the old page's window carries a mark that the new one does not)."""
    browser.execute_script("window.__e2eOldPage = true")
    element.click()
    wait(browser, lambda b: b.execute_script(
        "return window.__e2eOldPage === undefined && document.readyState === 'complete'"))


def path_is(prefix: str):
    """A wait condition: the page's path (without the query) starts with ``prefix``."""
    def check(browser):
        return browser.execute_script("return document.readyState") == "complete" \
            and browser.execute_script("return location.pathname").startswith(prefix)
    return check


def css(browser, selector: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def submit(browser, form_selector: str, button: str = 'button[type="submit"]:not([name])') -> None:
    """Press the form's (main) submit button and wait for the next page."""
    click_and_wait(browser, css(browser, f"{form_selector} {button}"))


def type_into(browser, selector: str, text: str) -> None:
    field = css(browser, selector)
    field.clear()
    field.send_keys(text)


def choose_option(browser, selector: str, value: str) -> None:
    """Choose ``value`` in a select once address.js has loaded it (and enabled the select)."""
    from selenium.webdriver.support.ui import Select

    wait(browser, lambda b: b.execute_script(
        "const s = document.querySelector(arguments[0]);"
        "return !s.disabled && [...s.options].some(o => o.value === arguments[1]);", selector, value))
    Select(css(browser, selector)).select_by_value(value)


def search_and_open(browser, word: str, listing_id: int) -> None:
    """Search from the header box, then open the listing from the results."""
    type_into(browser, "form.site-search input[name=q]", word)
    submit(browser, "form.site-search")
    assert browser.execute_script("return new URLSearchParams(location.search).get('q')") == word
    click_and_wait(browser, css(browser, f'.browse-results a.card-link[href="/listings/{listing_id}"]'))
    assert browser.execute_script("return location.pathname") == f"/listings/{listing_id}"


def add_to_cart(browser, quantity: int, slot_id: int | None = None) -> None:
    from selenium.webdriver.support.ui import Select

    if slot_id is not None:
        Select(css(browser, "form.add-to-cart select[name=slot_id]")).select_by_value(str(slot_id))
    type_into(browser, "form.add-to-cart input[name=quantity]", str(quantity))
    submit(browser, "form.add-to-cart")
    wait(browser, path_is("/cart/"))


def fill_the_cart(browser, live_server: str, market) -> None:
    """As an anonymous visitor: two goods found by Thai words and two seats on the tour."""
    browser.get(live_server + "/")
    assert browser.execute_script("return document.documentElement.lang") == "th"
    search_and_open(browser, "ผ้าไหม", market["silk"].id)
    add_to_cart(browser, 2)
    search_and_open(browser, "กาแฟ", market["coffee"].id)
    add_to_cart(browser, 3)
    search_and_open(browser, "ล่องเรือ", market["tour"].id)
    add_to_cart(browser, 2, slot_id=market["slot"].id)
    assert len(browser.find_elements("css selector", "ul.cart-lines > li.cart-line")) == 3
    assert css(browser, ".cart-link .badge").text == "7"


def sign_up_at_checkout(browser, email: str) -> None:
    """Check out from the cart: the sign-in page asks first; sign up from there and
    come back to the checkout with the cart kept."""
    click_and_wait(browser, css(browser, '.cart-summary a[href="/checkout/"]'))
    wait(browser, path_is("/login"))
    click_and_wait(browser, css(browser, 'main a[href^="/register"]'))
    wait(browser, path_is("/register"))
    assert css(browser, 'form[action^="/register"] input[name=next]').get_attribute("value") == "/checkout/"
    type_into(browser, "input[name=name]", "สมหญิง ใจดี")
    type_into(browser, "input[name=email]", email)
    type_into(browser, "input[name=phone]", "0812345678")
    type_into(browser, "input[name=password]", "kanom-krok-2024-e2e")
    submit(browser, 'form[action^="/register"]')
    wait(browser, path_is("/checkout/"))


def fill_address(browser, address: dict[str, str]) -> None:
    """The three selects, each filled by address.js; the postal code follows the subdistrict."""
    choose_option(browser, "select[name=province_code]", address["province"])
    choose_option(browser, "select[name=district_code]", address["district"])
    choose_option(browser, "select[name=subdistrict_code]", address["subdistrict"])
    if "postal_code" in address:
        wait(browser, lambda b: css(b, "input[name=postal_code]").get_attribute("value") == address["postal_code"])
    assert not browser.find_elements("css selector", "[data-address-refresh]")  # the no-JS button is gone


def check_out(browser, payment_method: str) -> None:
    """The details form (recipient, address, payment), then the summary, then place."""
    assert css(browser, "input[name=name]").get_attribute("value") == "สมหญิง ใจดี"  # from the account
    type_into(browser, "textarea[name=line1]", "99/1 ถนนนิมมานเหมินท์")
    fill_address(browser, CHIANG_MAI_ADDRESS)
    css(browser, f'input[name=payment_method][value="{payment_method}"]').click()
    submit(browser, 'form[action="/checkout/"]')
    # The summary: one group per (company, kind), before anything is placed.
    assert len(browser.find_elements("css selector", "section.split-group")) == 3, browser.page_source
    submit(browser, 'form.place-form')


def order_page_names_the_companies(browser, market) -> str:
    """The order page: one section per fulfilment, headed by its company's Thai name."""
    wait(browser, lambda b: b.execute_script(
        "return /^\\/orders\\/\\d+$/.test(location.pathname) && document.readyState === 'complete'"))
    headings = [element.text for element in browser.find_elements("css selector", "section.split-group .split-company")]
    chiang_mai, ubon = market["companies"]["50"], market["companies"]["34"]
    assert "บริษัท ประชารัฐรักสามัคคี เชียงใหม่ (วิสาหกิจเพื่อสังคม) จำกัด" == chiang_mai
    assert sorted(headings) == sorted([chiang_mai, chiang_mai, ubon])
    page = css(browser, "main").text
    for key in ("silk", "coffee", "tour"):
        assert market[key].title_th in page
    return browser.execute_script("return location.pathname").rsplit("/", 1)[1]


def stored_order(live_db, email: str, market):
    """The one order of ``email``, checked in the database: three fulfilments, and the
    stock and seats it took."""
    from marketplace.orders.models import Order

    with Session(live_db) as session:
        user = session.scalar(select(User).where(User.email == email))
        orders = session.scalars(select(Order).where(Order.consumer_id == user.id)).all()
        assert len(orders) == 1
        order = orders[0]
        split = sorted((f.company.province_code, f.kind.value, sorted((li.title_th, li.quantity) for li in f.lines))
                       for f in order.fulfilments)
        assert split == [
            ("34", "goods", [(market["coffee"].title_th, 3)]),
            ("50", "goods", [(market["silk"].title_th, 2)]),
            ("50", "tour", [(market["tour"].title_th, 2)]),
        ]
        assert session.get(Listing, market["silk"].id).stock == 3
        assert session.get(Listing, market["coffee"].id).stock == 5
        assert session.get(TourSlot, market["slot"].id).seats_taken == 2
        return order.id, order.status.value, order.payment_method.value, order.ship_postal_code


# --- the consumer ----------------------------------------------------------------------------------------

def test_a_visitor_orders_from_two_provinces_and_a_tour_paying_cash_on_delivery(
        browser, live_db, live_server, market):
    email = "somying.cod@example.test"
    fill_the_cart(browser, live_server, market)
    sign_up_at_checkout(browser, email)
    check_out(browser, "cod")

    order_id = order_page_names_the_companies(browser, market)
    assert css(browser, ".flashes .flash-success").text  # "thank you, you pay on delivery"
    assert stored_order(live_db, email, market) == (int(order_id), "placed", "cod", "50200")
    browser.get(live_server + "/cart/")
    assert not browser.find_elements("css selector", "li.cart-line")  # what was ordered left the cart


def test_a_visitor_orders_from_two_provinces_and_a_tour_paying_by_promptpay_qr(
        browser, live_db, live_app, live_server, market):
    from marketplace.db import utcnow
    from marketplace.orders.models import Order
    from marketplace.orders.services import confirm_promptpay_transfer

    live_app.extensions["payment_gateway"] = None  # no Stripe: PromptPay is the operator's own QR code
    email = "somying.promptpay@example.test"
    fill_the_cart(browser, live_server, market)
    sign_up_at_checkout(browser, email)
    check_out(browser, "promptpay")

    wait(browser, lambda b: b.execute_script("return /^\\/orders\\/\\d+\\/pay$/.test(location.pathname)"))
    panel = css(browser, '[data-payment][data-method="promptpay_manual"]')
    assert panel.find_element("css selector", ".qr svg").is_displayed()
    order_id, status, method, _postal = stored_order(live_db, email, market)
    assert (status, method) == ("awaiting_payment", "promptpay")

    # The national admin confirms the transfer; the waiting page sees it and opens the order.
    with Session(live_db) as session:
        admin = make_user(session, role=Role.ADMIN)
        confirm_promptpay_transfer(session, admin, session.get(Order, order_id), "BANKREF-E2E-1", now=utcnow(),
                                   gateway=None)
        session.commit()
    wait(browser, lambda b: b.execute_script("return location.pathname") == f"/orders/{order_id}"
         and b.execute_script("return document.readyState") == "complete", timeout=20)
    assert order_page_names_the_companies(browser, market) == str(order_id)
    assert stored_order(live_db, email, market)[1] == "placed"


# --- the producer ----------------------------------------------------------------------------------------

def test_a_producer_signs_up_and_registers_an_enterprise(browser, live_db, live_server):
    browser.get(live_server + "/register?next=/producer/enterprises/new")
    type_into(browser, "input[name=name]", "ลุงสมศักดิ์ ทอผ้า")
    type_into(browser, "input[name=email]", "somsak.producer@example.test")
    type_into(browser, "input[name=password]", "kanom-krok-2024-e2e")
    submit(browser, 'form[action^="/register"]')
    wait(browser, path_is("/producer/enterprises/new"))

    type_into(browser, "input[name=name_th]", "วิสาหกิจชุมชนผ้าฝ้ายทอมือสันกำแพง")
    type_into(browser, "input[name=registration_no]", "5-50-01-01/1-0042")
    fill_address(browser, {"province": "50", "district": "5001", "subdistrict": "500101"})
    submit(browser, 'form[action="/producer/enterprises/new"]')

    wait(browser, lambda b: b.execute_script("return /^\\/producer\\/enterprises\\/\\d+$/.test(location.pathname)"))
    assert "วิสาหกิจชุมชนผ้าฝ้ายทอมือสันกำแพง" in css(browser, "main").text
    with Session(live_db) as session:
        enterprise = session.scalar(select(CommunityEnterprise).where(
            CommunityEnterprise.registration_no == "5-50-01-01/1-0042"))
        assert (enterprise.status, enterprise.province_code, enterprise.subdistrict_code) == \
            (EnterpriseStatus.PENDING, "50", "500101")
        assert session.scalar(select(func.count()).select_from(User).where(
            User.email == "somsak.producer@example.test")) == 1
