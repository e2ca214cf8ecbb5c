"""The admin's form for a company's terms and contacts.

The form reads what people type (a percentage, an amount in baht) into the service's
units without a float, and checks only what a browser could get wrong; the rules live in
``companies.admin.update_company``, whose reasons ``show_field_errors`` puts next to the
right input in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from .. import promptpay
from ..companies import admin as rules
from ..companies.models import ProvincialCompany
from ..errors import ValidationError
from ..forms import attach_errors
from ..money import format_satang, parse_baht

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PERCENT = re.compile(r"^\s*(?P<whole>[0-9]{1,3})(?:\.(?P<hundredths>[0-9]{1,2}))?\s*%?\s*$")
NOT_A_PERCENTAGE = "not a percentage"
NOT_BAHT = "not an amount in baht"


def percent_to_bps(text: str, *, field: str = "commission_bps") -> int:
    """``"12.5"`` (or ``"12.5%"``, Thai digits too) → ``1250`` basis points, with no float
    on the way. ``ValidationError`` naming ``field`` for anything else; the range is the
    service's to check."""
    match = _PERCENT.match((text or "").translate(_THAI_DIGITS))
    if not match:
        raise ValidationError("Enter a percentage, such as 10 or 12.5", fields={field: NOT_A_PERCENTAGE})
    return int(match["whole"]) * 100 + int((match["hundredths"] or "0").ljust(2, "0"))


def bps_to_percent(bps: int) -> str:
    """``1250`` → ``"12.5"``, ``1000`` → ``"10"``: basis points as the percentage people write."""
    whole, hundredths = divmod(bps, 100)
    return f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".") if hundredths else str(whole)


Message = Callable[[], str]

_MESSAGES: dict[str, Message] = {
    rules.COMMISSION_RANGE: lambda: _("Enter a commission from 0 to 100 percent, such as 10 or 12.5."),
    rules.SHIPPING_FEE_RANGE: lambda: _("Enter a shipping fee from ฿0 to ฿1,000,000."),
    rules.NOT_A_PHONE: lambda: _("Enter a Thai phone number, such as 053 123 456 or 081 234 5678."),
    rules.NOT_AN_EMAIL: lambda: _("Enter a valid email address, such as somchai@example.com."),
    rules.ADDRESS_TOO_LONG: lambda: _("At most %(max)d characters.", max=rules.ADDRESS_MAX),
    rules.NOT_TRUE_OR_FALSE: lambda: _("Tick the box or leave it empty."),
    promptpay.NOT_A_PROMPTPAY_ID: lambda: _("Enter a Thai mobile number (such as 081 234 5678) or a 13-digit tax ID."),
    promptpay.BAD_CHECKSUM: lambda: _(
        "This 13-digit ID is not valid: its last digit does not match the others. Please check it."
    ),
    NOT_A_PERCENTAGE: lambda: _("Enter a percentage, such as 10 or 12.5."),
    NOT_BAHT: lambda: _("Enter an amount in baht, such as 50 or 45.50."),
    "too large": lambda: _("Enter a shipping fee from ฿0 to ฿1,000,000."),
}

# The service's names of the fields that the form asks for in other units
_FORM_NAMES = {"commission_bps": "commission_percent", "shipping_fee_satang": "shipping_fee"}


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach the service's ``{field: reason}`` to the form's inputs, in the reader's language."""
    attach_errors(form, ((name, _MESSAGES[reason]() if reason in _MESSAGES else reason)
                         for name, reason in fields.items()), rename=_FORM_NAMES)


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


class CompanyForm(FlaskForm):
    active = BooleanField(_l("Takes orders"))
    commission_percent = StringField(
        _l("Commission (%)"), validators=[_at_most(10)],
        description=_l("Of the goods value, on orders placed from now on, such as 10 or 12.5."),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    shipping_fee = StringField(
        _l("Shipping fee (baht)"), validators=[_at_most(20)],
        description=_l("Per goods parcel, on orders placed from now on."),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    promptpay_id = StringField(
        _l("PromptPay ID (optional)"), validators=[Optional(), _at_most(40)],
        description=_l("The mobile number or 13-digit tax ID the company receives payments on."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), _at_most(30)],
                        render_kw={"inputmode": "tel", "autocomplete": "off"})
    email = StringField(_l("Email (optional)"), validators=[Optional(), _at_most(254)],
                        render_kw={"inputmode": "email", "autocomplete": "off"})
    address = TextAreaField(_l("Address (optional)"), validators=[Optional(), _at_most(rules.ADDRESS_MAX)],
                            render_kw={"rows": 3})

    @classmethod
    def of(cls, company: ProvincialCompany) -> CompanyForm:
        """The form filled in with the company's current values (for a GET)."""
        return cls(formdata=None, data={
            "active": company.active, "commission_percent": bps_to_percent(company.commission_bps),
            "shipping_fee": format_satang(company.shipping_fee_satang, symbol=False),
            "promptpay_id": company.promptpay_id or "", "phone": company.phone or "", "email": company.email or "",
            "address": company.address or "",
        })

    def changes(self) -> tuple[dict[str, Any], dict[str, str]]:
        """What the form asks for, in the service's units, and ``{field: reason}`` of the
        amounts it could not read (the service checks the rest)."""
        values: dict[str, Any] = {"active": bool(self.active.data), "promptpay_id": self.promptpay_id.data or "",
                                  "phone": self.phone.data or "", "email": self.email.data or "",
                                  "address": self.address.data or ""}
        problems: dict[str, str] = {}
        try:
            values["commission_bps"] = percent_to_bps(self.commission_percent.data or "")
        except ValidationError as error:
            problems.update(error.fields)
        try:
            values["shipping_fee_satang"] = parse_baht(self.shipping_fee.data or "", field="shipping_fee_satang")
        except ValidationError as error:
            problems.update(error.fields)
        return values, problems
