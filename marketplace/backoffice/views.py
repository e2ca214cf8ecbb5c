"""The provincial company's fulfilment pages.

``/company/fulfilments``: the queue (the company's own fulfilments, oldest new first,
with counts per status, how long each has waited, late ones flagged, and the
late-shipment rate), filterable and exportable as CSV (``/company/fulfilments.csv``).
``/company/fulfilments/<id>``: one fulfilment with the buyer's contact, the lines by
enterprise, payment, tracking and history, and one form per move (each posts to
``/company/fulfilments/<id>/<move>`` and calls ``move_fulfilment``; a line is received at
``.../lines/<line_id>/receive``). Paperwork to print: ``.../<id>/packing-slip``
(``?size=a6``), ``/company/pick-list?date=`` and ``/company/tours/<slot_id>/manifest``.

Company staff and admins only (403 for everyone else); another company's fulfilment
or tour date is a 404, and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select

from .. import geo
from ..accounts.access import STAFF, current_actor, role_required
from ..accounts.models import Role, User
from ..clock import BANGKOK, today_in_thailand
from ..companies.models import ProvincialCompany
from ..companies.scope import company_in_view
from ..csv_files import csv_download
from ..db import begin_write, utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..fulfilment.labels import KIND_LABELS, STATUS_LABELS
from ..fulfilment.models import Fulfilment
from ..fulfilment.services import is_late
from ..fulfilment.states import FINAL_STATUSES, FulfilmentKind, FulfilmentStatus
from ..i18n import localized
from ..money import format_satang, parse_baht
from ..payments.providers import current_gateway
from .forms import CARRIER_LABELS, ActionForm, CancelForm, DeliverForm, ShipForm, filter_messages, show_move_errors
from .paperwork import fulfilment_history, lines_by_enterprise, pick_list, queue_csv, tour_manifest, whole_queue
from .queries import (
    QueueFilters, fulfilment_queue, late_shipment_rate, parse_queue_filters, queue_enterprises, status_counts,
)
from .workflow import (
    Blocked, available_moves, fulfilment_for_staff, lines_can_be_received, move_fulfilment, receive_line, tour_date,
)

bp = Blueprint("company", __name__, url_prefix="/company")

S = FulfilmentStatus
QUEUE_PAGE_SIZE = 50
FILTER_ARGS = ("status", "kind", "from", "to", "enterprise", "company")
PAPER_SIZES = ("a4", "a6")


@dataclass(frozen=True)
class Move:
    """A button on the fulfilment page: the status it moves to, its form, what it says when done."""

    to: FulfilmentStatus
    form: type[FlaskForm]
    done: str  # a lazy_gettext text, read when the page is rendered


MOVES: dict[str, Move] = {
    "accept": Move(S.ACCEPTED, ActionForm, _l("Accepted. Collect each line from its producer, then pack.")),
    "confirm": Move(S.CONFIRMED, ActionForm, _l("The booking is confirmed.")),
    "pack": Move(S.PACKED, ActionForm, _l("Packed. Ship it with the carrier's tracking number.")),
    "ship": Move(S.SHIPPED, ShipForm, _l("Shipped. The buyer is emailed the tracking number.")),
    "deliver": Move(S.DELIVERED, DeliverForm, _l("Marked delivered.")),
    "complete": Move(S.COMPLETED, ActionForm, _l("The tour is completed.")),
    "cancel": Move(S.CANCELLED, CancelForm, _l("Cancelled. Its share of the payment is refunded and the stock "
                                               "or seats are back on sale.")),
}


def waited_text(since: dt.datetime, now: dt.datetime) -> str:
    """How long since ``since``, short: minutes under an hour, hours under two days, then days."""
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 3600:
        return _("%(num)d min", num=seconds // 60)
    if seconds < 48 * 3600:
        return _("%(num)d h", num=seconds // 3600)
    return _("%(num)d d", num=seconds // 86400)


def thai_place(subdistrict_code: str) -> str:
    """Subdistrict, district and province in Thai, as couriers in Thailand read an address."""
    places = (geo.subdistrict(subdistrict_code), geo.district(subdistrict_code[:4]), geo.province(subdistrict_code[:2]))
    return " ".join(place.name_th for place in places if place is not None)


@bp.context_processor
def company_helpers() -> dict[str, Any]:
    return {"STATUS_LABELS": STATUS_LABELS, "KIND_LABELS": KIND_LABELS, "CARRIER_LABELS": CARRIER_LABELS,
            "waited_text": waited_text, "thai_place": thai_place,
            "is_late": is_late, "FINAL": FINAL_STATUSES}


def _company_arg() -> int | None:
    """An admin's ``?company=`` (which company's paperwork; staff always see their own)."""
    raw = request.args.get("company") or ""
    return int(raw) if raw.isdigit() else None


def _filter_args() -> dict[str, str]:
    return {name: request.args[name] for name in FILTER_ARGS if request.args.get(name)}


# --- the queue ---------------------------------------------------------------------------------------------

def _render_queue(user: User, filters: QueueFilters, page, errors: dict[str, str], status: int = 200):
    now = utcnow()
    admin = user.has_role(Role.ADMIN)
    company_id = company_in_view(user, filters.company_id)
    companies = list(db.session.scalars(
        select(ProvincialCompany).order_by(ProvincialCompany.is_national.desc(), ProvincialCompany.province_code)
    )) if admin else []
    return render_template(
        "company/queue.html", fulfilments=page.items if page else [], next_cursor=page.next_cursor if page else None,
        counts=status_counts(db.session, user, filters), rate=late_shipment_rate(db.session, company_id, now),
        rate_company=db.session.get(ProvincialCompany, company_id) if company_id else None,
        enterprises=queue_enterprises(db.session, user, filters.company_id), companies=companies,
        args=_filter_args(), tab_args={name: value for name, value in _filter_args().items() if name != "status"},
        errors=errors, now=now, today=today_in_thailand(now),
    ), status


@bp.get("/fulfilments")
@role_required(*STAFF)
def queue():
    user = current_actor()
    try:
        filters = parse_queue_filters(request.args)
        page = fulfilment_queue(db.session, user, filters, cursor=request.args.get("cursor") or None,
                                limit=QUEUE_PAGE_SIZE)
    except ValidationError as error:
        messages = filter_messages(error.fields)
        if "cursor" in messages:
            flash(messages.pop("cursor"), "error")
        return _render_queue(user, QueueFilters(), None, messages, 422)
    return _render_queue(user, filters, page, {})


@bp.get("/fulfilments.csv")
@role_required(*STAFF)
def queue_export():
    user = current_actor()
    filters = parse_queue_filters(request.args)
    now = utcnow()
    body = queue_csv(whole_queue(db.session, user, filters), now)
    return csv_download(body, f"fulfilments-{today_in_thailand(now).isoformat()}")


# --- one fulfilment ----------------------------------------------------------------------------------------

def _move_form(action: str, fulfilment: Fulfilment, *, submitted: bool) -> FlaskForm:
    """The form of ``action``; the cash-collected field comes filled with the amount due."""
    form_class = MOVES[action].form
    if form_class is DeliverForm:
        cod_due = fulfilment.cod_amount_satang is not None
        if submitted:
            return DeliverForm(cod_due=cod_due)
        amount = format_satang(fulfilment.cod_amount_satang, symbol=False) if cod_due else None
        return DeliverForm(formdata=None, cod_due=cod_due, collected=amount)
    return form_class() if submitted else form_class(formdata=None)


_ACTIONS = {move.to: action for action, move in MOVES.items()}


def _actions(fulfilment: Fulfilment, user: User, now: dt.datetime) -> dict[str, Blocked | None]:
    """The page's buttons for ``available_moves``: action → why it is blocked, if it is."""
    return {_ACTIONS[move.to]: move.blocked for move in available_moves(fulfilment, user, now=now)}


def _render_fulfilment(fulfilment: Fulfilment, forms: dict[str, FlaskForm] | None = None, status: int = 200,
                       errors: list[str] | None = None):
    forms = dict(forms or {})
    now = utcnow()
    actions = _actions(fulfilment, current_actor(), now)
    for action in actions:
        forms.setdefault(action, _move_form(action, fulfilment, submitted=False))
    order = fulfilment.order
    slots = sorted({(line.slot_id, line.slot_date) for line in fulfilment.lines if line.slot_id},
                   key=lambda pair: (pair[1] or dt.date.min, pair[0]))
    return render_template(
        "company/fulfilment.html", fulfilment=fulfilment, order=order,
        payment=order.payments[-1] if order.payments else None, groups=lines_by_enterprise(fulfilment.lines),
        history=fulfilment_history(db.session, fulfilment), actions=actions, forms=forms,
        receive_form=ActionForm(formdata=None), errors=errors or [], now=now, tour_date=tour_date(fulfilment),
        receiving=lines_can_be_received(fulfilment), slots=slots,
    ), status


def _conflict_message(fulfilment: Fulfilment, action: str) -> str:
    """Why a move was refused, as the page says it (the fulfilment as it is now)."""
    blocked = _actions(fulfilment, current_actor(), utcnow()).get(action)
    if blocked is Blocked.LINES_NOT_RECEIVED:
        return _("Every line must be received from its producer before packing.")
    if blocked is Blocked.BEFORE_TOUR_DATE:
        return _("The tour takes place on %(date)s: it can be completed on that day or later.",
                 date=format_date(tour_date(fulfilment), "d MMMM y"))
    return _("This is not possible now: the fulfilment is %(status)s. Someone may have changed it meanwhile; "
             "check it and try again.", status=STATUS_LABELS[fulfilment.status])


@bp.get("/fulfilments/<int:fulfilment_id>")
@role_required(*STAFF)
def detail(fulfilment_id: int):
    return _render_fulfilment(fulfilment_for_staff(db.session, current_actor(), fulfilment_id))


@bp.post("/fulfilments/<int:fulfilment_id>/<any(accept, confirm, pack, ship, deliver, complete, cancel):action>")
@role_required(*STAFF)
def move(fulfilment_id: int, action: str):
    user = current_actor()
    session = db.session
    begin_write(session)
    found = fulfilment_for_staff(db.session, user, fulfilment_id)
    target = MOVES[action].to
    form = _move_form(action, found, submitted=True)
    if not form.validate_on_submit():
        return _render_fulfilment(found, {action: form}, 422)
    data = form.data
    try:
        collected = parse_baht(data["collected"], field="collected") if data.get("collected") else None
        move_fulfilment(session, user, found, target, now=utcnow(), gateway=current_gateway(),
                        carrier=data.get("carrier"), tracking_number=data.get("tracking_number"),
                        reason=data.get("reason"), collected_satang=collected)
    except ValidationError as error:
        session.rollback()
        found = fulfilment_for_staff(db.session, user, fulfilment_id)
        show_move_errors(form, error.fields, cod_amount_satang=found.cod_amount_satang)
        return _render_fulfilment(found, {action: form}, 422)
    except Conflict:
        session.rollback()
        found = fulfilment_for_staff(db.session, user, fulfilment_id)
        return _render_fulfilment(found, status=409, errors=[_conflict_message(found, action)])
    session.commit()
    flash(str(MOVES[action].done), "success")
    return redirect(url_for(".detail", fulfilment_id=found.id))


@bp.post("/fulfilments/<int:fulfilment_id>/lines/<int:line_id>/receive")
@role_required(*STAFF)
def receive(fulfilment_id: int, line_id: int):
    user = current_actor()
    session = db.session
    begin_write(session)
    found = fulfilment_for_staff(db.session, user, fulfilment_id)
    try:
        line = receive_line(session, user, found, line_id, now=utcnow())
    except Conflict:
        session.rollback()
        found = fulfilment_for_staff(db.session, user, fulfilment_id)
        return _render_fulfilment(found, status=409, errors=[
            _("Lines are received while an accepted goods fulfilment is being collected; this one is %(status)s.",
              status=STATUS_LABELS[found.status])])
    session.commit()
    flash(_("Received from %(enterprise)s: %(item)s.", enterprise=localized(line.enterprise, "name"),
            item=localized(line, "title")), "success")
    return redirect(url_for(".detail", fulfilment_id=found.id, _anchor="lines"))


# --- paperwork ---------------------------------------------------------------------------------------------

@bp.get("/fulfilments/<int:fulfilment_id>/packing-slip")
@role_required(*STAFF)
def packing_slip(fulfilment_id: int):
    found = fulfilment_for_staff(db.session, current_actor(), fulfilment_id)
    if found.kind is not FulfilmentKind.GOODS:
        abort(404)
    size = (request.args.get("size") or "a4").lower()
    return render_template("company/packing_slip.html", fulfilment=found, order=found.order,
                           groups=lines_by_enterprise(found.lines), size=size if size in PAPER_SIZES else "a4")


@bp.get("/pick-list")
@role_required(*STAFF)
def pick_list_page():
    user = current_actor()
    raw = request.args.get("date") or ""
    try:
        day = dt.date.fromisoformat(raw) if raw else today_in_thailand()
    except ValueError:
        return render_template("company/pick_list.html", picks=None, day=None, raw_date=raw,
                               error=filter_messages({"date": "not a date"})["date"]), 422
    picks = pick_list(db.session, user, day, company_id=_company_arg())
    return render_template("company/pick_list.html", picks=picks, day=day, raw_date=day.isoformat(), error=None,
                           printed_at=utcnow().astimezone(BANGKOK))


@bp.get("/tours/<int:slot_id>/manifest")
@role_required(*STAFF)
def manifest(slot_id: int):
    user = current_actor()
    found = tour_manifest(db.session, user, slot_id, company_id=_company_arg())
    return render_template("company/manifest.html", manifest=found, printed_at=utcnow().astimezone(BANGKOK))
