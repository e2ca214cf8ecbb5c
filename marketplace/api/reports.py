"""Reports: the companies' income report. The rules live in ``marketplace.reports.income``."""

from __future__ import annotations

from ..accounts.models import Role
from ..extensions import db
from ..reports.income import income_report
from . import bp
from .auth import authenticated_user, require_role
from .declare import operation
from .schemas.reports import IncomeQuery, IncomeReport, IncomeRow


@bp.get("/reports/income")
@require_role(Role.COMPANY, Role.ADMIN)  # 403 before any 422: the parameters are nobody else's business
@operation(summary="Earned income, grouped by province, enterprise, category, kind or company", auth=True,
           query=IncomeQuery, responses={200: IncomeReport}, errors=(403,),
           description="Company staff see their own company's fulfilments, admins every company's. Only lines of "
                       "delivered and completed fulfilments count, dated by the day (Asia/Bangkok) they were "
                       "delivered or completed. Rows come largest `items_satang` first.")
def income(query: IncomeQuery):
    report = income_report(db.session, authenticated_user(), query)
    return IncomeReport(items=[IncomeRow.of(row) for row in report.rows])
