"""Benchmark: the staff queue on PostgreSQL with a large table of applications.

Not part of the test suite (timed tests are flaky); run by hand or in a scheduled job:

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/queue_benchmark.py --rows 1000000

It creates its own database, loads N applications spread over Jilin's 60 counties (set-based
INSERT ... SELECT generate_series, so loading a million rows takes seconds), then times the first
queue page and a page deep in the keyset for one county caseworker, prints the plan and p50/p99,
and drops the database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from app import create_app
from app.database import get_engine, get_session, upgrade_to_head
from app.domain.models import Account, Role
from app.domain.queue import QueueFilter, staff_queue
from tests.databases import postgres_database, postgres_server_url

LOAD = """
INSERT INTO people (full_name, id_number, birth_date, sex, county_code, township_code,
                    communication_needs, created_at, updated_at)
SELECT 'P' || n, lpad(n::text, 18, '0'), DATE '1970-01-01', 'female',
       counties.codes[1 + n % 60], counties.codes[1 + n % 60] || '001', '[]', now(), now()
FROM generate_series(1, :rows) AS n, (SELECT array_agg(code) AS codes FROM unnest(
       CAST(:counties AS text[])) AS code) AS counties;
INSERT INTO applications (service_code, person_id, created_by_account_id, channel, status,
                          answers, county_code, township_code, due_on, created_at, updated_at,
                          version, reference)
SELECT 'two-subsidies', p.id, :creator, 'online',
       (ARRAY['submitted','accepted','in_review','more_information','completed'])[1 + p.id % 5],
       '{}', p.county_code, p.township_code, DATE '2026-12-01' + (p.id % 40)::int, now(), now(),
       1, 'R' || p.id
FROM people p WHERE p.full_name LIKE 'P%';
ANALYZE applications; ANALYZE people;
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    server = postgres_server_url()
    if server is None:
        sys.exit("Set TEST_DATABASE_URL to a PostgreSQL server.")
    from app.domain.divisions import load_catalogue

    counties = [c.code for p in load_catalogue().prefectures()
                for c in load_catalogue().counties(p.code)]
    with postgres_database(server) as url:
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True})
        upgrade_to_head(app)
        with app.app_context():
            db = get_session()
            staff = Account(phone="13900009999", password_hash="x", display_name="bench",
                            role=Role.CASEWORKER, area_code="220102", display_settings={})
            db.add(staff)
            db.commit()
            started = time.perf_counter()
            for statement in LOAD.split(";"):
                if statement.strip():
                    db.execute(text(statement), {"rows": options.rows, "counties": counties,
                                                 "creator": staff.id})
            db.commit()
            print(f"loaded {options.rows:,} applications in {time.perf_counter() - started:.1f}s")

            def timed(cursor: str | None) -> tuple[float, str | None]:
                begin = time.perf_counter()
                page = staff_queue(db, staff, QueueFilter(), today=date(2026, 12, 10),
                                   after=cursor)
                return (time.perf_counter() - begin) * 1000, page.next_cursor

            _first, cursor = timed(None)
            for _ in range(200):  # walk deep into the queue
                _elapsed, cursor = timed(cursor)
            for label, at in (("first page", None), ("page 201", cursor)):
                samples = sorted(timed(at)[0] for _ in range(options.repeat))
                p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
                print(f"{label}: p50 {statistics.median(samples):.1f} ms, p99 {p99:.1f} ms")
            plan = db.execute(text(
                "EXPLAIN SELECT id FROM applications WHERE county_code IN ('220102') AND status "
                "IN ('submitted','accepted','in_review') ORDER BY due_on ASC NULLS LAST, id "
                "LIMIT 26")).scalars().all()
            print("\n".join(plan))
        get_engine(app).dispose()


if __name__ == "__main__":
    main()
