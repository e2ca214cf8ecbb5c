"""The producer's listing forms: one for products, one for tours.

The forms only turn what the browser sent into plain values — baht text into integer
satang with ``money.parse_baht``, whole-number text into ``int`` — and leave every
rule (required fields, lengths, ranges, the category's kind) to
``catalog.services``, whose reasons ``show_listing_errors`` puts next to the right
input in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.widgets import TextInput

from ..errors import DomainError, ValidationError
from ..forms import attach_errors
from ..money import format_satang, parse_baht
from . import services
from .models import Category, Listing, ListingKind

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]{1,12}$")

# Service field names that the forms call otherwise.
_FORM_FIELD = {"price_satang": "price"}


def _field_reasons() -> dict[str, Any]:
    """The reasons ``catalog.services`` (and ``parse_baht``) give, as the pages say them.
    A reason missing here is shown as the service wrote it rather than lost."""
    reasons: dict[str, Any] = {
        services.REQUIRED: _l("This is required."),
        services.NOT_TEXT: _l("Enter text."),
        services.CONTROL_CHARACTERS: _l("Remove the invisible control characters."),
        services.UNKNOWN_CATEGORY: _l("Choose a category from the list."),
        services.RETIRED_CATEGORY: _l("This category is retired and takes no new listings. Choose another one."),
        services.PRODUCT_CATEGORY: _l("Choose a product category."),
        services.TOUR_CATEGORY: _l("Choose a tour category."),
        services.PRODUCTS_ONLY: _l("Only products have this."),
        services.TOURS_ONLY: _l("Only tours have this."),
        services.FIXED: _l("This cannot be changed after the listing is created."),
        services.PRICE_RANGE: _l("Enter a price from %(low)s to %(high)s.", low=format_satang(0),
                                 high=format_satang(services.MAX_PRICE_SATANG)),
        "not an amount in baht": _l("Enter an amount in baht, such as 120 or 120.50."),
        "too large": _l("The amount is too large."),
    }
    for limit in (services.TITLE_MAX, services.DESCRIPTION_MAX, services.MEETING_POINT_MAX):
        reasons[services.too_long(limit)] = _l("At most %(max)d characters.", max=limit)
    for low, high in services.INTEGER_LIMITS.values():
        reasons[services.whole_number_between(low, high)] = _l(
            "Enter a whole number from %(low)d to %(high)d.", low=low, high=high
        )
    return reasons


_FIELD_REASONS = _field_reasons()


def conflict_message(error: DomainError) -> str:
    """What the page says for a refused action (a 409 of the services)."""
    messages = {
        "enterprise_not_approved": _(
            "Your enterprise is not approved, so its listings cannot be published. You can keep this "
            "listing as a draft and publish it once your provincial company approves the enterprise."
        ),
        "listing_ordered": _("This listing has been ordered, so it cannot be deleted. Archive it instead."),
        "invalid_transition": _("An archived listing goes back to draft before it can be published again."),
    }
    return messages.get(error.code, error.message)


def show_field_problems(form: FlaskForm, problems: dict[str, str]) -> None:
    """Attach the services' ``{field: reason}`` to the form: each next to its input
    (translated where the reason is known), reasons for fields it lacks above the form."""
    attach_errors(form, ((name, _FIELD_REASONS.get(reason, reason)) for name, reason in problems.items()),
                  rename=_FORM_FIELD)


def show_listing_errors(form: FlaskForm, error: DomainError) -> None:
    """Attach a service error to the form: its field reasons, or why the action was refused."""
    if error.fields:
        show_field_problems(form, error.fields)
    else:
        form.form_errors.append(conflict_message(error))


class WholeNumberField(IntegerField):
    """A whole number typed as text (Thai digits read too); blank is ``None``. What it
    may range over is the services' business. Keeps what was typed when it is wrong."""

    widget = TextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        self.data = None
        text = valuelist[0].strip().translate(_THAI_DIGITS)
        if not text:
            return
        if not _WHOLE_NUMBER.match(text):
            raise ValueError(_l("Enter a whole number, such as 12."))
        self.data = int(text)


class BahtField(IntegerField):
    """An amount typed in baht (``1,250.50``, Thai digits too), read by ``parse_baht``
    into integer satang — never through a float; blank is ``None``. Shown again as
    baht text, or as typed when it is wrong."""

    widget = TextInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        self.data = None
        text = valuelist[0].strip()
        if not text:
            return
        try:
            self.data = parse_baht(text, field=self.name)
        except ValidationError as error:
            raise ValueError(_FIELD_REASONS.get(error.fields[self.name], error.message)) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return format_satang(self.data, symbol=False) if self.data is not None else ""


def _text_kw(limit: int, **extra: Any) -> dict[str, Any]:
    return {"maxlength": limit, **extra}


class ListingForm(FlaskForm):
    """What products and tours share."""

    kind: ListingKind
    KIND_FIELDS: tuple[str, ...] = ()

    category = SelectField(_l("Category"), validate_choice=False)
    title_th = StringField(_l("Title in Thai"), render_kw=_text_kw(services.TITLE_MAX, lang="th"))
    title_en = StringField(
        _l("Title in English (optional)"), render_kw=_text_kw(services.TITLE_MAX, lang="en"),
        description=_l("Where there is no English, English readers see the Thai."),
    )
    description_th = TextAreaField(
        _l("Description in Thai"), render_kw=_text_kw(services.DESCRIPTION_MAX, lang="th", rows=6)
    )
    description_en = TextAreaField(
        _l("Description in English (optional)"),
        render_kw=_text_kw(services.DESCRIPTION_MAX, lang="en", rows=6),
    )
    price = BahtField(
        _l("Price (baht)"), description=_l("For example 120 or 1,250.50"),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )

    def set_categories(self, categories: list[Category], language_name: Callable[[Category], str],
                       current: Category | None = None) -> None:
        """Offer the categories of this form's kind that take listings, named by
        ``language_name(category)``; a retired one only when it is ``current``, the
        listing's own, which it keeps."""

        def label(category: Category) -> str:
            if category.retired:
                return _("%(category)s (retired)", category=language_name(category))
            return language_name(category)

        self.category.choices = [("", _("Choose a category"))] + [
            (category.slug, label(category)) for category in categories
            if category.kind == self.kind and (not category.retired or category is current)
        ]

    def listing_fields(self) -> dict[str, Any]:
        """The values for ``create_listing`` / ``update_listing``."""
        return {
            "category": self.category.data or None,
            "title_th": self.title_th.data,
            "title_en": self.title_en.data,
            "description_th": self.description_th.data,
            "description_en": self.description_en.data,
            "price_satang": self.price.data,
            **{name: getattr(self, name).data for name in self.KIND_FIELDS},
        }

    def readable_fields(self) -> dict[str, Any]:
        """``listing_fields`` without those the form could not read (a price that is not
        baht text, a count that is not a whole number): what the services can still
        check, so that the page names every problem at once."""
        return {
            name: value for name, value in self.listing_fields().items()
            if not getattr(self, _FORM_FIELD.get(name, name)).errors
        }

    @staticmethod
    def initial(listing: Listing) -> dict[str, Any]:
        """The form's values for an existing listing."""
        return {
            "category": listing.category.slug,
            "title_th": listing.title_th,
            "title_en": listing.title_en or "",
            "description_th": listing.description_th,
            "description_en": listing.description_en or "",
            "price": listing.price_satang,
            "stock": listing.stock,
            "low_stock_threshold": listing.low_stock_threshold,
            "duration_hours": listing.duration_hours,
            "max_group": listing.max_group,
            "meeting_point": listing.meeting_point or "",
        }


class ProductForm(ListingForm):
    kind = ListingKind.PRODUCT
    KIND_FIELDS = ("stock", "low_stock_threshold")
    stock = WholeNumberField(
        _l("In stock"), default=0, render_kw={"inputmode": "numeric", "autocomplete": "off"},
        description=_l("How many you can send now. At 0 the product shows as out of stock."),
    )
    low_stock_threshold = WholeNumberField(
        _l("Low-stock warning at"), default=5, render_kw={"inputmode": "numeric", "autocomplete": "off"},
        description=_l("Your dashboard warns you when the stock falls to this number or below."),
    )


class TourForm(ListingForm):
    kind = ListingKind.TOUR
    KIND_FIELDS = ("duration_hours", "max_group", "meeting_point")
    price = BahtField(
        _l("Price per person (baht)"), description=_l("For example 450 or 1,200.50"),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    duration_hours = WholeNumberField(_l("Duration (hours)"), render_kw={"inputmode": "numeric"})
    max_group = WholeNumberField(
        _l("Largest group (optional)"), render_kw={"inputmode": "numeric"},
        description=_l("The most people one booking may bring."),
    )
    meeting_point = StringField(
        _l("Meeting point"), render_kw=_text_kw(services.MEETING_POINT_MAX),
        description=_l("Where visitors meet your guide, such as the village temple or the group's office."),
    )


def form_for(kind: ListingKind, **kwargs: Any) -> ListingForm:
    """The form for a listing of ``kind``."""
    form_class = ProductForm if kind is ListingKind.PRODUCT else TourForm
    return form_class(**kwargs)
