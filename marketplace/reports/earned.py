"""Earned lines: the one definition every income figure is built on (the income report,
the dashboard, the impact page).

A line is earned once its fulfilment is delivered (goods) or completed (tour); it is
dated by the fulfilment's ``done_at``, as a calendar day or month in Thailand. Its
commission is ``money.commission_satang`` at the fulfilment's own rate (the
``commission_bps`` snapshot taken when the order was placed), computed in SQL per line so
that every group's commission is the sum of its lines' and ``commission + producer_net =
items`` always. Cancelled fulfilments are never earned; that is also how refunds leave the
figures, as a refund today is always the cancellation of a whole fulfilment (there is no
partial refund of a line to deduct).

The few expressions that differ between SQLite and PostgreSQL (a Bangkok month, the time
between two moments) are written here once, with ``@compiles``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Unpack

from sqlalchemy import (
    BigInteger, ColumnElement, Date, Float, Select, String, and_, case, cast, exists, func, insert, null, select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from ..catalog.models import Category, Listing, ListingKind
from ..clock import BANGKOK, start_of_day
from ..companies.models import Province, ProvincialCompany
from ..enterprises.models import CommunityEnterprise
from ..fulfilment.models import Fulfilment
from ..fulfilment.states import EARNED_STATUSES
from ..geo import REGION_NAMES_EN, REGION_NAMES_TH, Region
from ..orders.models import OrderLine
from .models import EarnedSale

_BANGKOK_OFFSET_HOURS = int((dt.datetime(2000, 1, 1, tzinfo=BANGKOK).utcoffset() or dt.timedelta()).total_seconds()
                            // 3600)  # +7: Thailand keeps no daylight saving time


SQLColumn = ColumnElement[Any] | QueryableAttribute[Any]


def earned_condition() -> ColumnElement[bool]:
    """The lines that count as income: their fulfilment is delivered or completed."""
    return Fulfilment.status.in_(EARNED_STATUSES) & Fulfilment.done_at.is_not(None)


def within_days(moment: QueryableAttribute[Any], first: dt.date | None,
                last: dt.date | None) -> list[ColumnElement[bool]]:
    """``moment`` (a UTC moment column) on the inclusive Thai calendar days
    ``first``–``last`` (either bound may be open)."""
    conditions = []
    if first is not None:
        conditions.append(moment >= start_of_day(first))
    if last is not None:
        conditions.append(moment < start_of_day(last + dt.timedelta(days=1)))
    return conditions


def done_within(first: dt.date | None, last: dt.date | None) -> list[ColumnElement[bool]]:
    """Fulfilments done (delivered, completed) on the inclusive Thai days ``first``–``last``."""
    return within_days(Fulfilment.done_at, first, last)


def line_commission() -> ColumnElement[int]:
    """``commission_satang(line_total, bps)`` in SQL: half up to the satang, integer
    arithmetic (64-bit, so large lines cannot overflow PostgreSQL's integer)."""
    return (cast(OrderLine.line_total_satang, BigInteger) * Fulfilment.commission_bps + 5_000) // 10_000


def earned_lines(*columns: ColumnElement[Any], where: Iterable[ColumnElement[bool]] = ()
                 ) -> Select[Unpack[tuple[Any, ...]]]:
    """``columns`` and the earned figures of the lines they group: ``orders`` (distinct
    orders), ``items`` (satang) and ``commission`` (satang), from the order lines joined to
    their fulfilments, earned only and under the ``where`` conditions. Join further tables
    and add ``group_by`` for grouped figures; without a ``group_by`` the answer is one row
    of totals."""
    return (
        select(
            *columns,
            func.count(func.distinct(OrderLine.order_id)).label("orders"),
            func.coalesce(func.sum(OrderLine.line_total_satang), 0).label("items"),
            func.coalesce(func.sum(line_commission()), 0).label("commission"),
        )
        .select_from(OrderLine)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .where(earned_condition(), *where)
    )


def enterprises_with_sales() -> ColumnElement[int]:
    """How many distinct enterprises the earned lines of a group come from (the live
    definition the ``EarnedSale`` rollup's counts are tested against)."""
    return func.count(func.distinct(OrderLine.enterprise_id))


Dimension = Literal["province", "region", "enterprise", "listing", "category", "kind", "company", "month"]
"""What earned lines can be grouped by: what was sold (the producing enterprise's
province or region, the enterprise, the listing, its category, its kind: ``product`` or
``tour``), the company that fulfilled it, or the Bangkok month it was earned in."""

KIND_NAMES = {
    ListingKind.PRODUCT: ("สินค้า", "Products"),
    ListingKind.TOUR: ("ทัวร์ชุมชน", "Community tours"),
}


def names_of(dimension: Dimension, key: Any) -> tuple[str | None, str | None]:
    """The Thai and English names of a kind or a region, which the database does not hold;
    ``(None, None)`` for other dimensions (their names come with ``earned_by``'s rows)."""
    if dimension == "kind":
        return KIND_NAMES[ListingKind(key)]
    if dimension == "region":
        return REGION_NAMES_TH[Region(key)], REGION_NAMES_EN[Region(key)]
    return None, None


class bangkok_month(FunctionElement[str]):
    """``"YYYY-MM"``: the calendar month in Thailand of a UTC moment column (a fulfilment
    done at 23:30 in Bangkok on 31 January, 16:30 UTC, is January's; one done at 00:30 on
    1 February, 17:30 UTC on 31 January, is February's)."""

    type = String()
    name = "bangkok_month"
    inherit_cache = True


@compiles(bangkok_month)
def _bangkok_month_postgresql(element: bangkok_month, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return f"to_char({compiler.process(moment, **kw)} AT TIME ZONE '{BANGKOK.key}', 'YYYY-MM')"


@compiles(bangkok_month, "sqlite")
def _bangkok_month_sqlite(element: bangkok_month, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses  # stored as UTC text, 'YYYY-MM-DD HH:MM:SS.ffffff'
    return f"strftime('%Y-%m', {compiler.process(moment, **kw)}, '+{_BANGKOK_OFFSET_HOURS} hours')"


class bangkok_day(FunctionElement[dt.date]):
    """The calendar day in Thailand of a UTC moment column (see ``bangkok_month``)."""

    type = Date()
    name = "bangkok_day"
    inherit_cache = True


@compiles(bangkok_day)
def _bangkok_day_postgresql(element: bangkok_day, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return f"CAST(({compiler.process(moment, **kw)} AT TIME ZONE '{BANGKOK.key}') AS DATE)"


@compiles(bangkok_day, "sqlite")
def _bangkok_day_sqlite(element: bangkok_day, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return f"date({compiler.process(moment, **kw)}, '+{_BANGKOK_OFFSET_HOURS} hours')"


class seconds_between(FunctionElement[float]):
    """``later - earlier`` in seconds (a float; null when either is null), from two UTC
    moment columns."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_between_postgresql(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({later} - {earlier})) AS DOUBLE PRECISION)"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    # julianday's doubles are exact to some microseconds: rounded to the millisecond, whole
    # seconds (5 days is 432000) compare exactly
    return f"ROUND((julianday({later}) - julianday({earlier})) * 86400.0, 3)"


_Joins = tuple[tuple[type[Any], ColumnElement[bool]], ...]


@dataclass(frozen=True)
class _Grouping:
    key: SQLColumn
    names: tuple[SQLColumn, SQLColumn] | None = None  # Thai and English, where the database holds them
    joins: _Joins = ()
    outer_joins: _Joins = ()


_BY_ENTERPRISE: _Joins = ((CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id),)
_BY_PROVINCE: _Joins = (*_BY_ENTERPRISE, (Province, Province.code == CommunityEnterprise.province_code))
_BY_LISTING: _Joins = ((Listing, Listing.id == OrderLine.listing_id),)
_GROUPINGS: dict[str, _Grouping] = {
    "province": _Grouping(CommunityEnterprise.province_code, (Province.name_th, Province.name_en), _BY_PROVINCE),
    "region": _Grouping(Province.region, joins=_BY_PROVINCE),
    "enterprise": _Grouping(OrderLine.enterprise_id, (CommunityEnterprise.name_th, CommunityEnterprise.name_en),
                            _BY_ENTERPRISE),
    "listing": _Grouping(OrderLine.listing_id, (Listing.title_th, Listing.title_en), _BY_LISTING),
    "category": _Grouping(OrderLine.category_slug, (Category.name_th, Category.name_en),
                          outer_joins=((Category, Category.slug == OrderLine.category_slug),)),
    "kind": _Grouping(Listing.kind, joins=_BY_LISTING),
    "company": _Grouping(Fulfilment.company_id, (ProvincialCompany.name_th, ProvincialCompany.name_en),
                         ((ProvincialCompany, ProvincialCompany.id == Fulfilment.company_id),)),
    "month": _Grouping(bangkok_month(Fulfilment.done_at)),
}


def earned_by(dimension: Dimension, where: Iterable[ColumnElement[bool]] = ()) -> Select[Unpack[tuple[Any, ...]]]:
    """``earned_lines`` grouped by ``dimension``, with the columns ``key`` (province code,
    region, enterprise id, listing id, category slug, kind, company id or ``"YYYY-MM"``),
    ``name_th`` and ``name_en`` (null for kinds, regions and months, whose names are not in
    the database: ``names_of``), then ``orders``, ``items`` and ``commission``. Unordered:
    order by the labels (``desc("items")``, ``"key"``)."""
    grouping = _GROUPINGS[dimension]
    name_th, name_en = grouping.names or (null(), null())
    statement = earned_lines(grouping.key.label("key"), name_th.label("name_th"), name_en.label("name_en"),
                             where=where)
    for table, on in grouping.joins:
        statement = statement.join(table, on)
    for table, on in grouping.outer_joins:
        statement = statement.outerjoin(table, on)
    return statement.group_by(grouping.key, *(grouping.names or ()))


# -- the rollup the dashboards read --------------------------------------------------------------------

_SALE_COLUMNS = ("line_id", "order_id", "fulfilment_id", "company_id", "day", "month", "enterprise_id",
                 "province_code", "region", "listing_id", "kind", "category_slug", "quantity", "items_satang",
                 "commission_satang", "shared_order", "counts_order", "counts_order_in_province",
                 "counts_order_in_region", "counts_order_in_category")


def _counts_order(shared: ColumnElement[bool], *within: SQLColumn) -> ColumnElement[int]:
    """1 on the first line of its fulfilment (with the same ``within`` values) of an order
    that is not ``shared``, else 0: see ``EarnedSale``."""
    first = func.row_number().over(partition_by=(OrderLine.fulfilment_id, *within), order_by=OrderLine.id) == 1
    return case((and_(~shared, first), 1), else_=0)


def record_earned_sales(session: Session, fulfilment_ids: Iterable[int] | None = None) -> None:
    """Write the ``EarnedSale`` rows of the earned lines of ``fulfilment_ids`` (None: of
    every earned line) that have none yet, in one INSERT … SELECT: call it in the
    transaction that delivers or completes a fulfilment. Flushes first, so the move just
    made is seen; a line already recorded is left as it is, so calling twice changes
    nothing."""
    session.flush()
    sibling = aliased(Fulfilment)
    shared = exists().where(sibling.order_id == OrderLine.order_id, sibling.id != OrderLine.fulfilment_id)
    rows = (
        select(OrderLine.id, OrderLine.order_id, OrderLine.fulfilment_id, Fulfilment.company_id,
               bangkok_day(Fulfilment.done_at), bangkok_month(Fulfilment.done_at), OrderLine.enterprise_id,
               CommunityEnterprise.province_code, Province.region, OrderLine.listing_id, Listing.kind,
               OrderLine.category_slug, OrderLine.quantity, OrderLine.line_total_satang, line_commission(),
               shared, _counts_order(shared), _counts_order(shared, CommunityEnterprise.province_code),
               _counts_order(shared, Province.region), _counts_order(shared, OrderLine.category_slug))
        .select_from(OrderLine)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .join(CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id)
        .join(Province, Province.code == CommunityEnterprise.province_code)
        .join(Listing, Listing.id == OrderLine.listing_id)
        .where(earned_condition(), ~exists().where(EarnedSale.line_id == OrderLine.id))
    )
    if fulfilment_ids is not None:
        rows = rows.where(OrderLine.fulfilment_id.in_(list(fulfilment_ids)))
    session.execute(insert(EarnedSale).from_select(_SALE_COLUMNS, rows))
