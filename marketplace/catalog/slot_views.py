"""The producer's pages for a tour's dated slots: list the coming dates with their
seats, add one date or a weekly pattern, change a capacity, close and reopen a date.
Every route loads the listing through ``listing_for_producer`` (404 for another
producer's listing, nothing changes) and the slot through ``slot_of`` that listing."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.access import current_actor
from ..clock import today_in_thailand
from ..errors import Conflict, DomainError, ValidationError
from ..extensions import db
from ..forms import attach_errors
from . import slots as rules
from .models import Listing, ListingKind
from .queries import listing_for_producer
from .slots import (
    MAX_CAPACITY, MAX_DAYS_AHEAD, add_slot, add_weekly_slots, change_capacity, close_slot, reopen_slot, slot_of,
    slots_between,
)

bp = Blueprint("slots", __name__, url_prefix="/producer/listings")

# The reasons ``catalog.slots`` gives per field, as the pages say them.
_FIELD_REASONS = {
    rules.IN_THE_PAST: _l("Choose today or a later date."),
    rules.TOO_FAR_AHEAD: _l("Choose a date at most two years ahead."),
    rules.END_BEFORE_START: _l("The last date must not be before the first."),
    rules.RANGE_TOO_LONG: _l("A weekly pattern may cover at most %(days)d days.", days=rules.MAX_PATTERN_DAYS),
    rules.NO_WEEKDAYS: _l("Choose one or more days of the week."),
    rules.NO_DATES_IN_RANGE: _l("None of the chosen days falls between these dates."),
    rules.BAD_CAPACITY: _l("Enter a number of seats from 1 to %(max)d.", max=MAX_CAPACITY),
}
_WEEKDAY_NAMES = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"), _l("Saturday"),
                  _l("Sunday"))


def _seats_field() -> IntegerField:
    out_of_range = _l("Enter a number of seats from 1 to %(max)d.", max=MAX_CAPACITY)
    return IntegerField(
        _l("Seats"),
        validators=[InputRequired(_l("Enter the number of seats.")),
                    NumberRange(min=1, max=MAX_CAPACITY, message=out_of_range)],
        render_kw={"min": 1, "max": MAX_CAPACITY, "inputmode": "numeric"},
    )


def _date_field(label) -> DateField:
    return DateField(label, validators=[InputRequired(_l("Choose a date."))])


class SlotForm(FlaskForm):
    date = _date_field(_l("Date"))
    capacity = _seats_field()


class WeeklySlotsForm(FlaskForm):
    start = _date_field(_l("From"))
    end = _date_field(_l("Until"))
    weekdays = SelectMultipleField(
        _l("Every"), choices=[SelectChoice(str(day), name) for day, name in enumerate(_WEEKDAY_NAMES)], coerce=int,
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )  # none chosen: the service says so (a `required` on each checkbox would demand all seven)
    capacity = _seats_field()


class CapacityForm(FlaskForm):
    capacity = _seats_field()


def _forms(one: SlotForm | None = None, weekly: WeeklySlotsForm | None = None) -> dict[str, FlaskForm]:
    return {
        "one": one or SlotForm(formdata=None, prefix="one"),
        "weekly": weekly or WeeklySlotsForm(formdata=None, prefix="weekly"),
    }


def _render(listing: Listing, *, forms: dict[str, FlaskForm] | None = None, row_errors: dict[int, str] | None = None,
            status: int = 200):
    today = today_in_thailand()
    upcoming = []
    if listing.kind is ListingKind.TOUR:
        upcoming = slots_between(db.session, listing, today, today + dt.timedelta(days=MAX_DAYS_AHEAD))
    return render_template(
        "slots/index.html", listing=listing, slots=upcoming, today=today, row_errors=row_errors or {},
        max_capacity=MAX_CAPACITY, **(forms or _forms()),
    ), status


def _show_errors(form: FlaskForm, error: DomainError) -> None:
    """Put a service's refusal next to the fields it names, in the reader's language."""
    if isinstance(error, Conflict):
        if error.code == "slot_exists" and hasattr(form, "date"):
            form.date.errors = [*form.date.errors, _("There is already a slot on this date.")]
        elif error.code == "not_a_tour":
            form.form_errors.append(_("Only tours have dates; a product has stock instead."))
        else:
            form.form_errors.append(error.message)
        return
    attach_errors(form, ((name, _FIELD_REASONS.get(reason, reason)) for name, reason in error.fields.items()))


@bp.get("/<int:listing_id>/slots")
@login_required
def index(listing_id: int):
    return _render(listing_for_producer(db.session, current_actor(), listing_id))


@bp.post("/<int:listing_id>/slots")
@login_required
def add(listing_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    form = SlotForm(prefix="one")
    if form.validate_on_submit():
        assert form.date.data is not None and form.capacity.data is not None  # InputRequired
        try:
            slot = add_slot(db.session, listing, form.date.data, form.capacity.data, today=today_in_thailand())
        except (ValidationError, Conflict) as error:
            db.session.rollback()
            _show_errors(form, error)
            return _render(listing, forms=_forms(one=form), status=error.status)
        db.session.commit()
        flash(_("Date added: %(date)s.", date=format_date(slot.date, "EEE d MMM y")), "success")
        return redirect(url_for(".index", listing_id=listing.id), 303)
    return _render(listing, forms=_forms(one=form), status=422)


@bp.post("/<int:listing_id>/slots/weekly")
@login_required
def add_weekly(listing_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    form = WeeklySlotsForm(prefix="weekly")
    if form.validate_on_submit():
        start, end, seats = form.start.data, form.end.data, form.capacity.data
        assert start is not None and end is not None and seats is not None  # InputRequired
        try:
            result = add_weekly_slots(db.session, listing, start, end, form.weekdays.data or [], seats,
                                      today=today_in_thailand())
        except (ValidationError, Conflict) as error:
            db.session.rollback()
            _show_errors(form, error)
            return _render(listing, forms=_forms(weekly=form), status=error.status)
        db.session.commit()
        message = ngettext("%(num)d date added.", "%(num)d dates added.", len(result.added))
        if result.skipped:
            message += " " + ngettext("%(num)d date already had a slot and was left as it was.",
                                      "%(num)d dates already had a slot and were left as they were.",
                                      len(result.skipped))
        flash(message, "success" if result.added else "info")
        return redirect(url_for(".index", listing_id=listing.id), 303)
    return _render(listing, forms=_forms(weekly=form), status=422)


@bp.post("/<int:listing_id>/slots/<int:slot_id>/capacity")
@login_required
def capacity(listing_id: int, slot_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    slot = slot_of(db.session, listing, slot_id)
    form = CapacityForm()
    if form.validate_on_submit():
        assert form.capacity.data is not None  # InputRequired
        try:
            change_capacity(db.session, slot, form.capacity.data)
        except ValidationError as error:
            db.session.rollback()
            if error.code == "capacity_below_seats_taken":
                message = ngettext("%(num)d seat is already booked; the capacity cannot be lower.",
                                   "%(num)d seats are already booked; the capacity cannot be lower.",
                                   error.extra["seats_taken"])
            else:
                message = " ".join(str(_FIELD_REASONS.get(reason, reason)) for reason in error.fields.values())
            return _render(listing, row_errors={slot.id: message}, status=error.status)
        db.session.commit()
        flash(_("The capacity of %(date)s is now %(num)d seats.", date=format_date(slot.date, "EEE d MMM y"),
                num=slot.capacity), "success")
        return redirect(url_for(".index", listing_id=listing.id), 303)
    return _render(listing, row_errors={slot.id: " ".join(form.capacity.errors)}, status=422)


@bp.post("/<int:listing_id>/slots/<int:slot_id>/close")
@login_required
def close(listing_id: int, slot_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    slot = close_slot(db.session, slot_of(db.session, listing, slot_id))
    db.session.commit()
    flash(_("%(date)s is closed: it takes no new bookings, and the bookings already made stay.",
            date=format_date(slot.date, "EEE d MMM y")), "success")
    return redirect(url_for(".index", listing_id=listing.id), 303)


@bp.post("/<int:listing_id>/slots/<int:slot_id>/reopen")
@login_required
def reopen(listing_id: int, slot_id: int):
    listing = listing_for_producer(db.session, current_actor(), listing_id)
    slot = reopen_slot(db.session, slot_of(db.session, listing, slot_id))
    db.session.commit()
    flash(_("%(date)s is open for bookings again.", date=format_date(slot.date, "EEE d MMM y")), "success")
    return redirect(url_for(".index", listing_id=listing.id), 303)
