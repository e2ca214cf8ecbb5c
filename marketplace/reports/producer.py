"""A producer's sales: their order lines as they move, and the income they earned per month.

The rules live here, once:

- A line is *earned* when its fulfilment is ``delivered`` (goods) or ``completed`` (tour);
  it is dated by the fulfilment's ``done_at`` and falls in that moment's calendar month in
  Thailand (Asia/Bangkok). Cancelled lines are listed but never earned.
- Commission on an earned line is ``commission_satang(line_total, fulfilment.commission_bps)``
  (the rate snapshot taken when the order was placed); the producer's net is the line total
  minus it. A month's figures are sums of the per-line figures, so commission + net always
  equals gross, for every line, month and total.
- A producer sees the lines of the enterprises they manage, and nothing of the buyer but the
  province the order ships to: the buyer's name, phone and address never leave the database.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Unpack

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..companies.models import Province
from ..enterprises.models import CommunityEnterprise
from ..enterprises.queries import member_enterprises
from ..errors import Forbidden, NotFound, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.states import EARNED_STATUSES, FulfilmentKind, FulfilmentStatus
from ..money import commission_satang
from ..orders.models import Order, OrderLine
from ..pagination import SortKey, after, decode_cursor, encode_cursor
from .earned import earned_condition

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
_MONTH_TEXT = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in Thailand's time zone."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str, *, field: str) -> Month:
        """``"2026-01"`` → ``Month(2026, 1)``; ``ValidationError`` naming ``field`` otherwise."""
        match = _MONTH_TEXT.match(text.strip())
        if match is None or not 1 <= int(match["month"]) <= 12 or int(match["year"]) < 1900:
            raise ValidationError("Enter a month such as 2026-01", fields={field: "not a month (YYYY-MM)"})
        return cls(int(match["year"]), int(match["month"]))

    @classmethod
    def of(cls, moment: dt.datetime) -> Month:
        """The Bangkok calendar month that the instant ``moment`` falls in."""
        local = moment.astimezone(BANGKOK)
        return cls(local.year, local.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def starts_at(self) -> dt.datetime:
        """Midnight of the first day, Bangkok time, as a UTC instant."""
        return dt.datetime(self.year, self.month, 1, tzinfo=BANGKOK).astimezone(dt.UTC)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class SalesFilters:
    """What the producer narrowed the report to; ``None`` means no narrowing.

    On the lines list the month range is of the *order* date; on the monthly income
    report it is of the month the lines were *earned* in.
    """

    enterprise_id: int | None = None
    status: FulfilmentStatus | None = None
    month_from: Month | None = None
    month_to: Month | None = None


FILTER_ARGS = ("enterprise", "status", "from", "to")


def parse_sales_filters(args: Mapping[str, str]) -> SalesFilters:
    """Filters from query-string arguments (``enterprise``, ``status``, ``from``, ``to``
    as ``YYYY-MM``). Raises ``ValidationError`` naming every bad argument."""
    problems: dict[str, str] = {}
    enterprise_id = status = month_from = month_to = None
    raw = (args.get("enterprise") or "").strip()
    if raw:
        if raw.isascii() and raw.isdigit():
            enterprise_id = int(raw)
        else:
            problems["enterprise"] = "not an enterprise id"
    raw = (args.get("status") or "").strip()
    if raw:
        try:
            status = FulfilmentStatus(raw)
        except ValueError:
            problems["status"] = "unknown status"
    for name in ("from", "to"):
        raw = (args.get(name) or "").strip()
        if raw:
            try:
                month = Month.parse(raw, field=name)
            except ValidationError as error:
                problems.update(error.fields)
                continue
            if name == "from":
                month_from = month
            else:
                month_to = month
    if month_from is not None and month_to is not None and month_to < month_from:
        problems["to"] = "before the first month"
    if problems:
        raise ValidationError("Some filters are not valid", fields=problems)
    return SalesFilters(enterprise_id=enterprise_id, status=status, month_from=month_from, month_to=month_to)


def is_earned(status: FulfilmentStatus, done_at: dt.datetime | None) -> bool:
    """Whether a line in a fulfilment at ``status``, finished at ``done_at``, is earned income."""
    return status in EARNED_STATUSES and done_at is not None


def rate_text(commission_bps: int) -> str:
    """A rate in basis points as a percentage without trailing zeros: 1000 → ``"10"``, 750 → ``"7.5"``."""
    whole, fraction = divmod(commission_bps, 100)
    return f"{whole}.{fraction:02d}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class SalesLine:
    """One order line as its producer may see it: no buyer but the province it ships to."""

    id: int
    order_number: str
    ordered_at: dt.datetime
    enterprise_id: int
    enterprise_name_th: str
    enterprise_name_en: str | None
    listing_id: int
    title_th: str
    title_en: str | None
    slot_date: dt.date | None
    kind: FulfilmentKind
    status: FulfilmentStatus
    quantity: int
    unit_price_satang: int
    line_total_satang: int
    commission_bps: int
    done_at: dt.datetime | None
    buyer_province_code: str
    buyer_province_th: str | None
    buyer_province_en: str | None

    @property
    def earned(self) -> bool:
        return is_earned(self.status, self.done_at)

    @property
    def earned_month(self) -> Month | None:
        return Month.of(self.done_at) if self.earned and self.done_at is not None else None

    @property
    def commission_satang(self) -> int | None:
        """The company's commission on this line, once earned."""
        return commission_satang(self.line_total_satang, self.commission_bps) if self.earned else None

    @property
    def net_satang(self) -> int | None:
        """What the producer is owed for this line, once earned."""
        commission = self.commission_satang
        return None if commission is None else self.line_total_satang - commission


@dataclass(frozen=True)
class SalesLinesReport:
    enterprises: list[CommunityEnterprise]  # every enterprise the producer manages, for the filter
    lines: list[SalesLine]
    next_cursor: str | None


@dataclass(frozen=True)
class MonthTotals:
    """Earned income of one month (or of a whole range when ``month`` is ``None``)."""

    month: Month | None
    lines: int = 0
    gross_satang: int = 0
    commission_satang: int = 0
    net_satang: int = 0

    def plus(self, line_total_satang: int, line_commission_satang: int) -> MonthTotals:
        return MonthTotals(
            self.month, self.lines + 1, self.gross_satang + line_total_satang,
            self.commission_satang + line_commission_satang,
            self.net_satang + line_total_satang - line_commission_satang,
        )


@dataclass(frozen=True)
class MonthlyIncomeReport:
    enterprises: list[CommunityEnterprise]
    months: list[MonthTotals]  # newest first; months without earned lines are left out
    total: MonthTotals


def sales_enterprises(session: Session, user: User) -> list[CommunityEnterprise]:
    """The enterprises whose sales ``user`` may see. Raises ``Forbidden`` when they manage none."""
    enterprises = member_enterprises(session, user)
    if not enterprises:
        raise Forbidden("Only producers who manage an enterprise have sales to see")
    return enterprises


def _scope(session: Session, user: User, enterprise_id: int | None) -> tuple[list[CommunityEnterprise], list[int]]:
    """``user``'s enterprises and the ids reported on: all of them, or the one asked for.
    Raises ``Forbidden`` (no enterprise) and ``NotFound`` (an enterprise not theirs)."""
    enterprises = sales_enterprises(session, user)
    ids = [enterprise.id for enterprise in enterprises]
    if enterprise_id is None:
        return enterprises, ids
    if enterprise_id not in ids:
        raise NotFound("Enterprise not found")
    return enterprises, [enterprise_id]


_LINE_KEYS = [SortKey(Order.created_at, descending=True, kind="datetime"), SortKey(OrderLine.id, descending=True)]


def _lines_query(enterprise_ids: list[int], filters: SalesFilters) -> Select[Unpack[tuple[Any, ...]]]:
    """Every column a ``SalesLine`` needs in one statement; none of the buyer's but the province."""
    query = (
        select(
            OrderLine.id.label("id"),
            Order.number.label("order_number"),
            Order.created_at.label("ordered_at"),
            OrderLine.enterprise_id.label("enterprise_id"),
            CommunityEnterprise.name_th.label("enterprise_name_th"),
            CommunityEnterprise.name_en.label("enterprise_name_en"),
            OrderLine.listing_id.label("listing_id"),
            OrderLine.title_th.label("title_th"),
            OrderLine.title_en.label("title_en"),
            OrderLine.slot_date.label("slot_date"),
            Fulfilment.kind.label("kind"),
            Fulfilment.status.label("status"),
            OrderLine.quantity.label("quantity"),
            OrderLine.unit_price_satang.label("unit_price_satang"),
            OrderLine.line_total_satang.label("line_total_satang"),
            Fulfilment.commission_bps.label("commission_bps"),
            Fulfilment.done_at.label("done_at"),
            func.substr(Order.ship_subdistrict_code, 1, 2).label("buyer_province_code"),
            Province.name_th.label("buyer_province_th"),
            Province.name_en.label("buyer_province_en"),
        )
        .select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .join(CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id)
        .outerjoin(Province, Province.code == func.substr(Order.ship_subdistrict_code, 1, 2))
        .where(OrderLine.enterprise_id.in_(enterprise_ids))
    )
    if filters.status is not None:
        query = query.where(Fulfilment.status == filters.status)
    if filters.month_from is not None:
        query = query.where(Order.created_at >= filters.month_from.starts_at())
    if filters.month_to is not None:
        query = query.where(Order.created_at < filters.month_to.next().starts_at())
    return query


def sales_lines(session: Session, user: User, filters: SalesFilters, *, cursor: str | None = None,
                limit: int | None = None) -> SalesLinesReport:
    """``user``'s order lines matching ``filters``, newest order first, one page of ``limit``
    from ``cursor`` (every line when ``limit`` is ``None``). One statement for the lines,
    whatever their number. Raises ``Forbidden`` for a user who manages no enterprise,
    ``NotFound`` for an enterprise filter that is not theirs, ``ValidationError`` for a
    malformed cursor."""
    enterprises, ids = _scope(session, user, filters.enterprise_id)
    query = _lines_query(ids, filters)
    if cursor:
        query = query.where(after(_LINE_KEYS, decode_cursor(_LINE_KEYS, cursor)))
    query = query.order_by(*(key.order_by() for key in _LINE_KEYS))
    if limit is not None:
        query = query.limit(limit + 1)
    lines = [SalesLine(**row._mapping) for row in session.execute(query)]
    next_cursor = None
    if limit is not None and len(lines) > limit:
        lines = lines[:limit]
        next_cursor = encode_cursor(_LINE_KEYS, [lines[-1].ordered_at, lines[-1].id])
    return SalesLinesReport(enterprises, lines, next_cursor)


def monthly_income(session: Session, user: User, filters: SalesFilters) -> MonthlyIncomeReport:
    """``user``'s earned income per Bangkok month (``filters.month_from``–``month_to`` of the
    month earned; ``status`` does not apply), newest month first, with the range's total.
    Raises ``Forbidden`` for a user who manages no enterprise, ``NotFound`` for an
    enterprise filter that is not theirs."""
    enterprises, ids = _scope(session, user, filters.enterprise_id)
    query = (
        select(OrderLine.line_total_satang, Fulfilment.commission_bps, Fulfilment.done_at)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .where(OrderLine.enterprise_id.in_(ids), earned_condition())
    )
    if filters.month_from is not None:
        query = query.where(Fulfilment.done_at >= filters.month_from.starts_at())
    if filters.month_to is not None:
        query = query.where(Fulfilment.done_at < filters.month_to.next().starts_at())
    months: dict[Month, MonthTotals] = {}
    total = MonthTotals(None)
    for line_total, bps, done_at in session.execute(query):
        if done_at is None:  # never: earned_condition() wants done_at
            continue
        month = Month.of(done_at)
        commission = commission_satang(line_total, bps)
        months[month] = months.get(month, MonthTotals(month)).plus(line_total, commission)
        total = total.plus(line_total, commission)
    return MonthlyIncomeReport(enterprises, [months[month] for month in sorted(months, reverse=True)], total)
