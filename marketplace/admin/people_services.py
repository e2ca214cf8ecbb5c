"""The national admin's desk for people: finding accounts, granting and taking away
roles, attaching company staff to their company, and locking an account.

"Locked" is ``User.active`` turned around: a locked user cannot sign in, their page
session ends at the next request (the user loader refuses them) and their API tokens
answer 401 at once (``accounts.services.user_for_token``). Unlocking gives all of that back;
nothing is revoked or deleted. Every change writes one audit entry through
``audit.services.record``; a change that changes nothing writes none.

It lives with the admin desk, not in ``accounts``: it writes the audit trail and reads
the companies, and both of those depend on ``accounts`` already.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Final, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..accounts.models import Role, User
from ..audit.services import record
from ..companies.models import ProvincialCompany
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..pagination import Page, SortKey, paginate

# The reasons given in ``ValidationError.fields``; the pages translate them by these texts.
NO_ROLE = "at least one role"
COMPANY_REQUIRED = "required with the company role"
COMPANY_WITHOUT_ROLE = "only with the company role"
NO_SUCH_COMPANY = "no such company"
OWN_ADMIN_ROLE = "you cannot remove your own admin role"
OWN_LOCK = "you cannot lock your own account"

_NEWEST_FIRST: Final = [SortKey(User.id, descending=True)]


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""``change_user(company_id=KEEP)``: leave the user's company as it is."""


def _names(roles: Iterable[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def _require_admin(actor: User) -> None:
    if not actor.has_role(Role.ADMIN):
        raise Forbidden("Only an administrator may manage accounts")


def find_users(session: Session, admin: User, q: str | None, *, cursor: str | None, limit: int) -> Page[User]:
    """Accounts whose email or name contains ``q`` (any case; every account without
    one), newest first, one page from ``cursor``. ``Forbidden`` for anyone but an admin;
    ``ValidationError`` for a malformed cursor."""
    _require_admin(admin)
    query = select(User, User.id)
    needle = (q or "").strip().lower()
    if needle:
        query = query.where(or_(User.email.contains(needle, autoescape=True),
                                func.lower(User.name).contains(needle, autoescape=True)))
    return paginate(session, query, _NEWEST_FIRST, cursor=cursor, limit=limit)


def user_for_admin(session: Session, admin: User, user_id: int) -> User:
    """The account ``user_id``. ``Forbidden`` for anyone but an admin, ``NotFound``
    when there is no such account."""
    _require_admin(admin)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such account")
    return user


def staff_companies(session: Session) -> list[ProvincialCompany]:
    """The companies staff can belong to: the national company first, then the
    provinces' companies by province code."""
    return list(session.scalars(select(ProvincialCompany).order_by(
        ProvincialCompany.is_national.desc(), ProvincialCompany.province_code)))


def change_user(session: Session, admin: User, user: User, *, now: dt.datetime,
                roles: Iterable[Role] | None = None, company_id: int | None | Literal[_Keep.KEEP] = KEEP,
                locked: bool | None = None) -> User:
    """Change what ``admin`` asks of ``user``; ``None`` (``KEEP`` for the company) leaves
    a thing as it is.

    ``roles`` replace the user's roles. The company role needs a company: the one given
    in ``company_id`` (an existing company), or the one the user already has; losing the
    role detaches the user from it. ``locked`` locks or unlocks the account.

    Raises ``Forbidden`` unless ``admin`` is an administrator; ``ValidationError`` naming
    ``roles`` (none left) or ``company_id`` (missing with the company role, given without
    it, unknown); ``Conflict`` ``self_change`` when an admin would remove their own admin
    role or lock their own account. Writes ``user.roles_changed`` (roles and company,
    before and after), ``user.locked`` or ``user.unlocked`` to the audit trail, only for
    what changed.
    """
    _require_admin(admin)
    roles_after = set(roles) if roles is not None else user.roles
    problems: dict[str, str] = {}
    if not roles_after:
        problems["roles"] = NO_ROLE
    company_after = user.company_id if company_id is KEEP else company_id
    company = None
    if Role.COMPANY in roles_after:
        company = session.get(ProvincialCompany, company_after) if company_after is not None else None
        if company_after is None:
            problems["company_id"] = COMPANY_REQUIRED
        elif company is None:
            problems["company_id"] = NO_SUCH_COMPANY
    elif company_id is not KEEP and company_id is not None:
        problems["company_id"] = COMPANY_WITHOUT_ROLE
    else:
        company_after = None
    if problems:
        raise ValidationError("Please correct the highlighted fields", fields=problems)
    if user.id == admin.id and Role.ADMIN not in roles_after:
        raise Conflict("You cannot remove your own admin role", code="self_change", fields={"roles": OWN_ADMIN_ROLE})
    if user.id == admin.id and locked:
        raise Conflict("You cannot lock your own account", code="self_change", fields={"locked": OWN_LOCK})

    roles_before, company_before = user.roles, user.company_id
    if roles_after != roles_before or company_after != company_before:
        user.role_rows = [row for row in user.role_rows if row.role in roles_after]
        for role in sorted(roles_after - roles_before):
            user.add_role(role)
        user.company = company
        record(session, "user.roles_changed", subject_type="user", subject_id=user.id, actor=admin, at=now,
               company_id=company_after or company_before,
               detail={"roles": [_names(roles_before), _names(roles_after)],
                       "company_id": [company_before, company_after]})
    if locked is not None and locked == user.active:
        user.active = not locked
        record(session, "user.locked" if locked else "user.unlocked", subject_type="user", subject_id=user.id,
               actor=admin, at=now, company_id=user.company_id)
    session.flush()
    return user
