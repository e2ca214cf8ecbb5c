"""``/company/audit``: the audit trail as staff read it (their own company's entries; an
admin's, everything), filtered, paged and exported as CSV."""

from __future__ import annotations

import datetime as dt

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l

from ..accounts.access import STAFF, current_actor, role_required
from ..clock import BANGKOK, today_in_thailand
from ..csv_files import csv_bytes, csv_download, safe_text
from ..db import utcnow
from ..errors import ValidationError
from ..extensions import db
from .audit import audit_trail, parse_audit_filters, whole_trail
from .forms import filter_messages
from .views import bp

PAGE_SIZE = 50
FILTER_ARGS = ("action", "subject_type", "subject_id", "actor_id", "from", "to")

# The reader's words for the actions the trail holds; an unknown one shows as written.
ACTION_LABELS = {
    "order.placed": _l("Order placed"), "order.paid": _l("Payment received"), "order.expired": _l("Not paid in time"),
    "order.cancelled": _l("Cancelled by the buyer"), "order.status": _l("Order status"),
    "payment.status": _l("Payment"), "payment.failed": _l("Payment failed"),
    "payment.mismatch": _l("Payment amount did not match"), "payment.late_refunded": _l("Late payment refunded"),
    "payment.promptpay_confirmed": _l("PromptPay transfer confirmed"),
    "fulfilment.transition": _l("Fulfilment"), "fulfilment.line_received": _l("Received from the producer"),
    "enterprise.approved": _l("Enterprise approved"), "enterprise.suspended": _l("Enterprise suspended"),
    "settlement.issued": _l("Statement issued"), "settlement.paid": _l("Statement paid"),
    "category.created": _l("Category added"), "category.renamed": _l("Category renamed"),
    "category.retired": _l("Category retired"), "category.restored": _l("Category back in use"),
}
SUBJECT_LABELS = {
    "order": _l("Order"), "payment": _l("Payment"), "fulfilment": _l("Fulfilment"),
    "enterprise": _l("Enterprise"), "settlement": _l("Statement"), "category": _l("Category"),
}
CSV_HEADER = ("at", "actor_id", "actor", "action", "subject_type", "subject_id", "company_id", "order_id",
              "from", "to", "note")


def _args() -> dict[str, str]:
    return {name: request.args[name] for name in FILTER_ARGS if request.args.get(name)}


@bp.get("/audit")
@role_required(*STAFF)
def audit() -> str | tuple[str, int]:
    user = current_actor()
    try:
        filters = parse_audit_filters(request.args)
        page = audit_trail(db.session, user, filters, cursor=request.args.get("cursor") or None, limit=PAGE_SIZE)
    except ValidationError as error:
        return render_template("company/audit.html", entries=[], next_cursor=None, args=_args(),
                               errors=filter_messages(error.fields), labels=ACTION_LABELS,
                               subjects=SUBJECT_LABELS), 422
    return render_template("company/audit.html", entries=page.items, next_cursor=page.next_cursor, args=_args(),
                           errors={}, labels=ACTION_LABELS, subjects=SUBJECT_LABELS)


@bp.get("/audit.csv")
@role_required(*STAFF)
def audit_export() -> Response:
    entries = whole_trail(db.session, current_actor(), parse_audit_filters(request.args))
    rows = ([_when(entry.created_at), str(entry.actor_id or ""), safe_text(entry.actor.name if entry.actor else ""),
             entry.action, entry.subject_type, str(entry.subject_id), str(entry.company_id or ""),
             str(entry.order_id or ""), entry.from_status or "", entry.to_status or "", safe_text(entry.note)]
            for entry in entries)
    return csv_download(csv_bytes(CSV_HEADER, rows), f"audit-{today_in_thailand(utcnow()).isoformat()}")


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(BANGKOK).isoformat()
