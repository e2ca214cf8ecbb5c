"""Accounts: registration, bearer tokens, the caller's own account, and the admin's desk for people."""

from __future__ import annotations

import datetime as dt

from flask import current_app

from ..accounts import services
from ..accounts.models import Role
from ..admin import people_services as admin
from ..db import utcnow
from ..extensions import db, limiter
from . import bp
from .auth import authenticated_user, bearer_token, require_role, require_user
from .declare import operation
from .schemas.accounts import (
    Credentials, ManagedUser, ManagedUserPage, Registration, Token, User, UserChange, UserEnvelope, UserSearch,
)

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


# -- the national admin's desk for people ----------------------------------------------------------

@bp.get("/users")
@require_role(Role.ADMIN)
@operation(summary="Find accounts by email or name", auth=True, query=UserSearch,
           responses={200: ManagedUserPage}, errors=(403,),
           description="Admins only (403 for anyone else). `q` matches part of the email or the name, in any "
                       "case; without it every account. Newest first.")
def users(query: UserSearch):
    page = admin.find_users(db.session, authenticated_user(), query.q, cursor=query.cursor, limit=query.limit)
    return ManagedUserPage(items=[ManagedUser.of(user) for user in page.items], next_cursor=page.next_cursor)


@bp.patch("/users/<int:id>")
@require_role(Role.ADMIN)
@operation(summary="Change an account's roles, company or lock", auth=True, body=UserChange,
           responses={200: ManagedUser}, errors=(403, 404, 409),
           description="Admins only (403 for anyone else; 404 unknown account). Any of `roles` (replacing them), "
                       "`company_id` and `locked`. 422 names `roles` (a role that does not exist, or none) or "
                       "`company_id` (missing with the `company` role, given without it, or unknown). 409 "
                       "`self_change`: an admin cannot remove their own admin role or lock themselves. A locked "
                       "account's tokens answer 401 at once; unlocking makes them work again.")
def change_user(id: int, body: UserChange):  # named as in the contract: /users/{id}
    actor = authenticated_user()
    user = admin.user_for_admin(db.session, actor, id)
    company_id = body.company_id if "company_id" in body.model_fields_set else admin.KEEP
    admin.change_user(db.session, actor, user, now=utcnow(), roles=body.roles, company_id=company_id,
                      locked=body.locked)
    db.session.commit()
    return ManagedUser.of(user)
