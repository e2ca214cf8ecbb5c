"""PromptPay (พร้อมเพย์) proxy IDs: the Thai mobile number or the 13-digit tax or
national ID that a payment is sent to.

Enterprise sign-up, the provincial companies and the checkout's PromptPay QR all
accept an ID in the forms people write it (``081-234-5678``, ``+66 81 234 5678``,
``1 2345 67890 12 1``) and store it normalised to its digits.
"""

from __future__ import annotations

import re

from ..errors import ValidationError

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEPARATORS = re.compile(r"[\s\-]")
MOBILE_RE = re.compile(r"^0[689]\d{8}$")
TAX_ID_RE = re.compile(r"^\d{13}$")

# The reasons ``promptpay_problem`` gives; pages translate them by these exact texts.
NOT_A_PROMPTPAY_ID = "a Thai mobile number (08x, 09x or 06x, 10 digits) or a 13-digit tax ID"
BAD_CHECKSUM = "the check digit of this 13-digit ID is wrong"


def normalize_promptpay_id(raw: str) -> str:
    """Digits only: spaces and dashes dropped, Thai digits read, ``+66`` turned into ``0``.
    It does not check the result; see ``promptpay_problem``."""
    text = _SEPARATORS.sub("", (raw or "").translate(_THAI_DIGITS))
    if text.startswith("+66"):
        text = "0" + text[3:]
    return text


def tax_id_check_digit(first_twelve: str) -> int:
    """The 13th digit of a Thai tax or national ID: the first twelve weighted 13 down to
    2, and ``(11 - sum mod 11) mod 10``."""
    total = sum(int(digit) * weight for digit, weight in zip(first_twelve, range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10


def is_valid_tax_id(digits: str) -> bool:
    """Thirteen digits whose last one is the mod-11 check digit of the others."""
    return bool(TAX_ID_RE.match(digits)) and tax_id_check_digit(digits[:12]) == int(digits[12])


def promptpay_problem(raw: str) -> str | None:
    """Why ``raw`` is not a PromptPay ID (one of the reasons above), or ``None`` when it is one."""
    digits = normalize_promptpay_id(raw)
    if MOBILE_RE.match(digits):
        return None
    if TAX_ID_RE.match(digits):
        return None if is_valid_tax_id(digits) else BAD_CHECKSUM
    return NOT_A_PROMPTPAY_ID


def parse_promptpay_id(raw: str, *, field: str = "promptpay_id") -> str:
    """The normalised PromptPay ID; ``ValidationError`` naming ``field`` with the reason
    when ``raw`` is not one."""
    problem = promptpay_problem(raw)
    if problem:
        raise ValidationError("This is not a valid PromptPay ID", fields={field: problem})
    return normalize_promptpay_id(raw)
