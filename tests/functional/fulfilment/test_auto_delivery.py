"""``flask --app wsgi expire-orders`` also marks delivered the parcels shipped more than
14 days ago that nobody confirmed: cash collected, the order completed, and a second
run changes nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEntry
from marketplace.db import utcnow
from marketplace.fulfilment.models import Fulfilment
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.models import Order
from marketplace.orders.states import OrderStatus
from marketplace.payments.models import Payment
from marketplace.payments.states import PaymentStatus
from tests.factories import make_enterprise, make_listing, make_user, place, stand_at

S = FulfilmentStatus


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


def shipped_ago(session, fulfilment, days: float):
    stand_at(session, fulfilment, S.SHIPPED, new_at=utcnow() - dt.timedelta(days=days + 2))
    fulfilment.shipped_at = utcnow() - dt.timedelta(days=days)
    session.flush()
    return fulfilment


def everything(session, order) -> tuple:
    session.expire_all()
    return (
        session.execute(select(Fulfilment.id, Fulfilment.status, Fulfilment.cod_collected_satang,
                               Fulfilment.done_at).where(Fulfilment.order_id == order.id)
                        .order_by(Fulfilment.id)).all(),
        session.scalar(select(Order.status).where(Order.id == order.id)),
        session.scalar(select(Payment.status).where(Payment.order_id == order.id)),
        session.scalars(select(AuditEntry.id).where(AuditEntry.order_id == order.id)).all(),
    )


def test_parcels_unconfirmed_for_14_days_are_delivered(cli, session):
    order = place(session, make_user(session),
                  (make_listing(session, stock=5, enterprise=make_enterprise(session, province_code="50")), 1),
                  (make_listing(session, stock=5, enterprise=make_enterprise(session, province_code="10")), 2))
    old, recent = order.fulfilments
    shipped_ago(session, old, 14)
    old.shipped_at -= dt.timedelta(minutes=1)
    shipped_ago(session, recent, 13)

    result = cli.invoke(args=["expire-orders"])
    assert result.exit_code == 0, result.output
    assert "1 parcel(s) marked delivered" in result.output
    session.expire_all()
    assert (old.status, recent.status) == (S.DELIVERED, S.SHIPPED)
    assert old.cod_collected_satang == old.cod_amount_satang and old.done_at is not None
    assert recent.cod_collected_satang is None
    assert order.status is OrderStatus.PLACED and order.payments[0].status is PaymentStatus.DUE_ON_DELIVERY
    event = session.scalars(select(AuditEntry).where(AuditEntry.fulfilment_id == old.id)).one()
    assert (event.actor_id, event.from_status, event.to_status) == (None, "shipped", "delivered")

    recent.shipped_at = utcnow() - dt.timedelta(days=14, minutes=1)  # a day later
    session.flush()
    assert "1 parcel(s) marked delivered" in cli.invoke(args=["expire-orders"]).output
    session.expire_all()
    assert recent.status is S.DELIVERED and recent.cod_collected_satang == recent.cod_amount_satang
    assert order.status is OrderStatus.COMPLETED and order.payments[0].status is PaymentStatus.COLLECTED

    before = everything(session, order)
    again = cli.invoke(args=["expire-orders"])
    assert again.exit_code == 0 and "0 parcel(s) marked delivered" in again.output
    assert everything(session, order) == before


@pytest.mark.parametrize("status", [S.NEW, S.ACCEPTED, S.PACKED, S.DELIVERED, S.CANCELLED])
def test_only_shipped_parcels_are_delivered_by_the_clock(cli, session, status):
    order = place(session, make_user(session), (make_listing(session, stock=5), 1))
    stand_at(session, order.fulfilments[0], status, new_at=utcnow() - dt.timedelta(days=40))
    order.fulfilments[0].shipped_at = utcnow() - dt.timedelta(days=30)
    session.flush()
    before = everything(session, order)
    assert "0 parcel(s) marked delivered" in cli.invoke(args=["expire-orders"]).output
    assert everything(session, order) == before
