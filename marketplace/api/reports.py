"""Reports: the companies' income report, the dashboard and the impact figures. The rules
live in ``marketplace.reports`` (``income``, ``dashboard``, ``impact``)."""

from __future__ import annotations

from ..accounts.models import Role
from ..clock import today_in_thailand
from ..db import utcnow
from ..extensions import db
from ..reports.dashboard import dashboard as dashboard_report
from ..reports.impact import cached_impact
from ..reports.income import income_report
from . import bp
from .auth import authenticated_user, require_role
from .declare import operation
from .schemas.reports import Dashboard, DashboardQuery, Impact, IncomeQuery, IncomeReport, IncomeRow


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


@bp.get("/reports/dashboard")
@require_role(Role.COMPANY, Role.ADMIN)  # 403 before any 422
@operation(summary="Earned figures over a period, by month, region, province, kind and category; top sellers, "
                   "dormant enterprises and shipping performance", auth=True,
           query=DashboardQuery, responses={200: Dashboard}, errors=(403, 404),
           description="Admins see the whole country, or one company with `company_id`; company staff their own "
                       "company (another company's id answers 404). Money figures follow `/reports/income`: "
                       "delivered and completed lines only, dated by the day (Asia/Bangkok) they were delivered "
                       "or completed, `producer_net_satang` = items less commission at each fulfilment's own "
                       "rate. The period defaults to this month and the eleven before it, and spans at most 60 "
                       "months.")
def dashboard(query: DashboardQuery):
    return Dashboard.of(dashboard_report(db.session, authenticated_user(), query, now=utcnow()))


@bp.get("/impact")
@operation(summary="What the marketplace brought the communities: this year, all time, every province",
           responses={200: Impact},
           description="Anyone, no sign-in. Earned lines only (delivered and completed), producer net after "
                       "commission; all 77 provinces (zeros where nothing sold) with the company serving each "
                       "now. No personal data. The figures may be up to 10 minutes old.")
def impact():
    return Impact.of(cached_impact(db.session, today=today_in_thailand()))
