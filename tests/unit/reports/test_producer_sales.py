"""The producer's sales rules: what is earned, when, and how the money splits."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from marketplace.catalog.models import ListingKind
from marketplace.csv_files import BOM, csv_bytes, safe_text
from marketplace.errors import Forbidden, NotFound, ValidationError
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.money import satang_to_decimal_text
from marketplace.reports.exports import lines_csv, monthly_csv
from marketplace.reports.producer import (
    Month, MonthTotals, SalesFilters, monthly_income, parse_sales_filters, rate_text, sales_lines,
)
from tests.factories import make_enterprise, make_listing, make_sale, make_user

S = FulfilmentStatus
UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,))


@pytest.fixture
def book(session, enterprise):
    """Three earned lines at 10 % and 7.5 % over January and February 2026, one cancelled,
    one shipped but not yet delivered."""
    pots = make_listing(session, enterprise=enterprise, title_th="โอ่งมังกร", price_satang=125000)
    chili = make_listing(session, enterprise=enterprise, title_th="น้ำพริกหนุ่ม", price_satang=9999)
    tour = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, title_th="ทัวร์ทำร่ม",
                        price_satang=35000)
    return {
        "pots": make_sale(session, pots, 2, status=S.DELIVERED, done_at=at("2026-01-10T05:00:00"),
                          commission_bps=1000, ordered_at=at("2026-01-05T02:00:00")),
        "chili": make_sale(session, chili, 3, status=S.DELIVERED, done_at=at("2026-01-20T09:30:00"),
                           commission_bps=750, ordered_at=at("2026-01-15T02:00:00")),
        "tour": make_sale(session, tour, 1, status=S.COMPLETED, done_at=at("2026-02-14T10:00:00"),
                          commission_bps=750, ordered_at=at("2026-01-25T02:00:00")),
        "cancelled": make_sale(session, pots, 1, status=S.CANCELLED, done_at=at("2026-01-12T00:00:00"),
                               commission_bps=1000, ordered_at=at("2026-01-11T02:00:00")),
        "shipped": make_sale(session, chili, 1, status=S.SHIPPED, commission_bps=1000,
                             ordered_at=at("2026-02-20T02:00:00")),
    }


# -- income per month ------------------------------------------------------------------------------

def test_each_month_sums_its_earned_lines_exactly(session, producer, book):
    report = monthly_income(session, producer, SalesFilters())

    assert report.months == [
        # ฿350.00 × 1 at 7.5 %: 2,625 satang
        MonthTotals(Month(2026, 2), lines=1, gross_satang=35000, commission_satang=2625, net_satang=32375),
        # ฿1,250.00 × 2 at 10 % = 25,000; ฿99.99 × 3 = 29,997 at 7.5 % = 2,249.775 → 2,250
        MonthTotals(Month(2026, 1), lines=2, gross_satang=279997, commission_satang=27250, net_satang=252747),
    ]
    assert report.total == MonthTotals(None, lines=3, gross_satang=314997, commission_satang=29875,
                                       net_satang=285122)
    for row in [*report.months, report.total]:
        assert row.commission_satang + row.net_satang == row.gross_satang


def test_a_month_is_the_sum_of_its_rounded_lines(session, producer, enterprise):
    """Two lines of 7 satang at 7.5 % each round up to 1 satang; the month owes 2, not the
    1 that 7.5 % of its 14 satang would round to."""
    sweet = make_listing(session, enterprise=enterprise, price_satang=7)
    for day in (3, 4):
        make_sale(session, sweet, done_at=at(f"2026-03-0{day}T03:00:00"), commission_bps=750)

    (march,) = monthly_income(session, producer, SalesFilters()).months

    assert (march.gross_satang, march.commission_satang, march.net_satang) == (14, 2, 12)


def test_months_are_counted_in_bangkok_time(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, price_satang=10000)
    make_sale(session, listing, done_at=at("2026-01-31T16:59:59"), commission_bps=1000)  # 23:59:59 in Bangkok
    make_sale(session, listing, done_at=at("2026-01-31T18:00:00"), commission_bps=1000)  # 01:00 on 1 February

    report = monthly_income(session, producer, SalesFilters())

    assert [(str(row.month), row.lines) for row in report.months] == [("2026-02", 1), ("2026-01", 1)]
    february = monthly_income(session, producer, SalesFilters(month_from=Month(2026, 2), month_to=Month(2026, 2)))
    assert [(str(row.month), row.gross_satang) for row in february.months] == [("2026-02", 10000)]
    january = monthly_income(session, producer, SalesFilters(month_to=Month(2026, 1)))
    assert [str(row.month) for row in january.months] == ["2026-01"]


def test_month_range_filters_by_the_month_earned(session, producer, book):
    report = monthly_income(session, producer, SalesFilters(month_from=Month(2026, 2)))

    assert [str(row.month) for row in report.months] == ["2026-02"]
    assert report.total.gross_satang == 35000


def test_lines_without_a_completion_time_are_not_earned(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise)
    make_sale(session, listing, status=S.DELIVERED, done_at=None)

    report = monthly_income(session, producer, SalesFilters())

    assert report.months == [] and report.total.lines == 0
    assert sales_lines(session, producer, SalesFilters()).lines[0].earned is False


# -- the lines -------------------------------------------------------------------------------------

def test_lines_are_newest_first_with_their_figures(session, producer, book):
    lines = sales_lines(session, producer, SalesFilters()).lines

    assert [line.order_number for line in lines] == [
        book[name].number for name in ("shipped", "tour", "chili", "cancelled", "pots")
    ]
    by_order = {line.order_number: line for line in lines}
    pots = by_order[book["pots"].number]
    assert (pots.quantity, pots.unit_price_satang, pots.line_total_satang) == (2, 125000, 250000)
    assert (pots.commission_satang, pots.net_satang, pots.earned_month) == (25000, 225000, Month(2026, 1))
    assert (pots.buyer_province_code, pots.buyer_province_th) == ("50", "เชียงใหม่")
    for name in ("cancelled", "shipped"):
        line = by_order[book[name].number]
        assert (line.earned, line.commission_satang, line.net_satang) == (False, None, None)


def test_lines_carry_nothing_of_the_buyer_but_the_province(session, producer, book):
    line = sales_lines(session, producer, SalesFilters()).lines[0]

    values = " ".join(str(value) for value in vars(line).values())
    order = book["shipped"]
    for private in (order.ship_name, order.ship_phone, order.ship_line1, order.ship_postal_code):
        assert private not in values


def test_lines_filter_by_status_and_order_month(session, producer, book):
    delivered = sales_lines(session, producer, SalesFilters(status=S.DELIVERED)).lines
    january = sales_lines(session, producer, SalesFilters(month_from=Month(2026, 1), month_to=Month(2026, 1))).lines

    assert {line.order_number for line in delivered} == {book["pots"].number, book["chili"].number}
    # the tour was ordered in January, though earned in February
    assert {line.order_number for line in january} == {
        book[name].number for name in ("pots", "chili", "cancelled", "tour")
    }


def test_lines_page_by_cursor(session, producer, book):
    first = sales_lines(session, producer, SalesFilters(), limit=2)
    second = sales_lines(session, producer, SalesFilters(), cursor=first.next_cursor, limit=2)
    third = sales_lines(session, producer, SalesFilters(), cursor=second.next_cursor, limit=2)

    seen = [line.id for page in (first, second, third) for line in page.lines]
    assert seen == [line.id for line in sales_lines(session, producer, SalesFilters()).lines]
    assert len(seen) == 5 and third.next_cursor is None


def test_a_malformed_cursor_is_refused(session, producer, book):
    with pytest.raises(ValidationError) as caught:
        sales_lines(session, producer, SalesFilters(), cursor="not-a-cursor", limit=2)
    assert "cursor" in caught.value.fields


# -- who sees what ---------------------------------------------------------------------------------

def test_another_enterprises_lines_are_never_included(session, producer, enterprise, book):
    rival = make_user(session)
    rival_listing = make_listing(session, enterprise=make_enterprise(session, members=(rival,)),
                                 price_satang=50000)
    make_sale(session, rival_listing, done_at=at("2026-01-10T05:00:00"))

    lines = sales_lines(session, producer, SalesFilters()).lines
    assert rival_listing.id not in {line.listing_id for line in lines}
    assert monthly_income(session, producer, SalesFilters()).total.gross_satang == 314997
    assert [line.listing_id for line in sales_lines(session, rival, SalesFilters()).lines] == [rival_listing.id]


def test_the_enterprise_filter_narrows_to_one_of_the_producers_own(session, producer, enterprise, book):
    second = make_enterprise(session, members=(producer,))
    make_sale(session, make_listing(session, enterprise=second, price_satang=100), done_at=at("2026-01-02T00:00:00"))

    assert monthly_income(session, producer, SalesFilters()).total.gross_satang == 314997 + 100
    assert monthly_income(session, producer, SalesFilters(enterprise_id=second.id)).total.gross_satang == 100
    only_first = sales_lines(session, producer, SalesFilters(enterprise_id=enterprise.id)).lines
    assert {line.enterprise_id for line in only_first} == {enterprise.id}


def test_a_foreign_enterprise_is_not_found(session, producer, enterprise):
    foreign = make_enterprise(session, members=(make_user(session),))

    with pytest.raises(NotFound):
        sales_lines(session, producer, SalesFilters(enterprise_id=foreign.id))
    with pytest.raises(NotFound):
        monthly_income(session, producer, SalesFilters(enterprise_id=foreign.id))


def test_someone_who_manages_no_enterprise_is_forbidden(session):
    consumer = make_user(session)

    with pytest.raises(Forbidden):
        sales_lines(session, consumer, SalesFilters())
    with pytest.raises(Forbidden):
        monthly_income(session, consumer, SalesFilters())


# -- filters, months and numbers -------------------------------------------------------------------

def test_filters_parse_from_query_arguments():
    assert parse_sales_filters({"enterprise": "7", "status": "delivered", "from": "2025-11", "to": "2026-02"}) == (
        SalesFilters(enterprise_id=7, status=S.DELIVERED, month_from=Month(2025, 11), month_to=Month(2026, 2))
    )
    assert parse_sales_filters({"enterprise": "", "status": "", "from": ""}) == SalesFilters()


@pytest.mark.parametrize(("args", "field"), [
    ({"enterprise": "abc"}, "enterprise"), ({"enterprise": "๑"}, "enterprise"), ({"status": "lost"}, "status"),
    ({"from": "2026-13"}, "from"), ({"to": "2026-1"}, "to"), ({"from": "January"}, "from"),
    ({"from": "2026-03", "to": "2026-02"}, "to"),
])
def test_bad_filters_are_named(args, field):
    with pytest.raises(ValidationError) as caught:
        parse_sales_filters(args)
    assert field in caught.value.fields


def test_month_boundaries_are_bangkok_midnight():
    assert Month(2026, 2).starts_at() == at("2026-01-31T17:00:00")
    assert Month(2025, 12).next() == Month(2026, 1)
    assert Month.of(at("2026-01-31T17:00:00")) == Month(2026, 2)
    assert Month.of(at("2026-01-31T16:59:59")) == Month(2026, 1)


@pytest.mark.parametrize(("bps", "text"), [(1000, "10"), (750, "7.5"), (1234, "12.34"), (0, "0"), (5, "0.05")])
def test_rate_text(bps, text):
    assert rate_text(bps) == text


@pytest.mark.parametrize(("satang", "text"), [
    (0, "0.00"), (5, "0.05"), (125050, "1250.50"), (123456789, "1234567.89"), (-150, "-1.50"),
])
def test_satang_to_decimal_text(satang, text):
    assert satang_to_decimal_text(satang) == text


# -- CSV -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+66", "'+66"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("ผ้าไหม", "ผ้าไหม"), ("a=b", "a=b"), (None, ""),
])
def test_safe_text_defuses_formulas(value, cell):
    assert safe_text(value) == cell


def test_csv_has_a_bom_and_quotes_properly():
    body = csv_bytes(["a", "b"], [['ผ้า "ไหม", ทอมือ', "1"]])

    assert body.startswith(BOM.encode("utf-8"))
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")))) == [["a", "b"], ['ผ้า "ไหม", ทอมือ', "1"]]


def test_csv_files_carry_the_same_figures(session, producer, book):
    rows = list(csv.DictReader(io.StringIO(lines_csv(sales_lines(session, producer, SalesFilters()).lines)
                                           .decode("utf-8-sig"))))
    pots = next(row for row in rows if row["order_number"] == book["pots"].number)
    assert (pots["title_th"], pots["quantity"], pots["unit_price_thb"]) == ("โอ่งมังกร", "2", "1250.00")
    assert (pots["line_total_thb"], pots["commission_thb"], pots["net_thb"]) == ("2500.00", "250.00", "2250.00")
    assert (pots["commission_rate_percent"], pots["earned_on"], pots["ordered_on"]) == ("10", "2026-01-10",
                                                                                        "2026-01-05")
    shipped = next(row for row in rows if row["order_number"] == book["shipped"].number)
    assert (shipped["status"], shipped["commission_thb"], shipped["net_thb"], shipped["earned_on"]) == (
        "shipped", "", "", "")

    monthly = list(csv.DictReader(io.StringIO(monthly_csv(monthly_income(session, producer, SalesFilters()))
                                              .decode("utf-8-sig"))))
    assert monthly == [
        {"month": "2026-02", "lines_earned": "1", "gross_thb": "350.00", "commission_thb": "26.25",
         "net_payable_thb": "323.75"},
        {"month": "2026-01", "lines_earned": "2", "gross_thb": "2799.97", "commission_thb": "272.50",
         "net_payable_thb": "2527.47"},
    ]
