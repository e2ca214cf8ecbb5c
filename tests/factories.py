"""Plain factory functions: each builds one object with sensible defaults, adds it
to the session and flushes. Pass keyword arguments to override any field."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

import geothai
from sqlalchemy import select

from marketplace.accounts.models import Role, User
from marketplace.accounts.passwords import hash_password
from marketplace.catalog.models import Category, Listing, ListingKind, ListingStatus, TourSlot
from marketplace.companies.models import ProvincialCompany
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from marketplace.reports.earned import record_earned_sales

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
    from marketplace.fulfilment.models import Fulfilment
    from marketplace.fulfilment.states import FulfilmentKind, FulfilmentStatus
    from marketplace.orders.models import Order, OrderLine
    from marketplace.orders.services import fulfilling_company
    from marketplace.orders.states import OrderStatus
    from marketplace.payments.models import PaymentMethod

    consumer = consumer or make_user(session)
    items = items or [(make_listing(session), 1)]
    order = Order(
        number=fields.pop("number", f"OT{next(_seq):08d}"), consumer=consumer,
        status=order_status or OrderStatus.PLACED, payment_method=PaymentMethod(payment_method or "cod"),
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
    session.add(_payment_of(order))
    session.flush()
    return order


def _payment_of(order):
    """The payment the checkout creates with an order: cash due on delivery, or a
    payment by card or PromptPay that is pending until the order is paid."""
    from marketplace.orders.states import OrderStatus
    from marketplace.payments.models import Payment, PaymentMethod
    from marketplace.payments.states import PaymentStatus

    if order.payment_method is PaymentMethod.COD:
        provider, status = "cod", PaymentStatus.DUE_ON_DELIVERY
    else:
        provider = "promptpay_manual" if order.payment_method is PaymentMethod.PROMPTPAY else "stripe"
        status = PaymentStatus.PENDING if order.status is OrderStatus.AWAITING_PAYMENT else PaymentStatus.SUCCEEDED
    return Payment(order=order, method=order.payment_method, provider=provider, amount_satang=order.total_satang,
                   currency="THB", status=status)


def make_review(session, listing: Listing, product_rating: int, **fields):
    """A review of ``listing`` on a delivered order of its own."""
    from marketplace.fulfilment.states import FulfilmentStatus
    from marketplace.orders.models import Review
    from marketplace.orders.states import OrderStatus

    order = make_order(session, items=[(listing, 1)], order_status=OrderStatus.COMPLETED,
                       fulfilment_status=FulfilmentStatus.DELIVERED)
    review = Review(order_line_id=order.lines[0].id, listing_id=listing.id, consumer_id=order.consumer_id,
                    product_rating=product_rating, **fields)
    session.add(review)
    session.flush()
    return review


def make_sale(session, listing: Listing, quantity: int = 1, *, status=None, done_at: dt.datetime | None = None,
              commission_bps: int | None = None, ordered_at: dt.datetime | None = None, **fields):
    """An order of ``quantity`` × ``listing`` whose one fulfilment is at ``status``
    (default delivered), finished at ``done_at``, at ``commission_bps`` (default the
    company's rate); ``ordered_at`` sets the order's creation time. Returns the order."""
    from marketplace.fulfilment.states import FINAL_STATUSES, FulfilmentStatus
    from marketplace.orders.states import OrderStatus

    status = status or FulfilmentStatus.DELIVERED
    if ordered_at is not None:
        fields["created_at"] = ordered_at
    order = make_order(session, items=[(listing, quantity)], fulfilment_status=status,
                       order_status=OrderStatus.COMPLETED if status in FINAL_STATUSES else OrderStatus.PLACED,
                       **fields)
    fulfilment = order.fulfilments[0]
    fulfilment.done_at = done_at
    if commission_bps is not None:
        fulfilment.commission_bps = commission_bps
    record_earned_sales(session, [fulfilment.id])  # as delivering it through the workflow would
    return order


def listing_row(session, listing_id: int) -> dict | None:
    """The listing's row as stored (a Core read, not the identity map), to compare
    before and after a request or service that must change nothing."""
    table = Listing.__table__
    row = session.execute(select(table).where(table.c.id == listing_id)).mappings().one_or_none()
    return dict(row) if row is not None else None


# -- photos: real images drawn with Pillow ---------------------------------------------------------

def photo_bytes(size: tuple[int, int] = (800, 600), image_format: str = "JPEG", *, seed: int = 0, **params) -> bytes:
    """A photo-like picture (a gradient with shapes) encoded as ``image_format``; a
    different ``seed`` draws a different picture. ``params`` go to ``Image.save``
    (``exif=``, ``quality=``…)."""
    import io

    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 4):
        draw.rectangle((0, y, width, y + 3), fill=((40 + seed * 37 + y * 180 // height) % 256, 120,
                                                   200 - y * 150 // height))
    for index in range(12):
        x, y = (index * 97 + seed * 13) % width, (index * 61 + seed * 29) % height
        draw.ellipse((x, y, x + width // 6, y + height // 6), fill=(250 - index * 15, index * 20, (90 + seed) % 256))
    if image_format in ("GIF", "P"):
        image = image.convert("P")
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def gps_exif(orientation: int | None = None):
    """EXIF with a camera, an optional orientation and the GPS position of a producer's home."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 47.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (98.0, 59.0, 10.0)
    return exif


def png_bomb(width: int, height: int) -> bytes:
    """A valid one-bit PNG of ``width`` × ``height`` white pixels, written row by row so
    the test never holds the pixels: hundreds of megapixels in tens of kilobytes."""
    import struct
    import zlib

    def chunk(name: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + name + payload + struct.pack(">I", zlib.crc32(name + payload))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


# -- orders: a checkout body, placing through the service, a fake payment provider -----------------

CHECKOUT_ADDRESS = {"name": "สมหญิง ใจดี", "phone": "081-234-5678", "line1": "99/1 ถนนนิมมานเหมินท์",
                    "subdistrict_code": "500101", "postal_code": "50200"}


def checkout_body(*lines, payment_method: str = "cod", **address) -> dict:
    """The JSON body of ``POST /orders``: ``lines`` are ``(listing, quantity)`` or
    ``(listing, quantity, slot)``; ``address`` overrides fields of a Chiang Mai address."""
    raw_lines = []
    for listing, quantity, *slot in lines:
        line = {"listing_id": listing.id, "quantity": quantity}
        if slot and slot[0] is not None:
            line["slot_id"] = slot[0].id
        raw_lines.append(line)
    return {"lines": raw_lines, "shipping_address": {**CHECKOUT_ADDRESS, **address}, "payment_method": payment_method}


class FakeGateway:
    """A payment provider in memory (the ``PaymentGateway`` protocol): intents get
    made-up ids, and every refund asked for is remembered in ``refunds``."""

    provider = "fake"

    def __init__(self, methods=None) -> None:
        from marketplace.payments.models import PaymentMethod

        self.methods = frozenset(methods or {PaymentMethod.CARD, PaymentMethod.PROMPTPAY})
        self.refunds: list[tuple[str, int, str]] = []
        self._ids = itertools.count(1)

    def create_intent(self, *, amount_satang, currency, method, order_id, order_number):
        from marketplace.payments.gateway import Intent

        n = next(self._ids)
        return Intent(id=f"pi_fake_{order_id}_{n}", status="requires_payment_method", amount_satang=amount_satang,
                      currency=currency, client_secret=f"pi_fake_{order_id}_{n}_secret",
                      metadata={"order_id": str(order_id)})

    def confirm(self, intent_id, payment_method_id):
        from marketplace.payments.gateway import Intent

        return Intent(id=intent_id, status="processing", amount_satang=0, currency="THB")

    def refund(self, intent_id, amount_satang, *, idempotency_key):
        from marketplace.payments.gateway import ProviderRefund

        self.refunds.append((intent_id, amount_satang, idempotency_key))
        return ProviderRefund(id=f"re_fake_{len(self.refunds)}", status="succeeded", amount_satang=amount_satang)

    def parse_webhook(self, payload, signature):
        raise NotImplementedError("tests build WebhookEvent objects directly")


def sign_in(client, user) -> None:
    """Sign ``client`` in as ``user`` through the sign-in page."""
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code


def keyed(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with a fresh ``Idempotency-Key``, as every ``POST /orders`` must carry."""
    return {**headers, "Idempotency-Key": uuid.uuid4().hex}


def place(session, consumer: User, *lines, payment_method: str = "cod", now: dt.datetime | None = None,
          gateway=None, window: dt.timedelta | None = None, idempotency_key: str | None = None,
          **address):
    """Place an order through ``parse_checkout`` and ``place_order`` as the API does,
    at ``now`` (default: the current time). Returns the ``Order``."""
    from marketplace.clock import today_in_thailand
    from marketplace.db import utcnow
    from marketplace.orders.checkout import parse_checkout
    from marketplace.orders.services import place_order
    from marketplace.payments.providers import available_methods

    now = now or utcnow()
    methods = available_methods({"PROMPTPAY_ID": "0812345678"}, gateway)
    checkout = parse_checkout(checkout_body(*lines, payment_method=payment_method, **address),
                              available_methods=methods)
    placed = place_order(session, consumer, checkout, now=now, today=today_in_thailand(now), gateway=gateway,
                         payment_window=window or dt.timedelta(minutes=30),
                         idempotency_key=idempotency_key or uuid.uuid4().hex)
    return placed.order


# -- fulfilment: company staff, and fulfilments standing at a given status ------------------------

def make_staff(session, province_code: str | None = "50", **fields) -> User:
    """A member of staff of the province's company (``None``: of the national company)."""
    company = national_company(session) if province_code is None else company_of(session, province_code)
    return make_user(session, role=Role.COMPANY, company=company, **fields)


def stand_at(session, fulfilment, status, *, new_at: dt.datetime | None = None):
    """Put ``fulfilment`` at ``status`` as though it had got there by its moves (which
    this skips: no effects, no events): it became new at ``new_at`` (default now), its
    lines are received once it is past accepted, it was shipped with a carrier, and it
    is done when final. Returns the fulfilment."""
    from marketplace.db import utcnow
    from marketplace.fulfilment.states import FINAL_STATUSES, Carrier, FulfilmentStatus

    now = utcnow()
    fulfilment.status = status
    fulfilment.new_at = None if status is FulfilmentStatus.AWAITING_PAYMENT else (new_at or now)
    fulfilment.status_changed_at = now
    if status in (FulfilmentStatus.PACKED, FulfilmentStatus.SHIPPED, FulfilmentStatus.DELIVERED):
        for line in fulfilment.lines:
            line.received_at = now
    if status in (FulfilmentStatus.SHIPPED, FulfilmentStatus.DELIVERED):
        fulfilment.carrier, fulfilment.tracking_number, fulfilment.shipped_at = Carrier.KERRY, "KEX0001", now
    fulfilment.done_at = now if status in FINAL_STATUSES else None
    record_earned_sales(session, [fulfilment.id])
    return fulfilment
