"""The cart's small forms, and the cart's problems as the pages say them.

The forms only check what a browser could get wrong (a missing or non-numeric value);
whether the quantity can be had is ``cart.services``' business, and comes back as a
``Problem`` that ``problem_message`` words in the reader's language.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional

from . import services as s
from .lines import MAX_QUANTITY


class CartLineForm(FlaskForm):
    """Which line: a listing and, for a tour, its date (slot)."""

    listing_id = IntegerField(validators=[InputRequired(), NumberRange(min=1)])
    slot_id = IntegerField(validators=[Optional(), NumberRange(min=1)])

    @property
    def key(self) -> tuple[int, int | None]:
        if self.listing_id.data is None:
            raise ValueError("the form has not been validated")
        return self.listing_id.data, self.slot_id.data or None


class AddToCartForm(CartLineForm):
    quantity = IntegerField(
        _l("Quantity"), default=1,
        validators=[InputRequired(_l("Enter how many you want.")),
                    NumberRange(min=1, max=MAX_QUANTITY, message=_l("Choose from 1 to %(max)d.", max=MAX_QUANTITY))],
    )


class UpdateCartForm(CartLineForm):
    quantity = IntegerField(
        _l("Quantity"),
        validators=[InputRequired(_l("Enter how many you want.")),
                    NumberRange(min=0, max=MAX_QUANTITY, message=_l("Choose from 0 to %(max)d.", max=MAX_QUANTITY))],
    )


def first_error(form: FlaskForm) -> str:
    """The first message of a form that did not validate, for a flash."""
    for errors in form.errors.values():
        if errors and isinstance(errors, list | tuple):  # not a FormField's dict
            return str(errors[0])
    return _("Please check the quantity.")


def problem_message(problem: s.Problem, title: str | None = None, in_cart: int = 0) -> str:
    """Why a line cannot be ordered (or changed), in the reader's language."""
    item = title or _("This item")
    limit = problem.limit or 0
    messages = {
        s.UNAVAILABLE: lambda: _("“%(item)s” is no longer available.", item=item) if title
        else _("This item is no longer available."),
        s.SOLD_OUT: lambda: _("“%(item)s” is sold out.", item=item),
        s.NOT_ENOUGH_STOCK: lambda: (
            _("Only %(count)d of “%(item)s” left, and you already have %(in_cart)d in your cart.",
              count=limit, item=item, in_cart=in_cart) if in_cart
            else _("Only %(count)d of “%(item)s” left.", count=limit, item=item)
        ),
        s.CHOOSE_DATE: lambda: _("Choose a date for “%(item)s”.", item=item),
        s.NO_DATE_FOR_PRODUCT: lambda: _("“%(item)s” is not a tour: it has no dates.", item=item),
        s.DATE_PASSED: lambda: _("The date chosen for “%(item)s” has passed. Choose another date.", item=item),
        s.DATE_CLOSED: lambda: _("The date chosen for “%(item)s” is no longer offered. Choose another date.",
                                 item=item),
        s.DATE_FULL: lambda: _("The date chosen for “%(item)s” is full. Choose another date.", item=item),
        s.NOT_ENOUGH_SEATS: lambda: (
            ngettext("Only %(num)d seat left on this date of “%(item)s”, and you already have %(in_cart)d in your "
                     "cart.",
                     "Only %(num)d seats left on this date of “%(item)s”, and you already have %(in_cart)d in your "
                     "cart.", limit, item=item, in_cart=in_cart) if in_cart
            else ngettext("Only %(num)d seat left on this date of “%(item)s”.",
                          "Only %(num)d seats left on this date of “%(item)s”.", limit, item=item)
        ),
        s.GROUP_TOO_LARGE: lambda: _("“%(item)s” takes at most %(count)d people per booking.", count=limit,
                                     item=item),
        s.BAD_QUANTITY: lambda: _("Choose a quantity from 1 to %(max)d.", max=limit or MAX_QUANTITY),
        s.CART_FULL: lambda: _("Your cart holds at most %(count)d different items. Order some first.",
                               count=limit),
    }
    return messages.get(problem.reason, lambda: _("This item cannot be ordered as it is."))()
