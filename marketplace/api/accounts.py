"""Accounts: registration, bearer tokens, and the caller's own account."""

from __future__ import annotations

import datetime as dt

from flask import current_app

from ..accounts import services
from ..extensions import db, limiter
from . import bp
from .auth import authenticated_user, bearer_token, require_user
from .body import json_body
from .openapi import envelope, ref, spec
from .serializers import iso, user_json

DEFAULT_AUTH_LIMIT = "10/minute"
RATE_LIMITED_MESSAGE = "Too many attempts. Please wait a minute and try again."


def auth_rate_limit() -> str:
    """``RATELIMIT_AUTH`` (e.g. ``"10/minute"``): attempts per client address on the
    sign-up and sign-in routes."""
    return current_app.config.get("RATELIMIT_AUTH") or DEFAULT_AUTH_LIMIT


@bp.post("/auth/register")
@spec(summary="Create a consumer account", body=ref("Registration"),
      responses={201: envelope("user", "User")}, errors=(409, 429),
      description="422 names each bad field (weak password, bad email, missing name, bad phone); "
                  "409 `email_taken` when the email is in use, whatever its case.")
@limiter.limit(auth_rate_limit, error_message=RATE_LIMITED_MESSAGE)
def register():
    body = json_body()
    user = services.register_user(
        db.session, email=body.get("email"), password=body.get("password"), name=body.get("name"),
        phone=body.get("phone"),
    )
    db.session.commit()
    return {"user": user_json(user)}, 201


@bp.post("/auth/token")
@spec(summary="Exchange email and password for a bearer token", body=ref("Credentials"),
      responses={200: ref("Token")}, errors=(401, 429),
      description="401 `invalid_credentials`, the same for an unknown email and a wrong password.")
@limiter.limit(auth_rate_limit, error_message=RATE_LIMITED_MESSAGE)
def issue_token():
    body = json_body()
    user = services.authenticate(db.session, body.get("email"), body.get("password"))
    ttl = dt.timedelta(hours=current_app.config["API_TOKEN_TTL_HOURS"])
    plain, token = services.issue_token(db.session, user, ttl=ttl)
    db.session.commit()
    return {"token": plain, "expires_at": iso(token.expires_at), "user": user_json(user)}


@bp.delete("/auth/token")
@spec(summary="Revoke the token of this request", auth=True, responses={204: None})
@require_user
def revoke_token():
    services.revoke_token(db.session, bearer_token())
    db.session.commit()
    return "", 204


@bp.get("/me")
@spec(summary="The caller's account", auth=True, responses={200: envelope("user", "User")})
@require_user
def me():
    return {"user": user_json(authenticated_user())}
