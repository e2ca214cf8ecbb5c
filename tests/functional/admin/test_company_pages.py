"""/admin/companies and /admin/companies/<id>: the admin's table of the 78 companies and
the form that changes one."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.admin.forms import bps_to_percent, percent_to_bps
from marketplace.audit.models import AuditEntry
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import (
    company_of, make_listing, make_order, make_staff, make_user, national_company, sign_in, stand_at,
)

THAI = {"Accept-Language": "th"}
ENGLISH = {"Accept-Language": "en"}


def form_of(company, **changes) -> dict[str, str]:
    data = {"active": "y" if company.active else "", "commission_percent": bps_to_percent(company.commission_bps),
            "shipping_fee": str(company.shipping_fee_satang // 100), "promptpay_id": company.promptpay_id or "",
            "phone": company.phone or "", "email": company.email or "", "address": company.address or ""}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_percentages_become_basis_points_without_floats():
    assert [percent_to_bps(text) for text in ("10", "12.5", "0.01", "๑๕", "100", "7.25 %")] == [
        1000, 1250, 1, 1500, 10000, 725]
    assert [bps_to_percent(bps) for bps in (1000, 1250, 1, 10000, 0)] == ["10", "12.5", "0.01", "100", "0"]


def test_the_admin_sees_every_company_with_its_workload(client, session):
    listing = make_listing(session)
    late = make_order(session, items=[(listing, 1)]).fulfilments[0]
    stand_at(session, late, FulfilmentStatus.NEW, new_at=late.created_at.replace(year=2020))
    make_order(session, items=[(listing, 1)])  # new, on time
    make_order(session, items=[(listing, 1)], fulfilment_status=FulfilmentStatus.DELIVERED)  # not open
    sign_in(client, make_user(session, role=Role.ADMIN))

    page = client.get("/admin/companies", headers=ENGLISH)

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('href="/admin/companies/') == 78
    assert "Chiang Mai" in html and "National company" in html and "North" in html
    chiang_mai = company_of(session, "50")
    row = html[html.index(f'href="/admin/companies/{chiang_mai.id}"'):]
    row = row[:row.index("</tr>")]
    assert "10%" in row and "฿50.00" in row
    assert ">2</a>" in row and "50%" in row  # two open fulfilments, one of them late
    assert "เชียงใหม่" in client.get("/admin/companies", headers=THAI).get_data(as_text=True)


def test_the_start_page_leads_to_the_companies(client, session):
    sign_in(client, make_user(session, role=Role.ADMIN))
    assert 'href="/admin/companies"' in client.get("/admin/").get_data(as_text=True)


def test_company_staff_and_consumers_are_refused(client, session):
    company = company_of(session, "50")
    for user in (make_staff(session, "50"), make_user(session)):
        sign_in(client, user)
        assert client.get("/admin/companies").status_code == 403
        assert client.get(f"/admin/companies/{company.id}").status_code == 403
        assert client.post(f"/admin/companies/{company.id}", data=form_of(company, commission_percent="0")
                           ).status_code == 403
    assert company.commission_bps == 1000


def test_an_admin_edits_a_company(client, session):
    company = company_of(session, "50")
    sign_in(client, make_user(session, role=Role.ADMIN))
    assert client.get(f"/admin/companies/{company.id}", headers=THAI).status_code == 200

    response = client.post(f"/admin/companies/{company.id}", headers=ENGLISH, data=form_of(
        company, commission_percent="12.5", shipping_fee="45.50", promptpay_id="081 234 5678",
        phone="053 112 233", email="cm@example.org", address="ศาลากลาง"))

    assert response.status_code == 302
    session.refresh(company)
    assert (company.commission_bps, company.shipping_fee_satang, company.promptpay_id, company.phone,
            company.email, company.address) == (1250, 4550, "0812345678", "053112233", "cm@example.org", "ศาลากลาง")
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "company.updated"))
    assert entry.detail["commission_bps"] == [1000, 1250]
    page = client.get(response.headers["Location"], headers=ENGLISH).get_data(as_text=True)
    assert "are saved" in page and 'value="12.5"' in page and 'value="45.50"' in page


def test_form_errors_are_shown_next_to_the_inputs_in_thai_and_nothing_is_saved(client, session):
    company = company_of(session, "50")
    sign_in(client, make_user(session, role=Role.ADMIN))

    response = client.post(f"/admin/companies/{company.id}", headers=THAI, data=form_of(
        company, commission_percent="150", shipping_fee="ห้าสิบ", promptpay_id="1234567890123", email="x@",
        phone="12"))

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for field in ("commission_percent", "shipping_fee", "promptpay_id", "email", "phone"):
        assert f'id="{field}-error"' in html, field
    assert "กรอก" in html  # the reasons are in Thai
    for english in ("Enter a commission", "Enter an amount in baht", "This 13-digit ID", "Enter a valid email"):
        assert english not in html
    session.refresh(company)
    assert (company.commission_bps, company.shipping_fee_satang, company.email) == (1000, 5000, None)
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "company.updated")) is None


def test_deactivating_tells_how_many_open_fulfilments_stay(client, session):
    company = company_of(session, "50")
    make_order(session, items=[(make_listing(session), 1)])
    sign_in(client, make_user(session, role=Role.ADMIN))
    before = client.get(f"/admin/companies/{company.id}", headers=ENGLISH).get_data(as_text=True)
    assert "Its 1 open fulfilment stays with it" in before

    response = client.post(f"/admin/companies/{company.id}", headers=ENGLISH, data=form_of(company, active=None),
                           follow_redirects=True)

    html = response.get_data(as_text=True)
    assert "no longer takes new orders" in html
    assert "1 open fulfilment stays with this company" in html
    session.refresh(company)
    assert company.active is False


def test_the_national_company_cannot_be_deactivated_from_the_page(client, session):
    national = national_company(session)
    sign_in(client, make_user(session, role=Role.ADMIN))
    response = client.post(f"/admin/companies/{national.id}", headers=ENGLISH, data=form_of(national, active=None))
    assert response.status_code == 409
    assert "cannot be deactivated" in response.get_data(as_text=True)
    session.refresh(national)
    assert national.active is True
