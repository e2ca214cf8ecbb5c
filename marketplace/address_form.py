"""The Thai address selects (province → district → subdistrict), for every form that
asks for an address: enterprise sign-up and the checkout.

They work without JavaScript: the hidden ``districts_for`` / ``subdistricts_for`` fields
record which province and district the rendered options belong to, so a submit after
choosing another province re-renders the form with the next select filled instead of
failing (``address_needs_refresh``). ``static/js/address.js`` refills the selects in
place and keeps those fields in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from geothai.types import District, Province, Subdistrict
from wtforms import HiddenField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2

from . import geo
from .geo import address_problems
from .i18n import current_language, thai_sort_key

Place = TypeVar("Place", Province, District, Subdistrict)


def _place_name(place: Province | District | Subdistrict) -> str:
    if current_language() == "en" and place.name_en:
        return place.name_en
    return place.name_th


def _sorted_places(places: Iterable[Place]) -> list[Place]:
    if current_language() == "en":
        return sorted(places, key=lambda place: place.name_en or place.name_th)
    return sorted(places, key=lambda place: thai_sort_key(place.name_th))


class AddressFieldsMixin:
    """Province, district and subdistrict selects with the two hidden fields that say which
    options were rendered, and the button that refreshes them without JavaScript."""

    province_code = SelectField(_l("Province"), choices=[], validate_choice=False)
    district_code = SelectField(_l("District (amphoe)"), choices=[], validate_choice=False)
    subdistrict_code = SelectField(_l("Subdistrict (tambon)"), choices=[], validate_choice=False)
    districts_for = HiddenField()
    subdistricts_for = HiddenField()
    refresh_address = SubmitField(_l("Show the districts and subdistricts"))


def address_needs_refresh(form: AddressFieldsMixin) -> bool:
    """Whether a submitted form should come back with new address options rather than be
    saved: the refresh button was pressed, or the reader chose another province (or
    district) than the one the options on the page were made for, so that the district
    (or subdistrict) sent no longer belongs to it. A complete, consistent address is
    never held back, whatever the hidden fields say."""
    if form.refresh_address.data:
        return True
    province, district, subdistrict = (
        form.province_code.data or "", form.district_code.data or "", form.subdistrict_code.data or ""
    )
    problems = address_problems(province, district, subdistrict)
    if province != (form.districts_for.data or "") and "district_code" in problems:
        return True
    return district != (form.subdistricts_for.data or "") and "subdistrict_code" in problems


def fill_address_choices(form: AddressFieldsMixin) -> None:
    """Options for the three selects from the chosen codes, in the reader's language; a
    district or subdistrict that no longer belongs to the chosen province or district is
    cleared. Records in the hidden fields which codes the options were made for."""
    province_code = form.province_code.data or ""
    district_code = form.district_code.data or ""
    subdistrict_code = form.subdistrict_code.data or ""

    form.province_code.choices = [SelectChoice("", _("Choose a province"))] + [
        SelectChoice(place.code, _place_name(place)) for place in _sorted_places(geo.provinces())
    ]
    if geo.province(province_code) is None:
        province_code = ""
    if "district_code" in address_problems(province_code, district_code, "") or not province_code:
        district_code = ""
    if address_problems(province_code, district_code, subdistrict_code) or not district_code:
        subdistrict_code = ""

    districts = [SelectChoice("", _("Choose a district") if province_code else _("Choose a province first"))]
    if province_code:
        districts += [
            SelectChoice(place.code, _place_name(place)) for place in _sorted_places(geo.districts(province_code))
        ]
    subdistricts = [SelectChoice("", _("Choose a subdistrict") if district_code else _("Choose a district first"))]
    if district_code:
        subdistricts += [
            SelectChoice(place.code, _place_name(place), {"data-postal-codes": " ".join(place.postal_codes)})
            for place in _sorted_places(geo.subdistricts(district_code))
        ]
    form.district_code.choices = districts
    form.subdistrict_code.choices = subdistricts
    form.province_code.data = province_code
    form.district_code.data = district_code
    form.subdistrict_code.data = subdistrict_code
    form.districts_for.data = province_code
    form.subdistricts_for.data = district_code
