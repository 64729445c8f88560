"""A county's monthly payment run at 100,000 recipients on PostgreSQL (issue 22).

    .venv/bin/python -m bench.payments [--recipients N]

Makes BENCH_PAYMENTS_DATABASE_URL (default portal_bench_payments on the local server) if
missing, migrates it, and when it holds no entitlements inserts N people, their approved
applications and one paying entitlement each in one county (kept for later runs). Then, for
the next month without a roster, times the run (`payments.run_month`), the roster query, the
CSV and XLSX exports and the import of a return file paying every line. Writes
bench/results/payments.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select

from bench.run import RESULTS, ensure_database, machine, portal

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench_payments"
COUNTY = "220102"
FIRST_MONTH = date(2026, 1, 1)
BATCH = 5000


def seed(app: Any, recipients: int) -> None:
    from sqlalchemy.orm import Session

    from app.database import get_engine, upgrade_to_head
    from app.domain.models import Application, Entitlement, Person
    from app.domain.people.accounts import register_account

    upgrade_to_head(app)
    engine = get_engine(app)
    with Session(engine) as session:
        if session.scalar(select(func.count(Entitlement.id))):
            return
        account = register_account(session, phone="18999991001", display_name="bench",
                                   password="bench payments")
        session.commit()
        now = datetime.now(UTC)
        for start in range(0, recipients, BATCH):
            numbers = range(start, min(start + BATCH, recipients))
            people = session.execute(insert(Person).returning(Person.id), [
                {"full_name": f"受助人{n}", "id_number": f"B{n:017d}",
                 "birth_date": date(1960, 1, 1), "sex": "female", "county_code": COUNTY,
                 "communication_needs": [], "created_at": now, "updated_at": now}
                for n in numbers]).scalars().all()
            applications = session.execute(insert(Application).returning(Application.id), [
                {"service_code": "two-subsidies", "person_id": person,
                 "created_by_account_id": account.id, "channel": "online", "status": "approved",
                 "answers": {}, "county_code": COUNTY, "version": 1, "created_at": now,
                 "updated_at": now} for person in people]).scalars().all()
            session.execute(insert(Entitlement), [
                {"application_id": application, "person_id": person,
                 "allowance": "living" if i % 2 else "care", "first_month": FIRST_MONTH,
                 "county_code": COUNTY, "bank_name": "吉林银行", "account_holder": "受助人",
                 "account_number": f"6217{i:012d}", "state": "paying",
                 "state_changed_on": FIRST_MONTH, "created_at": now}
                for i, (person, application) in enumerate(zip(people, applications, strict=True),
                                                          start=start)])
            session.commit()


def measure(app: Any) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from app.database import get_engine
    from app.domain.benefits import payments
    from app.domain.models import Payment

    timings: dict[str, Any] = {}
    with Session(get_engine(app)) as session:
        last = session.scalar(select(func.max(Payment.roster_month)))
        month = FIRST_MONTH if last is None else \
            date(last.year + last.month // 12, last.month % 12 + 1, 1)
        started = time.perf_counter()
        made = payments.run_month(session, COUNTY, month)
        session.commit()
        timings["run_seconds"] = round(time.perf_counter() - started, 2)
        timings["payments_made"] = len(made)
        timings["month"] = month.isoformat()
        session.expunge_all()
        started = time.perf_counter()
        roster = payments.roster(session, COUNTY, month)
        timings["roster_query_seconds"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        payments.roster_csv(roster)
        timings["csv_seconds"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        payments.roster_xlsx(roster)
        timings["xlsx_seconds"] = round(time.perf_counter() - started, 2)
        text = "payment,result,paid_on,reason\n" + "".join(
            f"{line[0]},成功,{month.isoformat()},\n" for line in roster)
        started = time.perf_counter()
        payments.import_return_file(session, COUNTY, month, text)
        session.commit()
        timings["import_seconds"] = round(time.perf_counter() - started, 2)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_PAYMENTS_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    app = portal(url)
    started = time.perf_counter()
    seed(app, arguments.recipients)
    seeded = round(time.perf_counter() - started, 1)
    result = {"recipients": arguments.recipients, "seed_seconds": seeded,
              "machine": machine(), **measure(app)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "payments.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
