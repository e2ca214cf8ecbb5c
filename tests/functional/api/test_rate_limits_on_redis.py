"""With ``REDIS_URL`` set, as the README documents, rate limits live in that Redis and
are shared by every process of the site (here: two app instances, as two workers)."""

from __future__ import annotations

import os

import redis
from sqlalchemy.orm import sessionmaker

from marketplace import create_app
from tests.databases import TEST_REDIS_URL

TOKEN = "/api/v1/auth/token"


def _app(app_config, connection, prefix: str):
    app = create_app({**app_config, "REDIS_URL": TEST_REDIS_URL, "RATELIMIT_ENABLED": True,
                      "RATELIMIT_AUTH": "3/minute", "RATELIMIT_KEY_PREFIX": prefix})
    app.extensions["db"].sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return app


# One prefix per test process: Flask-Limiter's extension object, shared by every app of the
# process, keeps the first key prefix it is given, so a new prefix per test would not be
# the one in use when this test runs twice in a process (once per database).
PREFIX = f"otop-test-{os.getpid()}"


def test_two_workers_share_one_limit_through_redis(app_config, connection):
    prefix = PREFIX
    store = redis.Redis.from_url(TEST_REDIS_URL)
    stale = store.keys(f"*{prefix}*")
    if stale:
        store.delete(*stale)
    first, second = _app(app_config, connection, prefix), _app(app_config, connection, prefix)
    assert first.config["RATELIMIT_STORAGE_URI"] == TEST_REDIS_URL
    credentials = {"email": "nobody@example.test", "password": "wrong-password-1"}
    try:
        answers = [first.test_client().post(TOKEN, json=credentials) for _ in range(2)]
        answers += [second.test_client().post(TOKEN, json=credentials) for _ in range(2)]

        assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
        assert answers[-1].get_json()["error"]["code"] == "rate_limited"
        assert store.keys(f"*{prefix}*"), "the counter is kept in Redis"
    finally:
        keys = store.keys(f"*{prefix}*")
        if keys:
            store.delete(*keys)
        store.close()
