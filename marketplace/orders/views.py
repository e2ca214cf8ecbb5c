"""The consumer's checkout and order pages.

Checkout (``/checkout``): the address and payment form, then a summary of the split
(which company ships what, with each one's shipping fee), then placing the order with
the summary's idempotency key, so a double submission returns the same order.

Orders (``/orders``): the history, each order's page (fulfilments, carriers, tracking,
payment), paying (Stripe.js for cards, a QR code for PromptPay), a status the payment
page polls (what the webhook recorded, never what the browser says), cancelling, and
tour vouchers. Only the order's consumer sees these; anyone else gets a 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import login_required

from .. import geo
from ..accounts.access import current_actor, role_required
from ..accounts.models import Role
from ..address_form import address_needs_refresh, fill_address_choices
from ..cart.services import cart_contents, remove_ordered
from ..cart.views import current_cart
from ..catalog.models import Listing, TourSlot
from ..clock import today_in_thailand
from ..db import begin_write, utcnow
from ..errors import Conflict, DomainError, OutOfStock, PaymentFailed, SlotFull, ValidationError
from ..extensions import db
from ..fulfilment.states import FulfilmentKind, FulfilmentStatus
from ..i18n import localized
from ..payments.models import PaymentMethod
from ..payments.providers import available_methods, current_gateway, payment_window
from ..payments.services import MANUAL_PROMPTPAY
from ..payments.states import PAID_STATUSES
from ..promptpay import promptpay_payload, qr_svg
from .checkout import Checkout, parse_checkout
from .forms import PAYMENT_METHOD_LABELS, CancelForm, CheckoutForm, PlaceOrderForm, decode_lines, show_checkout_errors
from .models import Order, OrderLine
from .services import (
    cancel_order, consumer_orders, current_payment, order_for_consumer, order_is_cancellable, pay_order,
    payment_can_be_offered, place_order, quote,
)
from .states import GOING_AHEAD_STATUSES
from .vouchers import voucher_reference

checkout_bp = Blueprint("checkout", __name__, url_prefix="/checkout")
bp = Blueprint("orders", __name__, url_prefix="/orders")

HISTORY_PAGE_SIZE = 10


def _methods():
    return available_methods(current_app.config, current_gateway())


def _shortage_message(error: Conflict) -> str:
    """An out-of-stock or full-date answer, naming the item in the reader's language."""
    listing = db.session.get(Listing, error.extra.get("listing_id") or 0)
    item = localized(listing, "title") if listing is not None else _("An item")
    if isinstance(error, SlotFull):
        slot = db.session.get(TourSlot, error.extra.get("slot_id") or 0)
        if slot is not None:
            return _("Sorry, there are not enough seats left on %(date)s for “%(item)s”. Nothing was ordered; "
                     "change the date or the number of people.", date=format_date(slot.date, "d MMM y"), item=item)
        return _("Sorry, there are not enough seats left for “%(item)s”. Nothing was ordered.", item=item)
    available = error.extra.get("available")
    if listing is not None and available is None:
        available = listing.stock
    if available:
        return _("Sorry, only %(count)d of “%(item)s” are left. Nothing was ordered; change the quantity and "
                 "try again.", count=available, item=item)
    return _("Sorry, “%(item)s” is sold out. Nothing was ordered; remove it from your cart to go on.", item=item)


# --- checkout ------------------------------------------------------------------------------------------

def _checkout_lines():
    """The cart's lines, or a redirect to the cart when it is empty or has problems."""
    contents = cart_contents(db.session, current_cart(), today=today_in_thailand())
    if not contents.lines:
        flash(_("Your cart is empty."), "info")
        return None, redirect(url_for("cart.view"))
    if contents.has_problems:
        flash(_("Some items cannot be ordered as they are. Change or remove them to check out."), "error")
        return None, redirect(url_for("cart.view"))
    return contents, None


def _render_form(form: CheckoutForm, contents, status: int = 200, next_step: str | None = None):
    if next_step is None:
        fill_address_choices(form)
    return render_template("checkout/address.html", form=form, contents=contents, next_step=next_step), status


def _render_summary(form: CheckoutForm, checkout: Checkout):
    priced = quote(db.session, checkout.lines, today=today_in_thailand())
    place_form = PlaceOrderForm(formdata=None, data=form.data)
    place_form.fill(checkout.lines)
    subdistrict = geo.subdistrict(checkout.address.subdistrict_code)
    return render_template(
        "checkout/summary.html", quote=priced, checkout=checkout, form=place_form,
        method_label=PAYMENT_METHOD_LABELS[checkout.payment_method],
        address_place=", ".join(localized(place, "name") for place in (
            subdistrict, geo.district(checkout.address.district_code), geo.province(checkout.address.province_code)
        ) if place is not None),
    )


@checkout_bp.route("/", methods=["GET", "POST"])
@role_required(Role.CONSUMER)
def start():
    """The address and payment form; its POST shows the summary."""
    consumer = current_actor()
    contents, away = _checkout_lines()
    if away is not None:
        return away
    if request.method == "GET":
        form = CheckoutForm(formdata=None, data={"name": consumer.name, "phone": consumer.phone})
        form.offer_methods(_methods())
        return _render_form(form, contents)
    form = CheckoutForm()
    form.offer_methods(_methods())
    if request.form.get("edit"):
        form.form_errors.clear()
        return _render_form(form, contents)
    if address_needs_refresh(form):
        fill_address_choices(form)
        return _render_form(form, contents, next_step="district" if not form.district_code.data else "subdistrict")
    if not form.validate():
        return _render_form(form, contents, 422)
    problems = geo.address_problems(form.province_code.data or "", form.district_code.data or "",
                                    form.subdistrict_code.data or "")
    if problems:
        form.subdistrict_code.errors = [*form.subdistrict_code.errors, _("Choose the subdistrict.")]
        return _render_form(form, contents, 422)
    try:
        checkout = parse_checkout(form.payload(contents.orderable_lines), available_methods=_methods())
        return _render_summary(form, checkout)
    except (OutOfStock, SlotFull) as error:
        flash(_shortage_message(error), "error")
        return redirect(url_for("cart.view"))
    except ValidationError as error:
        if show_checkout_errors(form, error.fields):
            flash(_("Some items cannot be ordered as they are. Change or remove them to check out."), "error")
            return redirect(url_for("cart.view"))
        return _render_form(form, contents, 422)


@checkout_bp.post("/place")
@role_required(Role.CONSUMER)
def place():
    """Place the order the summary showed. The summary's idempotency key makes a second
    submission return the same order; stock and seats are reserved atomically."""
    consumer = current_actor()
    form = PlaceOrderForm()
    form.offer_methods(_methods())
    if not form.validate_on_submit():
        return _render_form(form, None, 422)
    try:
        checkout = parse_checkout(form.payload(decode_lines(form.lines.data)), available_methods=_methods())
    except ValidationError as error:
        if show_checkout_errors(form, error.fields):
            flash(_("Some items cannot be ordered as they are. Change or remove them to check out."), "error")
            return redirect(url_for("cart.view"))
        return _render_form(form, None, 422)
    session = db.session
    begin_write(session)
    try:
        placed = place_order(session, consumer, checkout, now=utcnow(), today=today_in_thailand(),
                             gateway=current_gateway(), payment_window=payment_window(current_app.config),
                             idempotency_key=form.idempotency_key.data or "")
        remove_ordered(current_cart(), checkout.lines)
        session.commit()
        order = placed.order
    except (OutOfStock, SlotFull) as error:
        session.rollback()
        flash(_shortage_message(error), "error")
        return redirect(url_for("cart.view"))
    except ValidationError:
        session.rollback()
        flash(_("Some items cannot be ordered as they are. Change or remove them to check out."), "error")
        return redirect(url_for("cart.view"))
    except Conflict:
        session.rollback()
        flash(_("This order form was already used for another order. Please check your orders."), "error")
        return redirect(url_for("orders.history"))
    if order.payment_method is PaymentMethod.COD:
        flash(_("Thank you! Your order %(number)s is placed. You pay on delivery.", number=order.number), "success")
        return redirect(url_for("orders.detail", order_id=order.id))
    return redirect(url_for("orders.pay", order_id=order.id))


# --- orders --------------------------------------------------------------------------------------------

def _vouchers(order: Order) -> bool:
    return order.status in GOING_AHEAD_STATUSES


@bp.get("/")
@login_required
def history():
    page = consumer_orders(db.session, current_actor(), cursor=request.args.get("cursor") or None,
                           limit=HISTORY_PAGE_SIZE)
    return render_template("orders/history.html", page=page, first=not request.args.get("cursor"))


@bp.get("/<int:order_id>")
@login_required
def detail(order_id: int):
    order = order_for_consumer(db.session, current_actor(), order_id)
    return render_template("orders/detail.html", order=order, payment=current_payment(order),
                           payable=payment_can_be_offered(order),
                           cancellable=order_is_cancellable(order), vouchers=_vouchers(order),
                           cancel_form=CancelForm(formdata=None), TOUR=FulfilmentKind.TOUR)


@bp.get("/<int:order_id>/pay")
@login_required
def pay(order_id: int):
    """The payment page: Stripe.js for a card (or Stripe's PromptPay), the QR code of a
    manual PromptPay transfer; cash on delivery and settled orders go to the order page."""
    order = order_for_consumer(db.session, current_actor(), order_id)
    payment = current_payment(order)
    if not payment_can_be_offered(order):
        return redirect(url_for(".detail", order_id=order.id))
    if payment.provider == MANUAL_PROMPTPAY:
        promptpay_id = current_app.config.get("PROMPTPAY_ID") or ""
        try:
            qr = qr_svg(promptpay_payload(promptpay_id, payment.amount_satang))
        except ValueError:
            qr = None
        return render_template("orders/promptpay.html", order=order, payment=payment, qr=qr)
    return render_template("orders/card.html", order=order, payment=payment,
                           stripe_js_url=current_app.config["STRIPE_JS_URL"],
                           publishable_key=current_app.config.get("STRIPE_PUBLISHABLE_KEY", ""))


@bp.post("/<int:order_id>/pay")
@login_required
def pay_card(order_id: int):
    """The card page posts the PaymentMethod that Stripe.js created (``payment_method_id``,
    JSON or form); the server attaches and confirms it. Answers JSON: ``client_secret``
    when the bank asks for 3-D Secure, else the page waits for the webhook."""
    order = order_for_consumer(db.session, current_actor(), order_id)
    if request.is_json:
        body = request.get_json(silent=True)
        payment_method_id = body.get("payment_method_id") if isinstance(body, dict) else None
    else:
        payment_method_id = request.form.get("payment_method_id")
    try:
        client_secret = pay_order(db.session, current_actor(), order, payment_method_id or "",
                                  gateway=current_gateway())
    except PaymentFailed as error:
        db.session.rollback()
        return jsonify({"error": {"code": error.code, "message": error.message}}), error.status
    except (Conflict, ValidationError) as error:
        db.session.rollback()
        message = _("This order is not waiting for a card payment.") if isinstance(error, Conflict) \
            else _("The card details did not reach us. Please try again.")
        return jsonify({"error": {"code": error.code, "message": message}}), error.status
    db.session.commit()
    return jsonify({"status": "requires_action" if client_secret else "processing",
                    "client_secret": client_secret,
                    "status_url": url_for(".status", order_id=order.id),
                    "order_url": url_for(".detail", order_id=order.id)})


@bp.get("/<int:order_id>/status")
@login_required
def status(order_id: int):
    """Where the order and its payment stand, as recorded (the payment page polls this)."""
    order = order_for_consumer(db.session, current_actor(), order_id)
    payment = current_payment(order)
    return jsonify({"status": order.status.value, "payment_status": payment.status.value,
                    "paid": payment.status in PAID_STATUSES, "failure_message": payment.failure_message,
                    "order_url": url_for(".detail", order_id=order.id)})


@bp.post("/<int:order_id>/cancel")
@login_required
def cancel(order_id: int):
    form = CancelForm()
    if not form.validate_on_submit():
        flash(_("The reason is too long (at most 500 characters)."), "error")
        return redirect(url_for(".detail", order_id=order_id))
    session = db.session
    begin_write(session)
    order = order_for_consumer(db.session, current_actor(), order_id)
    try:
        cancel_order(session, current_actor(), order, now=utcnow(), gateway=current_gateway(),
                     reason=form.reason.data or None)
    except Conflict:
        session.rollback()
        flash(_("This order can no longer be cancelled: something has already been shipped or done."), "error")
        return redirect(url_for(".detail", order_id=order_id))
    except DomainError:
        session.rollback()
        flash(_("The order could not be cancelled. Please try again."), "error")
        return redirect(url_for(".detail", order_id=order_id))
    session.commit()
    flash(_("Your order %(number)s is cancelled.", number=order.number), "success")
    return redirect(url_for(".detail", order_id=order.id))


@bp.get("/<int:order_id>/voucher/<int:line_id>")
@login_required
def voucher(order_id: int, line_id: int):
    """A tour line's voucher with its check-in QR code, for placed (paid) orders only."""
    order = order_for_consumer(db.session, current_actor(), order_id)
    line: OrderLine | None = next((line for line in order.lines if line.id == line_id), None)
    if line is None or not _vouchers(order) or line.fulfilment.kind is not FulfilmentKind.TOUR \
            or line.fulfilment.status is FulfilmentStatus.CANCELLED:
        abort(404)
    reference = voucher_reference(current_app.config["SECRET_KEY"], order.number, line.id)
    return render_template("orders/voucher.html", order=order, line=line, reference=reference,
                           qr=qr_svg(reference))
