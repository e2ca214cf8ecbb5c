"""Trigram search indexes on listings (Thai has no spaces between words)

Search is by substring, so both databases index trigrams of the titles and
descriptions. PostgreSQL: the pg_trgm extension and GIN indexes on the titles and on
the descriptions (Thai and English joined by a space), which ``LIKE`` /
``ILIKE '%term%'`` on those expressions use.
SQLite: an FTS5 table with the trigram tokenizer over the listings (external
content), kept in step by triggers and filled for the listings that already exist.

Beware on SQLite: a later batch migration of ``listings`` recreates the table, which
drops these triggers; such a migration must create them again (the tests check they
exist at head).

Revision ID: e62ead1288a0
Revises: 686ad2796336
Create Date: 2026-11-26 09:48:39.093130
"""
from alembic import op


revision = 'e62ead1288a0'
down_revision = '686ad2796336'
branch_labels = None
depends_on = None

SEARCHED = ("title_th", "title_en", "description_th", "description_en")
COLUMNS = ", ".join(SEARCHED)
NEW_VALUES = ", ".join(f"new.{name}" for name in SEARCHED)
OLD_VALUES = ", ".join(f"old.{name}" for name in SEARCHED)

INDEX_NEW = f"INSERT INTO listing_search (rowid, {COLUMNS}) VALUES (new.id, {NEW_VALUES});"
UNINDEX_OLD = (f"INSERT INTO listing_search (listing_search, rowid, {COLUMNS}) "
               f"VALUES ('delete', old.id, {OLD_VALUES});")

SQLITE_UPGRADE = (
    f"CREATE VIRTUAL TABLE listing_search USING fts5({COLUMNS}, "
    "content='listings', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER listing_search_insert AFTER INSERT ON listings BEGIN {INDEX_NEW} END",
    f"CREATE TRIGGER listing_search_delete AFTER DELETE ON listings BEGIN {UNINDEX_OLD} END",
    f"CREATE TRIGGER listing_search_update AFTER UPDATE OF {COLUMNS} ON listings "
    f"BEGIN {UNINDEX_OLD} {INDEX_NEW} END",
    "INSERT INTO listing_search (listing_search) VALUES ('rebuild')",
)
# The expressions of marketplace.catalog.search.titles() and descriptions(), written out
# (migrations never import the app); queries must use exactly these for the indexes to apply.
POSTGRESQL_UPGRADE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_listings_title_trgm ON listings "
    "USING gin ((title_th || ' ' || coalesce(title_en, '')) gin_trgm_ops)",
    "CREATE INDEX ix_listings_description_trgm ON listings "
    "USING gin ((description_th || ' ' || coalesce(description_en, '')) gin_trgm_ops)",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER listing_search_update",
    "DROP TRIGGER listing_search_delete",
    "DROP TRIGGER listing_search_insert",
    "DROP TABLE listing_search",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.drop_index("ix_listings_description_trgm", table_name="listings")
        op.drop_index("ix_listings_title_trgm", table_name="listings")
        # pg_trgm stays: other objects may use it, and an unused extension is harmless.
