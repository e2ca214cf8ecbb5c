"""Test fixtures.

Every test that asks for ``session``, ``app`` or ``client`` runs once per database
backend: SQLite always, PostgreSQL too when ``TEST_DATABASE_URL`` is set (CI sets it).
The schema is built by the real migrations, reference data (77 provinces, their
companies, the categories) is loaded once, and each test runs inside a transaction
that is rolled back at its end; the app's request sessions join it through savepoints.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command as alembic
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from marketplace import create_app
from marketplace.accounts import passwords
from marketplace.db import make_engine
from marketplace.migrate import alembic_config
from tests.databases import BACKENDS, fresh_database

# Argon2 is slow on purpose; tests check behaviour, not cost, so they hash cheaply.
passwords.use_cheapest_parameters_for_tests()


def build_database(url: str) -> Engine:
    """A fresh database at ``url``, migrated to head, with reference data loaded."""
    from marketplace.catalog.reference import ensure_reference_data

    engine = make_engine(url)
    with engine.begin() as connection:
        alembic.upgrade(alembic_config(connection=connection), "head")
    with Session(engine) as session:
        ensure_reference_data(session)
        session.commit()
    return engine


@pytest.fixture(scope="session", params=BACKENDS)
def database(request, tmp_path_factory) -> Iterator[tuple[str, Engine]]:
    """One database per backend for this test process (each xdist worker has its own)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("db")) as url:
        engine = build_database(url)
        yield url, engine
        engine.dispose()


@pytest.fixture
def connection(database):
    _url, engine = database
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def session(connection) -> Iterator[Session]:
    """The test's own session, inside the rolled-back transaction."""
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as session:
        yield session


@pytest.fixture
def app_config(database, tmp_path) -> dict:
    url, engine = database
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": url,
        "DATABASE_ENGINE": engine,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "STRIPE_SECRET_KEY": "",
        "CACHE_TYPE": "SimpleCache",  # each test's app its own, even with REDIS_URL in the environment
    }


@pytest.fixture
def app(app_config, connection):
    app = create_app(app_config)
    app.extensions["db"].sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def bearer(session):
    """``bearer(user)`` → headers carrying a fresh API token for ``user``."""
    import datetime as dt

    from marketplace.accounts.services import issue_token

    def headers_for(user) -> dict[str, str]:
        plain, _token = issue_token(session, user, ttl=dt.timedelta(hours=1))
        session.flush()
        return {"Authorization": f"Bearer {plain}"}

    return headers_for


# --- real databases, a real server, a real Stripe-compatible server -----------------------------------
# For what a rolled-back transaction cannot show: many threads racing for the last
# unit, and webhooks that localstripe sends over HTTP to the app.

@pytest.fixture(params=BACKENDS)
def live_db(request, tmp_path) -> Iterator[Engine]:
    """A brand-new migrated database with reference data, whose commits are real."""
    with fresh_database(request.param, tmp_path) as url:
        engine = build_database(url)
        yield engine
        engine.dispose()


@pytest.fixture(scope="session")
def localstripe() -> Iterator[str]:
    """The base URL of a localstripe server on loopback, for this test session."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).with_name("localstripe_server.py")
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"localstripe did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def live_app(live_db, tmp_path, localstripe):
    """The app on the live database, with Stripe pointed at localstripe."""
    return create_app({
        "TESTING": True, "SECRET_KEY": "test-secret-key", "DATABASE_URL": live_db.url.render_as_string(False),
        "DATABASE_ENGINE": live_db, "INSTANCE_PATH": str(tmp_path / "instance"),
        "MEDIA_ROOT": str(tmp_path / "media"), "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
        "STRIPE_SECRET_KEY": "sk_test_localstripe", "STRIPE_PUBLISHABLE_KEY": "pk_test_localstripe",
        "STRIPE_WEBHOOK_SECRET": "whsec_localstripe_test", "STRIPE_API_BASE": localstripe,
        "PROMPTPAY_ID": "0812345678",
    })


@pytest.fixture
def live_server(live_app) -> Iterator[str]:
    """``live_app`` served over HTTP on loopback (so localstripe can call its webhook)."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
