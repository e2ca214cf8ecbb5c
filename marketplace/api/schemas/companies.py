"""The provincial companies and the national company, as the national admin runs them."""

from __future__ import annotations

from pydantic import Field

from ...companies.admin import ADDRESS_MAX, COMMISSION_MAX_BPS, SHIPPING_FEE_MAX_SATANG
from ...companies.models import ProvincialCompany
from ...orders.reviews import Rating as RatingRecord
from .common import Input, ProvinceCode, Rating, Shape

ADMINS = "Admins only"


class Company(Shape):
    """A Pracharath Rak Samakkee company: one per province, and the national company
    (no province) that takes the orders of provinces whose company is inactive.
    Admins also get its commission, shipping fee and PromptPay ID."""

    id: int
    province_code: ProvinceCode | None = Field(description="null for the national company")
    is_national: bool
    name_th: str
    name_en: str
    active: bool = Field(description="An inactive company's province sends new orders to the national company")
    phone: str | None
    email: str | None
    address: str | None
    rating: Rating = Field(description="The average service rating of the lines it fulfilled")
    commission_bps: int | None = Field(default=None, description=f"{ADMINS}: commission in basis points of "
                                                                 "the goods value, on orders placed from now on")
    shipping_fee_satang: int | None = Field(default=None, description=f"{ADMINS}: flat fee per goods "
                                                                      "fulfilment, on orders placed from now on")
    promptpay_id: str | None = Field(default=None, description=ADMINS)

    @classmethod
    def of(cls, company: ProvincialCompany, rating: RatingRecord, *, private: bool = False) -> Company:
        public = {name: getattr(company, name) for name, field in cls.model_fields.items()
                  if field.is_required() and name != "rating"}
        if private:
            public.update(commission_bps=company.commission_bps, shipping_fee_satang=company.shipping_fee_satang,
                          promptpay_id=company.promptpay_id)
        return cls(**public, rating=Rating(average=rating.average, count=rating.count))


class CompanyList(Shape):
    items: list[Company]


class CompanyChanges(Input):
    """Any of these; a member left out is left alone. Checked further by the company
    service, which names every bad field (422) and writes nothing then."""

    active: bool | None = Field(default=None, description="true or false; the national company cannot be "
                                                          "deactivated (409 `invalid_transition`)")
    commission_bps: int | None = Field(default=None, json_schema_extra={"minimum": 0, "maximum": COMMISSION_MAX_BPS},
                                       description="Basis points of the goods value (1000 = 10%)")
    shipping_fee_satang: int | None = Field(default=None,
                                            json_schema_extra={"minimum": 0, "maximum": SHIPPING_FEE_MAX_SATANG},
                                            description="Satang per goods fulfilment")
    promptpay_id: str | None = Field(default=None, description="A Thai mobile number or a 13-digit tax ID with a "
                                                               "valid check digit; null or empty clears it")
    phone: str | None = Field(default=None, description="A Thai phone number; null or empty clears it")
    email: str | None = Field(default=None, json_schema_extra={"format": "email"},
                              description="null or empty clears it")
    address: str | None = Field(default=None, json_schema_extra={"maxLength": ADDRESS_MAX},
                                description="null or empty clears it")
