"""OTOP stars: producers declare them, staff of the province's company (or an admin)
verify them, and only verified stars show as stars."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from tests.factories import company_of, make_enterprise, make_staff, make_user, sign_in

API = "/api/v1/enterprises"


def declared(session, stars=4, province_code="50"):
    return make_enterprise(session, province_code=province_code, otop_stars=None, otop_stars_declared=stars)


def test_staff_of_its_province_verify_the_stars(client, session, bearer):
    enterprise, staff = declared(session), make_staff(session, "50")

    response = client.post(f"{API}/{enterprise.id}/stars", json={"otop_stars": 4}, headers=bearer(staff))

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["otop_stars"], body["otop_stars_declared"]) == (4, 4)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "enterprise.stars_verified")).one()
    chiang_mai = company_of(session, "50")
    assert (entry.subject_id, entry.actor_id, entry.company_id) == (enterprise.id, staff.id, chiang_mai.id)
    assert entry.detail == {"otop_stars": [None, 4], "otop_stars_declared": 4}

    cleared = client.post(f"{API}/{enterprise.id}/stars", json={"otop_stars": None}, headers=bearer(staff))
    assert cleared.get_json()["otop_stars"] is None


def test_others_are_refused_and_bad_levels_write_nothing(client, session, bearer):
    enterprise = declared(session)
    assert client.post(f"{API}/{enterprise.id}/stars", json={"otop_stars": 4},
                       headers=bearer(make_staff(session, "10"))).status_code == 404
    assert client.post(f"{API}/{enterprise.id}/stars", json={"otop_stars": 4},
                       headers=bearer(make_user(session))).status_code == 403
    admin = bearer(make_user(session, role=Role.ADMIN))
    for bad in (0, 6, "5", 4.5):
        response = client.post(f"{API}/{enterprise.id}/stars", json={"otop_stars": bad}, headers=admin)
        assert response.status_code == 422 and "otop_stars" in response.get_json()["error"]["fields"]
    session.refresh(enterprise)
    assert enterprise.otop_stars is None


def test_the_storefront_shows_declared_stars_as_declared_until_verified(client, session):
    enterprise = declared(session, stars=3)
    client.set_cookie("lang", "en")
    page = client.get(f"/enterprises/{enterprise.id}").get_data(as_text=True)
    assert "3 stars declared, not yet verified" in page and 'class="otop-stars"' not in page

    enterprise.otop_stars = 3
    session.flush()
    page = client.get(f"/enterprises/{enterprise.id}").get_data(as_text=True)
    assert 'class="otop-stars"' in page and "declared, not yet verified" not in page


def test_the_review_page_verifies_in_thai(client, session):
    enterprise, staff = declared(session, stars=5), make_staff(session, "50")
    sign_in(client, staff)
    page = client.get(f"/company/enterprises/{enterprise.id}").get_data(as_text=True)
    assert "ผู้ผลิตแจ้งไว้ 5 ดาว" in page and '<option selected value="5">' in page

    done = client.post(f"/company/enterprises/{enterprise.id}/stars", data={"otop_stars": "5"})
    assert done.status_code == 302
    session.refresh(enterprise)
    assert enterprise.otop_stars == 5

    bad = client.post(f"/company/enterprises/{enterprise.id}/stars", data={"otop_stars": "9"})
    assert bad.status_code == 422 and "เลือกระดับ 1 ถึง 5 หรือไม่มี" in bad.get_data(as_text=True)
