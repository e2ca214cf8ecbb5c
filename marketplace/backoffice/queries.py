"""The company's queue: its own fulfilments only, filtered, oldest new first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from pydantic import ConfigDict, Field, field_validator
from sqlalchemy import ColumnElement, case, exists, func, select
from sqlalchemy.orm import Session, selectinload

from ..accounts.models import User
from ..clock import start_of_day
from ..companies.scope import company_condition
from ..enterprises.models import CommunityEnterprise
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import SHIP_WITHIN, late_at
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus
from ..orders.models import Order, OrderLine
from ..pagination import Page, SortKey, paginate, parse_limit
from ..validation import Day, Query, not_below, parse_query

RowId = Annotated[int, Field(ge=0, le=2**31 - 1)]


class QueueFilters(Query):
    """What a company's queue may be narrowed by, with every rule on it: the queue page,
    its CSV export and ``GET /api/v1/fulfilments`` read their arguments with this model.
    Dates are inclusive calendar days in Thailand, on the day the order was placed."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    status: FulfilmentStatus | None = Field(default=None,
                                            description="Only this status (default: all but awaiting_payment)")
    kind: FulfilmentKind | None = Field(default=None, description="goods or tour")
    date_from: Day | None = Field(default=None, alias="from", description="Ordered on or after this day (Thailand)")
    date_to: Day | None = Field(default=None, alias="to",
                                description="Ordered on or before this day (Thailand); not before `from`")
    enterprise_id: RowId | None = Field(default=None, alias="enterprise",
                                        description="Only fulfilments with lines of this enterprise")
    company_id: RowId | None = Field(default=None, alias="company",
                                     description="Admins: only this company's fulfilments")

    _to_after_from = field_validator("date_to")(not_below("date_from", "on or after from"))


def parse_queue_filters(args: Mapping[str, str]) -> QueueFilters:
    """Queue filters from query arguments; ``ValidationError`` naming each bad one."""
    return parse_query(QueueFilters, args)


def fulfilment_queue(session: Session, user: User, filters: QueueFilters, *, cursor: str | None = None,
                     limit: int | str | None = None) -> Page[Fulfilment]:
    """A page of the queue, oldest first by when each became new (unpaid ones last)."""
    conditions = company_condition(Fulfilment.company_id, user, filters.company_id)
    if filters.status:
        conditions.append(Fulfilment.status == filters.status)
    else:
        conditions.append(Fulfilment.status != FulfilmentStatus.AWAITING_PAYMENT)
    if filters.kind:
        conditions.append(Fulfilment.kind == filters.kind)
    if filters.date_from:
        conditions.append(Fulfilment.created_at >= start_of_day(filters.date_from))
    if filters.date_to:
        conditions.append(Fulfilment.created_at < start_of_day(filters.date_to + dt.timedelta(days=1)))
    if filters.enterprise_id:
        conditions.append(exists().where(OrderLine.fulfilment_id == Fulfilment.id,
                                         OrderLine.enterprise_id == filters.enterprise_id))
    waiting_since = func.coalesce(Fulfilment.new_at, Fulfilment.created_at)
    keys = [SortKey(waiting_since, kind="datetime"), SortKey(Fulfilment.id)]
    query = (
        select(Fulfilment, waiting_since, Fulfilment.id).where(*conditions)
        .options(selectinload(Fulfilment.lines), selectinload(Fulfilment.order).selectinload(Order.consumer))
    )
    return paginate(session, query, keys, cursor=cursor, limit=limit if isinstance(limit, int) else parse_limit(limit))


def status_counts(session: Session, user: User, filters: QueueFilters | None = None) -> dict[str, int]:
    """How many of the user's fulfilments are in each status (for the top of the queue)."""
    conditions = company_condition(Fulfilment.company_id, user, filters.company_id if filters else None)
    rows = session.execute(select(Fulfilment.status, func.count(Fulfilment.id)).where(*conditions)
                           .group_by(Fulfilment.status))
    counts = {status.value: 0 for status in FulfilmentStatus}
    counts.update({status.value: count for status, count in rows})
    return counts


def fulfilment_scope(user: User, company_id: int | None = None) -> list[ColumnElement[bool]]:
    """The conditions that keep ``user`` to the fulfilments they may see (their
    company's; an admin's, all or ``company_id``'s); ``Forbidden`` for anyone else.
    For reads beyond the queue (pick lists, tour manifests) that must scope alike."""
    return company_condition(Fulfilment.company_id, user, company_id)


def queue_enterprises(session: Session, user: User, company_id: int | None = None) -> list[CommunityEnterprise]:
    """The enterprises that have lines in the fulfilments ``user`` sees (the queue's
    enterprise filter), by Thai name."""
    with_lines = (select(OrderLine.enterprise_id).join(Fulfilment, OrderLine.fulfilment_id == Fulfilment.id)
                  .where(*fulfilment_scope(user, company_id)).distinct())
    return list(session.scalars(select(CommunityEnterprise).where(CommunityEnterprise.id.in_(with_lines))
                                .order_by(CommunityEnterprise.name_th, CommunityEnterprise.id)))


LATE_RATE_WINDOW = dt.timedelta(days=30)
WAITING_STATUSES = (FulfilmentStatus.NEW, FulfilmentStatus.ACCEPTED, FulfilmentStatus.PACKED)


def _percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, rounded half up; ``None`` of nothing."""
    return None if whole == 0 else (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class LateShipmentRate:
    """How a company keeps its promises at ``now``: ``late`` of the ``waiting``
    fulfilments (new, accepted or packed) are late (``is_late``); of the goods it
    shipped in the last 30 days (``shipped``), ``shipped_on_time`` left within 5 days
    of becoming new."""

    waiting: int
    late: int
    shipped: int
    shipped_on_time: int

    @property
    def late_percent(self) -> int | None:
        return _percent(self.late, self.waiting)

    @property
    def on_time_percent(self) -> int | None:
        return _percent(self.shipped_on_time, self.shipped)


def late_shipment_rate(session: Session, company_id: int | None, now: dt.datetime) -> LateShipmentRate:
    """The late-shipment figures of one company (``company_id`` None: every company
    together), by the same rule as ``is_late``: not accepted within 48 hours of
    becoming new, or goods not shipped within 5 days of it."""
    scope = [Fulfilment.company_id == company_id] if company_id is not None else []
    late = late_at(now)
    waiting, late_count = session.execute(
        select(func.count(Fulfilment.id), func.count(case((late, Fulfilment.id))))
        .where(*scope, Fulfilment.status.in_(WAITING_STATUSES))
    ).one()
    shipments = session.execute(
        select(Fulfilment.new_at, Fulfilment.shipped_at)
        .where(*scope, Fulfilment.kind == FulfilmentKind.GOODS, Fulfilment.shipped_at.is_not(None),
               Fulfilment.shipped_at > now - LATE_RATE_WINDOW, Fulfilment.shipped_at <= now)
    ).all()
    on_time = sum(1 for new_at, shipped_at in shipments  # shipped_at is never None here: the query wants it
                  if new_at is None or (shipped_at is not None and shipped_at - new_at <= SHIP_WITHIN))
    return LateShipmentRate(waiting=waiting, late=late_count, shipped=len(shipments), shipped_on_time=on_time)


OPEN_STATUSES = (FulfilmentStatus.NEW, FulfilmentStatus.ACCEPTED, FulfilmentStatus.PACKED, FulfilmentStatus.CONFIRMED)


@dataclass(frozen=True)
class Workload:
    """A company's open fulfilments at a moment (new, accepted, packed or confirmed:
    paid and not yet shipped or completed), and how many of them are late (``is_late``)."""

    open: int = 0
    late: int = 0

    @property
    def late_percent(self) -> int | None:
        return _percent(self.late, self.open)


def company_workloads(session: Session, now: dt.datetime, company_id: int | None = None) -> dict[int, Workload]:
    """The ``Workload`` of every company that has open fulfilments (or of ``company_id``
    only), in one query grouped by company; a company missing from the answer has none."""
    scope = [Fulfilment.company_id == company_id] if company_id is not None else []
    rows = session.execute(
        select(Fulfilment.company_id, func.count(Fulfilment.id), func.count(case((late_at(now), Fulfilment.id))))
        .where(*scope, Fulfilment.status.in_(OPEN_STATUSES))
        .group_by(Fulfilment.company_id)
    )
    return {found: Workload(open=count, late=late) for found, count, late in rows}
