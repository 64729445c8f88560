"""`make bench`: the portal under load on PostgreSQL, beside a minimal Flask route in the same run.

    .venv/bin/python -m bench.run [--seconds 10] [--people N --applications M]

1. Makes the database BENCH_DATABASE_URL (default portal_bench on the local server) if missing,
   migrates it and, when it holds no applications, seeds it (`flask seed`, province scale by
   default; the database is kept, so later runs skip this).
2. Serves bench/minimal.py and then the portal with gunicorn (bench/gunicorn.conf.py: two
   threaded workers) and drives each endpoint with wrk from a second process on loopback:
   32 connections for throughput, 1 connection for the big-data latencies (query plus render).
3. Saves EXPLAIN (ANALYZE, BUFFERS) of the staff queue's queries, the workers' memory, and
   writes bench/results/results.json and bench/results/summary.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from bench.harness import (
    ROOT,
    SECRET_KEY,
    Browser,
    Server,
    database_url,
    stop_servers_on_sigterm,
    wrk,
)

RESULTS = ROOT / "bench" / "results"
PORT = int(os.environ.get("BENCH_PORT", "8100"))
SENDER_PHONE = "18600000002"  # the next one's: the wizard and the drafts sent (a list of its own)
TARGETS = {"wizard_step_get": 0.25, "wizard_step_post": 0.12}
P99_TARGET_MS = 100
BIG_DATA_P95_TARGET_MS = 30
MEMORY_TARGET_MB = 150


def ensure_database(url: str) -> None:
    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                   {"name": target.database})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def portal(url: str):  # type: ignore[no-untyped-def]
    from app import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY,
                       "TESTING": True, "WTF_CSRF_ENABLED": False})


def ensure_seeded(app: Any, people: int, applications: int) -> dict[str, Any]:
    from app.database import get_engine, upgrade_to_head
    from app.domain.models import Application, Person, StatusEvent
    from app.seed import seed

    upgrade_to_head(app)
    engine = get_engine(app)
    with engine.connect() as connection:
        held = connection.scalar(select(func.count(Application.id)))
    seeded: dict[str, Any] = {"seeded_in_this_run": False}
    if not held:
        report = seed(engine, people=people, applications=applications, progress=print)
        seeded = {"seeded_in_this_run": True, "seed_seconds": round(report.seconds),
                  "events": report.events}
    with engine.connect() as connection:
        seeded.update(
            people=connection.scalar(select(func.count(Person.id))),
            applications=connection.scalar(select(func.count(Application.id))),
            status_events=connection.scalar(select(func.count(StatusEvent.id))),
            database_size=connection.scalar(text(
                "SELECT pg_size_pretty(pg_database_size(current_database()))")))
    return seeded


def prepare(app: Any, drafts: int) -> dict[str, Any]:
    """The people and drafts the runs use: the first seeded resident, the caseworker of the
    busiest county, a fresh draft for the wizard and ``drafts`` complete ones to send."""
    from app.database import get_session
    from app.domain.models import Account, Application, ApplicationStatus, Channel
    from app.seed import two_subsidies_draft_ready_to_send

    with app.app_context():
        db = get_session()
        # A resident with a sent application of their own (the seed's first person may have
        # only drafts): their list and timeline are measured.
        reader = db.get(Account, db.scalars(select(Application.created_by_account_id).where(
            Application.status == ApplicationStatus.COMPLETED,
            Application.channel == Channel.ONLINE).limit(1)).one())
        resident = db.scalars(select(Account).where(Account.phone == SENDER_PHONE)).one()
        person = resident.person
        busiest = db.execute(text(
            "SELECT county_code FROM applications WHERE status IN ('submitted', 'accepted', "
            "'in_review') GROUP BY county_code ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        caseworker = db.scalars(select(Account).where(Account.area_code == busiest,
                                                      Account.role == "caseworker")).first()
        open_application = db.scalars(select(Application).where(
            Application.county_code == busiest, Application.status.in_(
                [ApplicationStatus.IN_REVIEW, ApplicationStatus.ACCEPTED,
                 ApplicationStatus.SUBMITTED])).limit(1)).one()
        sent = db.scalars(select(Application).where(
            Application.created_by_account_id == reader.id,
            Application.status != ApplicationStatus.DRAFT).order_by(Application.id).limit(1)
        ).one()
        wizard_draft = Application(service_code="assistive-devices", person=person,
                                   created_by=resident, channel=Channel.ONLINE, answers={})
        db.add(wizard_draft)
        ready = [two_subsidies_draft_ready_to_send(db, person, resident, SENDER_PHONE)
                 for _n in range(drafts)]
        db.commit()
        return {"resident_phone": reader.phone, "sender_phone": SENDER_PHONE,
                "caseworker_phone": caseworker.phone,
                "county": busiest, "open_application": open_application.id,
                "timeline_application": sent.id, "wizard_draft": wizard_draft.id,
                "drafts": [draft.id for draft in ready],
                "lookup": {"reference": sent.reference,
                           "id_last_4": reader.person.id_number[-4:]}}


def explain_queue(app: Any, caseworker_phone: str, later_page: str) -> dict[str, str]:
    """EXPLAIN (ANALYZE, BUFFERS) of the queries the queue pages run, as the app runs them."""
    from app.database import get_engine
    from app.seed import STAFF_PASSWORD

    engine = get_engine(app)
    seen: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "FROM applications" in statement and "ORDER BY" in statement:
            seen.append((statement, parameters))

    client = app.test_client()
    client.post("/sign-in", data={"phone": caseworker_phone, "password": STAFF_PASSWORD})
    plans = {}
    for name, path in (("first_page", "/casework"), ("later_page", later_page)):
        seen.clear()
        event.listen(engine, "before_cursor_execute", capture)
        assert client.get(path).status_code == 200
        event.remove(engine, "before_cursor_execute", capture)
        lines = []
        with engine.connect() as connection:
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            for statement, parameters in seen:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                lines += [statement.strip(), repr(parameters), ""]
                lines += [row[0] for row in cursor.fetchall()] + ["", ""]
        plans[name] = "\n".join(lines)
        (RESULTS / f"explain-queue-{name.replace('_', '-')}.txt").write_text(plans[name])
    return plans


def run_all(fixtures: dict[str, Any], seconds: int, connections: int) -> dict[str, Any]:
    from app.seed import RESIDENT_PASSWORD, STAFF_PASSWORD

    runs: dict[str, Any] = {}
    with Server("bench.minimal:app", PORT):
        runs["minimal_route"] = wrk(PORT, ["/"], seconds=seconds, connections=connections)
    with Server("bench.serve:app", PORT) as server:
        resident, reader, staff = Browser(PORT), Browser(PORT), Browser(PORT)
        resident.sign_in(SENDER_PHONE, RESIDENT_PASSWORD)
        reader.sign_in(fixtures["resident_phone"], RESIDENT_PASSWORD)
        staff.sign_in(fixtures["caseworker_phone"], STAFF_PASSWORD)
        step = resident.get(f"/applications/{fixtures['wizard_draft']}").location
        step_token = resident.csrf_token(step)
        step_body = f"csrf_token={step_token}&full_name=%E7%8E%8B%E4%B8%BD"  # 王丽
        if "/steps/full_name" not in step:
            raise RuntimeError(f"the wizard draft starts at {step}, not full_name")
        check = resident.request("POST", step, {"csrf_token": step_token, "full_name": "王丽"})
        assert check.status == 302, check.status
        drafts = [f"/applications/{n}/declaration" for n in fixtures["drafts"]]
        token = resident.csrf_token(drafts[0])
        send_body = f"csrf_token={token}&declaration=y&sensitive_consent=y"
        first_send = resident.request("POST", drafts[0], {"csrf_token": token,
                                                          "declaration": "y",
                                                          "sensitive_consent": "y"})
        assert first_send.location.endswith("/confirmation"), first_send
        queue = staff.get("/casework").body
        later = "/casework"
        for _page in range(20):  # twenty pages into the keyset
            found = re.search(r'href="(/casework\?[^"]*after=[^"]+)"', staff.get(later).body)
            if not found:
                break
            later = found.group(1).replace("&amp;", "&")
        assert "after=" in later, queue[:500]
        fixtures["later_page"] = later
        lookup_token = Browser(PORT)
        lookup_token_value = lookup_token.csrf_token("/status")
        lookup_body = (f"csrf_token={lookup_token_value}&reference="
                       f"{fixtures['lookup']['reference']}&id_last_4="
                       f"{fixtures['lookup']['id_last_4']}")
        me, caseworker = resident.cookie_header(), staff.cookie_header()
        mine = reader.cookie_header()
        timeline = f"/applications/{fixtures['timeline_application']}/timeline"
        loads: dict[str, dict[str, Any]] = {
            "home_page": {"paths": ["/"]},
            "wizard_step_get": {"paths": [step], "cookie": me},
            "wizard_step_post": {"paths": [step], "cookie": me, "method": "POST",
                                 "body": step_body},
            "final_submission": {"paths": drafts[1:], "cookie": me, "method": "POST",
                                 "body": send_body},
            "staff_queue": {"paths": ["/casework"], "cookie": caseworker},
            "staff_application_page": {
                "paths": [f"/casework/applications/{fixtures['open_application']}"],
                "cookie": caseworker},
            "timeline": {"paths": [timeline], "cookie": mine},
            "status_lookup": {"paths": ["/status"], "cookie": lookup_token.cookie_header(),
                              "method": "POST", "body": lookup_body},
        }
        for name, load in loads.items():
            runs[name] = wrk(PORT, load.pop("paths"), seconds=seconds, connections=connections,
                             **load)
            print(name, runs[name], flush=True)
        runs["final_submission"]["drafts_prepared"] = len(drafts) - 1
        big_data = {
            "staff_queue_first_page": {"paths": ["/casework"], "cookie": caseworker},
            "staff_queue_later_page": {"paths": [later], "cookie": caseworker},
            "status_lookup_by_reference": loads["status_lookup"] | {"paths": ["/status"]},
            "my_applications": {"paths": ["/applications"], "cookie": mine},
            "timeline": {"paths": [timeline], "cookie": mine},
        }
        latency: dict[str, Any] = {}
        for name, load in big_data.items():
            load = dict(load)
            latency[name] = wrk(PORT, load.pop("paths"), seconds=seconds, connections=1,
                                threads=1, **load)
            print(name, latency[name], flush=True)
        memory = server.worker_memory_mb()
    return {"throughput": runs, "big_data_latency": latency, "worker_memory": memory}


def ratios(throughput: dict[str, Any]) -> dict[str, Any]:
    base = throughput["minimal_route"]
    return {name: {"requests_per_s": round(run["requests_per_s"] / base["requests_per_s"], 3),
                   "p50": round(run["p50_ms"] / base["p50_ms"], 1) if base["p50_ms"] else None,
                   "p99": round(run["p99_ms"] / base["p99_ms"], 1) if base["p99_ms"] else None}
            for name, run in throughput.items()}


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "python": platform.python_version(), "load_average_at_start": os.getloadavg(),
            "platform": platform.platform()}


def summary_markdown(result: dict[str, Any]) -> str:
    throughput, share = result["throughput"], result["ratios"]
    lines = [
        "# Benchmark summary", "",
        f"Run {result['finished_at']} on {result['machine']['cpu']}, "
        f"{result['machine']['cores']} cores, {result['machine']['memory_gb']} GB; load average "
        f"at start {', '.join(f'{x:.2f}' for x in result['machine']['load_average_at_start'])}."
        " The server, wrk and PostgreSQL share the same cores, and other work may have run "
        "at the same time: compare the ratios to the minimal route, not the raw figures.", "",
        f"Data: {result['data']['people']:,} people, {result['data']['applications']:,} "
        f"applications, {result['data']['status_events']:,} status events "
        f"({result['data']['database_size']})"
        + (f", seeded in {result['data']['seed_seconds']} s." if result["data"].get(
            "seed_seconds") else "."), "",
        f"## Throughput: gunicorn, 2 threaded workers, {result['connections']} connections, "
        f"{result['seconds']} s each", "",
        "| endpoint | req/s | × minimal | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, run in throughput.items():
        lines.append(f"| {name.replace('_', ' ')} | {run['requests_per_s']} | "
                     f"{share[name]['requests_per_s']} | {run['p50_ms']:.1f} | "
                     f"{run['p95_ms']:.1f} | {run['p99_ms']:.1f} | {run['errors']} |")
    lines += ["", "## Big data: one connection, query plus render", "",
              "| page | req/s | p50 ms | p95 ms | p99 ms | errors |",
              "|---|---:|---:|---:|---:|---:|"]
    for name, run in result["big_data_latency"].items():
        lines.append(f"| {name.replace('_', ' ')} | {run['requests_per_s']} | "
                     f"{run['p50_ms']:.1f} | {run['p95_ms']:.1f} | {run['p99_ms']:.1f} | "
                     f"{run['errors']} |")
    lines += ["", "## Memory per worker after the runs", ""]
    lines += [f"- worker {m['pid']}: RSS {m['rss_mb']} MB, PSS {m['pss_mb']} MB"
              for m in result["worker_memory"]]
    lines += ["", "## Targets", ""]
    lines += [f"- {'met' if ok else 'NOT met'}: {what}" for what, ok in result["targets"]]
    lines += ["", "EXPLAIN plans of the queue queries: explain-queue-first-page.txt, "
              "explain-queue-later-page.txt.", ""]
    return "\n".join(lines)


def targets(result: dict[str, Any]) -> list[tuple[str, bool]]:
    throughput, share = result["throughput"], result["ratios"]
    checks = []
    for name, minimum in TARGETS.items():
        checks.append((f"{name.replace('_', ' ')} at least {minimum} × the minimal route's "
                       f"req/s (measured {share[name]['requests_per_s']})",
                       share[name]["requests_per_s"] >= minimum))
        checks.append((f"{name.replace('_', ' ')} p99 under {P99_TARGET_MS} ms at "
                       f"{result['connections']} connections (measured "
                       f"{throughput[name]['p99_ms']:.0f} ms)",
                       throughput[name]["p99_ms"] < P99_TARGET_MS))
    worst = max(m["rss_mb"] for m in result["worker_memory"])
    checks.append((f"memory per worker under {MEMORY_TARGET_MB} MB (largest RSS {worst} MB)",
                   worst < MEMORY_TARGET_MB))
    for name, run in result["big_data_latency"].items():
        # A run in which no request finished has no latency to compare: it is not a pass.
        finished = run["requests_per_s"] > 0
        checks.append((f"{name.replace('_', ' ')} p95 under {BIG_DATA_P95_TARGET_MS} ms "
                       + (f"(measured {run['p95_ms']:.1f} ms)" if finished
                          else "(no request finished in the run)"),
                       finished and run["p95_ms"] < BIG_DATA_P95_TARGET_MS))
    runs = [run for group in ("throughput", "big_data_latency") for run in result[group].values()]
    checks.append(("no errors in any run", all(run["errors"] == 0 for run in runs)))
    checks.append(("every run finished at least one request",
                   all(run["requests_per_s"] > 0 for run in runs)))
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--people", type=int, default=2_000_000)
    parser.add_argument("--applications", type=int, default=5_000_000)
    parser.add_argument("--drafts", type=int, default=3000,
                        help="complete drafts to send in the final-submission run")
    options = parser.parse_args()
    stop_servers_on_sigterm()
    RESULTS.mkdir(parents=True, exist_ok=True)
    url = database_url()
    started = machine()
    ensure_database(url)
    app = portal(url)
    data = ensure_seeded(app, options.people, options.applications)
    print("data", data, flush=True)
    fixtures = prepare(app, options.drafts)
    begun = time.perf_counter()
    measured = run_all(fixtures, options.seconds, options.connections)
    explain_queue(app, fixtures["caseworker_phone"], fixtures["later_page"])
    result: dict[str, Any] = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": started, "data": data, "seconds": options.seconds,
        "connections": options.connections, "server": "gunicorn, 2 gthread workers × 4 threads",
        **measured, "run_seconds": round(time.perf_counter() - begun),
    }
    result["ratios"] = ratios(result["throughput"])
    result["targets"] = targets(result)
    (RESULTS / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    (RESULTS / "summary.md").write_text(summary_markdown(result))
    print(summary_markdown(result))


if __name__ == "__main__":
    main()
