"""Alembic environment: the models' metadata, and a connection handed over by
``marketplace.migrate`` (or an engine made from ``sqlalchemy.url``)."""

from alembic import context

from marketplace import models  # noqa: F401  (registers every table on Base.metadata)
from marketplace.catalog.search import schema_filters  # the search index objects are not models
from marketplace.db import Base, UTCDateTime, make_engine

config = context.config
target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Write the app's UTC datetime type as a plain timezone-aware DateTime, so that
    migrations never import application code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        **schema_filters(),
    )


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    """Run the migrations on ``connection``. SQLite changes a table by copying it
    (batch mode), which its foreign keys would refuse while other rows point at it: they
    are switched off around the migrations, when the connection is not yet inside a
    transaction (the pragma is ignored in one), and every reference is checked after."""
    switch = connection.dialect.name == "sqlite" and not connection.in_transaction()
    raw = connection.connection.dbapi_connection  # pragmas straight to SQLite, outside any BEGIN
    if switch:
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if switch:
            raw.execute("PRAGMA foreign_keys=ON")
    if switch:
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migrations left rows pointing nowhere: {broken[:5]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
