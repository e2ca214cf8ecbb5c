"""The demo catalogue: its data is consistent, and ``seed_demo`` loads it idempotently."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace import geo
from marketplace.accounts.models import Role, User
from marketplace.accounts.passwords import verify_password
from marketplace.catalog import demo_data
from marketplace.catalog.models import Category, Listing, ListingImage, ListingKind, ListingStatus, TourSlot
from marketplace.catalog.seed import DEMO_ACCOUNTS, SLOT_HORIZON_DAYS, seed_demo
from marketplace.companies.models import Province, ProvincialCompany
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from marketplace.media import LocalStorage

TODAY = dt.date(2026, 3, 2)
PHOTO_SIZE = (320, 240)  # small demo photos keep the suite quick; the pipeline is the same
REGISTRATION = re.compile(r"^\d-(?P<province>\d{2})-(?P<district>\d{2})-(?P<subdistrict>\d{2})/\d-\d{4}$")
MOBILE = re.compile(r"^0[689]\d{8}$")
COUNTED = (
    Province, ProvincialCompany, Category, CommunityEnterprise, EnterpriseMember,
    Listing, ListingImage, TourSlot, User,
)
PRODUCT_CATEGORIES = {"food", "beverages", "textiles", "souvenirs", "herbal"}


def counts(session: Session) -> dict[str, int]:
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def stored_files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def demo_listings(session: Session, kind: ListingKind) -> list[Listing]:
    registration_numbers = [enterprise.registration_no for enterprise in demo_data.ENTERPRISES]
    return list(session.scalars(
        select(Listing).join(Listing.enterprise)
        .where(CommunityEnterprise.registration_no.in_(registration_numbers), Listing.kind == kind)
    ).unique())


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "media", "/media/")


@pytest.fixture
def seeded(session: Session, storage: LocalStorage) -> Session:
    seed_demo(session, storage, today=TODAY, photo_size=PHOTO_SIZE)
    return session


# --------------------------------------------------------------------------- the data itself

def test_demo_enterprises_have_real_codes_and_consistent_registration_numbers():
    assert 28 <= len(demo_data.ENTERPRISES) <= 40
    registration_numbers = {enterprise.registration_no for enterprise in demo_data.ENTERPRISES}
    assert len(registration_numbers) == len(demo_data.ENTERPRISES)
    assert len({enterprise.key for enterprise in demo_data.ENTERPRISES}) == len(demo_data.ENTERPRISES)
    for enterprise in demo_data.ENTERPRISES:
        assert geo.address_problems(enterprise.province_code, enterprise.district_code,
                                    enterprise.subdistrict_code) == {}, enterprise.key
        match = REGISTRATION.match(enterprise.registration_no)
        assert match, enterprise.registration_no
        assert match["province"] == enterprise.province_code
        assert match["province"] + match["district"] == enterprise.district_code
        assert match["subdistrict"] == enterprise.subdistrict_code[4:]
        assert MOBILE.match(enterprise.promptpay_id), enterprise.promptpay_id
        assert enterprise.otop_stars is None or 1 <= enterprise.otop_stars <= 5
        assert enterprise.name_th.startswith("วิสาหกิจชุมชน") and enterprise.name_en
        assert enterprise.description_th and enterprise.description_en
    provinces = {enterprise.province_code for enterprise in demo_data.ENTERPRISES}
    assert len(provinces) >= 30  # the order history needs income from many provinces
    assert {geo.region_of(code) for code in provinces} == set(geo.Region)


def test_demo_listings_are_distinct_complete_and_priced_in_satang():
    titles = [listing.title_th for listing in (*demo_data.PRODUCTS, *demo_data.TOURS)]
    assert len(set(titles)) == len(titles)
    assert 140 <= len(demo_data.PRODUCTS) <= 180
    assert 12 <= len(demo_data.TOURS) <= 18
    per_category = Counter(product.category for product in demo_data.PRODUCTS)
    assert set(per_category) == PRODUCT_CATEGORIES
    assert min(per_category.values()) >= 20
    assert "ผ้าไหมมัดหมี่ทอมือ" in titles
    for listing in (*demo_data.PRODUCTS, *demo_data.TOURS):
        assert listing.enterprise in demo_data.ENTERPRISE_KEYS
        assert type(listing.price_satang) is int and listing.price_satang > 0
        assert listing.title_en and listing.description_th and listing.description_en
        assert len(listing.title_th) <= 200 and len(listing.title_en) <= 200
    for product in demo_data.PRODUCTS:
        assert type(product.stock) is int and product.stock > 0
    for tour in demo_data.TOURS:
        assert tour.duration_hours > 0 and tour.max_group > 0 and tour.meeting_point


# --------------------------------------------------------------------------- seeding

def test_seed_demo_loads_the_catalogue(seeded: Session):
    enterprises = seeded.scalars(select(CommunityEnterprise).where(
        CommunityEnterprise.registration_no.in_([spec.registration_no for spec in demo_data.ENTERPRISES])
    )).all()
    assert len(enterprises) == len(demo_data.ENTERPRISES)
    assert {enterprise.status for enterprise in enterprises} == {EnterpriseStatus.APPROVED}
    assert len({enterprise.province_code for enterprise in enterprises}) >= 10
    assert {enterprise.province.region for enterprise in enterprises} == set(geo.Region)

    products = demo_listings(seeded, ListingKind.PRODUCT)
    assert len(products) == len(demo_data.PRODUCTS) >= 140
    assert {product.status for product in products} == {ListingStatus.ACTIVE}
    assert all(product.stock and product.stock > 0 for product in products)
    assert {product.category.slug for product in products} == PRODUCT_CATEGORIES
    assert any(product.title_th == "ผ้าไหมมัดหมี่ทอมือ" for product in products)
    assert all(len(product.images) == 1 for product in products)


def test_seed_demo_gives_every_listing_a_stored_photo(seeded: Session, storage: LocalStorage):
    images = seeded.scalars(select(ListingImage).join(ListingImage.listing).join(Listing.enterprise).where(
        CommunityEnterprise.registration_no.in_([spec.registration_no for spec in demo_data.ENTERPRISES])
    )).all()
    assert len(images) == len(demo_data.PRODUCTS) + len(demo_data.TOURS)
    for image in images:
        assert image.position == 0
        assert storage.exists(image.large_key) and storage.exists(image.thumb_key)
        assert image.large_key.startswith("listings/") and image.large_key.endswith(".webp")
        assert max(image.width, image.height) <= 1600
    assert len({image.large_key for image in images}) == len(images)


def test_seed_demo_schedules_tours(seeded: Session):
    tours = demo_listings(seeded, ListingKind.TOUR)
    assert len(tours) == len(demo_data.TOURS) >= 12
    for tour in tours:
        assert tour.category.slug == "community-tourism"
        assert tour.stock is None and tour.duration_hours and tour.max_group and tour.meeting_point
        assert len(tour.images) == 1
        dates = [slot.date for slot in tour.slots]
        assert len(dates) >= 8, tour.title_th
        assert all(TODAY < date <= TODAY + dt.timedelta(days=SLOT_HORIZON_DAYS) for date in dates)
        assert all(slot.capacity == tour.max_group and slot.seats_taken == 0 for slot in tour.slots)


def test_seed_demo_creates_one_account_per_role(seeded: Session):
    users = {user.email: user for user in seeded.scalars(select(User))}
    assert {account.role for account in DEMO_ACCOUNTS} == set(Role)
    for account in DEMO_ACCOUNTS:
        user = users[account.email]
        assert user.roles == {account.role}
        assert verify_password(user.password_hash, account.password)
        assert user.active
    company_user = users["company@demo.otop.test"]
    assert company_user.company.province_code == "50"
    producer = users["producer@demo.otop.test"]
    managed = {membership.enterprise.registration_no for membership in producer.memberships}
    expected = {spec.registration_no for spec in demo_data.ENTERPRISES
                if spec.key in demo_data.DEMO_PRODUCER_ENTERPRISES}
    assert managed == expected and len(managed) >= 2


def test_seed_demo_twice_changes_nothing(session: Session, storage: LocalStorage):
    first = seed_demo(session, storage, today=TODAY, photo_size=PHOTO_SIZE)
    assert first.changed
    assert first.products_created == len(demo_data.PRODUCTS)
    assert first.tours_created == len(demo_data.TOURS)
    assert first.images_created == len(demo_data.PRODUCTS) + len(demo_data.TOURS)
    after_first, files_after_first = counts(session), stored_files(storage.root)
    image_keys = {key for image in session.scalars(select(ListingImage)) for key in (image.large_key, image.thumb_key)}
    assert files_after_first == image_keys  # at this small size the thumbnail is the large version: one file

    second = seed_demo(session, storage, today=TODAY, photo_size=PHOTO_SIZE)

    assert not second.changed, second
    assert counts(session) == after_first
    assert stored_files(storage.root) == files_after_first
    assert [account.email for account in second.accounts] == [account.email for account in DEMO_ACCOUNTS]
    assert "nothing was added" in second.summary()
    for account in DEMO_ACCOUNTS:
        assert account.email in first.summary() and account.password in second.summary()


def test_seed_demo_keeps_later_edits(seeded: Session, storage: LocalStorage):
    listing = demo_listings(seeded, ListingKind.PRODUCT)[0]
    listing.price_satang, listing.stock, listing.status = 1234, 0, ListingStatus.ARCHIVED
    consumer = seeded.scalars(select(User).where(User.email == "consumer@demo.otop.test")).one()
    consumer.name = "ชื่อใหม่"
    seeded.flush()

    report = seed_demo(seeded, storage, today=TODAY, photo_size=PHOTO_SIZE)

    assert not report.changed
    seeded.expire_all()
    listing = seeded.get(Listing, listing.id)
    assert (listing.price_satang, listing.stock, listing.status) == (1234, 0, ListingStatus.ARCHIVED)
    assert seeded.get(User, consumer.id).name == "ชื่อใหม่"


def test_seed_demo_restores_photo_files_of_a_wiped_media_root(seeded: Session, storage: LocalStorage):
    before = counts(seeded)
    files = stored_files(storage.root)
    for key in files:
        storage.delete(key)

    report = seed_demo(seeded, storage, today=TODAY, photo_size=PHOTO_SIZE)

    assert report.files_restored == len(demo_data.PRODUCTS) + len(demo_data.TOURS)
    assert report.images_created == 0
    assert stored_files(storage.root) == files
    assert counts(seeded) == before


def test_seed_demo_on_a_later_day_only_adds_the_new_dates(seeded: Session, storage: LocalStorage):
    slots_before = counts(seeded)["TourSlot"]
    report = seed_demo(seeded, storage, today=TODAY + dt.timedelta(days=7), photo_size=PHOTO_SIZE)
    assert report.slots_created > 0
    assert counts(seeded)["TourSlot"] == slots_before + report.slots_created
    assert report.products_created == report.images_created == report.users_created == 0
