"""A whole year of two allowances in the domain (issue 22's "done when"): approved in March,
paid April to December by monthly runs and the bank's return files; a failed month paid again
after the account is corrected; a move in July paid by the old county to July and the new from
August; a review round with one non-answer suspended and resumed; a stop found wrong on
objection and paid back; a death reported late, stopped from the next month and asked back."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits import entitlement_changes as changes
from app.domain.benefits import payments, reviews
from app.domain.models import (
    Account,
    ChangeKind,
    Channel,
    Entitlement,
    EntitlementDecisionKind,
    EntitlementState,
    OverpaymentRecovery,
    Payment,
    PaymentState,
    ReviewCase,
    Role,
)
from tests.factories import make_account
from tests.test_entitlement_changes import CHAOYANG, decide_report, report, staff
from tests.test_payment_run import NANGUAN, entitled, header, run


def month_run(app: Flask, month: date, county: str, failing: frozenset[int] = frozenset()
              ) -> None:
    """The county's run for the month and the bank's return: paid on the 20th, or failed
    for the entitlements in ``failing``."""
    run(app, month, county=county)
    with app.app_context():
        db = get_session()
        lines = [(p.id, p.entitlement_id) for p in db.scalars(select(Payment).where(
            Payment.roster_month == month, Payment.county_code == county))]
        if not lines:
            return
        text = header() + "".join(
            f"{pid},失败,,账户已冻结\n" if eid in failing else f"{pid},成功,{month:%Y-%m}-20,\n"
            for pid, eid in lines)
        payments.import_return_file(db, county, month, text, today=month.replace(day=20))
        db.commit()


def paid(app: Flask, entitlement_id: int) -> list[str]:
    with app.app_context():
        return [p.month.strftime("%Y-%m") for p in get_session().scalars(
            select(Payment).where(Payment.entitlement_id == entitlement_id,
                                  Payment.state == PaymentState.PAID).order_by(Payment.month))]


def case_of(person_id: int) -> ReviewCase:
    return get_session().scalars(select(ReviewCase).where(
        ReviewCase.person_id == person_id)).one()


@pytest.mark.engine
def test_a_year_of_two_allowances_from_approval_to_a_death(app: Flask) -> None:
    li = entitled(app, first_month=date(2026, 3, 1), name="李娜")
    wang = entitled(app, first_month=date(2026, 3, 1), name="王芳")
    officer = staff(app)
    all_answers = {"same_address": True, "subsistence": True, "no_institution": True,
                   "same_account": True}

    # April: March and April paid. May: 李娜's bank refuses; she gives a new account.
    month_run(app, date(2026, 4, 1), NANGUAN)
    month_run(app, date(2026, 5, 1), NANGUAN, failing=frozenset({li}))
    account = report(app, li, ChangeKind.NEW_ACCOUNT, date(2026, 5, 25), bank_name="农业银行",
                     account_holder="李娜", account_number="6228480012345678901")
    decide_report(app, account, officer, today=date(2026, 5, 26))

    # June: the county's yearly review opens, due 30 June; 李娜 answers, 王芳 does not.
    with app.app_context():
        db = get_session()
        reviews.open_round(db, county_code=NANGUAN, due_on=date(2026, 6, 30),
                           today=date(2026, 6, 1), actor_id=officer)
        li_person = db.get_one(Entitlement, li).person_id
        wang_person = db.get_one(Entitlement, wang).person_id
        case = case_of(li_person)
        reviews.answer(db, case, answers={q: all_answers.get(q, True)
                                          for q in reviews.questions_for(db, case)},
                       changes_note=None, today=date(2026, 6, 10), actor_id=None,
                       channel="online")
        db.commit()
    month_run(app, date(2026, 6, 1), NANGUAN)  # May paid again into the new account
    with app.app_context():
        suspended = reviews.close_due_rounds(get_session(), date(2026, 7, 1))
        get_session().commit()
        assert [s.case.person_id for s in suspended] == [wang_person]

    # July: 李娜 moves to 朝阳区 on 10 July; 王芳 is held back until she answers on 15 July.
    month_run(app, date(2026, 7, 1), NANGUAN)
    moved = report(app, li, ChangeKind.MOVED_WITHIN_JILIN, date(2026, 7, 10),
                   new_county_code=CHAOYANG)
    decide_report(app, moved, officer, today=date(2026, 7, 20))
    with app.app_context():
        db = get_session()
        case = case_of(wang_person)
        resumed = reviews.answer(db, case, answers={q: True for q in
                                                    reviews.questions_for(db, case)},
                                 changes_note=None, today=date(2026, 7, 15), actor_id=None,
                                 channel="counter")
        db.commit()
        assert [e.id for e in resumed] == [wang]

    # September: civil affairs stop 王芳's allowance (低保 said to have ended in September);
    # she objects in October, the county finds the stop wrong and upholds the objection.
    for month in (8, 9):
        month_run(app, date(2026, month, 1), NANGUAN)
        month_run(app, date(2026, month, 1), CHAOYANG)
    with app.app_context():
        db = get_session()
        clerk = db.get_one(Account, officer)
        (stopped,) = changes.decide(db, db.get_one(Entitlement, wang),
                                    EntitlementDecisionKind.STOPPED,
                                    reason="subsistence_ended", note="低保已停", today=date(
                                        2026, 9, 25), staff=clerk, event_date=date(2026, 9, 5))
        db.commit()
    month_run(app, date(2026, 10, 1), NANGUAN)
    month_run(app, date(2026, 10, 1), CHAOYANG)
    assert paid(app, wang)[-1] == "2026-09"  # October held back by the stop
    with app.app_context():
        db = get_session()
        wang_account = db.scalar(select(Account).where(Account.person_id == wang_person))
        assert wang_account is not None
        objection = changes.lodge_objection(db, db.get_one(type(stopped), stopped.id),
                                            by=wang_account, channel=Channel.ONLINE,
                                            grounds="低保没有停", today=date(2026, 10, 8))
        changes.decide_objection(db, objection, staff=db.get_one(Account, officer),
                                 upheld=True, answer="经核实低保仍在享受", today=date(2026, 10, 15))
        db.commit()

    # November and December paid; 李娜 died on 3 October, reported in December.
    for month in (11, 12):
        month_run(app, date(2026, month, 1), NANGUAN)
        month_run(app, date(2026, month, 1), CHAOYANG)
    with app.app_context():
        new_li = get_session().scalars(select(Entitlement.id).where(
            Entitlement.continues_id == li)).one()
    died = report(app, new_li, ChangeKind.DIED, date(2026, 10, 3))
    chaoyang = make_account(app, phone="13700000029", name="朝阳区民政",
                            role=Role.CIVIL_AFFAIRS, area=CHAOYANG)
    assert decide_report(app, died, chaoyang, today=date(2026, 12, 22)) == [
        ("stopped", "2026-11"), ("recovery", "2026-11")]

    months = [f"2026-{m:02d}" for m in range(3, 13)]
    assert paid(app, li) == months[:5]  # March to July by 南关区, May paid on the second try
    assert paid(app, new_li) == months[5:]  # August to December by 朝阳区
    assert paid(app, wang) == months  # July after the review, October after the objection
    with app.app_context():
        db = get_session()
        assert db.get_one(Entitlement, new_li).state == EntitlementState.STOPPED
        assert db.get_one(Entitlement, wang).state == EntitlementState.PAYING
        recovery = db.scalars(select(OverpaymentRecovery)).one()
        assert (recovery.months, recovery.amount_fen) == (["2026-11", "2026-12"], 19800)
