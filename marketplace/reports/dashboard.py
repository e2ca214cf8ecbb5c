"""The dashboard (``GET /api/v1/reports/dashboard`` and the dashboard pages): what a
company (an admin: the whole country, or one company) earned over a period, month by
month and by region, province, kind and category; its best-selling enterprises and
listings; the enterprises that stopped selling; and how fast companies ship.

Money figures follow the income report (``reports.earned``): earned lines only, dated by
the day their fulfilment was delivered or completed (Asia/Bangkok), commission per line at
each fulfilment's own rate, ``commission + producer_net = items`` in every row. Refunds
today are always the cancellation of a whole fulfilment, whose lines are never earned;
there is no partial refund of a line to deduct.

Every figure is a SQL aggregate: the dashboard costs about a dozen queries, whatever the
number of orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from .. import geo
from ..accounts.models import User
from ..catalog.models import ListingKind
from ..clock import today_in_thailand
from ..companies.models import ProvincialCompany
from ..companies.queries import company_by_id
from ..companies.scope import company_asked_for
from ..companies.services import serving_companies
from ..enterprises.models import CommunityEnterprise, EnterpriseStatus
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import SHIP_WITHIN, late_at
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus
from ..geo import Region
from ..validation import Day, Query, RowId, broken_rule, not_below, parse_query, validated
from .earned import Dimension, names_of, seconds_between, within_days
from .producer import Month
from .sales import Grouping, group_names, grouped_sales, last_sale_day, sold_within, top_enterprises, top_listings

DEFAULT_MONTHS = 12  # this month and the eleven before it
MAX_MONTHS = 60
TOP = 10
DORMANT_DAYS = 90
DORMANT_SHOWN = 50
INVALID = "Some dashboard parameters are not valid"


def _months_spanned(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def default_first_day(today: dt.date) -> dt.date:
    """The first day of the month eleven months before ``today``'s: with ``today`` as the
    last day, this month and the previous eleven."""
    months = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
    return dt.date(months // 12, months % 12 + 1, 1)


class DashboardQuery(Query):
    """The dashboard's parameters, with every rule on them: the dashboard pages and
    ``GET /api/v1/reports/dashboard`` read their arguments with this model."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    date_from: Day | None = Field(default=None, alias="from",
                                  description="First day (inclusive, Thailand) of the period; default: the first "
                                              "day of the month eleven months before this one")
    date_to: Day | None = Field(default=None, alias="to",
                                description=f"Last day (inclusive, Thailand); not before `from`, at most "
                                            f"{MAX_MONTHS} months from it; default: today")
    company_id: RowId | None = Field(default=None,
                                     description="Admins: one company (default: the whole country). Company "
                                                 "staff: their own only (another company's id is not found)")

    _to_after_from = field_validator("date_to")(not_below("date_from", "on or after from"))

    @field_validator("date_to")
    @classmethod
    def _at_most_max_months(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("date_from")
        if value is not None and start is not None and _months_spanned(start, value) > MAX_MONTHS:
            raise broken_rule(f"at most {MAX_MONTHS} months from the month of from")
        return value

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last days reported on: the query's, with the defaults filled in
        for those left out (the eleven months before this one, to ``today``). Raises
        ``ValidationError`` when the period that makes breaks the rules (``from`` alone
        years ago, or after today)."""
        first = self.date_from or default_first_day(today)
        last = self.date_to or today
        checked = validated(DashboardQuery, lambda model: model.model_validate({"from": first, "to": last}), INVALID)
        assert checked.date_from is not None and checked.date_to is not None  # both given just above
        return checked.date_from, checked.date_to


def parse_dashboard_query(args: Mapping[str, str]) -> DashboardQuery:
    """The dashboard's query from request arguments (``from``, ``to``, ``company_id``).
    Raises ``ValidationError`` naming every bad argument."""
    return parse_query(DashboardQuery, args, INVALID)


# -- what the dashboard holds ------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Figures:
    """Earned figures of a group of lines (or of all of them); ``commission + producer_net
    = items``."""

    orders: int = 0  # distinct orders
    items_satang: int = 0
    commission_satang: int = 0
    producer_net_satang: int = 0
    enterprises_with_sales: int | None = 0  # distinct producing enterprises (None: not counted for this group)

    @staticmethod
    def fields_of(row: Any) -> dict[str, Any]:
        """The figures of a row of ``sales.grouped_sales``."""
        items, commission = int(row.items), int(row.commission)
        return {"orders": int(row.orders), "items_satang": items, "commission_satang": commission,
                "producer_net_satang": items - commission, "enterprises_with_sales": row.enterprises}

    def figures(self) -> dict[str, Any]:
        """Just the figures (not a group's key or names), to make another row of them."""
        return {field.name: getattr(self, field.name) for field in fields(Figures)}


@dataclass(frozen=True, kw_only=True)
class MonthFigures(Figures):
    month: str  # "YYYY-MM", the Bangkok month lines were earned in


@dataclass(frozen=True, kw_only=True)
class GroupFigures(Figures):
    """The figures of one region (key ``north``…), province (its code), kind (``product``,
    ``tour``) or category (its slug)."""

    key: str
    name_th: str
    name_en: str | None


@dataclass(frozen=True, kw_only=True)
class ProvinceFigures(GroupFigures):
    """Keyed by the producing enterprise's province."""

    region: Region


@dataclass(frozen=True, kw_only=True)
class TopEnterprise:
    id: int
    name_th: str
    name_en: str | None
    province_code: str
    producer_net_satang: int
    items_satang: int
    orders: int


@dataclass(frozen=True, kw_only=True)
class TopListing:
    id: int
    title_th: str
    title_en: str | None
    enterprise_id: int
    enterprise_name_th: str
    enterprise_name_en: str | None
    quantity: int  # units (tour: people) earned
    producer_net_satang: int
    items_satang: int


@dataclass(frozen=True, kw_only=True)
class DormantEnterprise:
    id: int
    name_th: str
    name_en: str | None
    province_code: str
    last_sale: dt.date | None  # the Bangkok day of its last earned line ever; None: never sold


@dataclass(frozen=True, kw_only=True)
class DormantEnterprises:
    """Approved enterprises (of the provinces the company serves now) with no earned line
    since ``since`` (the 90 days up to today): never-sold first, then the longest silent;
    the first ``DORMANT_SHOWN`` of ``total``. The enterprise model holds no phone number:
    contacts are on the enterprise's page."""

    since: dt.date
    total: int
    enterprises: tuple[DormantEnterprise, ...]


@dataclass(frozen=True, kw_only=True)
class CompanyPerformance:
    """How a company handled the fulfilments that became new (paid) within the period:
    ``late`` were goods shipped more than 5 days after becoming new, or are still open and
    late now (``fulfilment.services.is_late``); ``cancelled`` were cancelled. Hours to ship
    are over its goods fulfilments shipped so far (``shipped`` of them), nearest-rank
    percentiles; ``None`` where there is nothing to measure."""

    id: int
    name_th: str
    name_en: str
    fulfilments: int
    late: int
    cancelled: int
    shipped: int
    median_hours_to_ship: float | None
    p90_hours_to_ship: float | None

    @property
    def late_share(self) -> float | None:
        return self.late / self.fulfilments if self.fulfilments else None

    @property
    def cancelled_share(self) -> float | None:
        return self.cancelled / self.fulfilments if self.fulfilments else None


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    date_from: dt.date
    date_to: dt.date
    company_id: int | None  # None: the whole country
    totals: Figures
    by_month: tuple[MonthFigures, ...]  # every month of the period, oldest first
    by_region: tuple[GroupFigures, ...]  # the six regions, in ``geo.Region`` order
    by_province: tuple[ProvinceFigures, ...]  # provinces with sales, largest items first
    by_kind: tuple[GroupFigures, ...]  # product, then tour
    by_category: tuple[GroupFigures, ...]  # categories with sales, largest items first
    top_enterprises: tuple[TopEnterprise, ...]  # at most 10, largest producer net first
    top_listings: tuple[TopListing, ...]  # at most 10, largest producer net first
    dormant_enterprises: DormantEnterprises
    companies: tuple[CompanyPerformance, ...]  # best first: least late, then fastest


# -- the service ---------------------------------------------------------------------------------------

def dashboard(session: Session, user: User, query: DashboardQuery, *, now: dt.datetime) -> Dashboard:
    """The dashboard ``user`` may see: an admin's of the whole country, or of
    ``query.company_id``; company staff's of their own company. ``now`` dates the period's
    default (``today`` in Thailand), the 90 days of the dormant enterprises and which open
    fulfilments are late.

    Raises ``Forbidden`` for anyone but company staff and admins, ``NotFound`` for an
    unknown company and for company staff naming another company than theirs, and
    ``ValidationError`` for a period that breaks ``DashboardQuery``'s rules."""
    company_id = company_asked_for(user, query.company_id)
    company = company_by_id(session, company_id) if company_id is not None else None
    today = today_in_thailand(now)
    first, last = query.period(today)
    sold = sold_within(company_id, first, last)
    totals, groups = sales_figures(session, sold, ("month", "region", "province", "kind", "category"))
    return Dashboard(
        date_from=first, date_to=last, company_id=company_id,
        totals=totals,
        by_month=_by_month(groups["month"], first, last),
        by_region=every_region(groups["region"]),
        by_province=tuple(ProvinceFigures(**asdict(row), region=geo.region_of(row.key)) for row in groups["province"]),
        by_kind=_every(groups["kind"], [kind.value for kind in ListingKind], "kind"),
        by_category=groups["category"],
        top_enterprises=_top_enterprises(session, sold),
        top_listings=_top_listings(session, sold),
        dormant_enterprises=_dormant(session, company, today),
        companies=_companies(session, company, first, last, now),
    )


def sales_figures(session: Session, where: list[ColumnElement[bool]], groupings: Sequence[Grouping] = (),
                  enterprises_in: Sequence[Grouping | None] = (None, "province", "region"),
                  ) -> tuple[Figures, dict[str, tuple[GroupFigures, ...]]]:
    """The earned figures under ``where`` (conditions on ``EarnedSale``: ``sold_within``):
    the totals, and for each of ``groupings`` one row per value that has sales, largest
    items first; in one statement (``sales.grouped_sales``) and a lookup of names."""
    found = grouped_sales(session, where, groupings, enterprises_in=enterprises_in)
    totals = Figures(**Figures.fields_of(found[None][0])) if found[None] else Figures()
    groups: dict[str, tuple[GroupFigures, ...]] = {}
    for grouping in groupings:
        rows = sorted(found[grouping], key=lambda row: (-row.items, str(row.key)))
        names = group_names(session, grouping, [str(row.key) for row in rows])
        groups[grouping] = tuple(
            GroupFigures(key=str(row.key), name_th=names.get(str(row.key), (str(row.key), None))[0],
                         name_en=names.get(str(row.key), (None, None))[1], **Figures.fields_of(row))
            for row in rows
        )
    return totals, groups


def every_region(found: tuple[GroupFigures, ...]) -> tuple[GroupFigures, ...]:
    """The six regions in ``geo.Region``'s order: the figures ``found``, zeros for the others."""
    return _every(found, [region.value for region in Region], "region")


def _every(found: tuple[GroupFigures, ...], keys: Iterable[str], dimension: Dimension) -> tuple[GroupFigures, ...]:
    """A row for each of ``keys`` in their order: those ``found``, zeros for the others."""
    by_key = {row.key: row for row in found}
    rows = []
    for key in keys:
        name_th, name_en = names_of(dimension, key)
        rows.append(by_key.get(key) or GroupFigures(key=key, name_th=name_th or key, name_en=name_en))
    return tuple(rows)


def _by_month(found: tuple[GroupFigures, ...], first: dt.date, last: dt.date) -> tuple[MonthFigures, ...]:
    figures = {row.key: row.figures() for row in found}
    months = []
    month, end = Month(first.year, first.month), Month(last.year, last.month)
    while month <= end:
        months.append(MonthFigures(month=str(month), **figures.get(str(month), {})))
        month = month.next()
    return tuple(months)


def _top_enterprises(session: Session, where: list[ColumnElement[bool]]) -> tuple[TopEnterprise, ...]:
    return tuple(
        TopEnterprise(id=row.id, name_th=row.name_th, name_en=row.name_en, province_code=row.province_code,
                      producer_net_satang=int(row.items) - int(row.commission), items_satang=int(row.items),
                      orders=row.orders)
        for row in top_enterprises(session, where, TOP)
    )


def _top_listings(session: Session, where: list[ColumnElement[bool]]) -> tuple[TopListing, ...]:
    return tuple(
        TopListing(id=row.id, title_th=row.title_th, title_en=row.title_en, enterprise_id=row.enterprise_id,
                   enterprise_name_th=row.enterprise_name_th, enterprise_name_en=row.enterprise_name_en,
                   quantity=int(row.quantity), producer_net_satang=int(row.items) - int(row.commission),
                   items_satang=int(row.items))
        for row in top_listings(session, where, TOP)
    )


def _served_provinces(session: Session, company: ProvincialCompany) -> list[str]:
    """The provinces whose new orders ``company`` takes now (the routing rule)."""
    routed = serving_companies(session, [province.code for province in geo.provinces()])
    return [code for code, serving in routed.items() if serving is not None and serving.id == company.id]


def _dormant(session: Session, company: ProvincialCompany | None, today: dt.date) -> DormantEnterprises:
    since = today - dt.timedelta(days=DORMANT_DAYS - 1)
    in_scope = [] if company is None else [CommunityEnterprise.province_code.in_(_served_provinces(session, company))]
    last_sale = last_sale_day().label("last_sale")
    known = (select(CommunityEnterprise.id, CommunityEnterprise.name_th, CommunityEnterprise.name_en,
                    CommunityEnterprise.province_code, last_sale)
             .where(CommunityEnterprise.status == EnterpriseStatus.APPROVED, *in_scope)
             .subquery())
    statement = (
        select(known, func.count().over().label("total"))
        .where(or_(known.c.last_sale.is_(None), known.c.last_sale < since))
        .order_by(known.c.last_sale.asc().nulls_first(), known.c.id)
        .limit(DORMANT_SHOWN)
    )
    rows = session.execute(statement).all()
    return DormantEnterprises(since=since, total=rows[0].total if rows else 0, enterprises=tuple(
        DormantEnterprise(id=row.id, name_th=row.name_th, name_en=row.name_en, province_code=row.province_code,
                          last_sale=row.last_sale)
        for row in rows
    ))


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def _companies(session: Session, company: ProvincialCompany | None, first: dt.date, last: dt.date,
               now: dt.datetime) -> tuple[CompanyPerformance, ...]:
    """One query: the fulfilments that became new within the period, counted per company,
    beside the nearest-rank median and 90th percentile of their goods' time to ship
    (window functions rank each company's durations)."""
    in_period = within_days(Fulfilment.new_at, first, last)
    if company is not None:
        in_period.append(Fulfilment.company_id == company.id)
    to_ship = seconds_between(Fulfilment.shipped_at, Fulfilment.new_at)
    durations = (
        select(Fulfilment.company_id.label("company_id"), to_ship.label("seconds"),
               func.row_number().over(partition_by=Fulfilment.company_id, order_by=to_ship).label("rank"),
               func.count().over(partition_by=Fulfilment.company_id).label("shipped"))
        .where(*in_period, Fulfilment.kind == FulfilmentKind.GOODS, Fulfilment.shipped_at.is_not(None))
        .subquery()
    )

    def nearest_rank(percent: int) -> ColumnElement[bool]:  # the ceil(n × percent / 100)-th of n, n ≥ 1
        return durations.c.rank == (durations.c.shipped * percent + 99) // 100

    percentiles = (
        select(durations.c.company_id, func.max(durations.c.shipped).label("shipped"),
               func.max(case((nearest_rank(50), durations.c.seconds))).label("median"),
               func.max(case((nearest_rank(90), durations.c.seconds))).label("p90"))
        .group_by(durations.c.company_id)
        .subquery()
    )
    shipped_late = and_(Fulfilment.shipped_at.is_not(None), to_ship > SHIP_WITHIN.total_seconds())
    counts = (
        select(Fulfilment.company_id.label("company_id"), func.count().label("fulfilments"),
               func.count(case((Fulfilment.status == FulfilmentStatus.CANCELLED, 1))).label("cancelled"),
               func.count(case((or_(shipped_late, late_at(now)), 1))).label("late"))
        .where(*in_period)
        .group_by(Fulfilment.company_id)
        .subquery()
    )
    statement = (
        select(ProvincialCompany.id, ProvincialCompany.name_th, ProvincialCompany.name_en, counts.c.fulfilments,
               counts.c.late, counts.c.cancelled, percentiles.c.shipped, percentiles.c.median, percentiles.c.p90)
        .join(counts, counts.c.company_id == ProvincialCompany.id)
        .outerjoin(percentiles, percentiles.c.company_id == ProvincialCompany.id)
    )
    found = [
        CompanyPerformance(id=row.id, name_th=row.name_th, name_en=row.name_en, fulfilments=row.fulfilments,
                           late=row.late, cancelled=row.cancelled, shipped=row.shipped or 0,
                           median_hours_to_ship=_hours(row.median), p90_hours_to_ship=_hours(row.p90))
        for row in session.execute(statement)
    ]
    if company is not None and not found:
        found = [CompanyPerformance(id=company.id, name_th=company.name_th, name_en=company.name_en, fulfilments=0,
                                    late=0, cancelled=0, shipped=0, median_hours_to_ship=None,
                                    p90_hours_to_ship=None)]
    return tuple(sorted(found, key=_best_first))


def _best_first(performance: CompanyPerformance) -> tuple[Any, ...]:
    late, median = performance.late_share, performance.median_hours_to_ship
    return late is None, late or 0.0, median is None, median or 0.0, performance.id
