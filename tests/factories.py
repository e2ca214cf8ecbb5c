"""Plain factory functions: each builds one object with sensible defaults, adds it
to the session and flushes. Pass keyword arguments to override any field."""

from __future__ import annotations

import datetime as dt
import itertools

import geothai
from sqlalchemy import select

from marketplace.accounts.models import Role, User
from marketplace.accounts.passwords import hash_password
from marketplace.catalog.models import Category, Listing, ListingKind, ListingStatus, TourSlot
from marketplace.companies.models import ProvincialCompany
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus

PASSWORD = "kanom-krok-2024"
_PASSWORD_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose: hash once per run
_seq = itertools.count(1)


def make_user(session, *, role: Role = Role.CONSUMER, email: str | None = None, company=None, **fields) -> User:
    n = next(_seq)
    user = User(email=email or f"user{n}@example.test", password_hash=_PASSWORD_HASH,
                name=fields.pop("name", f"ผู้ใช้ {n}"), company=company, **fields)
    user.add_role(role)
    session.add(user)
    session.flush()
    return user


def company_of(session, province_code: str) -> ProvincialCompany:
    return session.scalar(select(ProvincialCompany).where(ProvincialCompany.province_code == province_code))


def national_company(session) -> ProvincialCompany:
    return session.scalar(select(ProvincialCompany).where(ProvincialCompany.is_national.is_(True)))


def make_enterprise(session, *, province_code: str = "50", members: tuple[User, ...] = (),
                    status: EnterpriseStatus = EnterpriseStatus.APPROVED, **fields) -> CommunityEnterprise:
    n = next(_seq)
    district = geothai.districts(province_code)[0]
    subdistrict = geothai.subdistricts(district.code)[0]
    enterprise = CommunityEnterprise(
        name_th=fields.pop("name_th", f"วิสาหกิจชุมชนทดสอบ {n}"),
        registration_no=fields.pop("registration_no", f"5-{province_code}-{district.code[2:]}-01/1-{n:04d}"),
        province_code=province_code, district_code=district.code, subdistrict_code=subdistrict.code,
        status=status, **fields,
    )
    session.add(enterprise)
    for user in members:
        user.add_role(Role.PRODUCER)
        session.add(EnterpriseMember(enterprise=enterprise, user=user))
    session.flush()
    return enterprise


def category(session, slug: str) -> Category:
    return session.scalar(select(Category).where(Category.slug == slug))


def make_listing(session, *, enterprise: CommunityEnterprise | None = None, kind: ListingKind = ListingKind.PRODUCT,
                 status: ListingStatus = ListingStatus.ACTIVE, **fields) -> Listing:
    n = next(_seq)
    enterprise = enterprise or make_enterprise(session)
    if kind is ListingKind.TOUR:
        defaults = {"category": category(session, "community-tourism"), "duration_hours": 4, "max_group": 10,
                    "stock": None}
    else:
        defaults = {"category": category(session, "food"), "stock": 20}
    defaults.update(fields)
    listing = Listing(
        enterprise=enterprise, kind=kind, status=status,
        title_th=defaults.pop("title_th", f"สินค้าทดสอบ {n}"),
        description_th=defaults.pop("description_th", "รายละเอียดสินค้าชุมชน"),
        price_satang=defaults.pop("price_satang", 15000),
        **defaults,
    )
    session.add(listing)
    session.flush()
    return listing


def make_slot(session, listing: Listing, *, date: dt.date | None = None, capacity: int = 10, **fields) -> TourSlot:
    slot = TourSlot(listing=listing, date=date or dt.date.today() + dt.timedelta(days=7), capacity=capacity,
                    **fields)
    session.add(slot)
    session.flush()
    return slot
