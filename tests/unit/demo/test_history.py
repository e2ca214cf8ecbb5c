"""The demo order history: planned deterministically, played through the real services,
so the data obeys their rules; and a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from marketplace import geo
from marketplace.accounts.models import User
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import TourSlot
from marketplace.catalog.seed import seed_demo
from marketplace.demo import people
from marketplace.demo.history import seed_history
from marketplace.demo.plan import CARD_FREE_DAYS, KEY_PREFIX, bangkok, plan_history
from marketplace.enterprises.models import CommunityEnterprise
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.services import SHIP_WITHIN, is_late
from marketplace.fulfilment.states import FINAL_STATUSES, FulfilmentStatus
from marketplace.media import LocalStorage
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.models import Order, OrderLine, Review
from marketplace.orders.services import order_status_from_fulfilments
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment, PaymentMethod, Refund
from marketplace.payments.states import PaymentStatus
from marketplace.reports.income import IncomeQuery, income_report
from marketplace.reports.models import SettlementStatement, StatementStatus

S = FulfilmentStatus
TODAY = dt.date(2026, 3, 2)
UNTIL = bangkok(TODAY)
ORDERS, MONTHS = 40, 3
PHOTO_SIZE = (320, 240)
OPEN = {S.NEW, S.ACCEPTED, S.PACKED, S.SHIPPED, S.CONFIRMED}


@pytest.fixture
def history(session: Session, tmp_path: Path):
    seed_demo(session, LocalStorage(tmp_path / "media", "/media/"), today=TODAY, photo_size=PHOTO_SIZE)
    report = seed_history(session, today=TODAY, orders=ORDERS, months=MONTHS)
    return report


def history_orders(session: Session) -> list[Order]:
    return list(session.scalars(
        select(Order).where(Order.idempotency_key.like(f"{KEY_PREFIX}%")).order_by(Order.id)
        .options(selectinload(Order.fulfilments).selectinload(Fulfilment.lines), selectinload(Order.payments))
    ))


def admin(session: Session) -> User:
    return session.scalars(select(User).where(User.email == "admin@demo.otop.test")).one()


# --------------------------------------------------------------------------- the plan (no database)

def test_the_plan_is_the_same_for_the_same_arguments_and_keeps_its_own_rules():
    plan = plan_history(today=TODAY, orders=ORDERS, months=MONTHS, seed=7)
    assert plan == plan_history(today=TODAY, orders=ORDERS, months=MONTHS, seed=7)
    assert plan.orders != plan_history(today=TODAY, orders=ORDERS, months=MONTHS, seed=8).orders

    assert len(plan.orders) == ORDERS
    assert [order.key for order in plan.orders] == [f"{KEY_PREFIX}{i:05d}" for i in range(ORDERS)]
    placed = [order.placed_at for order in plan.orders]
    assert placed == sorted(placed) and bangkok(plan.start) <= placed[0] and placed[-1] < UNTIL
    for order in plan.orders:
        assert order.lines and all(line.quantity >= 1 for line in order.lines)
        if order.method is PaymentMethod.CARD:
            assert order.placed_at < UNTIL - dt.timedelta(days=CARD_FREE_DAYS)
        for part in order.parts:
            times = [event.at for event in part.events]
            assert times == sorted(times) and all(time > order.placed_at for time in times)
        for review in order.reviews:
            assert review.at > order.placed_at and 1 <= review.product_rating <= 5


def test_the_demo_people_live_at_real_addresses():
    addresses = [buyer.home for buyer in people.BUYERS] + [people.DEMO_CONSUMER_HOME, *people.GIFT_ADDRESSES]
    for address in addresses:
        code = address.subdistrict_code
        assert geo.address_problems(code[:2], code[:4], code, address.postal_code) == {}, address
    assert len({address.province_code for address in addresses}) >= 20
    assert len({buyer.email for buyer in people.BUYERS}) == len(people.BUYERS)


# --------------------------------------------------------------------------- played through the services

def test_a_small_history_has_every_kind_of_fulfilment_across_provinces(session: Session, history):
    assert history.created == ORDERS and history.not_placed == 0
    orders = history_orders(session)
    fulfilments = [fulfilment for order in orders for fulfilment in order.fulfilments]
    statuses = Counter(fulfilment.status for fulfilment in fulfilments)
    assert statuses[S.DELIVERED] > ORDERS // 2
    assert statuses[S.CANCELLED] >= 1
    assert set(statuses) & OPEN

    company_cancelled = [f for f in fulfilments if f.status is S.CANCELLED and f.cancel_reason in (
        *people.COMPANY_CANCEL_NEW, *people.COMPANY_CANCEL_ACCEPTED, *people.COMPANY_CANCEL_TOUR)]
    assert company_cancelled
    refunds = session.scalars(select(Refund).join(Payment).join(Order).where(
        Order.idempotency_key.like(f"{KEY_PREFIX}%"))).all()
    assert refunds and all(refund.amount_satang > 0 for refund in refunds)

    shipped_late = [f for f in fulfilments if f.shipped_at and f.new_at and f.shipped_at - f.new_at > SHIP_WITHIN]
    late_and_open = [f for f in fulfilments if f.status in OPEN and is_late(f, UNTIL)]
    assert shipped_late and late_and_open

    provinces = {line.enterprise.province_code for order in orders for line in order.lines}
    assert len(provinces) >= 8
    assert len({geo.region_of(code) for code in provinces}) >= 4
    assert {line.category_slug for order in orders for line in order.lines} >= {"food", "textiles"}


def test_every_order_obeys_the_settle_rules(session: Session, history):
    for order in history_orders(session):
        payment = order.payments[-1]
        assert order.total_satang == sum(f.subtotal_satang + f.shipping_satang for f in order.fulfilments)
        assert 0 <= payment.refunded_satang <= payment.amount_satang == order.total_satang
        statuses = {fulfilment.status for fulfilment in order.fulfilments}
        if order.status is OrderStatus.EXPIRED:
            assert statuses == {S.CANCELLED} and all(f.expired for f in order.fulfilments)
            assert payment.status is PaymentStatus.CANCELLED
            continue
        assert order.status is not OrderStatus.AWAITING_PAYMENT
        assert order_status_from_fulfilments(order) is order.status
        if order.status is OrderStatus.PLACED:
            assert statuses - FINAL_STATUSES
        if order.status is OrderStatus.CANCELLED:
            assert payment.status in (PaymentStatus.CANCELLED, PaymentStatus.REFUNDED)
        if order.status is OrderStatus.COMPLETED and order.payment_method is PaymentMethod.COD:
            assert payment.status is PaymentStatus.COLLECTED
        if order.status is OrderStatus.COMPLETED and order.payment_method is not PaymentMethod.COD:
            assert payment.status in (PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED)
        for fulfilment in order.fulfilments:
            if fulfilment.status in (S.DELIVERED, S.COMPLETED):
                assert fulfilment.new_at <= fulfilment.done_at < UNTIL
            if fulfilment.status in (S.PACKED, S.SHIPPED, S.DELIVERED):
                assert all(line.received_at is not None for line in fulfilment.lines)
            if fulfilment.status is S.SHIPPED or fulfilment.status is S.DELIVERED:
                assert fulfilment.carrier and fulfilment.tracking_number


def test_the_history_is_in_the_past_and_in_the_audit_trail(session: Session, history):
    orders = history_orders(session)
    assert all(bangkok(TODAY - dt.timedelta(days=95)) <= order.created_at < UNTIL for order in orders)
    ids = [order.id for order in orders]
    entries = session.scalars(select(AuditEntry).where(AuditEntry.order_id.in_(ids))).all()
    assert entries and max(entry.created_at for entry in entries) < UNTIL
    delivered = {f.id: f for order in orders for f in order.fulfilments if f.status is S.DELIVERED}
    moved = {entry.fulfilment_id: entry.created_at for entry in entries
             if entry.action == "fulfilment.transition" and entry.to_status == S.DELIVERED.value}
    assert {fid: f.done_at for fid, f in delivered.items()} == {fid: moved[fid] for fid in delivered}
    staff_moves = [entry for entry in entries if entry.to_status == S.ACCEPTED.value]
    assert staff_moves and all(entry.actor is not None and entry.actor.company_id == entry.company_id
                               for entry in staff_moves)
    unsent = session.scalar(select(func.count()).select_from(OutboxEmail).where(OutboxEmail.sent_at.is_(None)))
    assert unsent == 0  # the history's emails announce things long past: settled, never sent


def test_seats_taken_are_those_of_the_bookings_still_standing(session: Session, history):
    booked = Counter()
    for slot_id, quantity, status in session.execute(
            select(OrderLine.slot_id, OrderLine.quantity, Fulfilment.status)
            .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id).where(OrderLine.slot_id.is_not(None))):
        if status is not S.CANCELLED:
            booked[slot_id] += quantity
    for slot in session.scalars(select(TourSlot).where(TourSlot.seats_taken > 0)):
        assert slot.seats_taken == booked[slot.id]
    past = session.scalar(select(func.count()).select_from(TourSlot).where(TourSlot.date < TODAY))
    assert past == history.slots_created > 0


def test_reports_and_settlements_have_figures(session: Session, history):
    query = IncomeQuery.model_validate({"group_by": "province", "from": str(TODAY - dt.timedelta(days=95)),
                                        "to": str(TODAY)})
    report = income_report(session, admin(session), query)
    earning = [row for row in report.rows if row.items_satang > 0]
    assert len(earning) >= 5 and report.total.items_satang == sum(row.items_satang for row in report.rows)
    assert all(row.commission_satang > 0 for row in earning)
    assert len(earning) == history.provinces

    statements = session.scalars(select(SettlementStatement)).all()
    months = {statement.month for statement in statements}
    assert months == {dt.date(2025, 12, 1), dt.date(2026, 1, 1)}  # February's are due on March 3
    assert any(statement.status is StatementStatus.PAID for statement in statements)
    assert all(statement.issued_at < UNTIL for statement in statements)
    assert session.scalar(select(func.count()).select_from(Review)) == history.reviews_created > 0


def test_a_second_run_adds_nothing(session: Session, history):
    models = (Order, Fulfilment, OrderLine, Payment, Refund, Review, AuditEntry, OutboxEmail, SettlementStatement,
              TourSlot, User, CommunityEnterprise)

    def counts() -> dict[str, int]:
        return {model.__name__: session.scalar(select(func.count()).select_from(model)) for model in models}

    before = counts()
    again = seed_history(session, today=TODAY, orders=ORDERS, months=MONTHS)
    assert not again.changed
    assert again.created == 0 and again.already_there == ORDERS
    assert counts() == before
    assert "nothing was added" in again.summary()
    assert again.orders_by_status == history.orders_by_status
