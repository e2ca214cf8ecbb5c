"""What each move causes, through ``move_fulfilment``: stock or seats back and the paid
share refunded on cancel (exactly that fulfilment's lines + its shipping, never the whole
order), cash collected on delivery, the order's status recomputed, an audit row per move,
an email in the outbox on shipping and on cancelling."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.backoffice.workflow import move_fulfilment
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.errors import InvalidTransition, ValidationError
from marketplace.fulfilment.services import transition
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.services import confirm_promptpay_transfer, current_payment, expire_orders, mark_paid
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Refund, RefundStatus
from marketplace.payments.states import PaymentStatus
from tests.factories import FakeGateway, make_enterprise, make_listing, make_slot, make_staff, make_user, place

S = FulfilmentStatus
NOW = dt.datetime(2025, 3, 10, 3, 0, tzinfo=dt.UTC)  # 10:00 in Bangkok
LATER = NOW + dt.timedelta(hours=1)
SHIP = {"carrier": "kerry", "tracking_number": "KEX123456789"}
# Chiang Mai (50) and Bangkok (10): two companies, each with its flat 50-baht goods fee.
CM_PRICE, BKK_PRICE, FEE = 12500, 30000, 5000


@pytest.fixture
def gateway():
    return FakeGateway()


@pytest.fixture
def goods(session):
    return {
        "50": make_listing(session, stock=10, price_satang=CM_PRICE, enterprise=make_enterprise(session)),
        "10": make_listing(session, stock=10, price_satang=BKK_PRICE,
                           enterprise=make_enterprise(session, province_code="10")),
    }


def stock(session, listing) -> int:
    session.expire_all()
    return session.scalar(select(Listing.stock).where(Listing.id == listing.id))


def seats(session, slot) -> int:
    session.expire_all()
    return session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id))


def emails(session, user, template) -> int:
    return session.scalar(select(func.count(OutboxEmail.id)).where(OutboxEmail.user_id == user.id,
                                                                   OutboxEmail.template == template))


def by_company(order, province_code):
    return next(f for f in order.fulfilments if f.company.province_code == province_code)


def paid_card_order(session, gateway, goods, cm_qty=2, bkk_qty=1):
    """A Chiang Mai + Bangkok goods order, paid by card (as the webhook records it)."""
    order = place(session, make_user(session), (goods["50"], cm_qty), (goods["10"], bkk_qty),
                  payment_method="card", gateway=gateway, now=NOW)
    assert mark_paid(session, order, current_payment(order), amount_satang=order.total_satang, currency="THB",
                     now=NOW, gateway=gateway) == "placed"
    return order


def cancel(session, actor, fulfilment, gateway, reason="ผู้ผลิตส่งไม่ได้", now=LATER):
    return move_fulfilment(session, actor, fulfilment, S.CANCELLED, now=now, gateway=gateway, reason=reason)


# -- cancelling: stock, seats, the paid share -----------------------------------------------------------

def test_cancelling_goods_puts_the_stock_back(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 3))
    assert stock(session, goods["50"]) == 7
    cancel(session, make_staff(session), order.fulfilments[0], gateway)
    assert stock(session, goods["50"]) == 10


def test_cancelling_a_tour_puts_the_seats_back(session, gateway):
    tour = make_listing(session, kind=ListingKind.TOUR, max_group=6)
    slot = make_slot(session, tour, date=dt.date(2025, 3, 20), capacity=8)
    order = place(session, make_user(session), (tour, 4, slot), now=NOW)
    assert seats(session, slot) == 4
    cancel(session, make_staff(session), order.fulfilments[0], gateway)
    assert seats(session, slot) == 0


def test_cancelling_one_companys_part_refunds_exactly_its_share(session, gateway, goods):
    order = paid_card_order(session, gateway, goods, cm_qty=2, bkk_qty=1)
    assert order.total_satang == 2 * CM_PRICE + BKK_PRICE + 2 * FEE
    payment = current_payment(order)
    chiang_mai, bangkok = by_company(order, "50"), by_company(order, "10")

    cancel(session, make_staff(session, "50"), chiang_mai, gateway)

    share = 2 * CM_PRICE + FEE
    assert gateway.refunds == [(payment.intent_id, share, f"fulfilment-{chiang_mai.id}-cancel")]
    refund = session.scalars(select(Refund).where(Refund.payment_id == payment.id)).one()
    assert (refund.amount_satang, refund.fulfilment_id, refund.status) == (share, chiang_mai.id,
                                                                           RefundStatus.SUCCEEDED)
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.PARTIALLY_REFUNDED, share)
    assert order.status is OrderStatus.PLACED and bangkok.status is S.NEW
    assert stock(session, goods["50"]) == 10 and stock(session, goods["10"]) == 9

    cancel(session, make_staff(session, "10"), bangkok, gateway)

    assert [amount for _, amount, _ in gateway.refunds] == [share, BKK_PRICE + FEE]
    refunded = session.scalars(select(Refund.fulfilment_id).order_by(Refund.id)).all()
    assert refunded == [chiang_mai.id, bangkok.id]
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, order.total_satang)
    assert order.status is OrderStatus.CANCELLED
    assert stock(session, goods["10"]) == 10


def test_cash_on_delivery_cancelled_refunds_nothing(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1), (goods["10"], 1))
    cancel(session, make_staff(session, "50"), by_company(order, "50"), gateway)
    assert gateway.refunds == []
    assert session.scalar(select(func.count(Refund.id))) == 0
    assert current_payment(order).status is PaymentStatus.DUE_ON_DELIVERY
    assert current_payment(order).refunded_satang == 0


def test_a_promptpay_transfer_confirmed_by_the_admin_is_refunded_by_hand(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1), payment_method="promptpay",
                  now=NOW)
    admin = make_user(session, role=Role.ADMIN)
    assert confirm_promptpay_transfer(session, admin, order, "KBANK-20250310-0042", now=NOW,
                                      gateway=None) == "placed"
    chiang_mai = by_company(order, "50")
    assert chiang_mai.status is S.NEW

    cancel(session, make_staff(session, "50"), chiang_mai, gateway=None)

    refund = session.scalars(select(Refund)).one()
    assert (refund.amount_satang, refund.fulfilment_id) == (2 * CM_PRICE + FEE, chiang_mai.id)
    assert refund.status is RefundStatus.PENDING and refund.provider_refund_id is None  # the admin transfers it
    assert current_payment(order).status is PaymentStatus.PARTIALLY_REFUNDED


# -- cancelling before the payment arrived ------------------------------------------------------------------

def test_a_part_cancelled_while_unpaid_is_refunded_when_the_payment_arrives(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1), payment_method="card",
                  gateway=gateway, now=NOW)
    chiang_mai, bangkok = by_company(order, "50"), by_company(order, "10")
    cancel(session, make_staff(session, "50"), chiang_mai, gateway, now=NOW + dt.timedelta(minutes=5))
    assert gateway.refunds == [] and stock(session, goods["50"]) == 10  # nothing paid yet; stock back
    assert order.status is OrderStatus.AWAITING_PAYMENT

    assert mark_paid(session, order, current_payment(order), amount_satang=order.total_satang, currency="THB",
                     now=NOW + dt.timedelta(minutes=10), gateway=gateway) == "placed"

    assert bangkok.status is S.NEW and chiang_mai.status is S.CANCELLED
    assert [(amount, key) for _, amount, key in gateway.refunds] == [(2 * CM_PRICE + FEE,
                                                                     f"fulfilment-{chiang_mai.id}-cancel")]
    assert session.scalars(select(Refund.fulfilment_id)).all() == [chiang_mai.id]
    assert current_payment(order).status is PaymentStatus.PARTIALLY_REFUNDED
    assert stock(session, goods["50"]) == 10 and stock(session, goods["10"]) == 9


def test_a_part_cancelled_while_unpaid_is_released_once_when_the_order_expires(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1), payment_method="promptpay",
                  now=NOW)
    cancel(session, make_staff(session, "50"), by_company(order, "50"), gateway, now=NOW + dt.timedelta(minutes=5))
    assert stock(session, goods["50"]) == 10

    assert expire_orders(session, now=NOW + dt.timedelta(hours=1)) == [order]

    assert stock(session, goods["50"]) == 10 and stock(session, goods["10"]) == 10


def test_an_expired_orders_parts_are_cancelled_with_it_and_give_nothing_back_twice(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1), payment_method="promptpay",
                  now=NOW)
    expire_orders(session, now=NOW + dt.timedelta(hours=1))
    assert stock(session, goods["50"]) == 10
    assert {(f.status, f.expired) for f in order.fulfilments} == {(S.CANCELLED, True)}
    assert current_payment(order).status is PaymentStatus.CANCELLED

    with pytest.raises(InvalidTransition):
        cancel(session, make_staff(session, "50"), by_company(order, "50"), gateway, now=NOW + dt.timedelta(hours=2))

    assert stock(session, goods["50"]) == 10 and stock(session, goods["10"]) == 10
    assert order.status is OrderStatus.EXPIRED


def test_a_late_payment_reinstates_only_what_the_expiry_cancelled(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1), payment_method="card",
                  gateway=gateway, now=NOW)
    cancel(session, make_staff(session, "50"), by_company(order, "50"), gateway, now=NOW + dt.timedelta(minutes=5))
    expire_orders(session, now=NOW + dt.timedelta(hours=1))

    assert mark_paid(session, order, current_payment(order), amount_satang=order.total_satang, currency="THB",
                     now=NOW + dt.timedelta(hours=3), gateway=gateway) == "replaced"

    assert stock(session, goods["50"]) == 10 and stock(session, goods["10"]) == 9
    assert [amount for _, amount, _ in gateway.refunds] == [2 * CM_PRICE + FEE]
    assert (by_company(order, "10").status, by_company(order, "10").expired) == (S.NEW, False)
    assert by_company(order, "10").done_at is None
    assert by_company(order, "50").status is S.CANCELLED
    assert order.status is OrderStatus.PLACED
    assert current_payment(order).status is PaymentStatus.PARTIALLY_REFUNDED


def test_only_a_fulfilment_the_expiry_cancelled_can_become_new_again(session, goods):
    order = place(session, make_user(session), (goods["50"], 1), now=NOW)
    fulfilment = order.fulfilments[0]
    cancel(session, make_staff(session, "50"), fulfilment, None, now=NOW)
    with pytest.raises(InvalidTransition):
        transition(session, fulfilment, S.NEW, actor=None, now=NOW)


# -- cash on delivery -----------------------------------------------------------------------------------------

def deliver(session, actor, fulfilment, gateway, now=LATER, **extra):
    for to, fields in ((S.ACCEPTED, {}), (S.PACKED, {}), (S.SHIPPED, SHIP), (S.DELIVERED, extra)):
        if to is S.PACKED:
            for line in fulfilment.lines:
                line.received_at = now
        move_fulfilment(session, actor, fulfilment, to, now=now, gateway=gateway, **fields)


def test_cash_is_collected_on_delivery_and_the_payment_once_every_part_is_delivered(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 2), (goods["10"], 1))
    chiang_mai, bangkok = by_company(order, "50"), by_company(order, "10")
    assert (chiang_mai.cod_amount_satang, bangkok.cod_amount_satang) == (2 * CM_PRICE + FEE, BKK_PRICE + FEE)

    deliver(session, make_staff(session, "50"), chiang_mai, gateway)
    assert chiang_mai.cod_collected_satang == 2 * CM_PRICE + FEE
    assert current_payment(order).status is PaymentStatus.DUE_ON_DELIVERY
    assert order.status is OrderStatus.PLACED

    deliver(session, make_staff(session, "10"), bangkok, gateway, collected_satang=BKK_PRICE + FEE)
    assert bangkok.cod_collected_satang == BKK_PRICE + FEE
    assert current_payment(order).status is PaymentStatus.COLLECTED
    assert order.status is OrderStatus.COMPLETED
    assert gateway.refunds == []


def test_a_wrong_cash_amount_is_refused(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1))
    fulfilment = order.fulfilments[0]
    with pytest.raises(ValidationError) as refused:
        deliver(session, make_staff(session), fulfilment, gateway, collected_satang=100)
    assert set(refused.value.fields) == {"collected_satang"}
    assert fulfilment.status is S.SHIPPED and fulfilment.cod_collected_satang is None


def test_cash_is_collected_when_the_part_left_unpaid_is_cancelled(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1), (goods["10"], 1))
    deliver(session, make_staff(session, "50"), by_company(order, "50"), gateway)
    cancel(session, make_staff(session, "10"), by_company(order, "10"), gateway)
    assert current_payment(order).status is PaymentStatus.COLLECTED
    assert order.status is OrderStatus.COMPLETED


def test_a_cash_tour_is_collected_when_completed(session, gateway):
    tour = make_listing(session, kind=ListingKind.TOUR, price_satang=80000)
    order = place(session, make_user(session), (tour, 2, make_slot(session, tour, date=dt.date(2025, 3, 10))),
                  now=NOW - dt.timedelta(days=2))
    staff = make_staff(session)
    move_fulfilment(session, staff, order.fulfilments[0], S.CONFIRMED, now=NOW, gateway=gateway)
    move_fulfilment(session, staff, order.fulfilments[0], S.COMPLETED, now=NOW, gateway=gateway)
    assert order.fulfilments[0].cod_collected_satang == 160000
    assert current_payment(order).status is PaymentStatus.COLLECTED
    assert order.status is OrderStatus.COMPLETED


# -- the order's status, the audit trail, the outbox --------------------------------------------------------

def test_the_order_completes_when_every_part_is_delivered_completed_or_cancelled(session, gateway, goods):
    tour = make_listing(session, kind=ListingKind.TOUR, price_satang=50000)
    order = place(session, make_user(session), (goods["50"], 1), (goods["10"], 1),
                  (tour, 1, make_slot(session, tour, date=dt.date(2025, 3, 10))), now=NOW - dt.timedelta(days=1))
    goods_cm, goods_bkk = (f for f in order.fulfilments if f.kind.value == "goods")
    trip = next(f for f in order.fulfilments if f.kind.value == "tour")
    staff = make_staff(session)

    deliver(session, staff, goods_cm, gateway)
    assert order.status is OrderStatus.PLACED
    cancel(session, make_staff(session, "10"), goods_bkk, gateway)
    assert order.status is OrderStatus.PLACED
    move_fulfilment(session, staff, trip, S.CONFIRMED, now=LATER, gateway=gateway)
    move_fulfilment(session, staff, trip, S.COMPLETED, now=LATER, gateway=gateway)
    assert order.status is OrderStatus.COMPLETED
    changes = session.scalars(select(AuditEntry).where(AuditEntry.order_id == order.id,
                                                       AuditEntry.action == "order.status")).all()
    assert [(e.from_status, e.to_status, e.actor_id) for e in changes] == [("placed", "completed", staff.id)]


def test_the_order_is_cancelled_when_every_part_is(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1), (goods["10"], 1))
    cancel(session, make_staff(session, "50"), by_company(order, "50"), gateway)
    assert order.status is OrderStatus.PLACED
    cancel(session, make_staff(session, "10"), by_company(order, "10"), gateway)
    assert order.status is OrderStatus.CANCELLED


def test_every_move_writes_who_from_and_to(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1), now=NOW)
    fulfilment = order.fulfilments[0]
    first, second = make_staff(session), make_staff(session)
    move_fulfilment(session, first, fulfilment, S.ACCEPTED, now=LATER, gateway=gateway)
    fulfilment.lines[0].received_at = LATER
    move_fulfilment(session, second, fulfilment, S.PACKED, now=LATER, gateway=gateway)
    move_fulfilment(session, first, fulfilment, S.SHIPPED, now=LATER, gateway=gateway, **SHIP)
    move_fulfilment(session, order.consumer, fulfilment, S.DELIVERED, now=LATER, gateway=gateway)
    moves = session.scalars(select(AuditEntry).where(
        AuditEntry.fulfilment_id == fulfilment.id, AuditEntry.action == "fulfilment.transition",
    ).order_by(AuditEntry.id))
    assert [(e.actor_id, e.from_status, e.to_status, e.created_at) for e in moves] == [
        (first.id, "new", "accepted", LATER), (second.id, "accepted", "packed", LATER),
        (first.id, "packed", "shipped", LATER), (order.consumer_id, "shipped", "delivered", LATER),
    ]
    assert fulfilment.shipped_at == LATER and fulfilment.done_at == LATER


def test_a_refused_move_writes_nothing(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1))
    events = session.scalar(select(func.count(AuditEntry.id)))
    with pytest.raises(InvalidTransition):
        move_fulfilment(session, make_staff(session), order.fulfilments[0], S.SHIPPED, now=LATER, gateway=gateway,
                        **SHIP)
    assert session.scalar(select(func.count(AuditEntry.id))) == events
    assert order.fulfilments[0].status is S.NEW


def test_the_buyer_is_emailed_on_shipping_and_on_cancelling(session, gateway, goods):
    order = place(session, make_user(session), (goods["50"], 1), (goods["10"], 1))
    buyer, staff = order.consumer, make_staff(session)
    chiang_mai = by_company(order, "50")
    for to in (S.ACCEPTED, S.PACKED):
        chiang_mai.lines[0].received_at = LATER
        move_fulfilment(session, staff, chiang_mai, to, now=LATER, gateway=gateway)
    assert (emails(session, buyer, "order_shipped"), emails(session, buyer, "order_cancelled")) == (0, 0)
    move_fulfilment(session, staff, chiang_mai, S.SHIPPED, now=LATER, gateway=gateway, **SHIP)
    assert emails(session, buyer, "order_shipped") == 1
    cancel(session, make_staff(session, "10"), by_company(order, "10"), gateway)
    assert emails(session, buyer, "order_cancelled") == 1
    email = session.scalars(select(OutboxEmail).where(OutboxEmail.template == "order_shipped",
                                                      OutboxEmail.user_id == buyer.id)).one()
    assert email.to_email == buyer.email and email.context == {"order_id": order.id}


# -- tours: Thailand's calendar ------------------------------------------------------------------------------

@pytest.mark.parametrize(("now", "completes"), [
    (dt.datetime(2025, 3, 9, 16, 59, tzinfo=dt.UTC), False),  # 23:59 on the 9th in Bangkok (the 9th in UTC)
    (dt.datetime(2025, 3, 9, 17, 0, tzinfo=dt.UTC), True),    # 00:00 on the 10th in Bangkok (still the 9th in UTC)
    (dt.datetime(2025, 3, 11, 2, 0, tzinfo=dt.UTC), True),
])
def test_a_tour_completes_from_its_day_in_bangkok(session, gateway, now, completes):
    tour = make_listing(session, kind=ListingKind.TOUR)
    order = place(session, make_user(session), (tour, 1, make_slot(session, tour, date=dt.date(2025, 3, 10))),
                  now=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    staff = make_staff(session)
    move_fulfilment(session, staff, order.fulfilments[0], S.CONFIRMED, now=now, gateway=gateway)
    if completes:
        move_fulfilment(session, staff, order.fulfilments[0], S.COMPLETED, now=now, gateway=gateway)
        assert order.fulfilments[0].status is S.COMPLETED
    else:
        with pytest.raises(InvalidTransition):
            move_fulfilment(session, staff, order.fulfilments[0], S.COMPLETED, now=now, gateway=gateway)
        assert order.fulfilments[0].status is S.CONFIRMED
