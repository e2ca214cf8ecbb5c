"""Settlement: the statements a provincial company issues to the community enterprises it
sells for, and their payment.

The rules, once:

- An order line is *earned* when its fulfilment is delivered or completed, dated by the
  fulfilment's ``done_at`` in Bangkok time (``reports.producer``). Issuing month M for a
  company settles every earned line of its fulfilments dated in M **or earlier** that no
  statement holds yet (stragglers of months issued before the line was earned), one
  statement per enterprise, one sale line per order line: gross = the line total,
  commission = ``commission_satang(gross, fulfilment.commission_bps)``, net = gross −
  commission. The database allows an order line on one sale line only.
- A statement is immutable once issued. Issuing a month again settles nothing for the
  enterprises that already have that month's statement; what they earn meanwhile goes on
  their next statement.
- A settled line refunded or cancelled afterwards is corrected on the enterprise's next
  statement by an *adjustment* line (negative amounts) that brings what was settled for the
  line to what it is now worth: nothing when its fulfilment is no longer delivered/completed,
  otherwise its total less its share of the refunds recorded against its fulfilment. A
  refund against a delivered fulfilment is taken from the goods first (up to the
  fulfilment's subtotal; the rest is shipping, which producers never had), shared among
  the fulfilment's lines in proportion to their totals, to the satang (largest remainder).
- Company staff issue, see and pay their own company's statements (an admin, any
  company's); a producer sees the statements of the enterprises they manage.

Services flush and never commit; they raise ``marketplace.errors`` with field reasons.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, Select, and_, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import Role, User
from ..audit.services import record
from ..companies.models import ProvincialCompany
from ..companies.scope import company_condition, company_in_view
from ..db import rowcount
from ..enterprises.models import CommunityEnterprise
from ..errors import Conflict, NotFound, ValidationError
from ..fulfilment.models import Fulfilment
from ..fulfilment.states import EARNED_STATUSES
from ..money import commission_satang
from ..orders.models import Order, OrderLine
from ..payments.models import Refund, RefundStatus
from .models import SettlementLine, SettlementLineKind, SettlementStatement, StatementStatus
from .producer import Month, sales_enterprises

REFERENCE_MAX = 100
DESCRIPTION_MAX = 300


# -- who may act on which company's statements --------------------------------------------------------------

def _is_admin(user: User) -> bool:
    return user.has_role(Role.ADMIN)


def _require_staff(user: User) -> None:
    company_in_view(user)  # Forbidden for anyone but company staff and admins


def settlement_company(session: Session, staff: User, company_id: int | None = None) -> ProvincialCompany:
    """The company whose statements ``staff`` handles: their own (``company_id`` may only
    repeat it), or for an admin the one named by ``company_id``. Raises ``Forbidden`` for
    users who are not staff, ``NotFound`` for another company (or an unknown one), and
    ``ValidationError`` (``company``: ``required``) for an admin who names none."""
    _require_staff(staff)
    if not _is_admin(staff):
        if company_id is not None and company_id != staff.company_id:
            raise NotFound("Company not found")
        company: ProvincialCompany | None = staff.company
        if company is None:  # _require_staff already refused staff of no company
            raise NotFound("Company not found")
        return company
    if company_id is None:
        raise ValidationError("Choose the company whose statements to issue", fields={"company": "required"})
    company = session.get(ProvincialCompany, company_id)
    if company is None:
        raise NotFound("Company not found")
    return company


def settlement_companies(session: Session, staff: User) -> list[ProvincialCompany]:
    """The companies whose statements ``staff`` may handle: their own, or every company for
    an admin (the national company first, then by province code). ``Forbidden`` for others."""
    _require_staff(staff)
    if not _is_admin(staff):
        return [staff.company]
    return list(session.scalars(
        select(ProvincialCompany).order_by(ProvincialCompany.is_national.desc(), ProvincialCompany.province_code)
    ))


# -- issuing ---------------------------------------------------------------------------------------------------

def _line_description(order_number: str, title_th: str, quantity: int) -> str:
    return f"{order_number} · {title_th} × {quantity}"[:DESCRIPTION_MAX]


@dataclass(frozen=True)
class Adjustment:
    """A correction due on a settled sale line: the amounts that bring what was settled for
    it to what it is worth now (negative when it lost value)."""

    enterprise_id: int
    corrects: SettlementLine
    corrects_month: dt.date  # of the statement that settled the line
    gross_satang: int
    commission_satang: int
    net_satang: int


def share_by_weight(amount: int, weights: Sequence[int]) -> list[int]:
    """``amount`` split in proportion to ``weights``, in whole satang that add up to exactly
    ``amount`` (largest remainder; ties go to the earlier weight). All zeros when the
    weights sum to nothing."""
    total = sum(weights)
    if total <= 0 or amount == 0:
        return [0] * len(weights)
    shares = [amount * weight // total for weight in weights]
    remainders = sorted(range(len(weights)), key=lambda index: (-(amount * weights[index] % total), index))
    for index in remainders[:amount - sum(shares)]:
        shares[index] += 1
    return shares


def adjustments_for(session: Session, company_id: int, *,
                    enterprise_ids: Iterable[int] | None = None) -> dict[int, list[Adjustment]]:
    """The corrections due on the lines ``company_id`` has settled, by enterprise id (only
    for ``enterprise_ids`` when given). A settled line needs one when its fulfilment is no
    longer delivered/completed, or refunds (not failed) were recorded against its fulfilment
    that are not yet reflected in what was settled for it. One query finds the candidates;
    the rest reads only their fulfilments. Nothing is written."""
    refunded = exists().where(Refund.fulfilment_id == Fulfilment.id, Refund.status != RefundStatus.FAILED)
    query = (
        select(SettlementLine, SettlementStatement.enterprise_id, SettlementStatement.month,
               Fulfilment.id.label("fulfilment_id"), Fulfilment.status)
        .join(SettlementStatement, SettlementStatement.id == SettlementLine.statement_id)
        .join(OrderLine, OrderLine.id == SettlementLine.order_line_id)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .where(SettlementStatement.company_id == company_id, SettlementLine.kind == SettlementLineKind.SALE,
               Fulfilment.status.not_in(EARNED_STATUSES) | refunded)
        .options(selectinload(SettlementLine.order_line))
        .order_by(SettlementLine.id)
    )
    if enterprise_ids is not None:
        query = query.where(SettlementStatement.enterprise_id.in_(list(enterprise_ids)))
    candidates = session.execute(query).all()
    if not candidates:
        return {}

    fulfilment_ids = sorted({candidate.fulfilment_id for candidate in candidates})
    refunds = dict(session.execute(
        select(Refund.fulfilment_id, func.sum(Refund.amount_satang))
        .where(Refund.fulfilment_id.in_(fulfilment_ids), Refund.status != RefundStatus.FAILED)
        .group_by(Refund.fulfilment_id)
    ).all())
    subtotals = dict(session.execute(
        select(Fulfilment.id, Fulfilment.subtotal_satang).where(Fulfilment.id.in_(fulfilment_ids))
    ).all())
    lines_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for fulfilment_id, line_id, line_total in session.execute(
        select(OrderLine.fulfilment_id, OrderLine.id, OrderLine.line_total_satang)
        .where(OrderLine.fulfilment_id.in_(fulfilment_ids)).order_by(OrderLine.id)
    ):
        lines_of[fulfilment_id].append((line_id, line_total))
    refund_share: dict[int, int] = {}
    for fulfilment_id, lines in lines_of.items():
        goods_refunded = min(int(refunds.get(fulfilment_id) or 0), subtotals[fulfilment_id])
        shares = share_by_weight(goods_refunded, [line_total for _id, line_total in lines])
        refund_share.update({line_id: share for (line_id, _total), share in zip(lines, shares, strict=True)})

    sale_ids = [line.id for line, *_rest in candidates]
    settled = {
        corrects_id: (int(gross), int(commission), int(net))
        for corrects_id, gross, commission, net in session.execute(
            select(SettlementLine.corrects_id, func.sum(SettlementLine.gross_satang),
                   func.sum(SettlementLine.commission_satang), func.sum(SettlementLine.net_satang))
            .where(SettlementLine.corrects_id.in_(sale_ids)).group_by(SettlementLine.corrects_id)
        )
    }
    due: dict[int, list[Adjustment]] = defaultdict(list)
    for sale, enterprise_id, settled_month, _fulfilment_id, status in candidates:
        order_line = sale.order_line
        worth = order_line.line_total_satang - refund_share.get(order_line.id, 0) if status in EARNED_STATUSES else 0
        worth_commission = commission_satang(worth, sale.commission_bps)
        adjusted = settled.get(sale.id, (0, 0, 0))
        gross = worth - sale.gross_satang - adjusted[0]
        commission = worth_commission - sale.commission_satang - adjusted[1]
        net = (worth - worth_commission) - sale.net_satang - adjusted[2]
        if gross or commission or net:
            due[enterprise_id].append(Adjustment(enterprise_id, sale, settled_month, gross, commission, net))
    return dict(due)


def _unsettled_lines(session: Session, company_id: int, before: dt.datetime,
                     ) -> Sequence[Row[int, int, int, str, int, str, int]]:
    """Earned lines of the company's fulfilments dated before ``before`` that no statement holds."""
    settled = exists().where(SettlementLine.order_line_id == OrderLine.id)
    return session.execute(
        select(OrderLine.id, OrderLine.enterprise_id, OrderLine.line_total_satang, OrderLine.title_th,
               OrderLine.quantity, Order.number, Fulfilment.commission_bps)
        .join(Fulfilment, Fulfilment.id == OrderLine.fulfilment_id)
        .join(Order, Order.id == OrderLine.order_id)
        .where(Fulfilment.company_id == company_id, Fulfilment.status.in_(EARNED_STATUSES),
               Fulfilment.done_at.is_not(None), Fulfilment.done_at < before, ~settled)
        .order_by(OrderLine.enterprise_id, Fulfilment.done_at, OrderLine.id)
    ).all()


def _totals(statement: SettlementStatement) -> None:
    statement.gross_satang = sum(line.gross_satang for line in statement.lines)
    statement.commission_satang = sum(line.commission_satang for line in statement.lines)
    statement.net_satang = sum(line.net_satang for line in statement.lines)


def issue_statements(session: Session, staff: User, month: Month, *, now: dt.datetime,
                     company_id: int | None = None) -> list[SettlementStatement]:
    """Issue ``month``'s statements of ``staff``'s company (an admin names ``company_id``):
    one per enterprise that has unsettled earned lines dated in that month or before, or
    corrections due on lines settled earlier, and no statement for ``month`` yet. Returns
    the statements issued now (none when there is nothing to settle).

    Raises ``Forbidden`` (not staff), ``NotFound`` (another company), ``ValidationError``
    (``month``: ``not over yet`` — a month is settled once it has ended in Bangkok;
    ``company``: ``required`` for an admin) and ``Conflict`` when someone else issued the
    same statements at the same moment.
    """
    company = settlement_company(session, staff, company_id)
    if not month < Month.of(now):
        raise ValidationError("A month can be settled once it is over", fields={"month": "not over yet"})
    already = set(session.scalars(
        select(SettlementStatement.enterprise_id)
        .where(SettlementStatement.company_id == company.id, SettlementStatement.month == month.first_day)
    ))
    statements: dict[int, SettlementStatement] = {}

    def statement_of(enterprise_id: int) -> SettlementStatement:
        if enterprise_id not in statements:
            statements[enterprise_id] = SettlementStatement(
                company_id=company.id, enterprise_id=enterprise_id, month=month.first_day,
                status=StatementStatus.ISSUED, gross_satang=0, commission_satang=0, net_satang=0,
                issued_at=now, issued_by_id=staff.id, lines=[],
            )
        return statements[enterprise_id]

    for row in _unsettled_lines(session, company.id, month.next().starts_at()):
        if row.enterprise_id in already:
            continue  # that month's statement is issued: these wait for the next one
        commission = commission_satang(row.line_total_satang, row.commission_bps)
        statement_of(row.enterprise_id).lines.append(SettlementLine(
            kind=SettlementLineKind.SALE, order_line_id=row.id, commission_bps=row.commission_bps,
            description=_line_description(row.number, row.title_th, row.quantity),
            gross_satang=row.line_total_satang, commission_satang=commission,
            net_satang=row.line_total_satang - commission,
        ))
    try:
        with session.begin_nested():
            session.add_all(statements.values())
            session.flush()
            # corrections, also of lines settled just now (refunded before they were ever settled)
            for enterprise_id, adjustments in adjustments_for(session, company.id).items():
                if enterprise_id in already:
                    continue
                for adjustment in adjustments:
                    if adjustment.corrects_month > month.first_day:
                        continue  # never on a statement of a month before the one it corrects
                    sale = adjustment.corrects
                    statement_of(enterprise_id).lines.append(SettlementLine(
                        kind=SettlementLineKind.ADJUSTMENT, corrects_id=sale.id, commission_bps=sale.commission_bps,
                        description=sale.description, gross_satang=adjustment.gross_satang,
                        commission_satang=adjustment.commission_satang, net_satang=adjustment.net_satang,
                    ))
            for statement in statements.values():
                _totals(statement)
            session.add_all(statements.values())
            session.flush()
    except IntegrityError:
        raise Conflict("These statements were just issued by someone else; reload the page",
                       code="already_issued") from None
    issued = sorted(statements.values(), key=lambda statement: statement.enterprise_id)
    for statement in issued:
        record(session, "settlement.issued", subject_type="settlement", subject_id=statement.id,
               company_id=statement.company_id, actor=staff, at=now,
               detail={"month": month.first_day.isoformat(), "enterprise_id": statement.enterprise_id,
                       "net_satang": statement.net_satang})
    return issued


# -- paying ----------------------------------------------------------------------------------------------------

def mark_statement_paid(session: Session, staff: User, statement: SettlementStatement, transfer_reference: str, *,
                        now: dt.datetime) -> SettlementStatement:
    """Record that the company transferred ``statement``'s net to the enterprise, with the
    bank transfer's reference (1 to 100 characters). Raises ``NotFound`` for another
    company's statement, ``ValidationError`` (``transfer_reference``: ``required`` /
    ``at most 100 characters``) and ``Conflict`` (``already_paid``) when it is paid already,
    also when someone else marked it paid a moment ago."""
    settlement_company(session, staff, statement.company_id)
    reference = (transfer_reference or "").strip()
    if not reference:
        raise ValidationError("Enter the transfer's reference", fields={"transfer_reference": "required"})
    if len(reference) > REFERENCE_MAX:
        raise ValidationError("The reference is too long",
                              fields={"transfer_reference": f"at most {REFERENCE_MAX} characters"})
    if statement.status is StatementStatus.PAID:
        raise Conflict("This statement is already paid", code="already_paid")
    values = {"status": StatementStatus.PAID, "paid_at": now, "paid_by_id": staff.id,
              "transfer_reference": reference}
    moved = rowcount(session.execute(
        update(SettlementStatement)
        .where(SettlementStatement.id == statement.id, SettlementStatement.status == StatementStatus.ISSUED)
        .values(**values).execution_options(synchronize_session=False)
    ))
    if moved != 1:
        raise Conflict("This statement was marked paid by someone else", code="already_paid")
    for name, value in values.items():
        set_committed_value(statement, name, value)  # already written by the UPDATE
    record(session, "settlement.paid", subject_type="settlement", subject_id=statement.id,
           company_id=statement.company_id, actor=staff, at=now, note=reference,
           detail={"net_satang": statement.net_satang})
    return statement


# -- reading -----------------------------------------------------------------------------------------------------

def _with_lines(query: Select[SettlementStatement]) -> Select[SettlementStatement]:
    corrected = aliased(SettlementLine)
    return query.options(
        selectinload(SettlementStatement.lines).selectinload(SettlementLine.corrects.of_type(corrected))
        .selectinload(corrected.statement),
        selectinload(SettlementStatement.issued_by), selectinload(SettlementStatement.paid_by),
    )


def statements_for_company(session: Session, staff: User, *, month: Month | None = None,
                           company_id: int | None = None) -> list[SettlementStatement]:
    """The statements of ``staff``'s company (an admin's: of ``company_id``, or of every
    company), of ``month`` or of all months, newest month first, then by enterprise name.
    Raises ``Forbidden`` (not staff) and ``NotFound`` (another company)."""
    _require_staff(staff)
    query = select(SettlementStatement).join(
        CommunityEnterprise, CommunityEnterprise.id == SettlementStatement.enterprise_id
    )
    if not _is_admin(staff) or company_id is not None:
        query = query.where(SettlementStatement.company_id == settlement_company(session, staff, company_id).id)
    if month is not None:
        query = query.where(SettlementStatement.month == month.first_day)
    query = query.order_by(SettlementStatement.month.desc(), CommunityEnterprise.name_th, SettlementStatement.id)
    return list(session.scalars(query))


def statement_for_staff(session: Session, staff: User, statement_id: int) -> SettlementStatement:
    """A statement of ``staff``'s company with its lines (an admin: any). Raises
    ``Forbidden`` (not staff) and ``NotFound`` for another company's or an unknown one."""
    query = _with_lines(select(SettlementStatement).where(SettlementStatement.id == statement_id))
    statement = session.scalar(query.where(*company_condition(SettlementStatement.company_id, staff)))
    if statement is None:
        raise NotFound("Statement not found")
    return statement


def statements_for_producer(session: Session, user: User) -> list[SettlementStatement]:
    """The statements issued to the enterprises ``user`` manages, by any company, newest
    month first. Raises ``Forbidden`` for a user who manages no enterprise."""
    enterprise_ids = [enterprise.id for enterprise in sales_enterprises(session, user)]
    return list(session.scalars(
        select(SettlementStatement).where(SettlementStatement.enterprise_id.in_(enterprise_ids))
        .order_by(SettlementStatement.month.desc(), SettlementStatement.enterprise_id, SettlementStatement.id)
    ))


def statement_for_producer(session: Session, user: User, statement_id: int) -> SettlementStatement:
    """One statement of an enterprise ``user`` manages, with its lines. Raises ``Forbidden``
    for a user who manages no enterprise and ``NotFound`` for any other statement."""
    enterprise_ids = [enterprise.id for enterprise in sales_enterprises(session, user)]
    statement = session.scalar(_with_lines(select(SettlementStatement).where(
        and_(SettlementStatement.id == statement_id, SettlementStatement.enterprise_id.in_(enterprise_ids))
    )))
    if statement is None:
        raise NotFound("Statement not found")
    return statement


def line_counts(session: Session, statements: Iterable[SettlementStatement]) -> dict[int, int]:
    """How many lines each statement holds, by statement id, in one query."""
    ids = [statement.id for statement in statements]
    if not ids:
        return {}
    return dict(session.execute(
        select(SettlementLine.statement_id, func.count(SettlementLine.id))
        .where(SettlementLine.statement_id.in_(ids)).group_by(SettlementLine.statement_id)
    ).all())


def previous_month(month: Month) -> Month:
    """The month before ``month``."""
    return Month(month.year - 1, 12) if month.month == 1 else Month(month.year, month.month - 1)
