"""The producer's sales pages: order lines as they move, income per month, and CSV exports.

The payout statements that the provincial companies issue are in ``settlement_views`` (/producer/payouts).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, flash, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.access import current_actor
from ..csv_files import csv_download
from ..errors import ValidationError
from ..extensions import db
from ..fulfilment.labels import KIND_LABELS, STATUS_LABELS
from .exports import lines_csv, monthly_csv
from .producer import (
    BANGKOK, FILTER_ARGS, SalesFilters, monthly_income, parse_sales_filters, rate_text, sales_enterprises, sales_lines,
)

bp = Blueprint("sales", __name__, url_prefix="/producer/sales")

PAGE_SIZE = 50


@bp.context_processor
def sales_helpers() -> dict[str, Any]:
    return {"STATUS_LABELS": STATUS_LABELS, "KIND_LABELS": KIND_LABELS, "rate_text": rate_text}


def _filter_args() -> dict[str, str]:
    """The filters of this request, as given (to keep them in the form and in links)."""
    return {name: request.args[name] for name in FILTER_ARGS if request.args.get(name)}


def _filter_messages(fields: dict[str, str]) -> dict[str, str]:
    """The reader's words for what is wrong with each filter."""
    messages = {}
    for name, reason in fields.items():
        if name == "enterprise":
            messages[name] = _("Choose one of your enterprises.")
        elif name == "status":
            messages[name] = _("Choose a status from the list.")
        elif name == "to" and reason == "before the first month":
            messages[name] = _("The last month cannot be before the first.")
        elif name in ("from", "to"):
            messages[name] = _("Enter a month as year and month, for example 2026-01.")
        else:
            messages["cursor"] = _("That page link is no longer valid. Start again from the first page.")
    return messages


def _invalid_filters(template: str, error: ValidationError):
    """The page again, its bad filters marked, and nothing reported (producers only: 403 first)."""
    enterprises = sales_enterprises(db.session, current_actor())
    messages = _filter_messages(error.fields)
    if "cursor" in messages:
        flash(messages.pop("cursor"), "error")
    return render_template(template, report=None, enterprises=enterprises, args=_filter_args(),
                           errors=messages), 422


def _csv_response(body: bytes, stem: str) -> Response:
    return csv_download(body, f"{stem}-{dt.datetime.now(BANGKOK).date().isoformat()}")


def _filters_for_export() -> SalesFilters:
    try:
        return parse_sales_filters(request.args)
    except ValidationError:
        sales_enterprises(db.session, current_actor())  # someone with no sales at all hears 403, not 422
        raise


@bp.get("/")
@login_required
def lines():
    try:
        filters = parse_sales_filters(request.args)
        report = sales_lines(db.session, current_actor(), filters, cursor=request.args.get("cursor"), limit=PAGE_SIZE)
    except ValidationError as error:
        return _invalid_filters("sales/lines.html", error)
    return render_template("sales/lines.html", report=report, enterprises=report.enterprises,
                           args=_filter_args(), errors={})


@bp.get("/monthly")
@login_required
def monthly():
    try:
        filters = parse_sales_filters(request.args)
    except ValidationError as error:
        return _invalid_filters("sales/monthly.html", error)
    report = monthly_income(db.session, current_actor(), filters)
    return render_template("sales/monthly.html", report=report, enterprises=report.enterprises,
                           args=_filter_args(), errors={})


@bp.get("/lines.csv")
@login_required
def lines_export():
    report = sales_lines(db.session, current_actor(), _filters_for_export())
    return _csv_response(lines_csv(report.lines), "sales-lines")


@bp.get("/monthly.csv")
@login_required
def monthly_export():
    report = monthly_income(db.session, current_actor(), _filters_for_export())
    return _csv_response(monthly_csv(report), "sales-monthly")
