"""Dashboard benchmark: a year of order history, the national dashboard and ``/impact``.

Bulk-loads a scratch PostgreSQL database with ``--lines`` order lines (default
1,000,000) over the twelve months up to today, across 3,000 community enterprises in
the 77 provinces and their companies: orders of one to four lines, goods and tours, most
delivered or completed, some cancelled, some still open, shipping times that make some
of them late. Then, in-process through the Flask test client, it times:

1. the admin's national dashboard, ``GET /api/v1/reports/dashboard`` and ``/admin/dashboard``
   (this month and the previous eleven, the default period);
2. one company's dashboard (the busiest), as its staff see it;
3. the public impact figures, ``GET /api/v1/impact`` and ``/impact``, computed afresh
   (the cache emptied before each request) and then served from the cache.

Each figure is the median and the slowest of ``--repeat`` requests. It measures and prints;
it never asserts a time. The scratch database is dropped at the end, also when interrupted.

    .venv/bin/python bench/dashboard.py --database-url postgresql+psycopg://postgres@127.0.0.1/postgres
    .venv/bin/python bench/dashboard.py --database-url ... --lines 100000   # a quicker run
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue import analyze, insert_rows, listing_rows, prepare, scratch_database  # noqa: E402
from sqlalchemy import Engine, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from marketplace import create_app  # noqa: E402
from marketplace.accounts.models import Role, User, UserRole  # noqa: E402
from marketplace.accounts.passwords import hash_password  # noqa: E402
from marketplace.catalog.models import Listing, ListingKind  # noqa: E402
from marketplace.companies.models import ProvincialCompany  # noqa: E402
from marketplace.db import make_engine  # noqa: E402
from marketplace.enterprises.models import CommunityEnterprise  # noqa: E402
from marketplace.extensions import cache  # noqa: E402
from marketplace.reports.earned import record_earned_sales  # noqa: E402

ENTERPRISES = 3000
LISTINGS = 20_000
ADMIN = ("bench-admin@bench.test", "bench-admin-password")
STAFF = ("bench-staff@bench.test", "bench-staff-password")
# fulfilment outcomes, by weight: most earned, some cancelled, a few on their way or open
OUTCOMES = (("done", 86), ("cancelled", 7), ("shipped", 3), ("new", 2), ("accepted", 2))


def _copy(engine: Engine, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``rows`` into ``table`` with PostgreSQL's COPY (tab-separated text; ``None`` is NULL)."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row))
        buffer.write("\n")
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor:  # type: ignore[attr-defined]
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
        raw.commit()
    finally:
        raw.close()


def _user(session: Session, email: str, password: str, role: Role, company_id: int | None = None) -> None:
    user = User(email=email, password_hash=hash_password(password), name=email.split("@")[0], company_id=company_id)
    session.add(user)
    session.flush()
    session.add(UserRole(user_id=user.id, role=role))


def load(url: str, lines_wanted: int, seed: int, today: dt.date) -> dict[str, int | float]:
    """Migrate the scratch database and fill it; returns what was loaded and how long it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    engine = make_engine(url)
    try:
        categories, enterprise_ids = prepare(engine, ENTERPRISES, rng)
        with Session(engine) as session:
            companies = dict(session.execute(
                select(ProvincialCompany.province_code, ProvincialCompany.id)
                .where(ProvincialCompany.province_code.is_not(None))).all())
            rates = dict(session.execute(select(ProvincialCompany.id, ProvincialCompany.commission_bps)).all())
            _user(session, *ADMIN, Role.ADMIN)
            _user(session, "bench-buyer@bench.test", "bench-buyer-password", Role.CONSUMER)
            session.commit()
            consumer_id = session.scalar(select(User.id).where(User.email == "bench-buyer@bench.test"))

        rows = [{"id": n, **row} for n, row in enumerate(listing_rows(LISTINGS, enterprise_ids, categories, rng), 1)]
        with engine.begin() as connection:
            insert_rows(connection, Listing.__table__, rows)
            connection.execute(text("SELECT setval(pg_get_serial_sequence('listings', 'id'), max(id)) FROM listings"))
        with Session(engine) as session:
            province_of = dict(session.execute(select(CommunityEnterprise.id, CommunityEnterprise.province_code)).all())
        slugs = {category_id: slug for slug, category_id in categories.items()}
        by_province: dict[tuple[str, ListingKind], list[dict]] = {}
        for row in rows:
            by_province.setdefault((province_of[row["enterprise_id"]], row["kind"]), []).append(row)
        pools = sorted(by_province)

        orders, fulfilments, lines = _history(rng, lines_wanted, pools, by_province, companies, rates, slugs,
                                              consumer_id, today)
        _copy(engine, "orders", ORDER_COLUMNS, orders)
        _copy(engine, "fulfilments", FULFILMENT_COLUMNS, fulfilments)
        _copy(engine, "order_lines", LINE_COLUMNS, lines)
        with engine.begin() as connection:
            for table in ("orders", "fulfilments", "order_lines"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) "
                                        f"FROM {table}"))
            busiest = connection.scalar(select(text("company_id")).select_from(text("fulfilments"))
                                        .group_by(text("company_id")).order_by(func.count().desc()).limit(1))
        with Session(engine) as session:
            _user(session, *STAFF, Role.COMPANY, company_id=busiest)
            record_earned_sales(session)  # the rollup the workflow writes on each delivery, for them all at once
            session.commit()
        analyze(engine)
        return {"orders": len(orders), "fulfilments": len(fulfilments), "lines": len(lines),
                "listings": len(rows), "enterprises": len(enterprise_ids), "busiest_company": busiest or 0,
                "seconds": time.perf_counter() - started}
    finally:
        engine.dispose()


ORDER_COLUMNS = ("id", "number", "consumer_id", "status", "payment_method", "ship_name", "ship_phone", "ship_line1",
                 "ship_subdistrict_code", "ship_postal_code", "items_satang", "shipping_satang", "total_satang",
                 "currency", "created_at", "placed_at")
FULFILMENT_COLUMNS = ("id", "order_id", "company_id", "kind", "status", "carrier", "tracking_number",
                      "subtotal_satang", "shipping_satang", "commission_bps", "cod_amount_satang", "cancel_reason",
                      "expired", "created_at", "status_changed_at", "new_at", "shipped_at", "done_at")
LINE_COLUMNS = ("id", "order_id", "fulfilment_id", "listing_id", "enterprise_id", "slot_date", "title_th",
                "title_en", "category_slug", "unit_price_satang", "quantity", "line_total_satang", "received_at")
ORDER_STATUS = {"done": "completed", "cancelled": "cancelled", "shipped": "placed", "new": "placed",
                "accepted": "placed"}


def _history(rng: random.Random, lines_wanted: int, pools: list[tuple[str, ListingKind]],
             by_province: dict[tuple[str, ListingKind], list[dict]], companies: dict[str, int],
             rates: dict[int, int], slugs: dict[int, str], consumer_id: int, today: dt.date,
             ) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows of orders, their one fulfilment each and their lines, over the year up to ``today``."""
    end = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    year = 365 * 24 * 3600
    provinces = {kind: [province for province, pool_kind in pools if pool_kind is kind] for kind in ListingKind}
    outcomes = [name for name, _ in OUTCOMES]
    weights = [weight for _, weight in OUTCOMES]
    orders: list[tuple] = []
    fulfilments: list[tuple] = []
    lines: list[tuple] = []
    line_id = 0
    order_id = 0
    while line_id < lines_wanted:
        order_id += 1
        kind = ListingKind.TOUR if rng.random() < 0.12 else ListingKind.PRODUCT
        province = rng.choice(provinces[kind])
        pool = by_province[(province, kind)]
        placed = end - dt.timedelta(seconds=rng.randrange(year))
        outcome = rng.choices(outcomes, weights)[0]
        if placed > end - dt.timedelta(days=7) and outcome == "done":
            outcome = "shipped"
        count = 1 if kind is ListingKind.TOUR else min(rng.choice((1, 1, 2, 2, 3, 4)), lines_wanted - line_id)
        chosen = rng.sample(pool, min(count, len(pool)))
        subtotal = 0
        received = placed + dt.timedelta(hours=30) if kind is ListingKind.PRODUCT and outcome != "new" else None
        for listing in chosen:
            line_id += 1
            quantity = rng.choice((1, 1, 1, 2, 2, 3, 5))
            total = listing["price_satang"] * quantity
            subtotal += total
            lines.append((line_id, order_id, order_id, listing["id"], listing["enterprise_id"],
                          (placed + dt.timedelta(days=10)).date() if kind is ListingKind.TOUR else None,
                          listing["title_th"], listing["title_en"], slugs[listing["category_id"]],
                          listing["price_satang"], quantity, total, received))
        shipping = 4000 if kind is ListingKind.PRODUCT else 0
        goods = kind is ListingKind.PRODUCT
        hours_to_ship = rng.lognormvariate(3.6, 0.6)  # a median of about 36 hours, some beyond 5 days
        shipped = placed + dt.timedelta(hours=hours_to_ship) if outcome in ("done", "shipped") and goods else None
        done = None
        if outcome == "done":
            done = (shipped or placed) + dt.timedelta(hours=rng.uniform(20, 120) if goods else 240)
            done = min(done, end)
        status = {"done": "delivered" if goods else "completed", "shipped": "shipped" if goods else "confirmed",
                  "new": "new", "accepted": "accepted" if goods else "confirmed", "cancelled": "cancelled"}[outcome]
        company = companies[province]
        changed = done or shipped or placed
        fulfilments.append((order_id, order_id, company, "goods" if goods else "tour", status,
                            "kerry" if shipped else None, f"KEX{order_id:010d}" if shipped else None,
                            subtotal, shipping, rates[company], subtotal + shipping,
                            "Out of stock at the producer" if outcome == "cancelled" else None,
                            False, placed, changed, placed, shipped, done))
        orders.append((order_id, f"BENCH-{order_id:09d}", consumer_id, ORDER_STATUS[outcome], "cod", "Bench buyer",
                       "0800000000", "1 Bench Road", "100101", "10200", subtotal, shipping, subtotal + shipping,
                       "THB", placed, placed))
    return orders, fulfilments, lines


def timed(call: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> list[float]:
    """Seconds per call of ``call``, ``repeat`` times (``before`` runs first each time, untimed)."""
    seconds = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return seconds


def run(url: str, workdir: Path, args: argparse.Namespace) -> int:
    today = dt.date.today()
    print(f"Loading {args.lines:,} order lines over the year up to {today} ...", flush=True)
    loaded = load(url, args.lines, args.seed, today)
    print(f"  {loaded['lines']:,} lines in {loaded['orders']:,} orders ({loaded['fulfilments']:,} fulfilments), "
          f"{loaded['listings']:,} listings of {loaded['enterprises']:,} enterprises, in {loaded['seconds']:.0f} s")

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + uuid.uuid4().hex, "RATELIMIT_ENABLED": False,
                      "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": str(workdir / "instance"),
                      "MEDIA_ROOT": str(workdir / "media"), "CACHE_TYPE": "SimpleCache"})
    admin, staff = app.test_client(), app.test_client()
    tokens = {}
    for client, (email, password) in ((admin, ADMIN), (staff, STAFF)):
        answer = client.post("/api/v1/auth/token", json={"email": email, "password": password})
        tokens[email] = answer.get_json()["token"]
        client.post("/login", data={"email": email, "password": password})

    def get(client, path: str, token: str | None = None) -> Callable[[], object]:
        def call() -> None:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            response = client.get(path, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
        return call

    def clear() -> None:
        with app.app_context():
            cache.clear()

    anonymous = app.test_client()
    measures = [
        ("admin dashboard, API (whole country)", get(admin, "/api/v1/reports/dashboard", tokens[ADMIN[0]]), None),
        ("admin dashboard, page /admin/dashboard", get(admin, "/admin/dashboard"), None),
        ("company dashboard, API (busiest company)",
         get(staff, "/api/v1/reports/dashboard", tokens[STAFF[0]]), None),
        ("company dashboard, page /company/dashboard", get(staff, "/company/dashboard"), None),
        ("impact, API, computed afresh", get(anonymous, "/api/v1/impact"), clear),
        ("impact, page /impact, computed afresh", get(anonymous, "/impact"), clear),
        ("impact, API, from the cache", get(anonymous, "/api/v1/impact"), None),
        ("impact, page /impact, from the cache", get(anonymous, "/impact"), None),
    ]
    print(f"\nTimes in-process (Flask test client), {args.repeat} requests each after one to warm up:")
    summary = {}
    for label, call, before in measures:
        if before is not None:
            before()
        call()  # warm up: imports, templates, the connection pool
        seconds = timed(call, args.repeat, before)
        median, slowest = statistics.median(seconds), max(seconds)
        summary[label] = {"median_ms": round(median * 1000), "max_ms": round(slowest * 1000)}
        print(f"  {label:<44} median {median * 1000:>7.0f} ms   slowest {slowest * 1000:>7.0f} ms", flush=True)
    app.extensions["db"].engine.dispose()
    print("\n" + json.dumps({"lines": loaded["lines"], "times": summary}, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True,
                        help="a PostgreSQL server to create a scratch database on (the role needs CREATEDB)")
    parser.add_argument("--lines", type=int, default=1_000_000, help="order lines to load")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per figure")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgresql"):
        parser.error("the dashboard benchmark bulk-loads with PostgreSQL's COPY: give a postgresql+psycopg URL")
    workdir = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    try:
        with scratch_database(args.database_url, workdir) as url:
            return run(url, workdir, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
