"""The national admin's changes to a company: checked field by field, written to the
audit trail, and applied to what is ordered afterwards only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.companies import admin as company_admin
from marketplace.companies.admin import update_company
from marketplace.db import utcnow
from marketplace.errors import Forbidden, InvalidTransition, ValidationError
from marketplace.promptpay import BAD_CHECKSUM
from tests.factories import company_of, make_listing, make_staff, make_user, national_company, place


def entries(session, company):
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "company.updated",
                                                         AuditEntry.subject_id == company.id)))


def test_an_admin_changes_fields_and_the_audit_holds_before_and_after(session):
    admin, company = make_user(session, role=Role.ADMIN), company_of(session, "50")
    changed = update_company(session, admin, company, now=utcnow(), commission_bps=1500, shipping_fee_satang=4000,
                             promptpay_id="081-234-5678", phone="+66 53 123 456", email=" CM@Example.org ",
                             address="  ศาลากลางจังหวัดเชียงใหม่  ", active=True)
    assert (company.commission_bps, company.shipping_fee_satang, company.promptpay_id, company.phone,
            company.email, company.address) == (1500, 4000, "0812345678", "053123456", "cm@example.org",
                                                "ศาลากลางจังหวัดเชียงใหม่")
    [entry] = entries(session, company)
    assert entry.actor_id == admin.id and entry.company_id == company.id and entry.subject_type == "company"
    assert entry.detail == changed == {
        "commission_bps": [1000, 1500], "shipping_fee_satang": [5000, 4000], "promptpay_id": [None, "0812345678"],
        "phone": [None, "053123456"], "email": [None, "cm@example.org"],
        "address": [None, "ศาลากลางจังหวัดเชียงใหม่"],
    }  # active was already true: not a change


def test_nothing_changed_writes_no_entry(session):
    admin, company = make_user(session, role=Role.ADMIN), company_of(session, "50")
    assert update_company(session, admin, company, now=utcnow(), active=True, commission_bps=1000) == {}
    assert entries(session, company) == []


def test_empty_clears_the_promptpay_id(session):
    admin, company = make_user(session, role=Role.ADMIN), company_of(session, "50")
    update_company(session, admin, company, now=utcnow(), promptpay_id="0812345678")
    update_company(session, admin, company, now=utcnow(), promptpay_id="  ")
    assert company.promptpay_id is None
    assert [entry.detail for entry in entries(session, company)][-1] == {"promptpay_id": ["0812345678", None]}


def test_bad_values_are_named_each_and_nothing_is_written(session):
    admin, company = make_user(session, role=Role.ADMIN), company_of(session, "50")
    with pytest.raises(ValidationError) as raised:
        update_company(session, admin, company, now=utcnow(), commission_bps=10001, shipping_fee_satang=-1,
                       promptpay_id="1234567890123", phone="12345", email="not-an-email", active="yes",
                       address="x" * 501)
    assert raised.value.fields == {
        "commission_bps": company_admin.COMMISSION_RANGE, "shipping_fee_satang": company_admin.SHIPPING_FEE_RANGE,
        "promptpay_id": BAD_CHECKSUM, "phone": company_admin.NOT_A_PHONE, "email": company_admin.NOT_AN_EMAIL,
        "active": company_admin.NOT_TRUE_OR_FALSE, "address": company_admin.ADDRESS_TOO_LONG,
    }
    assert (company.commission_bps, company.shipping_fee_satang, company.promptpay_id) == (1000, 5000, None)
    assert entries(session, company) == []


@pytest.mark.parametrize("bps", [0, 10000])
def test_the_commission_range_includes_its_ends(session, bps):
    company = company_of(session, "50")
    update_company(session, make_user(session, role=Role.ADMIN), company, now=utcnow(), commission_bps=bps)
    assert company.commission_bps == bps


@pytest.mark.parametrize("bps", [-1, 10001, True, 12.5, "1200", None])
def test_a_commission_outside_the_range_or_not_a_whole_number_is_refused(session, bps):
    with pytest.raises(ValidationError) as raised:
        update_company(session, make_user(session, role=Role.ADMIN), company_of(session, "50"), now=utcnow(),
                       commission_bps=bps)
    assert raised.value.fields == {"commission_bps": company_admin.COMMISSION_RANGE}


def test_only_an_admin_may_change_a_company(session):
    company = company_of(session, "50")
    for user in (make_staff(session, "50"), make_user(session)):
        with pytest.raises(Forbidden):
            update_company(session, user, company, now=utcnow(), commission_bps=0)
    assert company.commission_bps == 1000


def test_the_national_company_cannot_be_deactivated(session):
    admin, national = make_user(session, role=Role.ADMIN), national_company(session)
    with pytest.raises(InvalidTransition):
        update_company(session, admin, national, now=utcnow(), active=False)
    assert national.active and entries(session, national) == []
    update_company(session, admin, national, now=utcnow(), active=True, commission_bps=800)  # other changes are fine
    assert national.commission_bps == 800


def test_an_unknown_field_is_a_programming_error(session):
    with pytest.raises(TypeError):
        update_company(session, make_user(session, role=Role.ADMIN), company_of(session, "50"), now=utcnow(),
                       name_th="อื่น")


def test_deactivating_routes_the_next_order_to_the_national_company_and_keeps_the_open_one(session):
    chiang_mai, national = company_of(session, "50"), national_company(session)
    listing = make_listing(session, stock=10)
    assert listing.enterprise.province_code == "50"
    before = place(session, make_user(session), (listing, 1)).fulfilments[0]
    assert before.company_id == chiang_mai.id

    update_company(session, make_user(session, role=Role.ADMIN), chiang_mai, now=utcnow(), active=False)
    after = place(session, make_user(session), (listing, 1)).fulfilments[0]

    assert after.company_id == national.id
    session.refresh(before)
    assert before.company_id == chiang_mai.id


def test_a_new_commission_and_fee_apply_to_orders_placed_afterwards_only(session):
    company = company_of(session, "50")
    listing = make_listing(session, stock=10)
    before = place(session, make_user(session), (listing, 1)).fulfilments[0]
    assert (before.commission_bps, before.shipping_satang) == (1000, 5000)

    update_company(session, make_user(session, role=Role.ADMIN), company, now=utcnow(), commission_bps=1200,
                   shipping_fee_satang=3000)
    after = place(session, make_user(session), (listing, 1)).fulfilments[0]

    session.refresh(before)
    assert (before.commission_bps, before.shipping_satang) == (1000, 5000)
    assert (after.commission_bps, after.shipping_satang) == (1200, 3000)
