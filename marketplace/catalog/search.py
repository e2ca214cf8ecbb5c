"""Text search of listings, backed by a trigram index on each database.

Thai is written without spaces between words, so search is by substring, never by
word: ``ผ้าไหม`` must find ``ผ้าไหมมัดหมี่ทอมือ``. Both databases index trigrams
(every run of three characters), which answers "contains this substring" without
reading every row:

- PostgreSQL: two ``pg_trgm`` GIN indexes on expressions, the titles (Thai and
  English, joined by a space: ``titles()``) and the descriptions (``descriptions()``);
  ``titles LIKE '%term%' OR descriptions LIKE '%term%'`` (``ILIKE`` for terms with
  upper and lower case) uses them for terms of three characters or more. Indexes on
  these expressions rather than one per column: the planner estimates them from the
  expressions' own statistics and picks them, where it misjudged four ORed column
  indexes and scanned the table instead (ten times slower at 100,000 listings).
- SQLite: the FTS5 table ``listing_search`` with the ``trigram`` tokenizer, an
  external-content index over ``listings`` kept in step by triggers on insert,
  delete and update of the searched columns. A quoted FTS5 phrase of three
  characters or more is an exact, case-insensitive substring match.

Terms shorter than a trigram (``ชา``, tea, is two characters) cannot be answered by a
trigram index on either database and are matched by ``LIKE`` over the rows instead.

A query is split at whitespace into terms; a listing matches when every term is in
one of its titles or descriptions (no term contains a space, so none can straddle the
Thai and English texts joined by one). ``q`` is always bound as a parameter: LIKE
wildcards are escaped and FTS5 phrases quoted, so no character of it is syntax.

On PostgreSQL, a Latin-alphabet query that matches nothing literally falls back to
trigram word similarity with the titles (``silc`` finds "silk"); see ``resembles()``.
SQLite has no similarity measure, so there the fallback is absent.

The schema objects (the indexes, the FTS table and its triggers) are created by the
migration ``search_indexes`` and are not models: alembic can compare neither an FTS5
table nor expression indexes, so ``schema_filters()`` leaves them out of its
comparison, and the tests check them instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement, Integer, SQLColumnExpression, String, and_, cast, column, func, literal, literal_column, or_, select,
    table,
)

from .models import Listing

FTS_TABLE = "listing_search"
TITLE_INDEX, DESCRIPTION_INDEX = "ix_listings_title_trgm", "ix_listings_description_trgm"
TRIGRAM_INDEXES = frozenset((TITLE_INDEX, DESCRIPTION_INDEX))
TRIGRAM = 3  # the shortest term a trigram index can answer
SIMILARITY_SCALE = 1000  # similarity in [0, 1] as an integer sort key (cursors carry integers)

_fts = table(FTS_TABLE, column("rowid"))


def _joined(thai: SQLColumnExpression[str], english: SQLColumnExpression[str | None]) -> ColumnElement[str]:
    """``thai || ' ' || coalesce(english, '')``, the constants inline so that the planner
    matches the index expression whatever the plan (a bound parameter would not)."""
    return (thai + literal_column("' '", String) + func.coalesce(english, literal_column("''", String))).self_group()


def titles() -> ColumnElement[str]:
    """Both titles of a listing, as indexed by ``ix_listings_title_trgm`` on PostgreSQL."""
    return _joined(Listing.title_th, Listing.title_en)


def descriptions() -> ColumnElement[str]:
    """Both descriptions of a listing, as indexed by ``ix_listings_description_trgm``."""
    return _joined(Listing.description_th, Listing.description_en)


def search_terms(q: str) -> list[str]:
    """The distinct terms of ``q``: split at whitespace and at invisible characters
    (control characters, the zero-width space Thai text uses between words)."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in q)
    return list(dict.fromkeys(cleaned.split()))


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(text: SQLColumnExpression[str | None], term: str, dialect: str) -> ColumnElement[bool]:
    """``text`` contains ``term``, ignoring case. SQLite's ``LIKE`` already ignores
    (ASCII) case; on PostgreSQL ``ILIKE`` costs a lower-casing of every text it reads,
    which a term without letter case (Thai, digits) does not need."""
    pattern = _like_pattern(term)
    if dialect == "sqlite" or term.lower() == term.upper():
        return text.like(pattern, escape="\\")
    return text.ilike(pattern, escape="\\")


def _in_any(columns: tuple[SQLColumnExpression[str | None], ...], term: str, dialect: str) -> ColumnElement[bool]:
    return or_(*(_contains(text, term, dialect) for text in columns))


def _searched(dialect: str) -> tuple[SQLColumnExpression[str | None], ...]:
    if dialect == "sqlite":
        return (Listing.title_th, Listing.title_en, Listing.description_th, Listing.description_en)
    return (titles(), descriptions())


def _titles(dialect: str) -> tuple[SQLColumnExpression[str | None], ...]:
    return (Listing.title_th, Listing.title_en) if dialect == "sqlite" else (titles(),)


def fts_phrases(terms: list[str]) -> str:
    """An FTS5 query requiring every term as a phrase: each one wrapped in double
    quotes with its own double quotes doubled, so ``OR``, ``NEAR``, ``*``, ``:``,
    parentheses and the rest are characters to find, not operators."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def matches(dialect: str, terms: list[str], *, index_first: bool = False) -> ColumnElement[bool]:
    """Listings containing every term in a title or description (case-insensitively).

    ``index_first`` (PostgreSQL) makes the trigram indexes find every match before
    anything else: for an order the planner could follow along another index (price,
    date), it otherwise walks that index filtering row by row, which reads most of the
    table when the matches sit at its far end (silk is dear: 62,000 rows read for 24 at
    100,000 listings, sorted by price). SQLite's FTS5 subquery always comes first."""
    if dialect != "sqlite":
        condition = and_(*(_in_any(_searched(dialect), term, dialect) for term in terms))
        if not index_first or all(len(term) < TRIGRAM for term in terms):  # no index to come first
            return condition
        found = select(Listing.id).where(condition).cte("text_matches").prefix_with("MATERIALIZED")
        return Listing.id.in_(select(found.c.id))
    indexed = [term for term in terms if len(term) >= TRIGRAM]
    conditions = [_in_any(_searched(dialect), term, dialect) for term in terms if len(term) < TRIGRAM]
    if indexed:
        in_index = select(_fts.c.rowid).where(column(FTS_TABLE).op("MATCH")(fts_phrases(indexed)))
        conditions.insert(0, Listing.id.in_(in_index))
    return and_(*conditions)


def in_titles(dialect: str, terms: list[str]) -> ColumnElement[bool]:
    """Every term is in the Thai or the English title (ranks title matches first)."""
    return and_(*(_in_any(_titles(dialect), term, dialect) for term in terms))


def can_resemble(dialect: str, q: str) -> bool:
    """Whether a query may fall back to similarity: PostgreSQL, a Latin-alphabet
    query with at least one letter and at least a trigram long."""
    return dialect == "postgresql" and q.isascii() and any(ch.isalpha() for ch in q) and len(q) >= TRIGRAM


def resembles(q: str) -> ColumnElement[bool]:
    """Listings with an extent of their titles similar to ``q`` (pg_trgm's
    ``q <% titles``: word similarity of at least ``pg_trgm.word_similarity_threshold``,
    0.6 by default), which the titles' trigram index answers."""
    return literal(q).op("<%")(titles())


def resemblance(q: str) -> ColumnElement[int]:
    """How similar the closest extent of the titles is to ``q``, from 0 to ``SIMILARITY_SCALE``."""
    return cast(func.round(func.word_similarity(q, titles()) * SIMILARITY_SCALE), Integer)


def is_search_object(name: str | None, type_: str) -> bool:
    """The FTS5 table and its shadow tables (``listing_search_data`` …), and the
    trigram indexes."""
    if name is None:
        return False
    if type_ == "table":
        return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")
    return type_ == "index" and name in TRIGRAM_INDEXES


def schema_filters() -> dict[str, Callable[..., bool]]:
    """``include_name`` / ``include_object`` for alembic's comparison of the models with
    a database (``env.py``, the migration tests): the search objects are not models."""

    def include_name(name: str | None, type_: str, _parent_names: dict[str, Any]) -> bool:
        return not is_search_object(name, type_)

    def include_object(_obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
        return not is_search_object(name, type_)

    return {"include_name": include_name, "include_object": include_object}
