"""The statistics pages under load on PostgreSQL (issue 24): the nightly job and the pages.

    .venv/bin/python -m bench.statistics [--people N --applications M] [--requests R]

1. Makes BENCH_STATISTICS_DATABASE_URL (default portal_bench_statistics on the local server)
   if missing, migrates it and, when it holds no applications, seeds it at the scale asked
   (`app.seed.seed`; kept for later runs). Province scale is --people 2000000
   --applications 5000000 (about 30 minutes to seed on two cores).
2. Times `refresh_county` over every county: the job `flask refresh-statistics` runs.
3. Serves the portal with gunicorn (bench/gunicorn.conf.py) and asks for each statistics page
   R times on one connection as a province manager and as a county's manager (query plus
   render; the pages read only the summary), then the largest download.
4. Writes bench/results/statistics.json and bench/results/statistics.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics as stats
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text

from bench.harness import Browser, Server, stop_servers_on_sigterm
from bench.run import RESULTS, ensure_database, machine, portal

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench_statistics"
PORT = int(os.environ.get("BENCH_STATISTICS_PORT", "8124"))
PROVINCE_PHONE, COUNTY_PHONE, PASSWORD = "18999990001", "18999990002", "bench statistics pages"
PAGE_TARGET_MS = 1000  # the issue: every statistics page in under a second
PROVINCE_APPLICATIONS = 5_000_000


def ensure_seeded(app: Any, people: int, applications: int) -> dict[str, Any]:
    from app.database import get_engine, upgrade_to_head
    from app.domain.models import Application, StatusEvent
    from app.seed import seed

    upgrade_to_head(app)
    engine = get_engine(app)
    with engine.connect() as connection:
        held = connection.scalar(select(func.count(Application.id)))
    seeded: dict[str, Any] = {"seeded_in_this_run": False}
    if not held:
        report = seed(engine, people=people, applications=applications, progress=print)
        seeded = {"seeded_in_this_run": True, "seed_seconds": round(report.seconds)}
    with engine.connect() as connection:
        seeded.update(
            applications=connection.scalar(select(func.count(Application.id))),
            status_events=connection.scalar(select(func.count(StatusEvent.id))),
            database_size=connection.scalar(text(
                "SELECT pg_size_pretty(pg_database_size(current_database()))")))
    return seeded


def refresh_all(app: Any) -> dict[str, Any]:
    from app.database import get_session
    from app.domain.clock import today_in_china
    from app.domain.models import Application, StatisticsCount
    from app.domain.statistics.refresh import every_county, refresh_county

    with app.app_context():
        db = get_session()
        started = time.perf_counter()
        per_county = []
        for county in every_county():
            one = time.perf_counter()
            refresh_county(db, county, today=today_in_china())
            db.commit()
            per_county.append((time.perf_counter() - one, county))
        seconds = time.perf_counter() - started
        busiest = db.execute(select(Application.county_code, func.count())
                             .group_by(Application.county_code)
                             .order_by(func.count().desc()).limit(1)).one()[0]
        rows = db.scalar(select(func.count(StatisticsCount.id)))
    slowest = max(per_county)
    return {"seconds": round(seconds, 1), "counties": len(per_county), "rows": rows,
            "slowest_county_seconds": round(slowest[0], 2), "slowest_county": slowest[1],
            "busiest_county": busiest}


def readers(app: Any, county: str) -> None:
    from app.database import get_session
    from app.domain.models import Role
    from app.domain.people.accounts import create_staff_account, find_account_by_phone

    with app.app_context():
        db = get_session()
        for phone, area in ((PROVINCE_PHONE, "22"), (COUNTY_PHONE, county)):
            if find_account_by_phone(db, phone) is None:
                create_staff_account(db, phone=phone, display_name="统计", password=PASSWORD,
                                     role=Role.STATISTICS, area_code=area)
            else:
                found = find_account_by_phone(db, phone)
                assert found is not None
                found.area_code = area
        db.commit()


def timed(cookie: str, path: str, requests: int) -> dict[str, Any]:
    times, status = [], 0
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for _n in range(requests + 2):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        status = response.status
    times = sorted(times[2:])  # the first two warm the worker
    return {"path": path, "status": status, "bytes": len(body), "requests": requests,
            "p50_ms": round(stats.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "max_ms": round(times[-1], 1)}


def measure(county: str, requests: int) -> dict[str, Any]:
    os.environ["BENCH_DATABASE_URL"] = os.environ.get("BENCH_STATISTICS_DATABASE_URL",
                                                      DEFAULT_URL)
    os.environ["BENCH_PORT"] = str(PORT)
    pages: dict[str, Any] = {}
    month = datetime.now(UTC).strftime("%Y-%m")
    with Server("bench.serve:app", PORT):
        province, own = Browser(PORT), Browser(PORT)
        province.sign_in(PROVINCE_PHONE, PASSWORD)
        own.sign_in(COUNTY_PHONE, PASSWORD)
        for name, cookie, path in (
                ("province_overview", province.cookie_header(), "/statistics/"),
                ("county_page_as_province", province.cookie_header(), f"/statistics/{county}"),
                ("county_page_as_county", own.cookie_header(), f"/statistics/{county}"),
                ("county_page_earlier_month", own.cookie_header(),
                 f"/statistics/{county}?month=2026-01"),
                ("province_download_xlsx", province.cookie_header(),
                 f"/statistics/download/area/22/counties.xlsx?month={month}")):
            pages[name] = timed(cookie, path, requests)
            print(name, pages[name], flush=True)
    return pages


def summary(result: dict[str, Any]) -> str:
    data, job = result["data"], result["refresh"]
    lines = [
        "# Statistics pages: benchmark", "",
        f"Run {result['finished_at']} on {result['machine']['cpu']}, "
        f"{result['machine']['cores']} cores (shared with other work).", "",
        f"Data: {data['applications']:,} applications, {data['status_events']:,} status events "
        f"({data['database_size']})"
        + (". Province scale." if data["applications"] >= PROVINCE_APPLICATIONS else
           f". Not province scale ({PROVINCE_APPLICATIONS:,} applications)."), "",
        f"`refresh-statistics` over {job['counties']} counties"
        + (" (not run again: the summary as the last run left it; its figures)"
           if job.get("reused") else "") + f": {job['seconds']} s, "
        f"{job['rows']:,} summary rows; slowest county {job['slowest_county']} "
        f"({job['slowest_county_seconds']} s).", "",
        "| page (one connection, query plus render) | status | KB | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|"]
    for name, page in result["pages"].items():
        lines.append(f"| {name.replace('_', ' ')} | {page['status']} | "
                     f"{page['bytes'] / 1024:.1f} | {page['p50_ms']} | {page['p95_ms']} | "
                     f"{page['max_ms']} |")
    met = all(page["p95_ms"] < PAGE_TARGET_MS for page in result["pages"].values())
    lines += ["", f"- {'met' if met else 'NOT met'} at this scale: every statistics page "
              f"under {PAGE_TARGET_MS} ms (p95).", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=40_000)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-refresh", action="store_true",
                        help="keep the summary tables as the last run left them (at province "
                             "scale the job takes a quarter of an hour) and report its figures")
    arguments = parser.parse_args()
    stop_servers_on_sigterm()
    url = os.environ.get("BENCH_STATISTICS_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    app = portal(url)
    data = ensure_seeded(app, arguments.people, arguments.applications)
    last = RESULTS / "statistics.json"
    if arguments.no_refresh and last.is_file():
        refresh = {**json.loads(last.read_text())["refresh"], "reused": True}
    else:
        refresh = refresh_all(app)
    print("refresh", refresh, flush=True)
    readers(app, refresh["busiest_county"])
    pages = measure(refresh["busiest_county"], arguments.requests)
    result = {"finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": machine(), "data": data, "refresh": refresh, "pages": pages}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "statistics.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    (RESULTS / "statistics.md").write_text(summary(result))
    print(summary(result))


if __name__ == "__main__":
    main()
