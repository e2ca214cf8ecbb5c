"""Reference data: provinces with their companies, districts, subdistricts. Never paged."""

from __future__ import annotations

from ...geo import Region
from .common import DistrictCode, PostalCode, ProvinceCode, Shape, SubdistrictCode


class CompanyBrief(Shape):
    id: int
    name_th: str
    active: bool


class Province(Shape):
    code: ProvinceCode
    name_th: str
    name_en: str
    region: Region
    company: CompanyBrief | None


class ProvinceList(Shape):
    items: list[Province]


class District(Shape):
    """A geothai district."""

    code: DistrictCode
    name_th: str
    name_en: str


class DistrictList(Shape):
    items: list[District]


class Subdistrict(Shape):
    """A geothai subdistrict, with the postal codes it is served by."""

    code: SubdistrictCode
    name_th: str
    name_en: str
    postal_codes: list[PostalCode]


class SubdistrictList(Shape):
    items: list[Subdistrict]
