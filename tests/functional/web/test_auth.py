"""Sign up, sign in and sign out on the web pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role, User
from tests.factories import PASSWORD, make_user

GOOD_PASSWORD = "khao-niao-mamuang-7"


def signed_in_user_id(client) -> str | None:
    with client.session_transaction() as cookie_session:
        return cookie_session.get("_user_id")


def users_with_email(session, email: str) -> int:
    return session.scalar(select(func.count(User.id)).where(func.lower(User.email) == email.lower()))


def register(client, **fields):
    data = {"name": "สมชาย ใจดี", "email": "somchai@example.test", "password": GOOD_PASSWORD} | fields
    return client.post("/register", data=data)


# -- sign up -------------------------------------------------------------------------------------

def test_the_sign_up_page_is_a_form(client):
    response = client.get("/register")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for name in ("name", "email", "phone", "password"):
        assert f'name="{name}"' in html
    assert 'autocomplete="new-password"' in html


def test_signing_up_creates_a_consumer_signs_in_and_redirects(client, session):
    response = register(client, email="  SomChai@Example.TEST ", phone="081-234-5678")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = session.scalar(select(User).where(User.email == "somchai@example.test"))
    assert user is not None
    assert user.name == "สมชาย ใจดี"
    assert user.phone == "0812345678"
    assert user.roles == {Role.CONSUMER}
    assert signed_in_user_id(client) == str(user.id)
    html = client.get("/").get_data(as_text=True)
    assert "สมชาย ใจดี" in html
    assert "ออกจากระบบ" in html


def test_signing_up_goes_on_to_a_local_next_page(client):
    response = register(client, next="/listings/7")

    assert response.headers["Location"] == "/listings/7"


def test_an_email_taken_in_another_case_is_refused_and_nothing_is_written(client, session):
    make_user(session, email="somchai@example.test")

    response = register(client, email="SomChai@Example.TEST", name="สมชายคนที่สอง")

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "อีเมลนี้ลงทะเบียนไว้แล้ว" in html
    assert 'value="SomChai@Example.TEST"' in html
    assert 'value="สมชายคนที่สอง"' in html
    assert GOOD_PASSWORD not in html
    assert users_with_email(session, "somchai@example.test") == 1
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(("password", "thai", "english"), [
    ("short-1", "ใช้อย่างน้อย 10 ตัวอักษร", "Use at least 10 characters."),
    ("password123", "รหัสผ่านนี้เดาง่ายเกินไป", "This password is too easy to guess."),
    ("onlyletterspassword", "ตัวอักษรผสมกับตัวเลขหรือสัญลักษณ์", "Mix letters with digits or symbols."),
    ("SomChai@example.test", "รหัสผ่านต้องไม่ใช่อีเมลของคุณ", "Your password must not be your email address."),
])
def test_a_weak_password_is_explained_next_to_the_field(client, session, password, thai, english):
    response = register(client, password=password)

    assert response.status_code == 422
    assert thai in response.get_data(as_text=True)
    assert users_with_email(session, "somchai@example.test") == 0

    client.set_cookie("lang", "en")
    assert english in register(client, password=password).get_data(as_text=True)


def test_a_bad_email_and_a_missing_name_are_shown_on_their_fields(client, session):
    response = register(client, email="not-an-email", name="")

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "กรุณากรอกชื่อ" in html
    assert 'id="name-error"' in html
    assert 'aria-invalid="true"' in html
    assert session.scalar(select(func.count(User.id)).where(User.email == "not-an-email")) == 0


def test_the_service_checks_the_email_when_the_form_lets_it_through(client, session):
    response = register(client, email="somchai@localhost")

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "กรุณากรอกอีเมลให้ถูกต้อง" in html
    assert 'id="email-error"' in html
    assert users_with_email(session, "somchai@localhost") == 0


def test_a_bad_phone_number_is_explained(client, session):
    response = register(client, phone="12345")

    assert response.status_code == 422
    assert "กรุณากรอกหมายเลขโทรศัพท์ในประเทศไทย" in response.get_data(as_text=True)


# -- sign in -------------------------------------------------------------------------------------

def test_signing_in_starts_a_session(client, session):
    user = make_user(session, email="malee@example.test")

    response = client.post("/login", data={"email": "Malee@Example.test", "password": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in_user_id(client) == str(user.id)


@pytest.mark.parametrize("email", ["malee@example.test", "nobody@example.test"])
def test_a_wrong_password_or_unknown_email_gives_one_message_and_no_session(client, session, email):
    make_user(session, email="malee@example.test")

    response = client.post("/login", data={"email": email, "password": "not-the-password-1"})

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "อีเมลหรือรหัสผ่านไม่ถูกต้อง" in html
    assert f'value="{email}"' in html
    assert "not-the-password-1" not in html
    assert signed_in_user_id(client) is None


def test_an_inactive_account_cannot_sign_in(client, session):
    user = make_user(session, active=False)

    response = client.post("/login", data={"email": user.email, "password": PASSWORD})

    assert "อีเมลหรือรหัสผ่านไม่ถูกต้อง" in response.get_data(as_text=True)
    assert signed_in_user_id(client) is None


def test_the_sign_in_page_carries_next_through_the_form(client):
    html = client.get("/login?next=/listings/3%3Fx%3D1").get_data(as_text=True)

    assert 'name="next" type="hidden" value="/listings/3?x=1"' in html


@pytest.mark.parametrize(("target", "expected"), [
    ("/listings/3?x=1", "/listings/3?x=1"),
    ("https://evil.example/steal", "/"),
    ("//evil.example/steal", "/"),
    ("/\\evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("/ok\r\nSet-Cookie: x=1", "/"),
    ("", "/"),
])
def test_signing_in_only_goes_on_to_a_page_of_this_site(client, session, target, expected):
    user = make_user(session)

    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "next": target})

    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_next_in_the_query_string_is_checked_too(client, session):
    user = make_user(session)

    response = client.post("/login?next=https://evil.example/",
                           data={"email": user.email, "password": PASSWORD})

    assert response.headers["Location"] == "/"


def test_a_signed_in_visitor_is_sent_on_from_the_sign_in_page(client, session):
    user = make_user(session)
    client.post("/login", data={"email": user.email, "password": PASSWORD})

    assert client.get("/login?next=/listings/1").headers["Location"] == "/listings/1"
    assert client.get("/register").headers["Location"] == "/"


# -- sign out ------------------------------------------------------------------------------------

def test_signing_out_ends_the_session(client, session):
    user = make_user(session)
    client.post("/login", data={"email": user.email, "password": PASSWORD})

    response = client.post("/logout")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in_user_id(client) is None
    assert "เข้าสู่ระบบ" in client.get("/").get_data(as_text=True)


def test_signing_out_is_a_post_only(client, session):
    user = make_user(session)
    client.post("/login", data={"email": user.email, "password": PASSWORD})

    assert client.get("/logout").status_code == 405
    assert signed_in_user_id(client) == str(user.id)


def test_forms_need_a_csrf_token_when_protection_is_on(app, client, session):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user(session)

    response = client.post("/login", data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 400
    assert signed_in_user_id(client) is None
    assert client.post("/logout").status_code == 400
