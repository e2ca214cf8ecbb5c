"""Who may see and act on which enterprise: authorization as queries.

Each helper loads through a filter on the acting user and answers ``NotFound`` for an
enterprise that exists but is not the caller's, so forgetting a check is hard and
nothing leaks that another party's enterprise exists.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import Role, User
from ..companies.models import ProvincialCompany
from ..errors import NotFound
from .models import CommunityEnterprise, EnterpriseMember


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
