"""CSV files made to open intact in Excel, for every export of the site.

UTF-8 with a byte-order mark (without it Excel reads Thai as mojibake), an English header
row, amounts in baht as plain decimals (``1250.50``), and text cells that a spreadsheet
could take for a formula defused with a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
