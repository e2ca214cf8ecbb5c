"""Model objects → the JSON shapes of the API contract.

Field names here are the contract's and never change; new fields may be added.
The matching JSON schemas for the OpenAPI document live in ``openapi.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..accounts.models import User
from ..catalog.images import media_url
from ..catalog.models import Category, Listing, ListingImage, ListingKind
from ..catalog.queries import Rating
from ..companies.models import Province, ProvincialCompany
from ..fulfilment.services import is_late
from ..pagination import Page
from ..payments.promptpay import promptpay_payload

CURRENCY = "THB"


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with its UTC offset (the columns are timezone-aware)."""
    return moment.isoformat() if moment is not None else None


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "roles": sorted(role.value for role in user.roles),
        "enterprise_ids": sorted(member.enterprise_id for member in user.memberships),
        "company_id": user.company_id,
    }


def image_json(image: ListingImage) -> dict[str, Any]:
    return {
        "id": image.id,
        "url": media_url(image.large_key),
        "thumb_url": media_url(image.thumb_key),
        "width": image.width,
        "height": image.height,
    }


def listing_json(listing: Listing, rating: Rating | None = None) -> dict[str, Any]:
    enterprise = listing.enterprise
    rating = rating or Rating(None, 0)
    data: dict[str, Any] = {
        "id": listing.id,
        "kind": listing.kind.value,
        "status": listing.status.value,
        "category": listing.category.slug,
        "title_th": listing.title_th,
        "title_en": listing.title_en,
        "description_th": listing.description_th,
        "description_en": listing.description_en,
        "price_satang": listing.price_satang,
        "currency": CURRENCY,
    }
    if listing.kind is ListingKind.PRODUCT:
        data["stock"] = listing.stock
    else:
        data["duration_hours"] = listing.duration_hours
        data["max_group"] = listing.max_group
        data["meeting_point"] = listing.meeting_point
    data.update({
        "enterprise": {
            "id": enterprise.id,
            "name_th": enterprise.name_th,
            "province_code": enterprise.province_code,
            "otop_stars": enterprise.otop_stars,
        },
        "images": [image_json(image) for image in listing.images],
        "rating": {"average": rating.average, "count": rating.count},
        "created_at": iso(listing.created_at),
        "updated_at": iso(listing.updated_at),
    })
    return data


def listings_page_json(page: Page[Listing], ratings: dict[int, Rating]) -> dict[str, Any]:
    return {
        "items": [listing_json(listing, ratings.get(listing.id)) for listing in page.items],
        "next_cursor": page.next_cursor,
    }


def company_brief_json(company: ProvincialCompany | None) -> dict[str, Any] | None:
    if company is None:
        return None
    return {"id": company.id, "name_th": company.name_th, "active": company.active}


def province_json(province: Province) -> dict[str, Any]:
    return {
        "code": province.code,
        "name_th": province.name_th,
        "name_en": province.name_en,
        "region": province.region.value,
        "company": company_brief_json(province.company),
    }


def district_json(district) -> dict[str, Any]:
    """A geothai district."""
    return {"code": district.code, "name_th": district.name_th, "name_en": district.name_en}


def subdistrict_json(subdistrict) -> dict[str, Any]:
    """A geothai subdistrict, with the postal codes it is served by."""
    return {
        "code": subdistrict.code,
        "name_th": subdistrict.name_th,
        "name_en": subdistrict.name_en,
        "postal_codes": list(subdistrict.postal_codes),
    }


def category_json(category: Category) -> dict[str, Any]:
    return {
        "slug": category.slug,
        "name_th": category.name_th,
        "name_en": category.name_en,
        "kind": category.kind.value,
    }


def member_json(user: User) -> dict[str, Any]:
    """A producer who manages an enterprise, as its other members and staff see them."""
    return {"id": user.id, "name": user.name, "email": user.email}


def enterprise_json(enterprise, *, private: bool = False) -> dict[str, Any]:
    """A community enterprise. ``private`` (its members, the staff of its province, admins)
    adds the registration number, PromptPay ID, status reason and members."""
    data: dict[str, Any] = {
        "id": enterprise.id,
        "name_th": enterprise.name_th,
        "name_en": enterprise.name_en,
        "province_code": enterprise.province_code,
        "district_code": enterprise.district_code,
        "subdistrict_code": enterprise.subdistrict_code,
        "otop_stars": enterprise.otop_stars,
        "status": enterprise.status.value,
        "description_th": enterprise.description_th,
        "description_en": enterprise.description_en,
        "created_at": iso(enterprise.created_at),
    }
    if private:
        members = sorted((member.user for member in enterprise.members), key=lambda user: user.id)
        data.update({
            "registration_no": enterprise.registration_no,
            "promptpay_id": enterprise.promptpay_id,
            "status_reason": enterprise.status_reason,
            "status_changed_at": iso(enterprise.status_changed_at),
            "member_ids": [user.id for user in members],
            "members": [member_json(user) for user in members],
        })
    return data


def enterprises_page_json(page: Page, *, private: bool = True) -> dict[str, Any]:
    return {"items": [enterprise_json(item, private=private) for item in page.items],
            "next_cursor": page.next_cursor}


def slot_json(slot) -> dict[str, Any]:
    """A tour's dated departure (``TourSlot``); ``available`` is 0 when it is closed."""
    return {
        "id": slot.id,
        "date": slot.date.isoformat(),
        "capacity": slot.capacity,
        "available": slot.available,
        "seats_taken": slot.seats_taken,
        "closed": slot.closed,
    }


def fulfilment_json(fulfilment, *, now: dt.datetime, with_buyer: bool = False) -> dict[str, Any]:
    """The contract's ``fulfilment``; company staff also get the buyer's contact and address."""
    company = fulfilment.company
    data: dict[str, Any] = {
        "id": fulfilment.id,
        "order_id": fulfilment.order_id,
        "kind": fulfilment.kind.value,
        "status": fulfilment.status.value,
        "company": {"id": company.id, "name_th": company.name_th, "province_code": company.province_code},
        "carrier": fulfilment.carrier.value if fulfilment.carrier else None,
        "tracking_number": fulfilment.tracking_number,
        "lines": [
            {
                "id": line.id,
                "listing_id": line.listing_id,
                "enterprise_id": line.enterprise_id,
                "title_th": line.title_th,
                "title_en": line.title_en,
                "quantity": line.quantity,
                "unit_price_satang": line.unit_price_satang,
                "line_total_satang": line.line_total_satang,
                "slot_id": line.slot_id,
                "slot_date": line.slot_date.isoformat() if line.slot_date else None,
                "received_at": iso(line.received_at),
            }
            for line in fulfilment.lines
        ],
        "subtotal_satang": fulfilment.subtotal_satang,
        "shipping_satang": fulfilment.shipping_satang,
        "cod_amount_satang": fulfilment.cod_amount_satang,
        "currency": CURRENCY,
        "late": is_late(fulfilment, now),
        "cancel_reason": fulfilment.cancel_reason,
    }
    if with_buyer:
        order = fulfilment.order
        data["buyer"] = {
            "name": order.ship_name, "phone": order.ship_phone, "email": order.consumer.email,
            "address": {"line1": order.ship_line1, "subdistrict_code": order.ship_subdistrict_code,
                        "postal_code": order.ship_postal_code},
        }
    return data


def payment_json(payment, *, promptpay_id: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "method": payment.method.value,
        "status": payment.status.value,
        "amount_satang": payment.amount_satang,
        "refunded_satang": payment.refunded_satang,
        "currency": payment.currency,
    }
    if payment.intent_id:
        data["intent_id"] = payment.intent_id
        data["client_secret"] = payment.client_secret
    # the QR payload only while the order can still be paid: never invite a transfer
    # for an expired or cancelled order (the admin would have to send it back)
    if payment.provider == "promptpay_manual" and promptpay_id and payment.status.value == "pending" \
            and payment.order.status.value == "awaiting_payment":
        try:
            data["promptpay_payload"] = promptpay_payload(promptpay_id, payment.amount_satang)
        except ValueError:  # a PROMPTPAY_ID that is not one: no QR code rather than no order
            pass
    if payment.failure_message:
        data["failure_message"] = payment.failure_message
    return data


def order_json(order, *, now: dt.datetime, promptpay_id: str | None = None) -> dict[str, Any]:
    """The contract's ``order``."""
    payment = order.payments[-1] if order.payments else None
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status.value,
        "items_satang": order.items_satang,
        "shipping_satang": order.shipping_satang,
        "total_satang": order.total_satang,
        "currency": order.currency,
        "created_at": iso(order.created_at),
        "expires_at": iso(order.expires_at),
        "shipping_address": {
            "name": order.ship_name, "phone": order.ship_phone, "line1": order.ship_line1,
            "subdistrict_code": order.ship_subdistrict_code, "postal_code": order.ship_postal_code,
        },
        "payment": payment_json(payment, promptpay_id=promptpay_id) if payment else None,
        "fulfilments": [fulfilment_json(f, now=now) for f in order.fulfilments],
    }
