"""Who may see and act on which enterprise: authorization as queries.

Each helper loads through a filter on the acting user and answers ``NotFound`` for an
enterprise that exists but is not the caller's, so forgetting a check is hard and
nothing leaks that another party's enterprise exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard

from pydantic import Field
from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload

from ..accounts.models import Role, User
from ..companies.models import ProvincialCompany
from ..errors import Forbidden, NotFound
from ..pagination import DEFAULT_LIMIT, Page, SortKey, paginate
from ..validation import Query, parse_query
from .models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus


class EnterpriseFilters(Query):
    """What a list of enterprises may be narrowed by: the staff page and
    ``GET /api/v1/enterprises`` read their arguments with this model."""

    status: EnterpriseStatus | None = Field(default=None, description="Only enterprises with this status")


def parse_enterprise_filters(args: Mapping[str, str]) -> EnterpriseFilters:
    """``ValidationError`` naming ``status`` when it is not an enterprise status."""
    return parse_query(EnterpriseFilters, args)


def member_enterprises(session: Session, user: User) -> list[CommunityEnterprise]:
    """The enterprises ``user`` manages, by name."""
    return list(session.scalars(
        select(CommunityEnterprise)
        .join(EnterpriseMember)
        .where(EnterpriseMember.user_id == user.id)
        .order_by(CommunityEnterprise.name_th, CommunityEnterprise.id)
    ))


def enterprise_for_member(session: Session, user: User, enterprise_id: int) -> CommunityEnterprise:
    """An enterprise ``user`` manages; ``NotFound`` otherwise."""
    enterprise = session.scalar(
        select(CommunityEnterprise)
        .join(EnterpriseMember)
        .where(CommunityEnterprise.id == enterprise_id, EnterpriseMember.user_id == user.id)
    )
    if enterprise is None:
        raise NotFound("Enterprise not found")
    return enterprise


def staff_provinces(session: Session, user: User) -> set[str] | None:
    """The province codes whose enterprises ``user`` oversees as staff: ``None`` means
    every province (admin); a provincial company's staff get its province; the national
    company's staff get the provinces whose own company is inactive."""
    if user.has_role(Role.ADMIN):
        return None
    company = user.company if user.has_role(Role.COMPANY) else None
    if company is None:
        return set()
    if not company.is_national:
        return {company.province_code}
    return set(session.scalars(
        select(ProvincialCompany.province_code).where(
            ProvincialCompany.is_national.is_(False), ProvincialCompany.active.is_(False)
        )
    ))


def enterprise_for_staff(session: Session, user: User, enterprise_id: int) -> CommunityEnterprise:
    """An enterprise that ``user`` (company staff of its province, or an admin) may
    approve or suspend; ``NotFound`` otherwise."""
    enterprise = session.get(CommunityEnterprise, enterprise_id)
    provinces = staff_provinces(session, user)
    if enterprise is None or (provinces is not None and enterprise.province_code not in provinces):
        raise NotFound("Enterprise not found")
    return enterprise


def is_staff(user: User | None) -> TypeGuard[User]:
    """Company staff or an admin: who may approve and suspend enterprises somewhere."""
    return user is not None and (user.has_role(Role.ADMIN) or user.has_role(Role.COMPANY))


def oversees(session: Session, user: User | None, enterprise: CommunityEnterprise) -> bool:
    """Whether ``user`` is staff of the company of ``enterprise``'s province, or an admin."""
    if not is_staff(user):
        return False
    provinces = staff_provinces(session, user)
    return provinces is None or enterprise.province_code in provinces


def is_enterprise_member(session: Session, user: User | None, enterprise: CommunityEnterprise) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return session.get(EnterpriseMember, (enterprise.id, user.id)) is not None


def sees_private_details(session: Session, viewer: User | None, enterprise: CommunityEnterprise) -> bool:
    """Members and the staff who oversee it see the registration number, PromptPay ID,
    status reason and members; everyone else sees the public fields only."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    return is_enterprise_member(session, viewer, enterprise) or oversees(session, viewer, enterprise)


def enterprise_for_viewer(session: Session, viewer: User | None, enterprise_id: int) -> CommunityEnterprise:
    """An approved enterprise for anyone; a pending or suspended one only for its members,
    the staff of its province and admins. ``NotFound`` otherwise."""
    enterprise = session.get(CommunityEnterprise, enterprise_id)
    if enterprise is None:
        raise NotFound("Enterprise not found")
    if enterprise.status is not EnterpriseStatus.APPROVED and not sees_private_details(session, viewer, enterprise):
        raise NotFound("Enterprise not found")
    return enterprise


def staff_enterprises(session: Session, user: User, *, status: EnterpriseStatus | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page[CommunityEnterprise]:
    """One page of the enterprises ``user`` oversees (all for an admin), pending ones first,
    then the oldest first, optionally of one status. ``Forbidden`` for anyone but company
    staff and admins."""
    if not is_staff(user):
        raise Forbidden("Only the staff of a provincial company or an admin may see this")
    provinces = staff_provinces(session, user)
    rank = case((CommunityEnterprise.status == EnterpriseStatus.PENDING, 0), else_=1)
    query = select(CommunityEnterprise).options(
        selectinload(CommunityEnterprise.members).selectinload(EnterpriseMember.user)
    )
    if provinces is not None:
        query = query.where(CommunityEnterprise.province_code.in_(sorted(provinces)))
    if status is not None:
        query = query.where(CommunityEnterprise.status == status)
    keys = [SortKey(rank), SortKey(CommunityEnterprise.created_at, kind="datetime"), SortKey(CommunityEnterprise.id)]
    query = query.add_columns(*(key.column for key in keys))
    return paginate(session, query, keys, cursor=cursor, limit=limit)


def enterprise_members(session: Session, enterprise: CommunityEnterprise) -> list[User]:
    """The users who manage ``enterprise``, in the order they joined."""
    return list(session.scalars(
        select(User)
        .join(EnterpriseMember, EnterpriseMember.user_id == User.id)
        .where(EnterpriseMember.enterprise_id == enterprise.id)
        .order_by(EnterpriseMember.created_at, User.id)
    ))


def approved_enterprises_in(session: Session, province_code: str, *, cursor: str | None = None,
                            limit: int = DEFAULT_LIMIT) -> Page[CommunityEnterprise]:
    """One page of the approved enterprises of a province, by Thai name, for its public
    page. ``ValidationError`` for a malformed cursor."""
    keys = [SortKey(CommunityEnterprise.name_th, kind="str"), SortKey(CommunityEnterprise.id)]
    query = (
        select(CommunityEnterprise)
        .where(CommunityEnterprise.province_code == province_code,
               CommunityEnterprise.status == EnterpriseStatus.APPROVED)
        .add_columns(*(key.column for key in keys))
    )
    return paginate(session, query, keys, cursor=cursor, limit=limit)
