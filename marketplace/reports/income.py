"""The companies' income report (``GET /api/v1/reports/income`` and ``/company/income``).

Only earned lines count: those of delivered or completed fulfilments, dated by the
fulfilment's ``done_at`` as a calendar day in Bangkok; ``from`` and ``to`` are inclusive
days. Company staff see their own company's fulfilments, an admin every company's.

Each row groups the earned lines by one dimension of what was sold — the province of the
producing enterprise, the enterprise, the category, the listing kind (``product`` or
``tour``, the values the catalog and the categories use) — or by the company that
fulfilled them. ``orders`` counts distinct orders; ``commission_satang`` is the sum of the
per-line commissions (``money.commission_satang`` at each fulfilment's rate, computed in
SQL), so a row's figures equal the sum of its lines' and ``commission + producer_net =
items`` always. One query with GROUP BY answers the rows, whatever the number of lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Unpack

from pydantic import ConfigDict, Field, field_validator
from sqlalchemy import BigInteger, ColumnElement, Select, cast, func, literal, select
from sqlalchemy.orm import QueryableAttribute, Session

from ..accounts.models import User
from ..catalog.models import Category, Listing, ListingKind
from ..clock import BANGKOK
from ..companies.models import Province, ProvincialCompany
from ..companies.scope import company_condition
from ..enterprises.models import CommunityEnterprise
from ..fulfilment.models import Fulfilment
from ..fulfilment.states import EARNED_STATUSES
from ..orders.models import OrderLine
from ..validation import Day, Query, not_below, parse_query

GROUPS = ("province", "enterprise", "category", "kind", "company")
KIND_NAMES = {
    ListingKind.PRODUCT: ("สินค้า", "Products"),
    ListingKind.TOUR: ("ทัวร์ชุมชน", "Community tours"),
}


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


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK).astimezone(dt.UTC)


def _line_commission() -> ColumnElement[int]:
    """``commission_satang(line_total, bps)`` in SQL: half up to the satang, integer
    arithmetic (64-bit, so large lines cannot overflow PostgreSQL's integer)."""
    return (cast(OrderLine.line_total_satang, BigInteger) * Fulfilment.commission_bps + 5_000) // 10_000


def income_scope(user: User) -> list[ColumnElement[bool]]:
    """The conditions on fulfilments that ``user`` may report on: their company's, or for an
    admin none. Raises ``Forbidden`` for anyone but company staff and admins."""
    return company_condition(Fulfilment.company_id, user)


def _earned_lines(user: User, query: IncomeQuery, *columns: ColumnElement[Any]) -> Select[Unpack[tuple[Any, ...]]]:
    """``columns`` over the earned lines ``user`` may see, within the query's days."""
    conditions = [*income_scope(user), Fulfilment.status.in_(EARNED_STATUSES), Fulfilment.done_at.is_not(None)]
    if query.date_from is not None:
        conditions.append(Fulfilment.done_at >= _day_start(query.date_from))
    if query.date_to is not None:
        conditions.append(Fulfilment.done_at < _day_start(query.date_to + dt.timedelta(days=1)))
    return (
        select(
            *columns,
            func.count(func.distinct(OrderLine.order_id)).label("orders"),
            func.coalesce(func.sum(OrderLine.line_total_satang), 0).label("items"),
            func.coalesce(func.sum(_line_commission()), 0).label("commission"),
        )
        .select_from(OrderLine)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .where(*conditions)
    )


def _grouped(user: User, query: IncomeQuery) -> Select[Unpack[tuple[Any, ...]]]:
    group = query.group_by
    key: QueryableAttribute[Any]
    name_th: QueryableAttribute[str | None] | ColumnElement[None]
    name_en: QueryableAttribute[str | None] | ColumnElement[None]
    if group == "province":
        key, name_th, name_en = CommunityEnterprise.province_code, Province.name_th, Province.name_en
        statement = _earned_lines(user, query, key.label("key"), name_th.label("name_th"), name_en.label("name_en"))
        statement = (statement.join(CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id)
                     .join(Province, Province.code == CommunityEnterprise.province_code))
    elif group == "enterprise":
        key, name_th, name_en = OrderLine.enterprise_id, CommunityEnterprise.name_th, CommunityEnterprise.name_en
        statement = _earned_lines(user, query, key.label("key"), name_th.label("name_th"), name_en.label("name_en"))
        statement = statement.join(CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id)
    elif group == "category":
        key, name_th, name_en = OrderLine.category_slug, Category.name_th, Category.name_en
        statement = _earned_lines(user, query, key.label("key"), name_th.label("name_th"), name_en.label("name_en"))
        statement = statement.outerjoin(Category, Category.slug == OrderLine.category_slug)
    elif group == "kind":
        key, name_th, name_en = Listing.kind, literal(None), literal(None)
        statement = _earned_lines(user, query, key.label("key"))
        statement = statement.join(Listing, Listing.id == OrderLine.listing_id)
    else:
        key, name_th, name_en = Fulfilment.company_id, ProvincialCompany.name_th, ProvincialCompany.name_en
        statement = _earned_lines(user, query, key.label("key"), name_th.label("name_th"), name_en.label("name_en"))
        statement = statement.join(ProvincialCompany, ProvincialCompany.id == Fulfilment.company_id)
    group_columns = [key] if group == "kind" else [key, name_th, name_en]
    return statement.group_by(*group_columns).order_by(func.sum(OrderLine.line_total_satang).desc(), key)


def income_report(session: Session, user: User, query: IncomeQuery) -> IncomeReport:
    """The earned income ``user`` may see (their company's; an admin's, all), one row per
    ``query.group_by`` value, largest first, and the total. Raises ``Forbidden`` for anyone
    but company staff and admins."""
    rows = []
    for row in session.execute(_grouped(user, query)):
        if query.group_by == "kind":
            key = ListingKind(row.key)
            name, name_en = KIND_NAMES[key]
            rows.append(IncomeRow(key.value, name, name_en, row.orders, int(row.items), int(row.commission)))
        else:
            rows.append(IncomeRow(row.key, row.name_th or str(row.key), row.name_en, row.orders, int(row.items),
                                  int(row.commission)))
    total = session.execute(_earned_lines(user, query)).one()
    return IncomeReport(query, rows, IncomeRow("", "", None, total.orders, int(total.items), int(total.commission)))
