"""CSV files of settlement statements, made like the sales exports (``reports.exports``):
UTF-8 with a byte-order mark, an English header row, baht as plain decimals, and text
cells defused against spreadsheet formulas."""

from __future__ import annotations

from collections.abc import Iterable

from ..csv_files import csv_bytes, safe_text
from ..money import satang_to_decimal_text
from .models import SettlementStatement
from .producer import BANGKOK, rate_text

STATEMENT_HEADER = (
    "statement_id", "company", "enterprise", "month", "kind", "description", "corrects_statement_month",
    "commission_rate_percent", "gross_thb", "commission_thb", "net_thb",
)
STATEMENTS_HEADER = (
    "statement_id", "month", "company", "enterprise", "registration_no", "promptpay_id", "status", "lines",
    "gross_thb", "commission_thb", "net_payable_thb", "issued_on", "paid_on", "transfer_reference",
)


def _amount(satang: int) -> str:
    return satang_to_decimal_text(satang)


def _month(statement: SettlementStatement) -> str:
    return statement.month.strftime("%Y-%m")


def statement_rows(statement: SettlementStatement) -> Iterable[list[str]]:
    """One row per line, then a ``total`` row."""
    company, enterprise = safe_text(statement.company.name_th), safe_text(statement.enterprise.name_th)
    for line in statement.lines:
        corrects = line.corrects.statement.month.strftime("%Y-%m") if line.corrects is not None else ""
        yield [
            str(statement.id), company, enterprise, _month(statement), line.kind.value, safe_text(line.description),
            corrects, rate_text(line.commission_bps), _amount(line.gross_satang), _amount(line.commission_satang),
            _amount(line.net_satang),
        ]
    yield [
        str(statement.id), company, enterprise, _month(statement), "total", "", "", "",
        _amount(statement.gross_satang), _amount(statement.commission_satang), _amount(statement.net_satang),
    ]


def statement_csv(statement: SettlementStatement) -> bytes:
    """One statement, line by line (its ``lines`` and their ``corrects`` loaded)."""
    return csv_bytes(STATEMENT_HEADER, statement_rows(statement))


def statements_rows(statements: Iterable[SettlementStatement], line_counts: dict[int, int]) -> Iterable[list[str]]:
    for statement in statements:
        yield [
            str(statement.id), _month(statement), safe_text(statement.company.name_th),
            safe_text(statement.enterprise.name_th), safe_text(statement.enterprise.registration_no),
            safe_text(statement.enterprise.promptpay_id), statement.status.value,
            str(line_counts.get(statement.id, 0)), _amount(statement.gross_satang),
            _amount(statement.commission_satang), _amount(statement.net_satang),
            statement.issued_at.astimezone(BANGKOK).date().isoformat(),
            statement.paid_at.astimezone(BANGKOK).date().isoformat() if statement.paid_at else "",
            safe_text(statement.transfer_reference),
        ]


def statements_csv(statements: Iterable[SettlementStatement], line_counts: dict[int, int]) -> bytes:
    """Several statements, one row each (a month's, for the company's bank transfers)."""
    return csv_bytes(STATEMENTS_HEADER, statements_rows(statements, line_counts))
