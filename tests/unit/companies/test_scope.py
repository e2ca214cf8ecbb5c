"""One rule for whose work staff see, and one for which company serves a province."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Role
from marketplace.companies.scope import company_asked_for, company_in_view
from marketplace.companies.services import national_company, serving_companies, serving_company
from marketplace.errors import Forbidden, NotFound
from tests.factories import company_of, make_staff, make_user


def test_admins_see_every_company_or_the_one_they_pick(session):
    admin = make_user(session, role=Role.ADMIN)
    assert company_in_view(admin) is None
    assert company_in_view(admin, 7) == 7


def test_staff_see_their_own_company_whatever_they_ask(session):
    staff = make_staff(session, "50")
    assert company_in_view(staff) == company_of(session, "50").id
    assert company_in_view(staff, company_of(session, "10").id) == company_of(session, "50").id


def test_staff_who_name_another_company_find_nothing(session):
    staff, admin = make_staff(session, "50"), make_user(session, role=Role.ADMIN)
    own, other = company_of(session, "50").id, company_of(session, "10").id
    assert company_asked_for(staff, None) == own
    assert company_asked_for(staff, own) == own
    with pytest.raises(NotFound):
        company_asked_for(staff, other)
    assert company_asked_for(admin, other) == other and company_asked_for(admin, None) is None
    with pytest.raises(Forbidden):
        company_asked_for(make_user(session), other)


@pytest.mark.parametrize("who", ["consumer", "staff_of_no_company"])
def test_anybody_else_is_refused(session, who):
    user = make_user(session) if who == "consumer" else make_user(session, role=Role.COMPANY)
    with pytest.raises(Forbidden):
        company_in_view(user)


def test_a_province_is_served_by_its_company_while_active_else_by_the_national_one(session):
    chiang_mai = company_of(session, "50")
    assert serving_company(session, "50") == chiang_mai
    chiang_mai.active = False
    assert serving_company(session, "50") == national_company(session)
    national_company(session).active = False
    assert serving_company(session, "50") is None


def test_several_provinces_are_routed_at_once(session):
    company_of(session, "57").active = False
    routed = serving_companies(session, {"10", "50", "57"})
    assert [company.province_code for company in routed.values()] == ["10", "50", None]
    assert routed["57"] == national_company(session)
    assert serving_companies(session, set()) == {}
