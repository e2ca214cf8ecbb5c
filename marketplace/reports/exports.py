"""CSV files of a producer's sales, made to open intact in Excel.

UTF-8 with a byte-order mark (without it Excel reads Thai as mojibake), an English header
row, amounts in baht as plain decimals (``1250.50``), and text cells that a spreadsheet
could take for a formula defused with a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..money import satang_to_decimal_text
from .producer import BANGKOK, MonthlyIncomeReport, SalesLine, rate_text

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LINE_HEADER = (
    "order_number", "ordered_on", "enterprise", "title_th", "title_en", "kind", "tour_date", "status",
    "quantity", "unit_price_thb", "line_total_thb", "commission_rate_percent", "commission_thb", "net_thb",
    "earned_on", "buyer_province_code", "buyer_province",
)
MONTHLY_HEADER = ("month", "lines_earned", "gross_thb", "commission_thb", "net_payable_thb")


def safe_text(value: str | None) -> str:
    """``value`` as a cell a spreadsheet shows as text, never runs as a formula."""
    text = value or ""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A whole CSV file: BOM, header, rows, CRLF line ends, quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


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
