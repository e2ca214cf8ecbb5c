"""/company/audit: the trail as staff read it, in their language, with a CSV export."""

from __future__ import annotations

import datetime as dt

from marketplace.accounts.models import Role
from marketplace.backoffice.workflow import move_fulfilment
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.enterprises.services import approve_enterprise
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import make_enterprise, make_listing, make_staff, make_user, place, sign_in

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


def test_staff_see_their_company_s_entries_in_thai_and_export_them(client, session):
    staff, bangkok = make_staff(session, "50"), make_staff(session, "10")
    ours = place(session, make_user(session), (make_listing(session, stock=5), 1), now=NOW)
    move_fulfilment(session, staff, ours.fulfilments[0], FulfilmentStatus.ACCEPTED, now=NOW, gateway=None)
    elsewhere = make_enterprise(session, province_code="10", status=EnterpriseStatus.PENDING, name_th="ผ้าทอบ้านเหนือ")
    approve_enterprise(session, bangkok, elsewhere, now=NOW)
    sign_in(client, staff)

    html = client.get("/company/audit").get_data(as_text=True)
    assert "บันทึกการดำเนินการ" in html and staff.name in html
    assert f'/company/fulfilments/{ours.fulfilments[0].id}' in html
    assert "<td>การจัดการคำสั่งซื้อ</td>" in html
    assert "<td>อนุมัติวิสาหกิจ</td>" not in html and bangkok.name not in html  # not Chiang Mai's business

    export = client.get("/company/audit.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    text = export.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("at,actor_id,actor,action")
    assert "fulfilment.transition" in text and "enterprise.approved" not in text


def test_filters_and_their_errors(client, session):
    admin = make_user(session, role=Role.ADMIN)
    approve_enterprise(session, admin, make_enterprise(session, status=EnterpriseStatus.PENDING), now=NOW)
    sign_in(client, admin)
    client.set_cookie("lang", "en")

    html = client.get("/company/audit?action=enterprise.approved").get_data(as_text=True)
    assert "Enterprise approved" in html and admin.name in html
    assert "Nothing recorded for these filters." in client.get("/company/audit?action=settlement.paid") \
        .get_data(as_text=True)
    bad = client.get("/company/audit?from=2026-12-02&to=2026-12-01")
    assert bad.status_code == 422
    assert "The last day cannot be before the first." in bad.get_data(as_text=True)


def test_consumers_are_refused(client, session):
    sign_in(client, make_user(session))
    assert client.get("/company/audit").status_code == 403
    assert client.get("/company/audit.csv").status_code == 403
