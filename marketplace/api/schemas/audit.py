"""The audit trail as ``GET /audit`` answers it."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...audit.models import AuditEntry as AuditRow
from .common import Page, Shape, Timestamp


class Actor(Shape):
    id: int
    name: str


class AuditEntry(Shape):
    id: int
    at: Timestamp
    actor: Actor | None = Field(description="Null for the system (a webhook, the periodic commands)")
    action: str = Field(description="<subject>.<what>, such as fulfilment.transition or company.updated")
    subject_type: str
    subject_id: int
    company_id: int | None = Field(description="The company whose staff may read it")
    detail: dict[str, Any] = Field(description="What matters: a move's from and to, a note, changed fields' "
                                               "[before, after]")

    @classmethod
    def of(cls, entry: AuditRow) -> AuditEntry:
        detail: dict[str, Any] = {**entry.detail}
        for name, value in (("from", entry.from_status), ("to", entry.to_status), ("note", entry.note),
                            ("order_id", entry.order_id)):
            if value is not None:
                detail.setdefault(name, value)
        actor = Actor(id=entry.actor.id, name=entry.actor.name) if entry.actor is not None else None
        return cls(id=entry.id, at=entry.created_at, actor=actor, action=entry.action,
                   subject_type=entry.subject_type, subject_id=entry.subject_id, company_id=entry.company_id,
                   detail=detail)


class AuditPage(Page):
    items: list[AuditEntry]
