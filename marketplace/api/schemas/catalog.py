"""The catalogue: listings, their photos, tour dates and reviews; categories."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from ...catalog import services as listing_services
from ...catalog.images import media_url
from ...catalog.models import Listing as ListingRecord
from ...catalog.models import ListingImage, ListingKind, ListingStatus
from ...catalog.queries import ListingFilters
from ...catalog.slots import DateRangeQuery
from ...orders.reviews import Rating as RatingRecord
from .common import (
    CURRENCY, Currency, Input, Page, PageQuery, ProvinceCode, Query, Rating, Satang, Shape, Stars, Timestamp,
)

_LIMITS = listing_services.INTEGER_LIMITS
ID = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Image(Shape):
    id: int
    url: str = Field(description="The large version")
    thumb_url: str
    width: int
    height: int

    @classmethod
    def of(cls, image: ListingImage) -> Image:
        return cls(id=image.id, url=media_url(image.large_key), thumb_url=media_url(image.thumb_key),
                   width=image.width, height=image.height)


class ImageUpload(Input):
    file: str = Field(json_schema_extra={"contentMediaType": "image/*"},
                      description="One JPEG, PNG or WebP photo; its metadata (EXIF, GPS) is removed")


class EnterpriseBrief(Shape):
    id: int
    name_th: str
    province_code: ProvinceCode
    otop_stars: Stars | None


class Listing(Shape):
    id: int
    kind: ListingKind
    status: ListingStatus
    category: str = Field(description="Category slug")
    title_th: str
    title_en: str | None
    description_th: str
    description_en: str | None
    price_satang: Satang = Field(description="Price in satang; a tour's is per person")
    currency: Currency
    stock: Annotated[int, Field(ge=0)] | None = Field(default=None, description="Products only")
    duration_hours: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Tours only")
    max_group: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Tours only")
    meeting_point: str | None = Field(default=None, description="Tours only")
    enterprise: EnterpriseBrief
    images: list[Image]
    rating: Rating
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def of(cls, listing: ListingRecord, rating: RatingRecord | None = None) -> Listing:
        rating = rating or RatingRecord(None, 0)
        # left out, not None, for the other kind: answers are dumped with exclude_unset
        kind_fields: dict[str, Any]
        if listing.kind is ListingKind.PRODUCT:
            kind_fields = {"stock": listing.stock}
        else:
            kind_fields = {"duration_hours": listing.duration_hours, "max_group": listing.max_group,
                           "meeting_point": listing.meeting_point}
        return cls(
            id=listing.id, kind=listing.kind, status=listing.status, category=listing.category.slug,
            title_th=listing.title_th, title_en=listing.title_en, description_th=listing.description_th,
            description_en=listing.description_en, price_satang=listing.price_satang, currency=CURRENCY,
            **kind_fields, enterprise=EnterpriseBrief.model_validate(listing.enterprise),
            images=[Image.of(image) for image in listing.images],
            rating=Rating(average=rating.average, count=rating.count),
            created_at=listing.created_at, updated_at=listing.updated_at,
        )


class ListingPage(Page):
    items: list[Listing]


class ListingQuery(ListingFilters, PageQuery):
    """The catalogue's filters (with their rules, shared with the pages) and a page."""


def _bounded(name: str, description: str) -> Any:  # as pydantic.Field is, to stand for any member type
    low, high = _LIMITS[name]
    return Field(default=None, ge=low, le=high, description=description)


class ListingUpdate(Input):
    """Only the members sent change. Members not listed here are ignored. The catalogue
    service checks what needs the database (the category of the kind, the enterprise
    being approved to publish) and what depends on the kind."""

    enterprise_id: int | None = Field(default=None, description="May be sent, cannot change")
    kind: ListingKind | None = Field(default=None, description="May be sent, cannot change")
    category: str | None = Field(default=None, description="A category slug of the listing's kind (GET /categories)")
    title_th: str | None = Field(default=None, max_length=listing_services.TITLE_MAX)
    title_en: str | None = Field(default=None, max_length=listing_services.TITLE_MAX,
                                 description="Optional; Thai is shown where missing")
    description_th: str | None = Field(default=None, max_length=listing_services.DESCRIPTION_MAX)
    description_en: str | None = Field(default=None, max_length=listing_services.DESCRIPTION_MAX)
    price_satang: int | None = Field(default=None, ge=0, le=listing_services.MAX_PRICE_SATANG,
                                     description="A JSON integer of satang (a tour's is per person); "
                                                 "floats, strings and booleans are refused")
    stock: int | None = _bounded("stock", "Products only (0 when left out on creation)")
    low_stock_threshold: int | None = _bounded(
        "low_stock_threshold", "Products only: the producer's dashboard warns at this stock or below (default 5)")
    duration_hours: int | None = _bounded("duration_hours", "Tours only; required for a tour")
    max_group: int | None = _bounded("max_group", "Tours only: the most people one booking may bring")
    meeting_point: str | None = Field(default=None, max_length=listing_services.MEETING_POINT_MAX,
                                      description="Tours only")
    status: ListingStatus | None = None


class ListingCreate(ListingUpdate):
    """A draft unless ``status`` is "active". Members not listed here are ignored."""

    enterprise_id: int = Field(description="One of the caller's enterprises")
    kind: ListingKind
    category: str | None = Field(description=ListingUpdate.model_fields["category"].description)
    title_th: str | None = Field(max_length=listing_services.TITLE_MAX)
    description_th: str | None = Field(max_length=listing_services.DESCRIPTION_MAX)
    price_satang: int = Field(ge=0, le=listing_services.MAX_PRICE_SATANG,
                              description=ListingUpdate.model_fields["price_satang"].description)
    status: Literal[ListingStatus.DRAFT, ListingStatus.ACTIVE] = Field(
        default=ListingStatus.DRAFT, description="\"active\" publishes at once (the enterprise must be approved)")


class Category(Shape):
    slug: str
    name_th: str
    name_en: str
    kind: ListingKind
    retired: bool = Field(description="A retired category takes no new listings (creating one in it or moving "
                                      "one into it answers 422 on `category`); its listings keep it")


class CategoryList(Shape):
    items: list[Category]


# -- tour dates ----------------------------------------------------------------------------------

class Slot(Shape):
    id: int
    date: dt.date = Field(description="A calendar day in Thailand")
    capacity: Annotated[int, Field(ge=0)]
    available: Annotated[int, Field(ge=0)] = Field(description="Seats still bookable; 0 when closed or full")
    seats_taken: Annotated[int, Field(ge=0)]
    closed: bool = Field(description="Closed dates keep their bookings but take no more")


class SlotList(Shape):
    items: list[Slot]


SlotQuery = DateRangeQuery


class NewSlot(Input):
    date: dt.date = Field(description="Today (in Thailand) or later, at most two years ahead")
    capacity: int = Field(ge=1, le=1000, description="A whole number of seats from 1 to 1000")


# -- reviews -------------------------------------------------------------------------------------

class ListingReview(Shape):
    id: int
    product_rating: Stars
    product_text: str | None
    reviewer_name: str
    created_at: Timestamp


class ListingReviewList(Shape):
    items: list[ListingReview]


class ReviewLimit(Query):
    limit: Annotated[int, Field(ge=1, le=100)] = Field(default=24, description="Items per page")


class ReviewRequest(Input):
    product_rating: int | str = Field(description="1 to 5 stars for the product")
    product_text: str | None = Field(default=None, max_length=2000)
    service_rating: int | str | None = Field(default=None, description="1 to 5 stars for the company's service")
    service_text: str | None = Field(default=None, max_length=2000)


class Review(Shape):
    id: int
    order_line_id: int
    listing_id: int
    product_rating: Stars
    product_text: str | None
    service_rating: Stars | None
    service_text: str | None
    created_at: Timestamp
