"""Tour vouchers: a check-in reference that cannot be forged.

The reference is ``<order number>-<line id>-<signature>``, the signature an HMAC-SHA256
of the number and line under the app's ``SECRET_KEY`` (truncated to 16 base32
characters, 80 bits), so the provincial company's staff can trust a reference read from
a QR code without looking it up first, and nobody can make one for a line they did not buy.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

REFERENCE_RE = re.compile(r"^(?P<number>[A-Z0-9-]{1,20})-(?P<line>[1-9][0-9]{0,17})-(?P<signature>[A-Z2-7]{16})$")


def _signature(secret_key: str, order_number: str, line_id: int) -> str:
    digest = hmac.new(secret_key.encode(), f"voucher:{order_number}:{line_id}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:16]


def voucher_reference(secret_key: str, order_number: str, line_id: int) -> str:
    """The signed check-in reference of one tour line of an order."""
    return f"{order_number}-{line_id}-{_signature(secret_key, order_number, line_id)}"


def verify_voucher(secret_key: str, reference: str) -> tuple[str, int] | None:
    """``(order number, line id)`` of a genuine reference; None for anything else
    (malformed, altered, or signed with another key)."""
    match = REFERENCE_RE.match((reference or "").strip().upper())
    if match is None:
        return None
    number, line_id = match["number"], int(match["line"])
    if not hmac.compare_digest(match["signature"], _signature(secret_key, number, line_id)):
        return None
    return number, line_id
