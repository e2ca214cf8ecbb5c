"""Fixtures for the cart pages: an English-speaking browser and a sign-in helper."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def browser(client):
    """The test client, reading the pages in English (the ``lang`` cookie)."""
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def sign_in():
    def sign_in(client, user, **extra):
        response = client.post("/login", data={"email": user.email, "password": PASSWORD, **extra})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return sign_in
