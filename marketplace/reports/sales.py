"""Earned figures from the ``EarnedSale`` rollup, for the dashboards and the impact page.

The rollup holds every earned line already joined and dated (``earned.record_earned_sales``),
so that the figures of a year of a million lines are summed without a join. The totals and
the groups by month, region, province, kind and category come from three statements
(``grouped_sales``), each on PostgreSQL one scan with ``GROUPING SETS`` (SQLite has none:
there each grouping is a branch of a ``UNION ALL``). Figures are those of
``earned.earned_lines`` (a test holds them equal): distinct orders, items, commission at
each fulfilment's own rate, and distinct producing enterprises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, desc, func, literal, null, select, text, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..catalog.models import Category, Listing
from ..companies.models import Province
from ..enterprises.models import CommunityEnterprise
from .earned import names_of
from .models import EarnedSale

Grouping = Literal["month", "region", "province", "kind", "category"]
_KEYS: dict[Grouping, InstrumentedAttribute[Any]] = {
    "month": EarnedSale.month, "region": EarnedSale.region, "province": EarnedSale.province_code,
    "kind": EarnedSale.kind, "category": EarnedSale.category_slug,
}
SORT_MEMORY = "192MB"  # PostgreSQL: room to sort a year of lines in memory (counting distinct orders), not on disk


def sold_within(company_id: int | None, first: dt.date | None, last: dt.date | None) -> list[ColumnElement[bool]]:
    """The conditions on ``EarnedSale`` for one company (None: every company) and the
    inclusive Thai days ``first``–``last`` (either may be open)."""
    conditions: list[ColumnElement[bool]] = []
    if company_id is not None:
        conditions.append(EarnedSale.company_id == company_id)
    if first is not None:
        conditions.append(EarnedSale.day >= first)
    if last is not None:
        conditions.append(EarnedSale.day <= last)
    return conditions


_ORDER_COUNTS: dict[Grouping | None, str] = {
    None: "counts_order", "month": "counts_order", "kind": "counts_order",
    "province": "counts_order_in_province", "region": "counts_order_in_region",
    "category": "counts_order_in_category",
}


def _figures() -> tuple[ColumnElement[Any], ...]:
    """Items, commission, and the parts of the order counts (see ``EarnedSale``): each
    grouping adds its own ``counts_order…`` column to the distinct shared orders."""
    return (
        func.coalesce(func.sum(EarnedSale.items_satang), 0).label("items"),
        func.coalesce(func.sum(EarnedSale.commission_satang), 0).label("commission"),
        *(func.coalesce(func.sum(getattr(EarnedSale, name)), 0).label(name)
          for name in sorted(set(_ORDER_COUNTS.values()))),
    )


def _roomy(session: Session) -> None:
    """On PostgreSQL, for this transaction: sorts in memory, and no JIT compilation (it
    spent 0.2 s compiling a statement that then ran in 2)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{SORT_MEMORY}'"))
        session.execute(text("SET LOCAL jit = off"))


def _per_grouping(session: Session, source: Any, groupings: Sequence[Grouping],
                  figures: Sequence[ColumnElement[Any]], where: Sequence[ColumnElement[bool]] = ()
                  ) -> dict[Grouping | None, list[Any]]:
    """``figures`` over ``source`` in total (key ``None``) and per value of each of
    ``groupings``, as ``(grouping, key, row)``: on PostgreSQL one ``GROUPING SETS``
    statement, on SQLite a ``UNION ALL`` of one branch per grouping."""
    found: dict[Grouping | None, list[Any]] = {grouping: [] for grouping in (None, *groupings)}
    keys = [source.c[_KEYS[grouping].key] for grouping in groupings]
    if session.get_bind().dialect.name == "postgresql":
        statement: Select[Any] = select(func.grouping(*keys).label("set") if keys else literal(0).label("set"),
                                        *keys, *figures).select_from(source).where(*where)
        if keys:
            statement = statement.group_by(func.grouping_sets(*[key.self_group() for key in keys], text("()")))
        width = len(keys)
        for row in session.execute(statement):
            unset = [n for n in range(width) if not row.set & (1 << (width - 1 - n))]
            grouping = groupings[unset[0]] if unset else None
            found[grouping].append((row[1 + unset[0]] if unset else None, row))
        return found
    branches = [select(literal("").label("grouping"), null().label("key"), *figures).select_from(source).where(*where)]
    branches += [select(literal(grouping).label("grouping"), key.label("key"), *figures).select_from(source)
                 .where(*where).group_by(key) for grouping, key in zip(groupings, keys, strict=True)]
    for row in session.execute(union_all(*branches)):
        found[row.grouping or None].append((row.key, row))
    return found


def grouped_sales(session: Session, where: Sequence[ColumnElement[bool]], groupings: Sequence[Grouping],
                  *, enterprises_in: Sequence[Grouping | None] = (None,)) -> dict[Grouping | None, list[Any]]:
    """The earned figures under ``where``: the totals (key ``None``, one row) and one row per
    value of each of ``groupings`` that has sales, each row with ``key``, ``orders``,
    ``items``, ``commission`` and ``enterprises`` (distinct producing enterprises, counted
    for the totals, ``province`` and ``region`` when named in ``enterprises_in``; None
    elsewhere). Three statements, none of which sorts a year of lines: the money and the
    orders counted by adding up (hashed), the orders split between fulfilments counted
    distinctly (few), and the enterprises counted over their own totals (thousands)."""
    _roomy(session)
    money = _per_grouping(session, EarnedSale.__table__, groupings, _figures(), where)
    split = _per_grouping(session, EarnedSale.__table__, groupings,
                          [func.count(func.distinct(EarnedSale.order_id)).label("shared")],
                          [*where, EarnedSale.shared_order.is_(True)])
    by_enterprise = (select(EarnedSale.enterprise_id, EarnedSale.province_code, EarnedSale.region).where(*where)
                     .group_by(EarnedSale.enterprise_id, EarnedSale.province_code, EarnedSale.region).subquery())
    counted_in = [grouping for grouping in groupings if grouping in enterprises_in and grouping in _BY_ENTERPRISE]
    producers = _per_grouping(session, by_enterprise, counted_in, [func.count().label("enterprises")])
    found: dict[Grouping | None, list[Any]] = {}
    for grouping, rows in money.items():
        shared = {key: row.shared for key, row in split[grouping]}
        counted = ({key: row.enterprises for key, row in producers[grouping]}
                   if grouping in (None, *counted_in) else None)
        found[grouping] = [_Row(key, row, grouping, shared.get(key, 0),
                                None if counted is None else counted.get(key, 0)) for key, row in rows]
    return found


_BY_ENTERPRISE = ("province", "region")  # an enterprise is in one of each: counted over its own figures


class _Row:
    """A row of ``grouped_sales``: its key and figures, whichever statement answered."""

    __slots__ = ("key", "orders", "items", "commission", "enterprises")

    def __init__(self, key: Any, row: Any, grouping: Grouping | None, shared: int, enterprises: int | None) -> None:
        self.key = key
        self.items, self.commission = int(row.items), int(row.commission)
        self.orders = int(getattr(row, _ORDER_COUNTS[grouping])) + int(shared)
        self.enterprises = enterprises


def group_names(session: Session, grouping: Grouping, keys: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """The Thai and English names of ``keys`` of ``grouping`` (months have none: ``{}``)."""
    keys = list(keys)
    if grouping in ("region", "kind"):
        return {key: (thai or key, english) for key in keys for thai, english in [names_of(grouping, key)]}
    if grouping == "province":
        rows = session.execute(select(Province.code, Province.name_th, Province.name_en)
                               .where(Province.code.in_(keys)))
    elif grouping == "category":
        rows = session.execute(select(Category.slug, Category.name_th, Category.name_en)
                               .where(Category.slug.in_(keys)))
    else:
        return {}
    return {key: (name_th, name_en) for key, name_th, name_en in rows}


def top_enterprises(session: Session, where: Sequence[ColumnElement[bool]], limit: int) -> list[Any]:
    """The ``limit`` enterprises of the largest producers' net under ``where``: ``id``,
    ``name_th``, ``name_en``, ``province_code``, ``items``, ``commission``, ``orders``."""
    net = func.sum(EarnedSale.items_satang) - func.sum(EarnedSale.commission_satang)
    top = (select(EarnedSale.enterprise_id.label("id"), func.sum(EarnedSale.items_satang).label("items"),
                  func.sum(EarnedSale.commission_satang).label("commission"))
           .where(*where).group_by(EarnedSale.enterprise_id).order_by(desc(net), EarnedSale.enterprise_id)
           .limit(limit).subquery())
    orders = (select(EarnedSale.enterprise_id, func.count(func.distinct(EarnedSale.order_id)).label("orders"))
              .where(*where, EarnedSale.enterprise_id.in_(select(top.c.id))).group_by(EarnedSale.enterprise_id)
              .subquery())
    return list(session.execute(
        select(top.c.id, CommunityEnterprise.name_th, CommunityEnterprise.name_en, CommunityEnterprise.province_code,
               top.c["items"], top.c.commission, orders.c.orders)
        .join(CommunityEnterprise, CommunityEnterprise.id == top.c.id)
        .join(orders, orders.c.enterprise_id == top.c.id)
        .order_by(desc(top.c["items"] - top.c.commission), top.c.id)
    ))


def top_listings(session: Session, where: Sequence[ColumnElement[bool]], limit: int) -> list[Any]:
    """The ``limit`` listings of the largest producers' net under ``where``: ``id``,
    ``title_th``, ``title_en``, ``enterprise_id``, its names, ``quantity``, ``items``, ``commission``."""
    net = func.sum(EarnedSale.items_satang) - func.sum(EarnedSale.commission_satang)
    top = (select(EarnedSale.listing_id.label("id"), func.sum(EarnedSale.quantity).label("quantity"),
                  func.sum(EarnedSale.items_satang).label("items"),
                  func.sum(EarnedSale.commission_satang).label("commission"))
           .where(*where).group_by(EarnedSale.listing_id).order_by(desc(net), EarnedSale.listing_id)
           .limit(limit).subquery())
    return list(session.execute(
        select(top.c.id, Listing.title_th, Listing.title_en, CommunityEnterprise.id.label("enterprise_id"),
               CommunityEnterprise.name_th.label("enterprise_name_th"),
               CommunityEnterprise.name_en.label("enterprise_name_en"), top.c.quantity, top.c["items"],
               top.c.commission)
        .join(Listing, Listing.id == top.c.id)
        .join(CommunityEnterprise, CommunityEnterprise.id == Listing.enterprise_id)
        .order_by(desc(top.c["items"] - top.c.commission), top.c.id)
    ))


def last_sale_day() -> ColumnElement[dt.date]:
    """The Thai day of an enterprise's last earned line (null: never), as a correlated
    subquery on ``CommunityEnterprise`` that the (enterprise, day) index answers."""
    return (select(func.max(EarnedSale.day)).where(EarnedSale.enterprise_id == CommunityEnterprise.id)
            .scalar_subquery())
