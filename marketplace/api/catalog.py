"""The catalogue: the storefront's listings and one listing; a producer's listing writes."""

from __future__ import annotations

from flask import url_for

from ..catalog import services as listing_services
from ..catalog.queries import listing_for_producer, listing_for_viewer, search_listings
from ..extensions import db
from ..orders.reviews import ratings_for
from . import bp
from .auth import authenticated_user, current_api_user, require_user
from .declare import operation
from .schemas.catalog import Listing, ListingCreate, ListingPage, ListingQuery, ListingUpdate


@bp.get("/listings")
@operation(summary="Search the active listings of approved enterprises", query=ListingQuery,
           responses={200: ListingPage})
def listings(query: ListingQuery):
    page = search_listings(db.session, query, cursor=query.cursor, limit=query.limit)
    ratings = ratings_for(db.session, [listing.id for listing in page.items])
    return ListingPage(items=[Listing.of(listing, ratings.get(listing.id)) for listing in page.items],
                       next_cursor=page.next_cursor)


@bp.get("/listings/<int:id>")
@operation(summary="One listing", auth="optional", responses={200: Listing}, errors=(404,),
           description="Anyone sees an active listing of an approved enterprise; the enterprise's producers "
                       "(with their bearer token) also see its drafts and archived listings. 404 otherwise.")
def listing(id: int):  # named as in the contract: /listings/{id}
    found = listing_for_viewer(db.session, id, current_api_user())
    return Listing.of(found, ratings_for(db.session, [found.id])[found.id])


@bp.post("/listings")
@require_user
@operation(summary="Create a listing of one of the caller's enterprises", auth=True, body=ListingCreate,
           responses={201: Listing}, errors=(404, 409),
           description="A draft unless `status` is \"active\". 404 when `enterprise_id` is not one of the caller's "
                       "enterprises; 422 names each bad field (`price_satang` must be a JSON integer of satang; "
                       "`category` must not be retired); 409 `enterprise_not_approved` for publishing while the "
                       "enterprise is pending or suspended.")
def create_listing(body: ListingCreate):
    fields = body.model_dump(exclude_unset=True)
    enterprise_id = fields.pop("enterprise_id")
    listing = listing_services.create_listing(db.session, authenticated_user(), enterprise_id, **fields)
    db.session.commit()
    return Listing.of(listing), 201, {"Location": url_for(".listing", id=listing.id)}


@bp.patch("/listings/<int:id>")
@require_user
@operation(summary="Change a listing of one of the caller's enterprises", auth=True, body=ListingUpdate,
           responses={200: Listing}, errors=(404, 409),
           description="Send only the fields to change; `kind` and `enterprise_id` cannot change. `status` moves "
                       "draft ⇄ active, either → archived, archived → draft. A listing keeps a category retired "
                       "after it was put there, but 422 names `category` when moving into a retired one. 404 for a "
                       "listing that is not the caller's; 409 `enterprise_not_approved` for publishing while the "
                       "enterprise is not approved, `invalid_transition` for archived → active.")
def update_listing(id: int, body: ListingUpdate):  # named as in the contract: /listings/{id}
    user = authenticated_user()
    listing = listing_for_producer(db.session, user, id)
    listing_services.update_listing(db.session, user, listing, **body.model_dump(exclude_unset=True))
    db.session.commit()
    return Listing.of(listing, ratings_for(db.session, [listing.id])[listing.id])
