"""GET /api/v1/reports/income: earned income by province, enterprise, category, kind or
company, against hand-computed sums; Bangkok days; who sees what."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingKind
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.orders.states import OrderStatus
from tests.factories import category, company_of, make_enterprise, make_listing, make_order, make_sale, make_user

S = FulfilmentStatus
API = "/api/v1/reports/income"
JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def rows(client, headers, **query) -> list[tuple]:
    response = client.get(API, headers=headers, query_string=query)
    assert response.status_code == 200, response.get_json()
    items = response.get_json()["items"]
    for item in items:
        assert item["commission_satang"] + item["producer_net_satang"] == item["items_satang"]
    return [(item["key"], item["name"], item["orders"], item["items_satang"], item["commission_satang"],
             item["producer_net_satang"]) for item in items]


@pytest.fixture
def book(session):
    """Chiang Mai (company 50): pottery sells pots and chili paste (food) and a tour;
    weaving sells cloth (textiles). Bangkok (company 10): one sale.

    | line                         | done (UTC)          | Bangkok day | items  | rate  | commission |
    | pots ฿1,250.00 × 2           | 2026-01-10 05:00    | 10 Jan      | 250000 | 10 %  | 25000      |
    | chili ฿99.99 × 3             | 2026-01-20 09:30    | 20 Jan      |  29997 | 7.5 % |  2250      |
    | pots × 1 + chili × 1, 1 order| 2026-01-15 03:00    | 15 Jan      | 125000 | 10 %  | 12500      |
    |                              |                     |             |   9999 | 10 %  |  1000      |
    | tour ฿350.00 × 1 (completed) | 2026-01-31 18:00    |  1 Feb      |  35000 | 12.5 %|  4375      |
    | cloth ฿120.00 × 1            | 2025-12-31 17:00    |  1 Jan      |  12000 | 10 %  |  1200      |
    | Bangkok sweets ฿50.00 × 4    | 2026-01-12 02:00    | 12 Jan      |  20000 | 10 %  |  2000      |
    Not counted: a cancelled and a shipped pots line, and a delivered cloth line on 1 Feb 2026.
    """
    pottery = make_enterprise(session, province_code="50", name_th="วิสาหกิจชุมชนบ้านเหมืองกุง")
    weaving = make_enterprise(session, province_code="50", name_th="กลุ่มทอผ้าสันกำแพง")
    bangkok = make_enterprise(session, province_code="10", name_th="ชุมชนบางกอกน้อย")
    pots = make_listing(session, enterprise=pottery, price_satang=125000)
    chili = make_listing(session, enterprise=pottery, price_satang=9999)
    tour = make_listing(session, enterprise=pottery, kind=ListingKind.TOUR, price_satang=35000)
    cloth = make_listing(session, enterprise=weaving, price_satang=12000, category=category(session, "textiles"))
    sweets = make_listing(session, enterprise=bangkok, price_satang=5000)
    make_sale(session, pots, 2, done_at=at("2026-01-10T05:00:00"), commission_bps=1000)
    make_sale(session, chili, 3, done_at=at("2026-01-20T09:30:00"), commission_bps=750)
    both = make_order(session, items=[(pots, 1), (chili, 1)], fulfilment_status=S.DELIVERED,
                      order_status=OrderStatus.COMPLETED)
    both.fulfilments[0].done_at, both.fulfilments[0].commission_bps = at("2026-01-15T03:00:00"), 1000
    make_sale(session, tour, 1, status=S.COMPLETED, done_at=at("2026-01-31T18:00:00"), commission_bps=1250)
    make_sale(session, cloth, 1, done_at=at("2025-12-31T17:00:00"), commission_bps=1000)
    make_sale(session, sweets, 4, done_at=at("2026-01-12T02:00:00"), commission_bps=1000)
    make_sale(session, pots, 1, status=S.CANCELLED, done_at=at("2026-01-11T02:00:00"))
    make_sale(session, pots, 1, status=S.SHIPPED)
    make_sale(session, cloth, 1, done_at=at("2026-01-31T17:00:00"), commission_bps=1000)
    session.flush()
    return {"pottery": pottery, "weaving": weaving, "bangkok": bangkok}


@pytest.fixture
def chiang_mai(session, bearer):
    return bearer(make_user(session, role=Role.COMPANY, company=company_of(session, "50")))


@pytest.fixture
def admin(session, bearer):
    return bearer(make_user(session, role=Role.ADMIN))


def test_by_enterprise_counts_distinct_orders_and_sums_per_line(client, book, chiang_mai):
    assert rows(client, chiang_mai, group_by="enterprise", **JANUARY) == [
        # 250000 + 29997 + 125000 + 9999; 25000 + 2250 + 12500 + 1000
        (book["pottery"].id, "วิสาหกิจชุมชนบ้านเหมืองกุง", 3, 414996, 40750, 374246),
        (book["weaving"].id, "กลุ่มทอผ้าสันกำแพง", 1, 12000, 1200, 10800),
    ]


def test_by_province(client, book, chiang_mai, admin):
    assert rows(client, chiang_mai, group_by="province", **JANUARY) == [("50", "เชียงใหม่", 4, 426996, 41950, 385046)]
    assert rows(client, admin, group_by="province", **JANUARY) == [
        ("50", "เชียงใหม่", 4, 426996, 41950, 385046),
        ("10", "กรุงเทพมหานคร", 1, 20000, 2000, 18000),
    ]


def test_by_category_and_kind(client, book, chiang_mai):
    through_1_february = {"from": "2026-01-01", "to": "2026-02-01"}
    assert rows(client, chiang_mai, group_by="category", **through_1_february) == [
        ("food", "อาหาร", 3, 414996, 40750, 374246),
        ("community-tourism", "ท่องเที่ยวโดยชุมชน", 1, 35000, 4375, 30625),
        ("textiles", "ผ้า เครื่องแต่งกาย", 2, 24000, 2400, 21600),
    ]
    assert rows(client, chiang_mai, group_by="kind", **through_1_february) == [
        ("product", "สินค้า", 5, 438996, 43150, 395846),
        ("tour", "ทัวร์ชุมชน", 1, 35000, 4375, 30625),
    ]


def test_by_company_for_an_admin(client, session, book, admin):
    assert rows(client, admin, group_by="company", **JANUARY) == [
        (company_of(session, "50").id, company_of(session, "50").name_th, 4, 426996, 41950, 385046),
        (company_of(session, "10").id, company_of(session, "10").name_th, 1, 20000, 2000, 18000),
    ]


def test_days_are_inclusive_calendar_days_in_bangkok(client, book, chiang_mai):
    # the cloth done at 17:00 UTC on 31 December is 1 January in Bangkok;
    # the tour done at 18:00 UTC on 31 January is 1 February
    assert rows(client, chiang_mai, group_by="kind", **{"from": "2026-01-01", "to": "2026-01-01"}) == [
        ("product", "สินค้า", 1, 12000, 1200, 10800),
    ]
    assert rows(client, chiang_mai, group_by="kind", **{"from": "2025-12-31", "to": "2025-12-31"}) == []
    assert rows(client, chiang_mai, group_by="kind", **{"from": "2026-02-01", "to": "2026-02-01"}) == [
        ("tour", "ทัวร์ชุมชน", 1, 35000, 4375, 30625),
        ("product", "สินค้า", 1, 12000, 1200, 10800),
    ]
    assert rows(client, chiang_mai, group_by="kind", **{"from": "2026-01-20", "to": "2026-01-20"}) == [
        ("product", "สินค้า", 1, 29997, 2250, 27747),
    ]
    everything = rows(client, chiang_mai, group_by="province")  # no bounds: every earned line
    assert everything == [("50", "เชียงใหม่", 6, 473996, 47525, 426471)]


def test_each_company_sees_only_its_own_fulfilments(client, session, bearer, book):
    bangkok = bearer(make_user(session, role=Role.COMPANY, company=company_of(session, "10")))
    assert rows(client, bangkok, group_by="enterprise", **JANUARY) == [
        (book["bangkok"].id, "ชุมชนบางกอกน้อย", 1, 20000, 2000, 18000),
    ]
    assert rows(client, bangkok, group_by="company", **JANUARY) == [
        (company_of(session, "10").id, company_of(session, "10").name_th, 1, 20000, 2000, 18000),
    ]


def test_consumers_and_producers_are_forbidden_and_strangers_unauthenticated(client, session, bearer, book):
    for role in (Role.CONSUMER, Role.PRODUCER):
        response = client.get(API, headers=bearer(make_user(session, role=role)), query_string={"group_by": "kind"})
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    bad_and_forbidden = client.get(API, headers=bearer(make_user(session)), query_string={"group_by": "x"})
    assert bad_and_forbidden.status_code == 403
    assert client.get(API, query_string={"group_by": "kind"}).status_code == 401


@pytest.mark.parametrize("query, field", [
    ({}, "group_by"),
    ({"group_by": "day"}, "group_by"),
    ({"group_by": "kind", "from": "2026-13-01"}, "from"),
    ({"group_by": "kind", "from": "20260101"}, "from"),
    ({"group_by": "kind", "to": "31/01/2026"}, "to"),
    ({"group_by": "kind", "from": "2026-02-01", "to": "2026-01-31"}, "to"),
])
def test_bad_parameters_are_422_naming_the_field(client, chiang_mai, query, field):
    response = client.get(API, headers=chiang_mai, query_string=query)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]


def test_the_route_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/reports/income"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"from", "to", "group_by"}
    assert {"200", "401", "403", "422"} <= set(operation["responses"])
