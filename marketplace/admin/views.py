"""``/admin/``: the national admin's start page, leading to each desk of the back office,
and the desk of the companies of the network."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..accounts.access import current_actor, role_required
from ..accounts.models import Role
from ..backoffice.queries import Workload, company_workloads
from ..companies.admin import update_company
from ..companies.models import ProvincialCompany
from ..companies.queries import all_companies, company_by_id
from ..db import utcnow
from ..errors import InvalidTransition, ValidationError
from ..extensions import db
from .forms import CompanyForm, bps_to_percent, show_field_errors

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_app_template_filter(bps_to_percent, "bps_percent")


@bp.get("/")
@role_required(Role.ADMIN)
def index():
    return render_template("admin/index.html")


@bp.get("/companies")
@role_required(Role.ADMIN)
def companies():
    return render_template("admin/companies.html", companies=all_companies(db.session),
                           workloads=company_workloads(db.session, utcnow()))


def _render_company(company: ProvincialCompany, form: CompanyForm, status: int = 200):
    workload = company_workloads(db.session, utcnow(), company.id).get(company.id, Workload())
    return render_template("admin/company.html", company=company, form=form, workload=workload), status


@bp.get("/companies/<int:company_id>")
@role_required(Role.ADMIN)
def company(company_id: int):
    found = company_by_id(db.session, company_id)
    return _render_company(found, CompanyForm.of(found))


@bp.post("/companies/<int:company_id>")
@role_required(Role.ADMIN)
def update(company_id: int):
    found = company_by_id(db.session, company_id)
    form = CompanyForm()
    if not form.validate_on_submit():
        return _render_company(found, form, 422)
    values, unreadable = form.changes()
    was_active = found.active
    try:
        changed = update_company(db.session, current_actor(), found, now=utcnow(), **values)
        if unreadable:
            raise ValidationError("Please correct the highlighted fields", fields={})
    except ValidationError as error:
        db.session.rollback()
        show_field_errors(form, {**error.fields, **unreadable})
        return _render_company(found, form, error.status)
    except InvalidTransition:
        db.session.rollback()
        form.active.errors = [*form.active.errors, _("The national company cannot be deactivated: it takes the "
                                                     "orders of every province whose company is inactive.")]
        return _render_company(found, form, 409)
    db.session.commit()
    if not changed:
        flash(_("Nothing was changed."), "info")
    elif was_active and not found.active:
        open_count = company_workloads(db.session, utcnow(), found.id).get(found.id, Workload()).open
        flash(ngettext("%(name)s no longer takes new orders: they go to the national company. Its %(num)d open "
                       "fulfilment stays with it.",
                       "%(name)s no longer takes new orders: they go to the national company. Its %(num)d open "
                       "fulfilments stay with it.", open_count, name=found.name_th), "success")
    else:
        flash(_("The changes to %(name)s are saved.", name=found.name_th), "success")
    return redirect(url_for(".company", company_id=found.id))


from . import category_views, people_views  # noqa: E402,F401  (their routes register on bp)
