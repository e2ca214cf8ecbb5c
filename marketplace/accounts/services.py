"""Accounts: registration, sign-in, API tokens and staff accounts.

Services take the session and plain arguments, flush, and never commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..errors import Conflict, InvalidCredentials, ValidationError
from .models import ApiToken, Role, User
from .passwords import hash_password, needs_rehash, verify_password

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$")
THAI_PHONE_RE = re.compile(r"^0\d{8,9}$")
MIN_PASSWORD_LENGTH = 10
COMMON_PASSWORDS = frozenset({
    "password123", "1234567890", "qwertyuiop", "password1234", "0123456789", "iloveyou12",
    "abcdefghij", "qwerty1234", "1q2w3e4r5t", "passw0rd12",
})
# Verified against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def normalize_phone(phone: str | None) -> str | None:
    """``+66 81-234-5678`` → ``0812345678``; ``None`` or blank stays ``None``."""
    if phone is None or not phone.strip():
        return None
    digits = re.sub(r"[\s\-().]", "", phone)
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    return digits


def password_problem(password: str, email: str = "") -> str | None:
    """Why ``password`` is too weak, or ``None`` when it will do."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 4:
        return "is too easy to guess"
    if email and password.lower() == normalize_email(email):
        return "must not be your email address"
    if password.isalpha() or password.isdigit():
        return "must mix letters with digits or symbols"
    return None


def _check_account_fields(email: str, password: str, name: str, phone: str | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not isinstance(email, str) or len(email) > 254 or not EMAIL_RE.match(email.strip()):
        problems["email"] = "not a valid email address"
    weak = password_problem(password, email if isinstance(email, str) else "")
    if weak:
        problems["password"] = weak
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 120:
        problems["name"] = "required, at most 120 characters"
    if phone is not None and (not isinstance(phone, str) or (
            phone.strip() and not THAI_PHONE_RE.match(normalize_phone(phone) or ""))):
        problems["phone"] = "a Thai phone number such as 0812345678"
    return problems


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def register_user(session: Session, *, email: str, password: str, name: str, phone: str | None = None,
                  role: Role = Role.CONSUMER) -> User:
    """Create an account with one role (consumer by default).

    Raises ``ValidationError`` (bad email, weak password, missing name, bad phone) and
    ``Conflict`` ``email_taken`` when the email is in use, whatever its case.
    """
    problems = _check_account_fields(email, password, name, phone)
    if problems:
        raise ValidationError("Please correct the highlighted fields", fields=problems)
    if user_by_email(session, email) is not None:
        raise Conflict("An account with this email already exists", code="email_taken",
                       fields={"email": "already registered"})
    user = User(email=normalize_email(email), password_hash=hash_password(password), name=name.strip(),
                phone=normalize_phone(phone))
    user.add_role(role)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str | None, password: str | None) -> User:
    """The user with this email and password; ``InvalidCredentials`` otherwise, with
    the same answer (and about the same time) for an unknown email and a wrong password."""
    user = user_by_email(session, email) if isinstance(email, str) else None
    if user is None or not isinstance(password, str):
        verify_password(_DUMMY_HASH, password if isinstance(password, str) else "")
        raise InvalidCredentials("Email or password is incorrect")
    if not verify_password(user.password_hash, password) or not user.active:
        raise InvalidCredentials("Email or password is incorrect")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _token_digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def issue_token(session: Session, user: User, *, ttl: dt.timedelta, now: dt.datetime | None = None
                ) -> tuple[str, ApiToken]:
    """A new random bearer token; only its hash is stored. Returns ``(plain, row)``."""
    now = now or utcnow()
    plain = secrets.token_urlsafe(32)
    token = ApiToken(user=user, token_hash=_token_digest(plain), created_at=now, expires_at=now + ttl)
    session.add(token)
    session.flush()
    return plain, token


def user_for_token(session: Session, plain: str, *, now: dt.datetime | None = None) -> User | None:
    """The active user a live (unexpired, unrevoked) token belongs to, else ``None``."""
    if not plain:
        return None
    now = now or utcnow()
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(plain)))
    if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.active:
        return None
    return token.user


def revoke_token(session: Session, plain: str, *, now: dt.datetime | None = None) -> None:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(plain)))
    if token is not None and token.revoked_at is None:
        token.revoked_at = now or utcnow()
        session.flush()
