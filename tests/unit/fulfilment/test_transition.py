"""``transition()`` (the table and the conditional UPDATE), the order's status derived
from its fulfilments, and when a fulfilment is late."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from marketplace.audit.models import AuditEntry
from marketplace.errors import InvalidTransition
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.services import is_late, transition
from marketplace.fulfilment.states import FulfilmentKind, FulfilmentStatus
from marketplace.orders.services import order_status_from_fulfilments
from marketplace.orders.states import OrderStatus
from tests.factories import make_listing, make_order, make_staff

S = FulfilmentStatus
NOW = dt.datetime(2025, 3, 10, 3, 0, tzinfo=dt.UTC)


def events(session) -> int:
    return session.scalar(select(func.count(AuditEntry.id)))


def test_a_move_stamps_the_times_and_writes_the_audit_row(session):
    fulfilment = make_order(session, items=[(make_listing(session), 1)]).fulfilments[0]
    staff = make_staff(session)
    transition(session, fulfilment, S.ACCEPTED, actor=staff, now=NOW, note="รับแล้ว")
    session.expire_all()
    assert (fulfilment.status, fulfilment.status_changed_at, fulfilment.done_at) == (S.ACCEPTED, NOW, None)
    event = session.scalars(select(AuditEntry).where(AuditEntry.fulfilment_id == fulfilment.id)).one()
    assert (event.actor_id, event.action, event.from_status, event.to_status, event.note) == (
        staff.id, "fulfilment.transition", "new", "accepted", "รับแล้ว")
    assert (event.subject_type, event.subject_id, event.company_id, event.order_id) == (
        "fulfilment", fulfilment.id, fulfilment.company_id, fulfilment.order_id)


def test_a_move_not_in_the_table_raises_and_writes_nothing(session):
    fulfilment = make_order(session, items=[(make_listing(session), 1)]).fulfilments[0]
    before = events(session)
    with pytest.raises(InvalidTransition):
        transition(session, fulfilment, S.DELIVERED, actor=None, now=NOW)
    session.expire_all()
    assert fulfilment.status is S.NEW and events(session) == before


def test_a_move_from_a_status_someone_else_changed_meanwhile_raises(session):
    """The UPDATE is conditional on the status the mover saw: the second click loses."""
    fulfilment = make_order(session, items=[(make_listing(session), 1)]).fulfilments[0]
    session.execute(update(Fulfilment).where(Fulfilment.id == fulfilment.id).values(status=S.CANCELLED)
                    .execution_options(synchronize_session=False))
    assert fulfilment.status is S.NEW  # what this mover still believes
    before = events(session)
    with pytest.raises(InvalidTransition):
        transition(session, fulfilment, S.ACCEPTED, actor=None, now=NOW)
    session.expire_all()
    assert fulfilment.status is S.CANCELLED and events(session) == before


def test_shipping_and_finishing_are_stamped(session):
    fulfilment = make_order(session, items=[(make_listing(session), 1)], fulfilment_status=S.PACKED).fulfilments[0]
    transition(session, fulfilment, S.SHIPPED, actor=None, now=NOW)
    later = NOW + dt.timedelta(days=2)
    transition(session, fulfilment, S.DELIVERED, actor=None, now=later)
    session.expire_all()
    assert (fulfilment.shipped_at, fulfilment.done_at) == (NOW, later)


def order_of(*statuses, status=OrderStatus.PLACED):
    return SimpleNamespace(status=status, fulfilments=[SimpleNamespace(status=s) for s in statuses])


@pytest.mark.parametrize(("statuses", "expected"), [
    ((S.DELIVERED,), OrderStatus.COMPLETED),
    ((S.DELIVERED, S.COMPLETED, S.CANCELLED), OrderStatus.COMPLETED),
    ((S.CANCELLED, S.CANCELLED), OrderStatus.CANCELLED),
    ((S.DELIVERED, S.SHIPPED), OrderStatus.PLACED),
    ((S.CANCELLED, S.NEW), OrderStatus.PLACED),
    ((), OrderStatus.PLACED),
])
def test_the_orders_status_follows_its_fulfilments(statuses, expected):
    assert order_status_from_fulfilments(order_of(*statuses)) is expected


def late(status, waited, kind=FulfilmentKind.GOODS) -> bool:
    return is_late(SimpleNamespace(status=status, kind=kind, new_at=NOW - waited), NOW)


def test_late_when_not_accepted_within_48_hours():
    assert not late(S.NEW, dt.timedelta(hours=48))
    assert late(S.NEW, dt.timedelta(hours=48, seconds=1))
    assert late(S.NEW, dt.timedelta(hours=49), kind=FulfilmentKind.TOUR)


def test_late_when_not_shipped_within_5_days():
    for status in (S.ACCEPTED, S.PACKED):
        assert not late(status, dt.timedelta(days=5))
        assert late(status, dt.timedelta(days=5, seconds=1))


@pytest.mark.parametrize("status", [S.SHIPPED, S.DELIVERED, S.CONFIRMED, S.COMPLETED, S.CANCELLED])
def test_never_late_once_on_its_way_or_done(status):
    assert not late(status, dt.timedelta(days=60))


def test_an_unpaid_fulfilment_is_not_late():
    assert not is_late(SimpleNamespace(status=S.AWAITING_PAYMENT, new_at=None), NOW)
