"""The part of an order that one provincial company fulfils, for one kind of listing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow
from .states import Carrier, FulfilmentKind, FulfilmentStatus


class Fulfilment(Base):
    """The part of one order that one provincial company fulfils, for one kind."""

    __tablename__ = "fulfilments"
    __table_args__ = (
        UniqueConstraint("order_id", "company_id", "kind"),
        CheckConstraint("subtotal_satang >= 0", name="subtotal_nonnegative"),
        CheckConstraint("shipping_satang >= 0", name="shipping_nonnegative"),
        CheckConstraint("cod_amount_satang IS NULL OR cod_amount_satang >= 0", name="cod_nonnegative"),
        CheckConstraint("commission_bps >= 0 AND commission_bps <= 10000", name="commission_bps_range"),
        # the earned lines of a period (income, dashboard, impact, settlement)
        Index("ix_fulfilments_status_done_at", "status", "done_at"),
        # a company's fulfilments that became new in a period (the dashboard's shipping performance)
        Index("ix_fulfilments_company_id_new_at", "company_id", "new_at"),
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

    order = relationship("Order", back_populates="fulfilments")
    company = relationship("ProvincialCompany", lazy="joined")
    lines = relationship("OrderLine", back_populates="fulfilment", order_by="OrderLine.id")
