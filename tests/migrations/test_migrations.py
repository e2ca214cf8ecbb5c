"""The migrations build the schema the models describe, on SQLite and PostgreSQL,
and can be undone and redone."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from marketplace import models  # noqa: F401
from marketplace.catalog.search import schema_filters
from marketplace.db import Base, make_engine
from tests.databases import BACKENDS, fresh_database, migrate


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path):
    """An engine on a brand-new, empty database of each backend."""
    with fresh_database(request.param, tmp_path) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def schema_differences(engine) -> list:
    with engine.connect() as connection:
        opts = {"compare_type": True, **schema_filters()}
        return compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)


def test_upgrade_from_empty_creates_every_table(empty_engine):
    migrate(empty_engine, "head")
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree(empty_engine):
    migrate(empty_engine, "head")
    assert schema_differences(empty_engine) == []


def test_downgrade_to_base_then_upgrade_again(empty_engine):
    migrate(empty_engine, "head")
    migrate(empty_engine, "base", down=True)
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    migrate(empty_engine, "head")
    assert schema_differences(empty_engine) == []


def test_constraints_are_enforced_by_the_database(empty_engine):
    """Money and stock rules hold even for code that bypasses the services."""
    from sqlalchemy.exc import IntegrityError

    migrate(empty_engine, "head")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO provinces (code, name_th, name_en, region) "
                                "VALUES ('50', 'เชียงใหม่', 'Chiang Mai', 'north')"))
    bad_rows = [
        "INSERT INTO provinces (code, name_th, name_en, region) VALUES ('51', 'ลำพูน', 'Lamphun', 'moon')",
        "INSERT INTO companies (province_code, is_national, name_th, name_en, commission_bps, "
        "shipping_fee_satang, active) VALUES ('50', false, 'x', 'x', 20000, 0, true)",
        "INSERT INTO enterprises (name_th, registration_no, province_code, district_code, subdistrict_code, "
        "otop_stars, status, created_at) VALUES ('x', 'r1', '50', '5001', '500101', 6, 'approved', "
        "CURRENT_TIMESTAMP)",
        "INSERT INTO enterprises (name_th, registration_no, province_code, district_code, subdistrict_code, "
        "status, created_at) VALUES ('x', 'r2', '99', '5001', '500101', 'approved', CURRENT_TIMESTAMP)",
    ]
    for statement in bad_rows:
        with pytest.raises(IntegrityError), empty_engine.begin() as connection:
            connection.execute(text(statement))


def test_order_events_become_audit_entries_with_their_subject_and_company(empty_engine):
    """The audit trail's migration carries the order history over: named actions, the
    fulfilment (or payment, or order) each concerned, and the company of a fulfilment."""
    from sqlalchemy.orm import Session

    from marketplace.catalog.reference import ensure_reference_data
    from tests.factories import make_order

    migrate(empty_engine, "head")  # rows made by today's models, then back to the last revision with order_events
    with Session(empty_engine) as session:
        ensure_reference_data(session)
        order = make_order(session)
        fulfilment, payment = order.fulfilments[0], order.payments[0]
        ids = (order.id, fulfilment.id, fulfilment.company_id, payment.id, order.consumer_id)
        session.commit()
    order_id, fulfilment_id, company_id, payment_id, consumer_id = ids
    migrate(empty_engine, "b3c1d2e4f5a6", down=True)
    with empty_engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO order_events (id, order_id, fulfilment_id, actor_id, action, from_status, to_status, note, "
            "created_at) VALUES "
            "(1, :o, NULL, :c, 'placed', NULL, 'placed', NULL, '2026-11-30 10:00:00+00:00'), "
            "(2, :o, :f, NULL, 'transition', 'awaiting_payment', 'new', 'paid', '2026-11-30 10:01:00+00:00'), "
            "(3, :o, NULL, NULL, 'payment', 'pending', 'succeeded', NULL, '2026-11-30 10:01:00+00:00')"
        ), {"o": order_id, "f": fulfilment_id, "c": consumer_id})

    migrate(empty_engine, "head")

    with empty_engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, action, subject_type, subject_id, company_id, order_id, from_status, to_status, note "
            "FROM audit_entries ORDER BY id"
        )).all()
    assert [tuple(row) for row in rows] == [
        (1, "order.placed", "order", order_id, None, order_id, None, "placed", None),
        (2, "fulfilment.transition", "fulfilment", fulfilment_id, company_id, order_id, "awaiting_payment", "new",
         "paid"),
        (3, "payment.status", "payment", payment_id, None, order_id, "pending", "succeeded", None),
    ]
    assert "order_events" not in inspect(empty_engine).get_table_names()


def test_categories_gain_retired_at_and_keep_their_rows_both_ways(empty_engine):
    """Retiring is a nullable timestamp: existing categories come out in use, and going
    back drops only the column."""
    migrate(empty_engine, "e6f7a8b9c0d1")
    with empty_engine.begin() as connection:
        connection.execute(text("INSERT INTO categories (slug, name_th, name_en, kind, position) "
                                "VALUES ('food', 'อาหาร', 'Food', 'product', 0)"))

    migrate(empty_engine, "f7a8b9c0d1e2")
    with empty_engine.begin() as connection:
        assert connection.execute(text("SELECT slug, retired_at FROM categories")).all() == [("food", None)]
        connection.execute(text("UPDATE categories SET retired_at = CURRENT_TIMESTAMP"))

    migrate(empty_engine, "e6f7a8b9c0d1", down=True)
    assert "retired_at" not in {column["name"] for column in inspect(empty_engine).get_columns("categories")}
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT slug, name_en FROM categories")).all() == [("food", "Food")]
