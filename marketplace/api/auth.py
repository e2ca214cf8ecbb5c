"""Bearer-token authentication for the API.

The caller is whoever the ``Authorization: Bearer <token>`` header names; the session
cookie of the web pages is ignored entirely, so a browser's cookie can never act on
the API (and CSRF has nothing to forge). A token that is sent but is unknown,
expired or revoked is a 401 even on routes that anyone may call, so that a client
learns its token is dead instead of silently seeing the public view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from flask import g, request
from flask.typing import ResponseReturnValue

from ..accounts.models import Role, User
from ..accounts.services import user_for_token
from ..errors import Forbidden, NotAuthenticated
from ..extensions import db
from . import bp

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])


def bearer_token() -> str | None:
    """The token of the ``Authorization: Bearer`` header, ``None`` when there is none.
    ``NotAuthenticated`` for an ``Authorization`` header of any other form."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise NotAuthenticated("Send the token as 'Authorization: Bearer <token>'", code="invalid_token")
    return token


def current_api_user() -> User | None:
    """The user the request's bearer token belongs to, or ``None`` for an anonymous
    caller. Raises ``NotAuthenticated`` (``invalid_token``) for a token sent that
    does not (or no longer) work. Looked up once per request."""
    if "api_user" not in g:
        token = bearer_token()
        user = None
        if token is not None:
            user = user_for_token(db.session, token)
            if user is None:
                raise NotAuthenticated("The token is invalid, expired or revoked", code="invalid_token")
        g.api_user = user
    looked_up: User | None = g.api_user
    return looked_up


def authenticated_user() -> User:
    """The calling user; ``NotAuthenticated`` when the request carries no token."""
    user = current_api_user()
    if user is None:
        raise NotAuthenticated("Authentication required: send 'Authorization: Bearer <token>'")
    return user


def require_user(view: F) -> F:
    """Refuse anonymous callers (401) before the view runs."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        authenticated_user()
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def require_role(*roles: Role) -> Callable[[F], F]:
    """Refuse anonymous callers (401) and callers holding none of ``roles`` (403)."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = authenticated_user()
            if not user.roles & set(roles):
                raise Forbidden("Your account is not allowed to do this")
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


@bp.after_request
def _challenge(response):
    """RFC 6750: a 401 names the scheme the client should use."""
    if response.status_code == 401:
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="api"')
    return response
