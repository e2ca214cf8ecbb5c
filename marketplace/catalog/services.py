"""Listings: a producer creates, edits, publishes, unpublishes, archives and deletes
the products and tours of their own enterprises.

The pages (``catalog.manage``) and the API (``api.catalog``) call these functions
with plain values: prices arrive as integer satang (the pages parse baht text with
``money.parse_baht`` first) and integers as ``int`` — a ``bool``, ``float`` or string
is refused, never coerced. Every function checks that the actor manages the listing's
enterprise (``NotFound`` otherwise, so another producer cannot tell the listing
exists), validates everything before changing anything, flushes, and never commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..enterprises.models import CommunityEnterprise
from ..enterprises.queries import enterprise_for_member
from ..enterprises.services import ensure_can_publish
from ..errors import Conflict, InvalidTransition, NotFound, ValidationError
from .models import Category, Listing, ListingKind, ListingStatus
from .queries import is_member, listing_was_ordered

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
MEETING_POINT_MAX = 300
# A unit price above a million baht is a typing mistake for an OTOP product, and the
# bound keeps ``price × quantity`` of an order line far inside a 32-bit integer column.
MAX_PRICE_SATANG = 1_000_000_00
# (lowest, highest) accepted for each whole-number field other than the price.
INTEGER_LIMITS: dict[str, tuple[int, int]] = {
    "stock": (0, 1_000_000),
    "low_stock_threshold": (0, 1_000_000),
    "duration_hours": (1, 720),
    "max_group": (1, 1_000),
}
PRODUCT_ONLY = ("stock", "low_stock_threshold")
TOUR_ONLY = ("duration_hours", "max_group", "meeting_point")
EDITABLE_FIELDS = frozenset({
    "category", "title_th", "title_en", "description_th", "description_en", "price_satang",
    "stock", "low_stock_threshold", "duration_hours", "max_group", "meeting_point", "status",
})
# Fields fixed at creation: an update may repeat their value but not change it.
FIXED_FIELDS = frozenset({"kind", "enterprise_id"})

# The reasons given in ``ValidationError.fields``; the pages translate them.
REQUIRED = "required"
NOT_TEXT = "must be text"
CONTROL_CHARACTERS = "must not contain control characters"
UNKNOWN_CATEGORY = "unknown category"
RETIRED_CATEGORY = "retired category: it takes no new listings"
PRODUCT_CATEGORY = "must be a product category"
TOUR_CATEGORY = "must be a tour category"
NOT_A_KIND = "product or tour"
FIXED = "cannot change after creation"
PRODUCTS_ONLY = "products only"
TOURS_ONLY = "tours only"
CREATE_STATUSES = "draft or active"
UPDATE_STATUSES = "draft, active or archived"
NOT_AN_ENTERPRISE_ID = "must be the id of one of your enterprises"


def too_long(limit: int) -> str:
    return f"at most {limit} characters"


def whole_number_between(low: int, high: int) -> str:
    return f"must be a whole number from {low} to {high}"


PRICE_RANGE = whole_number_between(0, MAX_PRICE_SATANG)

# Which status a listing may move to from each status. A listing leaves the archive as a
# draft, so that it is looked over before it is shown again.
STATUS_MOVES: dict[ListingStatus, frozenset[ListingStatus]] = {
    ListingStatus.DRAFT: frozenset({ListingStatus.ACTIVE, ListingStatus.ARCHIVED}),
    ListingStatus.ACTIVE: frozenset({ListingStatus.DRAFT, ListingStatus.ARCHIVED}),
    ListingStatus.ARCHIVED: frozenset({ListingStatus.DRAFT}),
}


# -- checking values ------------------------------------------------------------------------------

def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, limit: int, *, multiline: bool) -> tuple[str | None, str | None]:
    """``(cleaned, problem)``: surrounding space stripped, blank → ``None``."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, NOT_TEXT
    cleaned = value.strip()
    if multiline:
        cleaned = cleaned.replace("\r\n", "\n")
    allowed = "\n\t" if multiline else ""
    if any((ord(char) < 0x20 and char not in allowed) or ord(char) == 0x7F for char in cleaned):
        return None, CONTROL_CHARACTERS
    if len(cleaned) > limit:
        return None, too_long(limit)
    return cleaned or None, None


def _whole_number(value: Any, low: int, high: int) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if not _is_whole_number(value) or not low <= value <= high:
        return None, whole_number_between(low, high)
    return value, None


def _category(session: Session, value: Any, kind: ListingKind, current: Category | None
              ) -> tuple[Category | None, str | None]:
    """The category a slug names, for a listing of ``kind`` now in ``current`` (``None``
    when it is being created): a retired category only as the one it already has."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, REQUIRED
    if not isinstance(value, str):
        return None, NOT_TEXT
    found = session.scalar(select(Category).where(Category.slug == value.strip()))
    if found is None:
        return None, UNKNOWN_CATEGORY
    if found.retired and found is not current:
        return None, RETIRED_CATEGORY
    if found.kind != kind:
        return None, PRODUCT_CATEGORY if kind is ListingKind.PRODUCT else TOUR_CATEGORY
    return found, None


def _clean(session: Session, kind: ListingKind, fields: Mapping[str, Any], *, creating: bool,
           current: Category | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The model attributes to set from ``fields`` (only those given), and the problems.

    Creating, the Thai title and description, the category and the price are required,
    and so is a tour's duration; a product's stock defaults to 0. Updating, a required
    field may be left out but not emptied. A retired category is refused unless it is
    ``current``, the category the listing has.
    """
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}

    def required(name: str) -> bool:
        return name in fields or creating

    if required("category"):
        values["category"], problem = _category(session, fields.get("category"), kind, current)
        if problem:
            problems["category"] = problem
    for name, limit, multiline, needed in (
        ("title_th", TITLE_MAX, False, True),
        ("title_en", TITLE_MAX, False, False),
        ("description_th", DESCRIPTION_MAX, True, True),
        ("description_en", DESCRIPTION_MAX, True, False),
    ):
        if name not in fields and not (needed and creating):
            continue
        values[name], problem = _text(fields.get(name), limit, multiline=multiline)
        if problem is None and needed and values[name] is None:
            problem = REQUIRED
        if problem:
            problems[name] = problem
    if required("price_satang"):
        price = fields.get("price_satang")
        values["price_satang"], problem = _whole_number(price, 0, MAX_PRICE_SATANG)
        if price is None:
            problem = REQUIRED
        if problem:
            problems["price_satang"] = problem

    def whole_number(name: str, *, needed: bool) -> None:
        if name not in fields:
            return
        value = fields[name]
        values[name], problem = _whole_number(value, *INTEGER_LIMITS[name])
        if value is None and needed:
            problem = REQUIRED
        if problem:
            problems[name] = problem

    if kind is ListingKind.PRODUCT:
        problems.update({name: TOURS_ONLY for name in TOUR_ONLY if fields.get(name) is not None})
        if creating and "stock" not in fields:
            values["stock"] = 0
        whole_number("stock", needed=True)
        whole_number("low_stock_threshold", needed=True)
    else:
        problems.update({name: PRODUCTS_ONLY for name in PRODUCT_ONLY if fields.get(name) is not None})
        if creating and "duration_hours" not in fields:
            problems["duration_hours"] = REQUIRED
        whole_number("duration_hours", needed=True)
        whole_number("max_group", needed=False)
        if "meeting_point" in fields:
            values["meeting_point"], problem = _text(fields["meeting_point"], MEETING_POINT_MAX, multiline=False)
            if problem:
                problems["meeting_point"] = problem
    return values, problems


def _status(value: Any, allowed: tuple[ListingStatus, ...], reason: str, problems: dict[str, str]
            ) -> ListingStatus | None:
    if value is None:
        return None
    if value not in [status.value for status in allowed]:
        problems["status"] = reason
        return None
    return ListingStatus(value)


def _check_names(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected listing fields: {', '.join(sorted(unknown))}")


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError("Please correct the highlighted fields", fields=problems)


def _ensure_manages(session: Session, actor: User, listing: Listing) -> None:
    if not is_member(session, actor, listing.enterprise_id):
        raise NotFound("Listing not found")


def _move(listing: Listing, to: ListingStatus) -> None:
    """Change the status along ``STATUS_MOVES``; staying put is a no-op. Raises
    ``InvalidTransition`` for a move the table lacks and ``Conflict``
    (``enterprise_not_approved``) for publishing while the enterprise is not approved."""
    if listing.status == to:
        return
    if to not in STATUS_MOVES[listing.status]:
        raise InvalidTransition(
            f"A listing that is {listing.status.value} cannot become {to.value}",
            current=listing.status.value, to=to.value,
        )
    if to is ListingStatus.ACTIVE:
        ensure_can_publish(listing.enterprise)
    listing.status = to


# -- the services ---------------------------------------------------------------------------------

def listing_problems(session: Session, kind: ListingKind, fields: Mapping[str, Any],
                     listing: Listing | None = None) -> dict[str, str]:
    """What is wrong with the given ``fields`` of a listing of ``kind`` (``listing``, when
    it exists already), changing nothing.

    The pages use it to name every problem at once when they could not even read some
    values (those are left out, and so not reported again here)."""
    _check_names(fields, EDITABLE_FIELDS)
    return _clean(session, kind, fields, creating=False, current=listing.category if listing else None)[1]


def create_listing(session: Session, actor: User, enterprise_id: Any, **fields: Any) -> Listing:
    """A new listing of one of ``actor``'s enterprises, a draft unless ``status`` is
    ``"active"``.

    ``fields``: ``kind`` ("product" or "tour", required), ``category`` (a slug of that
    kind), ``title_th``, ``title_en``, ``description_th``, ``description_en``,
    ``price_satang``, ``stock`` and ``low_stock_threshold`` (products),
    ``duration_hours``, ``max_group`` and ``meeting_point`` (tours), ``status``.
    Raises ``NotFound`` when ``enterprise_id`` is not one of ``actor``'s enterprises,
    ``ValidationError`` naming every bad field (a retired category among them), and ``Conflict``
    (``enterprise_not_approved``) when asked to publish for an enterprise that is not
    approved. Nothing is written unless everything is valid.
    """
    _check_names(fields, EDITABLE_FIELDS | {"kind"})
    if enterprise_id is None:
        raise ValidationError("Please correct the highlighted fields", fields={"enterprise_id": REQUIRED})
    if not _is_whole_number(enterprise_id):
        raise ValidationError("Please correct the highlighted fields",
                              fields={"enterprise_id": NOT_AN_ENTERPRISE_ID})
    enterprise: CommunityEnterprise = enterprise_for_member(session, actor, enterprise_id)
    kind_value = fields.get("kind")
    if not isinstance(kind_value, str) or kind_value not in [kind.value for kind in ListingKind]:
        raise ValidationError("Please correct the highlighted fields",
                              fields={"kind": REQUIRED if kind_value is None else NOT_A_KIND})
    kind = ListingKind(kind_value)
    values, problems = _clean(session, kind, fields, creating=True)
    status = _status(fields.get("status"), (ListingStatus.DRAFT, ListingStatus.ACTIVE), CREATE_STATUSES, problems)
    _refuse(problems)
    if status is ListingStatus.ACTIVE:
        ensure_can_publish(enterprise)
    listing = Listing(enterprise=enterprise, kind=kind, status=status or ListingStatus.DRAFT, **values)
    session.add(listing)
    session.flush()
    return listing


def update_listing(session: Session, actor: User, listing: Listing, **fields: Any) -> Listing:
    """Change the given fields of ``listing`` (see ``create_listing`` for them); a
    ``status`` among them moves it as ``publish``/``unpublish``/``archive`` would.

    ``kind`` and ``enterprise_id`` may be sent but not changed. A listing keeps a
    category that was retired after it was put there, but cannot move into a retired
    one. Raises ``NotFound`` unless ``actor`` manages the listing's enterprise,
    ``ValidationError`` naming every bad field, ``InvalidTransition`` for a status move that is not allowed and
    ``Conflict`` (``enterprise_not_approved``) for publishing while the enterprise is
    not approved. Nothing changes unless everything is valid.
    """
    _check_names(fields, EDITABLE_FIELDS | FIXED_FIELDS)
    _ensure_manages(session, actor, listing)
    values, problems = _clean(session, listing.kind, fields, creating=False, current=listing.category)
    if "kind" in fields and fields["kind"] != listing.kind.value:
        problems["kind"] = FIXED
    if "enterprise_id" in fields and (not _is_whole_number(fields["enterprise_id"])
                                      or fields["enterprise_id"] != listing.enterprise_id):
        problems["enterprise_id"] = FIXED
    status = _status(fields.get("status"), tuple(ListingStatus), UPDATE_STATUSES, problems)
    if "status" in fields and fields["status"] is None:
        problems["status"] = UPDATE_STATUSES
    _refuse(problems)
    if status is not None:
        _move(listing, status)
    for name, value in values.items():
        setattr(listing, name, value)
    session.flush()
    return listing


def publish(session: Session, actor: User, listing: Listing) -> Listing:
    """Show ``listing`` in the storefront. Raises ``NotFound`` unless ``actor``
    manages it, ``Conflict`` (``enterprise_not_approved``) while its enterprise is not
    approved, and ``InvalidTransition`` for an archived listing (restore it as a draft
    first)."""
    _ensure_manages(session, actor, listing)
    _move(listing, ListingStatus.ACTIVE)
    session.flush()
    return listing


def unpublish(session: Session, actor: User, listing: Listing) -> Listing:
    """Take ``listing`` back to a draft, out of the storefront (also the way out of the
    archive). Raises ``NotFound`` unless ``actor`` manages it."""
    _ensure_manages(session, actor, listing)
    _move(listing, ListingStatus.DRAFT)
    session.flush()
    return listing


def archive(session: Session, actor: User, listing: Listing) -> Listing:
    """Hide ``listing`` for good while keeping it (and the order lines that name it).
    Raises ``NotFound`` unless ``actor`` manages it."""
    _ensure_manages(session, actor, listing)
    _move(listing, ListingStatus.ARCHIVED)
    session.flush()
    return listing


def delete_listing(session: Session, actor: User, listing: Listing) -> None:
    """Delete a listing that was never ordered, with its photo records and tour dates.

    Raises ``NotFound`` unless ``actor`` manages it and ``Conflict``
    (``listing_ordered``) when an order line names it: such a listing is archived
    instead, so that orders, reports and reviews keep pointing at it. The photo files
    stay in storage (their content-hash names may be shared with other listings).
    """
    _ensure_manages(session, actor, listing)
    # Lock the row, so that no order can name it between the check and the delete.
    session.execute(select(Listing.id).where(Listing.id == listing.id).with_for_update())
    if listing_was_ordered(session, listing.id):
        raise Conflict("This listing has been ordered, so it cannot be deleted. Archive it instead.",
                       code="listing_ordered")
    for slot in listing.slots:  # none has seats taken: seats are only taken by order lines
        session.delete(slot)
    session.delete(listing)
    session.flush()
