"""Reported changes, decisions about an entitlement, 追回 and objections in the domain (issue 22):
a report is a case for county civil affairs; applying it takes effect from the month after
the event; a death asks back what was paid after it; an objection upheld pays the months back."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits import entitlement_changes as changes
from app.domain.files.documents import check_upload
from app.domain.models import (
    Account,
    ChangeKind,
    ChangeReport,
    ChangeReportState,
    Channel,
    Entitlement,
    EntitlementDecisionKind,
    EntitlementState,
    Objection,
    ObjectionState,
    OverpaymentRecovery,
    Payment,
    PaymentState,
    Person,
    Role,
)
from tests.factories import make_account
from tests.test_payment_run import NANGUAN, entitled, header, run, settle

CHAOYANG = "220104"
PDF = b"%PDF-1.4 death certificate"


def staff(app: Flask, role: Role = Role.CIVIL_AFFAIRS, area: str = NANGUAN) -> int:
    return make_account(app, phone="13700000009", name="民政", role=role, area=area)


def pay_and_settle(app: Flask, month: date) -> None:
    run(app, month)
    with app.app_context():
        ids = [p.id for p in get_session().scalars(
            select(Payment).where(Payment.roster_month == month))]
    settle(app, month, header() + "".join(f"{i},成功,{month.isoformat()},\n" for i in ids))


def report(app: Flask, entitlement_id: int, kind: ChangeKind, event_date: date,
           **fields: object) -> int:
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, entitlement_id)
        assert entitlement is not None
        person = db.get(Person, entitlement.person_id)
        reporter = db.scalar(select(Account).where(Account.person_id == entitlement.person_id))
        assert person is not None and reporter is not None
        made = changes.start_report(db, person, by=reporter, channel=Channel.ONLINE)
        made.kind, made.event_date = kind, event_date
        for name, value in fields.items():
            setattr(made, name, value)
        if changes.needs_document(made):
            checked = check_upload(io.BytesIO(PDF), "证明.pdf", max_bytes=1_000_000)
            changes.add_document(db, made, folder=Path(app.config["UPLOAD_FOLDER"]),
                                 checked=checked, uploaded_by=reporter)
        changes.send_report(db, made, today=date(2026, 3, 10))
        db.commit()
        return made.id


def decide_report(app: Flask, report_id: int, staff_id: int, *, apply: bool = True,
                  today: date) -> list[tuple[str, str | None]]:
    with app.app_context():
        db = get_session()
        made = changes.decide_report(db, db.get_one(ChangeReport, report_id),
                                     staff=db.get_one(Account, staff_id), apply=apply,
                                     reason="已核实", today=today)
        db.commit()
        return [(d.kind.value, d.effective_month.strftime("%Y-%m") if d.effective_month
                 else None) for d in made]


def test_a_report_waits_in_the_paying_countys_queue_with_its_date_and_its_documents(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    report_id = report(app, ident, ChangeKind.DIED, date(2026, 3, 2))
    with app.app_context():
        db = get_session()
        queued = changes.reports_queue(db, [NANGUAN])
        assert [r.id for r in queued] == [report_id]
        assert queued[0].state == ChangeReportState.RECEIVED
        assert queued[0].reference and len(queued[0].documents) == 1
        # 10 working days from Tuesday 10 March 2026: Tuesday 24 March.
        assert queued[0].due_on == date(2026, 3, 24)
        assert changes.reports_queue(db, [CHAOYANG]) == []


def test_a_report_cannot_be_sent_without_what_it_needs_and_is_sent_once(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    with app.app_context():
        db = get_session()
        entitlement = db.get_one(Entitlement, ident)
        reporter = db.scalars(select(Account)).first()
        assert reporter is not None
        made = changes.start_report(db, entitlement.person, by=reporter, channel=Channel.ONLINE)
        made.kind = ChangeKind.MOVED_WITHIN_JILIN
        assert changes.missing(made) == ["date", "county", "documents"]
        with pytest.raises(changes.NotReady):
            changes.send_report(db, made, today=date(2026, 3, 10))
        made.kind, made.event_date = ChangeKind.SUBSISTENCE_ENDED, date(2026, 2, 1)
        changes.send_report(db, made, today=date(2026, 3, 10))
        reference = made.reference
        changes.send_report(db, made, today=date(2026, 3, 11))
        assert made.reference == reference and made.sent_on == date(2026, 3, 10)


@pytest.mark.engine
def test_a_death_reported_stops_payment_from_the_next_month_and_asks_back_what_was_paid(
        app: Flask) -> None:
    living = entitled(app, first_month=date(2026, 1, 1))
    with app.app_context():
        db = get_session()
        first = db.get_one(Entitlement, living)
        care = Entitlement(application_id=first.application_id, person_id=first.person_id,
                           allowance="care", first_month=date(2026, 1, 1), county_code=NANGUAN,
                           account_number="6217000012345678", state=EntitlementState.PAYING,
                           state_changed_on=date(2026, 1, 1))
        db.add(care)
        db.commit()
        care_id = care.id
    pay_and_settle(app, date(2026, 3, 1))
    pay_and_settle(app, date(2026, 4, 1))
    # Died on 2 March; the family reports it in April: April was paid and is asked back.
    report_id = report(app, living, ChangeKind.DIED, date(2026, 3, 2))
    made = decide_report(app, report_id, staff(app), today=date(2026, 4, 20))
    assert made == [("stopped", "2026-04"), ("recovery", "2026-04"),
                    ("stopped", "2026-04"), ("recovery", "2026-04")]
    assert run(app, date(2026, 5, 1)) == []
    with app.app_context():
        db = get_session()
        recoveries = db.scalars(select(OverpaymentRecovery)
                                .order_by(OverpaymentRecovery.id)).all()
        assert [(r.entitlement_id, r.months, r.amount_fen, r.asked_on) for r in recoveries] == [
            (living, ["2026-04"], 9900, date(2026, 4, 20)),
            (care_id, ["2026-04"], 9300, date(2026, 4, 20))]
        # A death roster (issue 23) naming the same death stops nobody twice.
        assert changes.record_death(db, db.get_one(Entitlement, living).person,
                                    died_on=date(2026, 3, 2), today=date(2026, 5, 3)) == []


@pytest.mark.engine
def test_a_move_within_jilin_applied_moves_payment_to_the_new_county_the_month_after(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 4, 1))
    run(app, date(2026, 7, 1))
    report_id = report(app, ident, ChangeKind.MOVED_WITHIN_JILIN, date(2026, 7, 15),
                       new_county_code=CHAOYANG)
    assert decide_report(app, report_id, staff(app), today=date(2026, 7, 20)) == [
        ("moved", "2026-08")]
    assert run(app, date(2026, 8, 1)) == []
    assert run(app, date(2026, 8, 1), county=CHAOYANG) == [("2026-08", 9900)]


def test_the_end_of_subsistence_stops_only_the_living_allowance(app: Flask) -> None:
    living = entitled(app, first_month=date(2026, 1, 1))
    with app.app_context():
        db = get_session()
        first = db.get_one(Entitlement, living)
        care = Entitlement(application_id=first.application_id, person_id=first.person_id,
                           allowance="care", first_month=date(2026, 1, 1), county_code=NANGUAN,
                           state=EntitlementState.PAYING, state_changed_on=date(2026, 1, 1))
        db.add(care)
        db.commit()
        care_id = care.id
    report_id = report(app, living, ChangeKind.SUBSISTENCE_ENDED, date(2026, 2, 28))
    assert decide_report(app, report_id, staff(app), today=date(2026, 3, 10)) == [
        ("stopped", "2026-03")]
    with app.app_context():
        db = get_session()
        assert db.get_one(Entitlement, living).state == EntitlementState.STOPPED
        assert db.get_one(Entitlement, care_id).state == EntitlementState.PAYING


def test_a_report_found_not_to_change_payment_changes_nothing(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    report_id = report(app, ident, ChangeKind.CARE_LEVEL_CHANGED, date(2026, 2, 28))
    officer = staff(app)
    assert decide_report(app, report_id, officer, apply=False, today=date(2026, 3, 10)) == []
    with app.app_context():
        db = get_session()
        assert db.get_one(ChangeReport, report_id).state == ChangeReportState.NOT_APPLIED
        assert db.get_one(Entitlement, ident).state == EntitlementState.PAYING
        with pytest.raises(changes.AlreadyDecided):
            changes.decide_report(db, db.get_one(ChangeReport, report_id),
                                  staff=db.get_one(Account, officer), apply=True,
                                  reason="", today=date(2026, 3, 11))


@pytest.mark.engine
def test_a_new_account_reported_pays_the_failed_month_again_in_the_next_run(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    with app.app_context():
        payment = get_session().scalars(select(Payment)).one()
    settle(app, date(2026, 3, 1), header() + f"{payment.id},失败,,账户已销户\n")
    report_id = report(app, ident, ChangeKind.NEW_ACCOUNT, date(2026, 3, 25),
                       bank_name="农业银行", account_holder="李娜",
                       account_number="6228480012345678901")
    assert decide_report(app, report_id, staff(app), today=date(2026, 3, 26)) == [
        ("account_changed", None)]
    assert run(app, date(2026, 4, 1)) == [("2026-04", 9900), ("2026-03", 9900)]
    with app.app_context():
        assert get_session().get_one(Entitlement, ident).account_number == "6228480012345678901"


@pytest.mark.engine
def test_an_objection_upheld_within_ten_working_days_pays_the_stopped_months_back(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    pay_and_settle(app, date(2026, 3, 1))
    officer = staff(app)
    with app.app_context():
        db = get_session()
        entitlement = db.get_one(Entitlement, ident)
        [stopped] = changes.decide(db, entitlement, EntitlementDecisionKind.STOPPED,
                                   reason="entered_institution", note="入住养老院",
                                   today=date(2026, 4, 2), staff=db.get_one(Account, officer),
                                   event_date=date(2026, 3, 5))
        db.commit()
        decision_id = stopped.id
    assert run(app, date(2026, 4, 1)) == []
    with app.app_context():
        db = get_session()
        person_account = db.scalar(select(Account).where(Account.person_id.is_not(None)))
        assert person_account is not None
        decision = db.get_one(changes.EntitlementDecision, decision_id)
        assert changes.may_object(db, decision)
        objection = changes.lodge_objection(db, decision, by=person_account,
                                            channel=Channel.ONLINE, grounds="我没有入住",
                                            today=date(2026, 4, 3))
        # Friday 3 April 2026: 10 working days, past the 清明 holiday (4–6 April), is 20 April.
        assert objection.due_on == date(2026, 4, 20)
        again = changes.lodge_objection(db, decision, by=person_account,
                                        channel=Channel.ONLINE, grounds="again",
                                        today=date(2026, 4, 3))
        assert again.id == objection.id and not changes.may_object(db, decision)
        assert [o.id for o in changes.objections_queue(db, [NANGUAN])] == [objection.id]
        answer = changes.decide_objection(db, objection, staff=db.get_one(Account, officer),
                                          upheld=True, answer="核实未入住", today=date(2026, 4, 9))
        db.commit()
        assert answer.kind == EntitlementDecisionKind.RESUMED
        assert db.get_one(Objection, objection.id).state == ObjectionState.UPHELD
    assert run(app, date(2026, 5, 1)) == [("2026-04", 9900), ("2026-05", 9900)]


def test_an_objection_dismissed_leaves_the_stop_and_answers_with_a_letter(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    officer = staff(app)
    with app.app_context():
        db = get_session()
        officer_account = db.get_one(Account, officer)
        [stopped] = changes.decide(db, db.get_one(Entitlement, ident),
                                   EntitlementDecisionKind.STOPPED, reason="moved_out_of_jilin",
                                   note="", today=date(2026, 3, 10), staff=officer_account,
                                   event_date=date(2026, 2, 1))
        objection = changes.lodge_objection(db, stopped, by=officer_account,
                                            channel=Channel.COUNTER, grounds="还在吉林",
                                            today=date(2026, 3, 10))
        answer = changes.decide_objection(db, objection, staff=officer_account, upheld=False,
                                          answer="户籍已迁出", today=date(2026, 3, 12))
        assert answer.kind == EntitlementDecisionKind.OBJECTION_DISMISSED
        assert db.get_one(Entitlement, ident).state == EntitlementState.STOPPED
        assert not changes.may_object(db, answer)


@pytest.mark.engine
def test_a_year_of_reports_a_new_account_a_move_and_a_death_reported_late(app: Flask) -> None:
    """Paid from March; a failed month paid again after a new account is reported; a move in
    July paid by the new county from August; a death in October reported in December: November
    and December, already paid, are asked back."""
    ident = entitled(app, first_month=date(2026, 3, 1))
    officer = staff(app)

    def month_run(month: date, county: str = NANGUAN, fail: bool = False) -> None:
        run(app, month, county=county)
        with app.app_context():
            ids = get_session().scalars(select(Payment.id).where(
                Payment.roster_month == month, Payment.county_code == county)).all()
        if not ids:  # nothing on the roster: the bank has no file to return
            return
        result = ",失败,,账户已冻结\n" if fail else f",成功,{month.isoformat()},\n"
        with app.app_context():
            from app.domain.benefits import payments

            payments.import_return_file(get_session(), county, month,
                                        header() + "".join(f"{i}{result}" for i in ids),
                                        today=month.replace(day=20))
            get_session().commit()

    month_run(date(2026, 4, 1))
    month_run(date(2026, 5, 1), fail=True)
    account = report(app, ident, ChangeKind.NEW_ACCOUNT, date(2026, 5, 25),
                     bank_name="农业银行", account_holder="李娜",
                     account_number="6228480012345678901")
    decide_report(app, account, officer, today=date(2026, 5, 26))
    month_run(date(2026, 6, 1))
    month_run(date(2026, 7, 1))
    moved = report(app, ident, ChangeKind.MOVED_WITHIN_JILIN, date(2026, 7, 10),
                   new_county_code=CHAOYANG)
    decide_report(app, moved, officer, today=date(2026, 7, 20))
    for month in (8, 9, 10, 11, 12):
        month_run(date(2026, month, 1))
        month_run(date(2026, month, 1), county=CHAOYANG)
    with app.app_context():
        new_id = get_session().scalars(select(Entitlement.id).where(
            Entitlement.continues_id == ident)).one()
    died = report(app, new_id, ChangeKind.DIED, date(2026, 10, 3))
    chaoyang = make_account(app, phone="13700000029", name="朝阳区民政",
                            role=Role.CIVIL_AFFAIRS, area=CHAOYANG)
    assert decide_report(app, died, chaoyang, today=date(2026, 12, 22)) == [
        ("stopped", "2026-11"), ("recovery", "2026-11")]
    with app.app_context():
        db = get_session()
        paid = sorted((p.county_code, p.month.strftime("%Y-%m")) for p in db.scalars(
            select(Payment).where(Payment.state == PaymentState.PAID)))
        assert paid == [(NANGUAN, m) for m in ("2026-03", "2026-04", "2026-05", "2026-06",
                                                "2026-07")] + \
            [(CHAOYANG, m) for m in ("2026-08", "2026-09", "2026-10", "2026-11", "2026-12")]
        recovery = db.scalars(select(OverpaymentRecovery)).one()
        assert (recovery.months, recovery.amount_fen) == (["2026-11", "2026-12"], 19800)
