"""Placing, paying, expiring and cancelling orders.

Stock and seats are reserved with one conditional UPDATE per line inside the order's
transaction (``... SET stock = stock - :q WHERE id = :id AND stock >= :q``), never by
read-check-write: the database decides who gets the last unit, on SQLite and
PostgreSQL alike. An order that cannot be fully reserved is not created at all.
Services flush; the caller commits once, or rolls back on any error.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import Role, User
from ..audit.services import record
from ..cart.lines import LineRequest
from ..catalog.models import Listing, ListingKind, TourSlot
from ..catalog.queries import visible_listings
from ..clock import BANGKOK
from ..companies.models import ProvincialCompany
from ..companies.services import company_for_province, fulfilling_companies
from ..db import rowcount
from ..errors import BadRequest, Conflict, Forbidden, InvalidTransition, NotFound, OutOfStock, SlotFull, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import transition
from ..fulfilment.states import FINAL_STATUSES, FulfilmentKind, FulfilmentStatus
from ..notifications.services import queue_email
from ..pagination import Page, SortKey, paginate
from ..payments.gateway import PaymentGateway
from ..payments.models import Payment, PaymentMethod
from ..payments.services import MANUAL_PROMPTPAY, new_payment, refund_payment, set_payment_status
from ..payments.states import CONFIRMABLE_TRANSFER_STATUSES, RECEIVED_STATUSES, UNPAID_STATUSES, PaymentStatus
from .checkout import Checkout
from .models import Order, OrderLine
from .states import OPEN_STATUSES, ORDER_TRANSITIONS, OrderStatus

S = FulfilmentStatus
ORDER_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


# --- the split -----------------------------------------------------------------------------------------

@dataclass
class QuoteLine:
    listing: Listing
    quantity: int
    slot: TourSlot | None = None

    @property
    def unit_price_satang(self) -> int:
        return self.listing.price_satang

    @property
    def total_satang(self) -> int:
        return self.listing.price_satang * self.quantity


@dataclass
class QuoteGroup:
    """What one company fulfils of one kind: a future fulfilment."""

    company: ProvincialCompany
    kind: FulfilmentKind
    lines: list[QuoteLine] = field(default_factory=list)

    @property
    def subtotal_satang(self) -> int:
        return sum(line.total_satang for line in self.lines)

    @property
    def shipping_satang(self) -> int:
        return self.company.shipping_fee_satang if self.kind is FulfilmentKind.GOODS else 0


@dataclass
class Quote:
    groups: list[QuoteGroup]

    @property
    def items_satang(self) -> int:
        return sum(group.subtotal_satang for group in self.groups)

    @property
    def shipping_satang(self) -> int:
        return sum(group.shipping_satang for group in self.groups)

    @property
    def total_satang(self) -> int:
        return self.items_satang + self.shipping_satang


def fulfilling_company(session: Session, listing: Listing) -> ProvincialCompany:
    """The company that fulfils ``listing``: the active company of the province of the
    listing's enterprise, else the national company.

    Raises ``NoFulfillingCompany`` (see ``companies.services.company_for_province``).
    """
    return company_for_province(session, listing.enterprise.province_code)


def quote(session: Session, lines: tuple[LineRequest, ...] | list[LineRequest], *, today: dt.date) -> Quote:
    """Price the lines and split them into one group per (fulfilling company, kind),
    with each company's flat shipping fee for goods and none for tours.

    Raises ``ValidationError`` (lines[i].…) for an unknown or unavailable listing, a
    missing, past, closed or foreign slot, a product given a slot, or a group larger
    than a tour allows; ``OutOfStock`` / ``SlotFull`` when there is not enough left
    right now (placement checks again, atomically).
    """
    ids = {line.listing_id for line in lines}
    listings = {
        listing.id: listing
        for listing in session.scalars(visible_listings().where(Listing.id.in_(ids)))
    }
    slot_ids = {line.slot_id for line in lines if line.slot_id is not None}
    slots = {slot.id: slot for slot in session.scalars(select(TourSlot).where(TourSlot.id.in_(slot_ids)))}
    problems: dict[str, str] = {}
    priced: list[QuoteLine] = []
    for index, line in enumerate(lines):
        prefix = f"lines[{index if line.position is None else line.position}]"
        listing = listings.get(line.listing_id)
        if listing is None:
            problems[f"{prefix}.listing_id"] = "this item is not available"
            continue
        if listing.kind is ListingKind.PRODUCT:
            if line.slot_id is not None:
                problems[f"{prefix}.slot_id"] = "only tours have dates"
                continue
            if (listing.stock or 0) < line.quantity:
                raise OutOfStock(_out_of_stock_message(listing), listing_id=listing.id, available=listing.stock)
            priced.append(QuoteLine(listing, line.quantity))
            continue
        slot = slots.get(line.slot_id) if line.slot_id is not None else None
        if slot is None or slot.listing_id != listing.id:
            problems[f"{prefix}.slot_id"] = "choose one of this tour's dates"
        elif slot.date < today:
            problems[f"{prefix}.slot_id"] = "this date has passed"
        elif slot.closed:
            problems[f"{prefix}.slot_id"] = "this date is closed for booking"
        elif listing.max_group is not None and line.quantity > listing.max_group:
            problems[f"{prefix}.quantity"] = f"at most {listing.max_group} people per booking"
        elif slot.available < line.quantity:
            raise SlotFull(_slot_full_message(listing, slot), listing_id=listing.id, slot_id=slot.id,
                           available=slot.available)
        else:
            priced.append(QuoteLine(listing, line.quantity, slot))
    if problems:
        raise ValidationError("Some items cannot be ordered", fields=problems)

    companies = fulfilling_companies(session, {quoted.listing.enterprise.province_code for quoted in priced})
    groups: dict[tuple[int, FulfilmentKind], QuoteGroup] = {}
    for quoted in priced:
        company = companies[quoted.listing.enterprise.province_code]
        kind = FulfilmentKind.TOUR if quoted.listing.kind is ListingKind.TOUR else FulfilmentKind.GOODS
        groups.setdefault((company.id, kind), QuoteGroup(company, kind)).lines.append(quoted)
    return Quote(sorted(groups.values(), key=lambda g: (g.kind is FulfilmentKind.TOUR, g.company.id)))


def _out_of_stock_message(listing: Listing) -> str:
    return f"Not enough stock of “{listing.title_th}” (listing {listing.id}): {listing.stock} left"


def _slot_full_message(listing: Listing, slot: TourSlot) -> str:
    return f"Not enough seats on {slot.date.isoformat()} for “{listing.title_th}” (listing {listing.id})"


# --- reservations ----------------------------------------------------------------------------------------

def reserve(session: Session, line: QuoteLine | OrderLine) -> bool:
    """Take stock or seats for one line with a single conditional UPDATE; ``False``
    when there is not enough left (nothing changed)."""
    if _slot_id(line) is None:
        result = session.execute(
            update(Listing)
            .where(Listing.id == _listing_id(line), Listing.stock >= line.quantity)
            .values(stock=Listing.stock - line.quantity)
            .execution_options(synchronize_session=False)
        )
    else:
        result = session.execute(
            update(TourSlot)
            .where(TourSlot.id == _slot_id(line), TourSlot.closed.is_(False),
                   TourSlot.seats_taken + line.quantity <= TourSlot.capacity)
            .values(seats_taken=TourSlot.seats_taken + line.quantity)
            .execution_options(synchronize_session=False)
        )
    return rowcount(result) == 1


def release(session: Session, lines: list[OrderLine]) -> None:
    """Give back the stock or seats that ``lines`` took."""
    for line in lines:
        if line.slot_id is None:
            session.execute(update(Listing).where(Listing.id == line.listing_id)
                            .values(stock=Listing.stock + line.quantity)
                            .execution_options(synchronize_session=False))
        else:
            session.execute(update(TourSlot).where(TourSlot.id == line.slot_id)
                            .values(seats_taken=TourSlot.seats_taken - line.quantity)
                            .execution_options(synchronize_session=False))


def _listing_id(line: QuoteLine | OrderLine) -> int:
    return line.listing.id if isinstance(line, QuoteLine) else line.listing_id


def _slot_id(line: QuoteLine | OrderLine) -> int | None:
    if isinstance(line, QuoteLine):
        return line.slot.id if line.slot is not None else None
    return line.slot_id


# --- placing ---------------------------------------------------------------------------------------------

def new_order_number(now: dt.datetime) -> str:
    """``OT-261126-7KQ3XM``: the Bangkok date and six unambiguous random characters."""
    suffix = "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(6))
    return f"OT-{now.astimezone(BANGKOK):%y%m%d}-{suffix}"


def order_for_key(session: Session, consumer: User, key: str, fingerprint: str) -> Order | None:
    """The order already placed with this ``Idempotency-Key``: the same one for the
    same request, ``Conflict`` (``idempotency_conflict``) for a different request."""
    existing = session.scalar(select(Order).where(Order.consumer_id == consumer.id, Order.idempotency_key == key))
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise Conflict("This Idempotency-Key was already used for a different order", code="idempotency_conflict")
    return existing


@dataclass
class PlacedOrder:
    order: Order
    created: bool


def place_order(session: Session, consumer: User, checkout: Checkout, *, now: dt.datetime, today: dt.date,
                gateway: PaymentGateway | None, payment_window: dt.timedelta,
                idempotency_key: str) -> PlacedOrder:
    """Create the order, split per company and kind, reserving every line atomically.

    Card and PromptPay orders await payment until ``now + payment_window``; cash on
    delivery is placed at once. Every placement carries an ``idempotency_key`` (the
    API's header, the checkout page's hidden field): with the same key and the same
    request the existing order comes back (``created`` False), even when both requests
    race — the loser's insert fails on the unique key inside a savepoint, which undoes
    its reservations, and it answers with the winner's order. Raises ``BadRequest``
    (``idempotency_key_required``) without a key, ``ValidationError``, ``OutOfStock`` /
    ``SlotFull`` (with ``listing_id``), ``Conflict`` (``idempotency_conflict``); the
    caller must roll back on any error.
    """
    key = (idempotency_key or "").strip()
    if not key:
        raise BadRequest("Send an Idempotency-Key header: a unique value per order, the same one on a retry",
                         code="idempotency_key_required")
    if len(key) > MAX_IDEMPOTENCY_KEY:
        raise BadRequest(f"The Idempotency-Key is longer than {MAX_IDEMPOTENCY_KEY} characters")
    fingerprint = checkout.fingerprint()
    existing = order_for_key(session, consumer, key, fingerprint)
    if existing is not None:
        return PlacedOrder(existing, created=False)
    try:
        with session.begin_nested():
            order = _create_order(session, consumer, checkout, now=now, today=today, gateway=gateway,
                                  payment_window=payment_window, key=key, fingerprint=fingerprint)
    except IntegrityError:
        existing = order_for_key(session, consumer, key, fingerprint)  # placed meanwhile by the other request
        if existing is None:
            raise
        return PlacedOrder(existing, created=False)
    queue_email(session, consumer, "order_placed", order_id=order.id)
    session.flush()
    return PlacedOrder(order, created=True)


MAX_IDEMPOTENCY_KEY = 255


def _create_order(session: Session, consumer: User, checkout: Checkout, *, now: dt.datetime, today: dt.date,
                  gateway: PaymentGateway | None, payment_window: dt.timedelta, key: str,
                  fingerprint: str) -> Order:
    priced = quote(session, checkout.lines, today=today)
    for group in priced.groups:
        for line in group.lines:
            if not reserve(session, line):
                if line.slot is None:
                    session.refresh(line.listing)
                    raise OutOfStock(_out_of_stock_message(line.listing), listing_id=line.listing.id,
                                     available=line.listing.stock)
                raise SlotFull(_slot_full_message(line.listing, line.slot), listing_id=line.listing.id,
                               slot_id=line.slot.id)

    paid_later = checkout.payment_method is not PaymentMethod.COD
    address = checkout.address
    order = Order(
        number=new_order_number(now), consumer=consumer,
        status=OrderStatus.AWAITING_PAYMENT if paid_later else OrderStatus.PLACED,
        payment_method=checkout.payment_method, ship_name=address.name, ship_phone=address.phone,
        ship_line1=address.line1, ship_subdistrict_code=address.subdistrict_code,
        ship_postal_code=address.postal_code, items_satang=priced.items_satang,
        shipping_satang=priced.shipping_satang, total_satang=priced.total_satang, currency="THB",
        idempotency_key=key, request_fingerprint=fingerprint,
        expires_at=now + payment_window if paid_later else None, created_at=now,
        placed_at=None if paid_later else now,
    )
    session.add(order)
    for group in priced.groups:
        fulfilment = Fulfilment(
            order=order, company=group.company, kind=group.kind, commission_bps=group.company.commission_bps,
            status=S.AWAITING_PAYMENT if paid_later else S.NEW, subtotal_satang=group.subtotal_satang,
            shipping_satang=group.shipping_satang, created_at=now, status_changed_at=now,
            new_at=None if paid_later else now,
            cod_amount_satang=None if paid_later else group.subtotal_satang + group.shipping_satang,
        )
        for line in group.lines:
            session.add(OrderLine(
                order=order, fulfilment=fulfilment, listing_id=line.listing.id,
                enterprise_id=line.listing.enterprise_id, slot_id=line.slot.id if line.slot else None,
                slot_date=line.slot.date if line.slot else None, title_th=line.listing.title_th,
                title_en=line.listing.title_en, category_slug=line.listing.category.slug,
                unit_price_satang=line.unit_price_satang, quantity=line.quantity,
                line_total_satang=line.total_satang,
            ))
    session.flush()
    record(session, "order.placed", subject_type="order", subject_id=order.id, order_id=order.id, actor=consumer,
           at=now, to_status=order.status.value)
    session.add(new_payment(order_id=order.id, order_number=order.number, method=order.payment_method,
                            amount_satang=order.total_satang, currency=order.currency, gateway=gateway))
    session.flush()
    return order


# --- reads -------------------------------------------------------------------------------------------------

def order_for_consumer(session: Session, consumer: User, order_id: int) -> Order:
    """One of ``consumer``'s own orders; ``NotFound`` for anybody else's."""
    order = session.scalar(
        select(Order).where(Order.id == order_id, Order.consumer_id == consumer.id).options(*ORDER_LOAD)
    )
    if order is None:
        raise NotFound("Order not found")
    return order


def order_for_viewer(session: Session, user: User, order_id: int) -> Order:
    """The order as ``user`` may see it: any order for an admin, else one of their own;
    ``NotFound`` otherwise."""
    if not user.has_role(Role.ADMIN):
        return order_for_consumer(session, user, order_id)
    order = session.scalar(select(Order).where(Order.id == order_id).options(*ORDER_LOAD))
    if order is None:
        raise NotFound("Order not found")
    return order


def consumer_orders(session: Session, consumer: User, *, cursor: str | None, limit: int) -> Page[Order]:
    """A page of ``consumer``'s orders, newest first, with their fulfilments and payment."""
    keys = [SortKey(Order.created_at, descending=True, kind="datetime"), SortKey(Order.id, descending=True)]
    query = select(Order, Order.created_at, Order.id).where(Order.consumer_id == consumer.id).options(*ORDER_LOAD)
    return paginate(session, query, keys, cursor=cursor, limit=limit)


ORDER_LOAD = (
    selectinload(Order.fulfilments).selectinload(Fulfilment.lines),
    selectinload(Order.payments),
)


def current_payment(order: Order) -> Payment:
    """The order's payment (there is one per order)."""
    payment: Payment = order.payments[-1]  # Order.payments is an untyped relationship()
    return payment


# --- paying ------------------------------------------------------------------------------------------------

def payment_can_be_offered(order: Order) -> bool:
    """Whether the buyer may (still) pay ``order`` now: it awaits its payment, which is
    pending (card or PromptPay; cash is paid at the door). Pages show "Pay now" and the
    PromptPay QR code only then: never an invitation to pay an expired or cancelled order."""
    return order.status is OrderStatus.AWAITING_PAYMENT and order.payment_method is not PaymentMethod.COD \
        and current_payment(order).status is PaymentStatus.PENDING


def pay_order(session: Session, consumer: User, order: Order, payment_method_id: str, *,
              gateway: PaymentGateway | None) -> str | None:
    """Confirm a card order's PaymentIntent with the client's PaymentMethod. The order
    becomes paid only when the signed webhook says so. Returns the client secret when
    the bank asks the buyer for an action (3-D Secure, which Stripe.js completes), else
    ``None``. Raises ``Conflict`` (``invalid_transition``) for an order that is not a
    card order awaiting payment, ``ValidationError`` for a missing payment method id,
    ``PaymentFailed`` (402)."""
    payment = current_payment(order)
    if not payment_can_be_offered(order) or order.payment_method is not PaymentMethod.CARD \
            or payment.intent_id is None or gateway is None:
        raise Conflict("Only a card order awaiting payment can be paid", code="invalid_transition")
    if not isinstance(payment_method_id, str) or not payment_method_id.strip():
        raise ValidationError("A payment method is required", fields={"payment_method_id": "required"})
    intent = gateway.confirm(payment.intent_id, payment_method_id.strip())
    if intent.status != "requires_action" and not intent.next_action:
        return None
    payment.client_secret = intent.client_secret or payment.client_secret
    return payment.client_secret


def mark_paid(session: Session, order: Order, payment: Payment, *, amount_satang: int, currency: str,
              now: dt.datetime, gateway: PaymentGateway | None, reference: str | None = None) -> str:
    """Record a successful payment of ``order``. Returns what happened:

    ``placed`` (awaiting payment → placed, fulfilments → new), ``already_paid`` (a
    repeat), ``amount_mismatch`` (not marked paid: the amount or currency differs from
    the order), ``replaced`` (paid after expiry and every line could be reserved again:
    placed, the fulfilments the expiry cancelled reinstated), ``refunded`` (paid after
    expiry or cancellation and it could not be placed: refunded in full, the order
    stays as it was).
    """
    if payment.status in RECEIVED_STATUSES:
        return "already_paid"
    if amount_satang != payment.amount_satang or currency.upper() != payment.currency:
        record(session, "payment.mismatch", subject_type="payment", subject_id=payment.id, order_id=order.id,
               actor=None, at=now, note=f"received {amount_satang} {currency.upper()}, "
                                        f"expected {payment.amount_satang} {payment.currency}")
        return "amount_mismatch"
    lock_order(session, order)  # and see the payment and the fulfilments as other transactions left them
    if payment.status in RECEIVED_STATUSES:
        return "already_paid"  # another delivery of the success recorded it since this one read it
    payment.reference = reference or payment.reference
    set_payment_status(session, payment, PaymentStatus.SUCCEEDED, now=now, note=reference)
    if order.status is OrderStatus.AWAITING_PAYMENT:
        outcome = "placed"
    elif order.status is OrderStatus.EXPIRED and _reserve_again(session, order):
        outcome = "replaced"
    else:  # cancelled, or expired with something sold out meanwhile
        refund_payment(session, payment, payment.amount_satang, gateway=gateway, now=now,
                       key=f"order-{order.id}-late")
        record(session, "payment.late_refunded", subject_type="payment", subject_id=payment.id, order_id=order.id,
               actor=None, at=now)
        session.flush()
        return "refunded"
    set_order_status(session, order, OrderStatus.PLACED, now=now, action="order.paid")
    order.placed_at, order.expires_at = now, None
    for fulfilment in order.fulfilments:
        if fulfilment.status is S.AWAITING_PAYMENT or fulfilment.expired:
            transition(session, fulfilment, S.NEW, actor=None, now=now, note="paid")
            fulfilment.expired = False
        elif fulfilment.status is S.CANCELLED:  # cancelled by its company while unpaid: give its share back
            refund_payment(session, payment, fulfilment.subtotal_satang + fulfilment.shipping_satang,
                           gateway=gateway, now=now, key=f"fulfilment-{fulfilment.id}-cancel",
                           fulfilment_id=fulfilment.id)
    queue_email(session, order.consumer, "order_paid", order_id=order.id)
    session.flush()
    return outcome


def set_order_status(session: Session, order: Order, to: OrderStatus, *, now: dt.datetime,
                     actor: User | None = None, action: str = "order.status", note: str | None = None) -> None:
    """Move ``order`` to ``to`` and write its audit row (``action`` names the event:
    ``order.paid``, ``order.expired``, ``order.cancelled``…). Raises ``InvalidTransition`` (409) when
    ``ORDER_TRANSITIONS`` does not allow the move, or when another transaction moved
    the order first (the UPDATE is conditional on the status this one read, so the
    expiry command and a payment arriving at once cannot both win)."""
    current = order.status
    if to not in ORDER_TRANSITIONS[current]:
        raise InvalidTransition(f"An order cannot go from {current.value} to {to.value}")
    moved = rowcount(session.execute(
        update(Order).where(Order.id == order.id, Order.status == current)
        .values(status=to).execution_options(synchronize_session=False)
    ))
    if moved != 1:
        session.refresh(order, ["status"])
        raise InvalidTransition("This order was changed meanwhile; reload and try again")
    set_committed_value(order, "status", to)
    record(session, action, subject_type="order", subject_id=order.id, order_id=order.id, actor=actor, at=now,
           from_status=current.value, to_status=to.value, note=note)


def order_status_from_fulfilments(order: Order) -> OrderStatus:
    """A placed order completes when every fulfilment is delivered, completed or
    cancelled; it is cancelled when all of them are cancelled."""
    statuses = {fulfilment.status for fulfilment in order.fulfilments}
    if statuses and statuses <= {S.CANCELLED}:
        return OrderStatus.CANCELLED
    if statuses and statuses <= FINAL_STATUSES:
        return OrderStatus.COMPLETED
    return order.status


def settle_order(session: Session, order: Order, *, now: dt.datetime, actor: User | None = None,
                 action: str = "order.status", note: str | None = None) -> None:
    """After fulfilments moved, the order and its payment follow them: the order is
    cancelled when every fulfilment is, completed when every one is delivered,
    completed or cancelled; a payment nothing was paid on is cancelled with the order,
    and cash on delivery is collected once every live part was paid at the door."""
    target = order_status_from_fulfilments(order)
    if target is not order.status:
        set_order_status(session, order, target, now=now, actor=actor, action=action, note=note)
    payment = current_payment(order)
    live = [fulfilment for fulfilment in order.fulfilments if fulfilment.status is not S.CANCELLED]
    if order.status is OrderStatus.CANCELLED and payment.status in UNPAID_STATUSES:
        set_payment_status(session, payment, PaymentStatus.CANCELLED, now=now, actor=actor)
    elif payment.status is PaymentStatus.DUE_ON_DELIVERY and live \
            and all(fulfilment.cod_collected_satang is not None for fulfilment in live):
        set_payment_status(session, payment, PaymentStatus.COLLECTED, now=now, actor=actor)


def _reserve_again(session: Session, order: Order) -> bool:
    """Reserve again, all or nothing, the lines of the fulfilments that the order's
    expiry cancelled (not those its companies had cancelled before)."""
    taken: list[OrderLine] = []
    for line in order.lines:
        if not line.fulfilment.expired:
            continue
        if not reserve(session, line):
            release(session, taken)
            return False
        taken.append(line)
    return True


def mark_failed(session: Session, order: Order, payment: Payment, *, message: str | None,
                now: dt.datetime) -> None:
    """A declined attempt: the order keeps waiting (the buyer may try another card)
    until it expires. A succeeded payment is never turned back into a failure."""
    if payment.status is PaymentStatus.PENDING:
        payment.failure_message = (message or "declined")[:500]
        record(session, "payment.failed", subject_type="payment", subject_id=payment.id, order_id=order.id,
               actor=None, at=now, note=payment.failure_message)


# --- refunds, expiry, cancellation ---------------------------------------------------------------------------

def expire_orders(session: Session, *, now: dt.datetime) -> list[Order]:
    """Expire unpaid orders past their payment window: the order expires, what it
    reserved comes back, its fulfilments and its payment are cancelled (a payment that
    still arrives places it again, if it can). Safe to run concurrently (from cron
    every minute): each order moves with a conditional UPDATE, so only one run
    releases it, and a payment recorded meanwhile wins."""
    due = session.scalars(
        select(Order).where(Order.status == OrderStatus.AWAITING_PAYMENT, Order.expires_at <= now)
        .options(selectinload(Order.lines), selectinload(Order.fulfilments), selectinload(Order.payments))
        .order_by(Order.id).limit(500)
    ).all()
    expired = []
    for order in due:
        try:
            set_order_status(session, order, OrderStatus.EXPIRED, now=now, action="order.expired")
        except InvalidTransition:
            continue  # paid or cancelled by another transaction meanwhile
        lock_order(session, order)  # a fulfilment its company cancelled meanwhile released its lines already
        release(session, live_lines(order))
        for fulfilment in order.fulfilments:
            if fulfilment.status is S.AWAITING_PAYMENT:
                transition(session, fulfilment, S.CANCELLED, actor=None, now=now, note="not paid in time")
                fulfilment.expired = True
        payment = current_payment(order)
        if payment.status in UNPAID_STATUSES:
            set_payment_status(session, payment, PaymentStatus.CANCELLED, now=now, note="not paid in time")
        queue_email(session, order.consumer, "order_expired", order_id=order.id)
        expired.append(order)
    session.flush()
    return expired


def live_lines(order: Order) -> list[OrderLine]:
    """The lines that hold stock or seats while the order is reserved: not those of a
    fulfilment already cancelled (its company gave them back when it cancelled)."""
    return [line for line in order.lines if line.fulfilment.status is not S.CANCELLED]


def lock_order(session: Session, order: Order) -> None:
    """Lock the order's row (PostgreSQL; SQLite writers are serialized by
    ``begin_write``) and read again what a concurrent move may have changed: the
    order's status, its fulfilments' statuses and cash, its payments' refunds. Every
    service that moves fulfilments and then acts on the whole order takes it first,
    so that two companies cancelling their parts at once cannot both refund from the
    same stale total, nor leave the order's status computed from stale siblings."""
    session.refresh(order, ["status"], with_for_update=True)
    for fulfilment in order.fulfilments:
        session.refresh(fulfilment, ["status", "cod_collected_satang", "expired"])
    for payment in order.payments:
        session.refresh(payment, ["status", "refunded_satang"])


CANCELLABLE_BY_CONSUMER = frozenset({S.AWAITING_PAYMENT, S.NEW, S.ACCEPTED, S.PACKED, S.CONFIRMED})


def order_is_cancellable(order: Order) -> bool:
    """The buyer may cancel while the order is open and every live fulfilment is
    still before shipping (and no tour is completed)."""
    live = [fulfilment for fulfilment in order.fulfilments if fulfilment.status is not S.CANCELLED]
    return order.status in OPEN_STATUSES and bool(live) \
        and all(fulfilment.status in CANCELLABLE_BY_CONSUMER for fulfilment in live)


def cancel_order(session: Session, consumer: User, order: Order, *, now: dt.datetime,
                 gateway: PaymentGateway | None, reason: str | None = None) -> Order:
    """The consumer cancels while ``order_is_cancellable``: every fulfilment is
    cancelled, stock and seats come back, what was paid is refunded and an unpaid
    payment cancelled, all in the caller's transaction. Raises ``Conflict``
    (``invalid_transition``) otherwise."""
    lock_order(session, order)
    if not order_is_cancellable(order):
        raise Conflict("This order can no longer be cancelled", code="invalid_transition")
    note = (reason or "").strip()[:500] or None  # the buyer's own words, or none: pages say who cancelled
    for fulfilment in order.fulfilments:
        if fulfilment.status is not S.CANCELLED:
            transition(session, fulfilment, S.CANCELLED, actor=consumer, now=now, note=note)
            fulfilment.cancel_reason = note
            release(session, fulfilment.lines)
    # Should an unpaid (now cancelled) payment still succeed, mark_paid refunds it.
    refund_payment(session, current_payment(order), order.total_satang, gateway=gateway, now=now,
                   key=f"order-{order.id}-cancel")
    settle_order(session, order, now=now, actor=consumer, action="order.cancelled", note=note)
    order.expires_at = None
    queue_email(session, consumer, "order_cancelled", order_id=order.id)
    session.flush()
    return order


# --- manual PromptPay -------------------------------------------------------------------------------------

def transfer_awaits_confirmation(payment: Payment) -> bool:
    """A manual PromptPay payment that nothing was recorded on yet: pending, or
    cancelled with its expired order (a transfer that still arrives is recorded, and
    the order placed again or the money refunded)."""
    return payment.method is PaymentMethod.PROMPTPAY and payment.provider == MANUAL_PROMPTPAY \
        and payment.status in CONFIRMABLE_TRANSFER_STATUSES


def confirm_promptpay_transfer(session: Session, admin: User, order: Order, reference: str, *,
                               now: dt.datetime, gateway: PaymentGateway | None) -> str:
    """The national admin confirms by hand that a PromptPay transfer for ``order``
    arrived, with the bank's ``reference``; the order is marked paid for its own amount
    (``mark_paid``, whose outcome is returned: ``placed``, ``replaced``, ``refunded``…).
    Raises ``Forbidden`` for anybody but an admin, ``Conflict`` (``invalid_transition``)
    unless ``transfer_awaits_confirmation``, ``ValidationError`` for an
    empty or overlong reference."""
    if not admin.has_role(Role.ADMIN):
        raise Forbidden("Only the national admin confirms PromptPay transfers")
    payment = current_payment(order)
    if not transfer_awaits_confirmation(payment):
        raise Conflict("This order has no PromptPay transfer waiting for confirmation", code="invalid_transition")
    reference = (reference or "").strip() if isinstance(reference, str) else ""
    if not reference or len(reference) > 100:
        raise ValidationError("The transfer reference is required",
                              fields={"reference": "the bank's reference, up to 100 characters"})
    outcome = mark_paid(session, order, payment, amount_satang=order.total_satang, currency=order.currency,
                        now=now, gateway=gateway, reference=reference)
    record(session, "payment.promptpay_confirmed", subject_type="payment", subject_id=payment.id,
           order_id=order.id, actor=admin, at=now, note=reference)
    session.flush()
    return outcome
