"""Recording payments: the normal path, wrong amounts, repeated and out-of-order
provider events, and payments that arrive after the order expired or was cancelled."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import Listing, ListingKind, TourSlot
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.notifications.models import OutboxEmail
from marketplace.orders.models import Order
from marketplace.orders.payment_events import handle_event
from marketplace.orders.services import cancel_order, current_payment, expire_orders, mark_failed, mark_paid
from marketplace.orders.states import OrderStatus
from marketplace.payments.gateway import Intent, WebhookEvent
from marketplace.payments.models import Payment, PaymentMethod, ProviderEvent, Refund, RefundStatus
from marketplace.payments.services import refund_payment
from marketplace.payments.states import PaymentStatus
from tests.factories import FakeGateway, make_listing, make_slot, make_user, place

NOW = dt.datetime(2025, 3, 10, 3, 0, tzinfo=dt.UTC)
PAID_AT = NOW + dt.timedelta(minutes=5)
PRICE, SHIPPING = 20000, 5000  # a Chiang Mai product; the Chiang Mai company's default flat fee


@pytest.fixture
def gateway():
    return FakeGateway()


@pytest.fixture
def listing(session):
    return make_listing(session, price_satang=PRICE, stock=5)


@pytest.fixture
def card_order(session, listing, gateway):
    """Two units by card, awaiting payment until NOW + 30 minutes."""
    return place(session, make_user(session), (listing, 2), payment_method="card", gateway=gateway, now=NOW)


def stock(session, listing) -> int:
    return session.scalar(select(Listing.stock).where(Listing.id == listing.id))


def events(session, order, action) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.order_id == order.id,
                                                         AuditEntry.action == action)))


def emails(session, order, template) -> int:
    return sum(1 for email in session.scalars(select(OutboxEmail).where(OutboxEmail.template == template))
               if email.context.get("order_id") == order.id)


def pay(session, order, gateway, *, amount=None, currency="THB", now=PAID_AT):
    return mark_paid(session, order, current_payment(order), amount_satang=amount or order.total_satang,
                     currency=currency, now=now, gateway=gateway)


def event(event_id: str, event_type: str, order, *, amount=None, currency="thb", error=None) -> WebhookEvent:
    payment = current_payment(order)
    return WebhookEvent(id=event_id, type=event_type, intent=Intent(
        id=payment.intent_id, status="succeeded", amount_satang=amount or order.total_satang,
        currency=currency.upper(), error_message=error))


def test_a_card_order_awaits_payment_holding_its_stock(session, card_order, listing):
    payment = current_payment(card_order)
    assert card_order.status is OrderStatus.AWAITING_PAYMENT
    assert card_order.total_satang == 2 * PRICE + SHIPPING
    assert card_order.expires_at == NOW + dt.timedelta(minutes=30)
    assert card_order.placed_at is None
    assert (payment.provider, payment.status, payment.amount_satang) == ("fake", PaymentStatus.PENDING, 45000)
    assert payment.intent_id.startswith("pi_fake_") and payment.client_secret
    assert {f.status for f in card_order.fulfilments} == {FulfilmentStatus.AWAITING_PAYMENT}
    assert {f.cod_amount_satang for f in card_order.fulfilments} == {None}
    assert stock(session, listing) == 3


def test_paying_places_the_order_and_its_fulfilments(session, card_order, gateway):
    paid_at = NOW + dt.timedelta(minutes=5)
    assert pay(session, card_order, gateway, now=paid_at) == "placed"

    assert card_order.status is OrderStatus.PLACED
    assert (card_order.placed_at, card_order.expires_at) == (paid_at, None)
    assert current_payment(card_order).status is PaymentStatus.SUCCEEDED
    assert {(f.status, f.new_at) for f in card_order.fulfilments} == {(FulfilmentStatus.NEW, paid_at)}
    (paid,) = events(session, card_order, "order.paid")
    assert (paid.from_status, paid.to_status) == ("awaiting_payment", "placed")
    assert emails(session, card_order, "order_paid") == 1
    assert gateway.refunds == []


@pytest.mark.parametrize(("amount", "currency"), [(45000 - 1, "THB"), (45000 + 100, "thb"), (45000, "USD")])
def test_a_payment_of_another_amount_or_currency_is_not_taken_and_is_logged(session, card_order, gateway,
                                                                            amount, currency):
    assert pay(session, card_order, gateway, amount=amount, currency=currency) == "amount_mismatch"

    assert card_order.status is OrderStatus.AWAITING_PAYMENT
    assert current_payment(card_order).status is PaymentStatus.PENDING
    assert {f.status for f in card_order.fulfilments} == {FulfilmentStatus.AWAITING_PAYMENT}
    (mismatch,) = events(session, card_order, "payment.mismatch")
    assert f"received {amount} {currency.upper()}" in mismatch.note and "expected 45000 THB" in mismatch.note
    assert emails(session, card_order, "order_paid") == 0
    # the right amount afterwards still pays it
    assert pay(session, card_order, gateway) == "placed"


def test_the_same_event_twice_pays_once(session, card_order, gateway):
    succeeded = event("evt_1", "payment_intent.succeeded", card_order)
    assert handle_event(session, succeeded, gateway=gateway, now=NOW) == "placed"
    assert handle_event(session, succeeded, gateway=gateway, now=NOW) == "duplicate"

    stored = session.get(ProviderEvent, "evt_1")
    assert (stored.provider, stored.type) == ("fake", "payment_intent.succeeded")
    assert len(events(session, card_order, "order.paid")) == 1
    assert emails(session, card_order, "order_paid") == 1
    assert card_order.status is OrderStatus.PLACED


def test_another_success_event_for_a_paid_order_changes_nothing(session, card_order, gateway):
    handle_event(session, event("evt_1", "payment_intent.succeeded", card_order), gateway=gateway, now=NOW)
    assert handle_event(session, event("evt_2", "payment_intent.succeeded", card_order), gateway=gateway,
                        now=NOW) == "already_paid"
    assert len(events(session, card_order, "order.paid")) == 1
    assert gateway.refunds == []


def test_a_failure_after_the_success_leaves_the_order_paid(session, card_order, gateway):
    handle_event(session, event("evt_ok", "payment_intent.succeeded", card_order), gateway=gateway, now=NOW)
    late = event("evt_late", "payment_intent.payment_failed", card_order, error="Your card was declined.")
    assert handle_event(session, late, gateway=gateway, now=NOW) == "failed"

    payment = current_payment(card_order)
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.failure_message is None
    assert card_order.status is OrderStatus.PLACED
    assert events(session, card_order, "payment.failed") == []
    assert session.get(ProviderEvent, "evt_late") is not None


def test_a_declined_attempt_keeps_the_order_waiting_for_another_card(session, card_order, gateway):
    declined = event("evt_no", "payment_intent.payment_failed", card_order, error="Your card was declined.")
    assert handle_event(session, declined, gateway=gateway, now=NOW) == "failed"
    payment = current_payment(card_order)
    assert (payment.status, payment.failure_message) == (PaymentStatus.PENDING, "Your card was declined.")
    assert card_order.status is OrderStatus.AWAITING_PAYMENT
    assert len(events(session, card_order, "payment.failed")) == 1

    assert handle_event(session, event("evt_yes", "payment_intent.succeeded", card_order), gateway=gateway,
                        now=NOW) == "placed"


def test_events_about_other_things_are_recorded_and_ignored(session, card_order, gateway):
    other = WebhookEvent(id="evt_charge", type="charge.refunded", intent=None)
    assert handle_event(session, other, gateway=gateway, now=NOW) == "ignored"
    unknown = WebhookEvent(id="evt_unknown", type="payment_intent.succeeded", intent=Intent(
        id="pi_somebody_else", status="succeeded", amount_satang=45000, currency="THB"))
    assert handle_event(session, unknown, gateway=gateway, now=NOW) == "unknown_intent"
    assert session.get(ProviderEvent, "evt_charge") and session.get(ProviderEvent, "evt_unknown")
    assert card_order.status is OrderStatus.AWAITING_PAYMENT


def test_paid_after_expiry_with_the_stock_still_there_places_it_again(session, card_order, gateway, listing):
    assert expire_orders(session, now=NOW + dt.timedelta(minutes=31)) == [card_order]
    assert card_order.status is OrderStatus.EXPIRED
    assert stock(session, listing) == 5

    assert pay(session, card_order, gateway, now=NOW + dt.timedelta(minutes=40)) == "replaced"
    assert card_order.status is OrderStatus.PLACED
    assert card_order.expires_at is None
    assert stock(session, listing) == 3
    assert {f.status for f in card_order.fulfilments} == {FulfilmentStatus.NEW}
    (paid,) = events(session, card_order, "order.paid")
    assert (paid.from_status, paid.to_status) == ("expired", "placed")
    assert current_payment(card_order).status is PaymentStatus.SUCCEEDED
    assert gateway.refunds == []


def test_paid_after_expiry_when_it_sold_out_meanwhile_is_refunded_in_full(session, card_order, gateway, listing):
    expire_orders(session, now=NOW + dt.timedelta(minutes=31))
    place(session, make_user(session), (listing, 4))  # somebody else buys the stock that came back
    assert stock(session, listing) == 1

    assert pay(session, card_order, gateway, now=NOW + dt.timedelta(minutes=40)) == "refunded"
    assert card_order.status is OrderStatus.EXPIRED
    assert stock(session, listing) == 1
    payment = current_payment(card_order)
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, 45000)
    (refund,) = session.scalars(select(Refund).where(Refund.payment_id == payment.id))
    assert (refund.amount_satang, refund.status, refund.provider_refund_id) == (45000, RefundStatus.SUCCEEDED,
                                                                                "re_fake_1")
    assert gateway.refunds == [(payment.intent_id, 45000, f"order-{card_order.id}-late")]
    assert len(events(session, card_order, "payment.late_refunded")) == 1
    assert {(f.status, f.expired) for f in card_order.fulfilments} == {(FulfilmentStatus.CANCELLED, True)}
    assert emails(session, card_order, "order_paid") == 0
    assert emails(session, card_order, "order_refunded") == 1


def test_re_reserving_is_all_or_nothing(session, gateway):
    """The first line could be taken again, the second could not: the first goes back."""
    plenty = make_listing(session, stock=10)
    scarce = make_listing(session, stock=2)
    tour = make_listing(session, kind=ListingKind.TOUR, max_group=5)
    slot = make_slot(session, tour, capacity=4)
    order = place(session, make_user(session), (plenty, 3), (tour, 2, slot), (scarce, 2), payment_method="card",
                  gateway=gateway, now=NOW)
    expire_orders(session, now=NOW + dt.timedelta(hours=1))
    place(session, make_user(session), (scarce, 1))

    assert pay(session, order, gateway) == "refunded"
    assert stock(session, plenty) == 10
    assert stock(session, scarce) == 1
    assert session.scalar(select(TourSlot.seats_taken).where(TourSlot.id == slot.id)) == 0


def test_paid_after_the_buyer_cancelled_is_refunded(session, card_order, gateway, listing):
    cancel_order(session, card_order.consumer, card_order, now=NOW + dt.timedelta(minutes=2), gateway=gateway)
    assert card_order.status is OrderStatus.CANCELLED
    assert gateway.refunds == []  # nothing was paid yet
    assert stock(session, listing) == 5

    assert pay(session, card_order, gateway) == "refunded"
    assert card_order.status is OrderStatus.CANCELLED
    assert stock(session, listing) == 5
    payment = current_payment(card_order)
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, 45000)
    assert gateway.refunds == [(payment.intent_id, 45000, f"order-{card_order.id}-late")]


def test_a_payment_recorded_meanwhile_by_another_transaction_is_not_taken_twice(session, card_order, gateway):
    """Two deliveries racing: this one read the payment as pending, the other one has
    since marked it paid and placed the order. This one must not refund that order."""
    payment = current_payment(card_order)
    session.execute(update(Payment).where(Payment.id == payment.id).values(status=PaymentStatus.SUCCEEDED)
                    .execution_options(synchronize_session=False))
    session.execute(update(Order).where(Order.id == card_order.id).values(status=OrderStatus.PLACED)
                    .execution_options(synchronize_session=False))
    assert payment.status is PaymentStatus.PENDING  # what this transaction still believes

    assert pay(session, card_order, gateway) == "already_paid"
    assert gateway.refunds == []
    session.expire_all()
    assert session.scalar(select(Payment.status).where(Payment.id == payment.id)) is PaymentStatus.SUCCEEDED
    assert session.scalar(select(func.count(Refund.id)).where(Refund.payment_id == payment.id)) == 0
    assert session.get(Order, card_order.id).status is OrderStatus.PLACED


def test_a_promptpay_transfer_confirmed_by_hand_places_the_order(session, listing):
    order = place(session, make_user(session), (listing, 1), payment_method="promptpay", now=NOW)
    payment = current_payment(order)
    assert (payment.provider, payment.status, payment.intent_id) == ("promptpay_manual", PaymentStatus.PENDING, None)
    assert mark_paid(session, order, payment, amount_satang=order.total_satang, currency="THB", now=NOW,
                     gateway=None, reference="KBANK 0123456789") == "placed"
    assert payment.reference == "KBANK 0123456789"
    assert order.status is OrderStatus.PLACED

    cancel_order(session, order.consumer, order, now=NOW, gateway=None)
    (refund,) = payment.refunds
    assert (refund.amount_satang, refund.status, refund.provider_refund_id) == (
        order.total_satang, RefundStatus.PENDING, None)  # for the admin to transfer back
    assert payment.status is PaymentStatus.REFUNDED


def test_refunds_never_exceed_what_is_left(session, card_order, gateway):
    pay(session, card_order, gateway)
    payment = current_payment(card_order)
    refund_payment(session, payment, 10000, gateway=gateway, now=NOW, key="part")
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.PARTIALLY_REFUNDED, 10000)
    refund_payment(session, payment, 999999, gateway=gateway, now=NOW, key="rest")
    assert (payment.status, payment.refunded_satang) == (PaymentStatus.REFUNDED, 45000)
    refund_payment(session, payment, 100, gateway=gateway, now=NOW, key="more")
    assert [amount for _intent, amount, _key in gateway.refunds] == [10000, 35000]
    assert emails(session, card_order, "order_refunded") == 2  # one per time money went back, none for nothing


def test_cash_on_delivery_is_never_refunded_by_a_cancellation(session, listing, gateway):
    order = place(session, make_user(session), (listing, 1), payment_method="cod")
    cancel_order(session, order.consumer, order, now=NOW, gateway=gateway)
    payment = current_payment(order)
    assert payment.method is PaymentMethod.COD
    # nothing was collected and nothing will be
    assert (payment.status, payment.refunded_satang, payment.refunds) == (PaymentStatus.CANCELLED, 0, [])
    assert gateway.refunds == []


def test_a_failure_is_not_recorded_on_a_paid_payment(session, card_order, gateway):
    pay(session, card_order, gateway)
    mark_failed(session, card_order, current_payment(card_order), message="late decline", now=NOW)
    assert current_payment(card_order).failure_message is None
    assert events(session, card_order, "payment.failed") == []
