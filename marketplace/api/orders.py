"""Orders: checkout, the consumer's orders, card payment and cancellation."""

from __future__ import annotations

from flask import current_app, request

from ..accounts.models import Role
from ..clock import today_in_thailand
from ..db import begin_write, utcnow
from ..extensions import db
from ..orders.checkout import checkout_from
from ..orders.models import Order
from ..orders.services import (
    cancel_order, consumer_orders, order_for_consumer, order_for_viewer, pay_order, place_order,
)
from ..payments.providers import available_methods, current_gateway, payment_window
from . import bp
from .auth import authenticated_user, require_role, require_user
from .declare import operation
from .schemas.common import PageQuery
from .schemas.orders import CancelRequest
from .schemas.orders import Order as OrderAnswer
from .schemas.orders import OrderPage, OrderRequest, PayRequest


def _order_answer(order: Order) -> OrderAnswer:
    return OrderAnswer.of(order, now=utcnow(), promptpay_id=current_app.config.get("PROMPTPAY_ID"))


@bp.post("/orders")
@require_role(Role.CONSUMER)
@operation(summary="Place an order (split per provincial company and kind)", auth=True, body=OrderRequest,
           responses={201: OrderAnswer, 200: OrderAnswer}, errors=(403, 409),
           description="Send an `Idempotency-Key` header (400 `idempotency_key_required` without it): the same "
                       "key and body again returns the same order (200); the same key with another body is 409 "
                       "`idempotency_conflict`.")
def create_order(body: OrderRequest):
    consumer = authenticated_user()
    gateway = current_gateway()
    checkout = checkout_from(body, available_methods=available_methods(current_app.config, gateway))
    session = db.session
    begin_write(session)
    placed = place_order(session, consumer, checkout, now=utcnow(), today=today_in_thailand(), gateway=gateway,
                         payment_window=payment_window(current_app.config),
                         idempotency_key=request.headers.get("Idempotency-Key", ""))
    session.commit()
    order = order_for_consumer(session, consumer, placed.order.id)
    return _order_answer(order), 201 if placed.created else 200


@bp.get("/orders")
@require_role(Role.CONSUMER)
@operation(summary="The caller's orders, newest first", auth=True, query=PageQuery, responses={200: OrderPage})
def list_orders(query: PageQuery):
    page = consumer_orders(db.session, authenticated_user(), cursor=query.cursor, limit=query.limit)
    now = utcnow()
    promptpay_id = current_app.config.get("PROMPTPAY_ID")
    return OrderPage(items=[OrderAnswer.of(order, now=now, promptpay_id=promptpay_id) for order in page.items],
                     next_cursor=page.next_cursor)


@bp.get("/orders/<int:id>")
@operation(summary="One order", auth=True, responses={200: OrderAnswer}, errors=(404,))
def get_order(id: int):
    return _order_answer(order_for_viewer(db.session, authenticated_user(), id))


@bp.post("/orders/<int:id>/pay")
@require_user
@operation(summary="Confirm a card order's payment with a Stripe PaymentMethod (server-side confirmation)",
           auth=True, body=PayRequest, responses={200: OrderAnswer}, errors=(402, 404, 409),
           description="The order becomes paid when the signed `payment_intent.succeeded` webhook arrives, "
                       "never from this call's answer alone.")
def pay(id: int, body: PayRequest):
    consumer = authenticated_user()
    order = order_for_consumer(db.session, consumer, id)
    pay_order(db.session, consumer, order, body.payment_method_id, gateway=current_gateway())
    db.session.commit()
    return _order_answer(order)


@bp.post("/orders/<int:id>/cancel")
@require_user
@operation(summary="Cancel an order while nothing has shipped; refunds what was paid", auth=True,
           body=CancelRequest, optional_body=True, responses={200: OrderAnswer}, errors=(404, 409),
           description="An optional JSON body `{reason}` says why (longer than 500 characters, it is cut).")
def cancel(id: int, body: CancelRequest):
    consumer = authenticated_user()
    session = db.session
    begin_write(session)
    order = order_for_consumer(session, consumer, id)
    cancel_order(session, consumer, order, now=utcnow(), gateway=current_gateway(), reason=body.reason)
    session.commit()
    return _order_answer(order)
