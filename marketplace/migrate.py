"""Alembic, driven from the app: ``flask --app wsgi db upgrade`` and friends, and
the same functions for tests (which hand over their own connection)."""

from __future__ import annotations

from alembic.config import Config
from sqlalchemy import Connection

from .config import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config
