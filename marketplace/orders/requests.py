"""What a checkout sends, declared once: ``POST /api/v1/orders`` takes it as its body
(and documents it), the checkout pages build the same shape from their form, and
``orders.checkout`` reads both with these models. Every rule on a single value, and the
postal code belonging to its subdistrict, is here; what spans lines (the same item
twice) and what depends on the marketplace's settings (payment methods) is in
``orders.checkout``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, field_validator

from .. import geo
from ..accounts.services import THAI_PHONE_RE, normalize_phone
from ..cart.lines import MAX_LINES, MAX_QUANTITY
from ..payments.models import PaymentMethod
from ..validation import Input, PostalCode, RowId, SubdistrictCode, WholeNumber, broken_rule

PHONE_WHY = "a Thai phone number such as 0812345678"


def _thai_phone(value: str) -> str:
    phone = normalize_phone(value)
    if phone is None or not THAI_PHONE_RE.match(phone):
        raise ValueError(PHONE_WHY)
    return phone


def _known_subdistrict(code: str) -> str:
    if geo.subdistrict(code) is None:
        raise broken_rule("not a Thai subdistrict code")
    return code


class LineRequest(Input):
    listing_id: RowId = Field(description="A listing id")
    quantity: Annotated[WholeNumber, Field(ge=1, le=MAX_QUANTITY)] = Field(
        description=f"A whole number from 1 to {MAX_QUANTITY}")
    slot_id: RowId | None = Field(default=None, description="Required for tours: the chosen date")


class ShippingAddress(Input):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] = Field(
        description="The recipient's name (up to 120 characters)")
    phone: Annotated[str, AfterValidator(_thai_phone)] = Field(description=PHONE_WHY, examples=["0812345678"])
    line1: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="House number, village, road (up to 300 characters)")
    subdistrict_code: Annotated[SubdistrictCode, AfterValidator(_known_subdistrict)] = Field(
        description="A Thai subdistrict code")
    postal_code: PostalCode = Field(description="A five-digit postal code of the subdistrict")

    @field_validator("postal_code")
    @classmethod
    def _of_the_subdistrict(cls, value: str, info: ValidationInfo) -> str:
        subdistrict = geo.subdistrict(info.data["subdistrict_code"]) if "subdistrict_code" in info.data else None
        if subdistrict is not None and value not in subdistrict.postal_codes:
            raise broken_rule(
                f"{value} is not a postal code of this subdistrict ({', '.join(subdistrict.postal_codes)})")
        return value


class OrderRequest(Input):
    """The items must also be available: the order service checks that."""

    lines: list[LineRequest] = Field(min_length=1, max_length=MAX_LINES,
                                     description=f"At least one item, at most {MAX_LINES}")
    shipping_address: ShippingAddress = Field(
        description="An object with name, phone, line1, subdistrict_code and postal_code")
    payment_method: PaymentMethod = Field(description="card, promptpay or cod")
