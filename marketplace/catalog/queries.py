"""Reads of the catalogue shared by the pages and the API.

What the public may see is defined once, in ``visible_listings()``: an active listing
of an approved enterprise. Owners also see their own drafts (``listing_for_viewer``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator
from sqlalchemy import Select, case, column, exists, func, literal, select, table
from sqlalchemy.orm import Session, selectinload

from .. import geo
from ..accounts.models import User
from ..companies.models import Province
from ..enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from ..errors import NotFound, ValidationError
from ..geo import Region
from ..money import MAX_SATANG
from ..pagination import Page, SortKey, decode_cursor, paginate, parse_limit
from ..validation import Query, broken_rule, not_below, parse_query
from . import search
from .models import Category, Listing, ListingKind, ListingStatus, TourSlot

SORTS = ("relevance", "newest", "price_asc", "price_desc")


ID_MAX = 2**31 - 1  # ids are 32-bit integer columns
Price = Annotated[int, Field(ge=0, le=MAX_SATANG)]


def _known_province(code: str) -> str:
    if geo.province(code) is None:
        raise broken_rule("unknown province")
    return code


class ListingFilters(Query):
    """What the storefront may be narrowed by, with every rule on it: the pages and
    ``GET /api/v1/listings`` read their arguments with this model. Prices are satang.
    Whether ``category`` names a category is checked by ``search_listings``, which has
    the database."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    q: str | None = Field(default=None, max_length=100,
                          description="Words in the title or description (titles rank first)")
    province: Annotated[str, Field(pattern=r"^\d{2}$", examples=["50"]), AfterValidator(_known_province)] | None = (
        Field(default=None, description="Code of one of the 77 provinces (GET /provinces), where the producing "
                                        "enterprise is"))
    region: Region | None = Field(default=None, description="Region of that province")
    category: str | None = Field(default=None, max_length=40, description="Category slug (GET /categories)")
    kind: ListingKind | None = Field(default=None, description="product or tour")
    min_price: Price | None = Field(default=None, description="Lowest price, satang, inclusive")
    max_price: Price | None = Field(default=None, description="Highest price, satang, inclusive; not below "
                                                              "min_price")
    stars: Annotated[int, Field(ge=1, le=5)] | None = Field(default=None,
                                                            description="At least this many OTOP stars (verified)")
    enterprise_id: Annotated[int, Field(ge=1, le=ID_MAX)] | None = Field(
        default=None, alias="enterprise", description="Only this enterprise's listings")
    sort: Literal[SORTS] = Field(  # type: ignore[valid-type]
        default="relevance", description="relevance (title matches first, then newest), newest, price_asc, price_desc")

    _max_above_min = field_validator("max_price")(not_below("min_price", "below the lowest price"))


def parse_listing_filters(args: Mapping[str, str]) -> ListingFilters:
    """Filters from query-string arguments; ``ValidationError`` naming each bad one."""
    return parse_query(ListingFilters, args)


def _unknown_category() -> ValidationError:
    return ValidationError("Some filters are not valid", fields={"category": "unknown category"})


def visible_listings() -> Select[Listing]:
    """Active listings of approved enterprises: what the storefront shows."""
    return (
        select(Listing)
        .join(Listing.enterprise)
        .where(Listing.status == ListingStatus.ACTIVE, CommunityEnterprise.status == EnterpriseStatus.APPROVED)
    )


def _filtered(session: Session, query: Select[Listing], filters: ListingFilters) -> Select[Listing]:
    """``query`` narrowed by every filter but the text. ``ValidationError`` for a
    category slug that names no category."""
    if filters.province:
        query = query.where(CommunityEnterprise.province_code == filters.province)
    if filters.region:
        query = query.where(
            CommunityEnterprise.province_code.in_(select(Province.code).where(Province.region == filters.region))
        )
    if filters.category:
        category_id = session.scalar(select(Category.id).where(Category.slug == filters.category))
        if category_id is None:
            raise _unknown_category()
        query = query.where(Listing.category_id == category_id)
    if filters.kind:
        query = query.where(Listing.kind == filters.kind)
    if filters.min_price is not None:
        query = query.where(Listing.price_satang >= filters.min_price)
    if filters.max_price is not None:
        query = query.where(Listing.price_satang <= filters.max_price)
    if filters.stars:
        query = query.where(CommunityEnterprise.otop_stars >= filters.stars)
    if filters.enterprise_id:
        query = query.where(Listing.enterprise_id == filters.enterprise_id)
    return query


_NEWEST = [SortKey(Listing.created_at, descending=True, kind="datetime"), SortKey(Listing.id, descending=True)]
_ORDERS = {
    "newest": _NEWEST,
    "relevance": _NEWEST,
    "price_asc": [SortKey(Listing.price_satang), SortKey(Listing.id)],
    "price_desc": [SortKey(Listing.price_satang, descending=True), SortKey(Listing.id, descending=True)],
}
# How a page of a text search matched, carried first in its cursor so the next page
# continues the same way: literally (substrings), or by resemblance (typo fallback).
LITERALLY, BY_RESEMBLANCE = 0, 1


def _text_search_keys(sort: str, tier: int, rank: SortKey) -> list[SortKey]:
    return [SortKey(literal(tier)), *([rank] if sort == "relevance" else []), *_ORDERS[sort]]


def _page(session: Session, query: Select[Listing], keys: list[SortKey], cursor: str | None,
          limit: int) -> Page[Listing]:
    query = query.add_columns(*(key.column for key in keys)).options(selectinload(Listing.images))
    return paginate(session, query, keys, cursor=cursor, limit=limit)


def search_listings(session: Session, filters: ListingFilters, *, cursor: str | None = None,
                    limit: int | str | None = None) -> Page[Listing]:
    """One page of visible listings matching ``filters``, in the asked order.

    ``q`` is split at whitespace into terms; a listing matches when each term is a
    substring (Thai has no spaces between words) of one of its titles or descriptions,
    found through each database's trigram index (``catalog.search``). Relevance puts
    listings with every term in a title first, then the newest; without ``q`` it is
    the newest first. On PostgreSQL a Latin-alphabet ``q`` that matches nothing
    literally falls back to listings with a title that resembles it (a typo: ``silc``
    finds "silk"), most similar first for relevance; later pages of such a search stay
    in that mode through their cursor. ``q`` is bound as data, never spliced into SQL.
    Raises ``ValidationError`` for a category that does not exist, a malformed cursor
    or limit.
    """
    limit = limit if isinstance(limit, int) else parse_limit(limit)
    query = _filtered(session, visible_listings(), filters)
    terms = search.search_terms(filters.q or "")
    if not terms:
        return _page(session, query, _ORDERS[filters.sort], cursor, limit)

    dialect = session.get_bind().dialect.name
    title_first = SortKey(case((search.in_titles(dialect, terms), 0), else_=1))
    literal_keys = _text_search_keys(filters.sort, LITERALLY, title_first)
    matching = search.matches(dialect, terms, index_first=filters.sort != "relevance")
    q = " ".join(terms)
    if search.can_resemble(dialect, q):
        resemblance_keys = _text_search_keys(filters.sort, BY_RESEMBLANCE,
                                             SortKey(search.resemblance(q), descending=True))
        resembling = query.where(search.resembles(q))
        if cursor and decode_cursor(literal_keys, cursor)[0] == BY_RESEMBLANCE:
            return _page(session, resembling, resemblance_keys, cursor, limit)
        page = _page(session, query.where(matching), literal_keys, cursor, limit)
        if page.items or cursor:
            return page
        return _page(session, resembling, resemblance_keys, None, limit)
    return _page(session, query.where(matching), literal_keys, cursor, limit)


def is_member(session: Session, user: User | None, enterprise_id: int) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(session.scalar(select(exists().where(
        EnterpriseMember.user_id == user.id, EnterpriseMember.enterprise_id == enterprise_id
    ))))


def listing_for_viewer(session: Session, listing_id: int, viewer: User | None = None) -> Listing:
    """A listing the viewer may see: a visible one, or any of the viewer's own
    enterprises (drafts included). ``NotFound`` otherwise, never revealing it exists."""
    listing = session.scalar(
        select(Listing).where(Listing.id == listing_id).options(selectinload(Listing.images))
    )
    if listing is None:
        raise NotFound("Listing not found")
    public = listing.status == ListingStatus.ACTIVE and listing.enterprise.status == EnterpriseStatus.APPROVED
    if not public and not is_member(session, viewer, listing.enterprise_id):
        raise NotFound("Listing not found")
    return listing


def categories(session: Session) -> list[Category]:
    """Every category, retired ones too, in the storefront's order."""
    return list(session.scalars(select(Category).order_by(Category.position, Category.id)))


def storefront_categories(session: Session, chosen: str | None = None) -> list[Category]:
    """The categories the catalogue offers to filter by: those in use, and a retired one
    only while some of its listings are still on sale (a filter that can only find
    nothing is not offered), or when it is the ``chosen`` slug, so that the form shows
    what is filtered by. Filtering by a retired category's slug works either way."""
    still_on_sale = exists(visible_listings().with_only_columns(Listing.id)
                           .where(Listing.category_id == Category.id))
    offered = Category.retired_at.is_(None) | still_on_sale
    if chosen:
        offered = offered | (Category.slug == chosen)
    return list(session.scalars(select(Category).where(offered).order_by(Category.position, Category.id)))


def featured_listings(session: Session, kind: ListingKind, limit: int = 8) -> list[Listing]:
    """Visible listings of one kind for the home page: enterprises with more OTOP
    stars first (unrated last), then the newest, with their photos loaded.

    One star level at a time, newest first, so that each query walks the
    (status, created_at) index and stops after ``limit`` rows instead of sorting the
    whole catalogue by stars (at 100,000 listings that sort cost 0.4 s a page)."""
    found: list[Listing] = []
    for stars in (5, 4, 3, 2, 1, None):
        level = (CommunityEnterprise.otop_stars.is_(None) if stars is None
                 else CommunityEnterprise.otop_stars == stars)
        query = (
            visible_listings()
            .where(Listing.kind == kind, level)
            .order_by(Listing.created_at.desc(), Listing.id.desc())
            .limit(limit - len(found))
        )
        found.extend(session.scalars(query))
        if len(found) >= limit:
            break
    if found:
        session.scalars(select(Listing).where(Listing.id.in_([listing.id for listing in found]))
                        .options(selectinload(Listing.images))).all()
    return found


def other_listings_of(session: Session, listing: Listing, limit: int = 4) -> list[Listing]:
    """Other visible listings of the same enterprise, newest first."""
    query = (
        visible_listings()
        .where(Listing.enterprise_id == listing.enterprise_id, Listing.id != listing.id)
        .order_by(Listing.created_at.desc(), Listing.id.desc())
        .limit(limit)
        .options(selectinload(Listing.images))
    )
    return list(session.scalars(query).unique())


def upcoming_slots(session: Session, listing: Listing, today: dt.date, *, days: int = 90) -> list[TourSlot]:
    """The open dated departures of a tour from ``today`` (a date in Thailand) for the
    next ``days`` days, soonest first; full ones included, so a page can say so."""
    query = (
        select(TourSlot)
        .where(
            TourSlot.listing_id == listing.id,
            TourSlot.closed.is_(False),
            TourSlot.date >= today,
            TourSlot.date <= today + dt.timedelta(days=days),
        )
        .order_by(TourSlot.date, TourSlot.id)
    )
    return list(session.scalars(query))


def listing_for_producer(session: Session, user: User, listing_id: int) -> Listing:
    """A listing of one of ``user``'s enterprises, whatever its status; ``NotFound``
    otherwise (another producer's listing is indistinguishable from a missing one)."""
    listing = session.scalar(
        select(Listing)
        .join(EnterpriseMember, EnterpriseMember.enterprise_id == Listing.enterprise_id)
        .where(Listing.id == listing_id, EnterpriseMember.user_id == user.id)
        .options(selectinload(Listing.images))
    )
    if listing is None:
        raise NotFound("Listing not found")
    return listing


def producer_listings(session: Session, user: User) -> list[Listing]:
    """Every listing of ``user``'s enterprises, whatever its status: on sale first,
    then drafts, then the archive, the most recently changed first within each."""
    status_order = case(
        (Listing.status == ListingStatus.ACTIVE, 0), (Listing.status == ListingStatus.DRAFT, 1), else_=2
    )
    query = (
        select(Listing)
        .join(EnterpriseMember, EnterpriseMember.enterprise_id == Listing.enterprise_id)
        .where(EnterpriseMember.user_id == user.id)
        .order_by(status_order, Listing.updated_at.desc(), Listing.id.desc())
        .options(selectinload(Listing.images))
    )
    return list(session.scalars(query).unique())


# Orders refer to listings, never the other way: their lines' foreign key is read here
# as a plain table, so that the catalogue needs nothing from the orders package.
_ORDER_LINES = table("order_lines", column("listing_id"))


def listing_was_ordered(session: Session, listing_id: int) -> bool:
    """Whether any order line names the listing (it may then be archived, never deleted)."""
    return bool(session.scalar(select(exists().where(_ORDER_LINES.c.listing_id == listing_id))))


def visible_counts_by_province(session: Session) -> dict[str, int]:
    """How many visible listings each province has (provinces with none are absent), in
    one query."""
    query = (
        visible_listings()
        .with_only_columns(CommunityEnterprise.province_code, func.count(Listing.id))
        .group_by(CommunityEnterprise.province_code)
    )
    return {code: count for code, count in session.execute(query)}
