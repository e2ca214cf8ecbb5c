"""Settlement statements: the arithmetic against hand-computed figures, immutability,
corrections as adjusting lines, payment, and who may see what."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.audit.models import AuditEntry
from marketplace.catalog.models import ListingKind
from marketplace.errors import Conflict, Forbidden, NotFound, ValidationError
from marketplace.fulfilment.states import FulfilmentStatus
from marketplace.payments.models import Payment, PaymentMethod
from marketplace.payments.services import refund_payment
from marketplace.payments.states import PaymentStatus
from marketplace.reports.models import SettlementLine, SettlementStatement, StatementStatus
from marketplace.reports.producer import Month
from marketplace.reports.settlement import (
    adjustments_for, issue_statements, mark_statement_paid, share_by_weight, statement_for_producer,
    statement_for_staff, statements_for_company, statements_for_producer,
)
from tests.factories import company_of, make_enterprise, make_listing, make_sale, make_user

S = FulfilmentStatus
JANUARY, FEBRUARY, MARCH = Month(2026, 1), Month(2026, 2), Month(2026, 3)
IN_FEBRUARY = dt.datetime(2026, 2, 10, 3, 0, tzinfo=dt.UTC)
IN_MARCH = dt.datetime(2026, 3, 5, 3, 0, tzinfo=dt.UTC)
IN_APRIL = dt.datetime(2026, 4, 2, 3, 0, tzinfo=dt.UTC)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def figures(statement: SettlementStatement) -> tuple[int, int, int]:
    assert statement.gross_satang == statement.commission_satang + statement.net_satang
    assert statement.gross_satang == sum(line.gross_satang for line in statement.lines)
    assert statement.commission_satang == sum(line.commission_satang for line in statement.lines)
    for line in statement.lines:
        assert line.gross_satang == line.commission_satang + line.net_satang
    return statement.gross_satang, statement.commission_satang, statement.net_satang


def by_enterprise(statements) -> dict[int, SettlementStatement]:
    return {statement.enterprise_id: statement for statement in statements}


def stored(session, statement_id: int) -> dict:
    """The statement's row and its lines as stored (Core reads, not the identity map)."""
    row = session.execute(select(SettlementStatement.__table__).where(
        SettlementStatement.__table__.c.id == statement_id)).mappings().one()
    lines = session.execute(select(SettlementLine.__table__).where(
        SettlementLine.__table__.c.statement_id == statement_id).order_by(SettlementLine.__table__.c.id)
    ).mappings().all()
    return {"statement": dict(row), "lines": [dict(line) for line in lines]}


def paid_by_transfer(session, order) -> Payment:
    payment = Payment(order=order, method=PaymentMethod.PROMPTPAY, provider="manual", status=PaymentStatus.SUCCEEDED,
                      amount_satang=order.total_satang)
    session.add(payment)
    session.flush()
    return payment


@pytest.fixture
def staff(session):
    return make_user(session, role=Role.COMPANY, company=company_of(session, "50"))


@pytest.fixture
def book(session):
    """Chiang Mai: a pottery enterprise with three earned lines (two in January, one on
    2026-01-31T18:00Z, which is 1 February in Bangkok), a cancelled and a shipped line;
    a weaving enterprise with one January line; and a Bangkok enterprise whose sale
    belongs to another company."""
    producer = make_user(session)
    pottery = make_enterprise(session, province_code="50", members=(producer,), name_th="วิสาหกิจชุมชนบ้านเหมืองกุง")
    weaving = make_enterprise(session, province_code="50", name_th="กลุ่มทอผ้าสันกำแพง")
    bangkok = make_enterprise(session, province_code="10", name_th="ชุมชนบางกอกน้อย")
    pots = make_listing(session, enterprise=pottery, title_th="โอ่งมังกร", price_satang=125000)
    chili = make_listing(session, enterprise=pottery, title_th="น้ำพริกหนุ่ม", price_satang=9999)
    tour = make_listing(session, enterprise=pottery, kind=ListingKind.TOUR, title_th="ทัวร์ปั้นดิน", price_satang=35000)
    cloth = make_listing(session, enterprise=weaving, title_th="ผ้าซิ่นตีนจก", price_satang=12000)
    other = make_listing(session, enterprise=bangkok, title_th="ขนมไทย", price_satang=5000)
    orders = {
        "pots": make_sale(session, pots, 2, done_at=at("2026-01-10T05:00:00"), commission_bps=1000),
        "chili": make_sale(session, chili, 3, done_at=at("2026-01-20T09:30:00"), commission_bps=750),
        "tour": make_sale(session, tour, 1, status=S.COMPLETED, done_at=at("2026-01-31T18:00:00"),
                          commission_bps=1250),
        "cancelled": make_sale(session, pots, 1, status=S.CANCELLED, done_at=at("2026-01-15T01:00:00")),
        "shipped": make_sale(session, chili, 1, status=S.SHIPPED),
        "cloth": make_sale(session, cloth, 1, done_at=at("2026-01-05T02:00:00"), commission_bps=1000),
        "other": make_sale(session, other, 4, done_at=at("2026-01-12T02:00:00"), commission_bps=1000),
    }
    return {"producer": producer, "pottery": pottery, "weaving": weaving, "bangkok": bangkok, "orders": orders,
            "pots": pots}


def test_a_month_settles_each_enterprise_to_the_satang(session, staff, book):
    issued = by_enterprise(issue_statements(session, staff, JANUARY, now=IN_FEBRUARY))

    assert set(issued) == {book["pottery"].id, book["weaving"].id}  # not Bangkok's: another company's
    pottery = issued[book["pottery"].id]
    # ฿1,250.00 × 2 at 10 %: 2,500.00 → 250.00 | 2,250.00
    # ฿99.99 × 3 at 7.5 %: 299.97 → 22.49775, half up 22.50 | 277.47
    assert [(line.gross_satang, line.commission_satang, line.net_satang) for line in pottery.lines] == [
        (250000, 25000, 225000), (29997, 2250, 27747),
    ]
    assert figures(pottery) == (279997, 27250, 252747)
    assert figures(issued[book["weaving"].id]) == (12000, 1200, 10800)
    assert pottery.month == dt.date(2026, 1, 1)
    assert pottery.status is StatementStatus.ISSUED and pottery.issued_by_id == staff.id
    assert pottery.company_id == company_of(session, "50").id
    assert [line.kind.value for line in pottery.lines] == ["sale", "sale"]
    assert pottery.lines[0].description.endswith("โอ่งมังกร × 2")

    # the tour completed at 01:00 on 1 February in Bangkok is February's
    february = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))
    assert set(february) == {book["pottery"].id}
    assert figures(february[book["pottery"].id]) == (35000, 4375, 30625)  # ฿350.00 at 12.5 %


def test_earlier_months_not_yet_settled_come_with_the_month_issued(session, staff, book):
    pottery = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))[book["pottery"].id]
    assert figures(pottery) == (314997, 31625, 283372)
    assert len(pottery.lines) == 3
    # January, issued afterwards, has nothing left for them
    assert issue_statements(session, staff, JANUARY, now=IN_MARCH) == []


def test_issuing_again_adds_nothing_and_late_lines_wait_for_the_next_statement(session, staff, book):
    january = by_enterprise(issue_statements(session, staff, JANUARY, now=IN_FEBRUARY))[book["pottery"].id]
    before = stored(session, january.id)

    assert issue_statements(session, staff, JANUARY, now=IN_FEBRUARY) == []
    late = make_sale(session, book["pots"], 1, done_at=at("2026-01-25T02:00:00"), commission_bps=1000)
    assert issue_statements(session, staff, JANUARY, now=IN_FEBRUARY) == []
    assert stored(session, january.id) == before

    february = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))[book["pottery"].id]
    assert [line.order_line_id for line in february.lines] == [  # in the order they were earned
        late.lines[0].id, book["orders"]["tour"].lines[0].id,
    ]
    assert figures(february) == (35000 + 125000, 4375 + 12500, 30625 + 112500)
    assert stored(session, january.id) == before


def test_a_month_is_settled_once_it_is_over(session, staff, book):
    with pytest.raises(ValidationError) as error:
        issue_statements(session, staff, FEBRUARY, now=at("2026-02-28T16:59:59"))  # 23:59:59 in Bangkok
    assert error.value.fields == {"month": "not over yet"}
    assert session.scalars(select(SettlementStatement)).all() == []
    assert issue_statements(session, staff, FEBRUARY, now=at("2026-02-28T17:00:00"))  # midnight in Bangkok


def test_a_refund_after_issue_is_a_negative_line_next_month_and_the_old_statement_stays(session, staff, book):
    january = by_enterprise(issue_statements(session, staff, JANUARY, now=IN_FEBRUARY))[book["pottery"].id]
    before = stored(session, january.id)
    pots = book["orders"]["pots"]
    fulfilment = pots.fulfilments[0]
    refund_payment(session, paid_by_transfer(session, pots), fulfilment.subtotal_satang + fulfilment.shipping_satang,
                   gateway=None, now=at("2026-02-15T03:00:00"), key="return", fulfilment_id=fulfilment.id)

    assert [(a.gross_satang, a.commission_satang, a.net_satang)
            for a in adjustments_for(session, company_of(session, "50").id)[book["pottery"].id]] == [
        (-250000, -25000, -225000),
    ]
    february = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))[book["pottery"].id]
    sale, adjustment = february.lines
    assert (sale.kind.value, adjustment.kind.value) == ("sale", "adjustment")
    assert adjustment.corrects_id == january.lines[0].id and adjustment.order_line_id is None
    assert (adjustment.gross_satang, adjustment.commission_satang, adjustment.net_satang) == (-250000, -25000, -225000)
    assert figures(february) == (35000 - 250000, 4375 - 25000, 30625 - 225000)
    assert stored(session, january.id) == before

    # corrected once: nothing more the month after
    assert issue_statements(session, staff, MARCH, now=IN_APRIL) == []
    assert adjustments_for(session, company_of(session, "50").id) == {}


def test_a_correction_never_lands_on_a_month_before_the_statement_it_corrects(session, staff, book):
    issue_statements(session, staff, FEBRUARY, now=IN_MARCH)  # January's lines settled as stragglers
    pots = book["orders"]["pots"]
    refund_payment(session, paid_by_transfer(session, pots), 250000, gateway=None, now=IN_MARCH, key="return",
                   fulfilment_id=pots.fulfilments[0].id)
    assert issue_statements(session, staff, JANUARY, now=IN_MARCH) == []
    march = by_enterprise(issue_statements(session, staff, MARCH, now=IN_APRIL))[book["pottery"].id]
    assert figures(march) == (-250000, -25000, -225000)


def test_a_partial_refund_corrects_the_line_by_what_it_lost(session, staff, book):
    issue_statements(session, staff, JANUARY, now=IN_FEBRUARY)
    chili = book["orders"]["chili"]
    refund_payment(session, paid_by_transfer(session, chili), 9999, gateway=None, now=at("2026-02-03T03:00:00"),
                   key="one-jar", fulfilment_id=chili.fulfilments[0].id)

    february = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))[book["pottery"].id]
    adjustment = february.lines[-1]
    # now worth ฿199.98 at 7.5 %: commission 14.9985 → 15.00, net 184.98; settled 22.50 | 277.47
    assert (adjustment.gross_satang, adjustment.commission_satang, adjustment.net_satang) == (-9999, -750, -9249)


def test_a_settled_line_cancelled_later_is_reversed_in_full(session, staff, book):
    issue_statements(session, staff, JANUARY, now=IN_FEBRUARY)
    book["orders"]["cloth"].fulfilments[0].status = S.CANCELLED  # an administrator's correction
    session.flush()
    weaving = by_enterprise(issue_statements(session, staff, FEBRUARY, now=IN_MARCH))[book["weaving"].id]
    assert [line.kind.value for line in weaving.lines] == ["adjustment"]
    assert figures(weaving) == (-12000, -1200, -10800)


def test_a_line_refunded_before_it_was_ever_settled_is_settled_and_corrected_together(session, staff, book):
    cloth = book["orders"]["cloth"]
    refund_payment(session, paid_by_transfer(session, cloth), 20000, gateway=None, now=at("2026-01-28T03:00:00"),
                   key="goods-and-shipping", fulfilment_id=cloth.fulfilments[0].id)  # more than the goods: shipping too
    weaving = by_enterprise(issue_statements(session, staff, JANUARY, now=IN_FEBRUARY))[book["weaving"].id]
    assert [(line.kind.value, line.gross_satang) for line in weaving.lines] == [("sale", 12000), ("adjustment", -12000)]
    assert figures(weaving) == (0, 0, 0)


def test_refunds_are_shared_among_the_lines_to_the_satang():
    assert share_by_weight(100, [1, 1, 1]) == [34, 33, 33]
    assert share_by_weight(9999, [250000, 29997]) == [8928, 1071]
    assert sum(share_by_weight(12345, [7, 11, 13, 17])) == 12345
    assert share_by_weight(500, [0, 0]) == [0, 0]
    assert share_by_weight(0, [5, 5]) == [0, 0]


def test_mark_paid_once_with_a_reference(session, staff, book):
    statement = issue_statements(session, staff, JANUARY, now=IN_FEBRUARY)[0]
    with pytest.raises(ValidationError) as empty:
        mark_statement_paid(session, staff, statement, "   ", now=IN_FEBRUARY)
    assert empty.value.fields == {"transfer_reference": "required"}
    with pytest.raises(ValidationError) as long:
        mark_statement_paid(session, staff, statement, "x" * 101, now=IN_FEBRUARY)
    assert long.value.fields == {"transfer_reference": "at most 100 characters"}
    assert statement.status is StatementStatus.ISSUED

    paid_at = at("2026-02-11T04:00:00")
    mark_statement_paid(session, staff, statement, " KBANK-20260211-0042 ", now=paid_at)
    row = stored(session, statement.id)["statement"]
    assert (row["status"], row["transfer_reference"], row["paid_by_id"]) == ("paid", "KBANK-20260211-0042", staff.id)
    assert statement.paid_at == paid_at and statement.status is StatementStatus.PAID

    with pytest.raises(Conflict) as again:
        mark_statement_paid(session, staff, statement, "another", now=IN_MARCH)
    assert again.value.code == "already_paid"
    assert stored(session, statement.id)["statement"]["transfer_reference"] == "KBANK-20260211-0042"
    trail = session.execute(select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.company_id, AuditEntry.note)
                            .where(AuditEntry.subject_type == "settlement", AuditEntry.subject_id == statement.id)
                            .order_by(AuditEntry.id)).all()
    assert trail == [("settlement.issued", staff.id, statement.company_id, None),
                     ("settlement.paid", staff.id, statement.company_id, "KBANK-20260211-0042")]


def test_another_company_sees_and_pays_nothing(session, staff, book):
    statement = issue_statements(session, staff, JANUARY, now=IN_FEBRUARY)[0]
    bangkok_staff = make_user(session, role=Role.COMPANY, company=company_of(session, "10"))
    with pytest.raises(NotFound):
        statement_for_staff(session, bangkok_staff, statement.id)
    with pytest.raises(NotFound):
        mark_statement_paid(session, bangkok_staff, statement, "REF-1", now=IN_FEBRUARY)
    with pytest.raises(NotFound):
        issue_statements(session, bangkok_staff, JANUARY, now=IN_FEBRUARY, company_id=statement.company_id)
    assert statements_for_company(session, bangkok_staff, month=JANUARY) == []
    assert stored(session, statement.id)["statement"]["status"] == "issued"
    # their own company's January: the Bangkok enterprise only
    own = issue_statements(session, bangkok_staff, JANUARY, now=IN_FEBRUARY)
    assert [(s.enterprise_id, figures(s)) for s in own] == [(book["bangkok"].id, (20000, 2000, 18000))]


def test_admins_name_the_company_and_others_may_not_issue(session, book):
    admin = make_user(session, role=Role.ADMIN)
    with pytest.raises(ValidationError) as error:
        issue_statements(session, admin, JANUARY, now=IN_FEBRUARY)
    assert error.value.fields == {"company": "required"}
    issued = issue_statements(session, admin, JANUARY, now=IN_FEBRUARY, company_id=company_of(session, "50").id)
    assert len(issued) == 2
    assert statement_for_staff(session, admin, issued[0].id) is issued[0]
    with pytest.raises(Forbidden):
        issue_statements(session, book["producer"], JANUARY, now=IN_FEBRUARY)
    with pytest.raises(Forbidden):
        statements_for_company(session, make_user(session), month=JANUARY)


def test_producers_see_the_statements_of_their_enterprises_only(session, staff, book):
    issued = by_enterprise(issue_statements(session, staff, JANUARY, now=IN_FEBRUARY))
    mine, theirs = issued[book["pottery"].id], issued[book["weaving"].id]
    assert statements_for_producer(session, book["producer"]) == [mine]
    assert statement_for_producer(session, book["producer"], mine.id) is mine
    with pytest.raises(NotFound):
        statement_for_producer(session, book["producer"], theirs.id)
    with pytest.raises(Forbidden):
        statements_for_producer(session, make_user(session))
