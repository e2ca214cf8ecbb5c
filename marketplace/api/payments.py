"""The payment provider's webhook."""

from __future__ import annotations

import logging

from flask import request
from sqlalchemy.exc import IntegrityError

from ..db import begin_write, utcnow
from ..errors import BadRequest, NotFound
from ..extensions import db
from ..orders.payment_events import handle_event
from ..payments.gateway import BadSignature
from ..payments.providers import current_gateway
from . import bp
from .declare import operation
from .schemas.orders import WebhookReceipt

log = logging.getLogger(__name__)


@bp.post("/payments/stripe/webhook")
@operation(summary="Stripe's webhook (signed with STRIPE_WEBHOOK_SECRET)", responses={200: WebhookReceipt},
           errors=(400, 404),
           description="Verifies the signature over the raw body (400 otherwise). Each event is handled exactly "
                       "once; a 5xx answer only when the event could not be recorded, so that Stripe retries.")
def stripe_webhook():
    gateway = current_gateway()
    if gateway is None or gateway.provider != "stripe":
        raise NotFound("Stripe is not configured")
    try:
        event = gateway.parse_webhook(request.get_data(cache=False), request.headers.get("Stripe-Signature"))
    except BadSignature as error:
        log.warning("Rejected a Stripe webhook with a bad signature: %s", error)
        raise BadRequest("The webhook signature is not valid", code="bad_signature") from None
    session = db.session
    begin_write(session)
    try:
        outcome = handle_event(session, event, gateway=gateway, now=utcnow())
        session.commit()
    except IntegrityError:
        session.rollback()  # the same event handled concurrently by another delivery
        outcome = "duplicate"
    log.info("Stripe event %s (%s): %s", event.id, event.type, outcome)
    return WebhookReceipt(received=True, outcome=outcome)
