"""Provinces and the Pracharath Rak Samakkee social-enterprise companies that serve them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, str_enum
from ..geo import Region


class Province(Base):
    """One of the 77 provinces, keyed by its two-digit DOPA code, loaded from geothai."""

    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    region: Mapped[Region] = mapped_column(str_enum(Region, "region"))

    company: Mapped[ProvincialCompany | None] = relationship(back_populates="province", uselist=False)


class ProvincialCompany(Base):
    """บริษัท ประชารัฐรักสามัคคี <จังหวัด> (วิสาหกิจเพื่อสังคม) จำกัด, or the national company.

    The national company has no province (``is_national``); it takes the orders of
    every province whose own company is inactive. Commission is in basis points of
    the goods value; the shipping fee is a flat amount per goods fulfilment.
    """

    __tablename__ = "companies"
    __table_args__ = (
        CheckConstraint("commission_bps >= 0 AND commission_bps <= 10000", name="commission_bps_range"),
        CheckConstraint("shipping_fee_satang >= 0", name="shipping_fee_nonnegative"),
        CheckConstraint(
            "(is_national AND province_code IS NULL) OR (NOT is_national AND province_code IS NOT NULL)",
            name="national_has_no_province",
        ),
        Index(
            "uq_companies_one_national", "is_national", unique=True,
            sqlite_where=text("is_national"), postgresql_where=text("is_national"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[str | None] = mapped_column(
        ForeignKey("provinces.code", ondelete="RESTRICT"), unique=True
    )
    is_national: Mapped[bool] = mapped_column(default=False)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    promptpay_id: Mapped[str | None] = mapped_column(String(13))
    commission_bps: Mapped[int] = mapped_column(default=1000)
    shipping_fee_satang: Mapped[int] = mapped_column(default=5000)
    active: Mapped[bool] = mapped_column(default=True)

    province: Mapped[Province | None] = relationship(back_populates="company")
