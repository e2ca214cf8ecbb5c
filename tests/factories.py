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


def make_order(session, *, consumer: User | None = None, items: list[tuple[Listing, int]] | None = None,
               payment_method=None, order_status=None, fulfilment_status=None, slot: TourSlot | None = None,
               **fields):
    """An order as the checkout would leave it, split into one fulfilment per
    (fulfilling company, kind), without touching stock. ``items`` is ``[(listing, qty)]``."""
    from marketplace.companies.services import fulfilling_company
    from marketplace.fulfilment.states import FulfilmentKind, FulfilmentStatus
    from marketplace.orders.models import Fulfilment, Order, OrderLine, OrderStatus, PaymentMethod

    consumer = consumer or make_user(session)
    items = items or [(make_listing(session), 1)]
    order = Order(
        number=fields.pop("number", f"OT{next(_seq):08d}"), consumer=consumer,
        status=order_status or OrderStatus.PLACED, payment_method=payment_method or PaymentMethod.COD,
        ship_name="ผู้ซื้อ ทดสอบ", ship_phone="0812345678", ship_line1="99/1 ถนนนิมมานเหมินท์",
        ship_subdistrict_code="500101", ship_postal_code="50200", items_satang=0, shipping_satang=0,
        total_satang=0, **fields,
    )
    session.add(order)
    fulfilments: dict[tuple[int, FulfilmentKind], Fulfilment] = {}
    for listing, quantity in items:
        company = fulfilling_company(session, listing)
        kind = FulfilmentKind.TOUR if listing.kind is ListingKind.TOUR else FulfilmentKind.GOODS
        fulfilment = fulfilments.get((company.id, kind))
        if fulfilment is None:
            fulfilment = Fulfilment(
                order=order, company=company, kind=kind, commission_bps=company.commission_bps,
                status=fulfilment_status or FulfilmentStatus.NEW, subtotal_satang=0,
                shipping_satang=company.shipping_fee_satang if kind is FulfilmentKind.GOODS else 0,
            )
            fulfilments[(company.id, kind)] = fulfilment
        line_total = listing.price_satang * quantity
        fulfilment.subtotal_satang += line_total
        session.add(OrderLine(
            order=order, fulfilment=fulfilment, listing_id=listing.id, enterprise_id=listing.enterprise_id,
            slot_id=slot.id if slot is not None and kind is FulfilmentKind.TOUR else None,
            slot_date=slot.date if slot is not None and kind is FulfilmentKind.TOUR else None,
            title_th=listing.title_th, title_en=listing.title_en, category_slug=listing.category.slug,
            unit_price_satang=listing.price_satang, quantity=quantity, line_total_satang=line_total,
        ))
    order.items_satang = sum(f.subtotal_satang for f in fulfilments.values())
    order.shipping_satang = sum(f.shipping_satang for f in fulfilments.values())
    order.total_satang = order.items_satang + order.shipping_satang
    session.flush()
    return order


def make_review(session, listing: Listing, product_rating: int, **fields):
    """A review of ``listing`` on a delivered order of its own."""
    from marketplace.fulfilment.states import FulfilmentStatus
    from marketplace.orders.models import OrderStatus, Review

    order = make_order(session, items=[(listing, 1)], order_status=OrderStatus.COMPLETED,
                       fulfilment_status=FulfilmentStatus.DELIVERED)
    review = Review(order_line_id=order.lines[0].id, listing_id=listing.id, consumer_id=order.consumer_id,
                    product_rating=product_rating, **fields)
    session.add(review)
    session.flush()
    return review
