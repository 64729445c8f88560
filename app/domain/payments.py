"""The monthly payment run of the two subsidies (issue 22), per county, by civil affairs.

A run for a month puts on that month's roster (发放名册) every month owed by each paying
entitlement of the county, from its first month (paid from the month of application) to the
run's month, at the amount in force for the month paid for (app.domain.amounts). The roster goes
to the bank as CSV or XLSX; the bank's return file (CSV) says for each line paid or failed with
its reason. The import checks every line first and changes nothing when one is wrong.

A payment is unique per entitlement and month (a database constraint): running or importing a
month twice pays nobody twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.domain.amounts import monthly_amount
from app.domain.clock import today_in_china
from app.domain.models import Entitlement, EntitlementState, Payment, PaymentState

ROSTER_COLUMNS = ("payment", "name", "id_number", "bank", "account_holder", "account_number",
                  "allowance", "month", "amount")
RETURN_COLUMNS = ("payment", "result", "paid_on", "reason")
PAID_WORDS = frozenset({"paid", "成功"})
FAILED_WORDS = frozenset({"failed", "失败"})
MOST_RETURN_LINES = 200_000


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def run_month(session: Session, county_code: str, month: date) -> list[Payment]:
    """Puts on the month's roster every month owed up to ``month`` by the county's paying
    entitlements (up to the last month of a stopped one), and again each failed month whose
    account was corrected after it failed (补发). Months already on a roster are left alone; a
    suspended entitlement waits. Returns the payments on the roster now."""
    month = month.replace(day=1)
    entitlements = session.scalars(select(Entitlement).where(
        Entitlement.county_code == county_code, Entitlement.state == EntitlementState.PAYING,
        Entitlement.first_month <= month).order_by(Entitlement.id)).all()
    on_roster = {(entitlement_id, paid_for) for entitlement_id, paid_for in session.execute(
        select(Payment.entitlement_id, Payment.month).where(
            Payment.county_code == county_code, Payment.month <= month))}
    amounts: dict[tuple[str, date], int] = {}
    made = []
    for entitlement in entitlements:
        last = min(month, entitlement.last_month or month)
        for owed in _months(entitlement.first_month, last):
            if (entitlement.id, owed) in on_roster:
                continue
            key = (entitlement.allowance, owed)
            if key not in amounts:
                amounts[key] = int(monthly_amount(session, county_code, *key) * 100)
            made.append(Payment(entitlement_id=entitlement.id, month=owed, roster_month=month,
                                county_code=county_code, amount_fen=amounts[key],
                                state=PaymentState.PENDING))
    session.add_all(made)
    session.flush()
    return made + _pay_again_after_correction(session, county_code, month)


def _pay_again_after_correction(session: Session, county_code: str,
                                month: date) -> list[Payment]:
    """Failed months of the county whose account was corrected on or after the failure go on
    this roster again, unless the entitlement is suspended."""
    again = list(session.scalars(select(Payment).join(Payment.entitlement).where(
        Payment.county_code == county_code, Payment.state == PaymentState.FAILED,
        Payment.roster_month < month, Entitlement.account_changed_on.is_not(None),
        Entitlement.account_changed_on >= Payment.settled_on,
        Entitlement.state != EntitlementState.SUSPENDED).order_by(Payment.id)).all())
    for payment in again:
        payment.state, payment.roster_month = PaymentState.PENDING, month
        payment.attempts += 1
    session.flush()
    return again


def roster(session: Session, county_code: str, month: date) -> list[Payment]:
    """The month's roster: its payments with their entitlement and person, in payment order."""
    return list(session.scalars(
        select(Payment).where(Payment.county_code == county_code,
                              Payment.roster_month == month.replace(day=1))
        .options(joinedload(Payment.entitlement).joinedload(Entitlement.person))
        .order_by(Payment.id)).all())


def _roster_rows(payments: Sequence[Payment]) -> list[list[str]]:
    return [[str(p.id), p.entitlement.person.full_name, p.entitlement.person.id_number,
             p.entitlement.bank_name or "", p.entitlement.account_holder or "",
             p.entitlement.account_number or "", p.entitlement.allowance,
             p.month.strftime("%Y-%m"), f"{Decimal(p.amount_fen) / 100:.2f}"]
            for p in payments]


def roster_csv(payments: Sequence[Payment]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ROSTER_COLUMNS)
    writer.writerows(_roster_rows(payments))
    return out.getvalue()


def roster_xlsx(payments: Sequence[Payment]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("roster")
    sheet.append(list(ROSTER_COLUMNS))
    for row in _roster_rows(payments):
        sheet.append(row)  # every cell text: account and ID numbers keep their digits
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1: the header
    problem: str  # a code the web layer words: see PROBLEMS


PROBLEMS = ("columns", "unknown_payment", "repeated_payment", "result", "paid_on", "reason",
            "too_many_lines", "not_csv")


class ReturnFileRefused(ValueError):
    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class ReturnLine:
    payment_id: int
    paid: bool
    paid_on: date | None
    reason: str | None


def check_return_file(session: Session, county_code: str, month: date,
                      text: str) -> list[ReturnLine]:
    """Every line of the bank's return file for the county's roster of the month, checked;
    ReturnFileRefused lists each wrong line."""
    try:
        lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error:
        raise ReturnFileRefused([LineProblem(1, "not_csv")]) from None
    if not lines or [c.strip() for c in lines[0]] != list(RETURN_COLUMNS):
        raise ReturnFileRefused([LineProblem(1, "columns")])
    if len(lines) > MOST_RETURN_LINES:
        raise ReturnFileRefused([LineProblem(1, "too_many_lines")])
    on_roster = {p.id for p in session.scalars(select(Payment).where(
        Payment.county_code == county_code, Payment.roster_month == month.replace(day=1)))}
    problems: list[LineProblem] = []
    checked: list[ReturnLine] = []
    seen: set[int] = set()
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(RETURN_COLUMNS):
            problems.append(LineProblem(number, "columns"))
            continue
        ident, result, paid_on_text, reason = (c.strip() for c in cells)
        payment_id = int(ident) if ident.isdigit() and len(ident) < 12 else None
        if payment_id is None or payment_id not in on_roster:
            problems.append(LineProblem(number, "unknown_payment"))
            continue
        if payment_id in seen:
            problems.append(LineProblem(number, "repeated_payment"))
            continue
        seen.add(payment_id)
        paid = result.lower() in PAID_WORDS
        if not paid and result.lower() not in FAILED_WORDS:
            problems.append(LineProblem(number, "result"))
            continue
        paid_on = None
        if paid:
            try:
                paid_on = date.fromisoformat(paid_on_text)
            except ValueError:
                problems.append(LineProblem(number, "paid_on"))
                continue
        elif not reason:
            problems.append(LineProblem(number, "reason"))
            continue
        checked.append(ReturnLine(payment_id, paid, paid_on, None if paid else reason))
    if problems:
        raise ReturnFileRefused(problems)
    return checked


def import_return_file(session: Session, county_code: str, month: date,
                       text: str, today: date | None = None) -> list[Payment]:
    """Settles the roster's payments from the bank's return file, all or nothing. A payment
    already paid stays paid. Returns the payments that failed now (their people are told)."""
    today = today or today_in_china()
    lines = check_return_file(session, county_code, month, text)
    # The roster's payments by one indexed query: a county's file has more lines than a
    # PostgreSQL statement takes parameters (65,535).
    payments = {p.id: p for p in roster(session, county_code, month)}
    failed = []
    for line in lines:
        payment = payments[line.payment_id]
        if payment.state == PaymentState.PAID:
            continue
        payment.settled_on = today
        if line.paid:
            payment.state, payment.paid_on, payment.failure_reason = \
                PaymentState.PAID, line.paid_on, None
        else:
            if payment.state != PaymentState.FAILED:
                failed.append(payment)
            payment.state, payment.paid_on, payment.failure_reason = \
                PaymentState.FAILED, None, line.reason
    return failed
