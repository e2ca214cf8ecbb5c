"""Provincial companies: the fulfilment queue, receiving lines, and status moves."""

from __future__ import annotations

from flask import request

from ..db import begin_write, utcnow
from ..extensions import db
from ..fulfilment.queries import fulfilment_queue, parse_queue_filters
from ..fulfilment.workflow import fulfilment_for_actor, fulfilment_for_staff, move_fulfilment, receive_line
from ..payments.providers import current_gateway
from . import bp
from .auth import authenticated_user
from .body import json_body
from .openapi import PAGE_QUERY, query_param, ref, spec
from .serializers import fulfilment_json

QUEUE_QUERY = [
    query_param("status", {"type": "string"}, "Only this status (default: all but awaiting_payment)"),
    query_param("kind", {"type": "string", "enum": ["goods", "tour"]}, "goods or tour"),
    query_param("from", {"type": "string", "format": "date"}, "Ordered on or after this day (Thailand)"),
    query_param("to", {"type": "string", "format": "date"}, "Ordered on or before this day (Thailand)"),
    query_param("enterprise", {"type": "integer"}, "Only fulfilments with lines of this enterprise"),
    query_param("company", {"type": "integer"}, "Admins: only this company's fulfilments"),
]


@bp.get("/fulfilments")
@spec(summary="The company's fulfilment queue, oldest new first, with buyer contact and address", auth=True,
      query=QUEUE_QUERY + PAGE_QUERY, responses={200: ref("FulfilmentPage")}, errors=(401, 403, 422))
def list_fulfilments():
    user = authenticated_user()
    page = fulfilment_queue(db.session, user, parse_queue_filters(request.args),
                            cursor=request.args.get("cursor") or None, limit=request.args.get("limit"))
    now = utcnow()
    return {"items": [fulfilment_json(f, now=now, with_buyer=True) for f in page.items],
            "next_cursor": page.next_cursor}


@bp.post("/fulfilments/<int:id>/lines/<int:line_id>/receive")
@spec(summary="Mark a line received from its enterprise", auth=True, responses={200: ref("Fulfilment")},
      errors=(401, 403, 404, 409))
def receive(id: int, line_id: int):
    user = authenticated_user()
    session = db.session
    begin_write(session)
    fulfilment = fulfilment_for_staff(session, user, id)
    receive_line(session, user, fulfilment, line_id, now=utcnow())
    session.commit()
    return fulfilment_json(fulfilment, now=utcnow(), with_buyer=True)


@bp.post("/fulfilments/<int:id>/transitions")
@spec(summary="Move a fulfilment to its next status", auth=True, body=ref("TransitionRequest"),
      responses={200: ref("Fulfilment")}, errors=(400, 401, 403, 404, 409, 422),
      description="Company staff and admins; the order's consumer only for `shipped → delivered` (confirming "
                  "receipt). 409 `invalid_transition` for a move the table forbids (whatever else the body lacks), "
                  "moving to `new` (only the payment does that), packing before every line is received, "
                  "completing a tour before its date, or a concurrent change; 422 for a missing carrier, "
                  "tracking number or reason.")
def move(id: int):
    user = authenticated_user()
    body = json_body()
    to = body.get("to")
    session = db.session
    begin_write(session)
    fulfilment = fulfilment_for_actor(session, user, id, to if isinstance(to, str) else "")
    move_fulfilment(session, user, fulfilment, to if isinstance(to, str) else "", now=utcnow(),
                    gateway=current_gateway(), carrier=body.get("carrier"),
                    tracking_number=body.get("tracking_number") if isinstance(body.get("tracking_number"), str)
                    else None, reason=body.get("reason") if isinstance(body.get("reason"), str) else None)
    session.commit()
    staff = not fulfilment.order.consumer_id == user.id
    return fulfilment_json(fulfilment, now=utcnow(), with_buyer=staff)
