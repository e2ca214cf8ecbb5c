import datetime as dt

import pytest

from marketplace.accounts.models import Role
from marketplace.accounts.services import (
    authenticate, issue_token, password_problem, register_user, revoke_token, user_for_token,
)
from marketplace.companies.services import create_staff_user
from marketplace.errors import Conflict, InvalidCredentials, ValidationError
from tests.factories import PASSWORD, company_of, make_user, national_company

GOOD = "ข้าวเหนียว-mango-7"


def test_register_stores_a_lowercased_email_and_an_argon2_hash(session):
    user = register_user(session, email="  Somchai@Example.TEST ", password=GOOD, name="สมชาย", phone="+66 81-234-5678")
    assert user.email == "somchai@example.test"
    assert user.password_hash.startswith("$argon2")
    assert GOOD not in user.password_hash
    assert user.phone == "0812345678"
    assert user.roles == {Role.CONSUMER}


def test_email_is_unique_whatever_its_case(session):
    register_user(session, email="nok@example.test", password=GOOD, name="นก")
    with pytest.raises(Conflict) as caught:
        register_user(session, email="NOK@example.test", password=GOOD, name="นก")
    assert caught.value.code == "email_taken"


@pytest.mark.parametrize(("fields", "bad"), [
    ({"email": "not-an-email"}, "email"),
    ({"password": "short1"}, "password"),
    ({"password": "aaaaaaaaaaaa"}, "password"),
    ({"password": "abcdefghijkl"}, "password"),
    ({"name": "   "}, "name"),
    ({"phone": "12345"}, "phone"),
])
def test_bad_registration_names_the_field_and_writes_nothing(session, fields, bad):
    from sqlalchemy import func, select

    from marketplace.accounts.models import User

    before = session.scalar(select(func.count(User.id)))
    values = {"email": "new@example.test", "password": GOOD, "name": "ใหม่"} | fields
    with pytest.raises(ValidationError) as caught:
        register_user(session, **values)
    assert bad in caught.value.fields
    assert session.scalar(select(func.count(User.id))) == before


def test_password_rules():
    assert password_problem(GOOD) is None
    assert password_problem("a@b.test12", "a@b.test12") is not None


def test_authenticate_same_error_for_unknown_email_and_wrong_password(session):
    user = make_user(session, email="mali@example.test")
    assert authenticate(session, "MALI@example.test", PASSWORD) is user
    with pytest.raises(InvalidCredentials) as unknown:
        authenticate(session, "nobody@example.test", PASSWORD)
    with pytest.raises(InvalidCredentials) as wrong:
        authenticate(session, "mali@example.test", "wrong-password-1")
    assert unknown.value.message == wrong.value.message
    assert unknown.value.code == wrong.value.code == "invalid_credentials"


def test_tokens_expire_and_can_be_revoked(session):
    user = make_user(session)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    plain, token = issue_token(session, user, ttl=dt.timedelta(hours=1), now=now)
    assert token.token_hash != plain and len(token.token_hash) == 64
    assert user_for_token(session, plain, now=now + dt.timedelta(minutes=59)) is user
    assert user_for_token(session, plain, now=now + dt.timedelta(hours=1)) is None
    assert user_for_token(session, "made-up-token", now=now) is None
    revoke_token(session, plain, now=now)
    assert user_for_token(session, plain, now=now) is None


def test_staff_users_of_every_role(session):
    admin = create_staff_user(session, email="admin@example.test", password=GOOD, role=Role.ADMIN)
    staff = create_staff_user(session, email="cm@example.test", password=GOOD, role=Role.COMPANY,
                              province_code="50")
    national = create_staff_user(session, email="nat@example.test", password=GOOD, role=Role.COMPANY)
    producer = create_staff_user(session, email="p@example.test", password=GOOD, role=Role.PRODUCER)
    assert admin.roles == {Role.ADMIN}
    assert staff.company is company_of(session, "50")
    assert national.company is national_company(session)
    assert producer.roles == {Role.PRODUCER} and producer.company is None
    with pytest.raises(ValidationError):
        create_staff_user(session, email="x@example.test", password=GOOD, role=Role.COMPANY, province_code="99")
    with pytest.raises(ValidationError):
        create_staff_user(session, email="y@example.test", password=GOOD, role=Role.ADMIN, province_code="50")
