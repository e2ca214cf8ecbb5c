"""CSV files made to open intact in Excel, for every export of the site.

UTF-8 with a byte-order mark (without it Excel reads Thai as mojibake), an English header
row, amounts in baht as plain decimals (``1250.50``), and text cells that a spreadsheet
could take for a formula defused with a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

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


def csv_download(body: bytes, filename: str, *, public_seconds: int | None = None) -> Response:
    """``body`` (a ``csv_bytes`` file) as a download named ``filename``.csv: kept by no cache
    unless ``public_seconds`` says how long anyone's cache may keep it (public figures)."""
    cache = "private, no-store" if public_seconds is None else f"public, max-age={public_seconds}"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}.csv"', "Cache-Control": cache,
    })
