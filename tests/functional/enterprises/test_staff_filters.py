"""/company/enterprises and GET /api/v1/enterprises?scope=staff with filters: province,
status, OTOP stars (verified at least N; declared but not verified) and a search on
name or registration number, paged by cursor with the filters kept.

The rule for a province outside a staff member's own: it narrows what they see anyway,
so it lists nothing (200, an empty list), on the page and in the API alike; an admin
filters any of the 77. A province that does not exist is a bad filter (422)."""

from __future__ import annotations

import re

import pytest

from marketplace.accounts.models import Role
from marketplace.enterprises import views as enterprise_views
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import company_of, make_enterprise, make_staff, make_user, sign_in

PAGE = "/company/enterprises"
API = "/api/v1/enterprises"
ENGLISH = {"Accept-Language": "en"}
THAI = {"Accept-Language": "th"}
ROW_NAME = re.compile(r'class="enterprise-name" href="/company/enterprises/(\d+)"')


def shown(client, **params) -> list[int]:
    """The enterprise ids the staff page lists for ``params`` (a 200), in order."""
    response = client.get(PAGE, query_string=params, headers=ENGLISH)
    assert response.status_code == 200, response.status_code
    return [int(found) for found in ROW_NAME.findall(response.get_data(as_text=True))]


def api_ids(client, headers, **params) -> list[int]:
    response = client.get(API, query_string={"scope": "staff", **params}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


@pytest.fixture
def country(session):
    """Enterprises in Chiang Mai (50), Bangkok (10) and Songkhla (90), with OTOP stars
    verified, declared, both or neither."""
    return {
        "cm_five": make_enterprise(session, province_code="50", name_th="กลุ่มผ้าไหมห้าดาว", name_en="Silk Five",
                                   otop_stars=5, otop_stars_declared=5),
        "cm_claims": make_enterprise(session, province_code="50", name_th="กลุ่มจักสานรอตรวจ",
                                     otop_stars_declared=4, status=EnterpriseStatus.PENDING),
        "cm_none": make_enterprise(session, province_code="50", name_th="กลุ่มแม่บ้านไม่มีดาว"),
        "bkk_three": make_enterprise(session, province_code="10", name_th="กลุ่มเครื่องปั้นกรุงเทพ",
                                     otop_stars=3, otop_stars_declared=5),
        "bkk_suspended": make_enterprise(session, province_code="10", name_th="กลุ่มขนมไทยกรุงเทพ",
                                         otop_stars=2, status=EnterpriseStatus.SUSPENDED),
        "sk_four": make_enterprise(session, province_code="90", name_th="กลุ่มปลาเค็มสงขลา", otop_stars=4,
                                   otop_stars_declared=4, registration_no="5-90-01-01/1-0777"),
    }


def ids(country, *names: str) -> set[int]:
    return {country[name].id for name in names}


# -- the admin: every province ------------------------------------------------------------------

def test_the_admin_sees_every_province_and_filters_by_any(client, session, country):
    sign_in(client, make_user(session, role=Role.ADMIN))

    assert set(shown(client)) == {enterprise.id for enterprise in country.values()}
    assert set(shown(client, province="10")) == ids(country, "bkk_three", "bkk_suspended")
    assert set(shown(client, province="90")) == ids(country, "sk_four")
    assert shown(client, province="96") == []
    html = client.get(PAGE, headers=THAI).get_data(as_text=True)
    assert html.count('<option value="') - html.count('<option value="" ') >= 77 + 5  # provinces and stars
    assert "นราธิวาส" in html and "แม่ฮ่องสอน" in html


def test_the_table_shows_province_status_and_verified_and_declared_stars(client, session, country):
    sign_in(client, make_user(session, role=Role.ADMIN))

    html = client.get(PAGE, query_string={"province": "10"}, headers=THAI).get_data(as_text=True)

    row = html.split(country["bkk_three"].name_th)[1].split("</tr>")[0]
    assert "กรุงเทพมหานคร" in row and "อนุมัติแล้ว" in row
    assert 'aria-label="OTOP 3 ดาว"' in row  # verified, as the storefront shows it
    assert 'aria-label="แจ้งไว้ 5 ดาว"' in row and "ยังไม่ยืนยัน" in row
    suspended = html.split(country["bkk_suspended"].name_th)[1].split("</tr>")[0]
    assert "ถูกระงับ" in suspended


def test_filters_combine(client, session, country):
    sign_in(client, make_user(session, role=Role.ADMIN))

    assert set(shown(client, status="approved", stars="3")) == ids(country, "cm_five", "bkk_three", "sk_four")
    assert set(shown(client, status="approved", stars="3", province="50")) == ids(country, "cm_five")
    assert shown(client, status="pending", stars="1") == []


# -- company staff: their own provinces only ----------------------------------------------------

def test_staff_see_only_their_province_and_another_province_lists_nothing(client, session, country):
    sign_in(client, make_staff(session, "50"))

    assert set(shown(client)) == ids(country, "cm_five", "cm_claims", "cm_none")
    assert set(shown(client, province="50")) == ids(country, "cm_five", "cm_claims", "cm_none")
    assert shown(client, province="10") == []
    assert shown(client, province="10", status="suspended") == []
    html = client.get(PAGE, query_string={"province": "10"}, headers=ENGLISH).get_data(as_text=True)
    assert "No community enterprise matches these filters." in html
    assert country["bkk_three"].name_th not in html and 'name="province"' not in html  # no select: one province
    assert "Chiang Mai" in html


def test_national_staff_oversee_the_provinces_whose_company_is_inactive(client, session, country):
    company_of(session, "10").active = False
    session.flush()
    sign_in(client, make_staff(session, None))

    assert set(shown(client)) == ids(country, "bkk_three", "bkk_suspended")
    assert shown(client, province="50") == []
    html = client.get(PAGE, headers=ENGLISH).get_data(as_text=True)
    assert 'name="province"' not in html and "Bangkok" in html


def test_the_api_keeps_staff_to_their_province_the_same_way(client, session, bearer, country):
    staff = bearer(make_staff(session, "50"))
    admin = bearer(make_user(session, role=Role.ADMIN))

    assert set(api_ids(client, staff)) == ids(country, "cm_five", "cm_claims", "cm_none")
    assert api_ids(client, staff, province="10") == []
    assert set(api_ids(client, admin, province="10")) == ids(country, "bkk_three", "bkk_suspended")
    assert set(api_ids(client, admin, stars="4", declared_unverified="true")) == set()
    assert set(api_ids(client, admin, q="สงขลา")) == ids(country, "sk_four")


# -- the stars filters --------------------------------------------------------------------------

def test_stars_filter_counts_verified_stars_only(client, session, country):
    sign_in(client, make_user(session, role=Role.ADMIN))

    assert set(shown(client, stars="4")) == ids(country, "cm_five", "sk_four")  # cm_claims only declared 4
    assert set(shown(client, stars="5")) == ids(country, "cm_five")
    assert set(shown(client, stars="2")) == ids(country, "cm_five", "bkk_three", "bkk_suspended", "sk_four")


def test_declared_but_not_verified(client, session, country):
    sign_in(client, make_user(session, role=Role.ADMIN))

    # cm_claims declared 4, none verified; bkk_three declared 5, verified 3; the others agree or declared nothing
    assert set(shown(client, declared_unverified="1")) == ids(country, "cm_claims", "bkk_three")
    assert set(shown(client, declared_unverified="1", province="50")) == ids(country, "cm_claims")
    html = client.get(PAGE, query_string={"declared_unverified": "1"}, headers=ENGLISH).get_data(as_text=True)
    assert re.search(r'name="declared_unverified" value="1"\s+checked', html)  # the box stays ticked


# -- the search ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("q", "expected"), [
    ("ผ้าไหม", {"cm_five"}),
    ("silk five", {"cm_five"}),
    ("SILK", {"cm_five"}),
    ("1/1-0777", {"sk_four"}),
    ("กรุงเทพ", {"bkk_three", "bkk_suspended"}),
    ("%", set()),
    ("ไม่มีชื่อนี้", set()),
])
def test_search_by_name_or_registration_number(client, session, country, q, expected):
    sign_in(client, make_user(session, role=Role.ADMIN))
    assert set(shown(client, q=q)) == ids(country, *expected)


# -- paging with filters ------------------------------------------------------------------------

def test_the_next_page_keeps_the_filters(client, session, monkeypatch):
    monkeypatch.setattr(enterprise_views, "STAFF_PAGE_SIZE", 2)
    wanted = [make_enterprise(session, province_code="10", otop_stars=4, name_th=f"กลุ่มสี่ดาว {n}").id
              for n in range(5)]
    for n in range(3):
        make_enterprise(session, province_code="10", otop_stars=1, name_th=f"กลุ่มหนึ่งดาว {n}")
        make_enterprise(session, province_code="50", otop_stars=5, name_th=f"กลุ่มเชียงใหม่ {n}")
    sign_in(client, make_user(session, role=Role.ADMIN))

    seen, url = [], f"{PAGE}?province=10&stars=4"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += [int(found) for found in ROW_NAME.findall(html)]
        found = re.search(r'class="more"><a class="button button-light" href="([^"]+)"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
        if url:
            assert "province=10" in url and "stars=4" in url and "cursor=" in url
    assert sorted(seen) == sorted(wanted) and len(seen) == len(set(seen))


# -- bad filters --------------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "message"), [
    ({"province": "99"}, "Choose a province from the list."),
    ({"province": "Chiang Mai"}, "Choose a province from the list."),
    ({"stars": "6"}, "Choose from 1 to 5 OTOP stars."),
    ({"stars": "many"}, "Choose from 1 to 5 OTOP stars."),
    ({"declared_unverified": "perhaps"}, "Tick the box or leave it empty."),
    ({"q": "ก" * 101}, "Search for at most 100 characters."),
    ({"status": "bogus"}, "There is no such status. Choose one of the tabs below."),
])
def test_a_bad_filter_is_a_422_page_that_says_why(client, session, country, params, message):
    sign_in(client, make_user(session, role=Role.ADMIN))

    response = client.get(PAGE, query_string=params, headers=ENGLISH)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert ROW_NAME.findall(html) == []


def test_the_api_names_a_bad_filter(client, session, bearer):
    admin = bearer(make_user(session, role=Role.ADMIN))
    response = client.get(API, query_string={"scope": "staff", "province": "99", "stars": "0"}, headers=admin)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"province", "stars"}


def test_producers_filter_their_own_enterprises_too(client, session, bearer):
    owner = make_user(session)
    mine = make_enterprise(session, province_code="50", members=(owner,), otop_stars_declared=3)
    make_enterprise(session, province_code="10", members=(owner,), otop_stars=3, otop_stars_declared=3)

    response = client.get(API, query_string={"declared_unverified": "1"}, headers=bearer(owner))

    assert [item["id"] for item in response.get_json()["items"]] == [mine.id]
