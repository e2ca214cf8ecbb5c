"""GET /listings (filters, sorts, cursor pages, search) and GET /listings/{id}."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.accounts.models import Role
from marketplace.catalog.models import ListingImage, ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import category, make_enterprise, make_listing, make_review, make_user
from tests.sql import selects_for

LISTINGS = "/api/v1/listings"
START = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def walk(client, query: str, limit: int = 2) -> tuple[list[int], int]:
    """Every id over all pages of ``query``, and how many pages it took."""
    seen, cursor, pages = [], None, 0
    while True:
        url = f"{LISTINGS}?{query}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).get_json()
        pages += 1
        assert len(body["items"]) <= limit
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


# -- what is visible -----------------------------------------------------------------------------

def test_only_active_listings_of_approved_enterprises_are_listed(client, session):
    approved = make_enterprise(session)
    shown = make_listing(session, enterprise=approved)
    make_listing(session, enterprise=approved, status=ListingStatus.DRAFT)
    make_listing(session, enterprise=approved, status=ListingStatus.ARCHIVED)
    make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.PENDING))
    make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED))

    response = client.get(LISTINGS)

    assert ids(response) == [shown.id]
    assert response.get_json()["next_cursor"] is None


def test_an_empty_catalogue_is_an_empty_page(client):
    assert client.get(LISTINGS).get_json() == {"items": [], "next_cursor": None}


def test_a_product_has_the_contract_shape(client, session):
    enterprise = make_enterprise(session, name_th="กลุ่มทอผ้าบ้านดอนหลวง", otop_stars=5)
    listing = make_listing(
        session, enterprise=enterprise, category=category(session, "textiles"), title_th="ผ้าฝ้ายทอมือ",
        title_en="Handwoven cotton", price_satang=125000, stock=7,
    )
    session.add(ListingImage(listing=listing, position=0, large_key="ab/cd.webp",
                             thumb_key="ab/cd-thumb.webp", width=1600, height=1200))
    session.flush()

    item = client.get(LISTINGS).get_json()["items"][0]

    assert item["id"] == listing.id
    assert item["kind"] == "product"
    assert item["status"] == "active"
    assert item["category"] == "textiles"
    assert item["title_th"] == "ผ้าฝ้ายทอมือ"
    assert item["title_en"] == "Handwoven cotton"
    assert item["description_th"] == listing.description_th
    assert item["price_satang"] == 125000
    assert item["currency"] == "THB"
    assert item["stock"] == 7
    assert "duration_hours" not in item and "max_group" not in item
    assert item["enterprise"] == {"id": enterprise.id, "name_th": "กลุ่มทอผ้าบ้านดอนหลวง",
                                  "province_code": "50", "otop_stars": 5}
    image = item["images"][0]
    assert set(image) == {"id", "url", "thumb_url", "width", "height"}
    assert image["url"] == "/media/ab/cd.webp"
    assert image["thumb_url"] == "/media/ab/cd-thumb.webp"
    assert (image["width"], image["height"]) == (1600, 1200)
    assert item["rating"] == {"average": None, "count": 0}


def test_a_tour_has_duration_and_group_size_but_no_stock(client, session):
    tour = make_listing(session, kind=ListingKind.TOUR, duration_hours=6, max_group=12)

    item = client.get(f"{LISTINGS}/{tour.id}").get_json()

    assert item["kind"] == "tour"
    assert item["category"] == "community-tourism"
    assert (item["duration_hours"], item["max_group"]) == (6, 12)
    assert "stock" not in item


def test_rating_is_the_average_of_product_reviews(client, session):
    listing = make_listing(session)
    make_review(session, listing, 5)
    make_review(session, listing, 4)

    assert client.get(LISTINGS).get_json()["items"][0]["rating"] == {"average": 4.5, "count": 2}
    assert client.get(f"{LISTINGS}/{listing.id}").get_json()["rating"] == {"average": 4.5, "count": 2}


def test_a_page_costs_the_same_queries_whatever_its_length(app, client, session):
    first = make_listing(session)
    session.add(ListingImage(listing=first, large_key="a.webp", thumb_key="a-t.webp", width=800, height=600))
    session.flush()
    one = selects_for(app, client, LISTINGS)
    assert 0 < one <= 3  # the page, its photos, its ratings
    for n in range(5):
        listing = make_listing(session, enterprise=make_enterprise(session, province_code="30"))
        session.add(ListingImage(listing=listing, large_key=f"{n}.webp", thumb_key=f"{n}-t.webp", width=800,
                                 height=600))
    session.flush()

    assert selects_for(app, client, LISTINGS) == one


# -- filters -------------------------------------------------------------------------------------

@pytest.fixture
def assorted(session):
    """Listings across provinces, regions, categories, kinds, prices and stars."""
    chiang_mai = make_enterprise(session, province_code="50", otop_stars=5)
    lampang = make_enterprise(session, province_code="52", otop_stars=3)
    korat = make_enterprise(session, province_code="30", otop_stars=4)
    phuket = make_enterprise(session, province_code="83")
    return {
        "cm_food": make_listing(session, enterprise=chiang_mai, price_satang=5000),
        "cm_silk": make_listing(session, enterprise=chiang_mai, category=category(session, "textiles"),
                                price_satang=250000),
        "lampang_bowl": make_listing(session, enterprise=lampang, category=category(session, "souvenirs"),
                                     price_satang=30000),
        "korat_silk": make_listing(session, enterprise=korat, category=category(session, "textiles"),
                                   price_satang=180000),
        "korat_tour": make_listing(session, enterprise=korat, kind=ListingKind.TOUR, price_satang=90000),
        "phuket_tour": make_listing(session, enterprise=phuket, kind=ListingKind.TOUR, price_satang=150000),
    }


def expect(assorted, *names) -> set[int]:
    return {assorted[name].id for name in names}


@pytest.mark.parametrize(("query", "names"), [
    ("province=50", ("cm_food", "cm_silk")),
    ("province=30", ("korat_silk", "korat_tour")),
    ("province=10", ()),
    ("region=north", ("cm_food", "cm_silk", "lampang_bowl")),
    ("region=northeast", ("korat_silk", "korat_tour")),
    ("region=south", ("phuket_tour",)),
    ("category=textiles", ("cm_silk", "korat_silk")),
    ("category=community-tourism", ("korat_tour", "phuket_tour")),
    ("kind=tour", ("korat_tour", "phuket_tour")),
    ("kind=product", ("cm_food", "cm_silk", "lampang_bowl", "korat_silk")),
    ("min_price=90000", ("cm_silk", "korat_silk", "korat_tour", "phuket_tour")),
    ("max_price=30000", ("cm_food", "lampang_bowl")),
    ("min_price=30000&max_price=150000", ("lampang_bowl", "korat_tour", "phuket_tour")),
    ("stars=4", ("cm_food", "cm_silk", "korat_silk", "korat_tour")),
    ("stars=5", ("cm_food", "cm_silk")),
    ("region=north&category=textiles", ("cm_silk",)),
    ("kind=tour&max_price=100000", ("korat_tour",)),
])
def test_each_filter_narrows_the_list(client, assorted, query, names):
    assert set(ids(client.get(f"{LISTINGS}?{query}"))) == expect(assorted, *names)


def test_without_filters_every_visible_listing_is_listed(client, assorted):
    assert set(ids(client.get(LISTINGS))) == expect(assorted, *assorted)


@pytest.mark.parametrize(("query", "field"), [
    ("province=5", "province"),
    ("province=99", "province"),
    ("category=no-such-category", "category"),
    ("min_price=50000&max_price=10000", "max_price"),
    ("region=middle-earth", "region"),
    ("kind=service", "kind"),
    ("min_price=-1", "min_price"),
    ("max_price=cheap", "max_price"),
    ("stars=6", "stars"),
    ("sort=popular", "sort"),
    ("limit=101", "limit"),
    ("limit=0", "limit"),
    ("limit=ten", "limit"),
    ("cursor=not-a-cursor", "cursor"),
    ("q=" + "ก" * 101, "q"),
])
def test_invalid_query_values_are_422_naming_the_field(client, query, field):
    response = client.get(f"{LISTINGS}?{query}")

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]


def test_limit_of_100_is_allowed(client, assorted):
    assert len(ids(client.get(f"{LISTINGS}?limit=100"))) == len(assorted)


def test_a_cursor_of_another_sort_is_refused(client, assorted):
    cursor = client.get(f"{LISTINGS}?sort=price_asc&limit=1").get_json()["next_cursor"]

    response = client.get(f"{LISTINGS}?sort=newest&limit=1&cursor={cursor}")

    assert response.status_code == 422
    assert "cursor" in response.get_json()["error"]["fields"]


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

    assert ids(client.get(f"{LISTINGS}?sort=newest")) == [listing.id for listing in newest]


def test_relevance_without_words_is_newest_first(client, priced):
    assert ids(client.get(LISTINGS)) == ids(client.get(f"{LISTINGS}?sort=newest"))


def test_cheapest_first(client, priced):
    prices = [item["price_satang"] for item in client.get(f"{LISTINGS}?sort=price_asc").get_json()["items"]]

    assert prices == [10000, 20000, 20000, 30000, 50000]
    tied = ids(client.get(f"{LISTINGS}?sort=price_asc"))[1:3]
    assert tied == sorted(tied)


def test_dearest_first(client, priced):
    prices = [item["price_satang"] for item in client.get(f"{LISTINGS}?sort=price_desc").get_json()["items"]]

    assert prices == [50000, 30000, 20000, 20000, 10000]


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
def test_cursor_pages_walk_every_listing_exactly_once(client, priced, sort):
    whole = ids(client.get(f"{LISTINGS}?sort={sort}"))

    walked, pages = walk(client, f"sort={sort}", limit=2)

    assert walked == whole
    assert len(walked) == len(set(walked)) == len(priced)
    assert pages == 3


def test_cursor_pages_of_a_search_walk_every_match_once(client, session):
    enterprise = make_enterprise(session)
    in_title = [make_listing(session, enterprise=enterprise, title_th=f"ผ้าไหม {n}", created_at=at(n))
                for n in range(3)]
    in_text = [make_listing(session, enterprise=enterprise, description_th=f"ทำจากผ้าไหม {n}",
                            created_at=at(10 + n))
               for n in range(3)]

    walked, _pages = walk(client, "q=ผ้าไหม", limit=2)

    titles_first_then_newest = [*reversed(in_title), *reversed(in_text)]
    assert walked == [listing.id for listing in titles_first_then_newest]


def test_default_page_size_is_24(client, session):
    enterprise = make_enterprise(session)
    for _ in range(25):
        make_listing(session, enterprise=enterprise)

    body = client.get(LISTINGS).get_json()

    assert len(body["items"]) == 24
    assert body["next_cursor"] is not None


# -- search --------------------------------------------------------------------------------------

def test_thai_words_are_found_inside_a_title(client, session):
    silk = make_listing(session, title_th="ผ้าไหมมัดหมี่ทอมือ")
    make_listing(session, title_th="น้ำพริกหนุ่ม", description_th="รสเผ็ดกลางๆ")

    assert ids(client.get(f"{LISTINGS}?q=ผ้าไหม")) == [silk.id]


def test_english_words_match_whatever_their_case(client, session):
    coffee = make_listing(session, title_th="กาแฟดอยช้าง", title_en="Doi Chang Arabica Coffee")

    assert ids(client.get(f"{LISTINGS}?q=arabica")) == [coffee.id]


def test_title_matches_rank_before_description_matches(client, session):
    older_in_title = make_listing(session, title_th="ผ้าไหมแพรวา", created_at=at(1))
    newer_in_text = make_listing(session, title_th="ผ้าพันคอ", description_th="ทอจากผ้าไหมแท้",
                                 created_at=at(9))

    assert ids(client.get(f"{LISTINGS}?q=ผ้าไหม")) == [older_in_title.id, newer_in_text.id]
    assert ids(client.get(f"{LISTINGS}?q=ผ้าไหม&sort=newest")) == [newer_in_text.id, older_in_title.id]


@pytest.mark.parametrize(("query", "expected"), [
    ("50%", "percent"),
    ("'", "quote"),
    ("_", "underscore"),
    ("\\", "backslash"),
])
def test_search_characters_are_data(client, session, query, expected):
    listings = {
        "percent": make_listing(session, title_th="ลด 50% ทันที"),
        "plain": make_listing(session, title_th="ลด 50 บาท", description_th="ทั่วไป"),
        "quote": make_listing(session, title_th="Grandma's chilli paste", description_th="ทั่วไป"),
        "underscore": make_listing(session, title_th="snake_case soap", description_th="ทั่วไป"),
        "backslash": make_listing(session, title_th="a\\b basket", description_th="ทั่วไป"),
    }

    response = client.get(LISTINGS, query_string={"q": query})

    assert ids(response) == [listings[expected].id]


def test_sql_in_the_search_is_only_text(client, session):
    make_listing(session, title_th="ผ้าไหม")

    response = client.get(LISTINGS, query_string={"q": "' OR 1=1 --"})

    assert ids(response) == []


# -- one listing ---------------------------------------------------------------------------------

def test_an_active_listing_is_public(client, session):
    listing = make_listing(session)

    response = client.get(f"{LISTINGS}/{listing.id}")

    assert response.status_code == 200
    assert response.get_json()["id"] == listing.id


def test_a_draft_is_hidden_from_the_public_and_shown_to_its_producers(client, session, bearer):
    producer = make_user(session)
    enterprise = make_enterprise(session, members=(producer,))
    draft = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    stranger = make_user(session)
    other_producer = make_user(session)
    make_enterprise(session, members=(other_producer,))

    assert client.get(f"{LISTINGS}/{draft.id}").status_code == 404
    assert client.get(f"{LISTINGS}/{draft.id}", headers=bearer(stranger)).status_code == 404
    assert client.get(f"{LISTINGS}/{draft.id}", headers=bearer(other_producer)).status_code == 404
    own = client.get(f"{LISTINGS}/{draft.id}", headers=bearer(producer))
    assert own.status_code == 200
    assert own.get_json()["status"] == "draft"
    assert draft.id not in ids(client.get(LISTINGS, headers=bearer(producer)))


def test_the_hidden_answer_is_the_same_as_for_a_missing_listing(client, session):
    draft = make_listing(session, status=ListingStatus.DRAFT)

    hidden = client.get(f"{LISTINGS}/{draft.id}")
    missing = client.get(f"{LISTINGS}/{draft.id + 100000}")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_json() == missing.get_json()


def test_the_listings_of_a_suspended_enterprise_are_hidden(client, session):
    listing = make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED))

    assert client.get(f"{LISTINGS}/{listing.id}").status_code == 404


def test_an_archived_listing_is_hidden_from_staff_of_other_roles(client, session, bearer):
    archived = make_listing(session, status=ListingStatus.ARCHIVED)
    admin = make_user(session, role=Role.ADMIN)

    assert client.get(f"{LISTINGS}/{archived.id}", headers=bearer(admin)).status_code == 404


def test_a_dead_token_is_401_even_on_a_public_listing(client, session):
    listing = make_listing(session)

    response = client.get(f"{LISTINGS}/{listing.id}", headers={"Authorization": "Bearer no-such-token"})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"
