"""The producer's listing pages: dashboard, new and edit forms, status buttons, and that
another producer can reach none of them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing, ListingKind, ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from tests.factories import listing_row, make_enterprise, make_listing, make_order, make_user, sign_in

PRODUCT_FORM = {
    "category": "textiles", "title_th": "ผ้าซิ่นตีนจก", "title_en": "", "description_th": "ทอมือจากแม่แจ่ม",
    "description_en": "", "price": "1,250.50", "stock": "8", "low_stock_threshold": "2",
}
TOUR_FORM = {
    "category": "community-tourism", "title_th": "เดินป่าดอยหลวง", "title_en": "Doi Luang trek",
    "description_th": "เดินป่าครึ่งวันกับปราชญ์ชุมชน", "description_en": "", "price": "650",
    "duration_hours": "5", "max_group": "12", "meeting_point": "ศาลากลางบ้าน",
}


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,), name_th="กลุ่มทอผ้าแม่แจ่ม")


@pytest.fixture
def signed_in(client, producer, enterprise):
    sign_in(client, producer)
    return client


def listing_count(session) -> int:
    return session.scalar(select(func.count(Listing.id)))


def new_url(enterprise, kind: str = "product") -> str:
    return f"/producer/listings/new?enterprise={enterprise.id}&kind={kind}&lang=en"


def newest_listing(session) -> Listing:
    return session.scalar(select(Listing).order_by(Listing.id.desc()).limit(1))


# -- dashboard -----------------------------------------------------------------------------------

def test_the_pages_need_a_signed_in_user(client, session):
    listing = make_listing(session)

    for url in ("/producer/", f"/producer/listings/{listing.id}/edit", "/producer/listings/new"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    assert client.post(f"/producer/listings/{listing.id}/archive").status_code == 302
    assert listing_row(session, listing.id)["status"] is ListingStatus.ACTIVE


def test_the_dashboard_shows_enterprises_listings_and_low_stock(signed_in, session, producer, enterprise):
    low = make_listing(session, enterprise=enterprise, title_th="น้ำพริกหนุ่ม", stock=2, low_stock_threshold=5,
                       price_satang=8950)
    plenty = make_listing(session, enterprise=enterprise, title_th="แคบหมู", stock=50)
    draft = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, status=ListingStatus.DRAFT,
                         title_th="เที่ยวสวนชา")
    pending = make_enterprise(session, members=(producer,), status=EnterpriseStatus.PENDING, name_th="กลุ่มใหม่")
    others = make_listing(session, title_th="ของคนอื่น")

    response = signed_in.get("/producer/?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for text in ("กลุ่มทอผ้าแม่แจ่ม", "กลุ่มใหม่", "Waiting for approval", "Approved", "น้ำพริกหนุ่ม", "แคบหมู",
                 "เที่ยวสวนชา", "฿89.50", "Low stock: 2 left", "1 product is low on stock"):
        assert text in html, text
    assert "ของคนอื่น" not in html
    for listing in (low, plenty, draft):
        assert f"/producer/listings/{listing.id}/edit" in html
    assert f"/producer/listings/{draft.id}/publish" in html
    assert f"/producer/listings/{low.id}/unpublish" in html
    assert f"/producer/listings/new?enterprise={pending.id}&amp;kind=tour" in html
    assert f"/producer/listings/{others.id}/" not in html


def test_the_dashboard_of_a_user_without_an_enterprise_says_so(client, session):
    sign_in(client, make_user(session))

    response = client.get("/producer/?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "You do not manage a community enterprise yet" in html
    if "enterprises.new" in client.application.view_functions:
        assert 'href="/producer/enterprises/new"' in html


# -- creating ------------------------------------------------------------------------------------

def test_a_product_is_created_from_baht_text(signed_in, session, enterprise):
    page = signed_in.get(new_url(enterprise))
    assert page.status_code == 200
    assert 'name="price"' in page.get_data(as_text=True)

    response = signed_in.post(new_url(enterprise), data=PRODUCT_FORM | {"action": "draft"})

    assert response.status_code == 302
    listing = newest_listing(session)
    assert response.headers["Location"] == f"/producer/listings/{listing.id}/edit"
    row = listing_row(session, listing.id)
    assert row["enterprise_id"] == enterprise.id
    assert row["kind"] is ListingKind.PRODUCT
    assert row["status"] is ListingStatus.DRAFT
    assert row["price_satang"] == 125050
    assert (row["stock"], row["low_stock_threshold"]) == (8, 2)
    assert row["title_en"] is None


def test_a_tour_is_created_and_published_at_once(signed_in, session, enterprise):
    response = signed_in.post(new_url(enterprise, "tour"), data=TOUR_FORM | {"action": "publish"})

    assert response.status_code == 302
    row = listing_row(session, newest_listing(session).id)
    assert row["kind"] is ListingKind.TOUR
    assert row["status"] is ListingStatus.ACTIVE
    assert row["price_satang"] == 65000
    assert (row["stock"], row["duration_hours"], row["max_group"]) == (None, 5, 12)
    assert row["meeting_point"] == "ศาลากลางบ้าน"
    assert signed_in.get(f"/listings/{row['id']}").status_code == 200


@pytest.mark.parametrize(("kind", "changes", "field_error"), [
    ("product", {"title_th": "  "}, "This is required."),
    ("product", {"price": "12.345"}, "Enter an amount in baht, such as 120 or 120.50."),
    ("product", {"price": "-5"}, "Enter an amount in baht, such as 120 or 120.50."),
    ("product", {"price": ""}, "This is required."),
    ("product", {"price": "2,000,000"}, "Enter a price from ฿0.00 to ฿1,000,000.00."),
    ("product", {"stock": "-1"}, "Enter a whole number from 0 to 1000000."),
    ("product", {"stock": "many"}, "Enter a whole number, such as 12."),
    ("product", {"category": "community-tourism"}, "Choose a product category."),
    ("product", {"category": "no-such-thing"}, "Choose a category from the list."),
    ("tour", {"duration_hours": ""}, "This is required."),
    ("tour", {"max_group": "0"}, "Enter a whole number from 1 to 1000."),
    ("tour", {"category": "food"}, "Choose a tour category."),
])
def test_an_invalid_form_is_shown_again_and_writes_nothing(signed_in, session, enterprise, kind, changes,
                                                           field_error):
    before = listing_count(session)
    data = (PRODUCT_FORM if kind == "product" else TOUR_FORM) | changes

    response = signed_in.post(new_url(enterprise, kind), data=data)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert field_error in html
    assert 'class="field-error"' in html
    assert listing_count(session) == before
    kept = changes.get("price") or data["description_th"]
    assert kept in html  # what was typed is kept


def test_every_problem_is_named_at_once(signed_in, session, enterprise):
    data = PRODUCT_FORM | {"title_th": "", "price": "12.345", "stock": "x", "category": "community-tourism"}

    response = signed_in.post(new_url(enterprise), data=data)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for message in ("This is required.", "Enter an amount in baht, such as 120 or 120.50.",
                    "Enter a whole number, such as 12.", "Choose a product category."):
        assert html.count(message) == 1, message
    assert 'value="12.345"' in html and 'value="x"' in html


def test_a_stock_sent_with_a_tour_is_not_taken(signed_in, session, enterprise):
    response = signed_in.post(new_url(enterprise, "tour"), data=TOUR_FORM | {"stock": "9"})

    assert response.status_code == 302
    assert listing_row(session, newest_listing(session).id)["stock"] is None


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_an_enterprise_that_is_not_approved_saves_drafts_only(client, session, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    sign_in(client, producer)
    before = listing_count(session)

    page = client.get(new_url(enterprise)).get_data(as_text=True)
    assert 'value="publish"' not in page
    response = client.post(new_url(enterprise), data=PRODUCT_FORM | {"action": "publish"})

    assert response.status_code == 409
    assert "is not approved" in response.get_data(as_text=True)
    assert listing_count(session) == before
    assert client.post(new_url(enterprise), data=PRODUCT_FORM | {"action": "draft"}).status_code == 302
    assert listing_row(session, newest_listing(session).id)["status"] is ListingStatus.DRAFT


def test_an_unknown_kind_is_not_found(signed_in, enterprise):
    assert signed_in.get(f"/producer/listings/new?enterprise={enterprise.id}&kind=service").status_code == 404


def test_the_only_enterprise_is_taken_when_none_is_named(signed_in, session, enterprise):
    response = signed_in.post("/producer/listings/new?kind=product", data=PRODUCT_FORM)

    assert response.status_code == 302
    assert newest_listing(session).enterprise_id == enterprise.id


# -- editing and status --------------------------------------------------------------------------

def test_the_edit_page_shows_the_listing_with_its_links(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, price_satang=125050, title_th="ผ้าคลุมไหล่")

    response = signed_in.get(f"/producer/listings/{listing.id}/edit?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="1,250.50"' in html
    assert "ผ้าคลุมไหล่" in html
    assert f'href="/listings/{listing.id}"' in html
    for action in ("unpublish", "archive", "delete"):
        assert f'action="/producer/listings/{listing.id}/{action}"' in html
    if "photos.index" in signed_in.application.view_functions:
        assert f'href="/producer/listings/{listing.id}/photos"' in html


def test_a_tours_edit_page_links_its_dates(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, price_satang=45000)

    response = signed_in.get(f"/producer/listings/{listing.id}/edit?lang=en")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="450.00"' in html
    assert 'name="duration_hours"' in html and 'name="stock"' not in html
    if "slots.index" in signed_in.application.view_functions:
        assert f'href="/producer/listings/{listing.id}/slots"' in html


def test_editing_saves_the_changes(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, stock=3)

    data = PRODUCT_FORM | {"title_en": "Tube skirt", "price": "99", "stock": "30"}
    response = signed_in.post(f"/producer/listings/{listing.id}/edit", data=data)

    assert response.status_code == 302
    row = listing_row(session, listing.id)
    assert (row["title_th"], row["title_en"], row["price_satang"], row["stock"]) == (
        "ผ้าซิ่นตีนจก", "Tube skirt", 9900, 30
    )
    assert row["status"] is ListingStatus.ACTIVE  # saving never changes the status


def test_an_invalid_edit_changes_nothing(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise)
    before = listing_row(session, listing.id)

    response = signed_in.post(f"/producer/listings/{listing.id}/edit?lang=en",
                              data=PRODUCT_FORM | {"title_th": "ชื่อใหม่", "price": "12.345"})

    assert response.status_code == 422
    assert "ชื่อใหม่" in response.get_data(as_text=True)
    assert listing_row(session, listing.id) == before


def test_the_status_buttons(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    url = f"/producer/listings/{listing.id}"

    assert signed_in.post(f"{url}/publish").headers["Location"] == f"{url}/edit"
    assert listing_row(session, listing.id)["status"] is ListingStatus.ACTIVE
    assert signed_in.post(f"{url}/unpublish", data={"next": "/producer/"}).headers["Location"] == "/producer/"
    assert listing_row(session, listing.id)["status"] is ListingStatus.DRAFT
    assert signed_in.post(f"{url}/unpublish", data={"next": "https://evil.test/"}).headers["Location"] == (
        f"{url}/edit"
    )
    assert signed_in.post(f"{url}/archive").status_code == 302
    assert listing_row(session, listing.id)["status"] is ListingStatus.ARCHIVED

    response = signed_in.post(f"{url}/publish?lang=en")
    assert response.status_code == 409
    assert "goes back to draft" in response.get_data(as_text=True)
    assert listing_row(session, listing.id)["status"] is ListingStatus.ARCHIVED


def test_an_archived_listing_leaves_the_storefront(signed_in, client, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, title_th="หมอนขิดโบราณ")
    assert "หมอนขิดโบราณ" in client.get("/").get_data(as_text=True)

    signed_in.post(f"/producer/listings/{listing.id}/archive")
    signed_in.post("/logout")

    assert "หมอนขิดโบราณ" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/listings/{listing.id}").status_code == 404
    assert client.get(f"/api/v1/listings/{listing.id}").status_code == 404


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_publishing_for_an_enterprise_that_is_not_approved_is_refused(client, session, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    sign_in(client, producer)

    response = client.post(f"/producer/listings/{listing.id}/publish?lang=en")

    assert response.status_code == 409
    assert "is not approved" in response.get_data(as_text=True)
    assert listing_row(session, listing.id)["status"] is ListingStatus.DRAFT


def test_a_listing_never_ordered_is_deleted(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise)

    response = signed_in.post(f"/producer/listings/{listing.id}/delete")

    assert response.status_code == 302
    assert response.headers["Location"] == "/producer/"
    assert listing_row(session, listing.id) is None


def test_an_ordered_listing_cannot_be_deleted(signed_in, session, enterprise):
    listing = make_listing(session, enterprise=enterprise)
    make_order(session, items=[(listing, 1)])
    before = listing_row(session, listing.id)

    page = signed_in.get(f"/producer/listings/{listing.id}/edit?lang=en").get_data(as_text=True)
    assert f'action="/producer/listings/{listing.id}/delete"' not in page
    response = signed_in.post(f"/producer/listings/{listing.id}/delete?lang=en")

    assert response.status_code == 409
    assert "Archive it instead" in response.get_data(as_text=True)
    assert listing_row(session, listing.id) == before


# -- another producer ----------------------------------------------------------------------------

WRITE_ROUTES = [
    ("edit", PRODUCT_FORM | {"title_th": "ของฉันแล้ว"}),
    ("publish", {}),
    ("unpublish", {}),
    ("archive", {}),
    ("delete", {}),
]


@pytest.mark.parametrize("status", [ListingStatus.ACTIVE, ListingStatus.DRAFT])
@pytest.mark.parametrize(("action", "data"), WRITE_ROUTES)
def test_another_producer_gets_404_on_every_write_and_nothing_changes(client, session, enterprise, action, data,
                                                                      status):
    listing = make_listing(session, enterprise=enterprise, status=status)
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    sign_in(client, stranger)
    before = listing_row(session, listing.id)

    response = client.post(f"/producer/listings/{listing.id}/{action}", data=data)

    assert response.status_code == 404
    assert listing_row(session, listing.id) == before


def test_another_producer_cannot_see_the_edit_page(client, session, enterprise):
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT, title_th="สูตรลับ")
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    sign_in(client, stranger)

    response = client.get(f"/producer/listings/{listing.id}/edit")

    assert response.status_code == 404
    assert "สูตรลับ" not in response.get_data(as_text=True)


def test_another_producer_cannot_create_for_an_enterprise_not_theirs(client, session, enterprise):
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    sign_in(client, stranger)
    before = listing_count(session)

    assert client.get(new_url(enterprise)).status_code == 404
    response = client.post(new_url(enterprise), data=PRODUCT_FORM | {"action": "publish"})

    assert response.status_code == 404
    assert listing_count(session) == before
