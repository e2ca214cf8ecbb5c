"""The impact figures against the hand-computed book of ``tests.dashboard_book``, the
company serving each province, and the 10-minute cache (in memory, and in Redis shared by
two workers)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import redis
from sqlalchemy import event
from sqlalchemy.orm import sessionmaker

from marketplace import create_app
from marketplace.catalog.models import ListingStatus
from marketplace.enterprises.models import EnterpriseStatus
from marketplace.extensions import cache
from marketplace.reports.impact import cached_impact, impact
from tests.dashboard_book import sales_book
from tests.databases import TEST_REDIS_URL
from tests.factories import company_of, make_enterprise, make_listing, make_sale, national_company

TODAY = dt.date(2026, 3, 31)


def figures(row) -> tuple[int, int, int, int, int]:
    assert row.commission_satang + row.producer_net_satang == row.items_satang
    return row.orders, row.items_satang, row.commission_satang, row.producer_net_satang, row.enterprises_with_sales


def _statements(connection):
    statements: list[str] = []
    event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


@pytest.fixture
def book(session):
    found = sales_book(session)
    make_listing(session, enterprise=found["pottery"], status=ListingStatus.DRAFT)
    make_listing(session, enterprise=make_enterprise(session, status=EnterpriseStatus.SUSPENDED))
    return found


def test_this_year_and_all_time(session, connection, book):
    statements = _statements(connection)
    found = impact(session, today=TODAY)
    # whatever the number of sales (PostgreSQL also gives its sorts more memory: ``SET LOCAL``)
    assert len([statement for statement in statements if not statement.startswith("SET")]) == 10
    # 2026 leaves out the quiet enterprise's sale at 23:59 on 31 December 2025, Bangkok time
    assert (found.year.year, *figures(found.year)) == (2026, 5, 454000, 45575, 408425, 4)
    assert figures(found.all_time) == (7, 514000, 51575, 462425, 6)
    assert (found.active_enterprises, found.active_listings) == (7, 6)


def test_every_province_with_zeros_and_the_company_serving_it(session, book):
    provinces = {province.code: province for province in impact(session, today=TODAY).provinces}
    assert len(provinces) == 77
    assert list(provinces) == sorted(provinces)
    chiang_mai, bangkok, satun = provinces["50"], provinces["10"], provinces["91"]
    assert (chiang_mai.name_th, chiang_mai.name_en, chiang_mai.region.value) == ("เชียงใหม่", "Chiang Mai", "north")
    assert figures(chiang_mai) == (5, 464000, 46975, 417025, 4)
    assert figures(bangkok) == (2, 50000, 4600, 45400, 2)
    assert figures(satun) == (0, 0, 0, 0, 0)
    company = company_of(session, "50")
    assert (chiang_mai.company.id, chiang_mai.company.name_th) == (company.id, company.name_th)
    assert all(province.company is not None and province.company.id == company_of(session, code).id
               for code, province in provinces.items())


def test_a_deactivated_company_s_province_shows_the_national_company(session, book):
    company_of(session, "50").active = False
    session.flush()
    provinces = {province.code: province for province in impact(session, today=TODAY).provinces}
    assert provinces["50"].company.id == national_company(session).id
    assert provinces["10"].company.id == company_of(session, "10").id
    national_company(session).active = False
    session.flush()
    assert {province.code: province for province in impact(session, today=TODAY).provinces}["50"].company is None


def test_regions_add_up_to_all_time(session, book):
    found = impact(session, today=TODAY)
    assert [(row.key, row.name_en, figures(row)) for row in found.regions] == [
        ("north", "North", (5, 464000, 46975, 417025, 4)),
        ("northeast", "Northeast", (0, 0, 0, 0, 0)),
        ("central", "Central", (2, 50000, 4600, 45400, 2)),
        ("east", "East", (0, 0, 0, 0, 0)),
        ("west", "West", (0, 0, 0, 0, 0)),
        ("south", "South", (0, 0, 0, 0, 0)),
    ]
    for name in ("items_satang", "producer_net_satang", "enterprises_with_sales"):
        assert sum(getattr(row, name) for row in found.regions) == getattr(found.all_time, name)
        assert sum(getattr(row, name) for row in found.provinces) == getattr(found.all_time, name)


def test_nothing_sold_yet(session):
    found = impact(session, today=TODAY)
    assert figures(found.all_time) == (0, 0, 0, 0, 0)
    assert len(found.provinces) == 77 and all(province.items_satang == 0 for province in found.provinces)


def test_the_cached_figures_are_served_without_the_database_until_they_expire(app, session, connection, book):
    with app.app_context():
        first = cached_impact(session, today=TODAY)
        make_sale(session, book["pots"], 1, done_at=dt.datetime(2026, 3, 30, 3, tzinfo=dt.UTC))
        statements = _statements(connection)
        assert cached_impact(session, today=TODAY) == first
        assert statements == []
        assert cached_impact(session, today=TODAY + dt.timedelta(days=1)) != first  # another day, another key
        cache.clear()
        assert cached_impact(session, today=TODAY).year.items_satang == first.year.items_satang + 125000


def _worker(app_config, connection, prefix: str, redis_url: str = TEST_REDIS_URL):
    worker = create_app({**app_config, "REDIS_URL": redis_url, "CACHE_TYPE": "RedisCache",
                         "CACHE_KEY_PREFIX": prefix})
    worker.extensions["db"].sessionmaker = sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                                                        expire_on_commit=False)
    return worker


def test_two_workers_share_the_figures_through_redis(app_config, connection, session, book):
    prefix = f"otop-test-{uuid.uuid4().hex}:"
    first, second = _worker(app_config, connection, prefix), _worker(app_config, connection, prefix)
    store = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        with first.app_context():
            computed = cached_impact(session, today=TODAY)
        assert store.keys(f"{prefix}*"), "the figures are kept in Redis"
        make_sale(session, book["pots"], 1, done_at=dt.datetime(2026, 3, 30, 3, tzinfo=dt.UTC))
        statements = _statements(connection)
        with second.app_context():
            assert cached_impact(session, today=TODAY) == computed
        assert statements == []
    finally:
        keys = store.keys(f"{prefix}*")
        if keys:
            store.delete(*keys)
        store.close()


def test_a_cache_that_does_not_answer_is_skipped(app_config, connection, session, book):
    unreachable = _worker(app_config, connection, "otop-test-down:", redis_url="redis://127.0.0.1:1/0")
    with unreachable.app_context():
        assert cached_impact(session, today=TODAY) == impact(session, today=TODAY)
