"""GET /api/v1/reports/dashboard and GET /api/v1/impact as the contract says: the fields,
who sees what (401, 403, 404), bad dates (422), the 10-minute cache, and a number of
queries that does not grow with the sales. The figures come from the hand-computed book
of ``tests.dashboard_book`` (the services' own tests check every one of them)."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.accounts.models import Role
from marketplace.clock import today_in_thailand
from marketplace.extensions import cache
from tests.dashboard_book import sales_book, shipping_book
from tests.factories import company_of, make_enterprise, make_listing, make_sale, make_staff, make_user
from tests.sql import recorded_selects

DASHBOARD, IMPACT = "/api/v1/reports/dashboard", "/api/v1/impact"
PERIOD = {"from": "2026-01-01", "to": "2026-03-31"}
FIGURES = {"items_satang", "commission_satang", "producer_net_satang", "orders"}


@pytest.fixture
def book(session):
    found = sales_book(session)
    shipping_book(session, found["pots"], found["candy"])
    return found


@pytest.fixture
def admin(session, bearer):
    return bearer(make_user(session, role=Role.ADMIN))


@pytest.fixture
def chiang_mai(session, bearer):
    return bearer(make_staff(session, "50"))


def board(client, headers, **query) -> dict:
    response = client.get(DASHBOARD, headers=headers, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_whole_country_for_an_admin(client, session, book, admin):
    found = board(client, admin, **PERIOD)
    assert set(found) >= {"totals", "by_month", "by_region", "by_province", "by_kind", "top_enterprises",
                          "companies"}
    assert (found["first_day"], found["last_day"], found["company_id"]) == ("2026-01-01", "2026-03-31", None)
    assert found["totals"] == {"orders": 5, "items_satang": 454000, "commission_satang": 45575,
                               "producer_net_satang": 408425, "enterprises_with_sales": 4, "currency": "THB"}
    assert [(month["month"], month["items_satang"], month["orders"]) for month in found["by_month"]] == [
        ("2026-01", 262000, 2), ("2026-02", 55000, 2), ("2026-03", 137000, 1),
    ]
    for rows in ("by_region", "by_province", "by_kind"):
        for row in found[rows]:
            assert {"key", "name"} | FIGURES <= set(row)
    assert [(row["key"], row["name"], row["items_satang"]) for row in found["by_region"][:3]] == [
        ("north", "ภาคเหนือ", 434000), ("northeast", "ภาคตะวันออกเฉียงเหนือ", 0), ("central", "ภาคกลาง", 20000),
    ]
    assert [(row["key"], row["name"], row["region"]) for row in found["by_province"]] == [
        ("50", "เชียงใหม่", "north"), ("10", "กรุงเทพมหานคร", "central"),
    ]
    assert [(row["key"], row["producer_net_satang"]) for row in found["by_kind"]] == [("product", 377800),
                                                                                      ("tour", 30625)]
    assert found["top_enterprises"][0] == {
        "id": book["pottery"].id, "name_th": "วิสาหกิจชุมชนบ้านเหมืองกุง", "name_en": "Ban Mueang Kung Pottery",
        "province_code": "50", "producer_net_satang": 337500, "items_satang": 375000, "orders": 2,
    }
    assert found["top_listings"][0]["quantity"] == 3
    assert found["dormant_enterprises"]["items"][0] == {"id": book["never"].id, "name_th": "กลุ่มที่ยังไม่เคยขาย",
                                                        "name_en": None, "province_code": "50", "last_sale": None}
    bangkok, chiang_mai_company = found["companies"]
    assert bangkok == {"id": company_of(session, "10").id, "name_th": company_of(session, "10").name_th,
                       "name_en": company_of(session, "10").name_en, "fulfilments": 2, "median_hours_to_ship": 5.0,
                       "p90_hours_to_ship": 7.0, "late_share": 0.0, "cancelled_share": 0.0, "late": 0,
                       "cancelled": 0, "shipped": 2}
    assert chiang_mai_company["fulfilments"] == 8 and chiang_mai_company["cancelled_share"] == 0.125


def test_company_staff_see_their_own_company_and_nobody_else_s(client, session, book, chiang_mai, admin):
    own = company_of(session, "50").id
    found = board(client, chiang_mai, **PERIOD)
    assert found["company_id"] == own
    assert found["totals"]["items_satang"] == 434000
    assert [row["id"] for row in found["companies"]] == [own]
    assert board(client, chiang_mai, company_id=own, **PERIOD) == found
    other = client.get(DASHBOARD, headers=chiang_mai, query_string={"company_id": company_of(session, "10").id})
    assert other.status_code == 404 and other.get_json()["error"]["code"] == "not_found"
    assert board(client, admin, company_id=own, **PERIOD) == found
    unknown = client.get(DASHBOARD, headers=admin, query_string={"company_id": 2**31 - 1})
    assert unknown.status_code == 404


def test_consumers_and_producers_are_forbidden_and_strangers_unauthenticated(client, session, bearer):
    for role in (Role.CONSUMER, Role.PRODUCER):
        response = client.get(DASHBOARD, headers=bearer(make_user(session, role=role)))
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert client.get(DASHBOARD, headers=bearer(make_user(session)), query_string={"from": "x"}).status_code == 403
    assert client.get(DASHBOARD).status_code == 401


@pytest.mark.parametrize("query, field", [
    ({"from": "2026-13-01"}, "from"),
    ({"from": "20260101"}, "from"),
    ({"to": "31/01/2026"}, "to"),
    ({"from": "2026-02-01", "to": "2026-01-31"}, "to"),
    ({"from": "2020-01-01", "to": "2025-01-01"}, "to"),
    ({"from": "2000-01-01"}, "to"),  # to defaults to today: far more than 60 months
    ({"company_id": "two"}, "company_id"),
])
def test_bad_parameters_are_422_naming_the_field(client, chiang_mai, query, field):
    response = client.get(DASHBOARD, headers=chiang_mai, query_string=query)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]


def test_the_default_period_is_this_month_and_the_eleven_before(client, admin):
    found = board(client, admin)
    assert found["last_day"] == today_in_thailand().isoformat()
    assert len(found["by_month"]) == 12 and found["first_day"].endswith("-01")


def _selects(app, client, url, headers, query) -> int:
    with recorded_selects(app) as statements:
        assert client.get(url, headers=headers, query_string=query).status_code == 200
    return len(statements)


def test_the_queries_do_not_grow_with_the_sales(app, client, session, admin, chiang_mai):
    before = (_selects(app, client, DASHBOARD, admin, PERIOD), _selects(app, client, DASHBOARD, chiang_mai, PERIOD))
    sales_book(session)
    enterprise = make_enterprise(session, province_code="50")
    for price in range(1000, 21000, 1000):
        make_sale(session, make_listing(session, enterprise=enterprise, price_satang=price),
                  done_at=dt.datetime(2026, 2, 1, 3, tzinfo=dt.UTC))
    after = (_selects(app, client, DASHBOARD, admin, PERIOD), _selects(app, client, DASHBOARD, chiang_mai, PERIOD))
    assert before == after


def test_the_impact_figures_for_anyone(client, session, book):
    response = client.get(IMPACT)
    assert response.status_code == 200
    found = response.get_json()
    assert set(found) >= {"year", "all_time", "active_enterprises", "active_listings", "provinces"}
    assert found["year"]["year"] == today_in_thailand().year
    assert set(found["year"]) >= {"year", "producer_net_satang", "items_satang", "orders", "enterprises_with_sales"}
    assert found["all_time"] == {"orders": 7, "items_satang": 514000, "commission_satang": 51575,
                                 "producer_net_satang": 462425, "enterprises_with_sales": 6, "currency": "THB"}
    assert (found["active_enterprises"], found["active_listings"]) == (7, 6)
    assert len(found["provinces"]) == 77
    provinces = {province["code"]: province for province in found["provinces"]}
    company = company_of(session, "50")
    assert provinces["50"]["company"] == {"id": company.id, "name_th": company.name_th, "name_en": company.name_en,
                                          "phone": company.phone, "email": company.email}
    assert (provinces["50"]["items_satang"], provinces["50"]["enterprises_with_sales"]) == (464000, 4)
    assert (provinces["91"]["producer_net_satang"], provinces["91"]["region"]) == (0, "south")
    assert len(found["regions"]) == 6


def test_the_impact_figures_hold_no_personal_data(client, session, book):
    text = client.get(IMPACT).get_data(as_text=True)
    for private in ("ผู้ซื้อ ทดสอบ", "0812345678", "@example.test", "ถนนนิมมานเหมินท์", "50200"):
        assert private not in text


def test_the_impact_figures_are_cached_for_ten_minutes(app, client, session, book):
    first = client.get(IMPACT).get_json()
    make_sale(session, book["pots"], 1, done_at=dt.datetime(2026, 3, 30, 3, tzinfo=dt.UTC))
    with recorded_selects(app) as statements:
        again = client.get(IMPACT)
    assert again.status_code == 200 and statements == []
    assert again.get_json() == first
    with app.app_context():
        cache.clear()
    assert client.get(IMPACT).get_json()["all_time"]["items_satang"] == first["all_time"]["items_satang"] + 125000


def test_the_routes_are_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/reports/dashboard"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"from", "to", "company_id"}
    assert {"200", "401", "403", "404", "422"} <= set(operation["responses"])
    impact = document["paths"]["/impact"]["get"]
    assert "security" not in impact or impact["security"] == []
    assert set(impact["responses"]) >= {"200"}
