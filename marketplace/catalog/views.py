"""The storefront pages: home, a listing, stored photos, and the language switch."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import (
    Blueprint, abort, current_app, redirect, render_template, request, send_from_directory, url_for,
)
from flask_login import current_user

from ..accounts.views import local_url
from ..enterprises.models import EnterpriseStatus
from ..errors import NotFound
from ..extensions import db
from ..i18n import LANG_COOKIE, LANGUAGES
from .images import media_url
from .models import ListingKind, ListingStatus
from .queries import featured_listings, listing_for_viewer, other_listings_of, ratings_for, upcoming_slots

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
    viewer = current_user if current_user.is_authenticated else None
    try:
        found = listing_for_viewer(session, listing_id, viewer)
    except NotFound:
        abort(404)  # the page's own translated message, rather than the service's English one
    slots = []
    if found.kind == ListingKind.TOUR:
        slots = upcoming_slots(session, found, dt.datetime.now(BANGKOK).date())
    others = other_listings_of(session, found)
    ratings = ratings_for(session, [found.id] + [other.id for other in others])
    public = found.status == ListingStatus.ACTIVE and found.enterprise.status == EnterpriseStatus.APPROVED
    return render_template(
        "catalog/listing.html", listing=found, slots=slots, others=others, ratings=ratings,
        rating=ratings[found.id], public=public,
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
