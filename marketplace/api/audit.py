"""The audit trail. The rules (who reads what) live in ``marketplace.backoffice.audit``."""

from __future__ import annotations

from ..accounts.models import Role
from ..backoffice.audit import AuditFilters, audit_trail
from ..extensions import db
from . import bp
from .auth import authenticated_user, require_role
from .declare import operation
from .schemas.audit import AuditEntry, AuditPage
from .schemas.common import PageQuery


class AuditQuery(AuditFilters, PageQuery):
    """The trail's filters (shared with the pages) and a page."""


@bp.get("/audit")
@require_role(Role.COMPANY, Role.ADMIN)
@operation(summary="The audit trail of staff, admin and system actions, newest first", auth=True,
           query=AuditQuery, responses={200: AuditPage}, errors=(403,),
           description="Admins read every entry; company staff the entries about their own company's "
                       "fulfilments, enterprises and settlements. Entries are never changed or deleted.")
def audit(query: AuditQuery):
    page = audit_trail(db.session, authenticated_user(), query, cursor=query.cursor, limit=query.limit)
    return AuditPage(items=[AuditEntry.of(entry) for entry in page.items], next_cursor=page.next_cursor)
