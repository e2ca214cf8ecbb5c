"""catalog.services: creating, editing, publishing, archiving and deleting listings."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.catalog import services
from marketplace.catalog.models import Listing, ListingImage, ListingKind, ListingStatus, TourSlot
from marketplace.catalog.queries import ListingFilters, search_listings, visible_listings
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.errors import Conflict, InvalidTransition, NotFound, ValidationError
from marketplace.orders.models import OrderLine
from tests.factories import category, listing_row, make_enterprise, make_listing, make_order, make_slot, make_user

PRODUCT = {
    "kind": "product", "category": "textiles", "title_th": "ผ้าฝ้ายทอมือ", "description_th": "ทอด้วยกี่พื้นบ้าน",
    "price_satang": 125050,
}
TOUR = {
    "kind": "tour", "category": "community-tourism", "title_th": "ล่องแพบ้านแม่กำปอง",
    "description_th": "เที่ยวชุมชนครึ่งวัน", "price_satang": 80000, "duration_hours": 4,
}


@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,))


def listing_count(session) -> int:
    return session.scalar(select(func.count(Listing.id)))


def storefront_ids(session) -> list[int]:
    return [listing.id for listing in session.scalars(visible_listings()).unique()]


# -- creating ------------------------------------------------------------------------------------

def test_a_product_is_created_as_a_draft(session, producer, enterprise):
    listing = services.create_listing(session, producer, enterprise.id, **PRODUCT, title_en="  Handwoven cotton ",
                                      stock=12, low_stock_threshold=3)

    assert listing.id is not None
    assert listing.enterprise_id == enterprise.id
    assert listing.kind is ListingKind.PRODUCT
    assert listing.status is ListingStatus.DRAFT
    assert listing.category.slug == "textiles"
    assert listing.title_th == "ผ้าฝ้ายทอมือ"
    assert listing.title_en == "Handwoven cotton"
    assert listing.description_en is None
    assert listing.price_satang == 125050
    assert (listing.stock, listing.low_stock_threshold) == (12, 3)
    assert (listing.duration_hours, listing.max_group, listing.meeting_point) == (None, None, None)
    assert listing.id not in storefront_ids(session)


def test_a_products_stock_defaults_to_zero(session, producer, enterprise):
    listing = services.create_listing(session, producer, enterprise.id, **PRODUCT)

    assert listing.stock == 0
    assert listing.low_stock_threshold == 5


def test_a_tour_has_no_stock_and_keeps_its_details(session, producer, enterprise):
    listing = services.create_listing(session, producer, enterprise.id, **TOUR, max_group=12,
                                      meeting_point="วัดบ้านแม่กำปอง")

    assert listing.kind is ListingKind.TOUR
    assert listing.stock is None
    assert (listing.duration_hours, listing.max_group, listing.meeting_point) == (4, 12, "วัดบ้านแม่กำปอง")


def test_an_approved_enterprise_can_publish_at_once(session, producer, enterprise):
    listing = services.create_listing(session, producer, enterprise.id, **PRODUCT, status="active")

    assert listing.status is ListingStatus.ACTIVE
    assert listing.id in storefront_ids(session)


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_an_enterprise_that_is_not_approved_keeps_drafts_but_cannot_publish(session, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    before = listing_count(session)

    with pytest.raises(Conflict) as caught:
        services.create_listing(session, producer, enterprise.id, **PRODUCT, status="active")

    assert caught.value.code == "enterprise_not_approved"
    assert listing_count(session) == before
    draft = services.create_listing(session, producer, enterprise.id, **PRODUCT)
    assert draft.status is ListingStatus.DRAFT


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"title_th": None}, "title_th", services.REQUIRED),
    ({"title_th": "   "}, "title_th", services.REQUIRED),
    ({"title_th": "ก" * 201}, "title_th", services.too_long(200)),
    ({"title_th": "ผ้า\x00ฝ้าย"}, "title_th", services.CONTROL_CHARACTERS),
    ({"title_en": 7}, "title_en", services.NOT_TEXT),
    ({"description_th": ""}, "description_th", services.REQUIRED),
    ({"price_satang": -1}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": 12.5}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": 1250.0}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": "1250"}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": True}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": services.MAX_PRICE_SATANG + 1}, "price_satang", services.PRICE_RANGE),
    ({"price_satang": None}, "price_satang", services.REQUIRED),
    ({"stock": -1}, "stock", services.whole_number_between(0, 1_000_000)),
    ({"stock": 2.0}, "stock", services.whole_number_between(0, 1_000_000)),
    ({"stock": None}, "stock", services.REQUIRED),
    ({"low_stock_threshold": -2}, "low_stock_threshold", services.whole_number_between(0, 1_000_000)),
    ({"duration_hours": 3}, "duration_hours", services.TOURS_ONLY),
    ({"meeting_point": "ตลาด"}, "meeting_point", services.TOURS_ONLY),
    ({"category": "community-tourism"}, "category", services.PRODUCT_CATEGORY),
    ({"category": "no-such-category"}, "category", services.UNKNOWN_CATEGORY),
    ({"category": None}, "category", services.REQUIRED),
    ({"status": "archived"}, "status", services.CREATE_STATUSES),
    ({"kind": "service"}, "kind", services.NOT_A_KIND),
    ({"kind": None}, "kind", services.REQUIRED),
])
def test_an_invalid_product_names_the_field_and_writes_nothing(session, producer, enterprise, changes, field,
                                                               reason):
    before = listing_count(session)

    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, producer, enterprise.id, **(PRODUCT | changes))

    assert caught.value.fields[field] == reason
    assert listing_count(session) == before


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"stock": 5}, "stock", services.PRODUCTS_ONLY),
    ({"low_stock_threshold": 5}, "low_stock_threshold", services.PRODUCTS_ONLY),
    ({"duration_hours": None}, "duration_hours", services.REQUIRED),
    ({"duration_hours": 0}, "duration_hours", services.whole_number_between(1, 720)),
    ({"max_group": 0}, "max_group", services.whole_number_between(1, 1000)),
    ({"max_group": "10"}, "max_group", services.whole_number_between(1, 1000)),
    ({"meeting_point": "ว" * 301}, "meeting_point", services.too_long(300)),
    ({"category": "food"}, "category", services.TOUR_CATEGORY),
])
def test_an_invalid_tour_names_the_field_and_writes_nothing(session, producer, enterprise, changes, field, reason):
    before = listing_count(session)

    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, producer, enterprise.id, **(TOUR | changes))

    assert caught.value.fields[field] == reason
    assert listing_count(session) == before


def test_a_tour_needs_a_duration(session, producer, enterprise):
    fields = {name: value for name, value in TOUR.items() if name != "duration_hours"}

    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, producer, enterprise.id, **fields)

    assert caught.value.fields == {"duration_hours": services.REQUIRED}


def test_every_problem_is_named_at_once(session, producer, enterprise):
    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, producer, enterprise.id, kind="product", category="food", price_satang=-5)

    assert set(caught.value.fields) == {"title_th", "description_th", "price_satang"}


def test_another_producers_enterprise_is_not_found(session, producer, enterprise):
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    before = listing_count(session)

    with pytest.raises(NotFound):
        services.create_listing(session, stranger, enterprise.id, **PRODUCT)

    assert listing_count(session) == before


@pytest.mark.parametrize(("enterprise_id", "reason"), [
    (None, services.REQUIRED), ("1", services.NOT_AN_ENTERPRISE_ID), (True, services.NOT_AN_ENTERPRISE_ID),
])
def test_the_enterprise_id_must_be_a_whole_number(session, producer, enterprise_id, reason):
    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, producer, enterprise_id, **PRODUCT)

    assert caught.value.fields == {"enterprise_id": reason}


def test_unknown_field_names_are_a_programming_error(session, producer, enterprise):
    with pytest.raises(TypeError):
        services.create_listing(session, producer, enterprise.id, **PRODUCT, colour="red")


# -- editing -------------------------------------------------------------------------------------

def test_editing_changes_only_the_fields_given(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, title_en="Old", stock=3)

    services.update_listing(session, producer, listing, title_en=None, price_satang=9900, stock=40,
                            category="beverages", kind="product", enterprise_id=enterprise.id)

    row = listing_row(session, listing.id)
    assert row["title_en"] is None
    assert row["price_satang"] == 9900
    assert row["stock"] == 40
    assert listing.category.slug == "beverages"
    assert row["title_th"] == listing.title_th


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "tour"}, "kind"),
    ({"enterprise_id": 999_999}, "enterprise_id"),
    ({"title_th": ""}, "title_th"),
    ({"price_satang": -100}, "price_satang"),
    ({"stock": None}, "stock"),
    ({"category": "community-tourism"}, "category"),
    ({"duration_hours": 2}, "duration_hours"),
    ({"status": "sold"}, "status"),
    ({"status": None}, "status"),
])
def test_an_invalid_edit_changes_nothing(session, producer, enterprise, changes, field):
    listing = make_listing(session, enterprise=enterprise)
    before = listing_row(session, listing.id)

    with pytest.raises(ValidationError) as caught:
        services.update_listing(session, producer, listing, **({"description_th": "ใหม่"} | changes))

    assert field in caught.value.fields
    assert listing_row(session, listing.id) == before


def test_a_tours_details_can_be_changed_and_cleared(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR, max_group=8,
                           meeting_point="ศาลาวัด")

    services.update_listing(session, producer, listing, duration_hours=6, max_group=None, meeting_point="  ")

    assert (listing.duration_hours, listing.max_group, listing.meeting_point) == (6, None, None)


def test_another_producer_cannot_edit(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise)
    stranger = make_user(session)
    make_enterprise(session, members=(stranger,))
    before = listing_row(session, listing.id)

    for attempt in (
        lambda: services.update_listing(session, stranger, listing, title_th="ของฉัน"),
        lambda: services.publish(session, stranger, listing),
        lambda: services.unpublish(session, stranger, listing),
        lambda: services.archive(session, stranger, listing),
        lambda: services.delete_listing(session, stranger, listing),
    ):
        with pytest.raises(NotFound):
            attempt()

    assert listing_row(session, listing.id) == before


def test_editing_does_not_touch_the_snapshot_of_past_orders(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, title_th="ชื่อเดิม", price_satang=10000)
    order = make_order(session, items=[(listing, 2)])

    services.update_listing(session, producer, listing, title_th="ชื่อใหม่", price_satang=20000)

    line = session.scalar(select(OrderLine).where(OrderLine.order_id == order.id))
    session.refresh(line)
    assert (line.title_th, line.unit_price_satang, line.line_total_satang) == ("ชื่อเดิม", 10000, 20000)


# -- status --------------------------------------------------------------------------------------

def test_publish_unpublish_and_archive(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)

    services.publish(session, producer, listing)
    assert listing_row(session, listing.id)["status"] is ListingStatus.ACTIVE
    assert listing.id in storefront_ids(session)

    services.unpublish(session, producer, listing)
    assert listing_row(session, listing.id)["status"] is ListingStatus.DRAFT
    assert listing.id not in storefront_ids(session)

    services.publish(session, producer, listing)
    services.archive(session, producer, listing)
    assert listing_row(session, listing.id)["status"] is ListingStatus.ARCHIVED
    assert listing.id not in storefront_ids(session)
    assert search_listings(session, ListingFilters(q=listing.title_th)).items == []


def test_staying_in_a_status_is_not_an_error(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise)

    services.publish(session, producer, listing)
    services.update_listing(session, producer, listing, status="active")

    assert listing.status is ListingStatus.ACTIVE


def test_an_archived_listing_comes_back_as_a_draft(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.ARCHIVED)

    with pytest.raises(InvalidTransition):
        services.publish(session, producer, listing)
    assert listing.status is ListingStatus.ARCHIVED

    services.unpublish(session, producer, listing)
    assert listing.status is ListingStatus.DRAFT


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.SUSPENDED])
def test_publishing_needs_an_approved_enterprise(session, producer, status):
    enterprise = make_enterprise(session, members=(producer,), status=status)
    listing = make_listing(session, enterprise=enterprise, status=ListingStatus.DRAFT)
    before = listing_row(session, listing.id)

    for attempt in (
        lambda: services.publish(session, producer, listing),
        lambda: services.update_listing(session, producer, listing, title_th="ใหม่", status="active"),
    ):
        with pytest.raises(Conflict) as caught:
            attempt()
        assert caught.value.code == "enterprise_not_approved"

    assert listing_row(session, listing.id) == before


# -- deleting ------------------------------------------------------------------------------------

def test_a_listing_never_ordered_is_deleted_with_its_photos_and_dates(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, kind=ListingKind.TOUR)
    make_slot(session, listing)
    session.add(ListingImage(listing=listing, large_key="a/b.webp", thumb_key="a/b-t.webp", width=10, height=10))
    session.flush()
    listing_id = listing.id

    services.delete_listing(session, producer, listing)

    assert listing_row(session, listing_id) is None
    assert session.scalar(select(func.count(TourSlot.id)).where(TourSlot.listing_id == listing_id)) == 0
    assert session.scalar(select(func.count(ListingImage.id)).where(ListingImage.listing_id == listing_id)) == 0


def test_an_ordered_listing_is_archived_never_deleted(session, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, category=category(session, "food"))
    make_order(session, items=[(listing, 1)])
    before = listing_row(session, listing.id)

    with pytest.raises(Conflict) as caught:
        services.delete_listing(session, producer, listing)

    assert caught.value.code == "listing_ordered"
    assert listing_row(session, listing.id) == before
    services.archive(session, producer, listing)
    assert listing_row(session, listing.id)["status"] is ListingStatus.ARCHIVED
