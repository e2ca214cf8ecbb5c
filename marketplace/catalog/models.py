"""What communities offer: categories, listings (goods and tours), photos and tour dates."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow


class ListingKind(enum.StrEnum):
    PRODUCT = "product"
    TOUR = "tour"


class ListingStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class Category(Base):
    """One of the five OTOP product types, or community-based tourism, or another the
    national admin added. A retired category (``retired_at`` set) takes no new listings;
    the listings already in it keep it. Its slug never changes: order lines and the
    income report name categories by slug."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    kind: Mapped[ListingKind] = mapped_column(str_enum(ListingKind, "category_kind"))
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


class Listing(Base):
    """A product (with stock) or a tour (with dated slots). Prices are integer satang;
    a tour's price is per person. Ordered listings are archived, never deleted."""

    __tablename__ = "listings"
    __table_args__ = (
        CheckConstraint("price_satang >= 0", name="price_nonnegative"),
        CheckConstraint("stock IS NULL OR stock >= 0", name="stock_nonnegative"),
        CheckConstraint("duration_hours IS NULL OR duration_hours > 0", name="duration_positive"),
        CheckConstraint("max_group IS NULL OR max_group > 0", name="max_group_positive"),
        CheckConstraint(
            "(kind = 'product' AND stock IS NOT NULL) OR (kind = 'tour' AND stock IS NULL)",
            name="stock_only_for_products",
        ),
        Index("ix_listings_status_created", "status", "created_at", "id"),
        Index("ix_listings_status_price", "status", "price_satang", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[ListingKind] = mapped_column(str_enum(ListingKind, "listing_kind"))
    status: Mapped[ListingStatus] = mapped_column(
        str_enum(ListingStatus, "listing_status"), default=ListingStatus.DRAFT
    )
    title_th: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    description_th: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    price_satang: Mapped[int]
    stock: Mapped[int | None]
    low_stock_threshold: Mapped[int] = mapped_column(default=5)
    duration_hours: Mapped[int | None]
    max_group: Mapped[int | None]
    meeting_point: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    enterprise = relationship("CommunityEnterprise", lazy="joined", innerjoin=True)
    category: Mapped[Category] = relationship(lazy="joined", innerjoin=True)
    images: Mapped[list[ListingImage]] = relationship(
        back_populates="listing", order_by="ListingImage.position", cascade="all, delete-orphan"
    )
    slots: Mapped[list[TourSlot]] = relationship(back_populates="listing", order_by="TourSlot.date")

    @property
    def cover(self) -> ListingImage | None:
        return self.images[0] if self.images else None


class ListingImage(Base):
    """A photo, stored as a large version and a thumbnail under content-hash names.
    ``position`` 0 is the cover."""

    __tablename__ = "listing_images"
    __table_args__ = (UniqueConstraint("listing_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    large_key: Mapped[str] = mapped_column(String(200))
    thumb_key: Mapped[str] = mapped_column(String(200))
    width: Mapped[int]
    height: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    listing: Mapped[Listing] = relationship(back_populates="images")


class TourSlot(Base):
    """A dated departure of a tour with a capacity in seats (people)."""

    __tablename__ = "tour_slots"
    __table_args__ = (
        UniqueConstraint("listing_id", "date"),
        CheckConstraint("capacity >= 0", name="capacity_nonnegative"),
        CheckConstraint("seats_taken >= 0", name="seats_taken_nonnegative"),
        CheckConstraint("seats_taken <= capacity", name="seats_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="RESTRICT"))
    date: Mapped[dt.date] = mapped_column(Date)
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0)
    closed: Mapped[bool] = mapped_column(default=False)

    listing: Mapped[Listing] = relationship(back_populates="slots")

    @property
    def available(self) -> int:
        return 0 if self.closed else self.capacity - self.seats_taken
