"""Every table of the dashboards, and the impact page's provinces, as a CSV file (``csv_files``:
English headers, amounts in baht as plain decimals, Thai names as they are)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..csv_files import csv_bytes, safe_text
from ..money import satang_to_decimal_text as baht
from .dashboard import Dashboard, Figures, GroupFigures
from .impact import Impact

FIGURE_HEADER = ("orders", "items_thb", "commission_thb", "producer_net_thb")


def _figures(row: Figures) -> list[str]:
    return [str(row.orders), baht(row.items_satang), baht(row.commission_satang), baht(row.producer_net_satang)]


def _groups(rows: Iterable[GroupFigures]) -> list[list[str]]:
    return [[row.key, safe_text(row.name_th), safe_text(row.name_en), *_figures(row)] for row in rows]


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


GROUP_HEADER = ("key", "name_th", "name_en", *FIGURE_HEADER)
TABLES: dict[str, tuple[Sequence[str], Callable[[Dashboard], list[list[str]]]]] = {
    "months": (("month", *FIGURE_HEADER), lambda board: [[row.month, *_figures(row)] for row in board.by_month]),
    "regions": (GROUP_HEADER, lambda board: _groups(board.by_region)),
    "provinces": (("province_code", "name_th", "name_en", "region", *FIGURE_HEADER), lambda board: [
        [row.key, safe_text(row.name_th), safe_text(row.name_en), row.region.value, *_figures(row)]
        for row in board.by_province]),
    "kinds": (GROUP_HEADER, lambda board: _groups(board.by_kind)),
    "categories": (GROUP_HEADER, lambda board: _groups(board.by_category)),
    "enterprises": (("enterprise_id", "name_th", "name_en", "province_code", "orders", "items_thb",
                     "producer_net_thb"), lambda board: [
        [str(row.id), safe_text(row.name_th), safe_text(row.name_en), row.province_code, str(row.orders),
         baht(row.items_satang), baht(row.producer_net_satang)] for row in board.top_enterprises]),
    "listings": (("listing_id", "title_th", "title_en", "enterprise_id", "enterprise_name_th", "quantity",
                  "items_thb", "producer_net_thb"), lambda board: [
        [str(row.id), safe_text(row.title_th), safe_text(row.title_en), str(row.enterprise_id),
         safe_text(row.enterprise_name_th), str(row.quantity), baht(row.items_satang), baht(row.producer_net_satang)]
        for row in board.top_listings]),
    "dormant": (("enterprise_id", "name_th", "name_en", "province_code", "last_sale"), lambda board: [
        [str(row.id), safe_text(row.name_th), safe_text(row.name_en), row.province_code,
         row.last_sale.isoformat() if row.last_sale else ""] for row in board.dormant_enterprises.enterprises]),
    "companies": (("company_id", "name_th", "name_en", "fulfilments", "median_hours_to_ship", "p90_hours_to_ship",
                   "late_share", "cancelled_share"), lambda board: [
        [str(row.id), safe_text(row.name_th), safe_text(row.name_en), str(row.fulfilments),
         _hours(row.median_hours_to_ship), _hours(row.p90_hours_to_ship), _share(row.late_share),
         _share(row.cancelled_share)] for row in board.companies]),
}


def dashboard_csv(board: Dashboard, table: str) -> bytes:
    """The dashboard's ``table`` (a key of ``TABLES``) as a CSV file; ``KeyError`` for another name."""
    header, rows = TABLES[table]
    return csv_bytes(header, rows(board))


def impact_csv(impact: Impact) -> bytes:
    """The impact page's provinces (all 77) with their figures since the beginning and the
    company that serves each."""
    return csv_bytes(
        ("province_code", "name_th", "name_en", "region", "enterprises_with_sales", *FIGURE_HEADER, "company_id",
         "company_name_th", "company_phone", "company_email"),
        [[row.code, row.name_th, row.name_en, row.region.value, str(row.enterprises_with_sales), *_figures(row),
          str(row.company.id) if row.company else "", safe_text(row.company.name_th) if row.company else "",
          safe_text(row.company.phone) if row.company else "", safe_text(row.company.email) if row.company else ""]
         for row in impact.provinces],
    )
