"""Orders, their payment, and the fulfilments they are split into."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field

from ...fulfilment.services import is_late
from ...fulfilment.states import Carrier, FulfilmentKind, FulfilmentStatus
from ...orders.requests import LineRequest, OrderRequest, ShippingAddress  # noqa: F401 (declared with the checkout)
from ...orders.services import payment_can_be_offered
from ...orders.states import OrderStatus
from ...payments.models import PaymentMethod
from ...payments.services import MANUAL_PROMPTPAY
from ...payments.states import PaymentStatus
from ...promptpay import promptpay_payload
from .common import CURRENCY, Currency, Input, Page, PostalCode, ProvinceCode, Satang, Shape, SubdistrictCode, Timestamp

# -- what a checkout sends: declared with the checkout's rules (orders.requests) ----------------------


class PayRequest(Input):
    payment_method_id: str = Field(description="A Stripe PaymentMethod id made by Stripe.js")


class CancelRequest(Input):
    reason: str | None = Field(default=None, description="text, up to 500 characters")


# -- fulfilments ---------------------------------------------------------------------------------

class FulfilmentCompany(Shape):
    id: int
    name_th: str
    province_code: ProvinceCode | None


class FulfilmentLine(Shape):
    id: int
    listing_id: int
    enterprise_id: int
    title_th: str
    title_en: str | None
    quantity: Annotated[int, Field(ge=1)]
    unit_price_satang: Satang
    line_total_satang: Satang
    slot_id: int | None
    slot_date: dt.date | None
    received_at: Timestamp | None


class BuyerAddress(Shape):
    line1: str
    subdistrict_code: SubdistrictCode
    postal_code: PostalCode


class Buyer(Shape):
    name: str
    phone: str
    email: str
    address: BuyerAddress


class Fulfilment(Shape):
    id: int
    order_id: int
    kind: FulfilmentKind
    status: FulfilmentStatus
    company: FulfilmentCompany
    carrier: Carrier | None
    tracking_number: str | None
    lines: list[FulfilmentLine]
    subtotal_satang: Satang
    shipping_satang: Satang
    cod_amount_satang: Satang | None
    currency: Currency
    late: bool
    cancel_reason: str | None
    buyer: Buyer | None = Field(default=None, description="Company staff and admins only")

    @classmethod
    def of(cls, fulfilment, *, now: dt.datetime, with_buyer: bool = False) -> Fulfilment:
        """Company staff also get the buyer's contact and address."""
        extra: dict[str, Any] = {}
        if with_buyer:
            order = fulfilment.order
            extra["buyer"] = Buyer(
                name=order.ship_name, phone=order.ship_phone, email=order.consumer.email,
                address=BuyerAddress(line1=order.ship_line1, subdistrict_code=order.ship_subdistrict_code,
                                     postal_code=order.ship_postal_code))
        return cls(
            id=fulfilment.id, order_id=fulfilment.order_id, kind=fulfilment.kind, status=fulfilment.status,
            company=FulfilmentCompany.model_validate(fulfilment.company), carrier=fulfilment.carrier,
            tracking_number=fulfilment.tracking_number,
            lines=[FulfilmentLine.model_validate(line) for line in fulfilment.lines],
            subtotal_satang=fulfilment.subtotal_satang, shipping_satang=fulfilment.shipping_satang,
            cod_amount_satang=fulfilment.cod_amount_satang, currency=CURRENCY, late=is_late(fulfilment, now),
            cancel_reason=fulfilment.cancel_reason, **extra,
        )


class FulfilmentPage(Page):
    items: list[Fulfilment]


class TransitionRequest(Input):
    """Whether the move is allowed, and what it needs (a carrier and tracking number to
    ship, a reason to cancel), is the fulfilment workflow's to say."""

    to: FulfilmentStatus
    # checked by the workflow, after the state table: a forbidden move is 409 whatever the carrier
    carrier: Annotated[str, Field(json_schema_extra={"enum": [carrier.value for carrier in Carrier]})] | None = \
        Field(default=None, description="Required to ship")
    tracking_number: str | None = Field(default=None, description="Required to ship")
    reason: str | None = Field(default=None, description="Required to cancel")


# -- orders --------------------------------------------------------------------------------------

class Payment(Shape):
    method: PaymentMethod
    status: PaymentStatus
    amount_satang: Satang
    refunded_satang: Satang
    currency: Currency
    intent_id: str | None = Field(default=None, description="Card and Stripe PromptPay: the PaymentIntent")
    client_secret: str | None = Field(default=None, description="For Stripe.js (3-D Secure)")
    promptpay_payload: str | None = Field(default=None,
                                          description="PromptPay without Stripe: the EMVCo QR payload")
    failure_message: str | None = None

    @classmethod
    def of(cls, payment, *, promptpay_id: str | None = None) -> Payment:
        extra: dict[str, Any] = {}
        if payment.intent_id:
            extra.update(intent_id=payment.intent_id, client_secret=payment.client_secret)
        # the QR payload only while the order can still be paid: never invite a transfer
        # for an expired or cancelled order (the admin would have to send it back)
        if payment.provider == MANUAL_PROMPTPAY and promptpay_id and payment_can_be_offered(payment.order):
            try:
                extra["promptpay_payload"] = promptpay_payload(promptpay_id, payment.amount_satang)
            except ValueError:  # a PROMPTPAY_ID that is not one: no QR code rather than no order
                pass
        if payment.failure_message:
            extra["failure_message"] = payment.failure_message
        return cls(method=payment.method, status=payment.status, amount_satang=payment.amount_satang,
                   refunded_satang=payment.refunded_satang, currency=payment.currency, **extra)


class OrderAddress(Shape):
    name: str
    phone: str
    line1: str
    subdistrict_code: SubdistrictCode
    postal_code: PostalCode


class Order(Shape):
    id: int
    number: str = Field(examples=["OT-261126-7KQ3XM"])
    status: OrderStatus
    items_satang: Satang
    shipping_satang: Satang
    total_satang: Satang
    currency: Currency
    created_at: Timestamp
    expires_at: Timestamp | None
    shipping_address: OrderAddress
    payment: Payment | None
    fulfilments: list[Fulfilment]

    @classmethod
    def of(cls, order, *, now: dt.datetime, promptpay_id: str | None = None) -> Order:
        payment = order.payments[-1] if order.payments else None
        return cls(
            id=order.id, number=order.number, status=order.status, items_satang=order.items_satang,
            shipping_satang=order.shipping_satang, total_satang=order.total_satang, currency=order.currency,
            created_at=order.created_at, expires_at=order.expires_at,
            shipping_address=OrderAddress(name=order.ship_name, phone=order.ship_phone, line1=order.ship_line1,
                                          subdistrict_code=order.ship_subdistrict_code,
                                          postal_code=order.ship_postal_code),
            payment=Payment.of(payment, promptpay_id=promptpay_id) if payment else None,
            fulfilments=[Fulfilment.of(fulfilment, now=now) for fulfilment in order.fulfilments],
        )


class OrderPage(Page):
    items: list[Order]


class WebhookReceipt(Shape):
    received: bool
    outcome: str
