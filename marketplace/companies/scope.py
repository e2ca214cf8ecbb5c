"""Whose work a member of staff sees: the one rule that an admin sees every company's
fulfilments, statements and reports (or the one they pick), and company staff their
own company's only."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from ..accounts.models import Role, User
from ..errors import Forbidden


def company_in_view(user: User, requested: int | None = None) -> int | None:
    """The company whose work ``user`` looks at: company staff always their own (whatever
    they ask for); an admin the ``requested`` one, or ``None`` for every company. Raises
    ``Forbidden`` for anybody else (consumers, producers, staff of no company)."""
    if user.has_role(Role.ADMIN):
        return requested
    if user.has_role(Role.COMPANY) and user.company_id is not None:
        return user.company_id
    raise Forbidden("Only provincial company staff and admins can do this")


def company_condition(column: InstrumentedAttribute[int] | InstrumentedAttribute[int | None], user: User,
                      requested: int | None = None) -> list[ColumnElement[bool]]:
    """The conditions that keep a query on ``column`` (a ``company_id``) to what
    ``company_in_view`` allows: none for an admin looking at every company."""
    company_id = company_in_view(user, requested)
    return [] if company_id is None else [column == company_id]
