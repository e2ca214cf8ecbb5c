"""Whose work a member of staff sees: the one rule that an admin sees every company's
fulfilments, statements and reports (or the one they pick), and company staff their
own company's only."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from ..accounts.models import Role, User
from ..errors import Forbidden, NotFound


def company_in_view(user: User, requested: int | None = None) -> int | None:
    """The company whose work ``user`` looks at: company staff always their own (whatever
    they ask for); an admin the ``requested`` one, or ``None`` for every company. Raises
    ``Forbidden`` for anybody else (consumers, producers, staff of no company)."""
    if user.has_role(Role.ADMIN):
        return requested
    if user.has_role(Role.COMPANY) and user.company_id is not None:
        return user.company_id
    raise Forbidden("Only provincial company staff and admins can do this")


def company_asked_for(user: User, requested: int | None) -> int | None:
    """``company_in_view`` for a caller who names the company (``company_id=``): company
    staff naming any company but their own are answered ``NotFound``, as though it did not
    exist, rather than shown their own figures under another company's name. An admin's
    choice is returned as it is (the caller checks that it exists). Raises ``Forbidden``
    like ``company_in_view``."""
    company_id = company_in_view(user, requested)
    if requested is not None and company_id != requested:
        raise NotFound(f"No company with id {requested}")
    return company_id


def company_condition(column: InstrumentedAttribute[int] | InstrumentedAttribute[int | None], user: User,
                      requested: int | None = None) -> list[ColumnElement[bool]]:
    """The conditions that keep a query on ``column`` (a ``company_id``) to what
    ``company_in_view`` allows: none for an admin looking at every company."""
    company_id = company_in_view(user, requested)
    return [] if company_id is None else [column == company_id]
