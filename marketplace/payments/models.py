"""Payments, refunds, and the provider events already handled."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow
from .states import PaymentStatus


class PaymentMethod(enum.StrEnum):
    CARD = "card"
    PROMPTPAY = "promptpay"
    COD = "cod"


class RefundStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Payment(Base):
    """The money side of an order: one per order, through Stripe, a PromptPay transfer
    confirmed by hand, or cash on delivery."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount_satang >= 0", name="amount_nonnegative"),
        CheckConstraint("refunded_satang >= 0 AND refunded_satang <= amount_satang", name="refund_within_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"), index=True)
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    provider: Mapped[str] = mapped_column(String(20))
    intent_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    client_secret: Mapped[str | None] = mapped_column(String(255))
    amount_satang: Mapped[int]
    refunded_satang: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="THB")
    status: Mapped[PaymentStatus] = mapped_column(str_enum(PaymentStatus, "payment_status"))
    reference: Mapped[str | None] = mapped_column(String(100))
    failure_message: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    order = relationship("Order", back_populates="payments")
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")


class Refund(Base):
    """Money given back, for a whole order or one fulfilment's share."""

    __tablename__ = "refunds"
    __table_args__ = (CheckConstraint("amount_satang > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id", ondelete="RESTRICT"), index=True)
    fulfilment_id: Mapped[int | None] = mapped_column(ForeignKey("fulfilments.id", ondelete="RESTRICT"))
    amount_satang: Mapped[int]
    provider_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    status: Mapped[RefundStatus] = mapped_column(str_enum(RefundStatus, "refund_status"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="refunds")
    fulfilment = relationship("Fulfilment")


class ProviderEvent(Base):
    """A webhook event already recorded; its id makes a replay a no-op."""

    __tablename__ = "provider_events"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
