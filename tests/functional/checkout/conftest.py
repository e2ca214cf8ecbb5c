"""Fixtures for the checkout and order pages: an English-speaking signed-in shopper who
fills a cart, checks out and places orders through the pages, as a browser would."""

from __future__ import annotations

import html
import re

import pytest

from marketplace.accounts.models import Role
from tests.factories import make_user, sign_in

PROMPTPAY_ID = "0812345678"
ADDRESS = {
    "name": "สมชาย ใจดี", "phone": "081-234-5678", "line1": "99/1 ถนนนิมมานเหมินท์",
    "province_code": "50", "district_code": "5001", "subdistrict_code": "500101",
    "districts_for": "50", "subdistricts_for": "5001", "postal_code": "50200",
}
HIDDEN_RE = re.compile(r'<input type="hidden" name="([a-z0-9_]+)" value="([^"]*)">')


@pytest.fixture
def app_config(app_config):
    """Manual PromptPay on (no Stripe keys in these tests)."""
    return {**app_config, "PROMPTPAY_ID": PROMPTPAY_ID}


@pytest.fixture
def browser(client):
    client.set_cookie("lang", "en")
    return client


class Shopper:
    """A signed-in consumer driving the pages."""

    def __init__(self, client, user) -> None:
        self.client = client
        self.user = user

    def add(self, listing, quantity=1, slot=None):
        data = {"listing_id": listing.id, "quantity": quantity}
        if slot is not None:
            data["slot_id"] = slot.id
        response = self.client.post("/cart/add", data=data)
        assert response.status_code == 302 and response.headers["Location"] == "/cart/", \
            self.client.get("/cart/").get_data(as_text=True)
        return response

    def review(self, **fields):
        """POST the details form; the response is the summary (or the form again)."""
        return self.client.post("/checkout/", data={**ADDRESS, "payment_method": "cod", **fields})

    def summary(self, **fields) -> tuple[str, dict[str, str]]:
        response = self.review(**fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, page
        form = page.split('class="place-form"', 1)[1]
        return page, {name: html.unescape(value) for name, value in HIDDEN_RE.findall(form)}

    def place(self, hidden: dict[str, str]):
        return self.client.post("/checkout/place", data=hidden)

    def order_id(self, response) -> int:
        match = re.search(r"/orders/(\d+)", response.headers["Location"])
        assert match, response.headers.get("Location")
        return int(match[1])

    def checkout(self, **fields) -> int:
        """Summary then placement; the new order's id."""
        _page, hidden = self.summary(**fields)
        return self.order_id(self.place(hidden))


@pytest.fixture
def shopper(browser, session) -> Shopper:
    user = make_user(session, name="สมชาย ใจดี")
    sign_in(browser, user)
    return Shopper(browser, user)


@pytest.fixture
def admin(session):
    return make_user(session, role=Role.ADMIN)
