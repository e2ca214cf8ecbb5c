"""Every failure under /api/v1 answers the contract's error shape, in JSON."""

from __future__ import annotations

import pytest


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert {"code", "message"} <= set(error) <= {"code", "message", "fields"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return error


def test_unknown_api_route_is_a_json_404(client):
    error = assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")
    assert "fields" not in error


def test_unknown_listing_is_a_json_404(client):
    assert_error(client.get("/api/v1/listings/999999"), 404, "not_found")


def test_wrong_method_is_a_json_405(client):
    assert_error(client.delete("/api/v1/listings"), 405, "method_not_allowed")
    assert_error(client.put("/api/v1/me"), 405, "method_not_allowed")


def test_malformed_json_is_a_400(client):
    response = client.post("/api/v1/auth/register", data='{"email": "a@b.test",',
                           content_type="application/json")

    error = assert_error(response, 400, "bad_request")
    assert "JSON" in error["message"]


@pytest.mark.parametrize("payload", ['["a", "b"]', '"text"', "42", "null"])
def test_a_json_body_that_is_not_an_object_is_a_400(client, payload):
    response = client.post("/api/v1/auth/token", data=payload, content_type="application/json")

    error = assert_error(response, 400, "bad_request")
    assert "object" in error["message"]


def test_an_empty_json_body_is_a_400(client):
    response = client.post("/api/v1/auth/token", data="", content_type="application/json")

    assert_error(response, 400, "bad_request")


def test_a_body_that_is_not_utf8_is_a_400(client):
    response = client.post("/api/v1/auth/token", data=b'{"email": "\xff"}', content_type="application/json")

    assert_error(response, 400, "bad_request")


def test_a_body_that_is_not_json_is_a_415(client):
    response = client.post("/api/v1/auth/token", data={"email": "a@b.test", "password": "x"})

    assert_error(response, 415, "unsupported_media_type")


def test_json_with_a_charset_is_accepted(client):
    response = client.post("/api/v1/auth/token", data='{"email": "a@b.test", "password": "wrong-one-1"}',
                           content_type="application/json; charset=utf-8")

    assert_error(response, 401, "invalid_credentials")


def test_validation_errors_name_their_fields(client):
    response = client.post("/api/v1/auth/register", json={"email": "bad", "password": "x", "name": "ก"})

    error = assert_error(response, 422, "invalid")
    assert set(error["fields"]) == {"email", "password"}
    assert all(isinstance(why, str) and why for why in error["fields"].values())


def test_not_authenticated_has_the_shape_and_a_challenge(client):
    response = client.get("/api/v1/me")

    assert_error(response, 401, "not_authenticated")
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_pages_outside_the_api_are_not_json(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("url", ["/api/v1/listings?category=food%00", "/listings?q=%00abc", "/provinces?x=%00"])
def test_a_nul_character_in_a_parameter_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.get_json()["error"]["code"] == "bad_request"
