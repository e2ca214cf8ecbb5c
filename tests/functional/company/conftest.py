"""Fixtures for the company's fulfilment pages: staff of Chiang Mai (50) signed in on an
English page, orders placed through the checkout service, and a fake payment provider."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Role
from tests.factories import FakeGateway, company_of, make_user, sign_in


def staff_of(session, province_code: str = "50"):
    return make_user(session, role=Role.COMPANY, company=company_of(session, province_code))


@pytest.fixture
def gateway(app) -> FakeGateway:
    """The provider the pages use (``current_gateway()``), remembering every refund."""
    fake = FakeGateway()
    app.extensions["payment_gateway"] = fake
    return fake


@pytest.fixture
def browser(client):
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def staff(session, browser):
    """Staff of the Chiang Mai company, signed in."""
    user = staff_of(session, "50")
    sign_in(browser, user)
    return user


@pytest.fixture
def signed_in(session, browser):
    """``signed_in(user)``: ``browser`` signed in as ``user``; ``signed_in("10")``: as new
    staff of that province's company. Returns the user."""
    def sign(who):
        user = staff_of(session, who) if isinstance(who, str) else who
        sign_in(browser, user)
        return user

    return sign


@pytest.fixture
def paid_order(session, gateway):
    """``paid_order(*lines)``: a card order placed through checkout and paid, so its
    fulfilments are new; ``lines`` are ``(listing, quantity[, slot])``."""
    from marketplace.db import utcnow
    from marketplace.orders.services import mark_paid
    from tests.factories import place

    def make(*lines, consumer=None):
        order = place(session, consumer or make_user(session), *lines, payment_method="card", gateway=gateway)
        outcome = mark_paid(session, order, order.payments[-1], amount_satang=order.total_satang, currency="THB",
                            now=utcnow(), gateway=gateway)
        assert outcome == "placed"
        session.flush()
        return order

    return make
