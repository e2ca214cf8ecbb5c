"""The pages and the API give the same verdict on the same bad input (issue 8): each
rule is written once, in the domain, and both read their input through it. The API
answers 422 naming the parameter; the page answers a 4xx with its own error display and
writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.orders.models import Order
from tests.factories import checkout_body, company_of, make_enterprise, make_listing, make_user, sign_in

API = "/api/v1"


def api_fields(response) -> dict[str, str]:
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    return error["fields"]


@pytest.fixture
def browser(client):
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def staff(session):
    return make_user(session, role=Role.COMPANY, company=company_of(session, "50"))


# -- the catalogue: GET /listings and /api/v1/listings ---------------------------------------------
# The page takes prices in baht, the API in satang: the same prices either way.

@pytest.mark.parametrize(("page_args", "api_args", "field"), [
    ({"min_price": "500", "max_price": "100"}, {"min_price": "50000", "max_price": "10000"}, "max_price"),
    ({"province": "99"}, {"province": "99"}, "province"),
    ({"province": "5"}, {"province": "5"}, "province"),
    ({"category": "weapons"}, {"category": "weapons"}, "category"),
    ({"region": "middle-earth"}, {"region": "middle-earth"}, "region"),
    ({"kind": "service"}, {"kind": "service"}, "kind"),
    ({"sort": "popular"}, {"sort": "popular"}, "sort"),
    ({"stars": "6"}, {"stars": "6"}, "stars"),
])
def test_a_bad_listing_filter_is_refused_by_the_page_and_the_api(browser, session, page_args, api_args, field):
    make_listing(session, price_satang=20000)

    assert field in api_fields(browser.get(f"{API}/listings", query_string=api_args))
    page = browser.get("/listings", query_string=page_args)
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "Some filters are not valid." in text
    assert f'id="filter-{field}-error"' in text
    assert 'class="card-link"' not in text


@pytest.mark.parametrize(("page_args", "api_args"), [
    ({"min_price": "100", "max_price": "100"}, {"min_price": "10000", "max_price": "10000"}),
    ({"province": "50", "category": "textiles"}, {"province": "50", "category": "textiles"}),
])
def test_a_good_listing_filter_is_taken_by_both(browser, session, page_args, api_args):
    assert browser.get(f"{API}/listings", query_string=api_args).status_code == 200
    assert browser.get("/listings", query_string=page_args).status_code == 200


def test_the_enterprise_filter_is_checked_once_too(client):
    assert "enterprise" in api_fields(client.get(f"{API}/listings?enterprise=0"))


# -- the enterprise status filter: /company/enterprises and /api/v1/enterprises?scope=staff ---------

def test_a_bad_enterprise_status_is_refused_by_the_page_and_the_api(browser, session, bearer, staff):
    make_enterprise(session, province_code="50")

    assert "status" in api_fields(browser.get(f"{API}/enterprises?scope=staff&status=bogus", headers=bearer(staff)))
    sign_in(browser, staff)
    page = browser.get("/company/enterprises?status=bogus")
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "There is no such status. Choose one of the tabs below." in text
    assert 'aria-current="page"' not in text.split('class="filter-tabs"')[1].split("</nav>")[0]  # no tab chosen
    assert "No community enterprise here yet." not in text


def test_a_good_enterprise_status_is_taken_by_both(browser, session, bearer, staff):
    assert browser.get(f"{API}/enterprises?scope=staff&status=pending", headers=bearer(staff)).status_code == 200
    sign_in(browser, staff)
    assert browser.get("/company/enterprises?status=pending").status_code == 200


# -- the fulfilment queue: /company/fulfilments and /api/v1/fulfilments ----------------------------

@pytest.mark.parametrize(("query", "field"), [
    ("from=2026-03-10&to=2026-03-09", "to"),
    ("from=20260301", "from"),
    ("status=lost", "status"),
    ("kind=boat", "kind"),
    ("enterprise=many", "enterprise"),
])
def test_a_bad_queue_filter_is_refused_by_the_page_and_the_api(browser, bearer, staff, query, field):
    assert field in api_fields(browser.get(f"{API}/fulfilments?{query}", headers=bearer(staff)))
    sign_in(browser, staff)
    page = browser.get(f"/company/fulfilments?{query}")
    assert page.status_code == 422
    assert f'id="filter-{field}-error"' in page.get_data(as_text=True)


# -- the income report: /company/income and /api/v1/reports/income ----------------------------------

@pytest.mark.parametrize(("query", "field"), [
    ("group_by=enterprise&from=2026-03-10&to=2026-03-09", "to"),
    ("group_by=day", "group_by"),
    ("group_by=kind&from=2026-02-30", "from"),
])
def test_a_bad_income_query_is_refused_by_the_page_and_the_api(browser, bearer, staff, query, field):
    assert field in api_fields(browser.get(f"{API}/reports/income?{query}", headers=bearer(staff)))
    sign_in(browser, staff)
    assert browser.get(f"/company/income?{query}").status_code == 422


# -- checkout: /checkout/ and POST /api/v1/orders ----------------------------------------------------

def test_a_postal_code_of_another_subdistrict_is_refused_by_the_page_and_the_api(browser, session, bearer):
    listing = make_listing(session, price_satang=32000, stock=10)
    consumer = make_user(session)
    orders = select(func.count(Order.id))
    before = session.scalar(orders)

    response = browser.post(f"{API}/orders", json=checkout_body((listing, 1), postal_code="10200"),
                            headers={**bearer(consumer), "Idempotency-Key": "agree-1"})
    assert api_fields(response) == {
        "shipping_address.postal_code": "10200 is not a postal code of this subdistrict (50200)"}

    sign_in(browser, consumer)
    assert browser.post("/cart/add", data={"listing_id": listing.id, "quantity": 1}).status_code == 302
    page = browser.post("/checkout/", data={
        "name": "สมชาย ใจดี", "phone": "081-234-5678", "line1": "99/1 ถนนนิมมานเหมินท์", "province_code": "50",
        "district_code": "5001", "subdistrict_code": "500101", "districts_for": "50", "subdistricts_for": "5001",
        "postal_code": "10200", "payment_method": "cod",
    })
    assert page.status_code == 422
    assert "10200 is not a postal code of this subdistrict." in page.get_data(as_text=True)
    assert session.scalar(orders) == before
