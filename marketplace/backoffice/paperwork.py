"""What a provincial company prints and exports: lines grouped by the enterprise they
are collected from, the day's pick list, a tour date's manifest, and the queue as CSV.

Every read is scoped like the queue (``fulfilment_scope``): a company's staff see
their own company's fulfilments only, an admin every company's (or one's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from .. import geo
from ..accounts.models import User
from ..audit.models import AuditEntry
from ..catalog.models import Listing, TourSlot
from ..clock import BANGKOK
from ..csv_files import csv_bytes, safe_text
from ..enterprises.models import CommunityEnterprise, EnterpriseMember
from ..errors import NotFound
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import is_late
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus
from ..money import satang_to_decimal_text
from ..orders.models import Order, OrderLine
from ..pagination import MAX_LIMIT
from .queries import QueueFilters, fulfilment_queue, fulfilment_scope

S = FulfilmentStatus


# --- lines by enterprise -----------------------------------------------------------------------------------

@dataclass
class EnterpriseLines:
    """The lines of one enterprise, as the company collects them from it."""

    enterprise: CommunityEnterprise
    lines: list[OrderLine] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)


def lines_by_enterprise(lines: Iterable[OrderLine]) -> list[EnterpriseLines]:
    """``lines`` grouped by their enterprise (by Thai name), each group in line order."""
    groups: dict[int, EnterpriseLines] = {}
    for line in lines:
        groups.setdefault(line.enterprise_id, EnterpriseLines(line.enterprise)).lines.append(line)
    return sorted(groups.values(), key=lambda group: (group.enterprise.name_th, group.enterprise.id))


def fulfilment_history(session: Session, fulfilment: Fulfilment) -> list[AuditEntry]:
    """The order's audit trail as this fulfilment's company sees it, oldest first, with
    who acted: the order's own events and this fulfilment's (not what other companies
    did with their parts of the same order)."""
    return list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.order_id == fulfilment.order_id,
               or_(AuditEntry.fulfilment_id.is_(None), AuditEntry.fulfilment_id == fulfilment.id))
        .options(joinedload(AuditEntry.actor)).order_by(AuditEntry.created_at, AuditEntry.id)
    ))


# --- the pick list -----------------------------------------------------------------------------------------

@dataclass
class PickItem:
    """One listing to collect from an enterprise: the total, and per order how many."""

    listing_id: int
    title_th: str
    title_en: str | None
    quantity: int = 0
    lines: list[OrderLine] = field(default_factory=list)

    @property
    def received(self) -> bool:
        return all(line.received_at is not None for line in self.lines)


@dataclass
class PickGroup:
    enterprise: CommunityEnterprise
    members: list[User]
    items: list[PickItem]

    @property
    def quantity(self) -> int:
        return sum(item.quantity for item in self.items)


@dataclass
class PickList:
    day: dt.date
    fulfilments: list[Fulfilment]
    groups: list[PickGroup]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=BANGKOK)


def pick_list(session: Session, user: User, day: dt.date, *, company_id: int | None = None) -> PickList:
    """The goods fulfilments ``user``'s company accepted on ``day`` (Thailand) and has not
    cancelled since, and what to collect for them from each enterprise: per enterprise
    (with its address and members), per listing, the total and the orders it is for.
    ``Forbidden`` for anyone but company staff and admins."""
    start, end = _day_bounds(day)
    accepted_that_day = (
        select(AuditEntry.fulfilment_id)
        .where(AuditEntry.action == "fulfilment.transition", AuditEntry.to_status == S.ACCEPTED.value,
               AuditEntry.created_at >= start, AuditEntry.created_at < end)
    )
    fulfilments = list(session.scalars(
        select(Fulfilment)
        .where(*fulfilment_scope(user, company_id), Fulfilment.kind == FulfilmentKind.GOODS,
               Fulfilment.status != S.CANCELLED, Fulfilment.id.in_(accepted_that_day))
        .options(selectinload(Fulfilment.lines).joinedload(OrderLine.enterprise), joinedload(Fulfilment.order))
        .order_by(Fulfilment.new_at, Fulfilment.id)
    ))
    groups: dict[int, dict[int, PickItem]] = {}
    enterprises: dict[int, CommunityEnterprise] = {}
    for fulfilment in fulfilments:
        for line in fulfilment.lines:
            enterprises[line.enterprise_id] = line.enterprise
            item = groups.setdefault(line.enterprise_id, {}).setdefault(
                line.listing_id, PickItem(line.listing_id, line.title_th, line.title_en))
            item.quantity += line.quantity
            item.lines.append(line)
    members = _members(session, list(enterprises))
    picked = [
        PickGroup(enterprise, members.get(enterprise.id, []),
                  sorted(groups[enterprise.id].values(), key=lambda item: (item.title_th, item.listing_id)))
        for enterprise in sorted(enterprises.values(), key=lambda enterprise: (enterprise.name_th, enterprise.id))
    ]
    return PickList(day, fulfilments, picked)


def _members(session: Session, enterprise_ids: Sequence[int]) -> dict[int, list[User]]:
    """The people to call at each enterprise, by name."""
    if not enterprise_ids:
        return {}
    rows = session.execute(
        select(EnterpriseMember.enterprise_id, User).join(User, User.id == EnterpriseMember.user_id)
        .where(EnterpriseMember.enterprise_id.in_(enterprise_ids)).order_by(User.name, User.id)
    ).all()
    members: dict[int, list[User]] = {}
    for enterprise_id, user in rows:
        members.setdefault(enterprise_id, []).append(user)
    return members


# --- the tour manifest -------------------------------------------------------------------------------------

UNCOUNTED = frozenset({S.CANCELLED, S.AWAITING_PAYMENT})


@dataclass
class Manifest:
    """Who comes on one tour date: each booking (an order line) with its order and status."""

    slot: TourSlot
    listing: Listing
    bookings: list[OrderLine]

    @property
    def people(self) -> int:
        """People booked and paid for (or paying on the day); not cancelled or unpaid ones."""
        return sum(line.quantity for line in self.bookings if line.fulfilment.status not in UNCOUNTED)


def tour_manifest(session: Session, user: User, slot_id: int, *, company_id: int | None = None) -> Manifest:
    """The bookings of tour date ``slot_id`` in ``user``'s company's fulfilments, oldest
    first. ``NotFound`` when the company has no booking on that date (another
    company's tour, or none at all); ``Forbidden`` for anyone but staff and admins."""
    bookings = list(session.scalars(
        select(OrderLine).join(Fulfilment, OrderLine.fulfilment_id == Fulfilment.id)
        .where(OrderLine.slot_id == slot_id, *fulfilment_scope(user, company_id))
        .options(joinedload(OrderLine.fulfilment), joinedload(OrderLine.order))
        .order_by(OrderLine.id)
    ))
    slot = session.get(TourSlot, slot_id) if bookings else None
    if slot is None:
        raise NotFound("Tour date not found")
    return Manifest(slot=slot, listing=slot.listing, bookings=bookings)


# --- the queue as CSV --------------------------------------------------------------------------------------

QUEUE_HEADER = (
    "fulfilment_id", "order_number", "ordered_on", "status", "kind", "late", "waiting_since", "buyer_name",
    "buyer_phone", "province_code", "province", "lines", "items_thb", "shipping_thb", "total_thb",
    "payment_method", "cod_thb", "carrier", "tracking_number",
)


def whole_queue(session: Session, user: User, filters: QueueFilters) -> Iterator[Fulfilment]:
    """Every fulfilment of the queue with these filters, in the queue's order, a page at a time."""
    cursor = None
    while True:
        page = fulfilment_queue(session, user, filters, cursor=cursor, limit=MAX_LIMIT)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _lines_text(lines: Iterable[OrderLine]) -> str:
    return "; ".join(
        f"{line.title_th}{f' ({line.slot_date.isoformat()})' if line.slot_date else ''} × {line.quantity}"
        for line in lines
    )


def _local(moment: dt.datetime | None) -> str:
    return moment.astimezone(BANGKOK).isoformat(timespec="minutes") if moment else ""


def queue_rows(fulfilments: Iterable[Fulfilment], now: dt.datetime) -> Iterator[list[str]]:
    for fulfilment in fulfilments:
        order: Order = fulfilment.order
        province_code = order.ship_subdistrict_code[:2]
        province = geo.province(province_code)
        yield [
            str(fulfilment.id),
            safe_text(order.number),
            order.created_at.astimezone(BANGKOK).date().isoformat(),
            fulfilment.status.value,
            fulfilment.kind.value,
            "yes" if is_late(fulfilment, now) else "no",
            _local(fulfilment.new_at),
            safe_text(order.ship_name),
            safe_text(order.ship_phone),
            province_code,
            safe_text(province.name_th if province else ""),
            safe_text(_lines_text(fulfilment.lines)),
            satang_to_decimal_text(fulfilment.subtotal_satang),
            satang_to_decimal_text(fulfilment.shipping_satang),
            satang_to_decimal_text(fulfilment.subtotal_satang + fulfilment.shipping_satang),
            order.payment_method.value,
            "" if fulfilment.cod_amount_satang is None else satang_to_decimal_text(fulfilment.cod_amount_satang),
            fulfilment.carrier.value if fulfilment.carrier else "",
            safe_text(fulfilment.tracking_number),
        ]


def queue_csv(fulfilments: Iterable[Fulfilment], now: dt.datetime) -> bytes:
    """The queue as a spreadsheet: UTF-8 with a BOM, amounts in baht, Bangkok times."""
    return csv_bytes(QUEUE_HEADER, queue_rows(fulfilments, now))
