"""PromptPay QR codes (the Thai EMVCo "Tag 29" payload) for transfers confirmed by hand
when no payment provider is configured."""

from __future__ import annotations

import re

import segno

from ..money import format_satang

PROMPTPAY_AID = "A000000677010111"


def _tag(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF), as EMVCo QR codes use."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def promptpay_payload(promptpay_id: str, amount_satang: int) -> str:
    """The EMVCo payload that a Thai banking app reads to pay ``amount_satang`` to a
    PromptPay mobile number (10 digits) or tax / national ID (13 digits).
    Raises ``ValueError`` for anything else or a non-positive amount."""
    digits = re.sub(r"\D", "", promptpay_id or "")
    if len(digits) == 10 and digits.startswith("0"):
        account = _tag("01", "0066" + digits[1:])
    elif len(digits) == 13:
        account = _tag("02", digits)
    else:
        raise ValueError("a PromptPay ID is a 10-digit mobile number or a 13-digit ID")
    if amount_satang <= 0:
        raise ValueError("a PromptPay QR code needs a positive amount")
    body = "".join((
        _tag("00", "01"),
        _tag("01", "12"),  # dynamic: one payment of this amount
        _tag("29", _tag("00", PROMPTPAY_AID) + account),
        _tag("53", "764"),  # THB
        _tag("54", format_satang(amount_satang, symbol=False).replace(",", "")),
        _tag("58", "TH"),
    )) + "6304"
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def qr_svg(payload: str, *, scale: int = 6) -> str:
    """The payload as an inline SVG QR code (error correction M)."""
    return segno.make(payload, error="m", micro=False).svg_inline(scale=scale, border=2)
