"""Money is integer satang (1 THB = 100 satang) everywhere; this module is the one
place that turns satang into text and text into satang. No float on the way."""

from __future__ import annotations

import re

from .errors import ValidationError

_BAHT_TEXT = re.compile(r"^\s*(?P<baht>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<satang>[0-9]{1,2}))?\s*$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_SATANG = 100_000_000_00  # one hundred million baht: far above any OTOP price


def format_satang(amount: int | None, *, symbol: bool = True) -> str:
    """``125000`` → ``฿1,250.00``."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    baht, satang = divmod(abs(int(amount)), 100)
    text = f"{baht:,}.{satang:02d}"
    return f"{sign}฿{text}" if symbol else f"{sign}{text}"


def format_whole_baht(amount: int) -> str:
    """``12345678`` → ``฿123,457``: rounded half up to the baht, for charts and summaries
    where satang would only be noise."""
    sign = "-" if amount < 0 else ""
    return f"{sign}฿{(abs(int(amount)) + 50) // 100:,}"


def parse_baht(text: str, *, field: str = "price") -> int:
    """``"1,250.5"`` → ``125050`` satang; Thai digits are read too. Raises
    ``ValidationError`` naming ``field``."""
    match = _BAHT_TEXT.match((text or "").translate(_THAI_DIGITS))
    if not match or (match["baht"] is None and match["satang"] is None):
        raise ValidationError(
            "Enter an amount in baht, such as 120 or 120.50", fields={field: "not an amount in baht"}
        )
    baht = int((match["baht"] or "0").replace(",", ""))
    satang = int((match["satang"] or "0").ljust(2, "0"))
    amount = baht * 100 + satang
    if amount > MAX_SATANG:
        raise ValidationError("The amount is too large", fields={field: "too large"})
    return amount


def commission_satang(amount_satang: int, commission_bps: int) -> int:
    """The commission on an amount at a rate in basis points, rounded half up to the
    satang. The producer's net is ``amount - commission``, so the two always add up."""
    return (amount_satang * commission_bps + 5_000) // 10_000


def satang_to_decimal_text(amount: int) -> str:
    """``125050`` → ``"1250.50"``: baht as a plain decimal, no symbol and no thousands
    separator, for machine-read files such as CSV exports."""
    sign = "-" if amount < 0 else ""
    baht, satang = divmod(abs(int(amount)), 100)
    return f"{sign}{baht}.{satang:02d}"
