"""Settlement statements: what a provincial company owes each community enterprise for a month.

A statement is issued once per (company, enterprise, month) and never edited afterwards:
its lines and totals are what the company and the producer agreed on. A correction (a
settled line refunded or cancelled later) is a new *adjustment* line, with negative
amounts, on the enterprise's next statement. The only thing that changes on an issued
statement is its payment: the company marks it paid with the bank transfer's reference.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime, str_enum


class StatementStatus(enum.StrEnum):
    ISSUED = "issued"
    PAID = "paid"


class SettlementLineKind(enum.StrEnum):
    SALE = "sale"
    ADJUSTMENT = "adjustment"


class SettlementStatement(Base):
    """One enterprise's earnings through one company in one Bangkok calendar month.

    ``month`` is the first day of the month. The totals are the sums of the lines,
    and ``gross = commission + net`` holds for every statement and every line.
    """

    __tablename__ = "settlement_statements"
    __table_args__ = (
        UniqueConstraint("company_id", "enterprise_id", "month"),
        CheckConstraint("gross_satang = commission_satang + net_satang", name="gross_is_sum"),
        CheckConstraint(
            "(status = 'issued' AND paid_at IS NULL AND paid_by_id IS NULL AND transfer_reference IS NULL) "
            "OR (status = 'paid' AND paid_at IS NOT NULL AND transfer_reference IS NOT NULL)",
            name="paid_has_reference",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="RESTRICT"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    month: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[StatementStatus] = mapped_column(str_enum(StatementStatus, "statement_status"))
    gross_satang: Mapped[int]
    commission_satang: Mapped[int]
    net_satang: Mapped[int]
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    transfer_reference: Mapped[str | None] = mapped_column(String(100))

    company = relationship("ProvincialCompany", lazy="joined")
    enterprise = relationship("CommunityEnterprise", lazy="joined")
    issued_by = relationship("User", foreign_keys=[issued_by_id])
    paid_by = relationship("User", foreign_keys=[paid_by_id])
    lines: Mapped[list[SettlementLine]] = relationship(back_populates="statement", order_by="SettlementLine.id")


class SettlementLine(Base):
    """One line of a statement: an order line sold (settled exactly once, hence the unique
    ``order_line_id``), or an adjustment correcting an earlier sale line (``corrects_id``)
    whose amounts may be negative."""

    __tablename__ = "settlement_lines"
    __table_args__ = (
        CheckConstraint("gross_satang = commission_satang + net_satang", name="gross_is_sum"),
        CheckConstraint("commission_bps >= 0 AND commission_bps <= 10000", name="commission_bps_range"),
        CheckConstraint(
            "(kind = 'sale' AND order_line_id IS NOT NULL AND corrects_id IS NULL "
            "AND gross_satang >= 0 AND commission_satang >= 0 AND net_satang >= 0) "
            "OR (kind = 'adjustment' AND order_line_id IS NULL)",
            name="kind_rules",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("settlement_statements.id", ondelete="RESTRICT"),
                                              index=True)
    kind: Mapped[SettlementLineKind] = mapped_column(str_enum(SettlementLineKind, "settlement_line_kind"))
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id", ondelete="RESTRICT"),
                                                      unique=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("settlement_lines.id", ondelete="RESTRICT"),
                                                    index=True)
    description: Mapped[str] = mapped_column(String(300))
    commission_bps: Mapped[int]
    gross_satang: Mapped[int]
    commission_satang: Mapped[int]
    net_satang: Mapped[int]

    statement: Mapped[SettlementStatement] = relationship(back_populates="lines")
    order_line = relationship("OrderLine")
    corrects: Mapped[SettlementLine | None] = relationship(remote_side=[id])


class EarnedSale(Base):
    """One earned order line, as the dashboards and the impact page read it: a rollup of
    ``order_lines`` and their fulfilments, written by ``earned.record_earned_sales`` in
    the transaction that delivers or completes the fulfilment, and never changed.

    It holds what the figures group and filter by, already joined and dated (the Thai
    calendar day and month the fulfilment was done, the producing enterprise's province
    and region, the listing's kind), and the line's items and commission at the
    fulfilment's own rate, so that a year of a million lines is summed without a join.
    ``earned.earned_lines`` stays the definition: a test holds the two equal."""

    __tablename__ = "earned_sales"
    __table_args__ = (
        Index("ix_earned_sales_day", "day"),
        Index("ix_earned_sales_company_id_day", "company_id", "day"),
        Index("ix_earned_sales_enterprise_id_day", "enterprise_id", "day"),
    )

    line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="RESTRICT"), primary_key=True)
    order_id: Mapped[int]
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id", ondelete="RESTRICT"))
    company_id: Mapped[int]
    day: Mapped[dt.date] = mapped_column(Date)  # in Thailand
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM", in Thailand
    enterprise_id: Mapped[int]
    province_code: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(16))
    listing_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    category_slug: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int]
    items_satang: Mapped[int] = mapped_column(BigInteger)
    commission_satang: Mapped[int] = mapped_column(BigInteger)
    # Counting distinct orders over a year of lines is the costly part of the figures, so
    # most orders are counted by adding these up: 1 on the first line of its fulfilment
    # (of its fulfilment in this province, region, category) when the order has a single
    # fulfilment, whose lines are all done on one day; 0 otherwise. An order split between
    # fulfilments (``shared_order``) is counted distinctly, by id.
    shared_order: Mapped[bool]
    counts_order: Mapped[int] = mapped_column(SmallInteger)
    counts_order_in_province: Mapped[int] = mapped_column(SmallInteger)
    counts_order_in_region: Mapped[int] = mapped_column(SmallInteger)
    counts_order_in_category: Mapped[int] = mapped_column(SmallInteger)
