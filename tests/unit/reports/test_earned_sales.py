"""The ``EarnedSale`` rollup equals the live aggregate of ``reports.earned``: for the
hand-computed book, and for a fulfilment delivered through the company's workflow, every
grouping the dashboards and the impact page read has the same figures from both."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.backoffice.workflow import move_fulfilment, receive_line
from marketplace.fulfilment.states import FulfilmentStatus as S
from marketplace.reports.earned import earned_by, earned_lines, enterprises_with_sales, record_earned_sales
from marketplace.reports.models import EarnedSale
from marketplace.reports.sales import grouped_sales, sold_within
from tests.dashboard_book import sales_book, shipping_book
from tests.factories import make_enterprise, make_listing, make_order, make_staff

GROUPINGS = ("month", "region", "province", "kind", "category")


def live(session, grouping: str | None) -> dict:
    """``{key: (orders, items, commission, enterprises)}`` from the order lines themselves."""
    columns = (enterprises_with_sales().label("enterprises"),)
    statement = earned_lines(*columns) if grouping is None else earned_by(grouping).add_columns(*columns)
    return {(None if grouping is None else str(row.key)): (row.orders, int(row.items), int(row.commission),
                                                           row.enterprises)
            for row in session.execute(statement)}


def rolled_up(session, where=()) -> dict:
    """Like ``live``, from the rollup; enterprises are counted for the totals, regions and
    provinces only (and compared there)."""
    found = grouped_sales(session, list(where), GROUPINGS, enterprises_in=(None, "province", "region"))
    return {grouping: {(None if grouping is None else str(row.key)):
                       (row.orders, row.items, row.commission, row.enterprises) for row in rows}
            for grouping, rows in found.items()}


def without_enterprises(figures: dict) -> dict:
    return {key: value[:3] for key, value in figures.items()}


def test_the_rollup_of_the_book_equals_the_live_aggregate_in_every_grouping(session):
    book = sales_book(session)
    shipping_book(session, book["pots"], book["candy"])
    found = rolled_up(session)
    for grouping in (None, "province", "region"):
        assert found[grouping] == live(session, grouping), grouping
    for grouping in ("month", "kind", "category"):
        assert without_enterprises(found[grouping]) == without_enterprises(live(session, grouping)), grouping
    assert found[None][None][1] > 0


def test_delivering_through_the_workflow_records_the_lines_once(session):
    staff = make_staff(session, "50")
    weavers = make_enterprise(session, province_code="50")
    silk = make_listing(session, enterprise=weavers, price_satang=120_000, stock=10)
    scarf = make_listing(session, enterprise=weavers, price_satang=35_000, stock=10)
    order = make_order(session, items=[(silk, 1), (scarf, 2)], fulfilment_status=S.NEW)
    fulfilment = order.fulfilments[0]
    now = dt.datetime(2026, 3, 31, 17, 30, tzinfo=dt.UTC)  # 00:30 on 1 April in Bangkok
    move_fulfilment(session, staff, fulfilment, S.ACCEPTED, now=now, gateway=None)
    for line in fulfilment.lines:
        receive_line(session, staff, fulfilment, line.id, now=now)
    move_fulfilment(session, staff, fulfilment, S.PACKED, now=now, gateway=None)
    move_fulfilment(session, staff, fulfilment, S.SHIPPED, now=now, gateway=None, carrier="kerry",
                    tracking_number="KEX123456789")
    assert session.scalar(select(func.count()).select_from(EarnedSale)) == 0  # shipped is not earned yet
    move_fulfilment(session, staff, fulfilment, S.DELIVERED, now=now, gateway=None,
                    collected_satang=fulfilment.cod_amount_satang)

    rows = session.scalars(select(EarnedSale).order_by(EarnedSale.line_id)).all()
    assert [(row.day, row.month, row.province_code, row.region, row.kind, row.items_satang) for row in rows] == [
        (dt.date(2026, 4, 1), "2026-04", "50", "north", "product", 120_000),
        (dt.date(2026, 4, 1), "2026-04", "50", "north", "product", 70_000),
    ]
    record_earned_sales(session)  # again, for every fulfilment: nothing new
    assert session.scalar(select(func.count()).select_from(EarnedSale)) == 2
    found = rolled_up(session, sold_within(fulfilment.company_id, dt.date(2026, 4, 1), dt.date(2026, 4, 1)))
    assert found[None] == live(session, None)
    assert rolled_up(session, sold_within(None, dt.date(2026, 3, 1), dt.date(2026, 3, 31)))[None][None][0] == 0


@pytest.mark.parametrize("status", [S.CANCELLED, S.SHIPPED])
def test_lines_that_are_not_earned_are_never_recorded(session, status):
    listing = make_listing(session, price_satang=10_000)
    order = make_order(session, items=[(listing, 1)], fulfilment_status=status)
    order.fulfilments[0].done_at = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    record_earned_sales(session, [order.fulfilments[0].id])
    assert session.scalar(select(func.count()).select_from(EarnedSale)) == 0
