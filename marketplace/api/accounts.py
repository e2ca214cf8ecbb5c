"""Accounts: registration, bearer tokens, and the caller's own account."""

from __future__ import annotations

import datetime as dt

from flask import current_app

from ..accounts import services
from ..extensions import db, limiter
from . import bp
from .auth import authenticated_user, bearer_token, require_user
from .declare import operation
from .schemas.accounts import Credentials, Registration, Token, User, UserEnvelope

DEFAULT_AUTH_LIMIT = "10/minute"
RATE_LIMITED_MESSAGE = "Too many attempts. Please wait a minute and try again."


def auth_rate_limit() -> str:
    """``RATELIMIT_AUTH`` (e.g. ``"10/minute"``): attempts per client address on the
    sign-up and sign-in routes."""
    return current_app.config.get("RATELIMIT_AUTH") or DEFAULT_AUTH_LIMIT


@bp.post("/auth/register")
@limiter.limit(auth_rate_limit, error_message=RATE_LIMITED_MESSAGE)
@operation(summary="Create a consumer account", body=Registration, responses={201: UserEnvelope},
           errors=(409, 429),
           description="422 names each bad field (weak password, bad email, missing name, bad phone); "
                       "409 `email_taken` when the email is in use, whatever its case.")
def register(body: Registration):
    user = services.register_user(db.session, email=body.email, password=body.password, name=body.name,
                                  phone=body.phone)
    db.session.commit()
    return UserEnvelope(user=User.of(user)), 201


@bp.post("/auth/token")
@limiter.limit(auth_rate_limit, error_message=RATE_LIMITED_MESSAGE)
@operation(summary="Exchange email and password for a bearer token", body=Credentials, responses={200: Token},
           errors=(401, 429),
           description="401 `invalid_credentials`, the same for an unknown email and a wrong password.")
def issue_token(body: Credentials):
    user = services.authenticate(db.session, body.email, body.password)
    ttl = dt.timedelta(hours=current_app.config["API_TOKEN_TTL_HOURS"])
    plain, token = services.issue_token(db.session, user, ttl=ttl)
    db.session.commit()
    return Token(token=plain, expires_at=token.expires_at, user=User.of(user))


@bp.delete("/auth/token")
@require_user
@operation(summary="Revoke the token of this request", auth=True, responses={204: None})
def revoke_token():
    token = bearer_token()
    if token is not None:  # require_user refused a request without one
        services.revoke_token(db.session, token)
    db.session.commit()
    return None, 204


@bp.get("/me")
@require_user
@operation(summary="The caller's account", auth=True, responses={200: UserEnvelope})
def me():
    return UserEnvelope(user=User.of(authenticated_user()))
