"""Orders, the lines they hold, and their reviews."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow
from ..fulfilment.models import Fulfilment
from ..payments.models import PaymentMethod
from .states import OrderStatus


class Order(Base):
    """A consumer's order. Money columns are integer satang; ``total = items + shipping``.

    ``idempotency_key`` (unique per consumer) with ``request_fingerprint`` lets a
    repeated submission return the same order instead of a second one.
    """

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("consumer_id", "idempotency_key"),
        CheckConstraint("items_satang >= 0", name="items_nonnegative"),
        CheckConstraint("shipping_satang >= 0", name="shipping_nonnegative"),
        CheckConstraint("total_satang = items_satang + shipping_satang", name="total_is_sum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    consumer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus, "order_status"))
    payment_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    ship_name: Mapped[str] = mapped_column(String(120))
    ship_phone: Mapped[str] = mapped_column(String(20))
    ship_line1: Mapped[str] = mapped_column(String(300))
    ship_subdistrict_code: Mapped[str] = mapped_column(String(6))
    ship_postal_code: Mapped[str] = mapped_column(String(5))
    items_satang: Mapped[int]
    shipping_satang: Mapped[int]
    total_satang: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3), default="THB")
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    placed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    consumer = relationship("User")
    fulfilments: Mapped[list[Fulfilment]] = relationship(back_populates="order", order_by="Fulfilment.id")
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.id")
    payments = relationship("Payment", back_populates="order", order_by="Payment.id")
    events = relationship("AuditEntry", back_populates="order", order_by="AuditEntry.id")


class OrderLine(Base):
    """A snapshot of what was bought: title and unit price as they were at the time."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_satang >= 0", name="unit_price_nonnegative"),
        CheckConstraint("line_total_satang = unit_price_satang * quantity", name="line_total_is_product"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id", ondelete="RESTRICT"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="RESTRICT"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("tour_slots.id", ondelete="RESTRICT"))
    slot_date: Mapped[dt.date | None] = mapped_column(Date)
    title_th: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    category_slug: Mapped[str] = mapped_column(String(40))
    unit_price_satang: Mapped[int]
    quantity: Mapped[int]
    line_total_satang: Mapped[int]
    received_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    order: Mapped[Order] = relationship(back_populates="lines")
    fulfilment: Mapped[Fulfilment] = relationship(back_populates="lines")
    listing = relationship("Listing")
    enterprise = relationship("CommunityEnterprise")


class Review(Base):
    """Two separate ratings per order line: the product (the producer's) and the
    service (the provincial company's)."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("order_line_id"),
        CheckConstraint("product_rating >= 1 AND product_rating <= 5", name="product_rating_range"),
        CheckConstraint(
            "service_rating IS NULL OR (service_rating >= 1 AND service_rating <= 5)", name="service_rating_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="RESTRICT"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="RESTRICT"), index=True)
    consumer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    product_rating: Mapped[int]
    product_text: Mapped[str | None] = mapped_column(Text)
    service_rating: Mapped[int | None]
    service_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
