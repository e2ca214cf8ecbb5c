"""Enterprise sign-up, approval and members, at the service level."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.enterprises import services
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from marketplace.enterprises.services import (
    EnterpriseDetails, add_member, approve_enterprise, change_enterprise_status, ensure_can_publish,
    register_enterprise, remove_member, suspend_enterprise,
)
from marketplace.errors import Conflict, Forbidden, InvalidTransition, NotFound, ValidationError
from marketplace.promptpay import BAD_CHECKSUM, NOT_A_PROMPTPAY_ID
from tests.factories import company_of, make_enterprise, make_user, national_company

GOOD = EnterpriseDetails(
    name_th="กลุ่มทอผ้าบ้านศรีภูมิ", registration_no="5-50-01-01/1-0001",
    province_code="50", district_code="5001", subdistrict_code="500101",
    description_th="ผ้าฝ้ายทอมือย้อมสีธรรมชาติ", promptpay_id="081-234-5678", otop_stars=4,
)


def enterprise_count(session) -> int:
    return session.scalar(select(func.count(CommunityEnterprise.id)))


def member_count(session) -> int:
    return session.scalar(select(func.count()).select_from(EnterpriseMember))


# -- sign-up ------------------------------------------------------------------------------------

def test_registering_makes_a_pending_enterprise_with_the_caller_as_producer(session):
    user = make_user(session)

    enterprise = register_enterprise(session, user, replace(GOOD, registration_no=" 5-50-01-01 / 1-0001 ",
                                                            name_en="  Si Phum Weavers  "))

    assert enterprise.id is not None
    assert enterprise.status is EnterpriseStatus.PENDING
    assert enterprise.registration_no == "5-50-01-01/1-0001"
    assert enterprise.name_en == "Si Phum Weavers"
    assert enterprise.promptpay_id == "0812345678"
    assert (enterprise.otop_stars, enterprise.otop_stars_declared) == (None, 4)  # declared, not yet verified
    assert enterprise.status_changed_at is None
    assert [member.user_id for member in enterprise.members] == [user.id]
    assert user.roles == {Role.CONSUMER, Role.PRODUCER}


def test_optional_fields_may_be_left_out(session):
    enterprise = register_enterprise(session, make_user(session), replace(
        GOOD, description_th="  ", promptpay_id="", otop_stars="", name_en=None,
    ))
    assert (enterprise.description_th, enterprise.promptpay_id, enterprise.otop_stars, enterprise.name_en) == (
        None, None, None, None)


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"name_th": "   "}, "name_th", services.REQUIRED_NAME),
    ({"name_th": "ก" * 201}, "name_th", services.NAME_TOO_LONG),
    ({"registration_no": "50-01-01/1-0001"}, "registration_no", services.REGISTRATION_FORMAT),
    ({"registration_no": "5-50-1-01/1-0001"}, "registration_no", services.REGISTRATION_FORMAT),
    ({"registration_no": "5-50-01-01-1-0001"}, "registration_no", services.REGISTRATION_FORMAT),
    ({"registration_no": ""}, "registration_no", services.REGISTRATION_FORMAT),
    ({"registration_no": "5-51-01-01/1-0001"}, "registration_no", services.REGISTRATION_PROVINCE),
    ({"registration_no": "5-50-02-01/1-0001"}, "registration_no", services.REGISTRATION_DISTRICT),
    ({"province_code": "99"}, "province_code", "unknown province code"),
    ({"district_code": "9999"}, "district_code", "not a district of this province"),
    ({"district_code": "1001"}, "district_code", "not a district of this province"),  # Bangkok's
    ({"subdistrict_code": "500201"}, "subdistrict_code", "not a subdistrict of this district"),
    ({"subdistrict_code": "999999"}, "subdistrict_code", "not a subdistrict of this district"),
    ({"promptpay_id": "1101700230707"}, "promptpay_id", BAD_CHECKSUM),
    ({"promptpay_id": "0212345678"}, "promptpay_id", NOT_A_PROMPTPAY_ID),
    ({"otop_stars": 6}, "otop_stars", services.STARS_RANGE),
    ({"otop_stars": 0}, "otop_stars", services.STARS_RANGE),
    ({"otop_stars": True}, "otop_stars", services.STARS_RANGE),
    ({"otop_stars": "five"}, "otop_stars", services.STARS_RANGE),
    ({"province_code": 50}, "province_code", "unknown province code"),
    ({"description_th": "ก" * 5001}, "description_th", services.DESCRIPTION_TOO_LONG),
])
def test_each_bad_field_is_named_and_nothing_is_written(session, changes, field, reason):
    user = make_user(session)
    before = enterprise_count(session), member_count(session)

    with pytest.raises(ValidationError) as caught:
        register_enterprise(session, user, replace(GOOD, **changes))

    assert caught.value.fields[field] == reason
    assert (enterprise_count(session), member_count(session)) == before
    assert Role.PRODUCER not in user.roles


def test_the_registration_number_is_checked_against_a_valid_address_only(session):
    """A wrong province is reported on the province, not as a mismatch of the number too."""
    with pytest.raises(ValidationError) as caught:
        register_enterprise(session, make_user(session), replace(GOOD, province_code="99"))
    assert set(caught.value.fields) == {"province_code"}


def test_thai_digits_are_read_in_the_registration_number_and_codes(session):
    enterprise = register_enterprise(session, make_user(session), replace(
        GOOD, registration_no="๕-๕๐-๐๑-๐๑/๑-๐๐๐๒", province_code="๕๐",
    ))
    assert (enterprise.registration_no, enterprise.province_code) == ("5-50-01-01/1-0002", "50")


def test_a_registration_number_is_registered_once(session):
    register_enterprise(session, make_user(session), GOOD)
    user = make_user(session)

    with pytest.raises(Conflict) as caught:
        register_enterprise(session, user, replace(GOOD, registration_no="5-50-01-01/1-0001 "))

    assert caught.value.code == "registration_taken"
    assert caught.value.fields == {"registration_no": services.REGISTRATION_TAKEN}
    assert session.scalar(select(func.count(CommunityEnterprise.id)).where(
        CommunityEnterprise.registration_no == "5-50-01-01/1-0001")) == 1
    assert Role.PRODUCER not in user.roles


# -- publishing ---------------------------------------------------------------------------------

def test_only_an_approved_enterprise_may_publish(session):
    ensure_can_publish(make_enterprise(session, status=EnterpriseStatus.APPROVED))
    for status in (EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED):
        with pytest.raises(Conflict) as caught:
            ensure_can_publish(make_enterprise(session, status=status))
        assert caught.value.code == "enterprise_not_approved"
        assert caught.value.message


# -- approval -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "to"), [
    (EnterpriseStatus.PENDING, EnterpriseStatus.APPROVED),
    (EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED),
    (EnterpriseStatus.APPROVED, EnterpriseStatus.SUSPENDED),
    (EnterpriseStatus.SUSPENDED, EnterpriseStatus.APPROVED),
])
def test_allowed_moves(session, start, to):
    staff = make_user(session, role=Role.COMPANY, company=company_of(session, "50"))
    enterprise = make_enterprise(session, province_code="50", status=start, status_reason="เดิม")
    moment = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)

    change_enterprise_status(session, staff, enterprise, to, reason="  ตรวจเอกสารแล้ว  ", now=moment)

    assert enterprise.status is to
    assert enterprise.status_reason == "ตรวจเอกสารแล้ว"
    assert enterprise.status_changed_at == moment


@pytest.mark.parametrize("status", [EnterpriseStatus.APPROVED, EnterpriseStatus.SUSPENDED])
def test_moving_to_the_same_status_is_an_invalid_transition(session, status):
    admin = make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, status=status, status_reason="เดิม")

    with pytest.raises(InvalidTransition) as caught:
        change_enterprise_status(session, admin, enterprise, status, reason="ใหม่")

    assert caught.value.code == "invalid_transition"
    assert enterprise.status_reason == "เดิม"


def test_nothing_moves_back_to_pending(session):
    admin = make_user(session, role=Role.ADMIN)
    for status in EnterpriseStatus:
        with pytest.raises(InvalidTransition):
            change_enterprise_status(session, admin, make_enterprise(session, status=status),
                                     EnterpriseStatus.PENDING)


def test_a_new_status_without_a_reason_clears_the_old_reason(session):
    admin = make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, status=EnterpriseStatus.SUSPENDED, status_reason="เอกสารไม่ครบ")
    approve_enterprise(session, admin, enterprise)
    assert enterprise.status_reason is None


def test_an_overlong_reason_is_refused(session):
    admin = make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, status=EnterpriseStatus.PENDING)
    with pytest.raises(ValidationError) as caught:
        suspend_enterprise(session, admin, enterprise, reason="ก" * 501)
    assert caught.value.fields == {"reason": services.REASON_TOO_LONG}
    assert enterprise.status is EnterpriseStatus.PENDING


def test_who_may_approve(session):
    enterprise = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    for role in (Role.CONSUMER, Role.PRODUCER):
        with pytest.raises(Forbidden):
            approve_enterprise(session, make_user(session, role=role), enterprise)
    with pytest.raises(NotFound):
        approve_enterprise(session, make_user(session, role=Role.COMPANY, company=company_of(session, "10")),
                           enterprise)
    with pytest.raises(NotFound):  # company role without a company oversees nothing
        approve_enterprise(session, make_user(session, role=Role.COMPANY), enterprise)
    assert enterprise.status is EnterpriseStatus.PENDING

    approve_enterprise(session, make_user(session, role=Role.ADMIN), enterprise)
    assert enterprise.status is EnterpriseStatus.APPROVED


def test_the_national_company_oversees_provinces_whose_company_is_inactive(session):
    company_of(session, "50").active = False
    session.flush()
    national_staff = make_user(session, role=Role.COMPANY, company=national_company(session))
    inactive_province = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    active_province = make_enterprise(session, province_code="10", status=EnterpriseStatus.PENDING)

    approve_enterprise(session, national_staff, inactive_province)
    with pytest.raises(NotFound):
        approve_enterprise(session, national_staff, active_province)
    assert inactive_province.status is EnterpriseStatus.APPROVED


# -- members ------------------------------------------------------------------------------------

def test_adding_a_member_by_email_gives_them_the_producer_role(session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    friend = make_user(session, email="friend@example.test")

    added = add_member(session, owner, enterprise, "  Friend@Example.TEST ")

    assert added is friend
    assert Role.PRODUCER in friend.roles
    assert {member.user_id for member in enterprise.members} == {owner.id, friend.id}


@pytest.mark.parametrize(("email", "error", "reason"), [
    ("nobody@example.test", ValidationError, services.NO_ACCOUNT),
    ("not an email", ValidationError, services.NOT_AN_EMAIL),
    ("", ValidationError, services.NOT_AN_EMAIL),
    (None, ValidationError, services.NOT_AN_EMAIL),
])
def test_the_invited_email_must_be_an_account(session, email, error, reason):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    with pytest.raises(error) as caught:
        add_member(session, owner, enterprise, email)
    assert caught.value.fields == {"email": reason}
    assert len(enterprise.members) == 1


def test_adding_an_existing_member_is_a_conflict(session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    with pytest.raises(Conflict) as caught:
        add_member(session, owner, enterprise, owner.email)
    assert caught.value.code == "already_member"


def test_only_members_add_and_remove(session):
    owner, stranger = make_user(session), make_user(session)
    enterprise = make_enterprise(session, members=(owner,))
    with pytest.raises(NotFound):
        add_member(session, stranger, enterprise, stranger.email)
    with pytest.raises(NotFound):
        remove_member(session, stranger, enterprise, owner.id)
    assert [member.user_id for member in enterprise.members] == [owner.id]


def test_members_remove_each_other_and_leave_but_the_last_one_stays(session):
    first, second, third = make_user(session), make_user(session), make_user(session)
    enterprise = make_enterprise(session, members=(first, second, third))

    remove_member(session, first, enterprise, second.id)  # removes a co-manager
    remove_member(session, third, enterprise, third.id)   # leaves
    assert [member.user_id for member in enterprise.members] == [first.id]
    assert second.memberships == []

    with pytest.raises(Conflict) as caught:
        remove_member(session, first, enterprise, first.id)
    assert caught.value.code == "last_member"
    assert [member.user_id for member in enterprise.members] == [first.id]


def test_removing_someone_who_is_not_a_member_is_not_found(session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner, make_user(session)))
    with pytest.raises(NotFound):
        remove_member(session, owner, enterprise, make_user(session).id)
