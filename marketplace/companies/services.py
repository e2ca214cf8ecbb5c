"""Reference data (provinces, the Pracharath companies, categories) and the routing rule
that decides which company fulfils a listing.

Services here take a session and flush; the caller commits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import geo
from ..accounts.models import Role, User
from ..accounts.services import register_user, user_by_email
from ..errors import ConfigurationError, ValidationError
from .models import Province, ProvincialCompany

NATIONAL_COMPANY_NAME_TH = "บริษัท ประชารัฐรักสามัคคี วิสาหกิจเพื่อสังคม (ประเทศไทย) จำกัด"
NATIONAL_COMPANY_NAME_EN = "Pracharath Rak Samakkee Social Enterprise (Thailand) Co., Ltd."
DEFAULT_COMMISSION_BPS = 1000
DEFAULT_SHIPPING_FEE_SATANG = 5000


class NoFulfillingCompany(ConfigurationError):
    """No company can take an order: the province's company is inactive or missing and
    there is no active national company. Reference data is missing (run ``seed-demo`` or
    ````catalog.reference.ensure_reference_data``) or staff deactivated the national company."""


@dataclasses.dataclass
class ReferenceReport:
    """How many rows ``ensure_reference_data`` added (or, for provinces, corrected)."""

    provinces_created: int = 0
    provinces_updated: int = 0
    companies_created: int = 0
    categories_created: int = 0

    @property
    def changed(self) -> bool:
        return any(dataclasses.astuple(self))


def provincial_company_names(province_name_th: str, province_name_en: str) -> tuple[str, str]:
    """The Thai and English names of a province's Pracharath Rak Samakkee company."""
    return (
        f"บริษัท ประชารัฐรักสามัคคี {province_name_th} (วิสาหกิจเพื่อสังคม) จำกัด",
        f"Pracharath Rak Samakkee {province_name_en} (Social Enterprise) Co., Ltd.",
    )


def ensure_provinces_and_companies(session: Session) -> ReferenceReport:
    """Make sure the 77 provinces, one company per province and the national company
    exist (``catalog.reference.ensure_reference_data`` adds the categories). Idempotent:
    a second call changes nothing.

    Provinces mirror geothai, so their names and region are corrected when they
    differ. Companies are only inserted when missing: names, fees, commission and the
    active flag that staff edited are left alone. Flushes, never commits. Raises
    ``ValueError`` if geothai yields a province code outside every region.
    """
    report = ReferenceReport()
    existing_provinces = {row.code: row for row in session.scalars(select(Province))}
    for source in geo.provinces():
        region = geo.region_of(source.code)
        row = existing_provinces.get(source.code)
        if row is None:
            session.add(Province(
                code=source.code, name_th=source.name_th, name_en=source.name_en, region=region
            ))
            report.provinces_created += 1
        elif (row.name_th, row.name_en, row.region) != (source.name_th, source.name_en, region):
            row.name_th, row.name_en, row.region = source.name_th, source.name_en, region
            report.provinces_updated += 1
    session.flush()

    companies = list(session.scalars(select(ProvincialCompany)))
    provinces_with_company = {company.province_code for company in companies if not company.is_national}
    for source in geo.provinces():
        if source.code in provinces_with_company:
            continue
        name_th, name_en = provincial_company_names(source.name_th, source.name_en)
        session.add(ProvincialCompany(
            province_code=source.code, is_national=False, name_th=name_th, name_en=name_en,
            commission_bps=DEFAULT_COMMISSION_BPS, shipping_fee_satang=DEFAULT_SHIPPING_FEE_SATANG,
            active=True,
        ))
        report.companies_created += 1
    if not any(company.is_national for company in companies):
        session.add(ProvincialCompany(
            province_code=None, is_national=True,
            name_th=NATIONAL_COMPANY_NAME_TH, name_en=NATIONAL_COMPANY_NAME_EN,
            commission_bps=DEFAULT_COMMISSION_BPS, shipping_fee_satang=DEFAULT_SHIPPING_FEE_SATANG,
            active=True,
        ))
        report.companies_created += 1
    session.flush()
    return report


def national_company(session: Session) -> ProvincialCompany | None:
    """The national company, active or not; ``None`` before reference data is loaded."""
    return session.scalar(select(ProvincialCompany).where(ProvincialCompany.is_national.is_(True)))


def serving_companies(session: Session, province_codes: Collection[str]) -> dict[str, ProvincialCompany | None]:
    """THE routing rule, for any number of provinces in one query: each province's own
    company when it is active, otherwise the national company when it is active,
    otherwise ``None`` (nobody can take the province's new orders)."""
    codes = set(province_codes)
    if not codes:
        return {}
    companies = session.scalars(select(ProvincialCompany).where(
        or_(ProvincialCompany.province_code.in_(codes), ProvincialCompany.is_national.is_(True))
    ))
    own: dict[str | None, ProvincialCompany] = {}
    national = None
    for company in companies:
        if company.is_national:
            national = company if company.active else None
        elif company.active:
            own[company.province_code] = company
    return {code: own.get(code, national) for code in sorted(codes)}


def serving_company(session: Session, province_code: str) -> ProvincialCompany | None:
    """The company that takes the province's new orders now (``serving_companies``), for
    pages that name it; ``None`` when no company can."""
    return serving_companies(session, {province_code})[province_code]


def company_for_province(session: Session, province_code: str) -> ProvincialCompany:
    """The company that takes the province's new orders (``serving_companies``).

    Raises ``NoFulfillingCompany`` when neither can take the order (no active provincial
    company and no active national company).
    """
    return fulfilling_companies(session, {province_code})[province_code]


def fulfilling_companies(session: Session, province_codes: Collection[str]) -> dict[str, ProvincialCompany]:
    """``serving_companies`` for provinces whose orders must be taken now (a cart that
    holds goods from many provinces), in one query. Raises ``NoFulfillingCompany`` naming
    the first province that no company can serve."""
    routed: dict[str, ProvincialCompany] = {}
    for code, company in serving_companies(session, province_codes).items():
        if company is None:
            fallback = national_company(session)
            why = "no national company exists; load the reference data first" if fallback is None \
                else "the national company is inactive"
            raise NoFulfillingCompany(f"No active company for province {code} and {why}")
        routed[code] = company
    return routed


def create_staff_user(session: Session, *, email: str, password: str, role: Role, name: str | None = None,
                      province_code: str | None = None) -> User:
    """The command line's way to make an account of any role.

    A company user is attached to the company of ``province_code``, or to the national
    company without one. Adds the role when the account already exists.
    Raises ``ValidationError`` for an unknown province or bad fields.
    """
    if province_code is not None and role is not Role.COMPANY:
        raise ValidationError("--province only applies to company users", fields={"province": "company only"})
    company = None
    if role is Role.COMPANY:
        query = select(ProvincialCompany)
        if province_code is None:
            query = query.where(ProvincialCompany.is_national.is_(True))
        else:
            query = query.where(ProvincialCompany.province_code == province_code)
        company = session.scalar(query)
        if company is None:
            raise ValidationError(f"No company for province {province_code!r}",
                                  fields={"province": "unknown province code"})
    user = user_by_email(session, email)
    if user is None:
        user = register_user(session, email=email, password=password, name=name or email.split("@")[0],
                             role=role)
    else:
        user.add_role(role)
    if company is not None:
        user.company = company
    session.flush()
    return user
