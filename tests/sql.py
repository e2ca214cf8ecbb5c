"""Counting the SQL a request costs, to show it does not grow with what a page shows."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import event

from marketplace.extensions import db


@contextlib.contextmanager
def recorded_selects(app) -> Iterator[list[str]]:
    """The SELECT statements the app's engine runs inside the ``with`` block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def selects_for(app, client, url: str) -> int:
    """How many SELECTs one successful GET of ``url`` costs."""
    with recorded_selects(app) as statements:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    return len(statements)
