"""The companies' income report (``GET /api/v1/reports/income`` and ``/company/income``).

Only earned lines count (``reports.earned``): those of delivered or completed fulfilments,
dated by the fulfilment's ``done_at`` as a calendar day in Bangkok; ``from`` and ``to`` are
inclusive days. Company staff see their own company's fulfilments, an admin every company's.

Each row groups the earned lines by one dimension of what was sold — the province of the
producing enterprise, the enterprise, the category, the listing kind (``product`` or
``tour``, the values the catalog and the categories use) — or by the company that
fulfilled them. ``orders`` counts distinct orders; ``commission_satang`` is the sum of the
per-line commissions (``money.commission_satang`` at each fulfilment's rate, computed in
SQL), so a row's figures equal the sum of its lines' and ``commission + producer_net =
items`` always. One query with GROUP BY answers the rows, whatever the number of lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import ConfigDict, Field, field_validator
from sqlalchemy import ColumnElement, desc
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..catalog.models import ListingKind
from ..companies.scope import company_condition
from ..fulfilment.models import Fulfilment
from ..validation import Day, Query, not_below, parse_query
from .earned import done_within, earned_by, earned_lines, names_of

GROUPS = ("province", "enterprise", "category", "kind", "company")


class IncomeQuery(Query):
    """The report's parameters, with every rule on them: the income page and
    ``GET /api/v1/reports/income`` read their arguments with this model."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    group_by: Literal[GROUPS] = Field(description="What each row groups")  # type: ignore[valid-type]
    date_from: Day | None = Field(default=None, alias="from",
                                  description="First day (inclusive, Thailand) of the day lines were delivered "
                                              "or completed")
    date_to: Day | None = Field(default=None, alias="to",
                                description="Last day (inclusive, Thailand); not before `from`")

    _to_after_from = field_validator("date_to")(not_below("date_from", "on or after from"))


def parse_income_query(args: Mapping[str, str]) -> IncomeQuery:
    """The report's query from request arguments: ``group_by`` (required, one of
    ``GROUPS``), ``from`` and ``to`` (optional inclusive days, ``YYYY-MM-DD``). Raises
    ``ValidationError`` naming every bad argument."""
    return parse_query(IncomeQuery, args, "Some report parameters are not valid")


@dataclass(frozen=True)
class IncomeRow:
    key: str | int
    name: str  # Thai
    name_en: str | None
    orders: int
    items_satang: int
    commission_satang: int

    @property
    def producer_net_satang(self) -> int:
        return self.items_satang - self.commission_satang

    @property
    def name_th(self) -> str:  # for ``localized(row, "name")``
        return self.name


@dataclass(frozen=True)
class IncomeReport:
    query: IncomeQuery
    rows: list[IncomeRow]
    total: IncomeRow  # every row together (its ``orders`` counts each order once)


def income_scope(user: User) -> list[ColumnElement[bool]]:
    """The conditions on fulfilments that ``user`` may report on: their company's, or for an
    admin none. Raises ``Forbidden`` for anyone but company staff and admins."""
    return company_condition(Fulfilment.company_id, user)


def income_report(session: Session, user: User, query: IncomeQuery) -> IncomeReport:
    """The earned income ``user`` may see (their company's; an admin's, all), one row per
    ``query.group_by`` value, largest first, and the total. Raises ``Forbidden`` for anyone
    but company staff and admins."""
    conditions = [*income_scope(user), *done_within(query.date_from, query.date_to)]
    rows = []
    for row in session.execute(earned_by(query.group_by, conditions).order_by(desc("items"), "key")):
        name_th, name_en = names_of(query.group_by, row.key)
        key = ListingKind(row.key).value if query.group_by == "kind" else row.key
        rows.append(IncomeRow(key, name_th or row.name_th or str(row.key), name_en or row.name_en, row.orders,
                              int(row.items), int(row.commission)))
    total = session.execute(earned_lines(where=conditions)).one()
    return IncomeReport(query, rows, IncomeRow("", "", None, total.orders, int(total.items), int(total.commission)))
