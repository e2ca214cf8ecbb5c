"""/admin/people: the national admin finds accounts and changes their roles, company and lock."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from tests.factories import company_of, make_staff, make_user, sign_in


def reading(client, language: str):
    """``client``, reading the pages in ``language`` from now on."""
    client.set_cookie("lang", language)
    return client


def test_the_admin_searches_people_by_email_or_name(client, session):
    admin = make_user(session, role=Role.ADMIN)
    make_staff(session, "50", name="Somchai Jaidee", email="somchai@example.test")
    make_user(session, name="Malee Srisuk")
    sign_in(reading(client, "en"), admin)

    page = client.get("/admin/people", query_string={"q": "SOMCHAI"})

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Somchai Jaidee" in html and "somchai@example.test" in html
    assert "Company staff" in html
    assert company_of(session, "50").name_en in html
    assert "Malee Srisuk" not in html
    assert 'href="/admin/people"' in client.get("/admin/").get_data(as_text=True)


def test_the_people_pages_speak_thai(client, session):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)
    sign_in(reading(client, "th"), admin)

    assert "ผู้ใช้และบทบาท" in client.get("/admin/people").get_data(as_text=True)
    html = client.get(f"/admin/people/{person.id}").get_data(as_text=True)
    assert "บทบาท" in html and "เจ้าหน้าที่บริษัท" in html
    assert company_of(session, "50").name_th in html


def test_company_staff_and_consumers_are_refused(client, session):
    person = make_user(session)
    for user in (make_staff(session, "50"), make_user(session)):
        sign_in(client, user)
        assert client.get("/admin/people").status_code == 403
        assert client.get(f"/admin/people/{person.id}").status_code == 403
        assert client.post(f"/admin/people/{person.id}", data={"roles": ["admin"]}).status_code == 403
        client.post("/logout")
    session.refresh(person)
    assert person.roles == {Role.CONSUMER}


def test_an_unknown_account_is_404(client, session):
    sign_in(client, make_user(session, role=Role.ADMIN))
    assert client.get("/admin/people/999999").status_code == 404


def test_the_admin_makes_someone_company_staff(client, session):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)
    chiang_mai = company_of(session, "50")
    sign_in(reading(client, "en"), admin)

    form = {"roles": ["consumer", "company"], "company_id": str(chiang_mai.id)}
    answer = client.post(f"/admin/people/{person.id}", data=form)

    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/admin/people/{person.id}")
    session.refresh(person)
    assert person.roles == {Role.CONSUMER, Role.COMPANY}
    assert person.company_id == chiang_mai.id
    entry = session.scalar(select(AuditEntry).where(AuditEntry.subject_id == person.id,
                                                    AuditEntry.action == "user.roles_changed"))
    assert entry is not None and entry.actor_id == admin.id
    followed = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"The account of {person.name} is saved." in followed


def test_unticking_the_company_role_detaches_the_company(client, session):
    admin = make_user(session, role=Role.ADMIN)
    staff = make_staff(session, "50")
    sign_in(client, admin)

    answer = client.post(f"/admin/people/{staff.id}",
                         data={"roles": ["consumer"], "company_id": str(staff.company_id)})

    assert answer.status_code == 302
    session.refresh(staff)
    assert staff.roles == {Role.CONSUMER} and staff.company_id is None


def test_errors_are_shown_next_to_the_fields_in_thai(client, session):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)
    sign_in(reading(client, "th"), admin)

    no_company = client.post(f"/admin/people/{person.id}", data={"roles": ["company"], "company_id": ""})
    assert no_company.status_code == 422
    assert "เลือกบริษัทที่เจ้าหน้าที่คนนี้สังกัด" in no_company.get_data(as_text=True)

    no_role = client.post(f"/admin/people/{person.id}", data={})
    assert no_role.status_code == 422
    assert "เลือกบทบาทอย่างน้อยหนึ่งบทบาท" in no_role.get_data(as_text=True)

    own_role = client.post(f"/admin/people/{admin.id}", data={"roles": ["consumer"]})
    assert own_role.status_code == 409
    assert "คุณนำบทบาทผู้ดูแลระบบออกจากบัญชีของตัวเองไม่ได้" in own_role.get_data(as_text=True)

    own_lock = client.post(f"/admin/people/{admin.id}", data={"roles": ["admin"], "locked": "y"})
    assert own_lock.status_code == 409
    assert "คุณระงับบัญชีของตัวเองไม่ได้" in own_lock.get_data(as_text=True)

    session.refresh(person)
    session.refresh(admin)
    assert person.roles == {Role.CONSUMER} and admin.roles == {Role.ADMIN} and admin.active


def test_locking_ends_their_page_session_and_unlocking_lets_them_back(client, session, app):
    admin = make_user(session, role=Role.ADMIN)
    person = make_user(session)
    their_client = app.test_client()
    sign_in(their_client, person)
    assert their_client.get("/orders/").status_code == 200
    sign_in(reading(client, "th"), admin)

    locked = client.post(f"/admin/people/{person.id}", data={"roles": ["consumer"], "locked": "y"})

    assert locked.status_code == 302
    assert their_client.get("/orders/").status_code == 302  # back to the sign-in page
    assert "ระงับแล้ว" in client.get("/admin/people").get_data(as_text=True)

    assert client.post(f"/admin/people/{person.id}", data={"roles": ["consumer"]}).status_code == 302
    sign_in(their_client, person)
