"""What is in a cart, and whether it can be ordered as it is.

Two kinds of cart behave the same: ``CookieCart`` keeps a visitor's lines in the signed
session cookie (any mutable mapping; the view hands in Flask's ``session``), and
``AccountCart`` keeps a signed-in user's lines in ``cart_items``. Services take either.

Nothing is reserved here: quantities are checked against the stock and seats left each
time the cart is changed or shown, and again, atomically, when the order is placed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from ..accounts.models import User
from ..catalog.models import Listing, ListingKind, TourSlot
from ..catalog.queries import visible_listings
from ..db import utcnow
from ..errors import ValidationError
from .lines import MAX_LINES, MAX_QUANTITY, LineRequest
from .models import CartItem

COOKIE_KEY = "cart"

# Why a line cannot be ordered as it is; the pages say each in the reader's language.
UNAVAILABLE = "unavailable"        # unknown, inactive or withdrawn listing
SOLD_OUT = "sold_out"              # a product with no stock left
NOT_ENOUGH_STOCK = "not_enough_stock"
CHOOSE_DATE = "choose_date"        # a tour without a date, or with another tour's date
NO_DATE_FOR_PRODUCT = "no_date_for_product"
DATE_PASSED = "date_passed"
DATE_CLOSED = "date_closed"
DATE_FULL = "date_full"
NOT_ENOUGH_SEATS = "not_enough_seats"
GROUP_TOO_LARGE = "group_too_large"
BAD_QUANTITY = "bad_quantity"
CART_FULL = "cart_full"

Key = tuple[int, int | None]  # (listing_id, slot_id)


@dataclass(frozen=True)
class Problem:
    """Why a line cannot be ordered, and how many could be (``limit``), when that helps."""

    reason: str
    limit: int | None = None


class CartError(ValidationError):
    """A change to the cart that was refused; nothing changed. ``problem`` says why and
    ``title`` names the item (Thai title), so a page can say it in its own words."""

    def __init__(self, problem: Problem, *, title: str | None = None, in_cart: int = 0) -> None:
        super().__init__(f"The cart was not changed: {problem.reason}", code=problem.reason,
                         fields={"quantity": problem.reason}, limit=problem.limit)
        self.problem = problem
        self.title = title
        self.in_cart = in_cart


class Cart(Protocol):
    """A cart's lines: ``{(listing_id, slot_id): quantity}`` in the order they were added."""

    def quantities(self) -> dict[Key, int]: ...

    def put(self, key: Key, quantity: int) -> None: ...

    def drop(self, key: Key) -> None: ...


class CookieCart:
    """A visitor's cart in the signed session cookie: ``[[listing_id, slot_id or 0, quantity], ...]``.
    Anything malformed in the cookie is ignored."""

    def __init__(self, store: MutableMapping[str, Any]) -> None:
        self.store = store

    def quantities(self) -> dict[Key, int]:
        raw = self.store.get(COOKIE_KEY)
        lines: dict[Key, int] = {}
        if not isinstance(raw, list):
            return lines
        for entry in raw[:MAX_LINES]:
            if not (isinstance(entry, list) and len(entry) == 3 and all(type(v) is int for v in entry)):
                continue
            listing_id, slot_id, quantity = entry
            if listing_id > 0 and slot_id >= 0 and 1 <= quantity <= MAX_QUANTITY:
                lines[(listing_id, slot_id or None)] = quantity
        return lines

    def _save(self, lines: dict[Key, int]) -> None:
        if lines:
            self.store[COOKIE_KEY] = [[listing_id, slot_id or 0, quantity]
                                      for (listing_id, slot_id), quantity in lines.items()]
        else:
            self.store.pop(COOKIE_KEY, None)

    def put(self, key: Key, quantity: int) -> None:
        lines = self.quantities()
        lines[key] = quantity
        self._save(lines)

    def drop(self, key: Key) -> None:
        lines = self.quantities()
        lines.pop(key, None)
        self._save(lines)

    def clear(self) -> None:
        self.store.pop(COOKIE_KEY, None)


class AccountCart:
    """A signed-in user's cart in ``cart_items``."""

    def __init__(self, session: Session, user: User) -> None:
        self.session = session
        self.user = user

    def _items(self) -> list[CartItem]:
        return list(self.session.scalars(
            select(CartItem).where(CartItem.user_id == self.user.id).order_by(CartItem.added_at, CartItem.id)
        ))

    def _item(self, key: Key) -> CartItem | None:
        listing_id, slot_id = key
        slot_clause = CartItem.slot_id.is_(None) if slot_id is None else CartItem.slot_id == slot_id
        return self.session.scalar(
            select(CartItem).where(CartItem.user_id == self.user.id, CartItem.listing_id == listing_id, slot_clause)
        )

    def quantities(self) -> dict[Key, int]:
        return {(item.listing_id, item.slot_id): item.quantity for item in self._items()}

    def put(self, key: Key, quantity: int) -> None:
        item = self._item(key)
        if item is None:
            listing_id, slot_id = key
            self.session.add(CartItem(user_id=self.user.id, listing_id=listing_id, slot_id=slot_id,
                                      quantity=quantity, added_at=utcnow()))
        else:
            item.quantity = quantity
        self.session.flush()

    def drop(self, key: Key) -> None:
        listing_id, slot_id = key
        slot_clause = CartItem.slot_id.is_(None) if slot_id is None else CartItem.slot_id == slot_id
        self.session.execute(
            delete(CartItem).where(CartItem.user_id == self.user.id, CartItem.listing_id == listing_id, slot_clause)
            .execution_options(synchronize_session="fetch")
        )


# --- reading a cart ------------------------------------------------------------------------------------

@dataclass
class CartLine:
    """One line as the cart page shows it. ``listing`` is None when it is no longer on sale."""

    listing_id: int
    slot_id: int | None
    quantity: int
    listing: Listing | None
    slot: TourSlot | None
    problem: Problem | None

    @property
    def key(self) -> Key:
        return (self.listing_id, self.slot_id)

    @property
    def orderable(self) -> bool:
        return self.problem is None

    @property
    def total_satang(self) -> int:
        return self.listing.price_satang * self.quantity if self.listing is not None else 0

    @property
    def limit(self) -> int:
        """The most that could go in the cart now (0 when none)."""
        return orderable_limit(self.listing, self.slot) if self.listing is not None else 0


@dataclass
class CartContents:
    lines: list[CartLine]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def items_satang(self) -> int:
        return sum(line.total_satang for line in self.lines if line.orderable)

    @property
    def has_problems(self) -> bool:
        return any(not line.orderable for line in self.lines)

    @property
    def orderable_lines(self) -> tuple[LineRequest, ...]:
        return tuple(LineRequest(line.listing_id, line.quantity, line.slot_id)
                     for line in self.lines if line.orderable)


def orderable_limit(listing: Listing, slot: TourSlot | None) -> int:
    """How many of ``listing`` (on ``slot``, for a tour) one order may hold right now:
    the stock left, or the seats left capped by the tour's group size, and never more
    than ``MAX_QUANTITY``."""
    if listing.kind is ListingKind.PRODUCT:
        return max(0, min(listing.stock or 0, MAX_QUANTITY))
    if slot is None:
        return 0
    limit = min(slot.available, MAX_QUANTITY)
    if listing.max_group is not None:
        limit = min(limit, listing.max_group)
    return max(0, limit)


def check_line(listing: Listing | None, slot_id: int | None, slot: TourSlot | None, quantity: int, *,
               today: dt.date) -> Problem | None:
    """Why ``quantity`` of ``listing`` (on the slot, for a tour) cannot be ordered now,
    or None when it can. ``listing`` is None for anything not on sale."""
    if listing is None:
        return Problem(UNAVAILABLE)
    if not 1 <= quantity <= MAX_QUANTITY:
        return Problem(BAD_QUANTITY, MAX_QUANTITY)
    if listing.kind is ListingKind.PRODUCT:
        if slot_id is not None:
            return Problem(NO_DATE_FOR_PRODUCT)
        stock = listing.stock or 0
        if stock <= 0:
            return Problem(SOLD_OUT, 0)
        if quantity > stock:
            return Problem(NOT_ENOUGH_STOCK, stock)
        return None
    if slot is None or slot.listing_id != listing.id:
        return Problem(CHOOSE_DATE)
    if slot.date < today:
        return Problem(DATE_PASSED)
    if slot.closed:
        return Problem(DATE_CLOSED)
    if listing.max_group is not None and quantity > listing.max_group:
        return Problem(GROUP_TOO_LARGE, listing.max_group)
    if slot.available <= 0:
        return Problem(DATE_FULL, 0)
    if quantity > slot.available:
        return Problem(NOT_ENOUGH_SEATS, slot.available)
    return None


def _load(session: Session, keys: list[Key] | set[Key]) -> tuple[dict[int, Listing], dict[int, TourSlot]]:
    """The listings on sale and the slots that ``keys`` name, in two queries."""
    listing_ids = {listing_id for listing_id, _slot in keys}
    slot_ids = {slot_id for _listing, slot_id in keys if slot_id is not None}
    listings = {}
    if listing_ids:
        query = visible_listings().where(Listing.id.in_(listing_ids)).options(selectinload(Listing.images))
        listings = {listing.id: listing for listing in session.scalars(query)}
    slots = {}
    if slot_ids:
        slots = {slot.id: slot for slot in session.scalars(select(TourSlot).where(TourSlot.id.in_(slot_ids)))}
    return listings, slots


def cart_contents(session: Session, cart: Cart, *, today: dt.date) -> CartContents:
    """Every line of ``cart`` with its listing, its date and, for a line that cannot be
    ordered as it is (withdrawn, sold out, too many, date passed or full…), the problem."""
    quantities = cart.quantities()
    listings, slots = _load(session, set(quantities))
    lines = []
    for (listing_id, slot_id), quantity in quantities.items():
        listing = listings.get(listing_id)
        slot = slots.get(slot_id) if slot_id is not None else None
        if slot is not None and slot.listing_id != listing_id:
            slot = None
        lines.append(CartLine(listing_id, slot_id, quantity, listing, slot,
                              check_line(listing, slot_id, slot, quantity, today=today)))
    return CartContents(lines)


# --- changing a cart -----------------------------------------------------------------------------------

def _checked(session: Session, cart: Cart, listing_id: int, slot_id: int | None, quantity: int, *,
             today: dt.date, in_cart: int = 0) -> None:
    listings, slots = _load(session, {(listing_id, slot_id)})
    listing = listings.get(listing_id)
    slot = slots.get(slot_id) if slot_id is not None else None
    problem = check_line(listing, slot_id, slot, quantity, today=today)
    if problem is not None:
        raise CartError(problem, title=listing.title_th if listing else None, in_cart=in_cart)


def add_item(session: Session, cart: Cart, listing_id: int, slot_id: int | None, quantity: int, *,
             today: dt.date) -> int:
    """Add ``quantity`` of a listing (a tour needs ``slot_id``) to what the cart holds.
    Returns the line's new quantity. Raises ``CartError`` (nothing changed) when the
    listing is not on sale, the date is wrong, passed, closed or full, or the line
    would hold more than the stock, the seats left, the tour's group size or 99."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CartError(Problem(BAD_QUANTITY, MAX_QUANTITY))
    quantities = cart.quantities()
    key = (listing_id, slot_id)
    if key not in quantities and len(quantities) >= MAX_LINES:
        raise CartError(Problem(CART_FULL, MAX_LINES))
    in_cart = quantities.get(key, 0)
    _checked(session, cart, listing_id, slot_id, in_cart + quantity, today=today, in_cart=in_cart)
    cart.put(key, in_cart + quantity)
    return in_cart + quantity


def update_item(session: Session, cart: Cart, listing_id: int, slot_id: int | None, quantity: int, *,
                today: dt.date) -> int:
    """Set a line's quantity (0 removes it). Returns the new quantity. Raises
    ``CartError`` as ``add_item`` does; a line that is not in the cart is ``UNAVAILABLE``."""
    key = (listing_id, slot_id)
    quantities = cart.quantities()
    if key not in quantities:
        raise CartError(Problem(UNAVAILABLE))
    if quantity == 0:
        cart.drop(key)
        return 0
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CartError(Problem(BAD_QUANTITY, MAX_QUANTITY))
    _checked(session, cart, listing_id, slot_id, quantity, today=today, in_cart=quantities[key])
    cart.put(key, quantity)
    return quantity


def remove_item(cart: Cart, listing_id: int, slot_id: int | None) -> None:
    """Take a line out of the cart (nothing happens when it is not there)."""
    cart.drop((listing_id, slot_id))


def remove_ordered(cart: Cart, lines: tuple[LineRequest, ...] | list[LineRequest]) -> None:
    """Take the lines just ordered out of the cart; the rest stays for later."""
    for line in lines:
        cart.drop((line.listing_id, line.slot_id))


@dataclass(frozen=True)
class MergeResult:
    merged: int     # lines added to the account's cart or increased
    adjusted: int   # lines capped to what is left, or left out because nothing is


def merge_session_cart(session: Session, user: User, cookie_cart: CookieCart, *, today: dt.date) -> MergeResult:
    """Move a visitor's cookie cart into ``user``'s account cart when they sign in or up:
    quantities of the same line are added, then capped by the stock or seats left, the
    tour's group size and 99; lines that cannot be ordered at all are left out. The
    cookie cart is emptied. Flushes; the caller commits."""
    incoming = cookie_cart.quantities()
    if not incoming:
        return MergeResult(0, 0)
    account = AccountCart(session, user)
    existing = account.quantities()
    listings, slots = _load(session, set(incoming))
    merged = adjusted = 0
    for key, quantity in incoming.items():
        listing_id, slot_id = key
        listing = listings.get(listing_id)
        slot = slots.get(slot_id) if slot_id is not None else None
        if listing is None or check_line(listing, slot_id, slot, 1, today=today) is not None:
            adjusted += 1
            continue
        if key not in existing and len(existing) >= MAX_LINES:
            adjusted += 1
            continue
        wanted = existing.get(key, 0) + quantity
        target = min(wanted, orderable_limit(listing, slot))
        if target < wanted:
            adjusted += 1
        if target > existing.get(key, 0):
            account.put(key, target)
            existing[key] = target
            merged += 1
    cookie_cart.clear()
    return MergeResult(merged, adjusted)
