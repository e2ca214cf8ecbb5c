"""GET /provinces, /provinces/{code}/districts, /districts/{code}/subdistricts, /categories."""

from __future__ import annotations

import pytest

from tests.factories import company_of
from tests.sql import selects_for


def test_provinces_are_the_77_with_region_and_company(client, session):
    response = client.get("/api/v1/provinces")

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items"}
    provinces = body["items"]
    assert len(provinces) == 77
    codes = [province["code"] for province in provinces]
    assert codes == sorted(codes)
    assert all(province["region"] and province["company"] for province in provinces)

    chiang_mai = next(province for province in provinces if province["code"] == "50")
    assert chiang_mai["name_th"] == "เชียงใหม่"
    assert chiang_mai["name_en"] == "Chiang Mai"
    assert chiang_mai["region"] == "north"
    company = company_of(session, "50")
    assert chiang_mai["company"] == {"id": company.id, "name_th": company.name_th, "active": True}
    assert "เชียงใหม่" in company.name_th


def test_provinces_show_an_inactive_company(client, session):
    company_of(session, "30").active = False
    session.flush()

    provinces = client.get("/api/v1/provinces").get_json()["items"]

    korat = next(province for province in provinces if province["code"] == "30")
    assert korat["company"]["active"] is False
    assert korat["region"] == "northeast"


def test_provinces_are_read_in_one_query(app, client):
    assert selects_for(app, client, "/api/v1/provinces") == 1


def test_districts_of_a_province(client):
    response = client.get("/api/v1/provinces/50/districts")

    assert response.status_code == 200
    districts = response.get_json()["items"]
    mueang = next(district for district in districts if district["code"] == "5001")
    assert mueang == {"code": "5001", "name_th": "เมืองเชียงใหม่", "name_en": "Mueang Chiang Mai"}
    assert all(district["code"].startswith("50") for district in districts)
    assert [d["code"] for d in districts] == sorted(d["code"] for d in districts)


def test_subdistricts_of_a_district_carry_postal_codes(client):
    response = client.get("/api/v1/districts/5001/subdistricts")

    assert response.status_code == 200
    subdistricts = response.get_json()["items"]
    si_phum = next(subdistrict for subdistrict in subdistricts if subdistrict["code"] == "500101")
    assert si_phum["name_th"] == "ศรีภูมิ"
    assert "50200" in si_phum["postal_codes"]
    assert all(subdistrict["code"].startswith("5001") for subdistrict in subdistricts)


@pytest.mark.parametrize("path", [
    "/api/v1/provinces/99/districts",
    "/api/v1/provinces/abc/districts",
    "/api/v1/provinces/5001/districts",
    "/api/v1/districts/9999/subdistricts",
    "/api/v1/districts/50/subdistricts",
])
def test_unknown_codes_are_not_found(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_categories_are_the_six_in_use(client):
    response = client.get("/api/v1/categories")

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items"}
    categories = body["items"]
    assert [category["slug"] for category in categories] == [
        "food", "beverages", "textiles", "souvenirs", "herbal", "community-tourism",
    ]
    assert all(set(category) == {"slug", "name_th", "name_en", "kind", "retired"} for category in categories)
    assert not any(category["retired"] for category in categories)
    assert [category["kind"] for category in categories] == ["product"] * 5 + ["tour"]
