"""The dashboard service against the hand-computed book of ``tests.dashboard_book``: totals,
Bangkok months, regions, provinces, kinds, categories, top lists, dormant enterprises,
shipping performance, and who sees what."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import event

from marketplace.accounts.models import Role
from marketplace.errors import Forbidden, NotFound, ValidationError
from marketplace.reports.dashboard import (
    DORMANT_SHOWN, DashboardQuery, dashboard, default_first_day, parse_dashboard_query,
)
from tests.dashboard_book import FIRST, LAST, NOW, sales_book, shipping_book
from tests.factories import (
    company_of, make_enterprise, make_listing, make_sale, make_staff, make_user, national_company,
)

PERIOD = DashboardQuery.model_validate({"from": FIRST, "to": LAST})


def figures(row) -> tuple[int, int, int, int]:
    assert row.commission_satang + row.producer_net_satang == row.items_satang
    return row.orders, row.items_satang, row.commission_satang, row.producer_net_satang


@pytest.fixture
def book(session):
    return sales_book(session)


@pytest.fixture
def admin(session):
    return make_user(session, role=Role.ADMIN)


def test_totals_and_months_of_the_whole_country(session, book, admin):
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert (board.date_from, board.date_to, board.company_id) == (FIRST, LAST, None)
    assert figures(board.totals) == (5, 454000, 45575, 408425)
    assert board.totals.enterprises_with_sales == 4
    assert [(month.month, *figures(month)) for month in board.by_month] == [
        ("2026-01", 2, 262000, 25900, 236100),  # the cloth delivered at 23:30 on 31 January, Bangkok time
        ("2026-02", 2, 55000, 5975, 49025),  # the tour completed at 00:30 on 1 February, Bangkok time
        ("2026-03", 1, 137000, 13700, 123300),
    ]
    for name in ("items_satang", "commission_satang", "producer_net_satang"):
        assert sum(getattr(month, name) for month in board.by_month) == getattr(board.totals, name)
    assert [month.enterprises_with_sales for month in board.by_month] == [None, None, None]  # not counted per month


def test_every_month_of_the_period_is_there_with_zeros(session, book, admin):
    query = DashboardQuery.model_validate({"from": "2025-11-15", "to": "2026-02-10"})
    board = dashboard(session, admin, query, now=NOW)
    assert [(month.month, *figures(month)) for month in board.by_month] == [
        ("2025-11", 0, 0, 0, 0),
        ("2025-12", 1, 30000, 3000, 27000),  # the quiet enterprise's last sale, 23:59 on 31 December
        ("2026-01", 2, 262000, 25900, 236100),
        ("2026-02", 1, 35000, 4375, 30625),  # to 10 February: the tour, not the sweets of the 15th
    ]


def test_regions_provinces_kinds_and_categories(session, book, admin):
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert [(row.key, row.name_th, *figures(row)) for row in board.by_region] == [
        ("north", "ภาคเหนือ", 4, 434000, 43975, 390025),
        ("northeast", "ภาคตะวันออกเฉียงเหนือ", 0, 0, 0, 0),
        ("central", "ภาคกลาง", 1, 20000, 1600, 18400),
        ("east", "ภาคตะวันออก", 0, 0, 0, 0),
        ("west", "ภาคตะวันตก", 0, 0, 0, 0),
        ("south", "ภาคใต้", 0, 0, 0, 0),
    ]
    assert board.by_region[0].name_en == "North"
    assert [row.enterprises_with_sales for row in board.by_region] == [3, 0, 1, 0, 0, 0]
    assert [(row.key, row.name_th, row.name_en, row.region.value, *figures(row)) for row in board.by_province] == [
        ("50", "เชียงใหม่", "Chiang Mai", "north", 4, 434000, 43975, 390025),
        ("10", "กรุงเทพมหานคร", "Bangkok", "central", 1, 20000, 1600, 18400),
    ]
    assert [(row.key, row.name_en, *figures(row)) for row in board.by_kind] == [
        ("product", "Products", 4, 419000, 41200, 377800),
        ("tour", "Community tours", 1, 35000, 4375, 30625),
    ]
    assert [(row.key, *figures(row)) for row in board.by_category] == [
        ("food", 3, 395000, 39100, 355900),
        ("community-tourism", 1, 35000, 4375, 30625),
        ("textiles", 2, 24000, 2100, 21900),
    ]
    for rows in (board.by_region, board.by_kind):
        assert sum(row.items_satang for row in rows) == board.totals.items_satang


def test_top_enterprises_and_listings_by_producer_net(session, book, admin):
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert [(row.id, row.province_code, row.producer_net_satang, row.items_satang, row.orders)
            for row in board.top_enterprises] == [
        (book["pottery"].id, "50", 337500, 375000, 2),
        (book["homestay"].id, "50", 30625, 35000, 1),
        (book["weaving"].id, "50", 21900, 24000, 2),
        (book["sweets"].id, "10", 18400, 20000, 1),
    ]
    assert board.top_enterprises[0].name_en == "Ban Mueang Kung Pottery"
    assert [(row.id, row.enterprise_id, row.quantity, row.producer_net_satang) for row in board.top_listings] == [
        (book["pots"].id, book["pottery"].id, 3, 337500),
        (book["tour"].id, book["homestay"].id, 1, 30625),
        (book["cloth"].id, book["weaving"].id, 2, 21900),
        (book["candy"].id, book["sweets"].id, 4, 18400),
    ]
    pots = board.top_listings[0]
    assert (pots.title_th, pots.title_en) == ("หม้อดินเผา", "Clay pot")
    assert pots.enterprise_name_th == "วิสาหกิจชุมชนบ้านเหมืองกุง"


def test_top_lists_hold_ten_at_most(session, admin):
    enterprise = make_enterprise(session)
    for price in range(1000, 13000, 1000):
        make_sale(session, make_listing(session, enterprise=enterprise, price_satang=price),
                  done_at=dt.datetime(2026, 2, 1, 3, tzinfo=dt.UTC))
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert len(board.top_listings) == 10
    assert [row.items_satang for row in board.top_listings] == list(range(12000, 2000, -1000))
    assert len(board.top_enterprises) == 1


def test_company_staff_see_their_own_company_only(session, book):
    staff = make_staff(session, "50")
    board = dashboard(session, staff, PERIOD, now=NOW)
    assert board.company_id == company_of(session, "50").id
    assert figures(board.totals) == (4, 434000, 43975, 390025)
    assert board.totals.enterprises_with_sales == 3
    assert [row.key for row in board.by_province] == ["50"]
    assert book["sweets"].id not in [row.id for row in board.top_enterprises]
    assert board == dashboard(session, staff, DashboardQuery(company_id=company_of(session, "50").id,
                                                             date_from=FIRST, date_to=LAST), now=NOW)


def test_an_admin_may_look_at_one_company(session, book, admin):
    bangkok = company_of(session, "10")
    board = dashboard(session, admin, DashboardQuery(company_id=bangkok.id, date_from=FIRST, date_to=LAST), now=NOW)
    assert board.company_id == bangkok.id
    assert figures(board.totals) == (1, 20000, 1600, 18400)
    assert [(row.id, row.fulfilments, row.late_share) for row in board.companies] == [(bangkok.id, 0, None)]


def test_who_may_not_look(session, book, admin):
    staff = make_staff(session, "50")
    with pytest.raises(NotFound):
        dashboard(session, staff, DashboardQuery(company_id=company_of(session, "10").id), now=NOW)
    with pytest.raises(NotFound):
        dashboard(session, admin, DashboardQuery(company_id=2**31 - 1), now=NOW)
    for user in (make_user(session), make_user(session, role=Role.PRODUCER), make_user(session, role=Role.COMPANY)):
        with pytest.raises(Forbidden):
            dashboard(session, user, PERIOD, now=NOW)


def test_dormant_enterprises_never_sold_first_then_longest_silent(session, book, admin):
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert board.dormant_enterprises.since == dt.date(2026, 1, 1)  # the 90 days up to 31 March
    assert board.dormant_enterprises.total == 3
    assert [(row.id, row.province_code, row.last_sale) for row in board.dormant_enterprises.enterprises] == [
        (book["never"].id, "50", None),
        (book["far_away"].id, "10", dt.date(2025, 6, 1)),
        (book["quiet"].id, "50", dt.date(2025, 12, 31)),  # 16:59 UTC is 23:59 in Bangkok
    ]
    chiang_mai = dashboard(session, make_staff(session, "50"), PERIOD, now=NOW)
    assert [row.id for row in chiang_mai.dormant_enterprises.enterprises] == [book["never"].id, book["quiet"].id]
    a_day_later = dashboard(session, admin, PERIOD, now=NOW + dt.timedelta(days=1))
    assert a_day_later.dormant_enterprises.since == dt.date(2026, 1, 2)
    assert a_day_later.dormant_enterprises.total == 3


def test_a_deactivated_company_s_provinces_are_the_national_company_s(session, book):
    company_of(session, "50").active = False
    session.flush()
    national = dashboard(session, make_staff(session, None), PERIOD, now=NOW)
    assert [row.id for row in national.dormant_enterprises.enterprises] == [book["never"].id, book["quiet"].id]
    assert dashboard(session, make_staff(session, "50"), PERIOD, now=NOW).dormant_enterprises.total == 0


def test_the_dormant_list_is_capped_and_counted(session, admin):
    for _ in range(DORMANT_SHOWN + 2):
        make_enterprise(session, province_code="30")
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert board.dormant_enterprises.total == DORMANT_SHOWN + 2
    assert len(board.dormant_enterprises.enterprises) == DORMANT_SHOWN


def test_shipping_performance_per_company(session, admin):
    chiang_mai, bangkok = company_of(session, "50"), company_of(session, "10")
    shipping_book(session, make_listing(session, enterprise=make_enterprise(session, province_code="50")),
                  make_listing(session, enterprise=make_enterprise(session, province_code="10")))
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert [dataclasses.astuple(row) for row in board.companies] == [
        (bangkok.id, bangkok.name_th, bangkok.name_en, 2, 0, 0, 2, 5.0, 7.0),
        (chiang_mai.id, chiang_mai.name_th, chiang_mai.name_en, 8, 2, 1, 5, 30.0, 130.0),
    ]
    assert [(row.late_share, row.cancelled_share) for row in board.companies] == [(0.0, 0.0), (0.25, 0.125)]
    own = dashboard(session, make_staff(session, "50"), PERIOD, now=NOW)
    assert [row.id for row in own.companies] == [chiang_mai.id]


def test_a_fulfilment_shipped_exactly_five_days_after_becoming_new_is_on_time(session, admin):
    listing = make_listing(session, enterprise=make_enterprise(session, province_code="50"))
    slowest = shipping_book(session, listing, listing)
    slowest.shipped_at = slowest.new_at + dt.timedelta(days=5)
    session.flush()
    board = dashboard(session, admin, PERIOD, now=NOW)
    assert (board.companies[0].late, board.companies[0].p90_hours_to_ship) == (1, 120.0)  # only the accepted one


def test_the_number_of_queries_does_not_grow_with_the_sales(session, connection, admin):
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(connection, "before_cursor_execute", count)
    try:
        dashboard(session, admin, PERIOD, now=NOW)
        few = len(statements)
        sales_book(session)
        shipping_book(session, *[make_listing(session) for _ in range(2)])
        statements.clear()
        dashboard(session, admin, PERIOD, now=NOW)
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(statements) == few <= 12


def test_the_period_defaults_to_this_month_and_the_eleven_before(session, admin):
    assert default_first_day(dt.date(2026, 3, 31)) == dt.date(2025, 4, 1)
    assert default_first_day(dt.date(2026, 12, 1)) == dt.date(2026, 1, 1)
    assert default_first_day(dt.date(2026, 11, 30)) == dt.date(2025, 12, 1)
    board = dashboard(session, admin, DashboardQuery(), now=NOW)
    assert (board.date_from, board.date_to) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert len(board.by_month) == 12 and board.by_month[0].month == "2025-04"
    late_evening = dt.datetime(2026, 3, 31, 17, 30, tzinfo=dt.UTC)  # 1 April, 00:30 in Bangkok
    assert dashboard(session, admin, DashboardQuery(), now=late_evening).date_to == dt.date(2026, 4, 1)


@pytest.mark.parametrize("args, field", [
    ({"from": "2026-02-01", "to": "2026-01-31"}, "to"),
    ({"from": "2021-01-01", "to": "2026-01-01"}, "to"),  # 61 months
    ({"from": "2026-13-01"}, "from"),
    ({"to": "31/03/2026"}, "to"),
    ({"company_id": "x"}, "company_id"),
    ({"company_id": "0"}, "company_id"),
])
def test_bad_parameters_name_the_field(args, field):
    with pytest.raises(ValidationError) as raised:
        parse_dashboard_query(args)
    assert field in raised.value.fields


def test_sixty_months_are_allowed_and_a_default_bound_is_checked_too(session, admin):
    assert parse_dashboard_query({"from": "2021-01-01", "to": "2025-12-31"}).period(LAST) == (
        dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    with pytest.raises(ValidationError) as raised:
        dashboard(session, admin, parse_dashboard_query({"from": "2020-01-01"}), now=NOW)
    assert raised.value.fields == {"to": "at most 60 months from the month of from"}
    with pytest.raises(ValidationError) as raised:
        dashboard(session, admin, parse_dashboard_query({"from": "2026-04-01"}), now=NOW)
    assert raised.value.fields == {"to": "on or after from"}


def test_the_national_company_is_one_company_among_others(session, admin):
    national = national_company(session)
    board = dashboard(session, admin, DashboardQuery(company_id=national.id), now=NOW)
    assert board.company_id == national.id and board.totals.orders == 0
