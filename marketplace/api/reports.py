"""Reports: the companies' income report. The rules live in ``marketplace.reports.income``."""

from __future__ import annotations

from typing import Any

from flask import request

from ..extensions import db
from ..reports.income import GROUPS, IncomeRow, income_report, income_scope, parse_income_query
from . import bp
from .auth import authenticated_user
from .openapi import obj, query_param, spec

INCOME_ROW = obj(
    {
        "key": {"type": ["string", "integer"],
                "description": "Province code of the producing enterprise, enterprise id, category slug, "
                               "listing kind (`product` or `tour`) or company id"},
        "name": {"type": "string", "description": "A human name, in Thai"},
        "name_en": {"type": ["string", "null"], "description": "The English name, where there is one"},
        "orders": {"type": "integer", "description": "Distinct orders with earned lines in this group"},
        "items_satang": {"type": "integer"},
        "commission_satang": {"type": "integer"},
        "producer_net_satang": {"type": "integer"},
        "currency": {"type": "string", "const": "THB"},
    },
    required=["key", "name", "orders", "items_satang", "commission_satang", "producer_net_satang"],
)
INCOME_REPORT = obj({"items": {"type": "array", "items": INCOME_ROW}}, required=["items"])
INCOME_QUERY = [
    query_param("from", {"type": "string", "format": "date"},
                "First day (inclusive, Thailand), of the day lines were delivered or completed"),
    query_param("to", {"type": "string", "format": "date"}, "Last day (inclusive, Thailand)"),
    query_param("group_by", {"type": "string", "enum": list(GROUPS)}, "What each row groups", required=True),
]


def income_row_json(row: IncomeRow) -> dict[str, Any]:
    return {
        "key": row.key, "name": row.name, "name_en": row.name_en, "orders": row.orders,
        "items_satang": row.items_satang, "commission_satang": row.commission_satang,
        "producer_net_satang": row.producer_net_satang, "currency": "THB",
    }


@bp.get("/reports/income")
@spec(summary="Earned income, grouped by province, enterprise, category, kind or company", auth=True,
      query=INCOME_QUERY, responses={200: INCOME_REPORT}, errors=(403,),
      description="Company staff see their own company's fulfilments, admins every company's. Only lines of "
                  "delivered and completed fulfilments count, dated by the day (Asia/Bangkok) they were "
                  "delivered or completed. Rows come largest `items_satang` first.")
def income():
    user = authenticated_user()
    income_scope(user)  # 403 before any 422: the parameters are nobody else's business
    report = income_report(db.session, user, parse_income_query(request.args))
    return {"items": [income_row_json(row) for row in report.rows]}
