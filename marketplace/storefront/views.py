"""The storefront pages: home, a listing, stored photos, and the language switch."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.access import current_viewer
from ..catalog.images import media_url
from ..catalog.models import ListingKind, ListingStatus
from ..catalog.queries import (
    ListingFilters, featured_listings, listing_for_viewer, other_listings_of, parse_listing_filters, search_listings,
    storefront_categories, upcoming_slots, visible_counts_by_province,
)
from ..companies.queries import province_by_code, provinces_by_region, provinces_with_companies
from ..companies.services import serving_company
from ..enterprises.models import EnterpriseStatus
from ..enterprises.queries import approved_enterprises_in, enterprise_for_viewer, is_enterprise_member, oversees
from ..errors import ValidationError
from ..extensions import db
from ..geo import Region
from ..i18n import LANG_COOKIE, LANGUAGES
from ..money import parse_baht
from ..orders.reviews import ratings_for, reviews_for_listing
from ..redirects import local_url

bp = Blueprint("catalog", __name__)

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
FEATURED_COUNT = 8
LANG_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
MEDIA_MAX_AGE = 365 * 24 * 60 * 60  # stored under content-hash names: a key never changes content

bp.add_app_template_global(media_url, "media_url")


@bp.get("/")
def index():
    session = db.session
    products = featured_listings(session, ListingKind.PRODUCT, FEATURED_COUNT)
    tours = featured_listings(session, ListingKind.TOUR, FEATURED_COUNT)
    ratings = ratings_for(session, [listing.id for listing in products + tours])
    return render_template("catalog/index.html", products=products, tours=tours, ratings=ratings)


@bp.get("/listings/<int:listing_id>")
def listing(listing_id: int):
    session = db.session
    viewer = current_viewer()
    found = listing_for_viewer(session, listing_id, viewer)
    slots = []
    if found.kind == ListingKind.TOUR:
        slots = upcoming_slots(session, found, dt.datetime.now(BANGKOK).date())
    others = other_listings_of(session, found)
    ratings = ratings_for(session, [found.id] + [other.id for other in others])
    public = found.status == ListingStatus.ACTIVE and found.enterprise.status == EnterpriseStatus.APPROVED
    return render_template(
        "catalog/listing.html", listing=found, slots=slots, others=others, ratings=ratings,
        rating=ratings[found.id], public=public,
        reviews=reviews_for_listing(session, found.id, REVIEWS_SHOWN),
    )


@bp.get("/media/<path:key>")
def media(key: str):
    """A stored photo. ``send_from_directory`` refuses any key that leaves ``MEDIA_ROOT``."""
    return send_from_directory(current_app.config["MEDIA_ROOT"], key, max_age=MEDIA_MAX_AGE)


def _without_lang(target: str) -> str:
    """``target`` without a ``lang`` query argument, which would outvote the cookie."""
    parts = urlsplit(target)
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                       if name != "lang"])
    return urlunsplit(("", "", parts.path, query, parts.fragment))


@bp.post("/language")
def set_language():
    """Remember the chosen language in the ``lang`` cookie and go back where the reader was."""
    language = request.form.get("lang", "")
    if language not in LANGUAGES:
        abort(400)
    target = _without_lang(local_url(request.form.get("next"), url_for("catalog.index")))
    response = redirect(target)
    response.set_cookie(
        LANG_COOKIE, language, max_age=LANG_COOKIE_MAX_AGE, samesite="Lax", httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response


# -- browsing: the catalogue with filters, the provinces --------------------------------------------

CATALOGUE_PAGE_SIZE = 24
PROVINCE_LISTINGS_PAGE_SIZE = 24
PROVINCE_ENTERPRISES_PAGE_SIZE = 48
ENTERPRISE_PAGE_SIZE = 24
REVIEWS_SHOWN = 10
# The catalogue's query arguments; prices are baht as typed (``1,250.50``), not satang.
CATALOGUE_ARGS = ("q", "province", "region", "category", "kind", "min_price", "max_price", "stars", "sort")

REGION_LABELS = {
    Region.NORTH: _l("Northern Thailand"),
    Region.NORTHEAST: _l("Northeastern Thailand (Isan)"),
    Region.CENTRAL: _l("Central Thailand"),
    Region.EAST: _l("Eastern Thailand"),
    Region.WEST: _l("Western Thailand"),
    Region.SOUTH: _l("Southern Thailand"),
}
SORT_LABELS = {
    "relevance": _l("Best match"),
    "newest": _l("Newest first"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
}
KIND_LABELS = {ListingKind.PRODUCT: _l("Products"), ListingKind.TOUR: _l("Community tours")}


@bp.app_template_global("region_name")
def region_name(region: Region | str) -> str:
    """A region's name in the page's language."""
    return str(REGION_LABELS[Region(region)])


def _catalogue_args() -> dict[str, str]:
    """The catalogue arguments of this request as given (trimmed, empty ones left out),
    to keep them in the form and in the next page's link."""
    given = ((name, (request.args.get(name) or "").strip()) for name in CATALOGUE_ARGS)
    return {name: value for name, value in given if value}


def catalogue_filters(args: Mapping[str, str]) -> ListingFilters:
    """The catalogue's filters from its form: prices typed in baht become satang through
    ``parse_baht``, then ``parse_listing_filters`` holds every rule, as for the API.
    ``ValidationError`` naming every bad filter at once."""
    problems: dict[str, str] = {}
    converted = dict(args)
    for name in ("min_price", "max_price"):
        if name in converted:
            try:
                converted[name] = str(parse_baht(converted[name], field=name))
            except ValidationError as error:
                problems.update(error.fields)
                del converted[name]
    try:
        filters = parse_listing_filters(converted)
    except ValidationError as error:
        problems.update(error.fields)
    if problems:
        raise ValidationError("Some filters are not valid", fields=problems)
    return filters


def _filter_messages(fields: Mapping[str, str]) -> dict[str, str]:
    """The reader's words for what is wrong with each filter."""
    messages = {}
    for name, reason in fields.items():
        if name in ("min_price", "max_price"):
            if reason == "too large":
                messages[name] = _("The amount is too large.")
            elif reason == "below the lowest price":
                messages[name] = _("The highest price cannot be below the lowest.")
            else:
                messages[name] = _("Enter an amount in baht, such as 120 or 120.50.")
        elif name == "q":
            messages[name] = _("Search for at most 100 characters.")
        elif name == "stars":
            messages[name] = _("Choose from 1 to 5 OTOP stars.")
        elif name == "kind":
            messages[name] = _("Choose products or community tours.")
        elif name in ("province", "region", "category", "sort"):
            messages[name] = _("Choose from the list.")
        else:
            messages["cursor"] = _("That page link is no longer valid. Start again from the first page.")
    return messages


@bp.get("/listings")
def catalogue():
    """Every visible listing, searched, filtered and sorted, one keyset page at a time."""
    session = db.session
    provinces = provinces_with_companies(session)
    args = _catalogue_args()
    category_list = storefront_categories(session, args.get("category"))
    page, errors = None, {}
    try:
        filters = catalogue_filters(args)
        page = search_listings(session, filters, cursor=request.args.get("cursor") or None,
                               limit=CATALOGUE_PAGE_SIZE)
    except ValidationError as error:
        errors = _filter_messages(error.fields)
    listings = page.items if page else []
    ratings = ratings_for(session, [listing.id for listing in listings])
    chosen_province = next((province for province in provinces if province.code == args.get("province")), None)
    return render_template(
        "catalog/catalogue.html", listings=listings, ratings=ratings,
        next_cursor=page.next_cursor if page else None, args=args, errors=errors,
        provinces=provinces_by_region(provinces), categories=category_list, chosen_province=chosen_province,
        first_page=not request.args.get("cursor"), regions=REGION_LABELS, sorts=SORT_LABELS, kinds=KIND_LABELS,
    ), 422 if errors else 200


@bp.get("/provinces")
def provinces():
    """The 77 provinces by region, each with how many listings it has on sale."""
    session = db.session
    return render_template(
        "catalog/provinces.html", regions=provinces_by_region(provinces_with_companies(session)),
        counts=visible_counts_by_province(session),
    )


@bp.get("/provinces/<code>")
def province(code: str):
    """A province: its names and region, the company that serves it (or the national
    company, while its own is inactive), its community products and its approved enterprises."""
    session = db.session
    found = province_by_code(session, code)
    serving = serving_company(session, found.code)
    error = None
    listings, next_cursor, enterprises, next_enterprises = [], None, [], None
    try:
        page = search_listings(session, ListingFilters(province=found.code, sort="newest"),
                               cursor=request.args.get("cursor") or None, limit=PROVINCE_LISTINGS_PAGE_SIZE)
        enterprise_page = approved_enterprises_in(session, found.code,
                                                  cursor=request.args.get("enterprise_cursor") or None,
                                                  limit=PROVINCE_ENTERPRISES_PAGE_SIZE)
    except ValidationError:
        error = _("That page link is no longer valid. Start again from the first page.")
    else:
        listings, next_cursor = page.items, page.next_cursor
        enterprises, next_enterprises = enterprise_page.items, enterprise_page.next_cursor
    return render_template(
        "catalog/province.html", province=found, company=found.company, serving=serving, listings=listings,
        ratings=ratings_for(session, [listing.id for listing in listings]), next_cursor=next_cursor,
        enterprises=enterprises, next_enterprises=next_enterprises, error=error,
    ), 422 if error else 200


@bp.get("/enterprises/<int:enterprise_id>")
def enterprise(enterprise_id: int):
    """A community enterprise's public page: who they are and what they sell."""
    viewer = current_viewer()
    found = enterprise_for_viewer(db.session, viewer, enterprise_id)
    try:
        page = search_listings(db.session, ListingFilters(enterprise_id=found.id, sort="newest"),
                               cursor=request.args.get("cursor") or None, limit=ENTERPRISE_PAGE_SIZE)
    except ValidationError:
        abort(400)
    ratings = ratings_for(db.session, [listing.id for listing in page.items])
    details_url, staff_view = None, False
    if is_enterprise_member(db.session, viewer, found):
        details_url = url_for("enterprises.manage", enterprise_id=found.id)
    elif oversees(db.session, viewer, found):
        details_url, staff_view = url_for("enterprises.review", enterprise_id=found.id), True
    return render_template(
        "enterprises/public.html", enterprise=found, listings=page.items, ratings=ratings,
        next_cursor=page.next_cursor, details_url=details_url, staff_view=staff_view,
    )
