"""The forms of the company's fulfilment pages: one per move, and the filters' words.

The forms only check what a browser could get wrong (a missing or overlong value); the
rules (which carriers, what a tracking number looks like, the cash due) live in
``backoffice.workflow`` and come back as ``ValidationError.fields``, which
``show_move_errors`` puts next to the right input in the reader's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2
from wtforms.validators import DataRequired, Length, Optional

from ..forms import attach_errors
from ..fulfilment.states import CARRIER_NAMES, Carrier
from ..money import format_satang

# Thailand Post and "other" read differently in Thai; the companies' brand names do not.
CARRIER_LABELS = {**CARRIER_NAMES, Carrier.THAILAND_POST: _l("Thailand Post"), Carrier.OTHER: _l("Other carrier")}


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


class ActionForm(FlaskForm):
    """A button that moves a fulfilment (accept, confirm, pack, complete) or receives a line."""


class ShipForm(FlaskForm):
    carrier = SelectField(_l("Carrier"), choices=[], validate_choice=False,
                          validators=[DataRequired(_l("Choose the carrier."))])
    tracking_number = StringField(
        _l("Tracking number"),
        validators=[DataRequired(_l("Enter the carrier's tracking number.")), _at_most(60)],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.carrier.choices = [SelectChoice("", _("Choose a carrier"))] + [
            SelectChoice(carrier.value, str(label)) for carrier, label in CARRIER_LABELS.items()
        ]


class DeliverForm(FlaskForm):
    collected = StringField(
        _l("Cash collected (baht)"), validators=[Optional(), _at_most(20)],
        description=_l("The amount the courier collected from the buyer."),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )

    def __init__(self, *args: Any, cod_due: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if cod_due:  # cash on delivery: say how much was collected
            self.collected.validators = [DataRequired(_l("Enter the cash collected.")), _at_most(20)]


class CancelForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for cancelling"),
        validators=[DataRequired(_l("Say why the fulfilment is cancelled: the buyer sees this reason.")),
                    _at_most(500)],
        description=_l("The buyer sees this reason."),
        id="cancel_reason", render_kw={"rows": 2, "required": True},
    )


def show_move_errors(form: FlaskForm, fields: dict[str, str], *, cod_amount_satang: int | None = None) -> None:
    """Put a move's ``{field: reason}`` next to the form's inputs, in the reader's words."""
    messages = {
        "carrier": _("Choose the carrier from the list."),
        "tracking_number": _("Enter the carrier's tracking number: 5 to 60 letters and digits."),
        "reason": _("Say why the fulfilment is cancelled: the buyer sees this reason."),
        "collected": _("Enter the amount in baht, such as 120 or 120.50."),
        "collected_satang": _("The cash collected must be %(amount)s, the amount due.",
                              amount=format_satang(cod_amount_satang)),
    }
    attach_errors(form, ((name, messages.get(name, reason)) for name, reason in fields.items()),
                  rename={"collected_satang": "collected"})


def filter_messages(fields: dict[str, str]) -> dict[str, str]:
    """The reader's words for what is wrong with each queue filter."""
    messages = {}
    for name, reason in fields.items():
        if name == "status":
            messages[name] = _("Choose a status from the list.")
        elif name == "kind":
            messages[name] = _("Choose goods or tours.")
        elif name in ("enterprise", "company"):
            messages[name] = _("Choose from the list.")
        elif name == "to" and reason == "on or after from":
            messages[name] = _("The last day cannot be before the first.")
        elif name in ("from", "to", "date"):
            messages[name] = _("Enter a date as year-month-day, for example 2026-01-31.")
        else:
            messages["cursor"] = _("That page link is no longer valid. Start again from the first page.")
    return messages
