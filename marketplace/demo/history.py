"""A year of order history in the demo, made through the services real orders use.

``seed_history`` plays a ``plan.HistoryPlan`` at the times it names: each order is
placed with ``place_order`` (a checkout read by ``checkout_from``, an idempotency key,
``now`` in the past); paid through the payment webhook's handler (card, on the demo
provider of ``gateway``) or confirmed by the admin (PromptPay), or left to expire with
``expire_orders``; its fulfilments are moved by their company's staff with
``move_fulfilment`` and ``receive_line``, delivered by the buyer or by ``auto_deliver``;
buyers cancel with ``cancel_order`` and review with ``submit_review``; the companies
then issue their monthly settlement statements and pay most of them. Tour dates in the
past are opened with ``add_weekly_slots`` as of the history's first day, and producers
restock with ``update_listing`` when a product runs low. So the data obeys every rule
the services hold, because it came through them.

Idempotent: every order carries its plan's key (``demo-history-00042``); a second run
finds them all and adds nothing, not even statements. The accounts it needs (buyers,
one staff member per company, a producer for each demo enterprise without one) are
found by e-mail or created, all with the public password ``people.HISTORY_PASSWORD``
(hashed once and shared: these are demonstration logins). Emails the history queued
announce things long past: they are settled unsent. Flushes, never commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
from collections import Counter
from collections.abc import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..accounts.models import Role, User
from ..accounts.passwords import hash_password
from ..backoffice.workflow import auto_deliver, lines_can_be_received, move_fulfilment, receive_line
from ..catalog import demo_data
from ..catalog.models import Listing, ListingKind, TourSlot
from ..catalog.services import update_listing
from ..catalog.slots import MAX_PATTERN_DAYS, add_weekly_slots
from ..clock import BANGKOK, today_in_thailand
from ..companies.models import ProvincialCompany
from ..enterprises.models import CommunityEnterprise, EnterpriseMember
from ..errors import ConfigurationError, OutOfStock, SlotFull, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import SHIP_WITHIN, is_late
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus, allowed_next
from ..notifications.models import OutboxEmail
from ..notifications.services import settle_unsent
from ..orders.checkout import parse_checkout
from ..orders.models import Order, OrderLine
from ..orders.payment_events import handle_event
from ..orders.reviews import is_reviewable, submit_review
from ..orders.services import (
    cancel_order, confirm_promptpay_transfer, current_payment, expire_orders, order_is_cancellable, place_order,
)
from ..orders.states import OrderStatus
from ..payments.models import Payment, PaymentMethod
from ..payments.states import PaymentStatus
from ..reports.producer import Month
from ..reports.settlement import issue_statements, mark_statement_paid
from . import people
from .gateway import DemoGateway
from .plan import (
    KEY_PREFIX, PAYMENT_WINDOW, Event, HistoryPlan, PartPlan, PlannedOrder, ReviewPlan, Step, bangkok, plan_history,
)

S = FulfilmentStatus
DEFAULT_ORDERS = 1600
DEFAULT_MONTHS = 12
DEFAULT_SEED = 2569  # the Buddhist Era year the demo was written in
ALL_METHODS = frozenset(PaymentMethod)  # what the marketplace took at the time
LOW_STOCK = 3  # a producer brings a new batch when fewer than this would be left
ADMIN_EMAIL = "admin@demo.otop.test"
CHIANG_MAI_STAFF_EMAIL = "company@demo.otop.test"
STATEMENT_PAID_LATEST = 0.5  # of the last month's statements; older ones are all but a few paid
STATEMENT_PAID_OLDER = 0.95
TARGETS = {
    Step.ACCEPT: S.ACCEPTED, Step.PACK: S.PACKED, Step.SHIP: S.SHIPPED, Step.DELIVER: S.DELIVERED,
    Step.CONFIRM: S.CONFIRMED, Step.COMPLETE: S.COMPLETED, Step.CANCEL: S.CANCELLED,
}


@dataclasses.dataclass
class HistoryReport:
    """What ``seed_history`` did (created counts are zero on a repeated run), and where
    every history order stands now."""

    planned: int = 0
    created: int = 0
    already_there: int = 0
    not_placed: int = 0  # the services refused them (a listing archived or sold out meanwhile)
    accounts_created: int = 0
    slots_created: int = 0
    restocks: int = 0
    reviews_created: int = 0
    statements_issued: int = 0
    statements_paid: int = 0
    emails_settled: int = 0
    orders_by_status: Counter[str] = dataclasses.field(default_factory=Counter)
    fulfilments_by_status: Counter[str] = dataclasses.field(default_factory=Counter)
    late_fulfilments: int = 0
    refunded_payments: int = 0
    provinces: int = 0  # of the enterprises that earned something

    @property
    def changed(self) -> bool:
        return bool(self.created or self.accounts_created or self.statements_issued or self.statements_paid)

    def summary(self) -> str:
        if not self.changed:
            head = f"Order history is up to date ({self.already_there} orders); nothing was added."
        else:
            head = (f"Order history: {self.created} orders placed ({self.already_there} already there, "
                    f"{self.not_placed} refused), {self.reviews_created} reviews, {self.restocks} restocks, "
                    f"{self.slots_created} past tour dates, {self.accounts_created} accounts; "
                    f"{self.statements_issued} settlement statements ({self.statements_paid} paid); "
                    f"{self.emails_settled} emails of the past settled unsent")
        orders = ", ".join(f"{status} {count}" for status, count in sorted(self.orders_by_status.items()))
        parts = ", ".join(f"{status} {count}" for status, count in sorted(self.fulfilments_by_status.items()))
        return "\n".join((
            head,
            f"  orders: {orders}",
            f"  fulfilments: {parts}; shipped late {self.late_fulfilments}; refunded payments "
            f"{self.refunded_payments}; earning provinces {self.provinces}",
            f"  history accounts (buyer1-{len(people.BUYERS)}@, staff.<province code>@, producer.<enterprise>@"
            f"{people.EMAIL_DOMAIN}) share the password {people.HISTORY_PASSWORD}",
        ))


@dataclasses.dataclass
class _Cast:
    """The people the history needs, loaded or created once."""

    admin: User
    buyers: list[User]
    staff: dict[int, User]  # company id → a staff member
    stockists: dict[int, User]  # enterprise id → a producer who manages it


def seed_history(session: Session, *, today: dt.date, orders: int = DEFAULT_ORDERS, months: int = DEFAULT_MONTHS,
                 seed: int = DEFAULT_SEED, payment_window: dt.timedelta = PAYMENT_WINDOW) -> HistoryReport:
    """Play about ``orders`` orders over the ``months`` months before ``today`` through the
    services (see the module docstring). ``payment_window`` is the marketplace's
    (``ORDER_PAYMENT_WINDOW_MINUTES``). Needs the demo catalogue (``catalog.seed.seed_demo``
    with the same ``today``); raises ``ConfigurationError`` without it, and ``ValueError``
    for fewer than 10 orders or months outside 1 to 24. Flushes, never commits."""
    plan = plan_history(today=today, orders=orders, months=months, seed=seed, payment_window=payment_window)
    report = HistoryReport(planned=len(plan.orders))
    enterprises = _demo_enterprises(session)
    listings = _demo_listings(session, enterprises)
    existing = set(session.scalars(select(Order.idempotency_key).where(Order.idempotency_key.like(f"{KEY_PREFIX}%"))))
    todo = [order for order in plan.orders if order.key not in existing]
    report.already_there = len(plan.orders) - len(todo)
    first_email = session.scalar(select(func.max(OutboxEmail.id))) or 0
    cast = _ensure_cast(session, plan, enterprises, report)
    if todo:
        gateway = DemoGateway()
        _ensure_past_slots(session, plan, listings, report)
        player = _Player(session, plan, cast, listings, gateway, payment_window, report)
        for planned in todo:
            player.play(planned)
        _settle_months(session, plan, cast, report, random.Random(f"{seed}-settlement"))
        report.emails_settled = settle_unsent(session, user_ids=[user.id for user in _everyone(cast)],
                                              after_id=first_email, at=plan.until)
    session.flush()
    _count(session, plan, report)
    return report


# --- the catalogue and the people ---------------------------------------------------------------------

def _demo_enterprises(session: Session) -> dict[str, CommunityEnterprise]:
    """The demo enterprises that exist, by their demo key."""
    key_of = {spec.registration_no: spec.key for spec in demo_data.ENTERPRISES}
    return {key_of[enterprise.registration_no]: enterprise for enterprise in session.scalars(
        select(CommunityEnterprise).where(CommunityEnterprise.registration_no.in_(key_of)))}


def _demo_listings(session: Session, enterprises: dict[str, CommunityEnterprise]) -> dict[tuple[str, str], Listing]:
    key_of = {enterprise.id: key for key, enterprise in enterprises.items()}
    listings = {(key_of[listing.enterprise_id], listing.title_th): listing
                for listing in session.scalars(select(Listing).where(Listing.enterprise_id.in_(key_of)))}
    wanted = [(spec.enterprise, spec.title_th) for spec in demo_data.PRODUCTS]
    wanted += [(spec.enterprise, spec.title_th) for spec in demo_data.TOURS]
    missing = [key for key in wanted if key not in listings]
    if missing:
        raise ConfigurationError(f"the demo catalogue is not loaded ({len(missing)} demo listings missing); "
                                 "run seed_demo first")
    return listings


def _ensure_cast(session: Session, plan: HistoryPlan, enterprises: dict[str, CommunityEnterprise],
                 report: HistoryReport) -> _Cast:
    admin = session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    if admin is None or not admin.has_role(Role.ADMIN):
        raise ConfigurationError(f"the demo admin {ADMIN_EMAIL} is missing; run seed_demo first")
    joined = dt.datetime.combine(plan.start - dt.timedelta(days=30), dt.time(9), tzinfo=BANGKOK)
    password_hash = ""

    def account(email: str, name: str, role: Role, **fields: object) -> User:
        nonlocal password_hash
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            password_hash = password_hash or hash_password(people.HISTORY_PASSWORD)
            user = User(email=email, password_hash=password_hash, name=name, created_at=joined, **fields)
            session.add(user)
            report.accounts_created += 1
        user.add_role(role)
        return user

    buyers = [account(buyer.email, buyer.name, Role.CONSUMER, phone=buyer.phone, language=buyer.language)
              for buyer in plan.buyers]

    provinces = sorted({spec.province_code for spec in demo_data.ENTERPRISES})
    companies = {company.province_code: company for company in session.scalars(select(ProvincialCompany).where(
        ProvincialCompany.province_code.in_(provinces), ProvincialCompany.is_national.is_(False)))}
    staff: dict[int, User] = {}
    for number, code in enumerate(provinces):
        company = companies[code]
        email = CHIANG_MAI_STAFF_EMAIL if code == "50" else f"staff.{code}@{people.EMAIL_DOMAIN}"
        name = people.COMPANY_STAFF_NAMES[number % len(people.COMPANY_STAFF_NAMES)]
        staff[company.id] = account(email, name, Role.COMPANY, company_id=company.id)
    session.flush()

    members = {row.enterprise_id: row.user_id for row in session.scalars(select(EnterpriseMember).where(
        EnterpriseMember.enterprise_id.in_([enterprise.id for enterprise in enterprises.values()])))}
    stockists: dict[int, User] = {}
    for number, (key, enterprise) in enumerate(sorted(enterprises.items())):
        if enterprise.id in members:
            stockists[enterprise.id] = session.get_one(User, members[enterprise.id])
            continue
        name = f"{people.PRODUCER_NAMES[number % len(people.PRODUCER_NAMES)]} ({enterprise.name_th})"
        producer = account(f"producer.{key}@{people.EMAIL_DOMAIN}", name[:120], Role.PRODUCER)
        session.flush()
        session.add(EnterpriseMember(enterprise_id=enterprise.id, user_id=producer.id))
        stockists[enterprise.id] = producer
    session.flush()
    return _Cast(admin=admin, buyers=buyers, staff=staff, stockists=stockists)


def _everyone(cast: _Cast) -> Iterable[User]:
    return (*cast.buyers, *cast.staff.values(), *cast.stockists.values(), cast.admin)


def _ensure_past_slots(session: Session, plan: HistoryPlan, listings: dict[tuple[str, str], Listing],
                       report: HistoryReport) -> None:
    """Each demo tour's weekly departures over the history, opened by its producer on the
    history's first day (the slot service refuses dates before its ``today``)."""
    last = plan.today - dt.timedelta(days=1)
    for tour in demo_data.TOURS:
        listing = listings[(tour.enterprise, tour.title_th)]
        start = plan.start
        while start <= last:
            end = min(last, start + dt.timedelta(days=MAX_PATTERN_DAYS - 1))
            result = add_weekly_slots(session, listing, start, end, plan.tour_weekdays[tour.title_th],
                                      listing.max_group or tour.max_group, today=start)
            report.slots_created += len(result.added)
            start = end + dt.timedelta(days=1)
    session.flush()


# --- playing the orders ---------------------------------------------------------------------------------

@dataclasses.dataclass
class _Player:
    session: Session
    plan: HistoryPlan
    cast: _Cast
    listings: dict[tuple[str, str], Listing]
    gateway: DemoGateway
    payment_window: dt.timedelta
    report: HistoryReport

    def __post_init__(self) -> None:
        slots = self.session.scalars(select(TourSlot).where(
            TourSlot.listing_id.in_([listing.id for listing in self.listings.values()
                                     if listing.kind is ListingKind.TOUR])))
        self.slots = {(slot.listing_id, slot.date): slot.id for slot in slots}
        self.batches = {(spec.enterprise, spec.title_th): spec.stock for spec in demo_data.PRODUCTS}

    def play(self, planned: PlannedOrder) -> None:
        order = self.place(planned)
        if order is None:
            return
        buyer = self.cast.buyers[planned.buyer]
        events: list[tuple[dt.datetime, int, Callable[[dt.datetime], None]]] = []

        def at(moment: dt.datetime | None, act: Callable[[dt.datetime], None]) -> None:
            if moment is not None and moment < self.plan.until:
                events.append((moment, len(events), act))

        at(planned.paid_at, functools.partial(self.pay, order))
        at(planned.expire_at, self.expire)
        at(planned.cancel_at, functools.partial(self.buyer_cancels, order, buyer, planned.cancel_reason))
        for part, fulfilment in self.parts(order, planned):
            for event in part.events:
                at(event.at, functools.partial(self.move, fulfilment, event, buyer))
        for review in planned.reviews:
            at(review.at, functools.partial(self.review, order, buyer, review))
        for moment, _seq, act in sorted(events, key=lambda event: (event[0], event[1])):
            act(moment)

    def place(self, planned: PlannedOrder) -> Order | None:
        lines = []
        for line in planned.lines:
            listing = self.listings[line.listing]
            slot_id = None
            if line.slot_date is not None:
                slot_id = self.slots.get((listing.id, line.slot_date))
                if slot_id is None:
                    continue  # a date of the plan that this database does not have
            else:
                self.restock(listing, line.quantity, self.batches[line.listing])
            lines.append({"listing_id": listing.id, "quantity": line.quantity, "slot_id": slot_id})
        if not lines:
            self.report.not_placed += 1
            return None
        buyer = self.cast.buyers[planned.buyer]
        address = planned.address
        checkout = parse_checkout({  # as the API reads its body
            "lines": lines, "payment_method": planned.method.value,
            "shipping_address": {"name": address.name, "phone": buyer.phone or "0800002000", "line1": address.line1,
                                 "subdistrict_code": address.subdistrict_code, "postal_code": address.postal_code},
        }, available_methods=ALL_METHODS)
        try:
            placed = place_order(self.session, buyer, checkout, now=planned.placed_at,
                                 today=today_in_thailand(planned.placed_at), gateway=self.gateway,
                                 payment_window=self.payment_window, idempotency_key=planned.key)
        except (OutOfStock, SlotFull, ValidationError):
            self.report.not_placed += 1
            return None
        self.report.created += 1
        return placed.order

    def restock(self, listing: Listing, quantity: int, batch: int) -> None:
        """The producer brings a new batch of ``batch`` units, the size of the demo's first
        (``update_listing``), when this line would leave fewer than ``LOW_STOCK``."""
        self.session.refresh(listing, ["stock"])  # reservations update the row, not the loaded object
        stock = listing.stock or 0
        producer = self.cast.stockists.get(listing.enterprise_id)
        if stock - quantity >= LOW_STOCK or producer is None:
            return
        update_listing(self.session, producer, listing, stock=stock + max(batch, quantity + LOW_STOCK))
        self.report.restocks += 1

    def parts(self, order: Order, planned: PlannedOrder) -> list[tuple[PartPlan, Fulfilment]]:
        """Each part of the plan with the fulfilment the order service made of it, matched
        by province and kind (or by kind alone, when a national company took several)."""
        left = list(order.fulfilments)
        matched = []
        for part in planned.parts:
            kind = FulfilmentKind.TOUR if part.is_tour else FulfilmentKind.GOODS
            fulfilment = next((f for f in left if f.kind is kind and f.company.province_code == part.province_code),
                              next((f for f in left if f.kind is kind), None))
            if fulfilment is not None:
                left.remove(fulfilment)
                matched.append((part, fulfilment))
        return matched

    def pay(self, order: Order, now: dt.datetime) -> None:
        payment = current_payment(order)
        if order.status is not OrderStatus.AWAITING_PAYMENT or payment.status is not PaymentStatus.PENDING:
            return
        if order.payment_method is PaymentMethod.CARD:
            handle_event(self.session, self.gateway.succeeded(payment), gateway=self.gateway, now=now)
        else:
            reference = f"{random.Random(order.number).choice(('KBANK', 'SCB', 'BBL', 'KTB', 'BAY'))}" \
                        f"{now.astimezone(BANGKOK):%y%m%d%H%M}{order.id % 10_000:04d}"
            confirm_promptpay_transfer(self.session, self.cast.admin, order, reference, now=now, gateway=self.gateway)

    def expire(self, now: dt.datetime) -> None:
        expire_orders(self.session, now=now)

    def buyer_cancels(self, order: Order, buyer: User, reason: str | None, now: dt.datetime) -> None:
        if order_is_cancellable(order):
            cancel_order(self.session, buyer, order, now=now, gateway=self.gateway, reason=reason)

    def move(self, fulfilment: Fulfilment, event: Event, buyer: User, now: dt.datetime) -> None:
        staff = self.cast.staff.get(fulfilment.company_id, self.cast.admin)
        if event.step is Step.RECEIVE:
            if lines_can_be_received(fulfilment) and event.line < len(fulfilment.lines):
                receive_line(self.session, staff, fulfilment, fulfilment.lines[event.line].id, now=now)
            return
        if event.step is Step.AUTO_DELIVER:
            if fulfilment.status is S.SHIPPED:
                auto_deliver(self.session, now=now, gateway=self.gateway)
            return
        target = TARGETS[event.step]
        if target not in allowed_next(fulfilment.kind, fulfilment.status) or fulfilment.status is S.AWAITING_PAYMENT:
            return  # the order was cancelled, expired or never paid first
        actor = buyer if event.by_buyer else staff
        collected = fulfilment.cod_amount_satang if target is S.DELIVERED and not event.by_buyer else None
        move_fulfilment(self.session, actor, fulfilment, target, now=now, gateway=self.gateway,
                        carrier=event.carrier.value if event.carrier else None, tracking_number=event.tracking,
                        reason=event.reason, collected_satang=collected)

    def review(self, order: Order, buyer: User, review: ReviewPlan, now: dt.datetime) -> None:
        line = order.lines[review.line] if review.line < len(order.lines) else None
        if line is None or not is_reviewable(line):
            return
        submit_review(self.session, buyer, line.id, product_rating=review.product_rating,
                      product_text=review.product_text, service_rating=review.service_rating,
                      service_text=review.service_text, now=now)
        self.report.reviews_created += 1


# --- settlement ---------------------------------------------------------------------------------------------

def _settle_months(session: Session, plan: HistoryPlan, cast: _Cast, report: HistoryReport,
                   rng: random.Random) -> None:
    """Each company issues every month's statements in the first days of the next month
    (``issue_statements``) and pays most of them within the week (``mark_statement_paid``);
    a month whose statements would be due on or after the history's end is left to them."""
    month, last = Month.of(bangkok(plan.start)), Month.of(plan.until)
    while month < last:
        issue_at = month.next().starts_at() + dt.timedelta(days=2, hours=10, minutes=rng.randint(0, 120))
        if issue_at >= plan.until:
            break
        latest = month.next() == last
        for company_id, staff in sorted(cast.staff.items()):
            for statement in issue_statements(session, staff, month, now=issue_at, company_id=company_id):
                report.statements_issued += 1
                paid_at = issue_at + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6))
                chance = STATEMENT_PAID_LATEST if latest else STATEMENT_PAID_OLDER
                if paid_at < plan.until and rng.random() < chance:
                    reference = f"KTB-{paid_at.astimezone(BANGKOK):%y%m%d}-{statement.id:05d}"
                    mark_statement_paid(session, staff, statement, reference, now=paid_at)
                    report.statements_paid += 1
        month = month.next()


# --- where the history stands ------------------------------------------------------------------------------

def _count(session: Session, plan: HistoryPlan, report: HistoryReport) -> None:
    history = Order.idempotency_key.like(f"{KEY_PREFIX}%")
    report.orders_by_status = Counter({
        status.value: count for status, count in session.execute(
            select(Order.status, func.count()).where(history).group_by(Order.status))
    })
    report.fulfilments_by_status = Counter({
        status.value: count for status, count in session.execute(
            select(Fulfilment.status, func.count()).join(Order, Order.id == Fulfilment.order_id).where(history)
            .group_by(Fulfilment.status))
    })
    shipped = session.execute(select(Fulfilment.new_at, Fulfilment.shipped_at).join(Order).where(
        history, Fulfilment.shipped_at.is_not(None), Fulfilment.new_at.is_not(None))).all()
    open_parts = session.scalars(select(Fulfilment).join(Order).where(
        history, Fulfilment.status.in_([S.NEW, S.ACCEPTED, S.PACKED]))).all()
    report.late_fulfilments = sum(1 for new_at, shipped_at in shipped
                                  if new_at and shipped_at and shipped_at - new_at > SHIP_WITHIN)
    report.late_fulfilments += sum(1 for part in open_parts if is_late(part, plan.until))
    report.refunded_payments = session.scalar(select(func.count()).select_from(Payment).join(Order).where(
        history, Payment.refunded_satang > 0)) or 0
    report.provinces = session.scalar(
        select(func.count(func.distinct(CommunityEnterprise.province_code)))
        .select_from(OrderLine).join(Order).join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .join(CommunityEnterprise, CommunityEnterprise.id == OrderLine.enterprise_id)
        .where(history, Fulfilment.status.in_([S.DELIVERED, S.COMPLETED]))) or 0
