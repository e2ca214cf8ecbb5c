"""The forms of ``/admin/categories``: adding a category and renaming one.

The forms only read what the browser sends; the rules (the slug's shape and that it is
free, names required and one line, the kind) live in ``catalog.categories`` and come
back as ``ValidationError.fields``, which ``show_field_errors`` puts next to the right
input in the reader's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2

from ..catalog import categories as rules
from ..catalog.forms import WholeNumberField
from ..catalog.models import Category, ListingKind
from ..forms import attach_errors

KIND_NAMES = {ListingKind.PRODUCT: _l("Products"), ListingKind.TOUR: _l("Community tours")}

# The reasons ``catalog.categories`` gives per field, as the page says them.
_FIELD_REASONS = {
    rules.REQUIRED: _l("This is required."),
    rules.NOT_TEXT: _l("Enter text."),
    rules.BAD_SLUG: _l("Use lowercase English letters a–z, digits and hyphens between them, such as "
                       "rice-products."),
    rules.SLUG_TAKEN: _l("Another category already has this slug (retired categories keep theirs). "
                         "Choose another one."),
    rules.SLUG_TOO_LONG: _l("At most %(max)d characters.", max=rules.SLUG_MAX),
    rules.NAME_TOO_LONG: _l("At most %(max)d characters.", max=rules.NAME_MAX),
    rules.CONTROL_CHARACTERS: _l("Remove the invisible control characters."),
    rules.NOT_A_KIND: _l("Choose products or community tours."),
    rules.POSITION_RANGE: _l("Enter a whole number from 0 to %(max)d.", max=rules.POSITION_MAX),
}


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach the service's ``{field: reason}`` to the inputs, translated where known."""
    attach_errors(form, ((name, str(_FIELD_REASONS.get(reason, reason))) for name, reason in fields.items()))


def _names_kw(limit: int, language: str) -> dict[str, Any]:
    return {"maxlength": limit, "lang": language, "autocomplete": "off"}


class RenameCategoryForm(FlaskForm):
    name_th = StringField(_l("Name in Thai"), render_kw=_names_kw(rules.NAME_MAX, "th"))
    name_en = StringField(_l("Name in English"), render_kw=_names_kw(rules.NAME_MAX, "en"))

    @classmethod
    def of(cls, category: Category) -> RenameCategoryForm:
        """The form filled in with the category's current names (for a GET)."""
        return cls(formdata=None, data={"name_th": category.name_th, "name_en": category.name_en})


class NewCategoryForm(RenameCategoryForm):
    slug = StringField(
        _l("Slug"), render_kw={"maxlength": rules.SLUG_MAX, "autocomplete": "off", "spellcheck": "false",
                               "autocapitalize": "none", "lang": "en"},
        description=_l("The category's name in web addresses and the API: lowercase a–z, digits and hyphens, "
                       "such as rice-products. It cannot change later."),
    )
    kind = SelectField(
        _l("Kind of listings"), validate_choice=False,  # an unknown kind: the service says so
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_NAMES.items()],
    )
    position = WholeNumberField(
        _l("Position (optional)"), render_kw={"inputmode": "numeric", "autocomplete": "off"},
        description=_l("Where it comes in the lists: smaller numbers first. Empty puts it last."),
    )

    def values(self) -> dict[str, Any]:
        """The values for ``create_category``."""
        return {"slug": self.slug.data, "name_th": self.name_th.data, "name_en": self.name_en.data,
                "kind": self.kind.data, "position": self.position.data}


class CategoryActionForm(FlaskForm):
    """Retiring and restoring: nothing to fill in but the CSRF token."""
