"""Nobody missed at province scale (issue 23): a month's 低保 roster imported and matched with
every card holder and current recipient on PostgreSQL.

    .venv/bin/python -m bench.outreach                       # modest: 200,000 people, 30,000 rows
    .venv/bin/python -m bench.outreach --people 2000000 --roster 300000   # the province

Makes BENCH_OUTREACH_DATABASE_URL (default portal_bench_outreach on the local server) if
missing, migrates it, and when it holds fewer people than asked inserts them (valid ID numbers
across Jilin's counties, two in three with a disability card, one in ten of those with a paying
living allowance; by COPY, kept for later runs, so the seeding happens once). Then, for the next
month without a roster, times the import of a roster of N lines (every line checked, stored in
one transaction) and the match (`outreach.may_be_entitled` for the whole province). Writes
bench/results/outreach.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bench.run import RESULTS, ensure_database, machine, portal

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench_outreach"
FIRST_MONTH = date(2026, 1, 1)
TARGET_SECONDS = 60


def _counties() -> list[str]:
    from app.domain.places.divisions import load_catalogue

    catalogue = load_catalogue()
    return [county.code for prefecture in catalogue.prefectures()
            for county in catalogue.counties(prefecture.code)]


def _id_number(n: int, counties: list[str]) -> str:
    """The n-th of distinct valid 居民身份证号: county, birth date and serial vary with n."""
    from app.domain.people.identity import check_character

    county = counties[n % len(counties)]
    rest = n // len(counties)
    born = date(1940, 1, 1) + timedelta(days=rest % 25_000)
    serial = rest // 25_000
    first17 = f"{county}{born:%Y%m%d}{serial:03d}"
    return first17 + check_character(first17)


def seed(app: Any, people: int) -> None:
    """People, and the applications and entitlements of those already paid, by COPY with ids
    made here (as app/seed.py does): inserting two million rows one statement at a time would
    take most of an hour on a small machine."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from app.database import get_engine, upgrade_to_head
    from app.domain.models import Account, Person
    from app.domain.people.accounts import register_account

    upgrade_to_head(app)
    engine = get_engine(app)
    counties = _counties()
    with Session(engine) as session:
        have = session.scalar(select(func.count(Person.id))) or 0
        if have >= people:
            return
        account = session.scalar(select(Account).where(Account.phone == "18999992001")) or \
            register_account(session, phone="18999992001", display_name="bench",
                             password="bench outreach")
        session.commit()
        account_id = account.id
    now = datetime.now(UTC).isoformat()
    with engine.begin() as connection:
        first = {table: (connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}"))
                         or 0) + 1 for table in ("people", "applications", "entitlements")}
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        paid: list[tuple[int, str]] = []  # (person id, county) of those already paid
        with cursor.copy("COPY people (id, full_name, id_number, birth_date, sex, county_code, "
                         "disability_card_number, communication_needs, created_at, updated_at) "
                         "FROM STDIN") as stream:
            for n in range(have, people):
                number = _id_number(n, counties)
                card = number + "4" + str(n % 4 + 1) if n % 3 else None
                person_id = first["people"] + n - have
                stream.write_row((person_id, f"居民{n}", number, "1960-01-01", "female",
                                  number[:6], card, "[]", now, now))
                if card and n % 10 == 1:  # one card holder in ten gets the living allowance
                    paid.append((person_id, number[:6]))
        with cursor.copy("COPY applications (id, service_code, person_id, created_by_account_id,"
                         " channel, status, answers, county_code, version, created_at, "
                         "updated_at) FROM STDIN") as stream:
            for i, (person_id, county) in enumerate(paid):
                stream.write_row((first["applications"] + i, "two-subsidies", person_id,
                                  account_id, "online", "approved", "{}", county, 1, now, now))
        with cursor.copy("COPY entitlements (id, application_id, person_id, allowance, "
                         "first_month, county_code, state, state_changed_on, created_at) "
                         "FROM STDIN") as stream:
            for i, (person_id, county) in enumerate(paid):
                stream.write_row((first["entitlements"] + i, first["applications"] + i,
                                  person_id, "living", FIRST_MONTH.isoformat(), county,
                                  "paying", FIRST_MONTH.isoformat(), now))
        for table in ("people", "applications", "entitlements"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("people", "applications", "entitlements"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def measure(app: Any, people: int, roster_rows: int, *,
            match_only: bool = False) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from app.database import get_engine
    from app.domain.benefits import rosters
    from app.domain.models import AssistanceKind, AssistanceRoster

    counties = _counties()
    timings: dict[str, Any] = {}
    with Session(get_engine(app)) as session:
        last = session.scalar(select(func.max(AssistanceRoster.month)))
        if match_only and last is not None:
            return _match(session, last, timings)
        month = FIRST_MONTH if last is None else \
            date(last.year + last.month // 12, last.month % 12 + 1, 1)
        # Every 6th person of the province is on the roster, shifted a little each month so
        # some are new; a tenth of the lines are people the portal does not know.
        step = max(1, people // roster_rows)
        shift = month.month
        lines = ["身份证号,姓名,户籍县区代码"]
        for i in range(roster_rows):
            n = (i * step + shift) % people if i % 10 else people + i * 7 + shift
            number = _id_number(n, counties)
            lines.append(f"{number},居民{n},{number[:6]}")
        content = ("\n".join(lines) + "\n").encode()
        started = time.perf_counter()
        rosters.import_assistance_roster(session, kind=AssistanceKind.DIBAO, month=month,
                                         area_code="22", content=content,
                                         today=date(2026, 12, 6), actor=None)
        session.commit()
        timings["import_seconds"] = round(time.perf_counter() - started, 1)
        session.expunge_all()
        return _match(session, month, timings)


def _match(session: Any, month: date, timings: dict[str, Any]) -> dict[str, Any]:
    from app.domain.benefits import outreach

    timings["month"] = month.isoformat()
    started = time.perf_counter()
    found = outreach.may_be_entitled(session, county_codes=None, month=month,
                                     today=date(2026, 12, 6))
    timings["match_seconds"] = round(time.perf_counter() - started, 1)
    timings["may_be_entitled"] = len(found)
    started = time.perf_counter()
    left = outreach.left_the_roster(session, county_codes=None, month=month)
    timings["left_the_roster_seconds"] = round(time.perf_counter() - started, 1)
    timings["left_the_roster"] = len(left)
    timings["match_under_a_minute"] = timings["match_seconds"] < TARGET_SECONDS
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--roster", type=int, default=30_000)
    parser.add_argument("--match-only", action="store_true",
                        help="time the match of the latest roster again, importing none")
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_OUTREACH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    app = portal(url)
    started = time.perf_counter()
    seed(app, arguments.people)
    seeded = round(time.perf_counter() - started, 1)
    result = {"people": arguments.people, "roster_rows": arguments.roster,
              "seed_seconds": seeded, "machine": machine(),
              **measure(app, arguments.people, arguments.roster,
                                match_only=arguments.match_only)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "outreach.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
