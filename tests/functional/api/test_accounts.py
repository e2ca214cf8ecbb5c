"""POST /auth/register, POST and DELETE /auth/token, GET /me."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import sessionmaker

from marketplace import create_app
from marketplace.accounts.models import Role
from marketplace.accounts.services import issue_token
from marketplace.db import utcnow
from tests.factories import PASSWORD, company_of, make_enterprise, make_user

REGISTER = "/api/v1/auth/register"
TOKEN = "/api/v1/auth/token"
ME = "/api/v1/me"


def register(client, **fields):
    body = {"email": "somchai@example.test", "password": "mango-sticky-rice-9", "name": "สมชาย ใจดี"}
    body.update(fields)
    return client.post(REGISTER, json=body)


def test_register_creates_a_consumer(client):
    response = register(client, email="  Somchai@Example.TEST ", phone="+66 81-234-5678")

    assert response.status_code == 201
    user = response.get_json()["user"]
    assert set(user) == {"id", "email", "name", "roles", "enterprise_ids", "company_id"}
    assert user["email"] == "somchai@example.test"
    assert user["name"] == "สมชาย ใจดี"
    assert user["roles"] == ["consumer"]
    assert user["enterprise_ids"] == []
    assert user["company_id"] is None


def test_registered_user_can_get_a_token_and_see_themselves(client):
    register(client)

    token = client.post(TOKEN, json={"email": "SOMCHAI@example.test", "password": "mango-sticky-rice-9"})
    assert token.status_code == 200

    me = client.get(ME, headers={"Authorization": f"Bearer {token.get_json()['token']}"})
    assert me.status_code == 200
    assert me.get_json()["user"]["email"] == "somchai@example.test"


def test_register_refuses_an_email_in_use_whatever_its_case(client):
    assert register(client, email="nok@example.test").status_code == 201

    response = register(client, email="NOK@Example.Test")

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "email_taken"


def test_register_refuses_a_weak_password(client):
    response = register(client, password="short")

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert "password" in error["fields"]
    assert "email" not in error["fields"]


def test_register_refuses_a_password_of_digits_only(client):
    response = register(client, password="0812345678123")

    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["fields"]


def test_register_refuses_a_bad_email(client):
    response = register(client, email="not-an-email")

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"email"}


def test_register_names_every_missing_field(client):
    response = client.post(REGISTER, json={})

    assert response.status_code == 422
    assert {"email", "password", "name"} <= set(response.get_json()["error"]["fields"])


def test_register_refuses_values_of_the_wrong_type(client):
    response = client.post(REGISTER, json={"email": 42, "password": ["x"], "name": None})

    assert response.status_code == 422
    assert {"email", "password", "name"} <= set(response.get_json()["error"]["fields"])


def test_token_for_good_credentials(app, client, session):
    user = make_user(session, email="malee@example.test")
    before = utcnow()

    response = client.post(TOKEN, json={"email": "malee@example.test", "password": PASSWORD})

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"token", "expires_at", "user"}
    assert body["user"]["id"] == user.id
    expires_at = dt.datetime.fromisoformat(body["expires_at"])
    assert expires_at.utcoffset() is not None
    ttl = dt.timedelta(hours=app.config["API_TOKEN_TTL_HOURS"])
    assert before + ttl <= expires_at <= utcnow() + ttl


def test_token_ttl_comes_from_the_configuration(app, client, session):
    app.config["API_TOKEN_TTL_HOURS"] = 2
    make_user(session, email="malee@example.test")

    body = client.post(TOKEN, json={"email": "malee@example.test", "password": PASSWORD}).get_json()

    remaining = dt.datetime.fromisoformat(body["expires_at"]) - utcnow()
    assert dt.timedelta(hours=1, minutes=59) < remaining <= dt.timedelta(hours=2)


def test_unknown_email_and_wrong_password_get_the_same_answer(client, session):
    make_user(session, email="malee@example.test")

    wrong_password = client.post(TOKEN, json={"email": "malee@example.test", "password": "not-hers-1"})
    unknown_email = client.post(TOKEN, json={"email": "nobody@example.test", "password": PASSWORD})

    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.get_json() == unknown_email.get_json()
    assert wrong_password.get_json()["error"]["code"] == "invalid_credentials"


def test_token_refused_for_a_deactivated_account(client, session):
    make_user(session, email="gone@example.test", active=False)

    response = client.post(TOKEN, json={"email": "gone@example.test", "password": PASSWORD})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"


def test_token_with_missing_fields_is_refused_as_credentials(client):
    response = client.post(TOKEN, json={})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"


def test_revoked_token_no_longer_works(client, session, bearer):
    headers = bearer(make_user(session))
    assert client.get(ME, headers=headers).status_code == 200

    response = client.delete(TOKEN, headers=headers)

    assert response.status_code == 204
    assert response.data == b""
    after = client.get(ME, headers=headers)
    assert after.status_code == 401
    assert after.get_json()["error"]["code"] == "invalid_token"


def test_revoking_needs_a_token(client):
    response = client.delete(TOKEN)

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "not_authenticated"


def test_expired_token_is_refused(client, session):
    user = make_user(session)
    two_hours_ago = utcnow() - dt.timedelta(hours=2)
    plain, _token = issue_token(session, user, ttl=dt.timedelta(hours=1), now=two_hours_ago)

    response = client.get(ME, headers={"Authorization": f"Bearer {plain}"})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"


def test_token_of_a_deactivated_user_is_refused(client, session, bearer):
    user = make_user(session)
    headers = bearer(user)
    user.active = False
    session.flush()

    assert client.get(ME, headers=headers).status_code == 401


def test_me_needs_a_token(client):
    response = client.get(ME)

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_me_refuses_another_authorization_scheme(client):
    response = client.get(ME, headers={"Authorization": "Basic bWFsZWU6cGFzc3dvcmQ="})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"


def test_me_ignores_the_session_cookie(client, session):
    user = make_user(session)
    with client.session_transaction() as cookie_session:
        cookie_session["_user_id"] = str(user.id)
        cookie_session["_fresh"] = True

    assert client.get(ME).status_code == 401


def test_me_shows_a_producers_enterprises(client, session, bearer):
    producer = make_user(session, email="producer@example.test")
    first = make_enterprise(session, members=(producer,))
    second = make_enterprise(session, province_code="30", members=(producer,))

    user = client.get(ME, headers=bearer(producer)).get_json()["user"]

    assert user["roles"] == ["consumer", "producer"]
    assert user["enterprise_ids"] == sorted([first.id, second.id])


def test_me_shows_a_company_users_company(client, session, bearer):
    company = company_of(session, "50")
    staff = make_user(session, role=Role.COMPANY, company=company)

    user = client.get(ME, headers=bearer(staff)).get_json()["user"]

    assert user["roles"] == ["company"]
    assert user["company_id"] == company.id


def test_sign_in_is_rate_limited_with_the_error_shape(app_config, connection):
    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                          "RATELIMIT_AUTH": "3/minute"})
    limited.extensions["db"].sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    client = limited.test_client()
    credentials = {"email": "nobody@example.test", "password": "wrong-password-1"}

    answers = [client.post(TOKEN, json=credentials) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
    body = answers[-1].get_json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["message"]
    assert "Retry-After" in answers[-1].headers
    assert client.get("/api/v1/categories").status_code == 200  # only the sign-in routes are limited
