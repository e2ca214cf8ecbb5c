"""Orders: checkout, the consumer's orders, card payment and cancellation."""

from __future__ import annotations

import datetime as dt

from flask import current_app, request
from sqlalchemy import select

from ..accounts.models import Role
from ..clock import today_in_thailand
from ..db import begin_write, utcnow
from ..errors import NotFound, ValidationError
from ..extensions import db
from ..orders.checkout import parse_checkout
from ..orders.models import Order
from ..orders.services import (
    ORDER_LOAD,
    cancel_order,
    order_for_consumer,
    pay_order,
    place_order,
)
from ..pagination import SortKey, paginate, parse_limit
from ..payments.providers import available_methods, current_gateway
from . import bp
from .auth import authenticated_user, require_role
from .body import json_body
from .openapi import ref, spec
from .serializers import order_json


def _order_response(order: Order, status: int = 200):
    return order_json(order, now=utcnow(), promptpay_id=current_app.config.get("PROMPTPAY_ID")), status


def _payment_window() -> dt.timedelta:
    return dt.timedelta(minutes=current_app.config["ORDER_PAYMENT_WINDOW_MINUTES"])


@bp.post("/orders")
@spec(summary="Place an order (split per provincial company and kind)", auth=True, body=ref("OrderRequest"),
      responses={201: ref("Order"), 200: ref("Order")}, errors=(400, 401, 403, 409, 422),
      description="Send an `Idempotency-Key` header (400 `idempotency_key_required` without it): the same key "
                  "and body again returns the same order (200); the same key with another body is 409 "
                  "`idempotency_conflict`.")
@require_role(Role.CONSUMER)
def create_order():
    consumer = authenticated_user()
    gateway = current_gateway()
    checkout = parse_checkout(json_body(), available_methods=available_methods(current_app.config, gateway))
    session = db.session
    begin_write(session)
    placed = place_order(session, consumer, checkout, now=utcnow(), today=today_in_thailand(), gateway=gateway,
                         payment_window=_payment_window(), idempotency_key=request.headers.get("Idempotency-Key", ""))
    session.commit()
    order = order_for_consumer(session, consumer, placed.order.id)
    return _order_response(order, 201 if placed.created else 200)


@bp.get("/orders")
@spec(summary="The caller's orders, newest first", auth=True, responses={200: ref("OrderPage")})
@require_role(Role.CONSUMER)
def list_orders():
    consumer = authenticated_user()
    keys = [SortKey(Order.created_at, descending=True, kind="datetime"), SortKey(Order.id, descending=True)]
    query = select(Order, Order.created_at, Order.id).where(Order.consumer_id == consumer.id).options(*ORDER_LOAD)
    page = paginate(db.session, query, keys, cursor=request.args.get("cursor") or None,
                    limit=parse_limit(request.args.get("limit")))
    now = utcnow()
    promptpay_id = current_app.config.get("PROMPTPAY_ID")
    return {"items": [order_json(o, now=now, promptpay_id=promptpay_id) for o in page.items],
            "next_cursor": page.next_cursor}


def _visible_order(order_id: int) -> Order:
    """The caller's own order; an admin sees any."""
    user = authenticated_user()
    if user.has_role(Role.ADMIN):
        order = db.session.scalar(select(Order).where(Order.id == order_id).options(*ORDER_LOAD))
        if order is None:
            raise NotFound("Order not found")
        return order
    return order_for_consumer(db.session, user, order_id)


@bp.get("/orders/<int:id>")
@spec(summary="One order", auth=True, responses={200: ref("Order")}, errors=(401, 404))
def get_order(id: int):
    return _order_response(_visible_order(id))


@bp.post("/orders/<int:id>/pay")
@spec(summary="Confirm a card order's payment with a Stripe PaymentMethod (server-side confirmation)",
      auth=True, body=ref("PayRequest"), responses={200: ref("Order")}, errors=(401, 402, 404, 409, 422),
      description="The order becomes paid when the signed `payment_intent.succeeded` webhook arrives, "
                  "never from this call's answer alone.")
def pay(id: int):
    consumer = authenticated_user()
    order = order_for_consumer(db.session, consumer, id)
    body = json_body()
    pay_order(db.session, consumer, order, body.get("payment_method_id"), gateway=current_gateway())
    db.session.commit()
    return _order_response(order)


@bp.post("/orders/<int:id>/cancel")
@spec(summary="Cancel an order while nothing has shipped; refunds what was paid", auth=True,
      responses={200: ref("Order")}, errors=(401, 404, 409, 422),
      description="An optional JSON body `{reason}` says why.")
def cancel(id: int):
    consumer = authenticated_user()
    body = request.get_json(silent=True)
    reason = body.get("reason") if isinstance(body, dict) else None
    if reason is not None and not isinstance(reason, str):
        raise ValidationError("The reason must be text", fields={"reason": "text, up to 500 characters"})
    session = db.session
    begin_write(session)
    order = order_for_consumer(session, consumer, id)
    cancel_order(session, consumer, order, now=utcnow(), gateway=current_gateway(), reason=reason)
    session.commit()
    return _order_response(order)
