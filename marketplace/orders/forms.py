"""Checkout, cancellation and PromptPay confirmation forms.

The checkout form gathers what ``orders.checkout.parse_checkout`` checks, in the shape
it takes (the same dict as the API's JSON); the rules (a Thai phone number, a postal
code that belongs to the subdistrict, an available payment method) live there and come
back as ``ValidationError.fields``, which ``show_checkout_errors`` puts next to the
right input in the reader's language.

The summary page repeats the details in hidden fields, with the lines it showed and an
idempotency key made once per summary, so that placing the order twice (a double click,
a resubmission) returns the same order.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.validators import ValidationError as WTFormsValidationError

from .. import geo
from ..address_form import AddressFieldsMixin
from ..cart.lines import LineRequest
from ..payments.models import PaymentMethod

PAYMENT_METHOD_LABELS = {
    PaymentMethod.CARD: _l("Credit or debit card"),
    PaymentMethod.PROMPTPAY: _l("PromptPay (scan a QR code with your banking app)"),
    PaymentMethod.COD: _l("Cash on delivery"),
}


def _at_most(count: int) -> Length:
    return Length(max=count, message=_l("At most %(max)d characters."))


class CheckoutForm(AddressFieldsMixin, FlaskForm):
    """Where to deliver and how to pay."""

    name = StringField(
        _l("Recipient's name"),
        validators=[DataRequired(_l("Enter the recipient's name.")), _at_most(120)],
        render_kw={"autocomplete": "name"},
    )
    phone = TelField(
        _l("Mobile phone"),
        validators=[DataRequired(_l("Enter a phone number for the delivery.")), _at_most(20)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    line1 = TextAreaField(
        _l("Address"),
        validators=[DataRequired(_l("Enter the house number, village and road.")), _at_most(300)],
        description=_l("House number, village (moo), soi and road."),
        render_kw={"autocomplete": "street-address", "rows": 2},
    )
    postal_code = StringField(
        _l("Postal code"),
        validators=[DataRequired(_l("Enter the postal code.")), _at_most(5)],
        description=_l("Filled in when you choose the subdistrict."),
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric", "maxlength": 5, "data-address-postal": ""},
    )
    payment_method = RadioField(_l("Payment"), choices=[], validate_choice=False,
                                validators=[DataRequired(_l("Choose how you want to pay."))])

    def offer_methods(self, methods: frozenset[PaymentMethod]) -> None:
        """The payment choices this marketplace can take now, in a fixed order; the only
        one is chosen already."""
        self.payment_method.choices = [(method.value, PAYMENT_METHOD_LABELS[method])
                                       for method in PaymentMethod if method in methods]
        if not self.payment_method.data and len(methods) == 1:
            self.payment_method.data = next(iter(methods)).value

    def validate_payment_method(self, field: RadioField) -> None:
        if field.data not in {value for value, *_rest in field.iter_choices()}:
            raise WTFormsValidationError(_("This payment method is not available. Choose another."))

    def payload(self, lines: tuple[LineRequest, ...] | list[dict[str, Any]]) -> dict[str, Any]:
        """The checkout request as ``parse_checkout`` takes it (the API's JSON shape):
        ``lines`` are the cart's, or the summary's as ``decode_lines`` read them."""
        return {
            "lines": [line if isinstance(line, dict) else
                      {"listing_id": line.listing_id, "quantity": line.quantity, "slot_id": line.slot_id}
                      for line in lines],
            "shipping_address": {
                "name": self.name.data or "", "phone": self.phone.data or "", "line1": self.line1.data or "",
                "subdistrict_code": self.subdistrict_code.data or "",
                "postal_code": (self.postal_code.data or "").strip(),
            },
            "payment_method": self.payment_method.data or "",
        }


class PlaceOrderForm(CheckoutForm):
    """The summary's form: the details again (hidden), the lines shown and the key."""

    lines = HiddenField()
    idempotency_key = HiddenField()

    def fill(self, lines: tuple[LineRequest, ...]) -> None:
        self.lines.data = encode_lines(lines)
        self.idempotency_key.data = secrets.token_urlsafe(24)


def encode_lines(lines: tuple[LineRequest, ...] | list[LineRequest]) -> str:
    """``listing:slot:quantity`` per line (slot 0 for products), comma separated."""
    return ",".join(f"{line.listing_id}:{line.slot_id or 0}:{line.quantity}" for line in lines)


def decode_lines(text: str | None) -> list[dict[str, Any]]:
    """The lines of ``encode_lines`` as ``parse_checkout`` takes them; what does not parse
    is passed on as it is, for ``parse_checkout`` to refuse."""
    lines: list[dict[str, Any]] = []
    for part in (text or "").split(","):
        pieces = part.split(":")
        if len(pieces) != 3:
            lines.append({"listing_id": part, "quantity": None})
            continue
        listing_id, slot_id, quantity = pieces
        lines.append({"listing_id": listing_id, "quantity": quantity,
                      "slot_id": None if slot_id == "0" else slot_id})
    return lines if text else []


# -- the reasons of parse_checkout, as the pages say them ---------------------------------------------

def _postal_message(form: CheckoutForm) -> str:
    code = (form.postal_code.data or "").strip()
    subdistrict = geo.subdistrict(form.subdistrict_code.data or "")
    if subdistrict is None or not code.isdigit() or len(code) != 5:
        return _("Enter the five-digit postal code.")
    return _("%(code)s is not a postal code of this subdistrict. Its postal code is %(codes)s.",
             code=code, codes=", ".join(subdistrict.postal_codes))


_ADDRESS_MESSAGES = {
    "shipping_address.name": ("name", lambda form: _("Enter the recipient's name (at most 120 characters).")),
    "shipping_address.line1": ("line1", lambda form: _("Enter the house number, village and road "
                                                       "(at most 300 characters).")),
    "shipping_address.phone": ("phone", lambda form: _("Enter a Thai phone number, such as 081 234 5678.")),
    "shipping_address.subdistrict_code": ("subdistrict_code", lambda form: _("Choose the subdistrict.")),
    "shipping_address.postal_code": ("postal_code", _postal_message),
    "payment_method": ("payment_method", lambda form: _("This payment method is not available. Choose another.")),
}


def show_checkout_errors(form: CheckoutForm, fields: dict[str, str]) -> bool:
    """Put ``parse_checkout``'s reasons next to the inputs. Returns whether any reason
    was about the lines (the cart), which the form cannot fix."""
    about_lines = False
    for key in fields:
        if key in _ADDRESS_MESSAGES:
            name, message = _ADDRESS_MESSAGES[key]
            field = getattr(form, name)
            field.errors = [*field.errors, message(form)]
        elif key.startswith("lines") or key == "shipping_address":
            about_lines = about_lines or key.startswith("lines")
            if key == "shipping_address":
                form.form_errors.append(_("Please fill in the delivery address."))
        else:
            form.form_errors.append(_("Please check the details below."))
    return about_lines


class CancelForm(FlaskForm):
    reason = StringField(_l("Why are you cancelling? (optional)"), validators=[_at_most(500)])


class ConfirmTransferForm(FlaskForm):
    reference = StringField(
        _l("Transfer reference"),
        validators=[DataRequired(_l("Enter the bank's reference for this transfer.")), _at_most(100)],
        render_kw={"autocomplete": "off"},
    )
