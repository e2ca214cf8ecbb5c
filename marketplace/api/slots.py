"""A tour's dated departures: ``GET`` and ``POST /listings/{id}/slots``."""

from __future__ import annotations

from ..catalog.queries import listing_for_producer, listing_for_viewer
from ..catalog.slots import add_slot, date_range, slots_between
from ..clock import today_in_thailand
from ..extensions import db
from . import bp
from .auth import authenticated_user, current_api_user, require_user
from .declare import operation
from .schemas.catalog import NewSlot, Slot, SlotList, SlotQuery


@bp.get("/listings/<int:id>/slots")
@operation(summary="A tour's dated departures", auth="optional", query=SlotQuery, responses={200: SlotList},
           errors=(404,),
           description="The slots of a listing the caller may see (an active listing of an approved enterprise, "
                       "or one of the caller's own), soonest first, closed ones included with `available` 0. "
                       "A product has none.")
def listing_slots(id: int, query: SlotQuery):  # named as in the contract: /listings/{id}/slots
    listing = listing_for_viewer(db.session, id, current_api_user())
    start, end = date_range(query.start, query.end, today_in_thailand())
    return SlotList(items=[Slot.model_validate(slot) for slot in slots_between(db.session, listing, start, end)])


@bp.post("/listings/<int:id>/slots")
@require_user
@operation(summary="Open a tour on a date", auth=True, body=NewSlot, responses={201: Slot}, errors=(404, 409),
           description="For the listing's enterprise's producers (404 for anyone else). 409 `slot_exists` when the "
                       "tour already has that date, 409 `not_a_tour` for a product; 422 for a date before today "
                       "(in Thailand) or a capacity outside 1 to 1000.")
def add_listing_slot(id: int, body: NewSlot):
    listing = listing_for_producer(db.session, authenticated_user(), id)
    slot = add_slot(db.session, listing, body.date, body.capacity, today=today_in_thailand())
    db.session.commit()
    return Slot.model_validate(slot), 201
