"""Reports: the companies' income report, the dashboard and the impact figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field

from ...geo import Region
from ...reports.dashboard import Dashboard as DashboardRecord
from ...reports.dashboard import DashboardQuery  # noqa: F401 (the dashboard's parameters, shared with the pages)
from ...reports.dashboard import DormantEnterprises as DormantRecord
from ...reports.dashboard import Figures as FiguresRecord
from ...reports.dashboard import GroupFigures as GroupRecord
from ...reports.dashboard import MonthFigures as MonthRecord
from ...reports.dashboard import ProvinceFigures as ProvinceRecord
from ...reports.impact import Impact as ImpactRecord
from ...reports.impact import ProvinceImpact as ProvinceImpactRecord
from ...reports.income import IncomeQuery  # noqa: F401 (the report's parameters, shared with the page)
from ...reports.income import IncomeRow as IncomeRowRecord
from .common import CURRENCY, Currency, ProvinceCode, Satang, Shape


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


# -- the dashboard --------------------------------------------------------------------------------------

class EarnedFigures(Shape):
    """Earned figures of a group of lines: delivered and completed only, `commission_satang +
    producer_net_satang = items_satang` (commission at each fulfilment's own rate)."""

    orders: int = Field(description="Distinct orders with earned lines")
    items_satang: Satang
    commission_satang: Satang
    producer_net_satang: int = Field(description="Items less commission: what the producers earned")
    enterprises_with_sales: int | None = Field(description="Distinct producing enterprises: in the totals and per "
                                                           "region and province; null per month, kind and category")
    currency: Currency

    @staticmethod
    def figures_of(row: FiguresRecord) -> dict[str, Any]:
        return {**row.figures(), "currency": CURRENCY}


class DashboardMonth(EarnedFigures):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="The month (Asia/Bangkok) the lines were earned in")

    @classmethod
    def of(cls, row: MonthRecord) -> DashboardMonth:
        return cls(month=row.month, **cls.figures_of(row))


class DashboardGroup(EarnedFigures):
    key: str = Field(description="Region (`north`…), province code of the producing enterprise, kind "
                                 "(`product` or `tour`) or category slug")
    name: str = Field(description="The Thai name (as `name_th`)")
    name_th: str
    name_en: str | None

    @classmethod
    def of(cls, row: GroupRecord) -> DashboardGroup:
        return cls(key=row.key, name=row.name_th, name_th=row.name_th, name_en=row.name_en, **cls.figures_of(row))


class DashboardProvince(DashboardGroup):
    region: Region

    @classmethod
    def of(cls, row: GroupRecord) -> DashboardProvince:
        assert isinstance(row, ProvinceRecord)
        return cls(key=row.key, name=row.name_th, name_th=row.name_th, name_en=row.name_en, region=row.region,
                   **cls.figures_of(row))


class TopEnterprise(Shape):
    id: int
    name_th: str
    name_en: str | None
    province_code: ProvinceCode
    producer_net_satang: int
    items_satang: Satang
    orders: int


class TopListing(Shape):
    id: int
    title_th: str
    title_en: str | None
    enterprise_id: int
    enterprise_name_th: str
    enterprise_name_en: str | None
    quantity: int = Field(description="Units (tours: people) earned")
    producer_net_satang: int
    items_satang: Satang


class DormantEnterprise(Shape):
    id: int
    name_th: str
    name_en: str | None
    province_code: ProvinceCode
    last_sale: dt.date | None = Field(description="The day (Asia/Bangkok) of its last earned line; null: never")


class DormantEnterprises(Shape):
    """Approved enterprises of the provinces the company serves now without an earned line
    in the 90 days up to today: never sold first, then the longest silent."""

    since: dt.date = Field(description="The first of the 90 days")
    total: int = Field(description="How many there are; `items` holds the first 50")
    items: list[DormantEnterprise]

    @classmethod
    def of(cls, dormant: DormantRecord) -> DormantEnterprises:
        return cls(since=dormant.since, total=dormant.total,
                   items=[DormantEnterprise.model_validate(row) for row in dormant.enterprises])


Share = Annotated[float, Field(ge=0, le=1)]


class CompanyPerformance(Shape):
    """How a company handled the fulfilments that became new (paid) within the period."""

    id: int
    name_th: str
    name_en: str
    fulfilments: int = Field(description="Fulfilments that became new within the period")
    median_hours_to_ship: float | None = Field(description="Goods shipped: hours from new to shipped, "
                                                           "nearest-rank median; null when none shipped")
    p90_hours_to_ship: float | None = Field(description="The same, nearest-rank 90th percentile")
    late_share: Share | None = Field(description="Share of `fulfilments` shipped more than 5 days after "
                                                 "becoming new, or still open and late now; null of none")
    cancelled_share: Share | None = Field(description="Share of `fulfilments` cancelled; null of none")
    late: int
    cancelled: int
    shipped: int = Field(description="Goods shipped, which the hours are measured on")


class Dashboard(Shape):
    first_day: dt.date = Field(description="`from`, or its default")
    last_day: dt.date = Field(description="`to`, or its default (today)")
    company_id: int | None = Field(description="The company reported on; null: the whole country")
    currency: Currency
    totals: EarnedFigures
    by_month: list[DashboardMonth] = Field(description="Every month of the period, oldest first")
    by_region: list[DashboardGroup] = Field(description="The six regions (of the producing enterprises)")
    by_province: list[DashboardProvince] = Field(description="Provinces with sales, largest items first")
    by_kind: list[DashboardGroup] = Field(description="`product` (goods), then `tour` (community tourism)")
    by_category: list[DashboardGroup] = Field(description="Categories with sales, largest items first")
    top_enterprises: list[TopEnterprise] = Field(description="At most 10, largest producer net first")
    top_listings: list[TopListing] = Field(description="At most 10, largest producer net first")
    dormant_enterprises: DormantEnterprises
    companies: list[CompanyPerformance] = Field(description="Every company with fulfilments in the period, "
                                                            "least late first, then fastest; or the one reported on")

    @classmethod
    def of(cls, board: DashboardRecord) -> Dashboard:
        return cls(
            first_day=board.date_from, last_day=board.date_to, company_id=board.company_id, currency=CURRENCY,
            totals=EarnedFigures(**EarnedFigures.figures_of(board.totals)),
            by_month=[DashboardMonth.of(row) for row in board.by_month],
            by_region=[DashboardGroup.of(row) for row in board.by_region],
            by_province=[DashboardProvince.of(row) for row in board.by_province],
            by_kind=[DashboardGroup.of(row) for row in board.by_kind],
            by_category=[DashboardGroup.of(row) for row in board.by_category],
            top_enterprises=[TopEnterprise.model_validate(row) for row in board.top_enterprises],
            top_listings=[TopListing.model_validate(row) for row in board.top_listings],
            dormant_enterprises=DormantEnterprises.of(board.dormant_enterprises),
            companies=[CompanyPerformance.model_validate(row) for row in board.companies],
        )


# -- the impact page ------------------------------------------------------------------------------------

class ImpactYear(EarnedFigures):
    year: int = Field(description="This calendar year (Asia/Bangkok)")


class ServingCompany(Shape):
    """The company that takes the province's new orders now (the national company while the
    province's own is inactive)."""

    id: int
    name_th: str
    name_en: str
    phone: str | None
    email: str | None


class ProvinceImpact(EarnedFigures):
    code: ProvinceCode
    name_th: str
    name_en: str
    region: Region
    company: ServingCompany | None = Field(description="null only when no company can take orders")

    @classmethod
    def of(cls, row: ProvinceImpactRecord) -> ProvinceImpact:
        company = ServingCompany.model_validate(row.company) if row.company is not None else None
        return cls(code=row.code, name_th=row.name_th, name_en=row.name_en, region=row.region, company=company,
                   **cls.figures_of(row))


class Impact(Shape):
    """What the marketplace brought the communities: earned lines only, no personal data.
    May be up to 10 minutes old."""

    year: ImpactYear
    all_time: EarnedFigures
    active_enterprises: int = Field(description="Approved enterprises")
    active_listings: int = Field(description="Active listings of approved enterprises")
    provinces: list[ProvinceImpact] = Field(description="The 77 provinces by code, all time, zeros where "
                                                        "nothing sold")
    regions: list[DashboardGroup] = Field(description="The six regions, all time")
    currency: Currency

    @classmethod
    def of(cls, found: ImpactRecord) -> Impact:
        return cls(
            year=ImpactYear(year=found.year.year, **EarnedFigures.figures_of(found.year)),
            all_time=EarnedFigures(**EarnedFigures.figures_of(found.all_time)),
            active_enterprises=found.active_enterprises, active_listings=found.active_listings,
            provinces=[ProvinceImpact.of(row) for row in found.provinces],
            regions=[DashboardGroup.of(row) for row in found.regions],
            currency=CURRENCY,
        )
