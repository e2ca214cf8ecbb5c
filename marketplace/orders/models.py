"""Orders, their per-company fulfilments, the lines they hold, and the audit trail."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow
from ..fulfilment.states import Carrier, FulfilmentKind, FulfilmentStatus
from .states import OrderStatus


class PaymentMethod(enum.StrEnum):
    CARD = "card"
    PROMPTPAY = "promptpay"
    COD = "cod"


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
    events: Mapped[list[OrderEvent]] = relationship(back_populates="order", order_by="OrderEvent.id")


class Fulfilment(Base):
    """The part of one order that one provincial company fulfils, for one kind."""

    __tablename__ = "fulfilments"
    __table_args__ = (
        UniqueConstraint("order_id", "company_id", "kind"),
        CheckConstraint("subtotal_satang >= 0", name="subtotal_nonnegative"),
        CheckConstraint("shipping_satang >= 0", name="shipping_nonnegative"),
        CheckConstraint("cod_amount_satang IS NULL OR cod_amount_satang >= 0", name="cod_nonnegative"),
        CheckConstraint("commission_bps >= 0 AND commission_bps <= 10000", name="commission_bps_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[FulfilmentKind] = mapped_column(str_enum(FulfilmentKind, "fulfilment_kind"))
    status: Mapped[FulfilmentStatus] = mapped_column(str_enum(FulfilmentStatus, "fulfilment_status"), index=True)
    carrier: Mapped[Carrier | None] = mapped_column(str_enum(Carrier, "carrier"))
    tracking_number: Mapped[str | None] = mapped_column(String(60))
    subtotal_satang: Mapped[int]
    shipping_satang: Mapped[int]
    commission_bps: Mapped[int]  # the company's rate when the order was placed
    cod_amount_satang: Mapped[int | None]
    cod_collected_satang: Mapped[int | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    # cancelled because its order's payment window ran out: a late payment may reinstate it
    expired: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    new_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    shipped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    order: Mapped[Order] = relationship(back_populates="fulfilments")
    company = relationship("ProvincialCompany", lazy="joined")
    lines: Mapped[list[OrderLine]] = relationship(back_populates="fulfilment", order_by="OrderLine.id")


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


class OrderEvent(Base):
    """Append-only audit trail: who changed what on an order, when."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    fulfilment_id: Mapped[int | None] = mapped_column(ForeignKey("fulfilments.id", ondelete="RESTRICT"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="events")
    actor = relationship("User")


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
