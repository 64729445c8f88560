"""The status machine refuses what it must, whatever a page shows."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.casework import status_machine
from app.domain.casework.assignment import AssignmentRefused, assign_application, assignable_staff
from app.domain.casework.reference import new_reference
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    Role,
    StatusEvent,
)
from tests.factories import make_account, make_person
from tests.journeys import OPINIONS

# Transitions, version checks and deadline queries: the domain's core, on both engines.
pytestmark = pytest.mark.engine


@pytest.fixture
def people(app: Flask) -> dict[str, int]:
    resident = make_account(app, phone="13900002001")
    person = make_person(app, township="220102001", account_id=resident)
    ids = {
        "resident": resident,
        "person": person,
        "counter": make_account(app, phone="13900002002", role=Role.COUNTER, area="220102001"),
        "caseworker": make_account(app, phone="13900002003", role=Role.CASEWORKER,
                                   area="220102"),
        "approver": make_account(app, phone="13900002004", role=Role.APPROVER, area="220102"),
        "civil_affairs": make_account(app, phone="13900002006", role=Role.CIVIL_AFFAIRS,
                                      area="220102"),
        "caseworker_elsewhere": make_account(app, phone="13900002005", role=Role.CASEWORKER,
                                             area="220103"),
    }
    with app.app_context():
        db = get_session()
        db.add(Application(service_code="two-subsidies", person_id=person,
                           created_by_account_id=resident, channel=Channel.ONLINE,
                           status=ApplicationStatus.SUBMITTED, reference=new_reference(),
                           county_code="220102", township_code="220102001", answers={}))
        db.commit()
    return ids


def move(app: Flask, who: int, name: str, reason: str | None = None,
         expected_version: int | None = None, on: date = date(2026, 3, 2)) -> ApplicationStatus:
    with app.app_context():
        db = get_session()
        application = db.scalars(select(Application)).one()
        status_machine.transition(db, application, name, actor=db.get(Account, who),
                                  channel=Channel.COUNTER, reason=reason,
                                  expected_version=expected_version, today=on,
                                  opinion=OPINIONS.get(name))
        db.commit()
        return application.status


def record_stage(app: Flask, who: int, stage: str, on: date | None = None) -> str | None:
    with app.app_context():
        db = get_session()
        application = db.scalars(select(Application)).one()
        status_machine.advance_stage(db, application, stage, actor=db.get(Account, who),
                                     channel=Channel.COUNTER, today=date(2026, 3, 2),
                                     scheduled_for=on)
        db.commit()
        return application.stage


AFTER_THE_NOTICE = date(2026, 3, 9)  # a 7-day 公示 put up on 2 March ends on 8 March


def pass_for_decision(app: Flask, people: dict[str, int]) -> None:
    """The two subsidies' way to the civil-affairs decision: 受理, 审核, 公示 (7 days)."""
    move(app, people["counter"], "accept")
    move(app, people["caseworker"], "start_review")
    move(app, people["caseworker"], "start_public_notice")
    move(app, people["caseworker"], "pass_for_decision", on=AFTER_THE_NOTICE)


def approve_and_start_stages(app: Flask, people: dict[str, int]) -> None:
    pass_for_decision(app, people)
    move(app, people["civil_affairs"], "approve", "符合条件", on=AFTER_THE_NOTICE)
    move(app, people["caseworker"], "start_stages", on=AFTER_THE_NOTICE)


def status(app: Flask) -> ApplicationStatus:
    with app.app_context():
        return get_session().scalars(select(Application)).one().status


def test_a_whole_life_with_a_more_information_loop(app: Flask, people) -> None:
    move(app, people["counter"], "accept")
    move(app, people["caseworker"], "start_review")
    move(app, people["caseworker"], "request_information", "低保证明已过期，请上传新的证明")
    move(app, people["resident"], "provide_information", "已上传")
    move(app, people["caseworker"], "start_public_notice")
    move(app, people["caseworker"], "pass_for_decision", on=AFTER_THE_NOTICE)
    move(app, people["civil_affairs"], "approve", "符合条件", on=AFTER_THE_NOTICE)
    move(app, people["caseworker"], "start_stages", on=AFTER_THE_NOTICE)
    record_stage(app, people["caseworker"], "first_payment")
    assert move(app, people["caseworker"], "complete") == ApplicationStatus.COMPLETED
    with app.app_context():
        events = get_session().scalars(select(StatusEvent).order_by(StatusEvent.id)).all()
        assert [(e.to_status.value, e.stage) for e in events] == [
            ("accepted", None), ("in_review", None), ("more_information", None),
            ("in_review", None), ("public_notice", None), ("ready_for_decision", None),
            ("approved", None), ("in_progress", None),
            ("in_progress", "first_payment"), ("completed", None)]


def test_an_illegal_transition_is_refused(app: Flask, people) -> None:
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["approver"], "approve", "too early")
    assert status(app) == ApplicationStatus.SUBMITTED


def test_a_caseworker_cannot_decide(app: Flask, people) -> None:
    pass_for_decision(app, people)
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["caseworker"], "approve", "ok", on=AFTER_THE_NOTICE)


def test_staff_outside_the_area_cannot_act(app: Flask, people) -> None:
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["caseworker_elsewhere"], "accept")


def test_returning_needs_a_reason(app: Flask, people) -> None:
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["counter"], "return", "   ")
    assert move(app, people["counter"], "return", "缺少残疾人证") == ApplicationStatus.RETURNED


def test_withdrawal_is_possible_until_a_decision(app: Flask, people) -> None:
    pass_for_decision(app, people)
    move(app, people["civil_affairs"], "refuse", "不符合条件", on=AFTER_THE_NOTICE)
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["resident"], "withdraw")


def test_a_stale_edit_is_told_not_lost(app: Flask, people) -> None:
    with app.app_context():
        seen_version = get_session().scalars(select(Application)).one().version
    move(app, people["counter"], "accept", expected_version=seen_version)
    with pytest.raises(status_machine.EditConflict):
        move(app, people["caseworker"], "return", "重复", expected_version=seen_version)
    assert status(app) == ApplicationStatus.ACCEPTED


def test_deadlines_skip_holidays_and_count_make_up_days(app: Flask, people) -> None:
    move(app, people["counter"], "accept")
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        # Accepted on Monday 2 March 2026: 3 working days later is Thursday 5 March.
        assert application.due_on == date(2026, 3, 5)
        national_day = status_machine.due_date(get_session(), application,
                                               ApplicationStatus.SUBMITTED, date(2026, 9, 30))
        # 1–7 October are holidays; Saturday 10 October is a make-up working day:
        # 8, 9, 10 (Saturday), 12 and 13 October.
        assert national_day == date(2026, 10, 13)


def test_completion_waits_for_the_last_stage(app: Flask, people) -> None:
    approve_and_start_stages(app, people)
    with pytest.raises(status_machine.TransitionRefused):
        move(app, people["caseworker"], "complete")
    assert status(app) == ApplicationStatus.IN_PROGRESS


def test_stages_are_recorded_in_their_order_only(app: Flask, people) -> None:
    with app.app_context():
        db = get_session()
        db.scalars(select(Application)).one().service_code = "home-modification"
        db.commit()
    move(app, people["counter"], "accept")
    move(app, people["caseworker"], "start_review")
    move(app, people["caseworker"], "start_assessment")
    with pytest.raises(status_machine.TransitionRefused):  # the plan before the home visit
        record_stage(app, people["caseworker"], "plan_agreed")
    with pytest.raises(status_machine.TransitionRefused):  # another service's stage
        record_stage(app, people["caseworker"], "first_payment")
    with pytest.raises(status_machine.DateMissing):  # a visit needs its date
        record_stage(app, people["caseworker"], "home_visit")
    assert record_stage(app, people["caseworker"], "home_visit", date(2026, 3, 2)) == \
        "home_visit"
    with pytest.raises(status_machine.TransitionRefused):  # the same stage twice
        record_stage(app, people["caseworker"], "home_visit", date(2026, 3, 2))
    with pytest.raises(status_machine.TransitionRefused):  # works come after the approval
        record_stage(app, people["caseworker"], "works")
    assert record_stage(app, people["caseworker"], "plan_agreed") == "plan_agreed"


def test_only_a_caseworker_of_the_area_records_stages(app: Flask, people) -> None:
    approve_and_start_stages(app, people)
    for who in ("approver", "counter", "resident", "caseworker_elsewhere"):
        with pytest.raises(status_machine.TransitionRefused):
            record_stage(app, people[who], "first_payment")
    with app.app_context():
        assert get_session().scalars(select(Application)).one().stage is None


def test_stages_cannot_be_recorded_before_approval(app: Flask, people) -> None:
    move(app, people["counter"], "accept")
    with pytest.raises(status_machine.TransitionRefused):
        record_stage(app, people["caseworker"], "first_payment")


def assign(app: Flask, who: int, to: int) -> int | None:
    with app.app_context():
        db = get_session()
        application = db.scalars(select(Application)).one()
        assign_application(db, application, db.get(Account, to), actor=db.get(Account, who))
        db.commit()
        return application.assigned_to_account_id


def test_staff_of_the_area_assign_to_themselves_or_a_colleague(app: Flask, people) -> None:
    with app.app_context():
        db = get_session()
        names = {account.id for account in assignable_staff(
            db, db.scalars(select(Application)).one())}
    # Civil affairs decides the two subsidies, so it can be given this one too.
    assert names == {people["counter"], people["caseworker"], people["approver"],
                     people["civil_affairs"]}
    assert assign(app, people["caseworker"], people["caseworker"]) == people["caseworker"]
    assert assign(app, people["caseworker"], people["approver"]) == people["approver"]


def test_assignment_stays_inside_the_area_and_with_staff(app: Flask, people) -> None:
    for who, to in (("caseworker_elsewhere", "caseworker_elsewhere"),  # not their area
                    ("caseworker", "caseworker_elsewhere"),  # a colleague of another area
                    ("resident", "caseworker"),  # applicants never assign
                    ("caseworker", "resident")):  # nor are assigned
        with pytest.raises(AssignmentRefused):
            assign(app, people[who], people[to])
    with app.app_context():
        assert get_session().scalars(select(Application)).one().assigned_to_account_id is None
