"""What every page needs around the services: who is acting, may they be here, and
where a ``next`` link may send them. The JSON API has its own (``api/auth.py``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user, login_required

from .accounts.models import Role, User

F = TypeVar("F", bound=Callable[..., Any])


def current_actor() -> User:
    """The signed-in user itself (not Flask-Login's proxy), as the services take it."""
    user: User = current_user._get_current_object()
    return user


def current_viewer() -> User | None:
    """The signed-in user, or ``None`` for a visitor."""
    return current_actor() if current_user.is_authenticated else None


def role_required(*roles: Role) -> Callable[[F], F]:
    """Sign-in first (to the sign-in page and back), then the site's 403 page for an
    account holding none of ``roles``."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_actor().roles & set(roles):
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapper)  # type: ignore[return-value]

    return decorator


STAFF = (Role.COMPANY, Role.ADMIN)


def local_url(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site (``/orders?page=2``), else ``fallback``.

    Refuses absolute and protocol-relative URLs (``https://evil``, ``//evil``, ``/\\evil``)
    so that a ``next`` parameter can never send someone to another site.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
