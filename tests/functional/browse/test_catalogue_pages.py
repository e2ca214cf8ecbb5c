"""The catalogue page /listings: filters from its form (prices in baht), sorts, keyset
pages, clear messages for bad filters, and a number of queries that does not grow with
the number of listings shown."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from sqlalchemy import event

from marketplace.catalog.models import ListingImage, ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.extensions import db
from marketplace.storefront import views as catalog_views
from tests.factories import category, make_enterprise, make_listing, make_review
from tests.sql import selects_for

CATALOGUE = "/listings"
START = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
CARD = re.compile(r'class="card-link" href="/listings/(\d+)"')
NEXT = re.compile(r'rel="next" href="([^"]+)"')


def at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def page(client, url: str, status: int = 200, **params) -> str:
    response = client.get(url, query_string=params or None)
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def shown(text: str) -> list[int]:
    """The listing ids of the cards on a page, in order."""
    return [int(found) for found in CARD.findall(text)]


def next_link(text: str) -> str | None:
    found = NEXT.search(text)
    return html_lib.unescape(found.group(1)) if found else None


def walk(client, url: str) -> tuple[list[int], int]:
    """Every listing id over all pages from ``url`` by following the "next page" links."""
    seen, pages = [], 0
    while url:
        text = page(client, url)
        pages += 1
        seen += shown(text)
        url = next_link(text)
    return seen, pages


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(catalog_views, "CATALOGUE_PAGE_SIZE", 2)


# -- what is shown -------------------------------------------------------------------------------

def test_the_catalogue_shows_only_visible_listings(client, session):
    approved = make_enterprise(session)
    visible = make_listing(session, enterprise=approved, title_th="น้ำพริกตาแดง")
    make_listing(session, enterprise=approved, status=ListingStatus.DRAFT)
    make_listing(session, enterprise=approved, status=ListingStatus.ARCHIVED)
    make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.PENDING))
    make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED))

    text = page(client, CATALOGUE, lang="en")

    assert shown(text) == [visible.id]
    assert "น้ำพริกตาแดง" in text
    assert "All products and tours" in text
    assert next_link(text) is None


def test_the_filter_form_offers_every_province_by_region_and_every_category(client, session):
    text = page(client, CATALOGUE, lang="en")

    assert len(re.findall(r'<option value="\d\d"', text)) == 77
    assert '<optgroup label="Northern Thailand">' in text
    assert '<option value="50">Chiang Mai</option>' in text
    assert '<option value="textiles">Textiles and garments</option>' in text
    assert '<option value="northeast">Northeastern Thailand (Isan)</option>' in text
    assert 'name="min_price"' in text and 'name="max_price"' in text


def test_an_empty_result_says_so(client, session):
    make_listing(session, title_th="น้ำพริกหนุ่ม")

    text = page(client, CATALOGUE, lang="en", q="ไม่มีสินค้านี้")

    assert shown(text) == []
    assert "Nothing matches your search and filters." in text


# -- filters -------------------------------------------------------------------------------------

@pytest.fixture
def assorted(session):
    """Listings across provinces, regions, categories, kinds, prices and stars."""
    chiang_mai = make_enterprise(session, province_code="50", otop_stars=5)
    lampang = make_enterprise(session, province_code="52", otop_stars=3)
    korat = make_enterprise(session, province_code="30", otop_stars=4)
    phuket = make_enterprise(session, province_code="83")
    return {
        "cm_food": make_listing(session, enterprise=chiang_mai, price_satang=5000, title_th="แคบหมู"),
        "cm_silk": make_listing(session, enterprise=chiang_mai, category=category(session, "textiles"),
                                price_satang=250000, title_th="ผ้าไหมยกดอก"),
        "lampang_bowl": make_listing(session, enterprise=lampang, category=category(session, "souvenirs"),
                                     price_satang=30000, title_th="ชามตราไก่"),
        "korat_silk": make_listing(session, enterprise=korat, category=category(session, "textiles"),
                                   price_satang=180000, title_th="ผ้าไหมปักธงชัย"),
        "korat_tour": make_listing(session, enterprise=korat, kind=ListingKind.TOUR, price_satang=90000,
                                   title_th="เที่ยวชุมชนทอผ้า"),
        "phuket_tour": make_listing(session, enterprise=phuket, kind=ListingKind.TOUR, price_satang=150000,
                                    title_th="ล่องเรือป่าชายเลน"),
    }


def expect(assorted, *names) -> set[int]:
    return {assorted[name].id for name in names}


@pytest.mark.parametrize(("params", "names"), [
    ({"province": "50"}, ("cm_food", "cm_silk")),
    ({"province": "30"}, ("korat_silk", "korat_tour")),
    ({"province": "10"}, ()),
    ({"region": "north"}, ("cm_food", "cm_silk", "lampang_bowl")),
    ({"region": "south"}, ("phuket_tour",)),
    ({"category": "textiles"}, ("cm_silk", "korat_silk")),
    ({"kind": "tour"}, ("korat_tour", "phuket_tour")),
    ({"kind": "product"}, ("cm_food", "cm_silk", "lampang_bowl", "korat_silk")),
    ({"min_price": "900"}, ("cm_silk", "korat_silk", "korat_tour", "phuket_tour")),
    ({"max_price": "300"}, ("cm_food", "lampang_bowl")),
    ({"min_price": "300", "max_price": "1,500"}, ("lampang_bowl", "korat_tour", "phuket_tour")),
    ({"max_price": "๓๐๐"}, ("cm_food", "lampang_bowl")),  # Thai digits
    ({"stars": "4"}, ("cm_food", "cm_silk", "korat_silk", "korat_tour")),
    ({"stars": "5"}, ("cm_food", "cm_silk")),
    ({"q": "ผ้าไหม"}, ("cm_silk", "korat_silk")),
    ({"q": "ผ้าไหม", "region": "northeast"}, ("korat_silk",)),
    ({"region": "north", "category": "textiles"}, ("cm_silk",)),
    ({"kind": "tour", "max_price": "1000"}, ("korat_tour",)),
])
def test_each_filter_narrows_the_catalogue(client, assorted, params, names):
    assert set(shown(page(client, CATALOGUE, **params))) == expect(assorted, *names)


def test_without_filters_every_visible_listing_is_shown(client, assorted):
    assert set(shown(page(client, CATALOGUE))) == expect(assorted, *assorted)


def test_prices_are_baht_to_the_satang(client, session):
    listing = make_listing(session, price_satang=125050)

    assert shown(page(client, CATALOGUE, max_price="1,250.50")) == [listing.id]
    assert shown(page(client, CATALOGUE, max_price="1250.49")) == []
    assert shown(page(client, CATALOGUE, min_price="1250.5")) == [listing.id]
    assert shown(page(client, CATALOGUE, min_price="1250.51")) == []


def test_the_form_keeps_the_chosen_filters(client, assorted):
    text = page(client, CATALOGUE, q="ผ้าไหม", province="30", min_price="1,000", sort="price_desc")

    assert 'value="ผ้าไหม"' in text
    assert '<option value="30" selected>' in text
    assert 'value="1,000"' in text
    assert '<option value="price_desc" selected>' in text


def test_a_chosen_province_names_the_page(client, assorted):
    assert "Products and tours from Nakhon Ratchasima" in page(client, CATALOGUE, province="30", lang="en")
    assert "Results for “ผ้าไหม”" in page(client, CATALOGUE, q="ผ้าไหม", lang="en")


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"province": "99"}, "province", "Choose from the list."),
    ({"province": "5"}, "province", "Choose from the list."),
    ({"region": "middle-earth"}, "region", "Choose from the list."),
    ({"category": "weapons"}, "category", "Choose from the list."),
    ({"kind": "service"}, "kind", "Choose products or community tours."),
    ({"min_price": "cheap"}, "min_price", "Enter an amount in baht, such as 120 or 120.50."),
    ({"max_price": "-5"}, "max_price", "Enter an amount in baht, such as 120 or 120.50."),
    ({"max_price": "1.234"}, "max_price", "Enter an amount in baht, such as 120 or 120.50."),
    ({"max_price": "999999999999"}, "max_price", "The amount is too large."),
    ({"min_price": "500", "max_price": "100"}, "max_price", "The highest price cannot be below the lowest."),
    ({"stars": "6"}, "stars", "Choose from 1 to 5 OTOP stars."),
    ({"stars": "many"}, "stars", "Choose from 1 to 5 OTOP stars."),
    ({"sort": "popular"}, "sort", "Choose from the list."),
    ({"q": "ก" * 101}, "q", "Search for at most 100 characters."),
])
def test_a_bad_filter_gets_a_clear_message_next_to_it(client, assorted, params, field, message):
    text = page(client, CATALOGUE, 422, lang="en", **params)

    assert "Some filters are not valid." in text
    assert f'<p class="field-error" id="filter-{field}-error">{message}</p>' in text
    assert re.search(rf'id="filter-{field}"[^>]*aria-invalid="true"', text)
    assert shown(text) == []


def test_every_bad_filter_is_named_at_once_and_the_input_kept(client, session):
    text = page(client, CATALOGUE, 422, lang="en", min_price="abc", stars="9", province="00")

    assert text.count('class="field-error"') == 3
    assert 'value="abc"' in text


def test_a_broken_page_link_gets_a_message_and_a_way_back(client, assorted):
    text = page(client, CATALOGUE, 422, lang="en", cursor="not-a-cursor", kind="tour")

    assert "That page link is no longer valid. Start again from the first page." in text
    assert 'href="/listings?kind=tour">First page</a>' in text


# -- sorts and pages -----------------------------------------------------------------------------

@pytest.fixture
def priced(session):
    """Five listings with distinct creation times; two share a price to test ties."""
    enterprise = make_enterprise(session)
    return [
        make_listing(session, enterprise=enterprise, price_satang=price, created_at=at(minutes))
        for price, minutes in [(30000, 1), (10000, 5), (20000, 3), (20000, 2), (50000, 4)]
    ]


def test_newest_first(client, priced):
    newest = sorted(priced, key=lambda listing: listing.created_at, reverse=True)

    assert shown(page(client, CATALOGUE, sort="newest")) == [listing.id for listing in newest]
    assert shown(page(client, CATALOGUE)) == [listing.id for listing in newest]  # relevance without words


def test_price_both_ways(client, priced):
    by_id = {listing.id: listing.price_satang for listing in priced}

    cheapest = shown(page(client, CATALOGUE, sort="price_asc"))
    dearest = shown(page(client, CATALOGUE, sort="price_desc"))

    assert [by_id[i] for i in cheapest] == [10000, 20000, 20000, 30000, 50000]
    assert [by_id[i] for i in dearest] == [50000, 30000, 20000, 20000, 10000]


def test_relevance_puts_title_matches_first(client, session):
    older_in_title = make_listing(session, title_th="ผ้าไหมแพรวา", created_at=at(1))
    newer_in_text = make_listing(session, title_th="ผ้าพันคอ", description_th="ทอจากผ้าไหมแท้", created_at=at(9))

    assert shown(page(client, CATALOGUE, q="ผ้าไหม")) == [older_in_title.id, newer_in_text.id]
    assert shown(page(client, CATALOGUE, q="ผ้าไหม", sort="newest")) == [newer_in_text.id, older_in_title.id]


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
def test_next_page_links_walk_every_listing_exactly_once(client, priced, small_pages, sort):
    whole = shown(page(client, f"{CATALOGUE}?sort={sort}"))
    assert len(whole) == 2

    walked, pages = walk(client, f"{CATALOGUE}?sort={sort}")

    assert len(walked) == len(set(walked)) == len(priced)
    assert walked[:2] == whole
    assert pages == 3


def test_next_page_links_keep_the_filters(client, session, small_pages):
    north = make_enterprise(session, province_code="50")
    silk = [make_listing(session, enterprise=north, title_th=f"ผ้าไหม {n}", price_satang=100000 + n,
                         created_at=at(n)) for n in range(5)]
    make_listing(session, enterprise=north, title_th="ผ้าไหม แพง", price_satang=900000)
    make_listing(session, enterprise=make_enterprise(session, province_code="30"), title_th="ผ้าไหม โคราช")
    make_listing(session, enterprise=north, title_th="แคบหมู")

    first = page(client, CATALOGUE, q="ผ้าไหม", province="50", max_price="2,000", sort="price_asc")
    link = next_link(first)
    walked, _pages = walk(client, f"{CATALOGUE}?q=ผ้าไหม&province=50&max_price=2,000&sort=price_asc")

    assert "cursor=" in link and "province=50" in link and "max_price=2,000" in link
    assert walked == [listing.id for listing in silk]


def test_the_pages_never_skip_rows_by_offset(app, client, priced, small_pages):
    """Later pages start after the cursor's values. (SQLite's dialect always writes
    ``LIMIT ? OFFSET ?``: the offset it binds must stay 0.)"""
    offsets = []
    statements = []

    def record(_conn, _cursor, statement, parameters, *_args):
        statements.append(statement)
        if "OFFSET" in statement.upper():
            offsets.append(parameters[-1] if isinstance(parameters, (list, tuple)) else statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        walk(client, CATALOGUE)
    finally:
        event.remove(engine, "before_cursor_execute", record)

    assert statements
    assert set(offsets) <= {0}


# -- cost ----------------------------------------------------------------------------------------

def add_listings(session, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        enterprise = make_enterprise(session, province_code=("50", "30", "83", "10")[n % 4], otop_stars=n % 5 + 1)
        listing = make_listing(session, enterprise=enterprise, title_th=f"ผ้าไหม {n}")
        session.add(ListingImage(listing=listing, large_key=f"{n}.webp", thumb_key=f"{n}-t.webp", width=800,
                                 height=600))
        session.flush()
        make_review(session, listing, n % 5 + 1)


@pytest.mark.parametrize("url", [CATALOGUE, f"{CATALOGUE}?q=ผ้าไหม&sort=price_asc", f"{CATALOGUE}?region=north"])
def test_a_page_costs_the_same_queries_for_2_or_20_listings(app, client, session, url):
    add_listings(session, 2)
    two = selects_for(app, client, url)
    add_listings(session, 18, start=2)
    assert len(shown(client.get(url).get_data(as_text=True))) >= 5

    twenty = selects_for(app, client, url)

    assert twenty == two
    assert two <= 6  # provinces, categories, the page, its photos, its ratings
