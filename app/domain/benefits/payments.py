"""The monthly payment run of the two subsidies (issue 22), per county, by civil affairs.

A run for a month puts on that month's roster (发放名册) every month owed by each paying
entitlement of the county, from its first month (paid from the month of application) to the
run's month, at the amount in force for the month paid for (app.domain.benefits.amounts). The roster
goes to the bank as CSV or XLSX; the bank's return file (CSV) says for each line paid or failed with
its reason. The import checks every line first and changes nothing when one is wrong.

A payment is unique per entitlement and month (a database constraint): running or importing a
month twice pays nobody twice.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from sqlalchemy import Integer, and_, any_, bindparam, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import ColumnElement

from app.domain.benefits.amounts import monthly_amount
from app.domain.clock import today_in_china
from app.domain.models import Entitlement, EntitlementState, Payment, PaymentState, Person

ROSTER_COLUMNS = ("payment", "name", "id_number", "bank", "account_holder", "account_number",
                  "allowance", "month", "amount")
RETURN_COLUMNS = ("payment", "result", "paid_on", "reason")
PAID_WORDS = frozenset({"paid", "成功"})
FAILED_WORDS = frozenset({"failed", "失败"})
MOST_RETURN_LINES = 200_000


class RosterLine(NamedTuple):
    """A payment put on a roster by a run: what the run's page and audit record say of it."""

    id: int
    entitlement_id: int
    month: date
    amount_fen: int


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def run_month(session: Session, county_code: str, month: date) -> list[RosterLine]:
    """Puts on the month's roster every month owed up to ``month`` by the county's paying
    entitlements (up to the last month of a stopped one), and again each failed month whose
    account was corrected after it failed (补发). Months already on a roster are left alone; a
    suspended entitlement waits. Returns the payments on the roster now."""
    month = month.replace(day=1)
    # Columns, not ORM objects: a county's 100,000 entitlements as objects took most of the
    # run's time.
    entitlements = session.execute(select(
        Entitlement.id, Entitlement.allowance, Entitlement.first_month, Entitlement.last_month)
        .where(Entitlement.county_code == county_code, Entitlement.first_month <= month,
               or_(Entitlement.state == EntitlementState.PAYING,
                   # A stop reported late still owes the months up to the event, if no run has
                   # paid them; a stop over a year old has been settled by the runs since.
                   and_(Entitlement.state == EntitlementState.STOPPED,
                        Entitlement.last_month >= date(month.year - 1, month.month, 1))))
        .order_by(Entitlement.id)).all()
    on_roster = {(entitlement_id, paid_for) for entitlement_id, paid_for in session.execute(
        select(Payment.entitlement_id, Payment.month).where(
            Payment.county_code == county_code, Payment.month <= month))}
    amounts: dict[tuple[str, date], int] = {}
    rows: list[dict[str, object]] = []
    for entitlement_id, allowance, first_month, last_month in entitlements:
        last = min(month, last_month or month)
        for owed in _months(first_month, last):
            if (entitlement_id, owed) in on_roster:
                continue
            key = (allowance, owed)
            if key not in amounts:
                amounts[key] = int(monthly_amount(session, county_code, *key) * 100)
            rows.append({"entitlement_id": entitlement_id, "month": owed, "roster_month": month,
                         "county_code": county_code, "amount_fen": amounts[key],
                         "state": PaymentState.PENDING})
    session.flush()
    again = _pay_again_after_correction(session, county_code, month)
    if not rows:
        return [RosterLine(p.id, p.entitlement_id, p.month, p.amount_fen) for p in again]
    # One bulk INSERT without RETURNING, then the new lines read back as columns: RETURNING
    # ORM objects, or even rows in parameter order, took most of a 100,000-line run.
    before = session.scalar(select(func.max(Payment.id))) or 0
    session.execute(insert(Payment), rows)
    made = [RosterLine(*row) for row in session.execute(
        select(Payment.id, Payment.entitlement_id, Payment.month, Payment.amount_fen)
        .where(Payment.county_code == county_code, Payment.roster_month == month,
               Payment.id > before)
        .order_by(Payment.id))]
    return made + [RosterLine(p.id, p.entitlement_id, p.month, p.amount_fen) for p in again]


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


def roster(session: Session, county_code: str, month: date) -> list[list[str]]:
    """The month's roster for the bank, a line a payment in payment order (ROSTER_COLUMNS),
    read as columns: 100,000 payments with their entitlements and people as ORM objects took
    ten seconds."""
    found = session.execute(
        select(Payment.id, Person.full_name, Person.id_number, Entitlement.bank_name,
               Entitlement.account_holder, Entitlement.account_number, Entitlement.allowance,
               Payment.month, Payment.amount_fen)
        .join(Payment.entitlement).join(Entitlement.person)
        .where(Payment.county_code == county_code, Payment.roster_month == month.replace(day=1))
        .order_by(Payment.id))
    return [[str(payment_id), name, id_number, bank or "", holder or "", account or "",
             allowance, paid_for.strftime("%Y-%m"), f"{Decimal(fen) / 100:.2f}"]
            for payment_id, name, id_number, bank, holder, account, allowance, paid_for, fen
            in found]


def roster_csv(lines: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ROSTER_COLUMNS)
    writer.writerows(lines)
    return out.getvalue()


def roster_xlsx(lines: Sequence[Sequence[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("roster")
    sheet.append(list(ROSTER_COLUMNS))
    for line in lines:
        sheet.append(list(line))  # every cell text: account and ID numbers keep their digits
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1: the header
    problem: str  # a code the web layer words: see PROBLEMS


PROBLEMS = ("columns", "unknown_payment", "repeated_payment", "result", "paid_on", "reason",
            "too_many_lines", "not_csv", "no_lines")


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


def read_return_file(data: bytes) -> list[list[str]]:
    """The lines of a return file as the bank sends it: XLSX (its first sheet, told by its
    content, not its name) or CSV in UTF-8 (with or without a byte-order mark) or GB18030, the
    encoding of Chinese spreadsheet programs. Every cell as text, as the bank wrote it."""
    if data[:4] == b"PK\x03\x04":
        return _xlsx_lines(data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _csv_lines(text)
    raise ReturnFileRefused([LineProblem(1, "not_csv")])


def _csv_lines(text: str) -> list[list[str]]:
    if "\x00" in text:  # a binary file that happens to decode
        raise ReturnFileRefused([LineProblem(1, "not_csv")])
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text.lstrip("\ufeff"))),
                                     MOST_RETURN_LINES + 1))
    except csv.Error:
        raise ReturnFileRefused([LineProblem(1, "not_csv")]) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_lines(data: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise ReturnFileRefused([LineProblem(1, "not_csv")]) from None
    try:
        sheet = book.worksheets[0]
        rows = itertools.islice(sheet.iter_rows(values_only=True), MOST_RETURN_LINES + 1)
        lines = [[_cell_text(value) for value in row] for row in rows]
    finally:
        book.close()
    # A spreadsheet pads short rows with empty cells: trim them to the columns they fill.
    return [line[:len(RETURN_COLUMNS)] if not any(line[len(RETURN_COLUMNS):]) else line
            for line in lines]


def _roster_states(session: Session, county_code: str, month: date) -> dict[int, PaymentState]:
    """The state of each payment on the county's roster of the month, by id (no ORM objects:
    a county's roster has 100,000 of them)."""
    return {payment_id: state for payment_id, state in session.execute(
        select(Payment.id, Payment.state).where(
            Payment.county_code == county_code, Payment.roster_month == month.replace(day=1)))}


def check_return_file(session: Session, county_code: str, month: date,
                      file: str | list[list[str]]) -> list[ReturnLine]:
    """Every line of the bank's return file for the county's roster of the month (CSV text, or
    its lines from read_return_file), checked; ReturnFileRefused lists each wrong line."""
    lines = _csv_lines(file) if isinstance(file, str) else file
    return _check_lines(lines, set(_roster_states(session, county_code, month)))


def _check_lines(lines: list[list[str]], on_roster: set[int]) -> list[ReturnLine]:
    if not lines or [c.strip().lower() for c in lines[0]] != list(RETURN_COLUMNS):
        raise ReturnFileRefused([LineProblem(1, "columns")])
    if len(lines) > MOST_RETURN_LINES:
        raise ReturnFileRefused([LineProblem(1, "too_many_lines")])
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
    if not checked:
        raise ReturnFileRefused([LineProblem(1, "no_lines")])
    return checked


CHUNK = 5000  # rows per UPDATE batch; ids per IN list (PostgreSQL takes 65,535 parameters)


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _batches(session: Session, ids: list[int]) -> list[list[int]]:
    # PostgreSQL takes the ids as one array (= ANY): no batches. SQLite: an IN list a batch.
    size = (len(ids) or 1) if _on_postgresql(session) else CHUNK
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def _id_in(session: Session, ids: list[int]) -> ColumnElement[bool]:
    """Payment.id among ``ids``: one array parameter on PostgreSQL (a 5,000-item IN list costs
    the driver more than the update), an IN list on SQLite."""
    if _on_postgresql(session):
        return Payment.id == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
    return Payment.id.in_(ids)


@dataclass(frozen=True)
class Settled:
    paid: int  # lines that paid a payment not paid before
    failed: list[Payment]  # payments that failed now, with their person (to be told)
    unchanged: int  # lines that changed nothing: already paid, or the same failure again


def settle_return_file(session: Session, county_code: str, month: date,
                       file: str | list[list[str]], today: date | None = None) -> Settled:
    """Settles the roster's payments from the bank's return file, all or nothing, in bulk
    (UPDATE by id in batches, not an ORM object per line). A payment already paid stays paid;
    a failure already recorded is not told again."""
    today = today or today_in_china()
    lines = _csv_lines(file) if isinstance(file, str) else file
    states = _roster_states(session, county_code, month)
    checked = _check_lines(lines, set(states))
    # Lines settle alike in large groups (a file's paid lines share a few dates; failures a few
    # reasons): one UPDATE ... WHERE id IN (a batch) per group, the same on both engines.
    groups: dict[tuple[PaymentState, date | None, str | None], list[int]] = {}
    failed_ids: list[int] = []
    paid = unchanged = 0
    for line in checked:
        state = states[line.payment_id]
        if state == PaymentState.PAID:
            unchanged += 1
            continue
        if line.paid:
            paid += 1
        elif state == PaymentState.FAILED:
            unchanged += 1
        else:
            failed_ids.append(line.payment_id)
        settled = PaymentState.PAID if line.paid else PaymentState.FAILED
        groups.setdefault((settled, line.paid_on, line.reason), []).append(line.payment_id)
    session.flush()
    for (settled, paid_on, reason), ids in groups.items():
        for batch in _batches(session, ids):
            session.execute(
                update(Payment).where(_id_in(session, batch))
                .values(state=settled, paid_on=paid_on, failure_reason=reason,
                        settled_on=today).execution_options(synchronize_session=False))
    # Payments already loaded in this session would keep their old state: read them again.
    for loaded in [o for o in session.identity_map.values() if isinstance(o, Payment)]:
        session.expire(loaded)
    failed: list[Payment] = []
    for batch in _batches(session, failed_ids):
        failed.extend(session.scalars(
            select(Payment).where(_id_in(session, batch))
            .options(joinedload(Payment.entitlement).joinedload(Entitlement.person),
                     joinedload(Payment.entitlement).joinedload(Entitlement.application))
            .order_by(Payment.id)).unique())
    return Settled(paid=paid, failed=failed, unchanged=unchanged)


def import_return_file(session: Session, county_code: str, month: date,
                       file: str | list[list[str]], today: date | None = None) -> list[Payment]:
    """Settles the roster's payments from the bank's return file, all or nothing. A payment
    already paid stays paid. Returns the payments that failed now (their people are told)."""
    return settle_return_file(session, county_code, month, file, today).failed
