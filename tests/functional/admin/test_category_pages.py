"""/admin/categories: the national admin adds, renames, retires and restores categories;
a retired one takes no new listings on the producer pages nor through the API, while
its listings keep it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog import categories as rules
from marketplace.catalog.models import Category, Listing, ListingStatus
from tests.factories import category, make_enterprise, make_listing, make_staff, make_user, sign_in

NOW = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)
THAI = {"Accept-Language": "th"}
ENGLISH = {"Accept-Language": "en"}
NEW = {"slug": "rice-products", "name_th": "ผลิตภัณฑ์จากข้าว", "name_en": "Rice products", "kind": "product",
       "position": ""}


@pytest.fixture
def admin(session):
    return make_user(session, role=Role.ADMIN)


@pytest.fixture
def as_admin(client, admin):
    sign_in(client, admin)
    return client


def text_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def trail(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def category_count(session) -> int:
    return session.scalar(select(func.count(Category.id)))


def retire(session, admin, slug: str) -> Category:
    return rules.retire_category(session, admin, category(session, slug), now=NOW)


# -- the admin's pages --------------------------------------------------------------------------

def test_the_admin_sees_every_category_with_its_listings_and_whether_it_is_retired(as_admin, session, admin):
    make_listing(session, category=category(session, "textiles"))
    make_listing(session, category=category(session, "textiles"), status=ListingStatus.DRAFT)
    retire(session, admin, "herbal")

    html = text_of(as_admin.get("/admin/categories", headers=ENGLISH))

    for text in ("food", "อาหาร", "Food", "community-tourism", "Community tours",
                 '2<br><span class="muted">1 on sale', "Retired", "In use", "Add a category"):
        assert text in html, text
    assert 'href="/admin/categories"' in text_of(as_admin.get("/admin/"))


def test_the_categories_page_speaks_thai(as_admin):
    html = text_of(as_admin.get("/admin/categories", headers=THAI))
    assert "หมวดหมู่" in html and "เพิ่มหมวดหมู่" in html


def test_the_admin_adds_a_category_and_producers_can_use_it(as_admin, session, admin):
    response = as_admin.post("/admin/categories", data=NEW, headers=ENGLISH)

    assert response.status_code == 302 and response.headers["Location"] == "/admin/categories"
    added = category(session, "rice-products")
    assert (added.name_th, added.name_en, added.kind.value) == ("ผลิตภัณฑ์จากข้าว", "Rice products", "product")
    [entry] = trail(session, "category.created")
    assert entry.actor_id == admin.id and entry.subject_id == added.id
    assert "Rice products" in text_of(as_admin.get("/admin/categories", headers=ENGLISH))
    assert "rice-products" in text_of(as_admin.get("/api/v1/categories"))


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"slug": "food"}, "slug", "มีอีกหมวดหมู่หนึ่งใช้ slug นี้อยู่แล้ว"),
    ({"slug": "Rice Products"}, "slug", "ตัวอักษรภาษาอังกฤษพิมพ์เล็ก"),
    ({"slug": ""}, "slug", "กรุณากรอกข้อมูลนี้"),
    ({"name_th": "  "}, "name_th", "กรุณากรอกข้อมูลนี้"),
    ({"name_en": ""}, "name_en", "กรุณากรอกข้อมูลนี้"),
    ({"kind": "boat"}, "kind", "กรุณาเลือกสินค้าหรือทัวร์ชุมชน"),
    ({"position": "ten"}, "position", "กรุณากรอกจำนวนเต็ม"),
    ({"position": "10001"}, "position", "ตั้งแต่ 0 ถึง 10000"),
])
def test_bad_input_is_refused_with_a_thai_message_and_nothing_is_written(as_admin, session, changes, field,
                                                                         message):
    before = category_count(session)

    html = text_of(as_admin.post("/admin/categories", data=NEW | changes, headers=THAI), 422)

    assert f'id="{field}-error"' in html
    assert message in html.split(f'id="{field}-error"')[1].split("</p>")[0]
    assert category_count(session) == before and trail(session, "category.created") == []


def test_the_admin_renames_a_category_and_listings_show_the_new_name(as_admin, session, admin):
    food = category(session, "food")
    listing = make_listing(session, category=food)

    response = as_admin.post(f"/admin/categories/{food.id}", data={"name_th": "อาหารพื้นบ้าน", "name_en": "Local food"})

    assert response.status_code == 302
    session.refresh(food)
    assert (food.name_th, food.name_en, food.slug) == ("อาหารพื้นบ้าน", "Local food", "food")
    [entry] = trail(session, "category.renamed")
    assert entry.detail == {"name_th": ["อาหาร", "อาหารพื้นบ้าน"], "name_en": ["Food", "Local food"]}
    assert "อาหารพื้นบ้าน" in text_of(as_admin.get(f"/listings/{listing.id}", headers=THAI))


def test_an_empty_name_is_refused_and_the_names_stay(as_admin, session):
    food = category(session, "food")

    html = text_of(as_admin.post(f"/admin/categories/{food.id}", data={"name_th": "", "name_en": "Meals"},
                                 headers=ENGLISH), 422)

    assert 'id="name_th-error"' in html and "This is required." in html
    session.refresh(food)
    assert food.name_en == "Food" and trail(session, "category.renamed") == []


def test_the_admin_retires_and_restores_a_category(as_admin, session, admin):
    herbal = category(session, "herbal")
    make_listing(session, category=herbal)
    page = f"/admin/categories/{herbal.id}"

    response = as_admin.post(f"{page}/retire", headers=ENGLISH)
    assert response.status_code == 302 and response.headers["Location"] == page
    session.refresh(herbal)
    assert herbal.retired
    html = text_of(as_admin.get(page, headers=ENGLISH))
    assert "takes no new listings. Its 1 listing keeps it." in html
    assert "Put back in use" in html

    again = text_of(as_admin.post(f"{page}/retire", headers=ENGLISH), 409)
    assert "This category is retired already." in again

    assert as_admin.post(f"{page}/restore").status_code == 302
    session.refresh(herbal)
    assert not herbal.retired
    assert [len(trail(session, action)) for action in ("category.retired", "category.restored")] == [1, 1]
    audit = text_of(as_admin.get("/company/audit", query_string={"subject_type": "category"}, headers=THAI))
    assert "<td>เลิกใช้หมวดหมู่</td>" in audit and "<td>นำหมวดหมู่กลับมาใช้</td>" in audit


def test_an_unknown_category_is_404(as_admin):
    assert as_admin.get("/admin/categories/999999").status_code == 404
    assert as_admin.post("/admin/categories/999999/retire").status_code == 404


def test_company_staff_producers_and_buyers_are_refused(client, session):
    food = category(session, "food")
    producer = make_user(session)
    make_enterprise(session, members=(producer,))
    for user in (make_staff(session, "50"), producer, make_user(session)):
        sign_in(client, user)
        assert client.get("/admin/categories").status_code == 403
        assert client.post("/admin/categories", data=NEW).status_code == 403
        assert client.get(f"/admin/categories/{food.id}").status_code == 403
        assert client.post(f"/admin/categories/{food.id}", data={"name_th": "x", "name_en": "x"}).status_code == 403
        assert client.post(f"/admin/categories/{food.id}/retire").status_code == 403
        client.post("/logout")
    assert client.get("/admin/categories").status_code == 302  # to the sign-in page
    session.refresh(food)
    assert category(session, "rice-products") is None and food.name_en == "Food" and not food.retired
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.subject_type == "category")) == 0


# -- a retired category through the API --------------------------------------------------------

LISTINGS = "/api/v1/listings"
HERB = {"kind": "product", "category": "herbal", "title_th": "ยาหม่องสมุนไพร", "description_th": "ทำมือ",
        "price_satang": 5000}


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,))


def test_the_api_lists_retired_categories_as_retired(client, session, admin):
    retire(session, admin, "herbal")
    items = {item["slug"]: item for item in client.get("/api/v1/categories").get_json()["items"]}
    assert items["herbal"]["retired"] is True and items["food"]["retired"] is False


def test_the_api_creates_no_listing_in_a_retired_category(client, session, admin, bearer, producer, enterprise):
    retire(session, admin, "herbal")
    before = session.scalar(select(func.count(Listing.id)))

    response = client.post(LISTINGS, json=HERB | {"enterprise_id": enterprise.id}, headers=bearer(producer))

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["fields"] == {"category": "retired category: it takes no new listings"}
    assert session.scalar(select(func.count(Listing.id))) == before


def test_the_api_moves_no_listing_into_a_retired_category(client, session, admin, bearer, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, category=category(session, "food"))
    retire(session, admin, "herbal")

    response = client.patch(f"{LISTINGS}/{listing.id}", json={"category": "herbal"}, headers=bearer(producer))

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"category"}
    session.refresh(listing)
    assert listing.category.slug == "food"


def test_a_listing_in_a_retired_category_keeps_it_is_shown_and_can_be_edited(client, session, admin, bearer,
                                                                             producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, category=category(session, "herbal"))
    retire(session, admin, "herbal")
    auth = bearer(producer)

    same = client.patch(f"{LISTINGS}/{listing.id}", json={"category": "herbal", "price_satang": 6000}, headers=auth)

    assert same.status_code == 200 and same.get_json()["category"] == "herbal"
    assert client.get(f"{LISTINGS}/{listing.id}").get_json()["category"] == "herbal"
    assert listing.id in [item["id"] for item in client.get(LISTINGS, query_string={"category": "herbal"})
                          .get_json()["items"]]
    assert "สมุนไพรที่ไม่ใช่อาหาร" in text_of(client.get(f"/listings/{listing.id}", headers=THAI))


# -- a retired category on the producer's pages ------------------------------------------------

PRODUCT_FORM = {"category": "herbal", "title_th": "ยาหม่องสมุนไพร", "title_en": "", "description_th": "ทำมือ",
                "description_en": "", "price": "50", "stock": "8", "low_stock_threshold": "2"}


def test_the_new_listing_form_does_not_offer_a_retired_category(client, session, admin, producer, enterprise):
    retire(session, admin, "herbal")
    sign_in(client, producer)
    url = f"/producer/listings/new?enterprise={enterprise.id}&kind=product"

    assert 'value="herbal"' not in text_of(client.get(url, headers=ENGLISH))
    before = session.scalar(select(func.count(Listing.id)))
    html = text_of(client.post(url, data=PRODUCT_FORM | {"action": "draft"}, headers=ENGLISH), 422)
    assert "This category is retired and takes no new listings. Choose another one." in html
    assert session.scalar(select(func.count(Listing.id))) == before


def test_the_edit_form_keeps_a_retired_category_but_offers_no_other(client, session, admin, producer, enterprise):
    herbal_listing = make_listing(session, enterprise=enterprise, category=category(session, "herbal"))
    food_listing = make_listing(session, enterprise=enterprise, category=category(session, "food"))
    retire(session, admin, "herbal")
    sign_in(client, producer)

    html = text_of(client.get(f"/producer/listings/{herbal_listing.id}/edit", headers=ENGLISH))
    assert 'selected value="herbal">Herbal non-food products (retired)</option>' in html
    saved = client.post(f"/producer/listings/{herbal_listing.id}/edit", data=PRODUCT_FORM | {"price": "60"})
    assert saved.status_code == 302
    session.refresh(herbal_listing)
    assert herbal_listing.price_satang == 6000 and herbal_listing.category.slug == "herbal"

    edit_food = f"/producer/listings/{food_listing.id}/edit"
    assert 'value="herbal"' not in text_of(client.get(edit_food, headers=ENGLISH))
    refused = text_of(client.post(edit_food, data=PRODUCT_FORM, headers=THAI), 422)
    assert "หมวดหมู่นี้เลิกใช้แล้วและไม่รับรายการใหม่" in refused
    session.refresh(food_listing)
    assert food_listing.category.slug == "food"


# -- the catalogue's filter --------------------------------------------------------------------

def test_the_catalogue_offers_a_retired_category_while_it_has_listings_on_sale(client, session, admin):
    retire(session, admin, "herbal")
    assert 'value="herbal"' not in text_of(client.get("/listings"))

    listing = make_listing(session, category=category(session, "herbal"), title_th="ยาดมสมุนไพร")
    html = text_of(client.get("/listings"))
    assert 'value="herbal"' in html
    assert "ยาดมสมุนไพร" in text_of(client.get("/listings", query_string={"category": "herbal"}))
    listing.status = ListingStatus.ARCHIVED
    session.flush()
    assert 'value="herbal"' not in text_of(client.get("/listings"))
