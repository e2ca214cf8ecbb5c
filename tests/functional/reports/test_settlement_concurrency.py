"""Staff clicking at once: a month is settled once and a statement paid once, on real
databases with real commits (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marketplace.accounts.models import Role, User
from marketplace.db import begin_write
from marketplace.errors import Conflict
from marketplace.reports.models import SettlementLine, SettlementStatement
from marketplace.reports.producer import Month
from marketplace.reports.settlement import issue_statements, mark_statement_paid
from tests.factories import company_of, make_enterprise, make_listing, make_sale, make_user

pytestmark = pytest.mark.concurrency
CLERKS = 8
JANUARY = Month(2026, 1)
NOW = dt.datetime(2026, 2, 10, 3, 0, tzinfo=dt.UTC)


def _setup(engine) -> int:
    with Session(engine, expire_on_commit=False) as session:
        staff = make_user(session, role=Role.COMPANY, company=company_of(session, "50"))
        for n in range(3):
            enterprise = make_enterprise(session, province_code="50")
            for m in range(2):
                make_sale(session, make_listing(session, enterprise=enterprise, price_satang=10000 + n * 100 + m),
                          done_at=dt.datetime(2026, 1, 5 + n, 3, 0, tzinfo=dt.UTC), commission_bps=1000)
        session.commit()
        return staff.id


def _race(engine, act) -> list[str]:
    start = threading.Barrier(CLERKS)

    def attempt(_):
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            begin_write(session)  # as the views do
            try:
                outcome = act(session)
            except Conflict as error:
                session.rollback()
                return error.code
            session.commit()
            return outcome

    with ThreadPoolExecutor(max_workers=CLERKS) as pool:
        return list(pool.map(attempt, range(CLERKS)))


def test_a_month_is_settled_once_however_many_click(live_db):
    staff_id = _setup(live_db)

    def issue(session):
        return f"issued {len(issue_statements(session, session.get(User, staff_id), JANUARY, now=NOW))}"

    outcomes = _race(live_db, issue)
    assert outcomes.count("issued 3") == 1
    assert set(outcomes) <= {"issued 3", "issued 0", "already_issued"}
    with Session(live_db) as session:
        assert session.scalar(select(func.count(SettlementStatement.id))) == 3
        assert session.scalar(select(func.count(SettlementLine.id))) == 6


def test_a_statement_is_paid_once(live_db):
    staff_id = _setup(live_db)
    with Session(live_db, expire_on_commit=False) as session:
        statement_id = issue_statements(session, session.get(User, staff_id), JANUARY, now=NOW)[0].id
        session.commit()

    def pay(session):
        statement = session.get(SettlementStatement, statement_id)
        mark_statement_paid(session, session.get(User, staff_id), statement, f"REF-{threading.get_ident()}", now=NOW)
        return "paid"

    outcomes = _race(live_db, pay)
    assert outcomes.count("paid") == 1
    assert outcomes.count("already_paid") == CLERKS - 1
