"""Load the demo catalogue: approved community enterprises, products with stock and a
photo, community tours with dated slots, and one demo account per role.

``seed_demo`` is idempotent: everything is looked up by its natural key first
(registration number; enterprise and Thai title; listing and date; e-mail), and only
what is missing is created, so running it twice changes nothing and never overwrites
what people edited since. Demo photos go through the same upload pipeline as real
ones and are stored under content-hash names, so a second run finds the same files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..accounts.models import Role, User
from ..accounts.passwords import hash_password
from ..companies.models import ProvincialCompany
from ..companies.services import ReferenceReport
from ..db import utcnow
from ..enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from ..errors import ConfigurationError
from ..media import MediaStorage, ProcessedImage, generate_demo_photo, process_upload, store_listing_image
from . import demo_data
from .models import Category, Listing, ListingImage, ListingKind, ListingStatus, TourSlot
from .reference import ensure_reference_data

DEMO_PHOTO_SIZE = (640, 480)  # large enough for a product page, quick to draw and encode
SLOT_HORIZON_DAYS = 60
TOUR_CATEGORY = "community-tourism"
DEMO_COMPANY_PROVINCE = "50"  # Chiang Mai


@dataclasses.dataclass(frozen=True)
class DemoAccount:
    """A demo login. The passwords are public on purpose: never seed a production database.
    ``password`` is the one set when the account was created; a later change is not known here."""

    role: Role
    email: str
    password: str
    name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(Role.CONSUMER, "consumer@demo.otop.test", "otop-consumer-demo", "สมศรี ใจดี"),
    DemoAccount(Role.PRODUCER, "producer@demo.otop.test", "otop-producer-demo", "บุญมี ทองคำ"),
    DemoAccount(Role.COMPANY, "company@demo.otop.test", "otop-company-demo", "วนิดา ศรีเชียงใหม่"),
    DemoAccount(Role.ADMIN, "admin@demo.otop.test", "otop-admin-demo", "ผู้ดูแลระบบ"),
)


@dataclasses.dataclass
class SeedReport:
    """What ``seed_demo`` created (zero everywhere on a repeated run) and the demo logins."""

    reference: ReferenceReport
    enterprises_created: int = 0
    products_created: int = 0
    tours_created: int = 0
    slots_created: int = 0
    images_created: int = 0
    files_restored: int = 0
    users_created: int = 0
    memberships_created: int = 0
    accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS

    @property
    def changed(self) -> bool:
        return self.reference.changed or any((
            self.enterprises_created, self.products_created, self.tours_created, self.slots_created,
            self.images_created, self.files_restored, self.users_created, self.memberships_created,
        ))

    def summary(self) -> str:
        """Several lines for the ``seed-demo`` command: what was added, then the demo logins."""
        reference = self.reference
        lines = [
            "Demo data is up to date; nothing was added." if not self.changed else "Demo data loaded:",
        ]
        if self.changed:
            lines += [
                f"  provinces {reference.provinces_created} new, {reference.provinces_updated} corrected; "
                f"companies {reference.companies_created}; categories {reference.categories_created}",
                f"  enterprises {self.enterprises_created}; products {self.products_created}; "
                f"tours {self.tours_created} with {self.slots_created} dates",
                f"  photos {self.images_created} (files restored {self.files_restored}); "
                f"accounts {self.users_created}; producer memberships {self.memberships_created}",
            ]
        lines.append(demo_accounts_text(self.accounts))
        return "\n".join(lines)


def demo_accounts_text(accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS) -> str:
    """The demo logins, one per line, as ``make run`` prints them."""
    width = max(len(account.email) for account in accounts)
    lines = ["Demo accounts (public passwords, for demonstration only):"]
    lines += [f"  {account.role.value:<9} {account.email:<{width}}  {account.password}" for account in accounts]
    return "\n".join(lines)


def seed_demo(session: Session, storage: MediaStorage, *, today: dt.date,
              photo_size: tuple[int, int] = DEMO_PHOTO_SIZE) -> SeedReport:
    """Load the demo catalogue and the demo accounts; see the module docstring.

    ``today`` anchors the tour slots: one every few days over the following 60 days.
    Runs ``ensure_reference_data`` first. Flushes, never commits.

    Raises ``ConfigurationError`` when the Chiang Mai company is missing after the
    reference data was loaded (it cannot be, unless a concurrent change removed it),
    ``OSError`` when the storage cannot write a photo, and ``ValidationError`` if a
    ``photo_size`` below the pipeline's minimum side is asked for.
    """
    report = SeedReport(reference=ensure_reference_data(session))
    categories = {category.slug: category for category in session.scalars(select(Category))}
    enterprises = _ensure_enterprises(session, report)
    listings = _ensure_listings(session, report, enterprises, categories)
    _ensure_slots(session, report, listings, today)
    _ensure_photos(session, storage, report, enterprises, listings, photo_size)
    _ensure_accounts(session, report, enterprises)
    session.flush()
    return report


def _ensure_enterprises(session: Session, report: SeedReport) -> dict[str, CommunityEnterprise]:
    """Demo enterprises by their demo key, created approved when missing."""
    by_registration = {
        enterprise.registration_no: enterprise
        for enterprise in session.scalars(select(CommunityEnterprise).where(
            CommunityEnterprise.registration_no.in_([spec.registration_no for spec in demo_data.ENTERPRISES])
        ))
    }
    enterprises: dict[str, CommunityEnterprise] = {}
    for spec in demo_data.ENTERPRISES:
        enterprise = by_registration.get(spec.registration_no)
        if enterprise is None:
            enterprise = CommunityEnterprise(
                name_th=spec.name_th, name_en=spec.name_en, registration_no=spec.registration_no,
                province_code=spec.province_code, district_code=spec.district_code,
                subdistrict_code=spec.subdistrict_code, otop_stars=spec.otop_stars,
                otop_stars_declared=spec.otop_stars,
                description_th=spec.description_th, description_en=spec.description_en,
                promptpay_id=spec.promptpay_id, status=EnterpriseStatus.APPROVED, status_changed_at=utcnow(),
            )
            session.add(enterprise)
            report.enterprises_created += 1
        enterprises[spec.key] = enterprise
    session.flush()
    return enterprises


def _ensure_listings(session: Session, report: SeedReport, enterprises: dict[str, CommunityEnterprise],
                     categories: dict[str, Category]) -> dict[tuple[str, str], Listing]:
    """Demo listings by (enterprise key, Thai title), created active when missing."""
    key_of = {enterprise.id: key for key, enterprise in enterprises.items()}
    existing = {
        (key_of[listing.enterprise_id], listing.title_th): listing
        for listing in session.scalars(
            select(Listing)
            .where(Listing.enterprise_id.in_(key_of))
            .options(selectinload(Listing.images), selectinload(Listing.slots))
        )
    }
    listings: dict[tuple[str, str], Listing] = {}
    for product in demo_data.PRODUCTS:
        natural_key = (product.enterprise, product.title_th)
        listing = existing.get(natural_key)
        if listing is None:
            listing = Listing(
                enterprise=enterprises[product.enterprise], category=categories[product.category],
                kind=ListingKind.PRODUCT, status=ListingStatus.ACTIVE,
                title_th=product.title_th, title_en=product.title_en,
                description_th=product.description_th, description_en=product.description_en,
                price_satang=product.price_satang, stock=product.stock, images=[], slots=[],
            )
            session.add(listing)
            report.products_created += 1
        listings[natural_key] = listing
    for tour in demo_data.TOURS:
        natural_key = (tour.enterprise, tour.title_th)
        listing = existing.get(natural_key)
        if listing is None:
            listing = Listing(
                enterprise=enterprises[tour.enterprise], category=categories[TOUR_CATEGORY],
                kind=ListingKind.TOUR, status=ListingStatus.ACTIVE,
                title_th=tour.title_th, title_en=tour.title_en,
                description_th=tour.description_th, description_en=tour.description_en,
                price_satang=tour.price_satang, stock=None, duration_hours=tour.duration_hours,
                max_group=tour.max_group, meeting_point=tour.meeting_point, images=[], slots=[],
            )
            session.add(listing)
            report.tours_created += 1
        listings[natural_key] = listing
    session.flush()
    return listings


def slot_dates(index: int, today: dt.date) -> list[dt.date]:
    """The demo departure dates of the ``index``-th tour: every 3 to 6 days (varying by
    tour), starting 2 to 4 days after ``today``, up to ``SLOT_HORIZON_DAYS`` ahead."""
    first, every = 2 + index % 3, 3 + index % 4
    return [today + dt.timedelta(days=offset) for offset in range(first, SLOT_HORIZON_DAYS + 1, every)]


def _ensure_slots(session: Session, report: SeedReport, listings: dict[tuple[str, str], Listing],
                  today: dt.date) -> None:
    for index, tour in enumerate(demo_data.TOURS):
        listing = listings[(tour.enterprise, tour.title_th)]
        taken = {slot.date for slot in listing.slots}
        for date in slot_dates(index, today):
            if date not in taken:
                listing.slots.append(TourSlot(date=date, capacity=listing.max_group or tour.max_group))
                report.slots_created += 1
    session.flush()


@functools.lru_cache(maxsize=512)
def _demo_photo(seed: str, category: str, size: tuple[int, int]) -> ProcessedImage:
    """A processed demo photo. Cached: the output is deterministic, and a test session
    that seeds many fresh databases then pays for the pictures once."""
    return process_upload(generate_demo_photo(seed, category, size=size))


def _photo_seed(enterprise: CommunityEnterprise, title_th: str) -> str:
    return f"{enterprise.registration_no}/{title_th}"


def _ensure_photos(session: Session, storage: MediaStorage, report: SeedReport,
                   enterprises: dict[str, CommunityEnterprise], listings: dict[tuple[str, str], Listing],
                   photo_size: tuple[int, int]) -> None:
    """Give every demo listing without photos its demo photo, and put back the files of
    demo photos whose files went missing (a wiped MEDIA_ROOT under a kept database)."""
    wanted: list[tuple[Listing, str, str]] = []
    for (key, title_th), listing in listings.items():
        cover = listing.images[0] if listing.images else None
        if cover is None or not (storage.exists(cover.large_key) and storage.exists(cover.thumb_key)):
            wanted.append((listing, _photo_seed(enterprises[key], title_th), listing.category.slug))
    if not wanted:
        return
    for (listing, _seed, _category), photo in zip(wanted, _render(wanted, photo_size), strict=True):
        cover = listing.images[0] if listing.images else None
        if cover is None:
            large_key, thumb_key = store_listing_image(storage, photo)
            listing.images.append(ListingImage(
                position=0, large_key=large_key, thumb_key=thumb_key,
                width=photo.large.width, height=photo.large.height,
            ))
            report.images_created += 1
        elif (cover.large_key, cover.thumb_key) == (photo.large.key, photo.thumb.key):
            store_listing_image(storage, photo)
            report.files_restored += 1
    session.flush()


def _render(wanted: Iterable[tuple[Listing, str, str]], photo_size: tuple[int, int]) -> list[ProcessedImage]:
    """Draw and process the photos on a few threads (Pillow releases the GIL while it
    encodes, decodes and filters, so this scales with cores)."""
    jobs = [(seed, category) for _listing, seed, category in wanted]
    workers = max(1, min(4, os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return [_demo_photo(seed, category, photo_size) for seed, category in jobs]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="demo-photo") as pool:
        return list(pool.map(lambda job: _demo_photo(job[0], job[1], photo_size), jobs))


def _ensure_accounts(session: Session, report: SeedReport,
                     enterprises: dict[str, CommunityEnterprise]) -> None:
    company = session.scalar(select(ProvincialCompany).where(
        ProvincialCompany.province_code == DEMO_COMPANY_PROVINCE,
        ProvincialCompany.is_national.is_(False),
    ))
    if company is None:
        raise ConfigurationError(f"the company of province {DEMO_COMPANY_PROVINCE} is missing")
    existing = {
        user.email: user
        for user in session.scalars(select(User).where(User.email.in_([a.email for a in DEMO_ACCOUNTS])))
    }
    users: dict[Role, User] = {}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.email)
        if user is None:
            user = User(
                email=account.email, password_hash=hash_password(account.password), name=account.name,
                company_id=company.id if account.role is Role.COMPANY else None,
            )
            session.add(user)
            report.users_created += 1
        user.add_role(account.role)
        users[account.role] = user
    session.flush()

    producer = users[Role.PRODUCER]
    member_of = set(session.scalars(
        select(EnterpriseMember.enterprise_id).where(EnterpriseMember.user_id == producer.id)
    ))
    for key in demo_data.DEMO_PRODUCER_ENTERPRISES:
        enterprise = enterprises[key]
        if enterprise.id not in member_of:
            session.add(EnterpriseMember(enterprise_id=enterprise.id, user_id=producer.id))
            report.memberships_created += 1
