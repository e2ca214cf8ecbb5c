"""Catalogue benchmark: 100,000 listings, the app under gunicorn, requests per second.

Loads a scratch database with ``--listings`` listings (demo titles in Thai and English
combined with pack and batch variants, one or two photo rows each, spread over a
thousand enterprises in the 77 provinces), then, in one run:

1. counts the SQL statements each page costs, in-process through the Flask test
   client, for pages of 1, 24 and 100 items (the count must not grow with the items);
2. serves the app with ``gunicorn -w 2`` on a free loopback port and sends a bounded
   number of requests to each page from a few client threads (keep-alive where the
   server allows it), printing requests per second and the ratio to a trivial route
   of the same app (a 311-byte static file: Flask's routing and static view, no
   database, no template).

It measures and prints; it never asserts a time. Everything it creates (the SQLite
file or the PostgreSQL scratch database, the server process, temporary files) is
removed at the end, also when interrupted.

    .venv/bin/python bench/catalogue.py                              # SQLite
    .venv/bin/python bench/catalogue.py --database-url postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geothai  # noqa: E402
from alembic import command as alembic  # noqa: E402
from sqlalchemy import Connection, Engine, Table, event, insert, make_url, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from marketplace import create_app  # noqa: E402
from marketplace.catalog import demo_data  # noqa: E402
from marketplace.catalog.models import Category, Listing, ListingImage, ListingKind, ListingStatus  # noqa: E402
from marketplace.catalog.reference import ensure_reference_data  # noqa: E402
from marketplace.companies.models import Province  # noqa: E402
from marketplace.db import make_engine  # noqa: E402
from marketplace.enterprises.models import CommunityEnterprise, EnterpriseStatus  # noqa: E402
from marketplace.migrate import alembic_config  # noqa: E402

TRIVIAL = "/static/img/favicon.svg"
THAI_WORD = "ผ้าไหม"  # silk cloth: in about one title in twenty
SHORT_THAI_WORD = "ชา"  # tea: two characters, below a trigram, so not answered by the index
VARIANTS = (  # (Thai, English) added to a demo title
    ("", ""), ("ชุดของขวัญ", "gift set"), ("แพ็กคู่", "twin pack"), ("ขนาดทดลอง", "trial size"),
    ("ล็อตใหม่", "new batch"), ("สูตรดั้งเดิม", "original recipe"), ("ขนาดครอบครัว", "family size"),
    ("รุ่นพิเศษ", "special edition"), ("จากสวนชุมชน", "from the community garden"), ("ทำมือ", "handmade"),
    ("ฤดูกาลนี้", "this season"), ("แบบยกลัง", "by the case"),
)
BATCH = 5000


# -- the scratch database ------------------------------------------------------------------------

@contextlib.contextmanager
def scratch_database(server_url: str | None, workdir: Path) -> Iterator[str]:
    """A new empty database, dropped afterwards: a SQLite file in ``workdir``, or a
    database created on the PostgreSQL server of ``server_url`` (which is left alone)."""
    if not server_url:
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    server = make_url(server_url)
    name = f"bench_catalogue_{uuid.uuid4().hex[:8]}"
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


# -- loading -------------------------------------------------------------------------------------

@dataclasses.dataclass
class Loaded:
    listings: int
    images: int
    enterprises: int
    seconds: float
    listing_ids: list[int]
    unique_word: str


def insert_enterprises(session: Session, count: int, rng: random.Random) -> list[int]:
    provinces = list(session.scalars(select(Province.code).order_by(Province.code)))
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        demo = demo_data.ENTERPRISES[n % len(demo_data.ENTERPRISES)]
        province = provinces[n % len(provinces)]
        district = geothai.districts(province)[0].code
        subdistrict = geothai.subdistricts(district)[0].code
        rows.append({
            "name_th": f"{demo.name_th} {n + 1}", "name_en": f"{demo.name_en} {n + 1}",
            "registration_no": f"5-{province}-{district[2:]}-{subdistrict[4:]}/1-{n + 1:05d}",
            "province_code": province, "district_code": district, "subdistrict_code": subdistrict,
            "otop_stars": rng.choice((None, 1, 2, 3, 3, 4, 4, 5)), "description_th": demo.description_th,
            "description_en": demo.description_en,
            "status": EnterpriseStatus.APPROVED if n % 50 else EnterpriseStatus.PENDING, "created_at": now,
        })
    table = CommunityEnterprise.__table__
    return list(session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))


def listing_rows(count: int, enterprise_ids: list[int], categories: dict[str, int],
                 rng: random.Random) -> Iterator[dict]:
    now = dt.datetime.now(dt.UTC)
    for n in range(count):
        variant_th, variant_en = VARIANTS[(n // 7) % len(VARIANTS)]
        if n % 10 == 9:
            base = demo_data.TOURS[(n // 10) % len(demo_data.TOURS)]
            kind, category = ListingKind.TOUR, "community-tourism"
            extra = {"stock": None, "duration_hours": base.duration_hours, "max_group": base.max_group,
                     "meeting_point": base.meeting_point}
        else:
            base = demo_data.PRODUCTS[n % len(demo_data.PRODUCTS)]
            kind, category = ListingKind.PRODUCT, base.category
            extra = {"stock": rng.randint(0, 200), "duration_hours": None, "max_group": None, "meeting_point": None}
        created = now - dt.timedelta(seconds=rng.randint(0, 730 * 24 * 3600))
        yield {
            "enterprise_id": rng.choice(enterprise_ids), "category_id": categories[category], "kind": kind,
            "status": ListingStatus.ACTIVE if n % 40 else rng.choice((ListingStatus.DRAFT, ListingStatus.ARCHIVED)),
            "title_th": f"{base.title_th} {variant_th}".strip(),
            "title_en": f"{base.title_en} {variant_en}".strip(),
            "description_th": base.description_th, "description_en": base.description_en,
            "price_satang": max(1000, base.price_satang + rng.randint(-20, 20) * 500),
            "low_stock_threshold": 5, "created_at": created, "updated_at": created, **extra,
        }


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert ``rows``. On SQLite, a thousand rows per statement: the FTS5 index flushes
    its pending terms at the end of every statement, which makes row-by-row inserts
    (``executemany``) several times slower. Values go through the columns' own types."""
    if connection.dialect.name != "sqlite":
        # GIN indexes queue new entries in a pending list and merge it when full: a larger one merges less often
        connection.execute(text("SET LOCAL gin_pending_list_limit = '64MB'"))
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    processors = [table.c[name].type.bind_processor(connection.dialect) for name in columns]
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), 1000):
        chunk = rows[start:start + 1000]
        values = [process(row[name]) if process else row[name]
                  for row in chunk for name, process in zip(columns, processors, strict=True)]
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES " + ", ".join([row_marks] * len(chunk)),
            tuple(values),
        )


def prepare(engine: Engine, enterprises: int, rng: random.Random) -> tuple[dict[str, int], list[int]]:
    """Migrate the new database, load the reference data and ``enterprises`` enterprises;
    returns the category ids by slug and the enterprise ids."""
    with engine.begin() as connection:
        alembic.upgrade(alembic_config(connection=connection), "head")
    with Session(engine) as session:
        ensure_reference_data(session)
        session.commit()
        categories = dict(session.execute(select(Category.slug, Category.id)).all())
        enterprise_ids = insert_enterprises(session, enterprises, rng)
        session.commit()
    return categories, enterprise_ids


def load(url: str, listings: int, seed: int) -> Loaded:
    """Migrate the scratch database and fill it; statistics refreshed at the end."""
    started = time.perf_counter()
    rng = random.Random(seed)
    engine = make_engine(url)
    try:
        categories, enterprise_ids = prepare(engine, max(77, listings // 100), rng)

        listing_table, image_table = Listing.__table__, ListingImage.__table__
        rows = enumerate(listing_rows(listings, enterprise_ids, categories, rng), start=1)
        ids: list[int] = []
        images = 0
        while True:  # ids given here (the database is new): plain multi-row INSERTs, no RETURNING
            batch = [{"id": lid, **row} for _, (lid, row) in zip(range(BATCH), rows, strict=False)]
            if not batch:
                break
            new_ids = [row["id"] for row in batch]
            photos = [{"listing_id": lid, "position": position, "large_key": f"bench/{lid}-{position}.webp",
                       "thumb_key": f"bench/{lid}-{position}-t.webp", "width": 1200, "height": 900,
                       "created_at": batch[0]["created_at"]}
                      for lid in new_ids for position in range(1 if lid % 4 else 2)]
            with engine.begin() as connection:
                insert_rows(connection, listing_table, batch)
                connection.execute(insert(image_table), photos)
            ids += new_ids
            images += len(photos)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("SELECT setval(pg_get_serial_sequence('listings', 'id'), max(id)) "
                                        "FROM listings"))

        active = _active_ids(engine)
        unique_word = "Benchmarkonly"  # one listing on sale has it: a catalogue page of one item
        with engine.begin() as connection:
            connection.execute(listing_table.update().where(listing_table.c.id == active[len(active) // 2])
                               .values(title_en=f"{unique_word} silk"))
        analyze(engine)
        return Loaded(len(ids), images, len(enterprise_ids), time.perf_counter() - started, active, unique_word)
    finally:
        engine.dispose()


def analyze(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _active_ids(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.scalars(text(
            "SELECT listings.id FROM listings JOIN enterprises ON enterprises.id = listings.enterprise_id "
            "WHERE listings.status = 'active' AND enterprises.status = 'approved'"
        )))


# -- SQL statements per page, in-process ---------------------------------------------------------

def app_settings(url: str, workdir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": url, "RATELIMIT_ENABLED": "0", "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "INSTANCE_PATH": str(workdir / "instance"), "MEDIA_ROOT": str(workdir / "media"),
        "MARKETPLACE_ENV": "development", "STRIPE_SECRET_KEY": "",
    }


def count_statements(url: str, workdir: Path, pages: list[tuple[str, str]]) -> list[tuple[str, str, int | None, int]]:
    """(label, path, items in the JSON answer or None for HTML, SQL statements) per page."""
    settings = app_settings(url, workdir)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": settings["SECRET_KEY"], "RATELIMIT_ENABLED": False,
                      "INSTANCE_PATH": settings["INSTANCE_PATH"], "MEDIA_ROOT": settings["MEDIA_ROOT"]})
    engine = app.extensions["db"].engine
    statements = 0

    def count(*_args) -> None:
        nonlocal statements
        statements += 1

    results = []
    client = app.test_client()
    event.listen(engine, "before_cursor_execute", count)
    try:
        for label, path in pages:
            with contextlib.suppress(Exception):  # a failing page is reported below
                client.get(path)  # the first request of a kind may load more (metadata, the session)
            statements = 0
            response = client.get(path)
            if response.status_code != 200:
                print(f"  {label}: {path} answered {response.status_code}", file=sys.stderr)
            items = len(response.get_json()["items"]) if response.is_json and response.status_code == 200 else None
            results.append((label, path, items, statements))
    finally:
        event.remove(engine, "before_cursor_execute", count)
        engine.dispose()
    return results


def search_plan(url: str, workdir: Path, path: str) -> list[str]:
    """How the database answers the search of ``path``: the lines of its query plan
    that say how ``listings`` is read (the trigram index, the FTS5 table, or a scan)."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                      "INSTANCE_PATH": str(workdir / "instance"), "MEDIA_ROOT": str(workdir / "media")})
    engine = app.extensions["db"].engine
    seen: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        app.test_client().get(path)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    statement, parameters = next((s, p) for s, p in seen if "FROM listings" in s and "ORDER BY" in s)
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(explain + statement, parameters).all()
    engine.dispose()
    lines = [str(row[-1]).strip() for row in rows]
    wanted = ("listing_search", "Index Scan on", "Scan on listings", "SCAN listings", "SEARCH listings", "CTE")
    return [line.lstrip("-> ") for line in lines if any(word in line for word in wanted)]


# -- the server and the load ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url: str, workdir: Path, workers: int) -> Iterator[int]:
    """The app under gunicorn on a free loopback port, stopped (and waited for) afterwards."""
    port = free_port()
    env = {**os.environ, **app_settings(url, workdir)}
    log = workdir / "gunicorn.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--error-logfile", str(log), "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit("gunicorn stopped:\n" + log.read_text(errors="replace")[-2000:])
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", TRIVIAL)
                if connection.getresponse().status == 200:
                    connection.close()
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclasses.dataclass
class Measure:
    """Requests answered and the time they took, summed over the rounds."""

    label: str
    paths: list[str]
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def warm_up(port: int, paths: list[str]) -> None:
    """One request to each of the first paths: imports, templates, connection pools."""
    for path in paths[:20]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()


def hammer(port: int, measure: Measure, total: int, threads: int, max_seconds: float) -> None:
    """Up to ``total`` GET requests to ``measure.paths`` (in turn) from ``threads``
    client threads, each with its own connection (kept alive when the server allows it;
    reopened when it closes it), stopping early after ``max_seconds``; adds the
    requests answered, their time and the failures to ``measure``."""
    done = errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds

    def client(share: int, offset: int) -> None:
        nonlocal done, errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        answered = failed = 0
        try:
            for n in range(share):
                if time.perf_counter() > deadline:
                    break
                try:
                    connection.request("GET", measure.paths[(offset + n) % len(measure.paths)])
                    response = connection.getresponse()
                    response.read()
                    answered += 1
                    if response.status != 200:
                        failed += 1
                    if response.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException):
                    failed += 1
                    connection.close()
        finally:
            connection.close()
            with lock:
                done += answered
                errors += failed

    shares = [total // threads + (1 if n < total % threads else 0) for n in range(threads)]
    workers = [threading.Thread(target=client, args=(share, measure.requests + n * 997))
               for n, share in enumerate(shares)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    measure.seconds += time.perf_counter() - started
    measure.requests += done
    measure.errors += errors


# -- the run -------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server to create a scratch database on "
                                               "(default: a temporary SQLite file)")
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="requests per route")
    parser.add_argument("--max-seconds", type=float, default=90,
                        help="time after which a route gets no more requests (its figure stands on fewer)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds over the routes, to even out load changes")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
    try:
        with scratch_database(args.database_url, workdir) as url:
            return run(url, workdir, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(url: str, workdir: Path, args: argparse.Namespace) -> int:
    backend = make_url(url).get_backend_name()
    print(f"Loading {args.listings:,} listings into {backend} ...", flush=True)
    loaded = load(url, args.listings, args.seed)
    print(f"  {loaded.listings:,} listings ({len(loaded.listing_ids):,} on sale), {loaded.images:,} photo rows, "
          f"{loaded.enterprises:,} enterprises in {loaded.seconds:.1f} s")

    thai = quote(THAI_WORD)
    listing_id = loaded.listing_ids[len(loaded.listing_ids) // 2]
    print("\nSQL statements per page (in-process, Flask test client):")
    counted = count_statements(url, workdir, [
        ("API catalogue, 1 item", "/api/v1/listings?limit=1"),
        ("API catalogue, 24 items", "/api/v1/listings?limit=24"),
        ("API catalogue, 100 items", "/api/v1/listings?limit=100"),
        ("API Thai search, 24 items", f"/api/v1/listings?q={thai}&limit=24"),
        ("API Thai search, 100 items", f"/api/v1/listings?q={thai}&limit=100"),
        ("HTML catalogue, 1 item", f"/listings?q={loaded.unique_word}"),
        ("HTML catalogue, 24 items", "/listings"),
        ("HTML Thai search, 24 items", f"/listings?q={thai}"),
        ("home page", "/"),
        ("listing page", f"/listings/{listing_id}"),
    ])
    for label, path, items, statements in counted:
        shown = f"{items} items" if items is not None else "HTML"
        print(f"  {label:<28} {statements:>3} statements   ({shown}; {path})")

    print(f"\nHow the database reads listings for the Thai search ({THAI_WORD}, relevance):")
    for line in search_plan(url, workdir, f"/api/v1/listings?q={thai}"):
        print(f"  {line}")

    rotation = [f"/listings/{lid}" for lid in random.Random(args.seed).sample(loaded.listing_ids, 200)]
    measures = [  # the trivial route first: the others are compared with it
        Measure("trivial: static file", [TRIVIAL]),
        Measure("API reference: categories", ["/api/v1/categories"]),
        Measure("API catalogue (24)", ["/api/v1/listings"]),
        Measure("API Thai search ผ้าไหม", [f"/api/v1/listings?q={thai}"]),
        Measure("API Thai search ชา (2 chars)", [f"/api/v1/listings?q={quote(SHORT_THAI_WORD)}"]),
        Measure("HTML home page", ["/"]),
        Measure("HTML catalogue /listings", ["/listings"]),
        Measure("HTML Thai search", [f"/listings?q={thai}"]),
        Measure("HTML listing page", rotation),
    ]
    print(f"\nRequests per second: gunicorn -w {args.workers} (sync workers), up to {args.requests} requests or "
          f"{args.max_seconds:.0f} s per route in {args.rounds} rounds, {args.threads} client threads, loopback, "
          f"{os.cpu_count()} CPUs shared by server and client:", flush=True)
    with gunicorn(url, workdir, args.workers) as port:
        for measure in measures:
            warm_up(port, measure.paths)
        # Rounds, each sending every route its share in turn, so that a change in the machine's load
        # during the run (other processes) weighs on every route alike rather than on one.
        for round_number in range(1, args.rounds + 1):
            for measure in measures:
                hammer(port, measure, args.requests // args.rounds, args.threads, args.max_seconds / args.rounds)
            print(f"  round {round_number}/{args.rounds} done", flush=True)
    baseline = measures[0].per_second
    for measure in measures:
        failed = f"   {measure.errors} FAILED" if measure.errors else ""
        print(f"  {measure.label:<30} {measure.per_second:>8.1f} req/s   {measure.per_second / baseline:>6.3f} "
              f"of trivial   {measure.requests:>5} requests   {measure.paths[0]}{failed}")
    summary = {
        "backend": backend, "listings": loaded.listings, "requests_per_second":
            {m.label: round(m.per_second, 1) for m in measures},
        "statements": {label: statements for label, _path, _items, statements in counted},
    }
    print("\n" + json.dumps(summary, ensure_ascii=False))
    return 1 if any(measure.errors for measure in measures) else 0


if __name__ == "__main__":
    sys.exit(main())
