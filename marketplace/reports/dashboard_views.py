"""The dashboards: ``/admin/dashboard`` (the whole country, or one company) and
``/company/dashboard`` (the staff's own company), each table also as CSV; and the public
impact page, ``/impact``.

Both pages read their arguments with ``parse_dashboard_query`` and show ``dashboard``:
the same service and the same rules as ``GET /api/v1/reports/dashboard``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.access import STAFF, current_actor, role_required
from ..accounts.models import Role
from ..clock import today_in_thailand
from ..companies.queries import all_companies, company_by_id
from ..csv_files import csv_download
from ..db import utcnow
from ..errors import ValidationError
from ..extensions import db
from ..geo import Region
from ..i18n import current_language, thai_sort_key
from .dashboard import Dashboard, dashboard, default_first_day, parse_dashboard_query
from .dashboard_charts import dashboard_charts, impact_charts, month_label
from .dashboard_exports import TABLES, dashboard_csv, impact_csv
from .impact import CACHE_SECONDS, ProvinceImpact, cached_impact

bp = Blueprint("dashboard", __name__)


@bp.context_processor
def dashboard_helpers() -> dict[str, object]:
    return {"month_label": month_label, "hours": hours_text, "percent": percent_text}


def hours_text(hours: float | None) -> str:
    """``36.25`` → ``36.3``; a dash when there is nothing to measure."""
    return "—" if hours is None else format_decimal(round(hours, 1), "#,##0.0")


def percent_text(share: float | None) -> str:
    """``0.125`` → ``12.5%``; a dash when there is nothing to measure."""
    return "—" if share is None else format_percent(share, "#,##0.0%")


ARGS = ("from", "to", "company_id")
_MESSAGES = {
    "from": _l("Enter a day as year-month-day, for example 2026-01-31."),
    "to": _l("Enter a day as year-month-day, for example 2026-01-31."),
    "company_id": _l("Choose a company from the list."),
}


def _args() -> dict[str, Any]:
    """The request's arguments as given, to keep them in the form and in the CSV links."""
    return {name: request.args[name].strip() for name in ARGS if request.args.get(name, "").strip()}


def _errors(error: ValidationError) -> dict[str, str]:
    errors = {name: str(_MESSAGES.get(name, reason)) for name, reason in error.fields.items()}
    reason = error.fields.get("to", "")
    if reason == "on or after from":
        errors["to"] = _("The last day cannot be before the first.")
    elif reason.startswith("at most"):
        errors["to"] = _("Choose a period of at most five years.")
    return errors


def _board(args: dict[str, str]) -> Dashboard:
    return dashboard(db.session, current_actor(), parse_dashboard_query(args), now=utcnow())


def _page(endpoint: str, export_endpoint: str):
    """The dashboard page of ``endpoint``, or the form again with its errors (422)."""
    args = _args()
    user = current_actor()
    companies = all_companies(db.session) if user.has_role(Role.ADMIN) else []
    today = today_in_thailand()
    form = {"from": args.get("from", default_first_day(today).isoformat()), "to": args.get("to", today.isoformat()),
            "company_id": args.get("company_id", "")}
    try:
        board = _board(args)
    except ValidationError as error:
        return render_template("dashboard/dashboard.html", board=None, charts=None, company=None, form=form,
                               errors=_errors(error), companies=companies, endpoint=endpoint,
                               export_endpoint=export_endpoint, args=args), 422
    company = company_by_id(db.session, board.company_id) if board.company_id is not None else None
    return render_template("dashboard/dashboard.html", board=board, charts=dashboard_charts(board, with_map=company
                           is None), company=company, form=form, errors={}, companies=companies, endpoint=endpoint,
                           export_endpoint=export_endpoint, args=args)


def _export(table: str) -> Response:
    if table not in TABLES:
        abort(404)
    try:
        board = _board(_args())
    except ValidationError:
        abort(400)
    return csv_download(dashboard_csv(board, table), f"dashboard-{table}-{today_in_thailand().isoformat()}")


@bp.get("/admin/dashboard")
@role_required(Role.ADMIN)
def national():
    return _page("dashboard.national", "dashboard.national_export")


@bp.get("/admin/dashboard/<table>.csv")
@role_required(Role.ADMIN)
def national_export(table: str):
    return _export(table)


@bp.get("/company/dashboard")
@role_required(*STAFF)
def company():
    if current_actor().has_role(Role.ADMIN):  # the admin's dashboard has the company choice
        return redirect(url_for(".national", **_args()))
    return _page("dashboard.company", "dashboard.company_export")


@bp.get("/company/dashboard/<table>.csv")
@role_required(*STAFF)
def company_export(table: str):
    return _export(table)


# -- the public impact page ------------------------------------------------------------------------------

IMPACT_SORTS: dict[str, Callable[[ProvinceImpact], Any]] = {
    "name": lambda row: thai_sort_key(row.name_th) if current_language() == "th" else row.name_en,
    "region": lambda row: (list(Region).index(row.region), -row.producer_net_satang),
    "net": lambda row: (-row.producer_net_satang, row.code),
    "items": lambda row: (-row.items_satang, row.code),
    "enterprises": lambda row: (-(row.enterprises_with_sales or 0), -row.producer_net_satang, row.code),
}


@bp.get("/impact")
def impact_page():
    """What the marketplace has returned to communities, for anyone: no sign-in, figures
    at most 10 minutes old (``cached_impact``)."""
    figures = cached_impact(db.session, today=today_in_thailand())
    sort = request.args.get("sort", "net")
    if sort not in IMPACT_SORTS:
        sort = "net"
    provinces = sorted(figures.provinces, key=IMPACT_SORTS[sort])
    return render_template("dashboard/impact.html", impact=figures, provinces=provinces, sort=sort,
                           charts=impact_charts(figures))


@bp.get("/impact.csv")
def impact_export() -> Response:
    figures = cached_impact(db.session, today=today_in_thailand())
    return csv_download(impact_csv(figures), f"impact-provinces-{today_in_thailand().isoformat()}",
                        public_seconds=CACHE_SECONDS)
