"""The national admin's PromptPay desk: orders paid by a manual PromptPay transfer
that wait for the admin to see the money arrive and confirm it with the bank's reference.

``/admin/promptpay`` lists them (oldest first, cursor-paginated); each has a form that
posts to ``/admin/promptpay/<order_id>/confirm``. Admins only (403 for anyone else).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.access import current_actor, role_required
from ..accounts.models import Role
from ..db import begin_write, utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..pagination import SortKey, paginate
from ..payments.models import Payment, PaymentMethod
from ..payments.providers import current_gateway
from ..payments.services import MANUAL_PROMPTPAY
from ..payments.states import CONFIRMABLE_TRANSFER_STATUSES
from .forms import ConfirmTransferForm
from .models import Order
from .services import ORDER_LOAD, confirm_promptpay_transfer, order_for_viewer
from .states import OrderStatus

bp = Blueprint("admin_payments", __name__, url_prefix="/admin/promptpay")

PAGE_SIZE = 50

OUTCOME_MESSAGES = {
    "placed": lambda order: _("Order %(number)s is paid and placed.", number=order.number),
    "replaced": lambda order: _("Order %(number)s had expired; everything could be reserved again, so it is "
                                "placed.", number=order.number),
    "refunded": lambda order: _("Order %(number)s could not be placed any more (it expired and something sold "
                                "out, or it was cancelled). A refund of the transfer is recorded: please transfer "
                                "the money back.", number=order.number),
    "already_paid": lambda order: _("Order %(number)s was already paid.", number=order.number),
    "amount_mismatch": lambda order: _("Order %(number)s was not marked paid: the amount differs.",
                                       number=order.number),
}


def _pending_query():
    return (
        select(Order, Order.created_at, Order.id)
        .join(Payment, Payment.order_id == Order.id)
        .where(Payment.method == PaymentMethod.PROMPTPAY, Payment.provider == MANUAL_PROMPTPAY,
               Payment.status.in_(CONFIRMABLE_TRANSFER_STATUSES),
               Order.status.in_([OrderStatus.AWAITING_PAYMENT, OrderStatus.EXPIRED]))
        .options(*ORDER_LOAD, selectinload(Order.consumer))
    )


def _render(forms: dict[int, ConfirmTransferForm] | None = None, status: int = 200):
    keys = [SortKey(Order.created_at, kind="datetime"), SortKey(Order.id)]
    page = paginate(db.session, _pending_query(), keys, cursor=request.args.get("cursor") or None, limit=PAGE_SIZE)
    forms = forms or {}
    for order in page.items:
        forms.setdefault(order.id, ConfirmTransferForm(formdata=None, prefix=f"o{order.id}"))
    return render_template("admin/promptpay.html", page=page, forms=forms, now=utcnow()), status


@bp.get("/")
@role_required(Role.ADMIN)
def pending():
    return _render()


@bp.post("/<int:order_id>/confirm")
@role_required(Role.ADMIN)
def confirm(order_id: int):
    admin = current_actor()
    form = ConfirmTransferForm(prefix=f"o{order_id}")
    if not form.validate_on_submit():
        return _render({order_id: form}, 422)
    session = db.session
    begin_write(session)
    order = order_for_viewer(session, admin, order_id)
    try:
        outcome = confirm_promptpay_transfer(session, admin, order, form.reference.data or "", now=utcnow(),
                                             gateway=current_gateway())
    except ValidationError:
        session.rollback()
        form.reference.errors = [*form.reference.errors, _("Enter the bank's reference (at most 100 characters).")]
        return _render({order_id: form}, 422)
    except Conflict:
        session.rollback()
        flash(_("This order has no PromptPay transfer waiting for confirmation."), "error")
        return redirect(url_for(".pending"))
    session.commit()
    flash(OUTCOME_MESSAGES.get(outcome, OUTCOME_MESSAGES["placed"])(order), "success")
    return redirect(url_for(".pending"))
