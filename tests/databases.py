"""Which database backends the suite runs on: SQLite always, PostgreSQL too when
``TEST_DATABASE_URL`` names one (CI does), and brand-new databases of either kind
for tests that need their own (migrations, real concurrency, a live server)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import make_url, text

from marketplace.db import make_engine

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])
# The machine's Redis (CI starts it when it is not running); tests keep their keys under a prefix of their own.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@contextlib.contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards: a SQLite file in
    ``directory``, or a PostgreSQL database created beside ``TEST_DATABASE_URL``'s."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'fresh-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = make_url(TEST_DATABASE_URL)
    name = f"{server.database}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate(engine, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) ``engine``'s database to ``revision`` as the command line
    does: the migrations open their own transaction (on SQLite, with foreign keys off
    while tables are copied)."""
    from alembic import command as alembic

    from marketplace.migrate import alembic_config

    with engine.connect() as connection:
        (alembic.downgrade if down else alembic.upgrade)(alembic_config(connection=connection), revision)
