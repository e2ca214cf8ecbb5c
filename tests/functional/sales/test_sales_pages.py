"""The producer's sales pages and CSV exports, seen through the browser's eyes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from marketplace.catalog.models import ListingKind
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import make_enterprise, make_listing, make_sale, make_user, sign_in
from tests.sql import selects_for

S = FulfilmentStatus
LINES = "/producer/sales/"
MONTHLY = "/producer/sales/monthly"
LINES_CSV = "/producer/sales/lines.csv"
MONTHLY_CSV = "/producer/sales/monthly.csv"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def html_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, so Excel reads Thai
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def shop(session):
    """A producer's enterprise with three earned lines over two months, a cancelled one and a
    shipped one, and a rival producer with a sale of their own."""
    producer = make_user(session, name="ผู้ผลิต ทดสอบ")
    enterprise = make_enterprise(session, members=(producer,), name_th="วิสาหกิจชุมชนบ้านเหมืองกุง")
    pots = make_listing(session, enterprise=enterprise, title_th="โอ่งมังกรลายไทย", price_satang=125000)
    chili = make_listing(session, enterprise=enterprise, title_th="=น้ำพริกหนุ่ม", price_satang=9999)
    tour = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, title_th="ทัวร์ปั้นดินเผา",
                        price_satang=35000)
    orders = {
        "pots": make_sale(session, pots, 2, done_at=at("2026-01-10T05:00:00"), commission_bps=1000,
                          ordered_at=at("2026-01-05T02:00:00")),
        "chili": make_sale(session, chili, 3, done_at=at("2026-01-20T09:30:00"), commission_bps=750,
                           ordered_at=at("2026-01-15T02:00:00")),
        "tour": make_sale(session, tour, 1, status=S.COMPLETED, done_at=at("2026-01-31T18:00:00"),
                          commission_bps=750, ordered_at=at("2026-01-25T02:00:00")),
        "cancelled": make_sale(session, pots, 1, status=S.CANCELLED, done_at=at("2026-01-12T00:00:00"),
                               ordered_at=at("2026-01-11T02:00:00")),
        "shipped": make_sale(session, chili, 1, status=S.SHIPPED, ordered_at=at("2026-02-20T02:00:00")),
    }
    rival = make_user(session)
    rival_enterprise = make_enterprise(session, members=(rival,))
    rival_listing = make_listing(session, enterprise=rival_enterprise, title_th="ผ้าไหมของคู่แข่ง",
                                 price_satang=777700)
    orders["rival"] = make_sale(session, rival_listing, done_at=at("2026-01-10T05:00:00"))
    return {"producer": producer, "enterprise": enterprise, "orders": orders, "rival": rival,
            "rival_enterprise": rival_enterprise}


# -- who may look ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [LINES, MONTHLY, LINES_CSV, MONTHLY_CSV])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("url", [LINES, MONTHLY, LINES_CSV, MONTHLY_CSV, f"{LINES}?from=bad"])
def test_someone_who_manages_no_enterprise_is_forbidden(client, session, url):
    sign_in(client, make_user(session))

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [LINES, MONTHLY, LINES_CSV, MONTHLY_CSV])
def test_a_foreign_enterprise_in_the_filter_is_not_found(client, shop, url):
    sign_in(client, shop["producer"])

    response = client.get(f"{url}?enterprise={shop['rival_enterprise'].id}")

    assert response.status_code == 404
    assert "ผ้าไหมของคู่แข่ง" not in response.get_data(as_text=True)


# -- the lines ------------------------------------------------------------------------------------

def test_the_lines_page_shows_every_line_with_its_figures(client, shop):
    sign_in(client, shop["producer"])

    html = html_of(client.get(f"{LINES}?lang=en"))

    for order in ("pots", "chili", "tour", "cancelled", "shipped"):
        assert shop["orders"][order].number in html
    for text in ("โอ่งมังกรลายไทย", "=น้ำพริกหนุ่ม", "ทัวร์ปั้นดินเผา", "Chiang Mai",
                 "฿1,250.00", "฿2,500.00", "฿250.00", "฿2,250.00",   # ฿1,250.00 × 2 at 10 %
                 "฿299.97", "฿22.50", "฿277.47",                       # ฿99.99 × 3 at 7.5 %
                 "Delivered", "Completed", "Cancelled", "Shipped"):
        assert text in html
    assert html.index(shop["orders"]["shipped"].number) < html.index(shop["orders"]["pots"].number)


def test_the_lines_page_never_shows_the_buyer_or_another_producer(client, shop):
    sign_in(client, shop["producer"])

    html = html_of(client.get(LINES))

    order = shop["orders"]["pots"]
    for private in (order.ship_name, order.ship_phone, order.ship_line1, order.consumer.email):
        assert private not in html
    assert "ผ้าไหมของคู่แข่ง" not in html
    assert shop["orders"]["rival"].number not in html


def test_the_lines_page_filters_by_status_and_month(client, shop):
    sign_in(client, shop["producer"])

    delivered = html_of(client.get(f"{LINES}?status=delivered"))
    february = html_of(client.get(f"{LINES}?from=2026-02&to=2026-02"))

    assert shop["orders"]["pots"].number in delivered and shop["orders"]["chili"].number in delivered
    assert shop["orders"]["tour"].number not in delivered and shop["orders"]["shipped"].number not in delivered
    assert 'value="delivered" selected' in delivered
    assert shop["orders"]["shipped"].number in february
    assert shop["orders"]["pots"].number not in february
    assert 'value="2026-02"' in february


def test_bad_filters_are_explained_next_to_their_fields(client, shop):
    sign_in(client, shop["producer"])

    html = html_of(client.get(f"{LINES}?lang=en&from=2026-13&status=lost"), 422)

    assert 'id="filter-from-error"' in html and 'id="filter-status-error"' in html
    assert 'value="2026-13"' in html
    assert shop["orders"]["pots"].number not in html


def test_the_lines_page_pages_by_cursor(client, session, shop, monkeypatch):
    monkeypatch.setattr("marketplace.reports.views.PAGE_SIZE", 2)
    sign_in(client, shop["producer"])

    numbers = []
    url = f"{LINES}?lang=en"
    while url:
        html = html_of(client.get(url))
        numbers += re.findall(r'<td class="nowrap">(OT\d+)</td>', html)
        found = re.search(r'href="([^"]*cursor=[^"]*)"', html)
        url = found.group(1).replace("&amp;", "&") if found else None

    expected = [shop["orders"][name].number for name in ("shipped", "tour", "chili", "cancelled", "pots")]
    assert numbers == expected


def test_a_broken_cursor_is_explained(client, shop):
    sign_in(client, shop["producer"])

    html = html_of(client.get(f"{LINES}?lang=en&cursor=rubbish"), 422)

    assert "That page link is no longer valid" in html


# -- income by month -------------------------------------------------------------------------------

def test_the_monthly_page_shows_each_months_income(client, shop):
    sign_in(client, shop["producer"])

    html = html_of(client.get(f"{MONTHLY}?lang=en"))

    # January: ฿2,500.00 + ฿299.97; February (the tour, completed 01:00 on 1 Feb in Bangkok): ฿350.00
    for text in ("January 2026", "฿2,799.97", "฿272.50", "฿2,527.47",
                 "February 2026", "฿350.00", "฿26.25", "฿323.75",
                 "฿3,149.97", "฿298.75", "฿2,851.22"):
        assert text in html
    assert "฿77,770.00" not in html
    assert html.index("February 2026") < html.index("January 2026")


def test_the_monthly_page_filters_by_enterprise_and_month(client, session, shop):
    second = make_enterprise(session, members=(shop["producer"],), name_th="วิสาหกิจที่สอง")
    make_sale(session, make_listing(session, enterprise=second, price_satang=4200), done_at=at("2026-03-02T00:00:00"))
    sign_in(client, shop["producer"])

    everything = html_of(client.get(f"{MONTHLY}?lang=en"))
    only_second = html_of(client.get(f"{MONTHLY}?lang=en&enterprise={second.id}"))
    january = html_of(client.get(f"{MONTHLY}?lang=en&from=2026-01&to=2026-01"))

    assert "March 2026" in everything and "วิสาหกิจที่สอง" in everything
    assert "฿42.00" in only_second and "January 2026" not in only_second
    assert "January 2026" in january and "February 2026" not in january and "March 2026" not in january


# -- CSV -------------------------------------------------------------------------------------------

def test_the_lines_csv_has_thai_intact_amounts_in_baht_and_defused_formulas(client, shop):
    sign_in(client, shop["producer"])

    response = client.get(LINES_CSV)

    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="sales-lines-')
    rows = csv_rows(response)
    assert {row["order_number"] for row in rows} == {
        shop["orders"][name].number for name in ("pots", "chili", "tour", "cancelled", "shipped")
    }
    by_number = {row["order_number"]: row for row in rows}
    pots = by_number[shop["orders"]["pots"].number]
    assert (pots["title_th"], pots["enterprise"], pots["buyer_province"]) == (
        "โอ่งมังกรลายไทย", "วิสาหกิจชุมชนบ้านเหมืองกุง", "เชียงใหม่")
    assert (pots["quantity"], pots["unit_price_thb"], pots["line_total_thb"]) == ("2", "1250.00", "2500.00")
    assert (pots["commission_thb"], pots["net_thb"], pots["status"]) == ("250.00", "2250.00", "delivered")
    chili = by_number[shop["orders"]["chili"].number]
    assert chili["title_th"] == "'=น้ำพริกหนุ่ม"
    assert (chili["line_total_thb"], chili["commission_thb"], chili["net_thb"]) == ("299.97", "22.50", "277.47")
    cancelled = by_number[shop["orders"]["cancelled"].number]
    assert (cancelled["status"], cancelled["commission_thb"], cancelled["earned_on"]) == ("cancelled", "", "")
    tour = by_number[shop["orders"]["tour"].number]
    assert tour["earned_on"] == "2026-02-01"
    for private in ("ship_name", "ship_phone", "address", "buyer_name"):
        assert private not in rows[0]


def test_the_lines_csv_follows_the_filters(client, shop):
    sign_in(client, shop["producer"])

    rows = csv_rows(client.get(f"{LINES_CSV}?status=cancelled"))

    assert [row["order_number"] for row in rows] == [shop["orders"]["cancelled"].number]


def test_the_monthly_csv_adds_up(client, shop):
    sign_in(client, shop["producer"])

    response = client.get(MONTHLY_CSV)

    assert response.headers["Content-Disposition"].startswith('attachment; filename="sales-monthly-')
    assert csv_rows(response) == [
        {"month": "2026-02", "lines_earned": "1", "gross_thb": "350.00", "commission_thb": "26.25",
         "net_payable_thb": "323.75"},
        {"month": "2026-01", "lines_earned": "2", "gross_thb": "2799.97", "commission_thb": "272.50",
         "net_payable_thb": "2527.47"},
    ]


def test_a_bad_filter_on_a_csv_is_refused(client, shop):
    sign_in(client, shop["producer"])

    assert client.get(f"{MONTHLY_CSV}?to=someday").status_code == 422


# -- queries ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [LINES, MONTHLY, LINES_CSV, MONTHLY_CSV])
def test_a_report_costs_the_same_queries_whatever_its_length(app, client, session, url):
    producer = make_user(session)
    enterprise = make_enterprise(session, members=(producer,))
    listing = make_listing(session, enterprise=enterprise)
    tour = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR)
    make_sale(session, listing, done_at=at("2026-01-10T05:00:00"))
    sign_in(client, producer)
    one = selects_for(app, client, url)
    for day in range(1, 9):
        make_sale(session, listing if day % 2 else tour, status=S.COMPLETED if day % 2 == 0 else S.DELIVERED,
                  done_at=at(f"2026-0{day}-10T05:00:00"))

    assert selects_for(app, client, url) == one <= 5  # user, enterprises, lines, totals; the header's cart badge
