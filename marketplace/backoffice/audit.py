"""Reading the audit trail: every action for an admin, the entries about their own
company's fulfilments, enterprises and settlements for company staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import ConfigDict, Field, field_validator
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, joinedload

from ..accounts.models import User
from ..audit.models import AuditEntry
from ..clock import BANGKOK
from ..companies.scope import company_condition
from ..pagination import Page, SortKey, paginate
from ..validation import Day, Query, not_below, parse_query
from .queries import RowId


class AuditFilters(Query):
    """What the trail may be narrowed by; days are inclusive calendar days in Thailand."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    actor_id: RowId | None = Field(default=None, description="Only what this user did")
    action: str | None = Field(default=None, max_length=60, description="Such as fulfilment.transition")
    subject_type: str | None = Field(default=None, max_length=30, description="Such as fulfilment, enterprise")
    subject_id: RowId | None = Field(default=None, description="With subject_type: one object's entries")
    date_from: Day | None = Field(default=None, alias="from", description="On or after this day (Thailand)")
    date_to: Day | None = Field(default=None, alias="to", description="On or before this day (Thailand)")

    _to_after_from = field_validator("date_to")(not_below("date_from", "on or after from"))


def parse_audit_filters(args: Mapping[str, str]) -> AuditFilters:
    return parse_query(AuditFilters, args)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK)


def _trail(user: User, filters: AuditFilters) -> Select[AuditEntry, dt.datetime, int]:
    conditions: list[ColumnElement[bool]] = company_condition(AuditEntry.company_id, user)
    if filters.actor_id is not None:
        conditions.append(AuditEntry.actor_id == filters.actor_id)
    if filters.action:
        conditions.append(AuditEntry.action == filters.action)
    if filters.subject_type:
        conditions.append(AuditEntry.subject_type == filters.subject_type)
    if filters.subject_id is not None:
        conditions.append(AuditEntry.subject_id == filters.subject_id)
    if filters.date_from is not None:
        conditions.append(AuditEntry.created_at >= _start_of(filters.date_from))
    if filters.date_to is not None:
        conditions.append(AuditEntry.created_at < _start_of(filters.date_to + dt.timedelta(days=1)))
    return (select(AuditEntry, AuditEntry.created_at, AuditEntry.id).where(*conditions)
            .options(joinedload(AuditEntry.actor)))


NEWEST_FIRST = [SortKey(AuditEntry.created_at, descending=True, kind="datetime"),
                SortKey(AuditEntry.id, descending=True)]
EXPORT_MAX = 50_000


def audit_trail(session: Session, user: User, filters: AuditFilters, *, cursor: str | None,
                limit: int) -> Page[AuditEntry]:
    """A page of the entries ``user`` may read, newest first. Raises ``Forbidden`` for
    anyone but company staff (their own company's entries) and admins (all)."""
    return paginate(session, _trail(user, filters), NEWEST_FIRST, cursor=cursor, limit=limit)


def whole_trail(session: Session, user: User, filters: AuditFilters) -> list[AuditEntry]:
    """Every entry of the filters that ``user`` may read (at most ``EXPORT_MAX``, newest
    first), for the CSV export."""
    statement = _trail(user, filters).order_by(*(key.order_by() for key in NEWEST_FIRST)).limit(EXPORT_MAX)
    return list(session.scalars(statement).unique())
