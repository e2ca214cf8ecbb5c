"""A tour's dated departures: ``GET`` and ``POST /listings/{id}/slots``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request

from ..catalog.queries import listing_for_producer, listing_for_viewer
from ..catalog.slots import add_slot, parse_date_range, slots_between
from ..clock import today_in_thailand
from ..errors import ValidationError
from ..extensions import db
from . import bp
from .auth import authenticated_user, current_api_user, require_user
from .body import json_body
from .openapi import query_param, ref, spec
from .serializers import slot_json

SLOT_QUERY = [
    query_param("from", {"type": "string", "format": "date"},
                "First day, inclusive (a calendar day in Thailand); default today"),
    query_param("to", {"type": "string", "format": "date"},
                "Last day, inclusive; default 90 days after `from`; at most 366 days after it"),
]


@bp.get("/listings/<int:id>/slots")
@spec(summary="A tour's dated departures", auth="optional", query=SLOT_QUERY, responses={200: ref("SlotList")},
      errors=(404,),
      description="The slots of a listing the caller may see (an active listing of an approved enterprise, or "
                  "one of the caller's own), soonest first, closed ones included with `available` 0. A product "
                  "has none.")
def listing_slots(id: int):  # named as in the contract: /listings/{id}/slots
    listing = listing_for_viewer(db.session, id, current_api_user())
    start, end = parse_date_range(request.args, today_in_thailand())
    return {"items": [slot_json(slot) for slot in slots_between(db.session, listing, start, end)]}


@bp.post("/listings/<int:id>/slots")
@spec(summary="Open a tour on a date", auth=True, body=ref("NewSlot"), responses={201: ref("Slot")},
      errors=(404, 409),
      description="For the listing's enterprise's producers (404 for anyone else). 409 `slot_exists` when the "
                  "tour already has that date, 409 `not_a_tour` for a product; 422 for a date before today "
                  "(in Thailand) or a capacity outside 1 to 1000.")
@require_user
def add_listing_slot(id: int):
    listing = listing_for_producer(db.session, authenticated_user(), id)
    date, capacity = _new_slot(json_body())
    slot = add_slot(db.session, listing, date, capacity, today=today_in_thailand())
    db.session.commit()
    return slot_json(slot), 201


def _new_slot(body: dict[str, Any]) -> tuple[dt.date, int]:
    """``date`` and ``capacity`` of the body, typed; ``ValidationError`` naming each bad one."""
    problems: dict[str, str] = {}
    raw_date, capacity = body.get("date"), body.get("capacity")
    date = None
    if not isinstance(raw_date, str) or len(raw_date) != 10:
        problems["date"] = "a date written YYYY-MM-DD"
    else:
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            problems["date"] = "a date written YYYY-MM-DD"
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        problems["capacity"] = "a whole number of seats"
    if problems or date is None:
        raise ValidationError("The date could not be added", fields=problems)
    return date, capacity
