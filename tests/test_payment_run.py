"""The monthly payment run (发放名册) and the bank's return file (issue 22)."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.database import get_session
from app.domain.benefits import payments
from app.domain.models import (
    Application,
    ApplicationStatus,
    Channel,
    Entitlement,
    EntitlementState,
    InAppMessage,
    OutboxMessage,
    Payment,
    PaymentState,
)
from app.web.messages import notify_payment_failed
from tests.factories import make_account, make_person

NANGUAN = "220102"
PHONES = itertools.count(13900000001)


def entitled(app: Flask, *, first_month: date, allowance: str = "living",
             county: str = NANGUAN, name: str = "李娜",
             state: EntitlementState = EntitlementState.PAYING) -> int:
    phone = str(next(PHONES))
    account = make_account(app, phone=phone, name=name)
    person = make_person(app, name=name, township=f"{county}001", account_id=account,
                         phone=phone)
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", person_id=person, created_by_account_id=account,
            channel=Channel.ONLINE, status=ApplicationStatus.APPROVED, county_code=county,
            answers={}, submitted_at=datetime(2025, 6, 3, tzinfo=UTC))
        entitlement = Entitlement(
            application=application, person_id=person, allowance=allowance,
            first_month=first_month, county_code=county, bank_name="吉林银行",
            account_holder=name, account_number="6217000012345678", state=state,
            state_changed_on=first_month)
        db.add(entitlement)
        db.commit()
        return entitlement.id


def run(app: Flask, month: date, county: str = NANGUAN) -> list[tuple[str, int]]:
    with app.app_context():
        made = payments.run_month(get_session(), county, month)
        get_session().commit()
        return [(p.month.strftime("%Y-%m"), p.amount_fen) for p in made]


def settle(app: Flask, month: date, text: str) -> list[int]:
    with app.app_context():
        failed = payments.import_return_file(get_session(), NANGUAN, month, text)
        get_session().commit()
        return [p.id for p in failed]


def payment_states(app: Flask) -> dict[int, tuple[PaymentState, date | None, str | None]]:
    with app.app_context():
        return {p.id: (p.state, p.paid_on, p.failure_reason)
                for p in get_session().scalars(select(Payment))}


@pytest.mark.engine
def test_a_run_pays_each_month_owed_at_its_own_amount_and_never_twice(app: Flask) -> None:
    entitled(app, first_month=date(2025, 6, 1))
    entitled(app, first_month=date(2025, 9, 1), allowance="care", name="王芳")
    entitled(app, first_month=date(2025, 6, 1), name="张伟",
             state=EntitlementState.SUSPENDED)
    entitled(app, first_month=date(2025, 6, 1), county="220104", name="赵敏")
    # The first run in August pays June at the old standard (85), July and August at 99.
    assert run(app, date(2025, 8, 1)) == [("2025-06", 8500), ("2025-07", 9900),
                                          ("2025-08", 9900)]
    assert run(app, date(2025, 8, 1)) == []  # run again: nobody paid twice
    assert run(app, date(2025, 9, 1)) == [("2025-09", 9900), ("2025-09", 9300)]
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Payment)) == 5


@pytest.mark.engine
def test_the_database_refuses_a_second_payment_for_the_same_month(app: Flask) -> None:
    entitlement = entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    with app.app_context():
        db = get_session()
        db.add(Payment(entitlement_id=entitlement, month=date(2026, 3, 1),
                       roster_month=date(2026, 4, 1), county_code=NANGUAN, amount_fen=9900))
        with pytest.raises(IntegrityError):
            db.commit()
        db.rollback()


def test_the_roster_goes_to_the_bank_as_csv_and_xlsx_with_every_digit(app: Flask) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    with app.app_context():
        roster = payments.roster(get_session(), NANGUAN, date(2026, 3, 1))
        rows = list(csv.reader(io.StringIO(payments.roster_csv(roster))))
        book = load_workbook(io.BytesIO(payments.roster_xlsx(roster)))
    assert rows[0] == list(payments.ROSTER_COLUMNS)
    assert rows[1][1:] == ["李娜", rows[1][2], "吉林银行", "李娜", "6217000012345678",
                           "living", "2026-03", "99.00"]
    sheet_rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert sheet_rows[1] == rows[1]  # the same text cells: no digits lost to a number format


def header() -> str:
    return "payment,result,paid_on,reason\n"


@pytest.mark.engine
def test_the_bank_return_pays_or_fails_each_line_and_a_second_import_changes_nothing(
        app: Flask) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    entitled(app, first_month=date(2026, 3, 1), name="王芳")
    run(app, date(2026, 3, 1))
    first, second = sorted(payment_states(app))
    text = header() + f"{first},成功,2026-03-20,\n{second},失败,,账户已销户\n"
    assert settle(app, date(2026, 3, 1), text) == [second]
    assert payment_states(app) == {
        first: (PaymentState.PAID, date(2026, 3, 20), None),
        second: (PaymentState.FAILED, None, "账户已销户")}
    # The same file again: nobody is paid twice, nobody is told twice.
    assert settle(app, date(2026, 3, 1), text) == []
    assert payment_states(app)[first] == (PaymentState.PAID, date(2026, 3, 20), None)


def test_a_return_file_with_a_wrong_line_is_refused_line_by_line_and_changes_nothing(
        app: Flask) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    entitled(app, first_month=date(2026, 3, 1), name="王芳")
    run(app, date(2026, 3, 1))
    first, second = sorted(payment_states(app))
    text = header() + (f"{first},成功,2026-03-20,\n"
                       f"{second},失败,,\n"  # no reason
                       "999999,成功,2026-03-20,\n"  # not on this roster
                       f"{first},成功,2026-03-32,\n")  # repeated
    with app.app_context(), pytest.raises(payments.ReturnFileRefused) as refused:
        payments.import_return_file(get_session(), NANGUAN, date(2026, 3, 1), text)
    assert [(p.line, p.problem) for p in refused.value.problems] == [
        (3, "reason"), (4, "unknown_payment"), (5, "repeated_payment")]
    assert {state for state, _, _ in payment_states(app).values()} == {PaymentState.PENDING}
    with app.app_context(), pytest.raises(payments.ReturnFileRefused) as refused:
        payments.import_return_file(get_session(), NANGUAN, date(2026, 3, 1),
                                    "id,status\n1,ok\n")
    assert [(p.line, p.problem) for p in refused.value.problems] == [(1, "columns")]


def test_a_failed_payment_tells_the_person_by_text_and_in_their_inbox(app: Flask) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    (payment,) = payment_states(app)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        db = get_session()
        for failed in payments.import_return_file(
                db, NANGUAN, date(2026, 3, 1), header() + f"{payment},失败,,账户已冻结\n"):
            notify_payment_failed(db, failed)
        db.commit()
        sms = db.scalars(select(OutboxMessage)).one()
        inbox = db.scalars(select(InAppMessage)).one()
    assert sms.recipient.startswith("139") and sms.locale == "zh_Hans_CN"
    assert sms.body == ("2026-03的残疾人两项补贴未能发放到您的银行账户。银行说明：账户已冻结。"
                        "请向乡镇（街道）提供正确的账户信息。")
    assert inbox.body == sms.body
