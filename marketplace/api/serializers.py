"""Model objects → the JSON shapes of the API contract.

Field names here are the contract's and never change; new fields may be added.
The matching JSON schemas for the OpenAPI document live in ``openapi.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..accounts.models import User
from ..catalog.images import media_url
from ..catalog.models import Category, Listing, ListingImage, ListingKind
from ..catalog.queries import Rating
from ..companies.models import Province, ProvincialCompany
from ..pagination import Page

CURRENCY = "THB"


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with its UTC offset (the columns are timezone-aware)."""
    return moment.isoformat() if moment is not None else None


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "roles": sorted(role.value for role in user.roles),
        "enterprise_ids": sorted(member.enterprise_id for member in user.memberships),
        "company_id": user.company_id,
    }


def image_json(image: ListingImage) -> dict[str, Any]:
    return {
        "id": image.id,
        "url": media_url(image.large_key),
        "thumb_url": media_url(image.thumb_key),
        "width": image.width,
        "height": image.height,
    }


def listing_json(listing: Listing, rating: Rating | None = None) -> dict[str, Any]:
    enterprise = listing.enterprise
    rating = rating or Rating(None, 0)
    data: dict[str, Any] = {
        "id": listing.id,
        "kind": listing.kind.value,
        "status": listing.status.value,
        "category": listing.category.slug,
        "title_th": listing.title_th,
        "title_en": listing.title_en,
        "description_th": listing.description_th,
        "description_en": listing.description_en,
        "price_satang": listing.price_satang,
        "currency": CURRENCY,
    }
    if listing.kind is ListingKind.PRODUCT:
        data["stock"] = listing.stock
    else:
        data["duration_hours"] = listing.duration_hours
        data["max_group"] = listing.max_group
        data["meeting_point"] = listing.meeting_point
    data.update({
        "enterprise": {
            "id": enterprise.id,
            "name_th": enterprise.name_th,
            "province_code": enterprise.province_code,
            "otop_stars": enterprise.otop_stars,
        },
        "images": [image_json(image) for image in listing.images],
        "rating": {"average": rating.average, "count": rating.count},
        "created_at": iso(listing.created_at),
        "updated_at": iso(listing.updated_at),
    })
    return data


def listings_page_json(page: Page[Listing], ratings: dict[int, Rating]) -> dict[str, Any]:
    return {
        "items": [listing_json(listing, ratings.get(listing.id)) for listing in page.items],
        "next_cursor": page.next_cursor,
    }


def company_brief_json(company: ProvincialCompany | None) -> dict[str, Any] | None:
    if company is None:
        return None
    return {"id": company.id, "name_th": company.name_th, "active": company.active}


def province_json(province: Province) -> dict[str, Any]:
    return {
        "code": province.code,
        "name_th": province.name_th,
        "name_en": province.name_en,
        "region": province.region.value,
        "company": company_brief_json(province.company),
    }


def district_json(district) -> dict[str, Any]:
    """A geothai district."""
    return {"code": district.code, "name_th": district.name_th, "name_en": district.name_en}


def subdistrict_json(subdistrict) -> dict[str, Any]:
    """A geothai subdistrict, with the postal codes it is served by."""
    return {
        "code": subdistrict.code,
        "name_th": subdistrict.name_th,
        "name_en": subdistrict.name_en,
        "postal_codes": list(subdistrict.postal_codes),
    }


def category_json(category: Category) -> dict[str, Any]:
    return {
        "slug": category.slug,
        "name_th": category.name_th,
        "name_en": category.name_en,
        "kind": category.kind.value,
    }
