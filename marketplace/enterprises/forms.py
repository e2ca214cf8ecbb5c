"""Enterprise sign-up, member invitation and approval forms.

The forms only check what a browser could get wrong (a missing or overlong value); the
rules live in ``enterprises.services`` and come back as ``DomainError.fields``, which
``show_field_errors`` puts next to the right input in the reader's language.
The address selects are ``marketplace.address_form``'s, shared with the checkout.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2
from wtforms.validators import DataRequired, Length, Optional

from .. import promptpay
from ..address_form import AddressFieldsMixin
from ..forms import attach_errors
from . import services


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


# -- service reasons, as the pages say them -----------------------------------------------------

Message = Callable[[FlaskForm], str]


def _registration_groups(form: FlaskForm) -> list[str]:
    raw = services.normalize_registration_no(form["registration_no"].data or "")
    match = services.REGISTRATION_RE.match(raw)
    return list(match.groups()) if match else ["", "", "", "", "", ""]


def _province_mismatch(form: FlaskForm) -> str:
    return _("The second group of the number (%(part)s) must be the province code of the address, %(code)s.",
             part=_registration_groups(form)[1], code=form["province_code"].data or "")


def _district_mismatch(form: FlaskForm) -> str:
    district = form["district_code"].data or ""
    return _("The third group of the number (%(part)s) must be %(code)s, the last two digits of the district "
             "code %(district)s.", part=_registration_groups(form)[2], code=district[2:], district=district)


_MESSAGES: dict[str, Message] = {
    services.REQUIRED_NAME: lambda form: _("Enter the enterprise's name in Thai (at most 200 characters)."),
    services.NAME_TOO_LONG: lambda form: _("At most %(max)d characters.", max=services.NAME_MAX),
    services.DESCRIPTION_TOO_LONG: lambda form: _("At most %(max)d characters.", max=services.DESCRIPTION_MAX),
    services.REASON_TOO_LONG: lambda form: _("At most %(max)d characters.", max=services.REASON_MAX),
    services.REGISTRATION_FORMAT: lambda form: _(
        "Enter the registration number as printed on the certificate, such as %(example)s.",
        example=services.REGISTRATION_EXAMPLE,
    ),
    services.REGISTRATION_PROVINCE: _province_mismatch,
    services.REGISTRATION_DISTRICT: _district_mismatch,
    services.REGISTRATION_TAKEN: lambda form: _("An enterprise with this registration number is already "
                                                "registered."),
    services.STARS_RANGE: lambda form: _("Choose from 1 to 5 stars, or none."),
    "unknown province code": lambda form: _("Choose a province."),
    "not a district of this province": lambda form: _("Choose a district of this province."),
    "not a subdistrict of this district": lambda form: _("Choose a subdistrict of this district."),
    promptpay.NOT_A_PROMPTPAY_ID: lambda form: _(
        "Enter a Thai mobile number (such as 081 234 5678) or a 13-digit tax ID."
    ),
    promptpay.BAD_CHECKSUM: lambda form: _(
        "This 13-digit ID is not valid: its last digit does not match the others. Please check it."
    ),
    services.NOT_AN_EMAIL: lambda form: _("Enter a valid email address, such as somchai@example.com."),
    services.NO_ACCOUNT: lambda form: _(
        "There is no account with this email. Ask them to sign up first, then invite them again."
    ),
    services.ALREADY_MEMBER: lambda form: _("They already manage this enterprise."),
}


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach a service's ``{field: reason}`` to the form's fields (translated where the
    reason is known); reasons for fields the form lacks go to ``form.form_errors``."""
    attach_errors(form, ((name, _MESSAGES[reason](form) if reason in _MESSAGES else reason)
                         for name, reason in fields.items()))


# -- the forms ----------------------------------------------------------------------------------

STAR_CHOICES = [SelectChoice("", _l("No OTOP rating"))] + [SelectChoice(str(count)) for count in range(1, 6)]


class EnterpriseForm(AddressFieldsMixin, FlaskForm):
    name_th = StringField(
        _l("Name of the enterprise (Thai)"),
        validators=[DataRequired(_l("Enter the enterprise's name in Thai.")), _at_most(services.NAME_MAX)],
        render_kw={"autofocus": True, "lang": "th"},
    )
    name_en = StringField(
        _l("Name in English (optional)"), validators=[Optional(), _at_most(services.NAME_MAX)],
        render_kw={"lang": "en"},
    )
    registration_no = StringField(
        _l("Registration number"),
        validators=[DataRequired(_l("Enter the registration number.")), _at_most(40)],
        description=_l("As printed on the certificate, such as %(example)s.", example=services.REGISTRATION_EXAMPLE),
        render_kw={"placeholder": services.REGISTRATION_EXAMPLE, "autocomplete": "off", "spellcheck": "false"},
    )
    description_th = TextAreaField(
        _l("About the enterprise (Thai)"), validators=[Optional(), _at_most(services.DESCRIPTION_MAX)],
        render_kw={"rows": 5, "lang": "th"},
    )
    description_en = TextAreaField(
        _l("About the enterprise in English (optional)"),
        validators=[Optional(), _at_most(services.DESCRIPTION_MAX)], render_kw={"rows": 4, "lang": "en"},
    )
    promptpay_id = StringField(
        _l("PromptPay ID (optional)"), validators=[Optional(), _at_most(40)],
        description=_l("The mobile number or 13-digit tax ID the enterprise receives payments on."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    otop_stars = SelectField(_l("OTOP stars"), choices=STAR_CHOICES, validate_choice=False)

    def details(self) -> services.EnterpriseDetails:
        return services.EnterpriseDetails(
            name_th=self.name_th.data, name_en=self.name_en.data, registration_no=self.registration_no.data,
            province_code=self.province_code.data, district_code=self.district_code.data,
            subdistrict_code=self.subdistrict_code.data, description_th=self.description_th.data,
            description_en=self.description_en.data, promptpay_id=self.promptpay_id.data,
            otop_stars=self.otop_stars.data or None,
        )


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Email of their account"),
        validators=[DataRequired(_l("Enter their email address.")), _at_most(services.EMAIL_MAX)],
        description=_l("They need an account on this site first."),
        render_kw={"autocomplete": "off", "inputmode": "email"},
    )


class ApproveForm(FlaskForm):
    reason = TextAreaField(
        _l("Note to the producer (optional)"), validators=[Optional(), _at_most(services.REASON_MAX)],
        id="approve_reason", render_kw={"rows": 2},
    )
    next = HiddenField()


class StarsForm(FlaskForm):
    otop_stars = SelectField(_l("Verified OTOP stars"), choices=STAR_CHOICES, validate_choice=False)


class SuspendForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for suspending"),
        validators=[DataRequired(_l("Give the reason: the producer will see it.")), _at_most(services.REASON_MAX)],
        description=_l("The producer sees this reason."),
        id="suspend_reason", render_kw={"rows": 2, "required": True},
    )
    next = HiddenField()
