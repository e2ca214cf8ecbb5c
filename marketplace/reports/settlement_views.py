"""Settlement and income pages.

Company staff (an admin: any company): ``/company/settlements`` (a month's statements, the
button that issues them, CSV of the month), ``/company/settlements/<id>`` (lines, totals,
marking it paid, CSV) and ``/company/income`` (the income report of the API as a page).
Producers: ``/producer/payouts`` (the statements of the enterprises they manage) and
``/producer/payouts/<id>`` (read-only, CSV).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import login_required

from ..accounts.access import current_actor
from ..accounts.models import Role
from ..clock import today_in_thailand
from ..csv_files import csv_download
from ..db import begin_write, utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from .income import GROUPS, income_report, income_scope, parse_income_query
from .models import SettlementLineKind, StatementStatus
from .producer import Month, rate_text
from .settlement import (
    issue_statements, line_counts, mark_statement_paid, previous_month, settlement_companies, statement_for_producer,
    statement_for_staff, statements_for_company, statements_for_producer,
)
from .settlement_exports import statement_csv, statements_csv
from .settlement_forms import IssueForm, MarkPaidForm, show_field_errors

bp = Blueprint("settlement", __name__)

STATEMENT_STATUS_LABELS = {StatementStatus.ISSUED: _l("Awaiting transfer"), StatementStatus.PAID: _l("Paid")}
LINE_KIND_LABELS = {SettlementLineKind.SALE: _l("Sale"), SettlementLineKind.ADJUSTMENT: _l("Adjustment")}
GROUP_LABELS = {
    "province": _l("Province of the producer"), "enterprise": _l("Community enterprise"),
    "category": _l("Category"), "kind": _l("Products or tours"), "company": _l("Company"),
}


@bp.context_processor
def settlement_helpers() -> dict[str, Any]:
    return {"STATEMENT_STATUS_LABELS": STATEMENT_STATUS_LABELS, "LINE_KIND_LABELS": LINE_KIND_LABELS,
            "GROUP_LABELS": GROUP_LABELS, "rate_text": rate_text}


def _company_id(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() else None


# -- company staff: statements -------------------------------------------------------------------------------

def _month_from_args() -> tuple[Month, str | None]:
    """The month asked for (``?month=YYYY-MM``), else last month in Bangkok; and the
    message for a malformed one."""
    raw = (request.args.get("month") or "").strip()
    default = previous_month(Month.of(utcnow()))
    if not raw:
        return default, None
    try:
        return Month.parse(raw, field="month"), None
    except ValidationError:
        return default, _("Enter a month as year and month, for example 2026-01.")


def _render_statements(form: IssueForm, month: Month, company_id: int | None, status: int = 200,
                       month_error: str | None = None):
    staff = current_actor()
    companies = settlement_companies(db.session, staff)
    statements = statements_for_company(db.session, staff, month=month, company_id=company_id)
    form.company.choices = [("", _("Choose a company"))] + [(str(c.id), c.name_th) for c in companies]
    return render_template(
        "settlement/statements.html", form=form, month=month, company_id=company_id, companies=companies,
        statements=statements, counts=line_counts(db.session, statements), month_error=month_error,
        is_admin=staff.has_role(Role.ADMIN),
        totals={name: sum(getattr(s, f"{name}_satang") for s in statements)
                for name in ("gross", "commission", "net")},
    ), status


@bp.get("/company/settlements")
@login_required
def statements():
    month, month_error = _month_from_args()
    company_id = _company_id(request.args.get("company"))
    form = IssueForm(formdata=None, month=str(month), company=str(company_id or ""))
    return _render_statements(form, month, company_id, 422 if month_error else 200, month_error)


@bp.post("/company/settlements/issue")
@login_required
def issue():
    staff = current_actor()
    session = db.session
    begin_write(session)
    form = IssueForm()
    company_id = _company_id(form.company.data)
    month = previous_month(Month.of(utcnow()))
    status = 422
    if form.validate_on_submit():
        try:
            month = Month.parse(form.month.data or "", field="month")
            issued = issue_statements(db.session, staff, month, now=utcnow(), company_id=company_id)
        except (ValidationError, Conflict) as error:
            session.rollback()
            show_field_errors(form, error.fields)
            if not error.fields:
                form.form_errors.append(_("These statements were just issued by someone else. Reload the page."))
            status = error.status
        else:
            session.commit()
            if issued:
                flash(ngettext("%(num)d statement issued for %(month)s.",
                               "%(num)d statements issued for %(month)s.", len(issued), month=str(month)),
                      "success")
            else:
                flash(_("Nothing to settle for %(month)s: every delivered or completed line is already on a "
                        "statement.", month=str(month)), "info")
            return redirect(url_for(".statements", month=str(month), company=company_id))
    return _render_statements(form, month, company_id, status)


def _render_statement(statement, form: MarkPaidForm | None, status: int = 200, *, staff_view: bool):
    return render_template("settlement/statement.html", statement=statement, form=form,
                           staff_view=staff_view), status


@bp.get("/company/settlements/<int:statement_id>")
@login_required
def statement(statement_id: int):
    found = statement_for_staff(db.session, current_actor(), statement_id)
    return _render_statement(found, MarkPaidForm(formdata=None), staff_view=True)


@bp.post("/company/settlements/<int:statement_id>/paid")
@login_required
def mark_paid(statement_id: int):
    staff = current_actor()
    session = db.session
    begin_write(session)
    found = statement_for_staff(db.session, staff, statement_id)
    form = MarkPaidForm()
    status = 422
    if form.validate_on_submit():
        try:
            mark_statement_paid(session, staff, found, form.transfer_reference.data or "", now=utcnow())
        except (ValidationError, Conflict) as error:
            session.rollback()
            status = error.status
            if isinstance(error, Conflict):
                form.form_errors.append(_("This statement is already marked paid."))
                found = statement_for_staff(db.session, staff, statement_id)
            else:
                show_field_errors(form, error.fields)
        else:
            session.commit()
            flash(_("The statement is marked paid."), "success")
            return redirect(url_for(".statement", statement_id=found.id))
    return _render_statement(found, form, status, staff_view=True)


@bp.get("/company/settlements/<int:statement_id>.csv")
@login_required
def statement_export(statement_id: int):
    found = statement_for_staff(db.session, current_actor(), statement_id)
    return csv_download(statement_csv(found), f"statement-{found.id}-{found.month:%Y-%m}")


@bp.get("/company/settlements.csv")
@login_required
def month_export():
    month, month_error = _month_from_args()
    if month_error:
        abort(422)
    found = statements_for_company(db.session, current_actor(), month=month,
                                   company_id=_company_id(request.args.get("company")))
    return csv_download(statements_csv(found, line_counts(db.session, found)), f"statements-{month}")


# -- producers: payouts --------------------------------------------------------------------------------------

@bp.get("/producer/payouts")
@login_required
def payouts():
    found = statements_for_producer(db.session, current_actor())
    return render_template("settlement/payouts.html", statements=found, counts=line_counts(db.session, found))


@bp.get("/producer/payouts/<int:statement_id>")
@login_required
def payout(statement_id: int):
    return _render_statement(statement_for_producer(db.session, current_actor(), statement_id), None, staff_view=False)


@bp.get("/producer/payouts/<int:statement_id>.csv")
@login_required
def payout_export(statement_id: int):
    found = statement_for_producer(db.session, current_actor(), statement_id)
    return csv_download(statement_csv(found), f"payout-{found.id}-{found.month:%Y-%m}")


# -- the income report -------------------------------------------------------------------------------------

_INCOME_MESSAGES = {
    "group_by": _l("Choose how to group the income."),
    "from": _l("Enter a day as year-month-day, for example 2026-01-31."),
    "to": _l("Enter a day as year-month-day, for example 2026-01-31."),
}


@bp.get("/company/income")
@login_required
def income():
    user = current_actor()
    income_scope(user)  # 403 before anything else for those who see no income
    today = today_in_thailand()
    args = {name: request.args.get(name, "").strip() for name in ("from", "to", "group_by")}
    if not any(args.values()):
        args = {"from": today.replace(day=1).isoformat(), "to": today.isoformat(), "group_by": "enterprise"}
    errors: dict[str, str] = {}
    try:
        query = parse_income_query(args)
    except ValidationError as error:
        errors = {name: str(_INCOME_MESSAGES.get(name, reason)) for name, reason in error.fields.items()}
        if error.fields.get("to") == "on or after from":
            errors["to"] = _("The last day cannot be before the first.")
        return render_template("settlement/income.html", report=None, args=args, errors=errors,
                               groups=GROUPS), 422
    report = income_report(db.session, user, query)
    return render_template("settlement/income.html", report=report, args=args, errors=errors, groups=GROUPS)
