"""Catalogue reads: the storefront's listings and one listing."""

from __future__ import annotations

from flask import request

from ..catalog.queries import listing_for_viewer, parse_listing_filters, ratings_for, search_listings
from ..extensions import db
from . import bp
from .auth import current_api_user
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
