"""Reference data: provinces with their companies, districts, subdistricts, categories.
Never paged: one answer holds all."""

from __future__ import annotations

from ..catalog.queries import categories
from ..companies.queries import districts_of_province, provinces_with_companies, subdistricts_of_district
from ..extensions import db
from . import bp
from .openapi import items_of, spec
from .serializers import category_json, district_json, province_json, subdistrict_json


@bp.get("/provinces")
@spec(summary="The 77 provinces, each with its region and provincial company",
      responses={200: items_of("Province")})
def provinces():
    return {"items": [province_json(province) for province in provinces_with_companies(db.session)]}


@bp.get("/provinces/<code>/districts")
@spec(summary="The districts of a province", responses={200: items_of("District")}, errors=(404,))
def districts(code: str):
    return {"items": [district_json(district) for district in districts_of_province(code)]}


@bp.get("/districts/<code>/subdistricts")
@spec(summary="The subdistricts of a district, with their postal codes",
      responses={200: items_of("Subdistrict")}, errors=(404,))
def subdistricts(code: str):
    return {"items": [subdistrict_json(subdistrict) for subdistrict in subdistricts_of_district(code)]}


@bp.get("/categories")
@spec(summary="The listing categories", responses={200: items_of("Category")})
def category_list():
    return {"items": [category_json(category) for category in categories(db.session)]}
