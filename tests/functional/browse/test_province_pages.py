"""The provinces index /provinces and a province's page /provinces/<code>: its names and
region, the company that serves it (the national company while its own is inactive), its
community products and approved enterprises, each paged by cursor."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import event

from marketplace.catalog.models import ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.extensions import db
from marketplace.storefront import views as catalog_views
from tests.factories import company_of, make_enterprise, make_listing, make_review, national_company

CARD = re.compile(r'class="card-link" href="/listings/(\d+)"')
ENTERPRISE = re.compile(r'class="enterprise-name" href="/enterprises/(\d+)"')


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def link(text: str, anchor_id: str) -> str | None:
    found = re.search(rf'id="{anchor_id}" rel="next" href="([^"]+)"', text)
    return html_lib.unescape(found.group(1)) if found else None


def walk(client, url: str, pattern: re.Pattern, anchor_id: str) -> list[int]:
    seen = []
    while url:
        text = page(client, url)
        seen += [int(found) for found in pattern.findall(text)]
        url = link(text, anchor_id)
    return seen


# -- the index -----------------------------------------------------------------------------------

def test_the_index_lists_the_77_provinces_by_region(client, session):
    text = page(client, "/provinces?lang=en")

    assert len(set(re.findall(r'href="/provinces/(\d\d)"', text))) == 77
    headings = re.findall(r'<h2 id="region-(\w+)">', text)
    assert headings == ["north", "northeast", "central", "east", "west", "south"]
    north = text[text.index('id="region-north"'):text.index('id="region-northeast"')]
    assert '<a href="/provinces/50">Chiang Mai</a>' in north
    assert "/provinces/30" not in north


def test_the_index_counts_what_each_province_has_on_sale(client, session):
    chiang_mai = make_enterprise(session, province_code="50")
    make_listing(session, enterprise=chiang_mai)
    make_listing(session, enterprise=chiang_mai)
    make_listing(session, enterprise=chiang_mai, status=ListingStatus.DRAFT)
    make_listing(session, enterprise=make_enterprise(session, province_code="50", status=EnterpriseStatus.PENDING))
    make_listing(session, enterprise=make_enterprise(session, province_code="30"))

    text = page(client, "/provinces?lang=en")

    def count_of(code: str) -> str:
        item = text[text.index(f'href="/provinces/{code}"'):]
        return item[:item.index("</li>")]

    assert "2 listings" in count_of("50")
    assert "1 listing" in count_of("30")
    assert "Nothing on sale yet" in count_of("83")


# -- a province ----------------------------------------------------------------------------------

def test_a_province_shows_its_names_region_and_company(client, session):
    company = company_of(session, "50")
    company.phone, company.email, company.address = "053 123 456", "cm@pracharath.example", "ถนนโชตนา เชียงใหม่"
    session.flush()

    text = page(client, "/provinces/50?lang=en")

    assert "<h1" in text and "Chiang Mai</h1>" in text
    assert "เชียงใหม่" in text
    assert "Northern Thailand" in text
    assert company.name_th in text and company.name_en in text
    assert 'href="tel:053123456"' in text and "cm@pracharath.example" in text and "ถนนโชตนา เชียงใหม่" in text
    assert "Active" in text
    assert "served by the national company" not in text
    assert national_company(session).name_th not in text


def test_an_inactive_company_says_the_national_company_serves_the_province(client, session):
    company = company_of(session, "58")
    company.active = False
    national = national_company(session)
    national.phone = "02 111 2222"
    session.flush()

    text = page(client, "/provinces/58?lang=en")

    assert company.name_th in text
    assert "Not active" in text
    assert "Orders from Mae Hong Son are served by the national company for now." in text
    assert national.name_th in text
    assert 'href="tel:021112222"' in text


def test_the_thai_page_leads_with_the_thai_name(client, session):
    text = page(client, "/provinces/50?lang=th")

    assert "เชียงใหม่</h1>" in text
    assert 'lang="en">Chiang Mai</p>' in text


def test_a_province_shows_only_its_own_visible_listings(client, session):
    here = make_enterprise(session, province_code="30")
    shown = [make_listing(session, enterprise=here, title_th="ผ้าไหมปักธงชัย")]
    make_listing(session, enterprise=here, status=ListingStatus.DRAFT)
    make_listing(session, enterprise=make_enterprise(session, province_code="30", status=EnterpriseStatus.SUSPENDED))
    make_listing(session, enterprise=make_enterprise(session, province_code="50"))

    text = page(client, "/provinces/30")

    assert [int(found) for found in CARD.findall(text)] == [listing.id for listing in shown]
    assert 'href="/listings?province=30"' in text


def test_a_province_lists_its_approved_enterprises(client, session):
    approved = make_enterprise(session, province_code="30", name_th="กลุ่มทอผ้าไหมบ้านโนนกุ่ม", otop_stars=4)
    make_enterprise(session, province_code="30", status=EnterpriseStatus.PENDING, name_th="กลุ่มรออนุมัติ")
    make_enterprise(session, province_code="30", status=EnterpriseStatus.SUSPENDED, name_th="กลุ่มถูกระงับ")
    make_enterprise(session, province_code="50", name_th="กลุ่มเชียงใหม่")

    text = page(client, "/provinces/30?lang=en")

    assert [int(found) for found in ENTERPRISE.findall(text)] == [approved.id]
    assert "กลุ่มทอผ้าไหมบ้านโนนกุ่ม" in text
    assert "OTOP 4 stars" in text
    for hidden in ("กลุ่มรออนุมัติ", "กลุ่มถูกระงับ", "กลุ่มเชียงใหม่"):
        assert hidden not in text


def test_an_empty_province_says_so(client, session):
    text = page(client, "/provinces/96?lang=en")

    assert "Nothing from Narathiwat is on sale at the moment." in text
    assert "No community enterprise of Narathiwat has joined yet." in text


def test_listings_and_enterprises_are_paged_by_cursor(client, session, monkeypatch):
    monkeypatch.setattr(catalog_views, "PROVINCE_LISTINGS_PAGE_SIZE", 2)
    monkeypatch.setattr(catalog_views, "PROVINCE_ENTERPRISES_PAGE_SIZE", 2)
    enterprises = [make_enterprise(session, province_code="52", name_th=f"กลุ่ม {n}") for n in range(5)]
    listings = [make_listing(session, enterprise=enterprises[n % 5]) for n in range(5)]

    walked_listings = walk(client, "/provinces/52", CARD, "more-listings")
    walked_enterprises = walk(client, "/provinces/52", ENTERPRISE, "more-enterprises")

    assert sorted(walked_listings) == sorted(listing.id for listing in listings)
    assert len(walked_listings) == len(set(walked_listings))
    assert walked_enterprises == [enterprise.id for enterprise in enterprises]  # by Thai name


def test_a_broken_page_link_gets_a_message(client, session):
    text = page(client, "/provinces/50?lang=en&cursor=garbage", 422)

    assert "That page link is no longer valid." in text
    assert 'href="/provinces/50">First page</a>' in text


@pytest.mark.parametrize("code", ["99", "00", "5", "500", "abc", "๕๐"])
def test_an_unknown_province_is_a_404_page(client, code):
    text = page(client, f"/provinces/{code}?lang=en", 404)

    assert "Page not found" in text


def test_a_province_page_costs_the_same_queries_for_2_or_20_listings(app, client, session):
    def selects() -> int:
        statements = []

        def count(_conn, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("SELECT"):
                statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get("/provinces/50").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    def add(count: int) -> None:
        for n in range(count):
            enterprise = make_enterprise(session, province_code="50", otop_stars=n % 5 + 1)
            listing = make_listing(session, enterprise=enterprise)
            make_review(session, listing, 4)

    add(2)
    two = selects()
    add(18)

    assert selects() == two
