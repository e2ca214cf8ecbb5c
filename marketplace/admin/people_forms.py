"""The form of ``/admin/people/<id>``: an account's roles, company and lock.

The form only reads what the browser sends; the rules (the company role needs a
company, an admin keeps their own admin role) live in ``admin.people_services`` and come back
as ``DomainError.fields``, which ``show_field_errors`` puts next to the right input in
the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; not in types-WTForms 3.2
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.models import Role, User
from ..companies.models import ProvincialCompany
from ..forms import attach_errors
from ..i18n import localized
from . import people_services as admin

ROLE_NAMES = {
    Role.CONSUMER: _l("Buyer"),
    Role.PRODUCER: _l("Producer"),
    Role.COMPANY: _l("Company staff"),
    Role.ADMIN: _l("National admin"),
}

_ROLE_VALUES = frozenset(role.value for role in Role)

# The reasons ``people_services`` gives per field, as the page says them.
_FIELD_REASONS = {
    admin.NO_ROLE: _l("Choose at least one role."),
    admin.COMPANY_REQUIRED: _l("Choose the company this staff member works for."),
    admin.COMPANY_WITHOUT_ROLE: _l("Only company staff belong to a company."),
    admin.NO_SUCH_COMPANY: _l("Choose a company from the list."),
    admin.OWN_ADMIN_ROLE: _l("You cannot remove your own admin role: ask another admin."),
    admin.OWN_LOCK: _l("You cannot lock your own account."),
}


def show_field_errors(form: FlaskForm, fields: dict[str, str]) -> None:
    """Attach the service's ``{field: reason}`` to the inputs, translated where known."""
    attach_errors(form, ((name, str(_FIELD_REASONS.get(reason, reason))) for name, reason in fields.items()))


class PersonForm(FlaskForm):
    roles = SelectMultipleField(
        _l("Roles"), choices=[SelectChoice(role.value, ROLE_NAMES[role]) for role in Role],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(), validate_choice=False,
    )  # an unknown or missing role: the service says so
    company_id = SelectField(
        _l("Company"), validate_choice=False,
        description=_l("Only for company staff: the company they work for."),
    )
    locked = BooleanField(
        _l("Locked: cannot sign in, and their apps are signed out at once"),
    )

    def fill_companies(self, companies: Iterable[ProvincialCompany]) -> None:
        """The company choices, named in the reader's language."""
        self.company_id.choices = [SelectChoice("", _l("No company"))] + [
            SelectChoice(str(company.id), localized(company, "name")) for company in companies
        ]

    def fill_from(self, user: User) -> None:
        self.roles.data = sorted(role.value for role in user.roles)
        self.company_id.data = str(user.company_id) if user.company_id is not None else ""
        self.locked.data = not user.active

    def chosen_roles(self) -> list[Role]:
        """The roles ticked (a value that is no role, from a forged form, is dropped)."""
        return [Role(value) for value in self.roles.data or [] if value in _ROLE_VALUES]

    def chosen_company_id(self) -> int | None:
        """The company chosen, for company staff only: the select keeps showing the
        old company when the role is unticked, and that means "no company" then."""
        raw = (self.company_id.data or "").strip()
        if Role.COMPANY not in self.chosen_roles() or not raw.isdecimal():
            return None
        return int(raw)
