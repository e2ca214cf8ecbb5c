"""Reads of the administrative reference data, shared by the pages and the API."""

from __future__ import annotations

from geothai.types import District, Subdistrict
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, contains_eager

from .. import geo
from ..errors import NotFound
from ..geo import Region
from ..i18n import current_language, thai_sort_key
from .models import Province, ProvincialCompany


def provinces_with_companies(session: Session) -> list[Province]:
    """Every province, ordered by DOPA code, each with its own company (``None`` if it
    has none yet) loaded by the same single query."""
    query = (
        select(Province)
        .outerjoin(ProvincialCompany, ProvincialCompany.province_code == Province.code)
        .options(contains_eager(Province.company))
        .order_by(Province.code)
    )
    return list(session.scalars(query).unique())


def provinces_by_region(provinces: list[Province]) -> list[tuple[Region, list[Province]]]:
    """The provinces grouped by region (north first, as ``Region`` lists them), each group
    in the reader's alphabetical order; regions without any of ``provinces`` are left out."""
    english = current_language() == "en"

    def name_order(province: Province) -> str:
        return province.name_en if english else thai_sort_key(province.name_th)

    grouped = [
        (region, sorted((province for province in provinces if province.region == region), key=name_order))
        for region in Region
    ]
    return [(region, members) for region, members in grouped if members]


def districts_of_province(province_code: str) -> list[District]:
    """The districts of a province, by code. ``NotFound`` for an unknown province."""
    if geo.province(province_code) is None:
        raise NotFound(f"No province with code {province_code!r}")
    return sorted(geo.districts(province_code), key=lambda district: district.code)


def subdistricts_of_district(district_code: str) -> list[Subdistrict]:
    """The subdistricts of a district (with their postal codes), by code.
    ``NotFound`` for an unknown district."""
    if geo.district(district_code) is None:
        raise NotFound(f"No district with code {district_code!r}")
    return sorted(geo.subdistricts(district_code), key=lambda subdistrict: subdistrict.code)


def province_by_code(session: Session, code: str) -> Province:
    """A province with its own company loaded by the same query. ``NotFound`` for a
    code that is not one of the 77."""
    province = session.scalar(
        select(Province)
        .outerjoin(ProvincialCompany, ProvincialCompany.province_code == Province.code)
        .options(contains_eager(Province.company))
        .where(Province.code == code)
    )
    if province is None:
        raise NotFound(f"No province with code {code!r}")
    return province


def _with_province() -> Select[ProvincialCompany]:
    """Companies with their province loaded by the same query (the national one has none)."""
    return (select(ProvincialCompany)
            .outerjoin(Province, Province.code == ProvincialCompany.province_code)
            .options(contains_eager(ProvincialCompany.province)))


def all_companies(session: Session) -> list[ProvincialCompany]:
    """The 77 provincial companies by province code, then the national company, each
    with its province loaded by the same query."""
    return list(session.scalars(
        _with_province().order_by(ProvincialCompany.is_national, ProvincialCompany.province_code)
    ))


def company_by_id(session: Session, company_id: int) -> ProvincialCompany:
    """One company (provincial or national) with its province. ``NotFound`` for an unknown id."""
    company = session.scalar(_with_province().where(ProvincialCompany.id == company_id))
    if company is None:
        raise NotFound(f"No company with id {company_id}")
    return company
