"""GET /companies, GET /companies/{id}, PATCH /companies/{id}: anyone reads the
companies, admins also see and change their terms."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from tests.factories import (
    company_of, make_enterprise, make_listing, make_review, make_staff, make_user, national_company,
)
from tests.sql import selects_for

PUBLIC = {"id", "province_code", "is_national", "name_th", "name_en", "active", "phone", "email", "address", "rating"}
TERMS = {"commission_bps", "shipping_fee_satang", "promptpay_id"}


def test_anyone_lists_the_77_companies_and_the_national_one_unpaged(client, session):
    body = client.get("/api/v1/companies").get_json()

    assert set(body) == {"items"}
    items = body["items"]
    assert len(items) == 78
    assert all(set(item) == PUBLIC for item in items)
    assert [item["province_code"] for item in items[:77]] == sorted(item["province_code"] for item in items[:77])
    national = items[-1]
    assert national["is_national"] is True and national["province_code"] is None
    chiang_mai = next(item for item in items if item["province_code"] == "50")
    assert chiang_mai["id"] == company_of(session, "50").id
    assert chiang_mai["rating"] == {"average": None, "count": 0}


def test_the_list_costs_the_same_queries_however_many_companies_were_rated(app, client, session):
    before = selects_for(app, client, "/api/v1/companies")
    for province_code, stars in (("50", 4), ("50", 5), ("30", 2)):
        listing = make_listing(session, enterprise=make_enterprise(session, province_code=province_code))
        make_review(session, listing, 5, service_rating=stars)
    assert selects_for(app, client, "/api/v1/companies") == before


def test_the_rating_is_the_average_service_rating_of_its_fulfilments(client, session):
    listing = make_listing(session)
    make_review(session, listing, 1, service_rating=4)
    make_review(session, listing, 1, service_rating=5)
    make_review(session, listing, 2)  # no service rating: not counted

    body = client.get(f"/api/v1/companies/{company_of(session, '50').id}").get_json()

    assert body["rating"] == {"average": 4.5, "count": 2}


def test_admins_also_get_the_terms_others_do_not(client, session, bearer):
    company = company_of(session, "50")
    admin = bearer(make_user(session, role=Role.ADMIN))
    assert set(client.get(f"/api/v1/companies/{company.id}", headers=admin).get_json()) == PUBLIC | TERMS
    listed = client.get("/api/v1/companies", headers=admin).get_json()["items"]
    assert all(set(item) == PUBLIC | TERMS for item in listed)
    for headers in ({}, bearer(make_staff(session, "50")), bearer(make_user(session))):
        assert set(client.get(f"/api/v1/companies/{company.id}", headers=headers).get_json()) == PUBLIC


def test_an_unknown_company_is_404(client):
    response = client.get("/api/v1/companies/999999")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_an_admin_changes_a_company_and_the_audit_trail_says_so(client, session, bearer):
    company, user = company_of(session, "50"), make_user(session, role=Role.ADMIN)

    response = client.patch(f"/api/v1/companies/{company.id}", headers=bearer(user),
                            json={"commission_bps": 1200, "shipping_fee_satang": 4500, "promptpay_id": "0812345678",
                                  "phone": "053-112-233", "active": False})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["commission_bps"], body["shipping_fee_satang"], body["promptpay_id"], body["phone"],
            body["active"]) == (1200, 4500, "0812345678", "053112233", False)
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "company.updated",
                                                       AuditEntry.subject_id == company.id))
    assert entry.actor_id == user.id and entry.subject_type == "company" and entry.company_id == company.id
    assert entry.detail == {"commission_bps": [1000, 1200], "shipping_fee_satang": [5000, 4500],
                            "promptpay_id": [None, "0812345678"], "phone": [None, "053112233"],
                            "active": [True, False]}


def test_out_of_range_is_422_naming_each_field_and_changes_nothing(client, session, bearer):
    company = company_of(session, "50")

    response = client.patch(f"/api/v1/companies/{company.id}", headers=bearer(make_user(session, role=Role.ADMIN)),
                            json={"commission_bps": 10001, "shipping_fee_satang": -5, "promptpay_id": "12345",
                                  "email": "cm@example.org"})

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"commission_bps", "shipping_fee_satang", "promptpay_id"}
    session.refresh(company)
    assert (company.commission_bps, company.shipping_fee_satang, company.email) == (1000, 5000, None)
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "company.updated")) is None


def test_a_value_of_the_wrong_type_is_422(client, session, bearer):
    company = company_of(session, "50")
    response = client.patch(f"/api/v1/companies/{company.id}", headers=bearer(make_user(session, role=Role.ADMIN)),
                            json={"commission_bps": "1200", "active": None})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) >= {"commission_bps"}


def test_the_national_company_cannot_be_deactivated(client, session, bearer):
    national = national_company(session)
    response = client.patch(f"/api/v1/companies/{national.id}", headers=bearer(make_user(session, role=Role.ADMIN)),
                            json={"active": False})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "invalid_transition"
    session.refresh(national)
    assert national.active is True


def test_only_admins_may_change_a_company(client, session, bearer):
    company = company_of(session, "50")
    url = f"/api/v1/companies/{company.id}"
    assert client.patch(url, json={"commission_bps": 0}).status_code == 401
    for user in (make_staff(session, "50"), make_user(session)):
        response = client.patch(url, headers=bearer(user), json={"commission_bps": 0})
        assert response.status_code == 403
    session.refresh(company)
    assert company.commission_bps == 1000


def test_the_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/companies"]) == {"get"}
    assert set(paths["/companies/{id}"]) == {"get", "patch"}
