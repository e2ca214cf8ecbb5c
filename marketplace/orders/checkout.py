"""What a checkout asks for, checked: lines, a Thai shipping address, a payment method.

The request's shape and the rules on each value are declared once, in
``orders.requests.OrderRequest``: the API takes it as its body, and ``parse_checkout``
reads the pages' form (built in the same shape) with it. ``checkout_from`` then holds
what spans the request (the same item twice) and the payment methods this marketplace
can take now, so a bad quantity, a foreign address code or an unknown method gets the
same verdict everywhere, before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..cart.lines import MAX_QUANTITY, LineRequest
from ..errors import ValidationError
from ..payments.models import PaymentMethod
from ..validation import validated
from .requests import OrderRequest

INVALID = "Some checkout details are not valid"


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


def _merged_lines(request: OrderRequest, problems: dict[str, str]) -> tuple[LineRequest, ...]:
    """The request's lines with the same listing and slot twice merged into one, which
    may then hold at most ``MAX_QUANTITY``."""
    merged: dict[tuple[int, int | None], int] = {}
    positions: dict[tuple[int, int | None], int] = {}
    for index, line in enumerate(request.lines):
        key = (line.listing_id, line.slot_id)
        merged[key] = merged.get(key, 0) + line.quantity
        positions.setdefault(key, index)
        if merged[key] > MAX_QUANTITY:
            problems[f"lines[{index}].quantity"] = f"at most {MAX_QUANTITY} of one item"
    return tuple(LineRequest(listing_id, quantity, slot_id, position=positions[(listing_id, slot_id)])
                 for (listing_id, slot_id), quantity in merged.items())


def checkout_from(request: OrderRequest, *, available_methods: frozenset[PaymentMethod]) -> Checkout:
    """The checkout of a request whose values are valid (``OrderRequest``). Raises
    ``ValidationError`` for more than ``MAX_QUANTITY`` of one item over its lines, or
    ``payment_method_unavailable`` for a method this marketplace cannot take now."""
    problems: dict[str, str] = {}
    lines = _merged_lines(request, problems)
    if problems:
        raise ValidationError(INVALID, fields=problems)
    if request.payment_method not in available_methods:
        raise ValidationError("This payment method is not available", code="payment_method_unavailable",
                              fields={"payment_method": "not available"})
    sent = request.shipping_address
    address = ShippingAddress(name=sent.name, phone=sent.phone, line1=sent.line1,
                              subdistrict_code=sent.subdistrict_code, postal_code=sent.postal_code)
    return Checkout(lines=lines, address=address, payment_method=request.payment_method)


def parse_checkout(payload: Mapping[str, Any], *, available_methods: frozenset[PaymentMethod]) -> Checkout:
    """The whole checkout from a request in the API's JSON shape (the pages build one
    from their form), read as the API reads its body. Raises ``ValidationError`` naming
    every bad field, or as ``checkout_from``."""
    request = validated(OrderRequest, lambda model: model.model_validate_json(json.dumps(payload)), INVALID)
    return checkout_from(request, available_methods=available_methods)
