"""Community enterprises (วิสาหกิจชุมชน) and the producers who manage them."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum, utcnow


class EnterpriseStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SUSPENDED = "suspended"


class CommunityEnterprise(Base):
    """A registered community enterprise. Only approved ones publish listings;
    suspending one hides its listings without deleting anything."""

    __tablename__ = "enterprises"
    __table_args__ = (
        CheckConstraint("otop_stars IS NULL OR (otop_stars >= 1 AND otop_stars <= 5)", name="otop_stars_range"),
        CheckConstraint("otop_stars_declared IS NULL OR (otop_stars_declared >= 1 AND otop_stars_declared <= 5)",
                        name="otop_stars_declared_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    registration_no: Mapped[str] = mapped_column(String(40), unique=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code", ondelete="RESTRICT"), index=True)
    district_code: Mapped[str] = mapped_column(String(4))
    subdistrict_code: Mapped[str] = mapped_column(String(6))
    # The OTOP star level staff of the province's company (or an admin) verified: the only
    # one shown as stars; what the producers declared waits for it beside.
    otop_stars: Mapped[int | None]
    otop_stars_declared: Mapped[int | None]
    description_th: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    promptpay_id: Mapped[str | None] = mapped_column(String(13))
    status: Mapped[EnterpriseStatus] = mapped_column(
        str_enum(EnterpriseStatus, "enterprise_status"), default=EnterpriseStatus.PENDING
    )
    status_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    province = relationship("Province", lazy="joined")
    members: Mapped[list[EnterpriseMember]] = relationship(
        back_populates="enterprise", cascade="all, delete-orphan"
    )


class EnterpriseMember(Base):
    """A producer who may manage an enterprise's listings."""

    __tablename__ = "enterprise_members"

    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    enterprise: Mapped[CommunityEnterprise] = relationship(back_populates="members")
    user = relationship("User", back_populates="memberships")
