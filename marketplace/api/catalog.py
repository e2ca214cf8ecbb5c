"""The catalogue: the storefront's listings and one listing; a producer's listing writes."""

from __future__ import annotations

from flask import request, url_for

from ..catalog import services as listing_services
from ..catalog.queries import (
    listing_for_producer, listing_for_viewer, parse_listing_filters, ratings_for, search_listings,
)
from ..extensions import db
from . import bp
from .auth import authenticated_user, current_api_user, require_user
from .body import json_body
from .openapi import LISTING_QUERY, PAGE_QUERY, ref, spec
from .serializers import listing_json, listings_page_json


@bp.get("/listings")
@spec(summary="Search the active listings of approved enterprises", query=LISTING_QUERY + PAGE_QUERY,
      responses={200: ref("ListingPage")})
def listings():
    filters = parse_listing_filters(request.args)
    page = search_listings(db.session, filters, cursor=request.args.get("cursor") or None,
                           limit=request.args.get("limit"))
    ratings = ratings_for(db.session, [listing.id for listing in page.items])
    return listings_page_json(page, ratings)


@bp.get("/listings/<int:id>")
@spec(summary="One listing", auth="optional", responses={200: ref("Listing")}, errors=(404,),
      description="Anyone sees an active listing of an approved enterprise; the enterprise's producers "
                  "(with their bearer token) also see its drafts and archived listings. 404 otherwise.")
def listing(id: int):  # named as in the contract: /listings/{id}
    found = listing_for_viewer(db.session, id, current_api_user())
    return listing_json(found, ratings_for(db.session, [found.id])[found.id])


def _listing_fields(body: dict, allowed: frozenset[str]) -> dict:
    """The body's members that the listing services take; others are ignored, so a
    client may send back a listing as it read it."""
    return {name: value for name, value in body.items() if name in allowed}


@bp.post("/listings")
@spec(summary="Create a listing of one of the caller's enterprises", auth=True, body=ref("ListingCreate"),
      responses={201: ref("Listing")}, errors=(404, 409),
      description="A draft unless `status` is \"active\". 404 when `enterprise_id` is not one of the caller's "
                  "enterprises; 422 names each bad field (`price_satang` must be a JSON integer of satang); "
                  "409 `enterprise_not_approved` for publishing while the enterprise is pending or suspended.")
@require_user
def create_listing():
    body = json_body()
    listing = listing_services.create_listing(
        db.session, authenticated_user(), body.get("enterprise_id"),
        **_listing_fields(body, listing_services.EDITABLE_FIELDS | {"kind"}),
    )
    db.session.commit()
    return listing_json(listing), 201, {"Location": url_for(".listing", id=listing.id)}


@bp.patch("/listings/<int:id>")
@spec(summary="Change a listing of one of the caller's enterprises", auth=True, body=ref("ListingUpdate"),
      responses={200: ref("Listing")}, errors=(404, 409),
      description="Send only the fields to change; `kind` and `enterprise_id` cannot change. `status` moves "
                  "draft ⇄ active, either → archived, archived → draft. 404 for a listing that is not the "
                  "caller's; 409 `enterprise_not_approved` for publishing while the enterprise is not "
                  "approved, `invalid_transition` for archived → active.")
@require_user
def update_listing(id: int):  # named as in the contract: /listings/{id}
    user = authenticated_user()
    listing = listing_for_producer(db.session, user, id)
    body = json_body()
    listing_services.update_listing(
        db.session, user, listing,
        **_listing_fields(body, listing_services.EDITABLE_FIELDS | listing_services.FIXED_FIELDS),
    )
    db.session.commit()
    return listing_json(listing, ratings_for(db.session, [listing.id])[listing.id])
