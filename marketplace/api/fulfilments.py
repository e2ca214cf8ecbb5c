"""Provincial companies: the fulfilment queue, receiving lines, and status moves."""

from __future__ import annotations

from ..backoffice.queries import QueueFilters, fulfilment_queue
from ..backoffice.workflow import fulfilment_for_actor, fulfilment_for_staff, move_fulfilment, receive_line
from ..db import begin_write, utcnow
from ..extensions import db
from ..payments.providers import current_gateway
from . import bp
from .auth import authenticated_user, require_user
from .declare import operation
from .schemas.common import PageQuery
from .schemas.orders import Fulfilment, FulfilmentPage, TransitionRequest


class QueueQuery(QueueFilters, PageQuery):
    """The queue's filters (with their rules, shared with the pages) and a page."""


@bp.get("/fulfilments")
@require_user
@operation(summary="The company's fulfilment queue, oldest new first, with buyer contact and address", auth=True,
           query=QueueQuery, responses={200: FulfilmentPage}, errors=(403,))
def list_fulfilments(query: QueueQuery):
    user = authenticated_user()
    page = fulfilment_queue(db.session, user, query, cursor=query.cursor,
                            limit=query.limit)
    now = utcnow()
    return FulfilmentPage(items=[Fulfilment.of(item, now=now, with_buyer=True) for item in page.items],
                          next_cursor=page.next_cursor)


@bp.post("/fulfilments/<int:id>/lines/<int:line_id>/receive")
@operation(summary="Mark a line received from its enterprise", auth=True, responses={200: Fulfilment},
           errors=(403, 404, 409))
def receive(id: int, line_id: int):
    user = authenticated_user()
    session = db.session
    begin_write(session)
    fulfilment = fulfilment_for_staff(session, user, id)
    receive_line(session, user, fulfilment, line_id, now=utcnow())
    session.commit()
    return Fulfilment.of(fulfilment, now=utcnow(), with_buyer=True)


@bp.post("/fulfilments/<int:id>/transitions")
@require_user
@operation(summary="Move a fulfilment to its next status", auth=True, body=TransitionRequest,
           responses={200: Fulfilment}, errors=(403, 404, 409),
           description="Company staff and admins; the order's consumer only for `shipped → delivered` (confirming "
                       "receipt). 409 `invalid_transition` for a move the table forbids (whatever else the body "
                       "lacks), moving to `new` (only the payment does that), packing before every line is "
                       "received, completing a tour before its date, or a concurrent change; 422 for a missing "
                       "carrier, tracking number or reason.")
def move(id: int, body: TransitionRequest):
    user = authenticated_user()
    session = db.session
    begin_write(session)
    fulfilment = fulfilment_for_actor(session, user, id, body.to)
    move_fulfilment(session, user, fulfilment, body.to, now=utcnow(), gateway=current_gateway(),
                    carrier=body.carrier, tracking_number=body.tracking_number, reason=body.reason)
    session.commit()
    staff = not fulfilment.order.consumer_id == user.id
    return Fulfilment.of(fulfilment, now=utcnow(), with_buyer=staff)
