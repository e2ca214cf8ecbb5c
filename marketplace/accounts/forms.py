"""Sign-up and sign-in forms.

The forms only check what a browser could get wrong (a missing or overlong value);
the rules on accounts (a valid email, a strong enough password, one account per
email) live in ``accounts.services`` and come back as ``DomainError.fields``, which
``show_field_errors`` puts next to the right input in the reader's language.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField, TelField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import attach_errors
from .services import MIN_PASSWORD_LENGTH

# The reasons ``accounts.services`` gives per field, as the pages say them. A reason
# missing here is shown as the service wrote it (in English) rather than lost.
_FIELD_REASONS = {
    "not a valid email address": _l("Enter a valid email address, such as somchai@example.com."),
    "already registered": _l("An account with this email is already registered. Sign in instead?"),
    f"must be at least {MIN_PASSWORD_LENGTH} characters": _l(
        "Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH
    ),
    "is too easy to guess": _l("This password is too easy to guess. Choose a less common one."),
    "must not be your email address": _l("Your password must not be your email address."),
    "must mix letters with digits or symbols": _l("Mix letters with digits or symbols."),
    "required, at most 120 characters": _l("Enter your name (at most 120 characters)."),
    "a Thai phone number such as 0812345678": _l("Enter a Thai phone number, such as 081 234 5678."),
}


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach a service's ``{field: reason}`` to the form's fields (translated where
    the reason is known); reasons for fields the form lacks go to ``form.form_errors``."""
    attach_errors(form, ((name, _FIELD_REASONS.get(reason, reason)) for name, reason in fields.items()))


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(_l("Enter your email address.")), _at_most(254)],
        render_kw={"autocomplete": "email", "inputmode": "email", "autofocus": True},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), _at_most(1024)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class RegisterForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name.")), _at_most(120)],
        render_kw={"autocomplete": "name", "autofocus": True},
    )
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(_l("Enter your email address.")), _at_most(254)],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )
    phone = TelField(
        _l("Mobile phone (optional)"),
        validators=[Optional(), _at_most(20)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Choose a password.")), _at_most(1024)],
        description=_l("At least %(count)d characters, mixing letters with digits or symbols.",
                       count=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password", "minlength": MIN_PASSWORD_LENGTH},
    )
    next = HiddenField()
