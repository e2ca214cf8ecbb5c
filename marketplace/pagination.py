"""Keyset (cursor) pagination: a page ends with the sort values of its last row,
encoded as an opaque cursor; the next page starts strictly after them. Never OFFSET."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, Unpack

from sqlalchemy import ColumnElement, Select, UnaryExpression, and_, or_
from sqlalchemy.orm import QueryableAttribute, Session

from .errors import ValidationError

T = TypeVar("T")
DEFAULT_LIMIT = 24
MAX_LIMIT = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class SortKey:
    """One column of a keyset ordering. ``kind`` tells how to (de)serialise its value."""

    column: ColumnElement[Any] | QueryableAttribute[Any]
    descending: bool = False
    kind: str = "int"  # int | str | datetime

    def order_by(self) -> UnaryExpression[Any]:
        return self.column.desc() if self.descending else self.column.asc()


def parse_limit(raw: str | None) -> int:
    if raw in (None, ""):
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise ValidationError("limit must be a whole number", fields={"limit": "not a number"}) from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"limit must be between 1 and {MAX_LIMIT}", fields={"limit": "out of range"})
    return limit


def encode_cursor(keys: list[SortKey], values: list[Any]) -> str:
    payload = [v.isoformat() if isinstance(v, dt.datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(keys: list[SortKey], cursor: str) -> list[Any]:
    """The sort values a cursor carries; ``ValidationError`` for anything malformed."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("wrong length")
        values: list[Any] = []
        for key, value in zip(keys, raw, strict=True):
            if key.kind == "datetime":
                parsed = dt.datetime.fromisoformat(value)
                if parsed.tzinfo is None:
                    raise ValueError("naive datetime")
                values.append(parsed)
            elif key.kind == "int":
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError("not an int")
                values.append(value)
            else:
                values.append(str(value))
        return values
    except (ValueError, TypeError):  # binascii.Error and UnicodeDecodeError are ValueErrors
        raise ValidationError("The cursor is not valid", fields={"cursor": "malformed"}) from None


def after(keys: list[SortKey], values: list[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the ordering ``keys`` (each way may differ)."""
    clauses = []
    for i, key in enumerate(keys):
        equal_before = [keys[j].column == values[j] for j in range(i)]
        beyond = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(and_(*equal_before, beyond))
    return or_(*clauses)


def paginate(session: Session, query: Select[T, Unpack[tuple[Any, ...]]], keys: list[SortKey], *,
             cursor: str | None, limit: int) -> Page[T]:
    """Run ``query`` (which selects the item first, then every sort key's column, in
    order) ordered by ``keys`` from ``cursor``; the page holds the items."""
    if cursor:
        query = query.where(after(keys, decode_cursor(keys, cursor)))
    rows = session.execute(query.order_by(*(k.order_by() for k in keys)).limit(limit + 1)).unique().all()
    next_cursor = encode_cursor(keys, list(rows[limit - 1][1:])) if len(rows) > limit else None
    return Page([row[0] for row in rows[:limit]], next_cursor)
