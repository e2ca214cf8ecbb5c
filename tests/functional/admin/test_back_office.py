"""/admin/: the national admin's start page; nobody else's."""

from __future__ import annotations

from marketplace.accounts.models import Role
from tests.factories import make_staff, make_user, sign_in


def test_the_admin_finds_every_desk(client, session):
    sign_in(client, make_user(session, role=Role.ADMIN))
    page = client.get("/admin/", headers={"Cookie": "lang=en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for desk in ("/admin/promptpay/", "/company/fulfilments", "/company/enterprises", "/company/settlements"):
        assert f'href="{desk}' in html
    assert 'href="/admin/"' in html  # the header leads back here


def test_company_staff_and_consumers_are_refused(client, session):
    for user in (make_staff(session, "50"), make_user(session)):
        sign_in(client, user)
        assert client.get("/admin/").status_code == 403
    client.post("/logout")
    assert client.get("/admin/").status_code == 302
