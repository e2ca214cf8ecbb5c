"""Who may see and act on which enterprise: authorization as queries.

Each helper loads through a filter on the acting user and answers ``NotFound`` for an
enterprise that exists but is not the caller's, so forgetting a check is hard and
nothing leaks that another party's enterprise exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, TypeGuard, TypeVar

from pydantic import AfterValidator, Field
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import geo
from ..accounts.models import Role, User
from ..companies.models import Province, ProvincialCompany
from ..errors import Forbidden, NotFound
from ..pagination import DEFAULT_LIMIT, Page, SortKey, paginate
from ..validation import Query, broken_rule, parse_query
from .models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus

Selected = TypeVar("Selected", bound=Select)  # type: ignore[type-arg]  # any select of enterprises
UNKNOWN_PROVINCE = "unknown province"


def _known_province(code: str) -> str:
    if geo.province(code) is None:
        raise broken_rule(UNKNOWN_PROVINCE)
    return code


class EnterpriseFilters(Query):
    """What a list of enterprises may be narrowed by: the staff page and
    ``GET /api/v1/enterprises`` read their arguments with this model. Each filter
    narrows what the caller may see anyway: a province that company staff do not
    oversee gives an empty list, never another province's enterprises."""

    status: EnterpriseStatus | None = Field(default=None, description="Only enterprises with this status")
    province: Annotated[str, Field(pattern=r"^\d{2}$", examples=["50"]), AfterValidator(_known_province)] | None = (
        Field(default=None, description="Code of one of the 77 provinces (GET /provinces); for company staff, one "
                                        "of their own (another gives an empty list)"))
    stars: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="At least this many OTOP stars, verified by the provincial company")
    declared_unverified: bool = Field(
        default=False, description="Only enterprises whose producers declared an OTOP star level that is not the "
                                   "verified one (not verified yet, or verified at another level)")
    q: str | None = Field(default=None, max_length=100,
                          description="Part of the Thai or English name or of the registration number, any case")


def parse_enterprise_filters(args: Mapping[str, str]) -> EnterpriseFilters:
    """``ValidationError`` naming each filter that is not valid (a status that is none,
    an unknown province, stars outside 1–5, a search over 100 characters)."""
    return parse_query(EnterpriseFilters, args)


def narrowed(query: Selected, filters: EnterpriseFilters) -> Selected:
    """``query`` (a select of enterprises) kept to what ``filters`` ask for."""
    if filters.status is not None:
        query = query.where(CommunityEnterprise.status == filters.status)
    if filters.province is not None:
        query = query.where(CommunityEnterprise.province_code == filters.province)
    if filters.stars is not None:
        query = query.where(CommunityEnterprise.otop_stars >= filters.stars)
    if filters.declared_unverified:
        query = query.where(and_(
            CommunityEnterprise.otop_stars_declared.is_not(None),
            or_(CommunityEnterprise.otop_stars.is_(None),
                CommunityEnterprise.otop_stars != CommunityEnterprise.otop_stars_declared),
        ))
    needle = (filters.q or "").strip().lower()
    if needle:
        query = query.where(or_(*(func.lower(column).contains(needle, autoescape=True) for column in (
            CommunityEnterprise.name_th, CommunityEnterprise.name_en, CommunityEnterprise.registration_no))))
    return query


def member_enterprises(session: Session, user: User, filters: EnterpriseFilters | None = None
                       ) -> list[CommunityEnterprise]:
    """The enterprises ``user`` manages (those matching ``filters``), by name."""
    query = (
        select(CommunityEnterprise)
        .join(EnterpriseMember)
        .where(EnterpriseMember.user_id == user.id)
        .order_by(CommunityEnterprise.name_th, CommunityEnterprise.id)
    )
    return list(session.scalars(narrowed(query, filters or EnterpriseFilters())))


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


def overseen_provinces(session: Session, user: User) -> list[Province]:
    """The provinces whose enterprises ``user`` oversees (``staff_provinces``: all 77 for
    an admin), by code: what the staff page offers to filter by."""
    codes = staff_provinces(session, user)
    query = select(Province).order_by(Province.code)
    if codes is not None:
        query = query.where(Province.code.in_(sorted(codes)))
    return list(session.scalars(query))


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


def staff_enterprises(session: Session, user: User, filters: EnterpriseFilters | None = None, *,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page[CommunityEnterprise]:
    """One page of the enterprises ``user`` oversees (every province's for an admin)
    that match ``filters``, pending ones first, then the oldest first; later pages
    follow ``cursor`` with the same filters. A province outside the staff member's own
    gives an empty page. ``Forbidden`` for anyone but company staff and admins;
    ``ValidationError`` for a malformed cursor."""
    if not is_staff(user):
        raise Forbidden("Only the staff of a provincial company or an admin may see this")
    provinces = staff_provinces(session, user)
    rank = case((CommunityEnterprise.status == EnterpriseStatus.PENDING, 0), else_=1)
    query = select(CommunityEnterprise).options(
        selectinload(CommunityEnterprise.members).selectinload(EnterpriseMember.user)
    )
    if provinces is not None:
        query = query.where(CommunityEnterprise.province_code.in_(sorted(provinces)))
    query = narrowed(query, filters or EnterpriseFilters())
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
