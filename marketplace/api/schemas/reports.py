"""Reports: the companies' income report."""

from __future__ import annotations

from pydantic import Field

from ...reports.income import IncomeQuery  # noqa: F401 (the report's parameters, shared with the page)
from ...reports.income import IncomeRow as IncomeRowRecord
from .common import Currency, Satang, Shape


class IncomeRow(Shape):
    key: str | int = Field(description="Province code of the producing enterprise, enterprise id, category slug, "
                                       "listing kind (`product` or `tour`) or company id")
    name: str = Field(description="A human name, in Thai")
    name_en: str | None = Field(description="The English name, where there is one")
    orders: int = Field(description="Distinct orders with earned lines in this group")
    items_satang: Satang
    commission_satang: Satang
    producer_net_satang: int
    currency: Currency

    @classmethod
    def of(cls, row: IncomeRowRecord) -> IncomeRow:
        return cls(key=row.key, name=row.name, name_en=row.name_en, orders=row.orders,
                   items_satang=row.items_satang, commission_satang=row.commission_satang,
                   producer_net_satang=row.producer_net_satang, currency="THB")


class IncomeReport(Shape):
    items: list[IncomeRow]
