"""What the pages offer comes from the same table and guards that moves apply."""

from __future__ import annotations

import datetime as dt

from marketplace.accounts.models import Role
from marketplace.backoffice.workflow import AvailableMove, Blocked, available_moves
from marketplace.catalog.models import ListingKind
from marketplace.clock import today_in_thailand
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.states import OrderStatus
from tests.factories import make_listing, make_order, make_slot, make_staff, make_user, stand_at

S = FulfilmentStatus
NOW = dt.datetime.now(dt.UTC)


def goods_at(session, status):
    fulfilment = make_order(session, items=[(make_listing(session), 1)]).fulfilments[0]
    return stand_at(session, fulfilment, status)


def test_staff_of_its_company_get_the_tables_moves_but_new(session):
    fulfilment = goods_at(session, S.NEW)
    assert available_moves(fulfilment, make_staff(session, "50"), now=NOW) == [
        AvailableMove(S.ACCEPTED), AvailableMove(S.CANCELLED)]
    assert available_moves(fulfilment, make_user(session, role=Role.ADMIN), now=NOW) == [
        AvailableMove(S.ACCEPTED), AvailableMove(S.CANCELLED)]


def test_others_get_nothing(session):
    fulfilment = goods_at(session, S.NEW)
    assert available_moves(fulfilment, make_staff(session, "10"), now=NOW) == []
    assert available_moves(fulfilment, make_user(session), now=NOW) == []
    assert available_moves(fulfilment, fulfilment.order.consumer, now=NOW) == []


def test_nothing_while_the_order_awaits_payment(session):
    order = make_order(session, items=[(make_listing(session), 1)], order_status=OrderStatus.AWAITING_PAYMENT,
                       fulfilment_status=S.AWAITING_PAYMENT, payment_method="card")
    assert available_moves(order.fulfilments[0], make_staff(session, "50"), now=NOW) == []


def test_packing_is_offered_but_blocked_until_every_line_is_received(session):
    fulfilment = goods_at(session, S.ACCEPTED)
    for line in fulfilment.lines:
        line.received_at = None
    staff = make_staff(session, "50")
    assert available_moves(fulfilment, staff, now=NOW) == [
        AvailableMove(S.PACKED, Blocked.LINES_NOT_RECEIVED), AvailableMove(S.CANCELLED)]
    for line in fulfilment.lines:
        line.received_at = NOW
    assert available_moves(fulfilment, staff, now=NOW)[0] == AvailableMove(S.PACKED)


def test_a_tour_is_completed_from_its_date_on(session):
    tour = make_listing(session, kind=ListingKind.TOUR, max_group=5)
    slot = make_slot(session, tour, date=today_in_thailand(NOW) + dt.timedelta(days=1))
    fulfilment = stand_at(session, make_order(session, items=[(tour, 1)], slot=slot).fulfilments[0], S.CONFIRMED)
    staff = make_staff(session, "50")
    assert available_moves(fulfilment, staff, now=NOW)[0] == AvailableMove(S.COMPLETED, Blocked.BEFORE_TOUR_DATE)
    assert available_moves(fulfilment, staff, now=NOW + dt.timedelta(days=1))[0] == AvailableMove(S.COMPLETED)


def test_the_buyer_may_only_confirm_receipt_of_a_shipped_parcel(session):
    fulfilment = goods_at(session, S.SHIPPED)
    assert available_moves(fulfilment, fulfilment.order.consumer, now=NOW) == [AvailableMove(S.DELIVERED)]
    assert available_moves(fulfilment, make_staff(session, "50"), now=NOW) == [AvailableMove(S.DELIVERED)]
