"""The dashboard pages: the admin's (the whole country or one company), the company
staff's (their own company only), their charts with a table under each, the CSV of every
table, and bad periods answered with the form and a message."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ElementTree

import pytest

from marketplace.accounts.models import Role
from marketplace.clock import BANGKOK
from marketplace.reports.dashboard_exports import TABLES
from tests.factories import company_of, make_enterprise, make_listing, make_sale, make_staff, make_user, sign_in


def _earned_at(days_ago: int) -> dt.datetime:
    return dt.datetime.now(BANGKOK).replace(hour=12, minute=0, second=0, microsecond=0) - dt.timedelta(days=days_ago)


@pytest.fixture
def sales(session):
    """Silk from Chiang Mai (฿1,000.00 × 2 at 10 %) and coffee from Ubon Ratchathani
    (฿250.00 at 5 %), delivered this month; a basket from Chiang Mai that never sold."""
    weavers = make_enterprise(session, province_code="50", name_th="กลุ่มทอผ้าไหมบ้านดอนหลวง")
    roasters = make_enterprise(session, province_code="34", name_th="วิสาหกิจชุมชนกาแฟโขงเจียม")
    make_enterprise(session, province_code="50", name_th="กลุ่มจักสานบ้านไร่")
    silk = make_listing(session, enterprise=weavers, title_th="ผ้าไหมลายดอกพิกุล", price_satang=100_000, stock=50)
    coffee = make_listing(session, enterprise=roasters, title_th="กาแฟคั่วบด", price_satang=25_000, stock=50)
    make_sale(session, silk, 2, done_at=_earned_at(0), commission_bps=1000)
    make_sale(session, coffee, 1, done_at=_earned_at(0), commission_bps=500)
    session.flush()
    return {"weavers": weavers, "roasters": roasters}


def _page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def _charts(html: str) -> list[ElementTree.Element]:
    """Every ``<svg>`` of the page, parsed (each must be well-formed XML)."""
    charts = []
    start = html.find("<svg")
    while start != -1:
        end = html.index("</svg>", start) + len("</svg>")
        charts.append(ElementTree.fromstring(html[start:end]))
        start = html.find("<svg", end)
    return charts


def test_the_admin_sees_the_whole_country_with_a_chart_and_a_table_for_each_figure(app, client, session, sales):
    sign_in(client, make_user(session, role=Role.ADMIN))
    html = _page(client, "/admin/dashboard")
    assert "฿2,250.00" in html  # items: 2 × 1,000 + 250
    assert "฿2,037.50" in html  # producers' net: 1,800 + 237.50
    charts = _charts(html)
    assert len(charts) == 7  # months (for phones and for desktops), map, regions, kinds, provinces, categories
    assert all(chart.get("role") == "img" for chart in charts)
    assert html.count('class="sales-table dash-table"') >= 9
    assert "กลุ่มทอผ้าไหมบ้านดอนหลวง" in html and "กลุ่มจักสานบ้านไร่" in html  # a top and a dormant enterprise


def test_the_admin_narrows_the_dashboard_to_one_company(client, session, sales):
    sign_in(client, make_user(session, role=Role.ADMIN))
    chiang_mai = company_of(session, "50")
    html = _page(client, f"/admin/dashboard?company_id={chiang_mai.id}")
    assert chiang_mai.name_th in html
    assert "฿2,000.00" in html and "฿2,250.00" not in html
    assert len(_charts(html)) == 6  # no map for one company


def test_company_staff_see_their_own_company_and_never_another(client, session, sales):
    sign_in(client, make_staff(session, "34"))
    html = _page(client, "/company/dashboard")
    assert "฿250.00" in html and "฿2,000.00" not in html
    assert "กลุ่มจักสานบ้านไร่" not in html  # Chiang Mai's dormant enterprise is not theirs
    _page(client, f"/company/dashboard?company_id={company_of(session, '50').id}", 404)
    assert client.get(f"/company/dashboard/months.csv?company_id={company_of(session, '50').id}").status_code == 404
    assert client.get("/admin/dashboard").status_code == 403


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.PRODUCER])
def test_only_staff_and_admins_open_a_dashboard(client, session, role):
    sign_in(client, make_user(session, role=role))
    for path in ("/admin/dashboard", "/company/dashboard", "/company/dashboard/months.csv"):
        assert client.get(path).status_code == 403, path


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/company/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_admin_on_the_company_dashboard_is_taken_to_the_national_one(client, session):
    sign_in(client, make_user(session, role=Role.ADMIN))
    response = client.get("/company/dashboard?from=2026-01-01")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/dashboard?from=2026-01-01")


@pytest.mark.parametrize("query, field, message", [
    ("from=2026-13-01", "from", "Enter a day as year-month-day"),
    ("from=2026-06-01&to=2026-05-01", "to", "The last day cannot be before the first."),
    ("from=2016-01-01&to=2026-01-01", "to", "Choose a period of at most five years."),
    ("company_id=abc", "company_id", "Choose a company from the list."),
])
def test_a_bad_period_shows_the_form_again_with_a_message(client, session, query, field, message):
    sign_in(client, make_user(session, role=Role.ADMIN))
    html = _page(client, f"/admin/dashboard?lang=en&{query}", 422)
    assert f'id="dash-{"company" if field == "company_id" else field}-error"' in html
    assert message in html


def test_every_table_downloads_as_csv_with_the_figures_of_the_page(client, session, sales):
    sign_in(client, make_user(session, role=Role.ADMIN))
    for table in TABLES:
        response = client.get(f"/admin/dashboard/{table}.csv")
        assert response.status_code == 200, table
        assert response.mimetype == "text/csv"
        assert response.get_data().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(client.get("/admin/dashboard/provinces.csv").get_data()
                                           .decode("utf-8-sig"))))
    assert {(row["province_code"], row["items_thb"], row["producer_net_thb"]) for row in rows} == {
        ("50", "2000.00", "1800.00"), ("34", "250.00", "237.50")}
    assert client.get("/admin/dashboard/nothing.csv").status_code == 404


def test_the_impact_page_is_public_and_shows_every_province_with_its_company(client, session, sales):
    html = _page(client, "/impact")
    assert "฿2,037.50" in html  # producers' net since the beginning
    assert html.count('<a href="/provinces/') >= 77 * 2  # a tile and a table row per province
    assert company_of(session, "34").name_th in html
    charts = _charts(html)
    assert len(charts) == 2 and all(chart.get("role") == "img" for chart in charts)
    assert "กลุ่มทอผ้าไหมบ้านดอนหลวง" not in html  # no enterprise is named, only counted


def test_the_impact_page_sorts_its_provinces_by_the_chosen_column(client, session, sales):
    html = _page(client, "/impact?sort=net")
    assert html.index("/provinces/50\">") < html.index("/provinces/34\">") < html.index("/provinces/10\">")
    html = _page(client, "/impact?sort=name")
    assert html.index("/provinces/10\">") < html.index("/provinces/50\">")  # กรุงเทพมหานคร before เชียงใหม่
    assert _page(client, "/impact?sort=nonsense").count("aria-sort") == 1


def test_every_page_links_to_the_impact_page_and_it_downloads_as_csv(client, session, sales):
    assert 'href="/impact"' in _page(client, "/")
    rows = list(csv.DictReader(io.StringIO(client.get("/impact.csv").get_data().decode("utf-8-sig"))))
    assert len(rows) == 77
    assert {row["province_code"]: row["producer_net_thb"] for row in rows}["34"] == "237.50"
