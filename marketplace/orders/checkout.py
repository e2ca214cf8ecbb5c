"""What a checkout asks for, checked: lines, a Thai shipping address, a payment method.

``parse_checkout`` is the one parser for the API's JSON and the pages' forms, so a bad
quantity, a foreign address code or an unknown method gets the same clear message
everywhere, before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import geo
from ..accounts.services import THAI_PHONE_RE, normalize_phone
from ..errors import ValidationError
from .models import PaymentMethod

MAX_LINES = 50
MAX_QUANTITY = 99
MAX_ID = 2**31 - 1  # ids are 32-bit integer columns; anything larger cannot name a row
POSTAL_CODE_RE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class LineRequest:
    listing_id: int
    quantity: int
    slot_id: int | None = None
    # where the line was in the request (its first place, when merged), so that an
    # error names ``lines[i]`` as the client sent it
    position: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ShippingAddress:
    name: str
    phone: str
    line1: str
    subdistrict_code: str
    postal_code: str

    @property
    def district_code(self) -> str:
        return self.subdistrict_code[:4]

    @property
    def province_code(self) -> str:
        return self.subdistrict_code[:2]


@dataclass(frozen=True)
class Checkout:
    lines: tuple[LineRequest, ...]
    address: ShippingAddress
    payment_method: PaymentMethod

    def fingerprint(self) -> str:
        """A stable digest of the request, to tell a retry from a different order."""
        canonical = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # isdecimal, not isdigit: int("²") fails; and int() refuses over 4,300 digits
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 18:
        return int(value.strip())
    return None


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        return None
    return value.strip()


def parse_lines(raw_lines: Any, problems: dict[str, str]) -> tuple[LineRequest, ...]:
    """Order lines from a list of ``{listing_id, quantity, slot_id?}``; the same
    listing and slot twice are merged."""
    if not isinstance(raw_lines, list) or not raw_lines:
        problems["lines"] = "add at least one item"
        return ()
    if len(raw_lines) > MAX_LINES:
        problems["lines"] = f"at most {MAX_LINES} different items per order"
        return ()
    merged: dict[tuple[int, int | None], int] = {}
    positions: dict[tuple[int, int | None], int] = {}
    for index, raw in enumerate(raw_lines):
        prefix = f"lines[{index}]"
        if not isinstance(raw, Mapping):
            problems[prefix] = "each line is an object with listing_id and quantity"
            continue
        listing_id = _whole_number(raw.get("listing_id"))
        quantity = _whole_number(raw.get("quantity"))
        slot_id = raw.get("slot_id")
        if listing_id is None or not 0 < listing_id <= MAX_ID:
            problems[f"{prefix}.listing_id"] = "a listing id"
        if quantity is None or not 1 <= quantity <= MAX_QUANTITY:
            problems[f"{prefix}.quantity"] = f"a whole number from 1 to {MAX_QUANTITY}"
        if slot_id is not None:
            slot_id = _whole_number(slot_id)
            if slot_id is None or not 0 < slot_id <= MAX_ID:
                problems[f"{prefix}.slot_id"] = "a slot id"
        if f"{prefix}.listing_id" in problems or f"{prefix}.quantity" in problems or f"{prefix}.slot_id" in problems:
            continue
        if listing_id is None or quantity is None:  # never: a problem was recorded for it
            continue
        key = (listing_id, slot_id)
        merged[key] = merged.get(key, 0) + quantity
        positions.setdefault(key, index)
        if merged[key] > MAX_QUANTITY:
            problems[f"{prefix}.quantity"] = f"at most {MAX_QUANTITY} of one item"
    return tuple(LineRequest(listing_id, quantity, slot_id, position=positions[(listing_id, slot_id)])
                 for (listing_id, slot_id), quantity in merged.items())


def parse_address(raw: Any, problems: dict[str, str]) -> ShippingAddress | None:
    """A Thai shipping address; the postal code must belong to the subdistrict."""
    if not isinstance(raw, Mapping):
        problems["shipping_address"] = "an object with name, phone, line1, subdistrict_code and postal_code"
        return None
    name = _text(raw.get("name"), 120)
    line1 = _text(raw.get("line1"), 300)
    phone = normalize_phone(raw.get("phone")) if isinstance(raw.get("phone"), str) else None
    subdistrict_code = raw.get("subdistrict_code")
    postal_code = raw.get("postal_code")
    if name is None:
        problems["shipping_address.name"] = "the recipient's name (up to 120 characters)"
    if line1 is None:
        problems["shipping_address.line1"] = "house number, village, road (up to 300 characters)"
    if phone is None or not THAI_PHONE_RE.match(phone):
        problems["shipping_address.phone"] = "a Thai phone number such as 0812345678"
    subdistrict = geo.subdistrict(subdistrict_code) if isinstance(subdistrict_code, str) else None
    if subdistrict is None:
        problems["shipping_address.subdistrict_code"] = "not a Thai subdistrict code"
    if not isinstance(postal_code, str) or not POSTAL_CODE_RE.match(postal_code):
        problems["shipping_address.postal_code"] = "a five-digit postal code"
    elif subdistrict is not None and postal_code not in subdistrict.postal_codes:
        problems["shipping_address.postal_code"] = (
            f"{postal_code} is not a postal code of this subdistrict ({', '.join(subdistrict.postal_codes)})"
        )
    if any(key.startswith("shipping_address") for key in problems):
        return None
    if name is None or line1 is None or phone is None or not isinstance(subdistrict_code, str) \
            or not isinstance(postal_code, str):
        return None  # never: each is a problem above
    return ShippingAddress(name=name, phone=phone, line1=line1, subdistrict_code=subdistrict_code,
                           postal_code=postal_code)


def parse_checkout(payload: Mapping[str, Any], *, available_methods: frozenset[PaymentMethod]) -> Checkout:
    """The whole checkout request. Raises ``ValidationError`` naming every bad field,
    or ``payment_method_unavailable`` for a method this marketplace cannot take now."""
    problems: dict[str, str] = {}
    lines = parse_lines(payload.get("lines"), problems)
    address = parse_address(payload.get("shipping_address"), problems)
    method = next((known for known in PaymentMethod if known.value == payload.get("payment_method")), None)
    if method is None:
        problems["payment_method"] = "card, promptpay or cod"
    if problems or method is None or address is None:  # address None comes with its problems
        raise ValidationError("Some checkout details are not valid", fields=problems)
    if method not in available_methods:
        raise ValidationError("This payment method is not available", code="payment_method_unavailable",
                              fields={"payment_method": "not available"})
    return Checkout(lines=lines, address=address, payment_method=method)
