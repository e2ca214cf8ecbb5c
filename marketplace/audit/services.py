"""The one way anything is written to the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ..accounts.models import User
from .models import AuditEntry


def record(session: Session, action: str, *, subject_type: str, subject_id: int, actor: User | None,
           at: dt.datetime, company_id: int | None = None, order_id: int | None = None,
           fulfilment_id: int | None = None, from_status: str | None = None, to_status: str | None = None,
           note: str | None = None, detail: dict[str, Any] | None = None) -> AuditEntry:
    """Add one entry, in the caller's transaction: ``action`` as ``<subject>.<what>``
    (``fulfilment.transition``, ``company.updated``…), ``actor`` ``None`` for the system
    (a webhook, the periodic commands). ``company_id`` is the company whose staff may
    read it; ``detail`` holds what else matters, such as ``{"field": [before, after]}``."""
    entry = AuditEntry(action=action, subject_type=subject_type, subject_id=subject_id,
                       actor_id=actor.id if actor is not None else None, created_at=at, company_id=company_id,
                       order_id=order_id, fulfilment_id=fulfilment_id, from_status=from_status,
                       to_status=to_status, note=note, detail=detail or {})
    session.add(entry)
    return entry
