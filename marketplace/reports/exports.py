"""CSV files of a producer's sales (see ``marketplace.csv_files`` for how every CSV is made)."""

from __future__ import annotations

from collections.abc import Iterable

from ..csv_files import csv_bytes, safe_text
from ..money import satang_to_decimal_text
from .producer import BANGKOK, MonthlyIncomeReport, SalesLine, rate_text

LINE_HEADER = (
    "order_number", "ordered_on", "enterprise", "title_th", "title_en", "kind", "tour_date", "status",
    "quantity", "unit_price_thb", "line_total_thb", "commission_rate_percent", "commission_thb", "net_thb",
    "earned_on", "buyer_province_code", "buyer_province",
)
MONTHLY_HEADER = ("month", "lines_earned", "gross_thb", "commission_thb", "net_payable_thb")


def _amount(satang: int | None) -> str:
    return "" if satang is None else satang_to_decimal_text(satang)


def line_rows(lines: Iterable[SalesLine]) -> Iterable[list[str]]:
    for line in lines:
        yield [
            safe_text(line.order_number),
            line.ordered_at.astimezone(BANGKOK).date().isoformat(),
            safe_text(line.enterprise_name_th),
            safe_text(line.title_th),
            safe_text(line.title_en),
            line.kind.value,
            line.slot_date.isoformat() if line.slot_date else "",
            line.status.value,
            str(line.quantity),
            _amount(line.unit_price_satang),
            _amount(line.line_total_satang),
            rate_text(line.commission_bps),
            _amount(line.commission_satang),
            _amount(line.net_satang),
            line.done_at.astimezone(BANGKOK).date().isoformat() if line.earned and line.done_at else "",
            safe_text(line.buyer_province_code),
            safe_text(line.buyer_province_th),
        ]


def monthly_rows(report: MonthlyIncomeReport) -> Iterable[list[str]]:
    for month in report.months:
        yield [
            str(month.month), str(month.lines), _amount(month.gross_satang), _amount(month.commission_satang),
            _amount(month.net_satang),
        ]


def lines_csv(lines: Iterable[SalesLine]) -> bytes:
    return csv_bytes(LINE_HEADER, line_rows(lines))


def monthly_csv(report: MonthlyIncomeReport) -> bytes:
    return csv_bytes(MONTHLY_HEADER, monthly_rows(report))
