"""What the provincial companies do with a fulfilment: its moves with their guards and
effects, receiving lines from producers, and the periodic auto-delivery.

Every status change goes through ``fulfilment.services.transition`` (the table and the
conditional UPDATE); this module adds what a move requires (carrier and tracking to
ship, every line received to pack, the date reached to complete a tour, a reason to
cancel) and what it causes (stock or seats back and the paid share refunded on
cancel, cash collected on delivery, the order's status recomputed, the buyer
emailed), all in the caller's one transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..accounts.models import Role, User
from ..audit.services import record
from ..clock import today_in_thailand
from ..companies.scope import company_condition
from ..errors import Forbidden, InvalidTransition, NotFound, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import transition
from ..fulfilment.states import EARNED_STATUSES, Carrier, FulfilmentKind, FulfilmentStatus, allowed_next
from ..notifications.services import queue_email
from ..orders.models import Order, OrderLine
from ..orders.services import current_payment, lock_order, release, settle_order
from ..payments.gateway import PaymentGateway
from ..payments.services import refund_payment
from ..reports.earned import record_earned_sales

S = FulfilmentStatus
TRACKING_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\- ]{3,58}[A-Za-z0-9]$")
AUTO_DELIVER_AFTER = dt.timedelta(days=14)


def _reason(text: str | None) -> str | None:
    text = (text or "").strip()
    return text[:500] or None


def move_fulfilment(session: Session, actor: User | None, fulfilment: Fulfilment, to: FulfilmentStatus | str, *,
                    now: dt.datetime, gateway: PaymentGateway | None, carrier: str | None = None,
                    tracking_number: str | None = None, reason: str | None = None,
                    collected_satang: int | None = None) -> Fulfilment:
    """Move ``fulfilment`` to ``to`` with the move's guards and effects.

    ``actor`` None is the system (auto-delivery). The order's row is locked first and
    its fulfilments and payment read again, so that moves of two fulfilments of one
    order (two companies cancelling at once) see each other. Raises
    ``InvalidTransition`` (409) for a move the table forbids (checked before any
    guard), moving to ``new`` (only the payment does that), packing before every line
    is received, completing a tour before its date, or a concurrent change;
    ``ValidationError`` (422) for an unknown status, a missing or bad carrier,
    tracking number or reason, or a wrong cash amount.
    """
    try:
        target = FulfilmentStatus(to)
    except ValueError:
        raise ValidationError("Unknown status", fields={"to": "not a fulfilment status"}) from None
    order = fulfilment.order
    lock_order(session, order)
    if target not in allowed_next(fulfilment.kind, fulfilment.status):
        raise InvalidTransition(f"A {fulfilment.kind.value} fulfilment cannot go from {fulfilment.status.value} "
                                f"to {target.value}")
    if target is S.NEW:
        raise InvalidTransition("A fulfilment becomes new when its order is paid")
    blocked = blocked_because(fulfilment, target, now=now)
    if blocked is Blocked.LINES_NOT_RECEIVED:
        raise InvalidTransition("Every line must be received from its producer before packing")
    if blocked is Blocked.BEFORE_TOUR_DATE:
        raise InvalidTransition(f"The tour takes place on {tour_date(fulfilment)}; "
                                "it cannot be completed before")
    note = None
    shipment: tuple[Carrier, str] | None = None
    if target is S.SHIPPED:
        problems = {}
        chosen = next((known for known in Carrier if known.value == carrier), None)
        if chosen is None:
            problems["carrier"] = "one of " + ", ".join(Carrier)
        tracking = (tracking_number or "").strip()
        if not TRACKING_RE.match(tracking):
            problems["tracking_number"] = "the carrier's tracking number (5 to 60 letters and digits)"
        if problems or chosen is None:
            raise ValidationError("A carrier and a tracking number are needed to ship", fields=problems)
        shipment = (chosen, tracking)
    elif target is S.CANCELLED:
        note = _reason(reason)
        if note is None:
            raise ValidationError("Say why the fulfilment is cancelled", fields={"reason": "required"})
    elif target is S.DELIVERED and fulfilment.cod_amount_satang is not None and collected_satang is not None \
            and collected_satang != fulfilment.cod_amount_satang:
        raise ValidationError("The cash collected must be the amount due",
                              fields={"collected_satang": f"{fulfilment.cod_amount_satang} satang is due"})

    transition(session, fulfilment, target, actor=actor, now=now, note=note)

    if target in EARNED_STATUSES:
        record_earned_sales(session, [fulfilment.id])
    if shipment is not None:
        fulfilment.carrier, fulfilment.tracking_number = shipment
        queue_email(session, order.consumer, "order_shipped", order_id=order.id)
    elif target is S.CANCELLED:
        fulfilment.cancel_reason = note
        release(session, fulfilment.lines)
        # Unpaid yet: nothing to refund now; mark_paid refunds this share should the payment still arrive.
        refund_payment(session, current_payment(order), fulfilment.subtotal_satang + fulfilment.shipping_satang,
                       gateway=gateway, now=now, key=f"fulfilment-{fulfilment.id}-cancel",
                       fulfilment_id=fulfilment.id)
        queue_email(session, order.consumer, "order_cancelled", order_id=order.id)
    elif target in (S.DELIVERED, S.COMPLETED) and fulfilment.cod_amount_satang is not None:
        fulfilment.cod_collected_satang = fulfilment.cod_amount_satang
    settle_order(session, order, now=now, actor=actor)
    session.flush()
    return fulfilment


class Blocked(enum.StrEnum):
    """Why a move the table allows cannot be made yet."""

    LINES_NOT_RECEIVED = "lines_not_received"  # packing waits for every line from its producer
    BEFORE_TOUR_DATE = "before_tour_date"  # a tour is completed on its date or later


@dataclass(frozen=True)
class AvailableMove:
    to: FulfilmentStatus
    blocked: Blocked | None = None


def tour_date(fulfilment: Fulfilment) -> dt.date | None:
    """The (last) date of a tour fulfilment's bookings; ``None`` for goods."""
    return max((line.slot_date for line in fulfilment.lines if line.slot_date), default=None)


def blocked_because(fulfilment: Fulfilment, to: FulfilmentStatus, *, now: dt.datetime) -> Blocked | None:
    """Why ``fulfilment`` cannot move to ``to`` yet, although the table allows it; ``None`` when it can."""
    if to is S.PACKED and any(line.received_at is None for line in fulfilment.lines):
        return Blocked.LINES_NOT_RECEIVED
    date = tour_date(fulfilment)
    if to is S.COMPLETED and date is not None and today_in_thailand(now) < date:
        return Blocked.BEFORE_TOUR_DATE
    return None


def available_moves(fulfilment: Fulfilment, actor: User, *, now: dt.datetime) -> list[AvailableMove]:
    """The moves ``actor`` may make on ``fulfilment``, each with why it is blocked for
    now, if it is: what the pages offer, from the same table and guards that
    ``move_fulfilment`` applies. Staff of its company and admins: every move the table
    allows but to ``new`` (only the payment does that), none while it awaits payment;
    the order's consumer: confirming receipt of shipped goods; anybody else: none."""
    if fulfilment.status is S.AWAITING_PAYMENT:
        return []
    if actor.has_role(Role.ADMIN) or (actor.has_role(Role.COMPANY) and actor.company_id == fulfilment.company_id):
        targets = [to for to in allowed_next(fulfilment.kind, fulfilment.status) if to is not S.NEW]
    elif actor.id == fulfilment.order.consumer_id and fulfilment.status is S.SHIPPED:
        targets = [S.DELIVERED]
    else:
        return []
    return [AvailableMove(to, blocked_because(fulfilment, to, now=now)) for to in sorted(targets, key=_ORDER.index)]


_ORDER = list(FulfilmentStatus)


def lines_can_be_received(fulfilment: Fulfilment) -> bool:
    """Lines come in from their producers while goods are accepted (before packing)."""
    return fulfilment.kind is FulfilmentKind.GOODS and fulfilment.status is S.ACCEPTED


def receive_line(session: Session, actor: User, fulfilment: Fulfilment, line_id: int, *,
                 now: dt.datetime) -> OrderLine:
    """Record that the company received a goods line from its producer (the producer
    sees it as handed over). Raises ``NotFound`` for a line of another fulfilment and
    ``InvalidTransition`` unless the fulfilment is accepted goods. Receiving twice is a no-op."""
    line: OrderLine | None = next((line for line in fulfilment.lines if line.id == line_id), None)
    if line is None:
        raise NotFound("Line not found")
    if not lines_can_be_received(fulfilment):
        raise InvalidTransition("Lines are received while an accepted goods fulfilment is being collected")
    if line.received_at is None:
        line.received_at = now
        record(session, "fulfilment.line_received", subject_type="fulfilment", subject_id=fulfilment.id,
               company_id=fulfilment.company_id, order_id=fulfilment.order_id, fulfilment_id=fulfilment.id,
               actor=actor, at=now, detail={"line_id": line.id, "title_th": line.title_th})
        session.flush()
    return line


def auto_deliver(session: Session, *, now: dt.datetime, gateway: PaymentGateway | None) -> list[Fulfilment]:
    """Mark delivered the shipped fulfilments whose buyer has not confirmed receipt
    within 14 days (run by the same periodic command that expires orders)."""
    due = session.scalars(
        select(Fulfilment).where(Fulfilment.status == S.SHIPPED, Fulfilment.shipped_at <= now - AUTO_DELIVER_AFTER)
        .options(selectinload(Fulfilment.lines), selectinload(Fulfilment.order).selectinload(Order.fulfilments))
        .order_by(Fulfilment.id).limit(500)
    ).all()
    delivered = []
    for fulfilment in due:
        try:
            move_fulfilment(session, None, fulfilment, S.DELIVERED, now=now, gateway=gateway)
        except InvalidTransition:
            continue  # moved meanwhile by staff or the buyer
        delivered.append(fulfilment)
    return delivered


# --- who may act -------------------------------------------------------------------------------------------

def fulfilment_for_staff(session: Session, user: User, fulfilment_id: int) -> Fulfilment:
    """A fulfilment of the user's own company (an admin sees all); ``NotFound`` for
    another company's, ``Forbidden`` for users who are not staff at all."""
    query = select(Fulfilment).where(Fulfilment.id == fulfilment_id, *company_condition(Fulfilment.company_id, user))
    query = query.options(
        selectinload(Fulfilment.lines), selectinload(Fulfilment.order).selectinload(Order.fulfilments),
        selectinload(Fulfilment.order).selectinload(Order.payments),
    )
    fulfilment = session.scalar(query)
    if fulfilment is None:
        raise NotFound("Fulfilment not found")
    return fulfilment


def fulfilment_for_actor(session: Session, user: User, fulfilment_id: int, to: str) -> Fulfilment:
    """The fulfilment ``user`` may move to ``to``: staff of its company, an admin, or —
    only to confirm receipt of shipped goods — the order's consumer. ``NotFound`` otherwise."""
    if user.has_role(Role.ADMIN) or user.has_role(Role.COMPANY):
        return fulfilment_for_staff(session, user, fulfilment_id)
    fulfilment = session.scalar(
        select(Fulfilment).join(Order).where(Fulfilment.id == fulfilment_id, Order.consumer_id == user.id)
        .options(selectinload(Fulfilment.lines), selectinload(Fulfilment.order).selectinload(Order.fulfilments))
    )
    if fulfilment is None:
        raise NotFound("Fulfilment not found")
    if to != S.DELIVERED.value or fulfilment.status is not S.SHIPPED:
        raise Forbidden("A buyer can only confirm receipt of a shipped parcel")
    return fulfilment
