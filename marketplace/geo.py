"""Thai administrative areas: the one module that talks to ``geothai``.

Province, district and subdistrict codes are DOPA codes. geothai has no regions,
so the region of a province is derived here, once, from its code range.
"""

from __future__ import annotations

import enum
from functools import lru_cache

import geothai
from geothai.types import District, Province, Subdistrict


class Region(enum.StrEnum):
    NORTH = "north"
    NORTHEAST = "northeast"
    CENTRAL = "central"
    EAST = "east"
    WEST = "west"
    SOUTH = "south"


# DOPA province code ranges, inclusive.
_REGION_RANGES: tuple[tuple[int, int, Region], ...] = (
    (10, 19, Region.CENTRAL),
    (20, 27, Region.EAST),
    (30, 49, Region.NORTHEAST),
    (50, 67, Region.NORTH),
    (70, 77, Region.WEST),
    (80, 96, Region.SOUTH),
)

REGION_NAMES_TH = {
    Region.NORTH: "ภาคเหนือ",
    Region.NORTHEAST: "ภาคตะวันออกเฉียงเหนือ",
    Region.CENTRAL: "ภาคกลาง",
    Region.EAST: "ภาคตะวันออก",
    Region.WEST: "ภาคตะวันตก",
    Region.SOUTH: "ภาคใต้",
}
REGION_NAMES_EN = {
    Region.NORTH: "North",
    Region.NORTHEAST: "Northeast",
    Region.CENTRAL: "Central",
    Region.EAST: "East",
    Region.WEST: "West",
    Region.SOUTH: "South",
}


def region_of(province_code: str) -> Region:
    """The region of a province, by its DOPA code; ``ValueError`` for a code outside every range."""
    number = int(province_code)
    for low, high, region in _REGION_RANGES:
        if low <= number <= high:
            return region
    raise ValueError(f"province code {province_code!r} is in no region")


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    return tuple(geothai.provinces())


def province(code: str) -> Province | None:
    return geothai.province(str(code))


def districts(province_code: str) -> list[District]:
    return geothai.districts(str(province_code))


def district(code: str) -> District | None:
    return geothai.district(str(code))


def subdistricts(district_code: str) -> list[Subdistrict]:
    return geothai.subdistricts(str(district_code))


def subdistrict(code: str) -> Subdistrict | None:
    return geothai.subdistrict(str(code))


def address_problems(province_code: str, district_code: str, subdistrict_code: str,
                     postal_code: str | None = None) -> dict[str, str]:
    """Check that the codes exist and nest (and that the postal code belongs to the
    subdistrict, when given). Returns ``{field: reason}``; empty when all is well."""
    problems: dict[str, str] = {}
    if province(province_code) is None:
        problems["province_code"] = "unknown province code"
        return problems
    found_district = district(district_code)
    if found_district is None or found_district.province_code != province_code:
        problems["district_code"] = "not a district of this province"
        return problems
    found_subdistrict = subdistrict(subdistrict_code)
    if found_subdistrict is None or found_subdistrict.district_code != district_code:
        problems["subdistrict_code"] = "not a subdistrict of this district"
        return problems
    if postal_code is not None and postal_code not in found_subdistrict.postal_codes:
        problems["postal_code"] = "this postal code does not belong to the subdistrict"
    return problems
