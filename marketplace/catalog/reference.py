"""The reference data every marketplace needs: provinces and their companies (from
``companies``), and the listing categories."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..companies.services import ReferenceReport, ensure_provinces_and_companies
from .models import Category, ListingKind


@dataclasses.dataclass(frozen=True)
class CategorySpec:
    slug: str
    name_th: str
    name_en: str
    kind: ListingKind


# The five OTOP product types, then community-based tourism; ``position`` is the order here.
CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("food", "อาหาร", "Food", ListingKind.PRODUCT),
    CategorySpec("beverages", "เครื่องดื่ม", "Beverages", ListingKind.PRODUCT),
    CategorySpec("textiles", "ผ้า เครื่องแต่งกาย", "Textiles and garments", ListingKind.PRODUCT),
    CategorySpec(
        "souvenirs", "ของใช้ ของประดับ ของที่ระลึก", "Household goods and souvenirs", ListingKind.PRODUCT
    ),
    CategorySpec("herbal", "สมุนไพรที่ไม่ใช่อาหาร", "Herbal non-food products", ListingKind.PRODUCT),
    CategorySpec("community-tourism", "ท่องเที่ยวโดยชุมชน", "Community-based tourism", ListingKind.TOUR),
)


def ensure_reference_data(session: Session) -> ReferenceReport:
    """Make sure the 77 provinces, one company per province, the national company and
    the six categories exist. Idempotent: a second call changes nothing. Categories are
    only inserted when missing. Flushes, never commits."""
    report = ensure_provinces_and_companies(session)
    existing_slugs = set(session.scalars(select(Category.slug)))
    for position, spec in enumerate(CATEGORIES):
        if spec.slug not in existing_slugs:
            session.add(Category(slug=spec.slug, name_th=spec.name_th, name_en=spec.name_en,
                                 kind=spec.kind, position=position))
            report.categories_created += 1
    session.flush()
    return report
