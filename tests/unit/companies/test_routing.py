"""Reference data and THE routing rule: a listing is fulfilled by the active company of
its enterprise's province, otherwise by the national company."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace import geo
from marketplace.catalog.models import Category, Listing, ListingKind, ListingStatus
from marketplace.catalog.reference import CATEGORIES, ensure_reference_data
from marketplace.companies.models import Province, ProvincialCompany
from marketplace.companies.services import (
    NATIONAL_COMPANY_NAME_TH, NoFulfillingCompany, company_for_province, fulfilling_companies, national_company,
)
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseStatus
from marketplace.orders.services import fulfilling_company


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def company_of(session: Session, province_code: str) -> ProvincialCompany:
    return session.scalars(
        select(ProvincialCompany).where(ProvincialCompany.province_code == province_code)
    ).one()


def listing_in(session: Session, province_code: str) -> Listing:
    """An approved enterprise in the province (at a real district and subdistrict) with one product."""
    district = geo.districts(province_code)[0]
    subdistrict = geo.subdistricts(district.code)[0]
    enterprise = CommunityEnterprise(
        name_th=f"วิสาหกิจชุมชนทดสอบ {province_code}", registration_no=f"test-routing-{province_code}",
        province_code=province_code, district_code=district.code, subdistrict_code=subdistrict.code,
        status=EnterpriseStatus.APPROVED,
    )
    category = session.scalars(select(Category).where(Category.slug == "food")).one()
    listing = Listing(
        enterprise=enterprise, category=category, kind=ListingKind.PRODUCT, status=ListingStatus.ACTIVE,
        title_th=f"สินค้าทดสอบ {province_code}", description_th="ทดสอบ", price_satang=10000, stock=5,
    )
    session.add(listing)
    session.flush()
    return listing


@pytest.fixture
def reference(session: Session) -> Session:
    ensure_reference_data(session)
    return session


def test_reference_data_is_complete(reference: Session):
    assert count(reference, Province) == 77
    assert count(reference, ProvincialCompany) == 78
    slugs = {category.slug for category in reference.scalars(select(Category))}
    assert slugs == {spec.slug for spec in CATEGORIES}
    tours = reference.scalars(select(Category).where(Category.kind == ListingKind.TOUR)).all()
    assert [category.slug for category in tours] == ["community-tourism"]

    for source in geo.provinces():
        province = reference.get(Province, source.code)
        assert (province.name_th, province.name_en) == (source.name_th, source.name_en)
        assert province.region == geo.region_of(source.code)
        company = company_of(reference, source.code)
        assert company.name_th == f"บริษัท ประชารัฐรักสามัคคี {source.name_th} (วิสาหกิจเพื่อสังคม) จำกัด"
        assert company.name_en == f"Pracharath Rak Samakkee {source.name_en} (Social Enterprise) Co., Ltd."
        assert (company.commission_bps, company.shipping_fee_satang, company.active) == (1000, 5000, True)
        assert not company.is_national

    national = national_company(reference)
    assert national is not None and national.province_code is None and national.active
    assert national.name_th == NATIONAL_COMPANY_NAME_TH
    assert {province.region for province in reference.scalars(select(Province))} == set(geo.Region)


def test_reference_data_is_idempotent_and_keeps_staff_edits(reference: Session):
    chiang_mai = company_of(reference, "50")
    chiang_mai.name_th = "ชื่อที่เจ้าหน้าที่แก้"
    chiang_mai.commission_bps = 800
    chiang_mai.shipping_fee_satang = 4500
    chiang_mai.active = False
    food = reference.scalars(select(Category).where(Category.slug == "food")).one()
    food.name_en = "Food and snacks"
    reference.flush()

    report = ensure_reference_data(reference)

    assert not report.changed
    assert count(reference, Province) == 77
    assert count(reference, ProvincialCompany) == 78
    reference.expire_all()
    chiang_mai = company_of(reference, "50")
    assert chiang_mai.name_th == "ชื่อที่เจ้าหน้าที่แก้"
    assert (chiang_mai.commission_bps, chiang_mai.shipping_fee_satang) == (800, 4500)
    assert chiang_mai.active is False
    food = reference.scalars(select(Category).where(Category.slug == "food")).one()
    assert food.name_en == "Food and snacks"


def test_reference_data_puts_back_what_is_missing(reference: Session):
    reference.delete(reference.scalars(select(Category).where(Category.slug == "herbal")).one())
    reference.flush()
    report = ensure_reference_data(reference)
    assert report.categories_created == 1
    assert report.companies_created == 0 and report.provinces_created == 0


def test_every_province_routes_to_its_own_company(reference: Session):
    listings = {source.code: listing_in(reference, source.code) for source in geo.provinces()}
    assert len(listings) == 77
    for code, listing in listings.items():
        company = fulfilling_company(reference, listing)
        assert company.province_code == code
        assert not company.is_national
    bulk = fulfilling_companies(reference, set(listings))
    assert all(company.province_code == code for code, company in bulk.items())
    assert set(bulk) == set(listings)


def test_inactive_company_routes_to_the_national_company(reference: Session):
    listing = listing_in(reference, "57")
    company_of(reference, "57").active = False
    reference.flush()

    company = fulfilling_company(reference, listing)

    assert company.is_national
    assert company.id == national_company(reference).id
    assert fulfilling_companies(reference, {"57", "50"})["57"].is_national
    assert fulfilling_companies(reference, {"57", "50"})["50"].province_code == "50"
    assert company_for_province(reference, "50").province_code == "50"


def test_province_without_a_company_routes_to_the_national_company(reference: Session):
    listing = listing_in(reference, "96")
    reference.delete(company_of(reference, "96"))
    reference.flush()
    assert fulfilling_company(reference, listing).is_national


def test_no_national_company_is_a_clear_error(reference: Session):
    listing = listing_in(reference, "90")
    company_of(reference, "90").active = False
    reference.delete(national_company(reference))
    reference.flush()
    with pytest.raises(NoFulfillingCompany, match="no national company"):
        fulfilling_company(reference, listing)


def test_inactive_national_company_is_a_clear_error(reference: Session):
    listing = listing_in(reference, "90")
    company_of(reference, "90").active = False
    national_company(reference).active = False
    reference.flush()
    with pytest.raises(NoFulfillingCompany, match="national company is inactive"):
        fulfilling_company(reference, listing)
    assert fulfilling_companies(reference, set()) == {}
