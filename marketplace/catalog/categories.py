"""The national admin's categories: adding one, renaming it, retiring it and bringing it
back.

A category is never deleted and its slug never changes: listings point at it, and
order lines and the income report name it by slug. Retiring sets ``retired_at``: a
retired category takes no new listings (``catalog.services`` refuses to create a
listing in it or move one into it), while the listings already in it keep it and stay
on sale. Every change writes one audit entry through ``audit.services.record`` holding
``{field: [before, after]}``; a change that changes nothing writes none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..accounts.models import Role, User
from ..audit.services import record
from ..errors import Forbidden, InvalidTransition, NotFound, ValidationError
from .models import Category, Listing, ListingKind, ListingStatus

SLUG_MAX: Final = 40
NAME_MAX: Final = 120
POSITION_MAX: Final = 10_000
SLUG_PATTERN: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The reasons given in ``ValidationError.fields``; the pages translate them by these texts.
REQUIRED: Final = "required"
NOT_TEXT: Final = "must be text"
BAD_SLUG: Final = "lowercase letters a-z, digits and single hyphens between them"
SLUG_TAKEN: Final = "another category has this slug"
SLUG_TOO_LONG: Final = f"at most {SLUG_MAX} characters"
NAME_TOO_LONG: Final = f"at most {NAME_MAX} characters"
CONTROL_CHARACTERS: Final = "must not contain control characters"
NOT_A_KIND: Final = "product or tour"
POSITION_RANGE: Final = f"must be a whole number from 0 to {POSITION_MAX}"


@dataclass(frozen=True)
class CategoryRow:
    """A category as the admin's table shows it, with how many listings it holds."""

    category: Category
    listings: int
    active_listings: int


def _require_admin(actor: User) -> None:
    if not actor.has_role(Role.ADMIN):
        raise Forbidden("Only an administrator may manage categories")


def _refuse(problems: Mapping[str, str]) -> None:
    if problems:
        raise ValidationError("Please correct the highlighted fields", fields=dict(problems))


def _name(value: Any) -> tuple[str, str | None]:
    """A category name: required, one line, at most ``NAME_MAX`` characters; runs of
    spaces become one."""
    if value is None:
        return "", REQUIRED
    if not isinstance(value, str):
        return "", NOT_TEXT
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value.strip()):
        return "", CONTROL_CHARACTERS
    cleaned = " ".join(value.split())
    if not cleaned:
        return "", REQUIRED
    if len(cleaned) > NAME_MAX:
        return "", NAME_TOO_LONG
    return cleaned, None


def _names(name_th: Any, name_en: Any, problems: dict[str, str]) -> tuple[str, str]:
    names = []
    for field, value in (("name_th", name_th), ("name_en", name_en)):
        cleaned, problem = _name(value)
        if problem:
            problems[field] = problem
        names.append(cleaned)
    return names[0], names[1]


def _slug(session: Session, value: Any) -> tuple[str, str | None]:
    if value is None:
        return "", REQUIRED
    if not isinstance(value, str):
        return "", NOT_TEXT
    slug = value.strip()
    if not slug:
        return "", REQUIRED
    if len(slug) > SLUG_MAX:
        return "", SLUG_TOO_LONG
    if not SLUG_PATTERN.match(slug):
        return "", BAD_SLUG
    if session.scalar(select(Category.id).where(Category.slug == slug)) is not None:
        return "", SLUG_TAKEN
    return slug, None


def category_rows(session: Session, admin: User, category_id: int | None = None) -> list[CategoryRow]:
    """Every category (or only ``category_id``), retired ones too, in the storefront's
    order, each with how many listings it holds (any status) and how many of those are
    on sale. ``Forbidden`` for anyone but an admin."""
    _require_admin(admin)
    counts = (
        select(Listing.category_id, func.count(Listing.id).label("listings"),
               func.sum(case((Listing.status == ListingStatus.ACTIVE, 1), else_=0)).label("active"))
        .group_by(Listing.category_id)
        .subquery()
    )
    query = (
        select(Category, func.coalesce(counts.c.listings, 0), func.coalesce(counts.c.active, 0))
        .outerjoin(counts, counts.c.category_id == Category.id)
        .order_by(Category.position, Category.id)
    )
    if category_id is not None:
        query = query.where(Category.id == category_id)
    return [CategoryRow(category, int(listings), int(active)) for category, listings, active in session.execute(query)]


def category_for_admin(session: Session, admin: User, category_id: int) -> Category:
    """The category ``category_id``. ``Forbidden`` for anyone but an admin, ``NotFound``
    when there is none."""
    _require_admin(admin)
    category = session.get(Category, category_id)
    if category is None:
        raise NotFound("No such category")
    return category


def create_category(session: Session, admin: User, *, slug: Any, name_th: Any, name_en: Any, kind: Any,
                    position: Any = None, now: dt.datetime) -> Category:
    """A new category of listings.

    ``slug``: lowercase ``a-z``, digits and single hyphens between them, at most 40
    characters, not taken by another category (retired ones included), and never changed
    afterwards. ``name_th`` and ``name_en``: required, one line, at most 120 characters
    (spaces are tidied). ``kind``: ``"product"`` or ``"tour"``. ``position``: where it
    sorts among the others (0–10000; after the last one when ``None``).

    Raises ``Forbidden`` unless ``admin`` is an administrator and ``ValidationError``
    naming every bad field, writing nothing. Writes ``category.created`` with each
    field as ``[None, value]``.
    """
    _require_admin(admin)
    problems: dict[str, str] = {}
    slug_value, problem = _slug(session, slug)
    if problem:
        problems["slug"] = problem
    thai, english = _names(name_th, name_en, problems)
    if not isinstance(kind, str) or kind not in [member.value for member in ListingKind]:
        problems["kind"] = REQUIRED if kind in (None, "") else NOT_A_KIND
    if position is None:
        position = (session.scalar(select(func.max(Category.position))) or 0) + 1
    elif not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= POSITION_MAX:
        problems["position"] = POSITION_RANGE
    _refuse(problems)
    category = Category(slug=slug_value, name_th=thai, name_en=english, kind=ListingKind(kind), position=position)
    session.add(category)
    session.flush()
    record(session, "category.created", subject_type="category", subject_id=category.id, actor=admin, at=now,
           detail={"slug": [None, category.slug], "name_th": [None, thai], "name_en": [None, english],
                   "kind": [None, category.kind.value], "position": [None, position]})
    session.flush()
    return category


def rename_category(session: Session, admin: User, category: Category, *, name_th: Any, name_en: Any,
                    now: dt.datetime) -> dict[str, list[str]]:
    """Give ``category`` new Thai and English names (checked as in ``create_category``);
    listings in it show the new names at once. Returns ``{field: [before, after]}`` of
    what changed and writes it as ``category.renamed`` (nothing when nothing changed).
    Raises ``Forbidden`` unless ``admin`` is an administrator and ``ValidationError``
    naming every bad name, changing nothing."""
    _require_admin(admin)
    problems: dict[str, str] = {}
    thai, english = _names(name_th, name_en, problems)
    _refuse(problems)
    changed = {field: [getattr(category, field), value]
               for field, value in (("name_th", thai), ("name_en", english)) if getattr(category, field) != value}
    if changed:
        for field, (_before, after) in changed.items():
            setattr(category, field, after)
        record(session, "category.renamed", subject_type="category", subject_id=category.id, actor=admin, at=now,
               detail=changed)
        session.flush()
    return changed


def retire_category(session: Session, admin: User, category: Category, *, now: dt.datetime) -> Category:
    """Stop ``category`` taking new listings from ``now``; the listings in it keep it.
    Raises ``Forbidden`` unless ``admin`` is an administrator and ``InvalidTransition``
    when it is retired already. Writes ``category.retired``."""
    _require_admin(admin)
    if category.retired_at is not None:
        raise InvalidTransition("This category is retired already", current="retired", to="retired")
    category.retired_at = now
    record(session, "category.retired", subject_type="category", subject_id=category.id, actor=admin, at=now,
           detail={"retired_at": [None, now.isoformat()]})
    session.flush()
    return category


def restore_category(session: Session, admin: User, category: Category, *, now: dt.datetime) -> Category:
    """Let a retired ``category`` take new listings again. Raises ``Forbidden`` unless
    ``admin`` is an administrator and ``InvalidTransition`` when it is not retired.
    Writes ``category.restored``."""
    _require_admin(admin)
    if category.retired_at is None:
        raise InvalidTransition("This category is not retired", current="in use", to="in use")
    before = category.retired_at
    category.retired_at = None
    record(session, "category.restored", subject_type="category", subject_id=category.id, actor=admin, at=now,
           detail={"retired_at": [before.isoformat(), None]})
    session.flush()
    return category
