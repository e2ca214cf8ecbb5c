"""Error pages: real HTML pages in the site's layout, in the reader's language, that
never show a traceback."""

from __future__ import annotations

import logging

import pytest
from flask import abort

from marketplace.errors import Conflict, ValidationError


def html_of(response, status: int) -> str:
    assert response.status_code == status
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def in_site_layout(html: str) -> bool:
    return all(part in html for part in ('class="site-header"', 'class="site-footer"', "/static/css/site.css",
                                         "GeoThai"))


@pytest.fixture
def failing_routes(app):
    """Test-only routes that fail in the ways a page can."""

    def boom():
        raise RuntimeError("database password is hunter2")

    def forbidden():
        abort(403)

    def invalid():
        raise ValidationError("Please correct the highlighted fields",
                              fields={"quantity": "must be at least 1"})

    def conflict():
        raise Conflict("Only 2 left", code="out_of_stock")

    for rule, view in (("/_test/boom", boom), ("/_test/forbidden", forbidden), ("/_test/invalid", invalid),
                       ("/_test/conflict", conflict)):
        app.add_url_rule(rule, view.__name__, view)
    return app


def test_an_unknown_page_is_a_404_page_in_the_site_layout(client):
    html = html_of(client.get("/no/such/page"), 404)

    assert '<html lang="th">' in html
    assert in_site_layout(html)
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert "เราไม่พบหน้าที่คุณต้องการ" in html
    assert 'href="/"' in html


def test_the_404_page_speaks_english_when_asked(client):
    html = html_of(client.get("/no/such/page?lang=en"), 404)

    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert "We could not find that page." in html


def test_an_unexpected_error_is_a_500_page_without_details(client, failing_routes, caplog):
    with caplog.at_level(logging.ERROR, logger="marketplace.errorhandlers"):
        html = html_of(client.get("/_test/boom"), 500)

    assert in_site_layout(html)
    assert "เกิดข้อผิดพลาด" in html
    assert "ระบบของเราขัดข้อง" in html
    assert "hunter2" not in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html
    assert any(record.exc_info for record in caplog.records)  # the details go to the log


def test_the_500_page_in_english(client, failing_routes):
    html = html_of(client.get("/_test/boom?lang=en"), 500)

    assert "Something went wrong on our side. Please try again." in html


def test_a_forbidden_page_is_a_403_page(client, failing_routes):
    html = html_of(client.get("/_test/forbidden"), 403)

    assert in_site_layout(html)
    assert "ไม่มีสิทธิ์เข้าถึง" in html
    assert "คุณไม่มีสิทธิ์เข้าดูหน้านี้" in html
    assert "/login?next=/_test/forbidden" in html


def test_other_statuses_use_the_generic_page(client):
    html = html_of(client.get("/logout"), 405)

    assert in_site_layout(html)
    assert "405" in html
    assert "ไม่สามารถทำรายการนี้ที่หน้านี้ได้" in html


def test_a_domain_error_on_a_page_shows_its_message_and_fields(client, failing_routes):
    html = html_of(client.get("/_test/invalid"), 422)

    assert in_site_layout(html)
    assert "Please correct the highlighted fields" in html
    assert "quantity" in html and "must be at least 1" in html

    assert "Only 2 left" in html_of(client.get("/_test/conflict"), 409)


def test_the_api_keeps_answering_json(client):
    response = client.get("/api/v1/no-such-route")

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
