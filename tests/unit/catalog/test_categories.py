"""catalog.categories: the admin adds, renames, retires and restores categories; a
retired category takes no new listings while its listings keep it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog import categories as rules
from marketplace.catalog import services
from marketplace.catalog.models import Category, ListingKind, ListingStatus
from marketplace.catalog.queries import storefront_categories
from marketplace.errors import Forbidden, InvalidTransition, ValidationError
from tests.factories import category, make_enterprise, make_listing, make_staff, make_user

NOW = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)
RICE = {"slug": "rice-products", "name_th": "ผลิตภัณฑ์จากข้าว", "name_en": "Rice products", "kind": "product"}


@pytest.fixture
def admin(session):
    return make_user(session, role=Role.ADMIN)


def entries(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def category_count(session) -> int:
    return session.scalar(select(func.count(Category.id)))


# -- adding -------------------------------------------------------------------------------------

def test_the_admin_adds_a_category_after_the_others_and_the_trail_says_so(session, admin):
    last = session.scalar(select(func.max(Category.position)))

    created = rules.create_category(session, admin, now=NOW, **RICE)

    assert (created.slug, created.name_th, created.name_en, created.kind) == (
        "rice-products", "ผลิตภัณฑ์จากข้าว", "Rice products", ListingKind.PRODUCT)
    assert created.position == last + 1 and not created.retired
    [entry] = entries(session, "category.created")
    assert (entry.subject_type, entry.subject_id, entry.actor_id, entry.company_id) == (
        "category", created.id, admin.id, None)
    assert entry.detail == {"slug": [None, "rice-products"], "name_th": [None, "ผลิตภัณฑ์จากข้าว"],
                            "name_en": [None, "Rice products"], "kind": [None, "product"],
                            "position": [None, last + 1]}


def test_a_given_position_is_kept_and_names_are_tidied(session, admin):
    given = RICE | {"name_en": "  Rice   products ", "position": 0}
    created = rules.create_category(session, admin, now=NOW, **given)
    assert created.position == 0 and created.name_en == "Rice products"


@pytest.mark.parametrize("slug", ["Rice", "rice products", "rice_products", "-rice", "rice-", "rice--cakes",
                                  "ข้าว", "r" * 41, ""])
def test_a_slug_that_is_not_lowercase_words_with_hyphens_is_refused(session, admin, slug):
    before = category_count(session)
    with pytest.raises(ValidationError) as refused:
        rules.create_category(session, admin, now=NOW, **RICE | {"slug": slug})
    assert set(refused.value.fields) == {"slug"}
    assert category_count(session) == before and entries(session, "category.created") == []


def test_a_slug_taken_by_another_category_even_a_retired_one_is_refused(session, admin):
    herbal = category(session, "herbal")
    rules.retire_category(session, admin, herbal, now=NOW)

    for slug in ("food", "herbal"):
        with pytest.raises(ValidationError) as refused:
            rules.create_category(session, admin, now=NOW, **RICE | {"slug": slug})
        assert refused.value.fields == {"slug": rules.SLUG_TAKEN}


def test_every_bad_field_is_named_at_once_and_nothing_is_written(session, admin):
    before = category_count(session)
    with pytest.raises(ValidationError) as refused:
        rules.create_category(session, admin, now=NOW, slug="Bad Slug", name_th="   ", name_en=None, kind="boat",
                              position=-1)
    assert refused.value.fields == {"slug": rules.BAD_SLUG, "name_th": rules.REQUIRED, "name_en": rules.REQUIRED,
                                    "kind": rules.NOT_A_KIND, "position": rules.POSITION_RANGE}
    assert category_count(session) == before


@pytest.mark.parametrize(("name", "reason"), [
    ("ข" * 121, rules.NAME_TOO_LONG), ("ข้าว\x00", rules.CONTROL_CHARACTERS), ("ข้าว\nกล้อง", rules.CONTROL_CHARACTERS),
    (12, rules.NOT_TEXT),
])
def test_names_are_one_line_of_text_of_at_most_120_characters(session, admin, name, reason):
    with pytest.raises(ValidationError) as refused:
        rules.create_category(session, admin, now=NOW, **RICE | {"name_th": name})
    assert refused.value.fields == {"name_th": reason}


def test_only_an_admin_manages_categories(session):
    food = category(session, "food")
    for user in (make_staff(session, "50"), make_user(session)):
        with pytest.raises(Forbidden):
            rules.create_category(session, user, now=NOW, **RICE)
        with pytest.raises(Forbidden):
            rules.rename_category(session, user, food, name_th="อาหาร", name_en="Meals", now=NOW)
        with pytest.raises(Forbidden):
            rules.retire_category(session, user, food, now=NOW)
        with pytest.raises(Forbidden):
            rules.category_rows(session, user)
    assert food.name_en == "Food" and not food.retired
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.subject_type == "category")) == 0


# -- renaming -----------------------------------------------------------------------------------

def test_renaming_records_before_and_after_of_what_changed(session, admin):
    food = category(session, "food")

    changed = rules.rename_category(session, admin, food, name_th="อาหาร", name_en="Food and snacks", now=NOW)

    assert changed == {"name_en": ["Food", "Food and snacks"]}
    assert food.name_en == "Food and snacks" and food.slug == "food"
    [entry] = entries(session, "category.renamed")
    assert entry.detail == {"name_en": ["Food", "Food and snacks"]} and entry.subject_id == food.id


def test_renaming_to_the_same_names_writes_nothing(session, admin):
    food = category(session, "food")
    assert rules.rename_category(session, admin, food, name_th="อาหาร", name_en="Food", now=NOW) == {}
    assert entries(session, "category.renamed") == []


def test_an_empty_name_is_refused_and_the_old_names_stay(session, admin):
    food = category(session, "food")
    with pytest.raises(ValidationError) as refused:
        rules.rename_category(session, admin, food, name_th="", name_en="Meals", now=NOW)
    assert refused.value.fields == {"name_th": rules.REQUIRED}
    assert (food.name_th, food.name_en) == ("อาหาร", "Food")


# -- retiring and restoring ---------------------------------------------------------------------

def test_retiring_and_restoring_are_recorded_and_cannot_be_repeated(session, admin):
    herbal = category(session, "herbal")

    rules.retire_category(session, admin, herbal, now=NOW)
    assert herbal.retired and herbal.retired_at == NOW
    with pytest.raises(InvalidTransition):
        rules.retire_category(session, admin, herbal, now=NOW)

    later = NOW + dt.timedelta(days=1)
    rules.restore_category(session, admin, herbal, now=later)
    assert not herbal.retired
    with pytest.raises(InvalidTransition):
        rules.restore_category(session, admin, herbal, now=later)

    [retired] = entries(session, "category.retired")
    [restored] = entries(session, "category.restored")
    assert retired.detail == {"retired_at": [None, NOW.isoformat()]}
    assert restored.detail == {"retired_at": [NOW.isoformat(), None]} and restored.created_at == later


def test_the_rows_count_every_listing_and_those_on_sale(session, admin):
    herbal = category(session, "herbal")
    make_listing(session, category=herbal)
    make_listing(session, category=herbal, status=ListingStatus.DRAFT)

    rows = {row.category.slug: row for row in rules.category_rows(session, admin)}

    assert (rows["herbal"].listings, rows["herbal"].active_listings) == (2, 1)
    assert [row.category.slug for row in rules.category_rows(session, admin, herbal.id)] == ["herbal"]


# -- what a retired category means for listings -------------------------------------------------

@pytest.fixture
def producer(session):
    return make_user(session)


@pytest.fixture
def enterprise(session, producer):
    return make_enterprise(session, members=(producer,))


NEW_HERB = {"kind": "product", "category": "herbal", "title_th": "ยาหม่องสมุนไพร", "description_th": "ทำมือ",
            "price_satang": 5000}


def test_no_listing_is_created_in_a_retired_category(session, admin, producer, enterprise):
    rules.retire_category(session, admin, category(session, "herbal"), now=NOW)

    with pytest.raises(ValidationError) as refused:
        services.create_listing(session, producer, enterprise.id, **NEW_HERB)

    assert refused.value.fields == {"category": services.RETIRED_CATEGORY}


def test_no_listing_moves_into_a_retired_category(session, admin, producer, enterprise):
    listing = make_listing(session, enterprise=enterprise, category=category(session, "food"))
    rules.retire_category(session, admin, category(session, "herbal"), now=NOW)

    with pytest.raises(ValidationError) as refused:
        services.update_listing(session, producer, listing, category="herbal", title_th="ยาหม่อง")

    assert refused.value.fields == {"category": services.RETIRED_CATEGORY}
    assert listing.category.slug == "food" and listing.title_th != "ยาหม่อง"


def test_a_listing_keeps_the_category_retired_under_it(session, admin, producer, enterprise):
    herbal = category(session, "herbal")
    listing = make_listing(session, enterprise=enterprise, category=herbal)
    rules.retire_category(session, admin, herbal, now=NOW)

    services.update_listing(session, producer, listing, category="herbal", title_th="ยาหม่องสูตรใหม่")
    services.update_listing(session, producer, listing, price_satang=6000)

    assert listing.category is herbal and listing.title_th == "ยาหม่องสูตรใหม่" and listing.price_satang == 6000
    assert services.listing_problems(session, ListingKind.PRODUCT, {"category": "herbal"}, listing) == {}
    assert services.listing_problems(session, ListingKind.PRODUCT, {"category": "herbal"}) == {
        "category": services.RETIRED_CATEGORY}


def test_a_restored_category_takes_listings_again(session, admin, producer, enterprise):
    herbal = category(session, "herbal")
    rules.retire_category(session, admin, herbal, now=NOW)
    rules.restore_category(session, admin, herbal, now=NOW)

    assert services.create_listing(session, producer, enterprise.id, **NEW_HERB).category is herbal


def test_the_catalogue_offers_a_retired_category_only_while_some_of_its_listings_are_on_sale(session, admin):
    herbal = category(session, "herbal")
    rules.retire_category(session, admin, herbal, now=NOW)
    assert "herbal" not in [found.slug for found in storefront_categories(session)]
    assert "herbal" in [found.slug for found in storefront_categories(session, "herbal")]  # the one filtered by

    listing = make_listing(session, category=herbal, status=ListingStatus.DRAFT)
    assert "herbal" not in [found.slug for found in storefront_categories(session)]

    listing.status = ListingStatus.ACTIVE
    session.flush()
    assert [found.slug for found in storefront_categories(session)] == [
        "food", "beverages", "textiles", "souvenirs", "herbal", "community-tourism"]
