"""The enterprise routes of the JSON API: sign-up, reading, approval, members."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from tests.factories import company_of, make_enterprise, make_listing, make_user

PREFIX = "/api/v1"
SIGN_UP = {
    "name_th": "กลุ่มทอผ้าบ้านศรีภูมิ",
    "name_en": "Si Phum Weavers",
    "registration_no": "5-50-01-01/1-0001",
    "province_code": "50",
    "district_code": "5001",
    "subdistrict_code": "500101",
    "description_th": "ผ้าฝ้ายทอมือ",
    "promptpay_id": "1-1017-00230-70-8",
    "otop_stars": 3,
}


def counts(session) -> tuple[int, int]:
    return (session.scalar(select(func.count(CommunityEnterprise.id))),
            session.scalar(select(func.count()).select_from(EnterpriseMember)))


@pytest.fixture
def chiang_mai_staff(session):
    return make_user(session, role=Role.COMPANY, company=company_of(session, "50"))


@pytest.fixture
def bangkok_staff(session):
    return make_user(session, role=Role.COMPANY, company=company_of(session, "10"))


# -- sign-up ------------------------------------------------------------------------------------

def test_signing_up_makes_the_caller_producer_of_a_pending_enterprise(client, session, bearer):
    user = make_user(session)

    response = client.post(f"{PREFIX}/enterprises", json=SIGN_UP, headers=bearer(user))

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "pending"
    assert body["registration_no"] == "5-50-01-01/1-0001"
    assert body["promptpay_id"] == "1101700230708"
    assert (body["otop_stars"], body["otop_stars_declared"]) == (None, 3)  # declared, not yet verified
    assert body["member_ids"] == [user.id]
    enterprise = session.get(CommunityEnterprise, body["id"])
    assert enterprise.status is EnterpriseStatus.PENDING
    me = client.get(f"{PREFIX}/me", headers=bearer(user)).get_json()["user"]
    assert "producer" in me["roles"]
    assert me["enterprise_ids"] == [body["id"]]


def test_signing_up_needs_a_token(client, session):
    response = client.post(f"{PREFIX}/enterprises", json=SIGN_UP)
    assert response.status_code == 401
    assert counts(session) == (0, 0)


@pytest.mark.parametrize(("changes", "field"), [
    ({"registration_no": "5/50/01/01-1-0001"}, "registration_no"),
    ({"registration_no": "5-51-01-01/1-0001"}, "registration_no"),
    ({"registration_no": "5-50-09-01/1-0001"}, "registration_no"),
    ({"district_code": "1001"}, "district_code"),
    ({"district_code": "5099"}, "district_code"),
    ({"subdistrict_code": "100101"}, "subdistrict_code"),
    ({"promptpay_id": "1101700230709"}, "promptpay_id"),
    ({"otop_stars": 6}, "otop_stars"),
    ({"name_th": ""}, "name_th"),
])
def test_invalid_sign_ups_answer_422_naming_the_field_and_write_nothing(client, session, bearer, changes, field):
    user = make_user(session)
    headers = bearer(user)

    response = client.post(f"{PREFIX}/enterprises", json=SIGN_UP | changes, headers=headers)

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert counts(session) == (0, 0)
    assert "producer" not in client.get(f"{PREFIX}/me", headers=headers).get_json()["user"]["roles"]


def test_a_taken_registration_number_is_a_conflict(client, session, bearer):
    make_enterprise(session, registration_no="5-50-01-01/1-0001")
    before = counts(session)

    response = client.post(f"{PREFIX}/enterprises", json=SIGN_UP, headers=bearer(make_user(session)))

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "registration_taken"
    assert counts(session) == before


def test_a_malformed_body_is_400(client, session, bearer):
    response = client.post(f"{PREFIX}/enterprises", data="{", content_type="application/json",
                           headers=bearer(make_user(session)))
    assert response.status_code == 400


# -- reading one --------------------------------------------------------------------------------

def test_anyone_sees_the_public_fields_of_an_approved_enterprise(client, session):
    enterprise = make_enterprise(session, otop_stars=5, promptpay_id="0812345678", status_reason="ok")

    body = client.get(f"{PREFIX}/enterprises/{enterprise.id}").get_json()

    assert body["id"] == enterprise.id
    assert body["status"] == "approved"
    assert body["province_code"] == "50"
    assert body["otop_stars"] == 5
    for private in ("registration_no", "promptpay_id", "status_reason", "member_ids"):
        assert private not in body


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_a_hidden_enterprise_is_seen_only_by_members_and_its_staff(client, session, bearer, status,
                                                                   chiang_mai_staff, bangkok_staff):
    owner = make_user(session)
    enterprise = make_enterprise(session, province_code="50", members=(owner,), status=status,
                                 status_reason="รอเอกสาร")
    url = f"{PREFIX}/enterprises/{enterprise.id}"

    assert client.get(url).status_code == 404
    for outsider in (make_user(session), make_user(session, role=Role.PRODUCER), bangkok_staff):
        assert client.get(url, headers=bearer(outsider)).status_code == 404
    for insider in (owner, chiang_mai_staff, make_user(session, role=Role.ADMIN)):
        response = client.get(url, headers=bearer(insider))
        assert response.status_code == 200
        body = response.get_json()
        assert body["status"] == status.value
        assert body["status_reason"] == "รอเอกสาร"
        assert body["member_ids"] == [owner.id]
        assert body["registration_no"] == enterprise.registration_no


def test_an_unknown_enterprise_is_404(client):
    assert client.get(f"{PREFIX}/enterprises/999999").status_code == 404


# -- approval -----------------------------------------------------------------------------------

def test_province_staff_approve_with_a_reason_the_producer_sees(client, session, bearer, chiang_mai_staff):
    owner = make_user(session)
    enterprise = make_enterprise(session, province_code="50", members=(owner,), status=EnterpriseStatus.PENDING)

    response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/approve", json={"reason": "เอกสารครบ"},
                           headers=bearer(chiang_mai_staff))

    assert response.status_code == 200
    assert response.get_json()["status"] == "approved"
    seen = client.get(f"{PREFIX}/enterprises/{enterprise.id}", headers=bearer(owner)).get_json()
    assert (seen["status"], seen["status_reason"]) == ("approved", "เอกสารครบ")
    assert seen["status_changed_at"]


def test_approve_and_suspend_need_no_body(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, province_code="96", status=EnterpriseStatus.PENDING)

    approved = client.post(f"{PREFIX}/enterprises/{enterprise.id}/approve", headers=bearer(admin))
    suspended = client.post(f"{PREFIX}/enterprises/{enterprise.id}/suspend", headers=bearer(admin))

    assert (approved.status_code, approved.get_json()["status"]) == (200, "approved")
    assert (suspended.status_code, suspended.get_json()["status"]) == (200, "suspended")


def test_a_too_long_reason_is_422(client, session, bearer, chiang_mai_staff):
    enterprise = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/suspend", json={"reason": "ก" * 501},
                           headers=bearer(chiang_mai_staff))
    assert response.status_code == 422
    assert "reason" in response.get_json()["error"]["fields"]
    session.refresh(enterprise)
    assert enterprise.status is EnterpriseStatus.PENDING


@pytest.mark.parametrize("action", ["approve", "suspend"])
def test_consumers_and_producers_are_forbidden(client, session, bearer, action):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,), status=EnterpriseStatus.PENDING)
    for user in (make_user(session), owner):
        response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/{action}", json={}, headers=bearer(user))
        assert response.status_code == 403
    assert client.post(f"{PREFIX}/enterprises/{enterprise.id}/{action}").status_code == 401
    session.refresh(enterprise)
    assert enterprise.status is EnterpriseStatus.PENDING


@pytest.mark.parametrize("action", ["approve", "suspend"])
def test_staff_of_another_province_get_404(client, session, bearer, action, bangkok_staff):
    enterprise = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/{action}", json={"reason": "x"},
                           headers=bearer(bangkok_staff))
    assert response.status_code == 404
    session.refresh(enterprise)
    assert enterprise.status is EnterpriseStatus.PENDING


@pytest.mark.parametrize(("status", "action"), [
    (EnterpriseStatus.APPROVED, "approve"), (EnterpriseStatus.SUSPENDED, "suspend"),
])
def test_invalid_transitions_are_409(client, session, bearer, chiang_mai_staff, status, action):
    enterprise = make_enterprise(session, province_code="50", status=status)
    response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/{action}", headers=bearer(chiang_mai_staff))
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "invalid_transition"


def _listed_ids(client) -> set[int]:
    return {item["id"] for item in client.get(f"{PREFIX}/listings").get_json()["items"]}


def test_suspending_hides_the_listings_at_once_and_approving_brings_them_back(client, session, bearer,
                                                                              chiang_mai_staff):
    enterprise = make_enterprise(session, province_code="50")
    listing = make_listing(session, enterprise=enterprise)
    other = make_listing(session, enterprise=make_enterprise(session, province_code="50"))
    headers = bearer(chiang_mai_staff)
    assert {listing.id, other.id} <= _listed_ids(client)

    assert client.post(f"{PREFIX}/enterprises/{enterprise.id}/suspend", json={"reason": "ตรวจสอบคุณภาพ"},
                       headers=headers).status_code == 200
    assert listing.id not in _listed_ids(client)
    assert other.id in _listed_ids(client)
    assert client.get(f"{PREFIX}/listings/{listing.id}").status_code == 404
    assert client.get(f"{PREFIX}/enterprises/{enterprise.id}").status_code == 404

    assert client.post(f"{PREFIX}/enterprises/{enterprise.id}/approve", headers=headers).status_code == 200
    assert listing.id in _listed_ids(client)
    assert client.get(f"{PREFIX}/listings/{listing.id}").status_code == 200


# -- listing enterprises ------------------------------------------------------------------------

def test_staff_list_their_provinces_enterprises_pending_first(client, session, bearer, chiang_mai_staff):
    approved = make_enterprise(session, province_code="50")
    pending = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    make_enterprise(session, province_code="10", status=EnterpriseStatus.PENDING)

    body = client.get(f"{PREFIX}/enterprises?scope=staff", headers=bearer(chiang_mai_staff)).get_json()

    assert [item["id"] for item in body["items"]] == [pending.id, approved.id]
    assert body["next_cursor"] is None
    only_pending = client.get(f"{PREFIX}/enterprises?scope=staff&status=pending",
                              headers=bearer(chiang_mai_staff)).get_json()
    assert [item["id"] for item in only_pending["items"]] == [pending.id]


def test_staff_lists_are_paged(client, session, bearer, chiang_mai_staff):
    made = [make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING) for _ in range(3)]
    headers = bearer(chiang_mai_staff)
    first = client.get(f"{PREFIX}/enterprises?scope=staff&limit=2", headers=headers).get_json()
    second = client.get(f"{PREFIX}/enterprises?scope=staff&limit=2&cursor={first['next_cursor']}",
                        headers=headers).get_json()
    assert [item["id"] for item in first["items"] + second["items"]] == [e.id for e in made]
    assert second["next_cursor"] is None


def test_the_staff_list_is_forbidden_to_others_and_mine_lists_my_own(client, session, bearer):
    owner = make_user(session)
    mine = make_enterprise(session, members=(owner,), status=EnterpriseStatus.PENDING)
    make_enterprise(session)

    assert client.get(f"{PREFIX}/enterprises?scope=staff", headers=bearer(owner)).status_code == 403
    body = client.get(f"{PREFIX}/enterprises", headers=bearer(owner)).get_json()
    assert [item["id"] for item in body["items"]] == [mine.id]
    assert client.get(f"{PREFIX}/enterprises?scope=everything", headers=bearer(owner)).status_code == 422


# -- members ------------------------------------------------------------------------------------

def test_a_member_invites_an_existing_account(client, session, bearer):
    owner = make_user(session)
    friend = make_user(session, email="friend@example.test")
    enterprise = make_enterprise(session, members=(owner,))

    response = client.post(f"{PREFIX}/enterprises/{enterprise.id}/members", json={"email": "FRIEND@example.test"},
                           headers=bearer(owner))

    assert response.status_code == 201
    assert response.get_json() == {"id": friend.id, "name": friend.name, "email": "friend@example.test"}
    assert "producer" in client.get(f"{PREFIX}/me", headers=bearer(friend)).get_json()["user"]["roles"]


def test_inviting_an_unknown_email_or_a_member_is_refused(client, session, bearer):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    url = f"{PREFIX}/enterprises/{enterprise.id}/members"

    unknown = client.post(url, json={"email": "nobody@example.test"}, headers=bearer(owner))
    again = client.post(url, json={"email": owner.email}, headers=bearer(owner))

    assert unknown.status_code == 422
    assert "sign up" in unknown.get_json()["error"]["message"]
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "already_member"
    assert len(enterprise.members) == 1


def test_members_remove_co_managers_but_never_the_last(client, session, bearer):
    owner, helper = make_user(session), make_user(session)
    enterprise = make_enterprise(session, members=(owner, helper))

    assert client.delete(f"{PREFIX}/enterprises/{enterprise.id}/members/{helper.id}",
                         headers=bearer(owner)).status_code == 204
    last = client.delete(f"{PREFIX}/enterprises/{enterprise.id}/members/{owner.id}", headers=bearer(owner))
    assert last.status_code == 409
    assert last.get_json()["error"]["code"] == "last_member"
    session.expire_all()
    assert [member.user_id for member in session.get(CommunityEnterprise, enterprise.id).members] == [owner.id]


def test_a_second_producer_gets_404_on_every_member_route(client, session, bearer):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,), status=EnterpriseStatus.PENDING)
    intruder = make_user(session, role=Role.PRODUCER)
    make_enterprise(session, members=(intruder,))
    headers = bearer(intruder)
    base = f"{PREFIX}/enterprises/{enterprise.id}"

    assert client.get(base, headers=headers).status_code == 404
    assert client.post(f"{base}/members", json={"email": intruder.email}, headers=headers).status_code == 404
    assert client.delete(f"{base}/members/{owner.id}", headers=headers).status_code == 404
    assert client.post(f"{base}/approve", headers=headers).status_code == 403  # not staff at all
    session.expire_all()
    assert [member.user_id for member in session.get(CommunityEnterprise, enterprise.id).members] == [owner.id]


def test_the_routes_are_in_the_openapi_document(client):
    paths = client.get(f"{PREFIX}/openapi.json").get_json()["paths"]
    assert {"post", "get"} <= set(paths["/enterprises"])
    assert "get" in paths["/enterprises/{id}"]
    assert "post" in paths["/enterprises/{id}/approve"]
    assert "post" in paths["/enterprises/{id}/suspend"]
    assert "post" in paths["/enterprises/{id}/members"]
    assert "delete" in paths["/enterprises/{id}/members/{user_id}"]


def test_answers_hold_what_the_enterprise_schema_requires(client, session, bearer):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    schema = client.get(f"{PREFIX}/openapi.json").get_json()["components"]["schemas"]["Enterprise"]

    public = client.get(f"{PREFIX}/enterprises/{enterprise.id}").get_json()
    private = client.get(f"{PREFIX}/enterprises/{enterprise.id}", headers=bearer(owner)).get_json()

    assert set(schema["required"]) <= set(public)
    assert set(schema["properties"]) >= set(private)
