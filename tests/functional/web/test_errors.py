"""Error pages: real HTML pages in the site's layout, in the reader's language, that
never show a traceback."""

from __future__ import annotations

import logging

import pytest
from flask import abort

from marketplace.errors import Conflict, Forbidden, NotFound, ValidationError


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

    def not_found():
        raise NotFound("Listing not found")

    def not_allowed():
        raise Forbidden("Only provincial company staff can do this")

    for rule, view in (("/_test/boom", boom), ("/_test/forbidden", forbidden), ("/_test/invalid", invalid),
                       ("/_test/conflict", conflict), ("/_test/not-found", not_found),
                       ("/_test/not-allowed", not_allowed)):
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


def test_a_domain_error_on_a_page_speaks_the_readers_language_not_the_services(client, failing_routes):
    html = html_of(client.get("/_test/invalid"), 422)
    assert in_site_layout(html)
    assert "ค่าบางรายการไม่ถูกต้อง" in html
    assert "Please correct the highlighted fields" not in html and "must be at least 1" not in html

    html = html_of(client.get("/_test/conflict?lang=en"), 409)
    assert "This was changed meanwhile, or cannot be done in its present state." in html
    assert "Only 2 left" not in html


@pytest.mark.parametrize(("path", "status", "thai"), [("/_test/not-found", 404, "เราไม่พบหน้าที่คุณต้องการ"),
                                                      ("/_test/not-allowed", 403, "คุณไม่มีสิทธิ์เข้าดูหน้านี้")])
def test_a_service_refusal_renders_the_page_of_its_status(client, failing_routes, path, status, thai):
    html = html_of(client.get(path), status)
    assert in_site_layout(html)
    assert thai in html
    assert "not found" not in html and "Only provincial company staff" not in html


def test_the_api_keeps_answering_json(client):
    response = client.get("/api/v1/no-such-route")

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_role_required_signs_in_first_then_refuses_other_roles(app, client, session):
    from marketplace.accounts.access import current_actor, role_required
    from marketplace.accounts.models import Role
    from tests.factories import make_user, sign_in

    @role_required(Role.ADMIN)
    def admins_only():
        return f"hello {current_actor().email}"

    app.add_url_rule("/_test/admins-only", "admins_only", admins_only)

    anonymous = client.get("/_test/admins-only")
    assert anonymous.status_code == 302 and "/login?next=" in anonymous.headers["Location"]

    sign_in(client, make_user(session))
    html = html_of(client.get("/_test/admins-only"), 403)
    assert "คุณไม่มีสิทธิ์เข้าดูหน้านี้" in html

    admin = make_user(session, role=Role.ADMIN)
    sign_in(client, admin)
    assert client.get("/_test/admins-only").get_data(as_text=True) == f"hello {admin.email}"
