"""The enterprise pages: sign-up (with and without JavaScript), a producer's enterprises
and co-managers, the public page, and the company staff's review."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from tests.factories import company_of, make_enterprise, make_listing, make_user, sign_in

FORM = {
    "name_th": "กลุ่มจักสานบ้านศรีภูมิ",
    "name_en": "Si Phum Basketry",
    "registration_no": "5-50-01-01/1-0001",
    "province_code": "50",
    "district_code": "5001",
    "subdistrict_code": "500101",
    "districts_for": "50",
    "subdistricts_for": "5001",
    "description_th": "เครื่องจักสานไม้ไผ่",
    "promptpay_id": "081 234 5678",
    "otop_stars": "4",
}


def html(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def counts(session) -> tuple[int, int]:
    return (session.scalar(select(func.count(CommunityEnterprise.id))),
            session.scalar(select(func.count()).select_from(EnterpriseMember)))


def refreshed(session, enterprise: CommunityEnterprise) -> CommunityEnterprise:
    session.expire_all()
    return session.get(CommunityEnterprise, enterprise.id)


# -- sign-up ------------------------------------------------------------------------------------

def test_the_sign_up_page_needs_a_signed_in_user(client):
    response = client.get("/producer/enterprises/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_sign_up_form_offers_the_provinces_and_the_address_script(client, session):
    sign_in(client, make_user(session))

    page = html(client.get("/producer/enterprises/new?lang=en"))

    assert 'name="registration_no"' in page
    assert '<option value="50">Chiang Mai</option>' in page
    assert page.count("<option value=\"") >= 77 + 5  # provinces and stars
    assert 'data-address-level="district"' in page
    assert 'data-districts-url="/api/v1/provinces/__code__/districts"' in page
    assert "js/address.js" in page
    assert "Choose a province first" in page


def test_signing_up_on_the_web_makes_a_pending_enterprise(client, session):
    user = make_user(session)
    sign_in(client, user)

    response = client.post("/producer/enterprises/new", data=FORM)

    assert response.status_code == 302
    enterprise = session.scalar(select(CommunityEnterprise).where(
        CommunityEnterprise.registration_no == "5-50-01-01/1-0001"))
    assert response.headers["Location"] == f"/producer/enterprises/{enterprise.id}"
    assert enterprise.status is EnterpriseStatus.PENDING
    assert enterprise.promptpay_id == "0812345678"
    assert (enterprise.otop_stars, enterprise.otop_stars_declared) == (None, 4)  # declared, not yet verified
    assert [member.user_id for member in enterprise.members] == [user.id]
    session.refresh(user)
    assert Role.PRODUCER in user.roles
    page = html(client.get(f"/producer/enterprises/{enterprise.id}?lang=en"))
    assert "Waiting for approval" in page
    assert "กลุ่มจักสานบ้านศรีภูมิ" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"registration_no": "5-50-01-01-1-0001"}, "as printed on the certificate"),
    ({"registration_no": "5-51-01-01/1-0001"}, "must be the province code of the address, 50"),
    ({"registration_no": "5-50-02-01/1-0001"}, "must be 01, the last two digits of the district code 5001"),
    ({"district_code": "1001", "subdistricts_for": "1001"}, "Choose a district of this province."),
    ({"subdistrict_code": "500201"}, "Choose a subdistrict of this district."),
    ({"promptpay_id": "1101700230707"}, "its last digit does not match"),
    ({"promptpay_id": "02 123 4567"}, "Enter a Thai mobile number"),
    ({"otop_stars": "6"}, "Choose from 1 to 5 stars, or none."),
])
def test_each_invalid_field_is_shown_next_to_it_and_nothing_is_written(client, session, changes, message):
    user = make_user(session)
    sign_in(client, user)

    page = html(client.post("/producer/enterprises/new?lang=en", data=FORM | changes), 422)

    assert message in page
    assert 'class="field-error"' in page
    assert 'value="กลุ่มจักสานบ้านศรีภูมิ"' in page  # the input is kept
    assert counts(session) == (0, 0)
    session.refresh(user)
    assert Role.PRODUCER not in user.roles


def test_a_taken_registration_number_is_shown_as_a_conflict(client, session):
    make_enterprise(session, registration_no="5-50-01-01/1-0001")
    sign_in(client, make_user(session))
    before = counts(session)

    page = html(client.post("/producer/enterprises/new?lang=en", data=FORM), 409)

    assert "already registered" in page
    assert counts(session) == before


def test_without_javascript_a_new_province_brings_its_districts_then_subdistricts(client, session):
    sign_in(client, make_user(session))
    start = FORM | {"province_code": "", "district_code": "", "subdistrict_code": "", "districts_for": "",
                    "subdistricts_for": ""}

    # 1. the reader picks Chiang Mai and submits: the form comes back with its districts
    page = html(client.post("/producer/enterprises/new?lang=en", data=start | {"province_code": "50"}))
    assert "Now choose the district" in page
    assert '<option value="5001">Mueang Chiang Mai</option>' in page
    assert 'name="districts_for" type="hidden" value="50"' in page
    assert 'value="กลุ่มจักสานบ้านศรีภูมิ"' in page
    assert counts(session) == (0, 0)

    # 2. then a district: its subdistricts, with their postal codes for the script
    page = html(client.post("/producer/enterprises/new?lang=en", data=start | {
        "province_code": "50", "districts_for": "50", "district_code": "5001"}))
    assert "Now choose the subdistrict" in page
    assert 'data-postal-codes="50200"' in page and 'value="500101"' in page
    assert counts(session) == (0, 0)

    # 3. changing the province again drops the district of the old one
    page = html(client.post("/producer/enterprises/new?lang=en", data=start | {
        "province_code": "10", "districts_for": "50", "district_code": "5001", "subdistricts_for": "5001",
        "subdistrict_code": "500101"}))
    assert '<option value="1001">Phra Nakhon</option>' in page
    assert 'value="5001"' not in page
    assert counts(session) == (0, 0)

    # 4. the complete address is saved
    response = client.post("/producer/enterprises/new", data=start | {
        "province_code": "50", "districts_for": "50", "district_code": "5001", "subdistricts_for": "5001",
        "subdistrict_code": "500101"})
    assert response.status_code == 302
    assert counts(session) == (1, 1)


def test_the_refresh_button_never_saves(client, session):
    sign_in(client, make_user(session))
    page = html(client.post("/producer/enterprises/new?lang=en", data=FORM | {"refresh_address": "1"}))
    assert 'name="subdistrict_code"' in page
    assert counts(session) == (0, 0)


# -- my enterprises and members -----------------------------------------------------------------

def test_my_enterprises_shows_each_status_and_the_reason(client, session):
    user = make_user(session)
    make_enterprise(session, members=(user,), name_th="วิสาหกิจที่อนุมัติแล้ว")
    make_enterprise(session, members=(user,), name_th="วิสาหกิจที่ถูกระงับ", status=EnterpriseStatus.SUSPENDED,
                    status_reason="ส่งใบรับรองฉบับจริงให้บริษัท")
    make_enterprise(session, name_th="วิสาหกิจของคนอื่น")
    sign_in(client, user)

    page = html(client.get("/producer/enterprises?lang=en"))

    assert "วิสาหกิจที่อนุมัติแล้ว" in page and "วิสาหกิจที่ถูกระงับ" in page
    assert "ส่งใบรับรองฉบับจริงให้บริษัท" in page
    assert "Suspended" in page and "Approved" in page
    assert "วิสาหกิจของคนอื่น" not in page


def test_inviting_removing_and_leaving_on_the_web(client, session):
    owner = make_user(session)
    friend = make_user(session, email="friend@example.test", name="เพื่อนร่วมงาน")
    enterprise = make_enterprise(session, members=(owner,))
    sign_in(client, owner)
    base = f"/producer/enterprises/{enterprise.id}"

    page = html(client.post(f"{base}/members?lang=en", data={"email": "nobody@example.test"}), 422)
    assert "Ask them to sign up first" in page
    page = html(client.post(f"{base}/members?lang=en", data={"email": owner.email}), 409)
    assert "They already manage this enterprise." in page
    page = html(client.post(f"{base}/members/{owner.id}/remove?lang=en"), 409)
    assert "at least one member" in page

    assert client.post(f"{base}/members", data={"email": "friend@example.test"}).status_code == 302
    page = html(client.get(f"{base}?lang=en"))
    assert "เพื่อนร่วมงาน" in page and "Remove" in page and "Leave" in page

    assert client.post(f"{base}/members/{friend.id}/remove").headers["Location"] == base
    assert client.post(f"{base}/members", data={"email": "friend@example.test"}).status_code == 302
    response = client.post(f"{base}/members/{owner.id}/remove")  # the owner leaves
    assert response.headers["Location"] == "/producer/enterprises"
    assert client.get(base).status_code == 404
    assert [member.user_id for member in refreshed(session, enterprise).members] == [friend.id]


def test_a_second_producer_gets_404_on_every_member_page(client, session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,), status=EnterpriseStatus.PENDING)
    intruder = make_user(session)
    make_enterprise(session, members=(intruder,))
    sign_in(client, intruder)
    base = f"/producer/enterprises/{enterprise.id}"

    assert client.get(base).status_code == 404
    assert client.post(f"{base}/members", data={"email": intruder.email}).status_code == 404
    assert client.post(f"{base}/members/{owner.id}/remove").status_code == 404
    assert client.get(f"/enterprises/{enterprise.id}").status_code == 404
    assert client.post(f"/company/enterprises/{enterprise.id}/approve").status_code == 403
    assert [member.user_id for member in refreshed(session, enterprise).members] == [owner.id]
    assert refreshed(session, enterprise).status is EnterpriseStatus.PENDING


# -- the public page ----------------------------------------------------------------------------

def test_the_public_page_shows_the_enterprise_and_its_listings_on_sale(client, session):
    enterprise = make_enterprise(session, name_th="กลุ่มแม่บ้านบ้านถวาย", otop_stars=5,
                                 description_th="งานไม้แกะสลักจากบ้านถวาย", promptpay_id="0812345678")
    make_listing(session, enterprise=enterprise, title_th="ช้างไม้แกะสลัก")
    make_listing(session, enterprise=enterprise, title_th="สินค้าฉบับร่าง", status="draft")
    make_listing(session, title_th="สินค้าของคนอื่น")

    page = html(client.get(f"/enterprises/{enterprise.id}"))

    assert "กลุ่มแม่บ้านบ้านถวาย" in page
    assert "งานไม้แกะสลักจากบ้านถวาย" in page
    assert "ช้างไม้แกะสลัก" in page
    assert "สินค้าฉบับร่าง" not in page and "สินค้าของคนอื่น" not in page
    assert "0812345678" not in page and enterprise.registration_no not in page
    assert "เชียงใหม่" in page


def test_a_suspended_enterprise_has_no_public_page_but_its_members_see_why(client, session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,), status=EnterpriseStatus.SUSPENDED,
                                 status_reason="สินค้าไม่ตรงกับที่ขึ้นทะเบียน")
    assert client.get(f"/enterprises/{enterprise.id}").status_code == 404
    sign_in(client, owner)
    page = html(client.get(f"/enterprises/{enterprise.id}"))
    assert "สินค้าไม่ตรงกับที่ขึ้นทะเบียน" in page


# -- company staff ------------------------------------------------------------------------------

@pytest.fixture
def staff(session):
    return make_user(session, role=Role.COMPANY, company=company_of(session, "50"))


def test_staff_see_their_provinces_enterprises_pending_first(client, session, staff):
    make_enterprise(session, province_code="50", name_th="วิสาหกิจอนุมัติแล้ว")
    make_enterprise(session, province_code="50", name_th="วิสาหกิจรออนุมัติ", status=EnterpriseStatus.PENDING)
    make_enterprise(session, province_code="10", name_th="วิสาหกิจกรุงเทพ", status=EnterpriseStatus.PENDING)
    sign_in(client, staff)

    page = html(client.get("/company/enterprises?lang=en"))

    assert page.index("วิสาหกิจรออนุมัติ") < page.index("วิสาหกิจอนุมัติแล้ว")
    assert "วิสาหกิจกรุงเทพ" not in page
    assert "Approve" in page and "Suspend" in page
    pending_only = html(client.get("/company/enterprises?status=pending"))
    assert "วิสาหกิจรออนุมัติ" in pending_only and "วิสาหกิจอนุมัติแล้ว" not in pending_only


def test_the_staff_pages_are_forbidden_to_consumers_and_producers(client, session):
    owner = make_user(session)
    enterprise = make_enterprise(session, members=(owner,), status=EnterpriseStatus.PENDING)
    for user in (make_user(session), owner):
        sign_in(client, user)
        assert client.get("/company/enterprises").status_code == 403
        assert client.get(f"/company/enterprises/{enterprise.id}").status_code == 403
        assert client.post(f"/company/enterprises/{enterprise.id}/approve", data={}).status_code == 403
        assert client.post(f"/company/enterprises/{enterprise.id}/suspend", data={"reason": "x"}).status_code == 403
        client.post("/logout")
    assert refreshed(session, enterprise).status is EnterpriseStatus.PENDING


def test_staff_of_another_province_get_404(client, session):
    enterprise = make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING)
    sign_in(client, make_user(session, role=Role.COMPANY, company=company_of(session, "10")))

    assert client.get(f"/company/enterprises/{enterprise.id}").status_code == 404
    assert client.post(f"/company/enterprises/{enterprise.id}/approve", data={}).status_code == 404
    assert client.post(f"/company/enterprises/{enterprise.id}/suspend", data={"reason": "x"}).status_code == 404
    assert refreshed(session, enterprise).status is EnterpriseStatus.PENDING


def test_staff_approve_from_the_list_and_the_producer_sees_the_note(client, session, staff):
    owner = make_user(session)
    enterprise = make_enterprise(session, province_code="50", members=(owner,), status=EnterpriseStatus.PENDING)
    sign_in(client, staff)

    response = client.post(f"/company/enterprises/{enterprise.id}/approve",
                           data={"reason": "ยินดีต้อนรับ", "next": "/company/enterprises?status=pending"})

    assert response.headers["Location"] == "/company/enterprises?status=pending"
    assert refreshed(session, enterprise).status is EnterpriseStatus.APPROVED
    client.post("/logout")
    sign_in(client, owner)
    assert "ยินดีต้อนรับ" in html(client.get("/producer/enterprises"))


def test_suspending_needs_a_reason_and_hides_the_listings_until_approved_again(client, session):
    admin = make_user(session, role=Role.ADMIN)
    enterprise = make_enterprise(session, province_code="96")
    make_listing(session, enterprise=enterprise, title_th="ผ้าบาติกลายดอกไม้")
    assert "ผ้าบาติกลายดอกไม้" in html(client.get("/"))
    sign_in(client, admin)
    review = f"/company/enterprises/{enterprise.id}"

    page = html(client.post(f"{review}/suspend?lang=en", data={"reason": "  "}), 422)
    assert "Give the reason" in page
    assert refreshed(session, enterprise).status is EnterpriseStatus.APPROVED

    response = client.post(f"{review}/suspend", data={"reason": "ตรวจพบสินค้าไม่ได้มาตรฐาน"})
    assert response.headers["Location"] == review
    assert refreshed(session, enterprise).status_reason == "ตรวจพบสินค้าไม่ได้มาตรฐาน"
    assert "ผ้าบาติกลายดอกไม้" not in html(client.get("/"))

    page = html(client.post(f"{review}/suspend?lang=en", data={"reason": "อีกครั้ง"}), 409)
    assert "already suspended" in page

    client.post(f"{review}/approve", data={})
    assert refreshed(session, enterprise).status is EnterpriseStatus.APPROVED
    assert "ผ้าบาติกลายดอกไม้" in html(client.get("/"))


def test_the_review_page_shows_the_registration_details(client, session, staff):
    owner = make_user(session, name="ผู้จัดการวิสาหกิจ")
    enterprise = make_enterprise(session, province_code="50", members=(owner,), status=EnterpriseStatus.PENDING,
                                 promptpay_id="0812345678")
    sign_in(client, staff)

    page = html(client.get(f"/company/enterprises/{enterprise.id}?lang=en"))

    assert enterprise.registration_no in page
    assert "0812345678" in page
    assert "ผู้จัดการวิสาหกิจ" in page
    assert "Chiang Mai" in page
