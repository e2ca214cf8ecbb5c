"""GET /api/v1/audit: every staff, admin and system action, newest first; company staff
read only what concerns their own company."""

from __future__ import annotations

import datetime as dt

from marketplace.accounts.models import Role
from marketplace.backoffice.workflow import move_fulfilment
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.enterprises.services import approve_enterprise, suspend_enterprise
from marketplace.fulfilment.states import FulfilmentStatus
from tests.factories import company_of, make_enterprise, make_listing, make_staff, make_user, place

AUDIT = "/api/v1/audit"
NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


def trail(client, headers, **query):
    response = client.get(AUDIT, headers=headers, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_company_staff_read_their_own_company_and_admins_everything(client, session, bearer):
    chiang_mai, bangkok = make_staff(session, "50"), make_staff(session, "10")
    admin = make_user(session, role=Role.ADMIN)
    ours = place(session, make_user(session), (make_listing(session, stock=5), 1), now=NOW)
    bangkok_listing = make_listing(session, stock=5, enterprise=make_enterprise(session, province_code="10"))
    theirs = place(session, make_user(session), (bangkok_listing, 1), now=NOW)
    move_fulfilment(session, chiang_mai, ours.fulfilments[0], FulfilmentStatus.ACCEPTED, now=NOW, gateway=None)
    move_fulfilment(session, bangkok, theirs.fulfilments[0], FulfilmentStatus.ACCEPTED, now=NOW, gateway=None)
    pending = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    approve_enterprise(session, chiang_mai, pending, now=NOW)

    seen = trail(client, bearer(chiang_mai))
    assert {entry["company_id"] for entry in seen} == {company_of(session, "50").id}
    actions = [entry["action"] for entry in seen]
    assert actions.count("fulfilment.transition") == 1 and "enterprise.approved" in actions
    moved = next(entry for entry in seen if entry["action"] == "fulfilment.transition")
    assert moved["actor"] == {"id": chiang_mai.id, "name": chiang_mai.name}
    assert (moved["subject_type"], moved["subject_id"]) == ("fulfilment", ours.fulfilments[0].id)
    assert moved["detail"]["from"] == "new" and moved["detail"]["to"] == "accepted"

    everything = trail(client, bearer(admin))
    companies = {entry["company_id"] for entry in everything}
    assert {company_of(session, "50").id, company_of(session, "10").id} <= companies
    assert None in companies  # order and payment entries concern no single company


def test_newest_first_and_filters(client, session, bearer):
    staff, admin = make_staff(session, "50"), make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    approve_enterprise(session, staff, enterprise, now=NOW)
    suspend_enterprise(session, admin, enterprise, reason="ขายสินค้าปลอม", now=NOW + dt.timedelta(days=2))
    headers = bearer(admin)

    about = trail(client, headers, subject_type="enterprise", subject_id=enterprise.id)
    assert [entry["action"] for entry in about] == ["enterprise.suspended", "enterprise.approved"]
    assert about[0]["detail"] == {"from": "approved", "to": "suspended", "note": "ขายสินค้าปลอม"}
    assert [e["action"] for e in trail(client, headers, actor_id=staff.id, subject_type="enterprise")] == [
        "enterprise.approved"]
    assert [e["action"] for e in trail(client, headers, action="enterprise.suspended",
                                       subject_id=enterprise.id)] == ["enterprise.suspended"]
    one_day = {"from": "2026-11-30", "to": "2026-11-30"}
    days = trail(client, headers, subject_type="enterprise", subject_id=enterprise.id, **one_day)
    assert [entry["action"] for entry in days] == ["enterprise.approved"]


def test_paging_and_bad_filters(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    for _ in range(3):
        approve_enterprise(session, admin, make_enterprise(session, status=EnterpriseStatus.PENDING), now=NOW)
    headers = bearer(admin)
    first = client.get(AUDIT, headers=headers, query_string={"limit": 2, "action": "enterprise.approved"}).get_json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get(AUDIT, headers=headers, query_string={"limit": 2, "action": "enterprise.approved",
                                                            "cursor": first["next_cursor"]}).get_json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None

    bad = client.get(AUDIT, headers=headers, query_string={"from": "2026-12-02", "to": "2026-12-01"})
    assert bad.status_code == 422 and "to" in bad.get_json()["error"]["fields"]


def test_nobody_else_reads_it(client, session, bearer):
    assert client.get(AUDIT).status_code == 401
    for user in (make_user(session), make_user(session, role=Role.COMPANY)):
        assert client.get(AUDIT, headers=bearer(user)).status_code == 403
