"""Community enterprises: sign-up, reading one, approval, members."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...enterprises.models import CommunityEnterprise, EnterpriseStatus
from ...enterprises.queries import EnterpriseFilters
from .common import DistrictCode, Input, Page, PageQuery, ProvinceCode, Shape, Stars, SubdistrictCode, Timestamp

PRIVATE = "Members and overseeing staff only"


class EnterpriseMember(Shape):
    """A producer who manages an enterprise, as its other members and staff see them."""

    id: int
    name: str
    email: str = Field(json_schema_extra={"format": "email"})


class Enterprise(Shape):
    """A community enterprise. Its members, the staff of its province and admins also
    get the registration number, PromptPay ID, status reason and members."""

    id: int
    name_th: str
    name_en: str | None
    province_code: ProvinceCode
    district_code: DistrictCode
    subdistrict_code: SubdistrictCode
    otop_stars: Stars | None = Field(description="Verified by the company of its province: shown as stars")
    otop_stars_declared: Stars | None = Field(description="What its producers declared, verified or not")
    status: EnterpriseStatus
    description_th: str | None
    description_en: str | None
    created_at: Timestamp
    registration_no: str | None = Field(default=None, description=PRIVATE)
    promptpay_id: str | None = Field(default=None, description=PRIVATE)
    status_reason: str | None = Field(default=None, description=PRIVATE)
    status_changed_at: Timestamp | None = Field(default=None, description=PRIVATE)
    member_ids: list[int] | None = Field(default=None, description=PRIVATE)
    members: list[EnterpriseMember] | None = Field(default=None, description=PRIVATE)

    @classmethod
    def of(cls, enterprise: CommunityEnterprise, *, private: bool = False) -> Enterprise:
        public = {name: getattr(enterprise, name) for name, field in cls.model_fields.items() if field.is_required()}
        if not private:
            return cls(**public)
        members = sorted((member.user for member in enterprise.members), key=lambda user: user.id)
        return cls(**public, registration_no=enterprise.registration_no, promptpay_id=enterprise.promptpay_id,
                   status_reason=enterprise.status_reason, status_changed_at=enterprise.status_changed_at,
                   member_ids=[user.id for user in members],
                   members=[EnterpriseMember.model_validate(user) for user in members])


class EnterprisePage(Page):
    items: list[Enterprise]


class EnterpriseQuery(EnterpriseFilters, PageQuery):
    scope: Literal["member", "staff"] = Field(
        default="member", description="`member`: the caller's own enterprises (one page holds all); `staff`: "
                                      "those of the caller's province(s) (all for an admin), pending first")


class EnterpriseRegistration(Input):
    """Checked further by the enterprise service: the registration number against the
    province and district, codes that exist and nest, the PromptPay check digit."""

    name_th: str | None = Field(max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    registration_no: str | None = Field(
        examples=["5-50-01-01/1-0001"],
        description="As issued: type-province-district-subdistrict/group-serial; its province group must be "
                    "`province_code` and its district group the last two digits of `district_code`")
    province_code: str | None = Field(json_schema_extra={"pattern": r"^\d{2}$"})
    district_code: str | None = Field(json_schema_extra={"pattern": r"^\d{4}$"})
    subdistrict_code: str | None = Field(json_schema_extra={"pattern": r"^\d{6}$"})
    description_th: str | None = Field(default=None, max_length=5000)
    description_en: str | None = Field(default=None, max_length=5000)
    promptpay_id: str | None = Field(
        default=None, description="A Thai mobile number (0[689] and 8 more digits) or a 13-digit tax ID with a "
                                  "valid check digit; spaces and dashes are dropped")
    otop_stars: int | None = Field(default=None, json_schema_extra={"minimum": 1, "maximum": 5})


class EnterpriseStatusChange(Input):
    reason: str | None = Field(default=None, max_length=500, description="Shown to the enterprise's producers")


class StarsVerification(Input):
    otop_stars: Stars | None = Field(description="The verified level, 1 to 5, or null for none")


class MemberInvitation(Input):
    email: str | None = Field(json_schema_extra={"format": "email"})
