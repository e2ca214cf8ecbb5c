"""What every page needs around the services: who is acting, and may they be here.
The JSON API has its own (``api/auth.py``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from .models import Role, User

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
