"""Reference data: provinces with their companies, districts, subdistricts, categories.
Never paged: one answer holds all."""

from __future__ import annotations

from ..catalog.queries import categories
from ..companies.queries import districts_of_province, provinces_with_companies, subdistricts_of_district
from ..extensions import db
from . import bp
from .declare import operation
from .schemas.catalog import Category, CategoryList
from .schemas.reference import District, DistrictList, Province, ProvinceList, Subdistrict, SubdistrictList


@bp.get("/provinces")
@operation(summary="The 77 provinces, each with its region and provincial company", responses={200: ProvinceList})
def provinces():
    return ProvinceList(items=[Province.model_validate(province)
                               for province in provinces_with_companies(db.session)])


@bp.get("/provinces/<code>/districts")
@operation(summary="The districts of a province", responses={200: DistrictList}, errors=(404,))
def districts(code: str):
    return DistrictList(items=[District.model_validate(district) for district in districts_of_province(code)])


@bp.get("/districts/<code>/subdistricts")
@operation(summary="The subdistricts of a district, with their postal codes", responses={200: SubdistrictList},
           errors=(404,))
def subdistricts(code: str):
    return SubdistrictList(items=[Subdistrict.model_validate(subdistrict)
                                  for subdistrict in subdistricts_of_district(code)])


@bp.get("/categories")
@operation(summary="The listing categories, retired ones too", responses={200: CategoryList})
def category_list():
    return CategoryList(items=[Category.model_validate(category) for category in categories(db.session)])
