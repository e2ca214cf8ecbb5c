"""SQLAlchemy plumbing: the declarative ``Base``, a UTC datetime type, and the
per-request session.

The constraint naming convention keeps the names alembic generates identical on
SQLite and PostgreSQL, so migrations stay stable. Services receive a session and
only flush; the request (or CLI command) commits once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Unpack

from flask import Flask, current_app, g
from sqlalchemy import CursorResult, DateTime, Dialect, Engine, Enum, MetaData, Result, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored in UTC on every backend.

    SQLite has no time zones: values come back naive and are read as UTC. Naive
    values are refused on the way in, so local times never slip in unnoticed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
    # pysqlite begins transactions lazily, at the first write, which breaks SAVEPOINTs
    # (a savepoint can become the outermost transaction). SQLAlchemy emits BEGIN itself.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE_INTENT) else "BEGIN")


WRITE_INTENT = "marketplace_write_intent"


def begin_write(session: Session) -> None:
    """Start the session's transaction as a writer. On SQLite a transaction that reads
    first and writes later can fail at once when another writer committed in between
    (a WAL snapshot cannot be upgraded), so transactions that will write under
    contention take the write lock up front (BEGIN IMMEDIATE; other writers wait for
    the busy timeout). PostgreSQL needs nothing: conditional UPDATEs wait for row locks."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_write() must come before the transaction's first change")
    if session.in_transaction():
        session.commit()  # ends the read-only transaction the request may have begun
    session.connection(execution_options={WRITE_INTENT: True})


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys on, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("poolclass", StaticPool)
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


class Database:
    """Binds an engine and a session factory to the app; ``db.session`` is the
    request's session, created on first use and closed at the end of the app context."""

    def init_app(self, app: Flask, engine: Engine | None = None) -> None:
        engine = engine or make_engine(app.config["DATABASE_URL"])
        app.extensions["db"] = _State(engine, sessionmaker(bind=engine, expire_on_commit=False))
        app.teardown_appcontext(self._close_session)

    @staticmethod
    def state(app: Flask | None = None) -> _State:
        state: _State = (app or current_app).extensions["db"]
        return state

    @property
    def engine(self) -> Engine:
        return self.state().engine

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = self.state().sessionmaker()
        session: Session = g.db_session
        return session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


class _State:
    def __init__(self, engine: Engine, factory: sessionmaker[Session]) -> None:
        self.engine = engine
        self.sessionmaker = factory


db = Database()


def rowcount(result: Result[Unpack[tuple[Any, ...]]]) -> int:
    """The rows an UPDATE or DELETE matched. ``Session.execute`` is typed to return a
    ``Result`` for every statement, but for these it is a ``CursorResult``."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def str_enum(enum_cls: type, name: str) -> Enum:
    """A portable enum column: a VARCHAR with a named CHECK constraint, storing the values."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )
