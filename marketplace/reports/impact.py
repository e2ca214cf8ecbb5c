"""The impact page (``GET /api/v1/impact`` and the public page): what the marketplace has
brought the communities, this year and since it began, province by province, with the
company that serves each province now.

Figures follow the dashboard (``reports.dashboard``, ``reports.earned``): earned lines only,
producer net after each fulfilment's own commission. Nothing personal is in it: companies
are named with their public contact details, enterprises only counted.

Anyone may look, so the answer is cached for 10 minutes (``cached_impact``): in Redis
when ``REDIS_URL`` is set, so every worker shares one computation.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalog.models import Listing, ListingStatus
from ..companies.models import Province, ProvincialCompany
from ..companies.services import serving_companies
from ..enterprises.models import CommunityEnterprise, EnterpriseStatus
from ..extensions import cache
from ..geo import Region
from .dashboard import Figures, GroupFigures, every_region, sales_figures
from .sales import sold_within

CACHE_SECONDS = 600
_CACHE_KEY = "impact/1/{today}"  # the number changes with the shape of ``Impact``
log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class YearFigures(Figures):
    year: int  # this calendar year in Thailand


@dataclass(frozen=True, kw_only=True)
class ServingCompany:
    """The company that takes a province's new orders now, with its public contacts."""

    id: int
    name_th: str
    name_en: str
    phone: str | None
    email: str | None

    @classmethod
    def of(cls, company: ProvincialCompany) -> ServingCompany:
        return cls(id=company.id, name_th=company.name_th, name_en=company.name_en, phone=company.phone,
                   email=company.email)


@dataclass(frozen=True, kw_only=True)
class ProvinceImpact(Figures):
    """A province's figures since the beginning (of the enterprises it is home to)."""

    code: str
    name_th: str
    name_en: str
    region: Region
    company: ServingCompany | None  # None only when no company can take orders at all


@dataclass(frozen=True, kw_only=True)
class Impact:
    year: YearFigures
    all_time: Figures
    active_enterprises: int  # approved
    active_listings: int  # active listings of approved enterprises
    provinces: tuple[ProvinceImpact, ...]  # the 77, by code; zeros where nothing sold
    regions: tuple[GroupFigures, ...]  # the six, in ``geo.Region`` order, since the beginning


def impact(session: Session, *, today: dt.date) -> Impact:
    """The marketplace's impact as of ``today`` (a Thai calendar day: it names the year),
    in seven queries whatever the number of sales."""
    year = today.year
    this_year, _ = sales_figures(session, sold_within(None, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    all_time, groups = sales_figures(session, [], ("province", "region"))
    active_enterprises = select(func.count(CommunityEnterprise.id)).where(
        CommunityEnterprise.status == EnterpriseStatus.APPROVED).scalar_subquery()
    active_listings = (select(func.count(Listing.id))
                       .join(CommunityEnterprise, CommunityEnterprise.id == Listing.enterprise_id)
                       .where(Listing.status == ListingStatus.ACTIVE,
                              CommunityEnterprise.status == EnterpriseStatus.APPROVED).scalar_subquery())
    enterprises, listings = session.execute(select(active_enterprises, active_listings)).one()
    return Impact(
        year=YearFigures(year=year, **this_year.figures()),
        all_time=all_time,
        active_enterprises=enterprises,
        active_listings=listings,
        provinces=_provinces(session, groups["province"]),
        regions=every_region(groups["region"]),
    )


def _provinces(session: Session, found: tuple[GroupFigures, ...]) -> tuple[ProvinceImpact, ...]:
    sold = {row.key: row for row in found}
    provinces = session.scalars(select(Province).order_by(Province.code)).all()
    serving = serving_companies(session, [province.code for province in provinces])
    rows = []
    for province in provinces:
        figures = sold.get(province.code)
        company = serving[province.code]
        rows.append(ProvinceImpact(
            code=province.code, name_th=province.name_th, name_en=province.name_en, region=province.region,
            company=ServingCompany.of(company) if company is not None else None,
            **(figures.figures() if figures is not None else {}),
        ))
    return tuple(rows)


def cached_impact(session: Session, *, today: dt.date) -> Impact:
    """``impact`` as computed at most ``CACHE_SECONDS`` ago (by any worker, with Redis).
    Must run in an application context. A cache that does not answer is logged and
    skipped: the figures are then computed afresh."""
    key = _CACHE_KEY.format(today=today.isoformat())
    try:
        found = cache.get(key)
    except Exception:  # the cache is an optimisation: Redis down must not take the page down
        log.exception("impact: the cache could not be read")
        found = None
    if isinstance(found, Impact):
        return found
    fresh = impact(session, today=today)
    try:
        cache.set(key, fresh, timeout=CACHE_SECONDS)
    except Exception:
        log.exception("impact: the cache could not be written")
    return fresh
