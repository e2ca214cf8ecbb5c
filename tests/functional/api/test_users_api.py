"""GET /users and PATCH /users/{id}: the national admin's desk for people."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from tests.factories import PASSWORD, company_of, make_staff, make_user

USERS = "/api/v1/users"


def entries(session, user, action=None):
    query = select(AuditEntry).where(AuditEntry.subject_type == "user", AuditEntry.subject_id == user.id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query.order_by(AuditEntry.id)))


def test_the_admin_finds_people_by_email_or_name_in_any_case(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    somchai = make_user(session, email="somchai.jaidee@example.test", name="Somchai Jaidee")
    malee = make_user(session, name="มาลี ศรีสุข")
    make_user(session, name="Nobody Else")

    by_email = client.get(USERS, query_string={"q": "SOMCHAI.J"}, headers=bearer(admin))
    assert by_email.status_code == 200
    body = by_email.get_json()
    assert [user["id"] for user in body["items"]] == [somchai.id]
    assert body["next_cursor"] is None
    found = body["items"][0]
    assert set(found) == {"id", "email", "name", "roles", "enterprise_ids", "company_id", "locked"}
    assert found["locked"] is False
    assert found["roles"] == ["consumer"]

    by_name = client.get(USERS, query_string={"q": "jaidee"}, headers=bearer(admin)).get_json()
    assert [user["id"] for user in by_name["items"]] == [somchai.id]
    thai = client.get(USERS, query_string={"q": "ศรีสุข"}, headers=bearer(admin)).get_json()
    assert [user["id"] for user in thai["items"]] == [malee.id]
    none = client.get(USERS, query_string={"q": "100%_"}, headers=bearer(admin)).get_json()
    assert none["items"] == []


def test_the_list_is_paged(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    people = [make_user(session, name=f"Paged Person {n}") for n in range(3)]

    first = client.get(USERS, query_string={"q": "paged person", "limit": 2}, headers=bearer(admin)).get_json()
    assert [user["id"] for user in first["items"]] == [people[2].id, people[1].id]
    rest = client.get(USERS, query_string={"q": "paged person", "limit": 2, "cursor": first["next_cursor"]},
                      headers=bearer(admin)).get_json()
    assert [user["id"] for user in rest["items"]] == [people[0].id]
    assert rest["next_cursor"] is None


def test_only_admins_may_list_or_change_people(client, session, bearer):
    target = make_user(session)
    for caller in (make_staff(session, "50"), make_user(session)):
        assert client.get(USERS, headers=bearer(caller)).status_code == 403
        answer = client.patch(f"{USERS}/{target.id}", json={"locked": True}, headers=bearer(caller))
        assert answer.status_code == 403
    assert client.get(USERS).status_code == 401
    assert target.active


def test_an_unknown_account_is_404(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    answer = client.patch(f"{USERS}/999999", json={"locked": True}, headers=bearer(admin))
    assert answer.status_code == 404


def test_granting_the_company_role_attaches_the_company_and_is_audited(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)
    chiang_mai = company_of(session, "50")

    answer = client.patch(f"{USERS}/{person.id}", json={"roles": ["consumer", "company"], "company_id": chiang_mai.id},
                          headers=bearer(admin))

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["roles"] == ["company", "consumer"]
    assert body["company_id"] == chiang_mai.id
    assert body["locked"] is False
    session.refresh(person)
    assert person.roles == {Role.CONSUMER, Role.COMPANY}
    [entry] = entries(session, person)
    assert entry.action == "user.roles_changed"
    assert entry.actor_id == admin.id
    assert entry.company_id == chiang_mai.id
    assert entry.detail == {"roles": [["consumer"], ["company", "consumer"]], "company_id": [None, chiang_mai.id]}


def test_taking_the_company_role_away_detaches_the_company(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    staff = make_staff(session, "50")
    company_id = staff.company_id

    answer = client.patch(f"{USERS}/{staff.id}", json={"roles": ["consumer"]}, headers=bearer(admin))

    assert answer.status_code == 200
    assert answer.get_json()["company_id"] is None
    [entry] = entries(session, staff)
    assert entry.company_id == company_id
    assert entry.detail == {"roles": [["company"], ["consumer"]], "company_id": [company_id, None]}


def test_moving_staff_to_another_company(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    staff = make_staff(session, "50")
    bangkok = company_of(session, "10")

    answer = client.patch(f"{USERS}/{staff.id}", json={"company_id": bangkok.id}, headers=bearer(admin))

    assert answer.status_code == 200
    assert answer.get_json()["company_id"] == bangkok.id
    assert entries(session, staff)[0].detail["company_id"][1] == bangkok.id


def test_the_company_role_needs_an_existing_company(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)

    for body in ({"roles": ["company"]}, {"roles": ["company"], "company_id": None},
                 {"roles": ["company"], "company_id": 999999}):
        answer = client.patch(f"{USERS}/{person.id}", json=body, headers=bearer(admin))
        assert answer.status_code == 422, body
        assert set(answer.get_json()["error"]["fields"]) == {"company_id"}
    without_role = client.patch(f"{USERS}/{person.id}", json={"company_id": company_of(session, "50").id},
                                headers=bearer(admin))
    assert without_role.status_code == 422
    assert set(without_role.get_json()["error"]["fields"]) == {"company_id"}
    session.refresh(person)
    assert person.roles == {Role.CONSUMER} and person.company_id is None
    assert entries(session, person) == []


def test_bad_roles_are_named(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)

    wrong = client.patch(f"{USERS}/{person.id}", json={"roles": ["consumer", "king"]}, headers=bearer(admin))
    assert wrong.status_code == 422
    assert set(wrong.get_json()["error"]["fields"]) == {"roles[1]"}
    empty = client.patch(f"{USERS}/{person.id}", json={"roles": []}, headers=bearer(admin))
    assert empty.status_code == 422
    assert set(empty.get_json()["error"]["fields"]) == {"roles"}


def test_an_admin_cannot_remove_their_own_admin_role_or_lock_themselves(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    headers = bearer(admin)

    for body in ({"roles": ["consumer"]}, {"locked": True}):
        answer = client.patch(f"{USERS}/{admin.id}", json=body, headers=headers)
        assert answer.status_code == 409, body
        assert answer.get_json()["error"]["code"] == "self_change"
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert entries(session, admin) == []
    # Their other roles are theirs to change.
    assert client.patch(f"{USERS}/{admin.id}", json={"roles": ["admin", "consumer"]},
                        headers=headers).status_code == 200


def test_another_admin_can_be_demoted(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    other = make_user(session, role=Role.ADMIN)
    answer = client.patch(f"{USERS}/{other.id}", json={"roles": ["consumer"]}, headers=bearer(admin))
    assert answer.status_code == 200
    assert answer.get_json()["roles"] == ["consumer"]


def test_locking_shuts_the_account_at_once_and_unlocking_opens_it(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session, email="locked.out@example.test")
    admin_headers, their_headers = bearer(admin), bearer(person)
    assert client.get("/api/v1/me", headers=their_headers).status_code == 200

    locked = client.patch(f"{USERS}/{person.id}", json={"locked": True}, headers=admin_headers)
    assert locked.status_code == 200
    assert locked.get_json()["locked"] is True
    assert client.get("/api/v1/me", headers=their_headers).status_code == 401
    signing_in = client.post("/api/v1/auth/token", json={"email": person.email, "password": PASSWORD})
    assert signing_in.status_code == 401
    page = client.post("/login", data={"email": person.email, "password": PASSWORD})
    assert page.status_code != 302
    listed = client.get(USERS, query_string={"q": "locked.out"}, headers=admin_headers).get_json()
    assert listed["items"][0]["locked"] is True

    unlocked = client.patch(f"{USERS}/{person.id}", json={"locked": False}, headers=admin_headers)
    assert unlocked.status_code == 200
    assert unlocked.get_json()["locked"] is False
    assert client.get("/api/v1/me", headers=their_headers).status_code == 200
    assert client.post("/login", data={"email": person.email, "password": PASSWORD}).status_code == 302

    assert [entry.action for entry in entries(session, person)] == ["user.locked", "user.unlocked"]
    assert all(entry.actor_id == admin.id for entry in entries(session, person))


def test_a_locked_staff_members_entry_names_their_company(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    staff = make_staff(session, "50")
    client.patch(f"{USERS}/{staff.id}", json={"locked": True}, headers=bearer(admin))
    [entry] = entries(session, staff)
    assert (entry.action, entry.company_id) == ("user.locked", staff.company_id)


def test_nothing_changed_writes_nothing(client, session, bearer):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)

    for body in ({"roles": ["consumer"]}, {"locked": False}, {}):
        answer = client.patch(f"{USERS}/{person.id}", json=body, headers=bearer(admin))
        assert answer.status_code == 200, body
    assert entries(session, person) == []


def test_the_routes_are_documented(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert {"get"} <= set(document["paths"]["/users"])
    assert {"patch"} <= set(document["paths"]["/users/{id}"])
    schemas = document["components"]["schemas"]
    assert set(schemas["UserChange"]["properties"]) == {"roles", "company_id", "locked"}
    assert "locked" in schemas["ManagedUser"]["required"]
