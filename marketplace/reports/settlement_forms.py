"""Forms of the settlement pages. They check what a browser could get wrong; the rules
(which month may be settled, what a transfer reference is) live in ``reports.settlement``
and come back as field reasons that ``show_field_errors`` words for the reader."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import attach_errors
from .settlement import REFERENCE_MAX

_FIELD_REASONS = {
    "not over yet": _l("A month can be settled once it is over."),
    "not a month (YYYY-MM)": _l("Enter a month as year and month, for example 2026-01."),
    "required": _l("This is required."),
    f"at most {REFERENCE_MAX} characters": _l("At most %(max)d characters.", max=REFERENCE_MAX),
}
_MESSAGES_BY_FIELD = {
    ("transfer_reference", "required"): _l("Enter the reference of the bank transfer."),
    ("company", "required"): _l("Choose the company whose statements to issue."),
}


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach a service's ``{field: reason}`` to the form's fields, in the reader's words;
    reasons for fields the form lacks go to ``form.form_errors``."""
    attach_errors(form, ((name, _MESSAGES_BY_FIELD.get((name, reason)) or _FIELD_REASONS.get(reason, reason))
                         for name, reason in fields.items()))


class IssueForm(FlaskForm):
    month = StringField(
        _l("Month to settle"),
        validators=[DataRequired(_l("Choose the month to settle."))],
        description=_l("Lines delivered or completed in this month, Thailand time, and any earlier ones not "
                       "settled yet."),
        render_kw={"type": "month", "placeholder": "2026-01", "pattern": "[0-9]{4}-[0-9]{2}"},
    )
    company = SelectField(_l("Company"), choices=[], validators=[Optional()], validate_choice=False)


class MarkPaidForm(FlaskForm):
    transfer_reference = StringField(
        _l("Transfer reference"),
        validators=[DataRequired(_l("Enter the reference of the bank transfer.")),
                    Length(max=REFERENCE_MAX, message=_l("At most %(max)d characters."))],
        description=_l("The reference your bank gave the transfer to the enterprise."),
        render_kw={"maxlength": REFERENCE_MAX, "autocomplete": "off"},
    )
