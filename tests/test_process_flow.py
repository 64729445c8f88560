"""Each service's real process, enforced by the domain (docs/process.md): who decides, in what
order, where (户籍), with the county's own 公示 and places."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.access import policies
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework import process_facts, status_machine, workflow
from app.domain.casework.applications import submit_application
from app.domain.casework.queue import QueueFilter, decision_queue, staff_queue
from app.domain.casework.reference import new_reference
from app.domain.models import (
    Account,
    Application,
    AuditEvent,
    Channel,
    Person,
    Role,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.rules import county_rules
from tests.factories import make_account, make_person
from tests.journeys import OPINIONS

# The order of steps, the roles and the county data are the domain's core: both engines.
pytestmark = pytest.mark.engine

MONDAY = date(2026, 3, 2)  # a working week: 2–6 March 2026


@pytest.fixture
def staff(app: Flask) -> dict[str, int]:
    resident = make_account(app, phone="13900003001")
    return {
        "resident": resident,
        "person": make_person(app, township="220102001", account_id=resident),
        "counter": make_account(app, phone="13900003002", role=Role.COUNTER, area="220102001"),
        "caseworker": make_account(app, phone="13900003003", role=Role.CASEWORKER,
                                   area="220102"),
        "approver": make_account(app, phone="13900003004", role=Role.APPROVER, area="220102"),
        "civil_affairs": make_account(app, phone="13900003005", role=Role.CIVIL_AFFAIRS,
                                      area="220102"),
        "admin": make_account(app, phone="13900003006", role=Role.ADMIN, area="22"),
        "county_admin": make_account(app, phone="13900003007", role=Role.ADMIN, area="220103"),
    }


def new_application(app: Flask, staff: dict[str, int], service: str, *,
                    status: S = S.SUBMITTED, stage: str | None = None,
                    answers: dict | None = None) -> int:
    with app.app_context():
        db = get_session()
        application = Application(service_code=service, person_id=staff["person"],
                                  created_by_account_id=staff["resident"],
                                  channel=Channel.ONLINE, status=status, stage=stage,
                                  reference=new_reference(), county_code="220102",
                                  township_code="220102001", answers=answers or {})
        db.add(application)
        db.commit()
        return application.id


def move(app: Flask, application_id: int, who: int, name: str, reason: str | None = None, *,
         on: date = MONDAY) -> S:
    with app.app_context():
        db = get_session()
        application = db.get(Application, application_id)
        status_machine.transition(db, application, name, actor=db.get(Account, who),
                                  channel=Channel.COUNTER, reason=reason, today=on,
                                  opinion=OPINIONS.get(name))
        db.commit()
        return application.status


def record(app: Flask, application_id: int, stage: str, *, on: date = MONDAY,
           scheduled_for: date | None = None) -> None:
    with app.app_context():
        db = get_session()
        caseworker = db.scalar(select(Account).where(Account.role == Role.CASEWORKER))
        status_machine.advance_stage(db, db.get(Application, application_id), stage,
                                     actor=caseworker, channel=Channel.COUNTER, today=on,
                                     scheduled_for=scheduled_for)
        db.commit()


def offered(app: Flask, application_id: int, who: int, *, on: date = MONDAY) -> list[str]:
    with app.app_context():
        db = get_session()
        return [t.name for t in status_machine.allowed_transitions(
            db, db.get(Account, who), db.get(Application, application_id), today=on)]


def refused(app: Flask, application_id: int, who: int, name: str, reason: str = "理由", *,
            on: date = MONDAY) -> bool:
    try:
        move(app, application_id, who, name, reason, on=on)
    except status_machine.TransitionRefused:
        return True
    return False


def no_public_notice(app: Flask, staff: dict[str, int], county: str = "220102") -> None:
    with app.app_context():
        db = get_session()
        county_rules.set_public_notice(db, county, published=False, days=7,
                                       actor=db.get(Account, staff["admin"]))
        db.commit()


# --- 两项补贴: 残联审核, 公示, 民政审定 -----------------------------------------------------------

def test_only_civil_affairs_decides_the_two_subsidies(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "two-subsidies")
    no_public_notice(app, staff)
    move(app, application, staff["counter"], "accept")
    move(app, application, staff["caseworker"], "start_review")
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert offered(app, application, staff["approver"]) == []  # the federation does not decide
    assert refused(app, application, staff["approver"], "approve")
    assert refused(app, application, staff["caseworker"], "approve")
    assert offered(app, application, staff["civil_affairs"]) == [
        "return_to_review", "approve", "refuse"]
    assert move(app, application, staff["civil_affairs"], "approve", "符合条件") == S.APPROVED


def test_civil_affairs_neither_reviews_nor_sees_other_services(
        app: Flask, staff: dict[str, int]) -> None:
    subsidies = new_application(app, staff, "two-subsidies")
    card = new_application(app, staff, "disability-assessment")
    assert refused(app, subsidies, staff["civil_affairs"], "accept")
    with app.app_context():
        db = get_session()
        civil = db.get(Account, staff["civil_affairs"])
        assert policies.can_view_application(db, civil, db.get(Application, subsidies))
        assert not policies.can_view_application(db, civil, db.get(Application, card))
        listed = db.scalars(select(Application.id).where(
            policies.applications_visible_to_staff(civil))).all()
        assert listed == [subsidies]
        queued = staff_queue(db, civil, QueueFilter(), today=MONDAY).applications
        assert [a.id for a in queued] == [subsidies]


def test_the_public_notice_comes_before_the_decision_and_lasts_its_days(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "two-subsidies")
    move(app, application, staff["counter"], "accept")
    move(app, application, staff["caseworker"], "start_review")
    # Published by default: no way to the decision but through the 公示.
    assert "pass_for_decision" not in offered(app, application, staff["caseworker"])
    assert move(app, application, staff["caseworker"], "start_public_notice") == S.PUBLIC_NOTICE
    with app.app_context():
        ends = get_session().get(Application, application).public_notice_ends_on
    assert ends == MONDAY + timedelta(days=6)  # 7 days, counting the first
    assert refused(app, application, staff["caseworker"], "pass_for_decision", on=ends)
    assert move(app, application, staff["caseworker"], "pass_for_decision",
                on=ends + timedelta(days=1)) == S.READY_FOR_DECISION


def test_a_county_sets_a_longer_public_notice(
        app: Flask, staff: dict[str, int]) -> None:
    with app.app_context():
        db = get_session()
        county_rules.set_public_notice(db, "220102", published=True, days=10,
                                       actor=db.get(Account, staff["admin"]))
        db.commit()
    application = new_application(app, staff, "two-subsidies", status=S.IN_REVIEW)
    move(app, application, staff["caseworker"], "start_public_notice")
    assert refused(app, application, staff["caseworker"], "pass_for_decision",
                   on=MONDAY + timedelta(days=9))
    assert move(app, application, staff["caseworker"], "pass_for_decision",
                on=MONDAY + timedelta(days=10)) == S.READY_FOR_DECISION


def test_a_county_without_public_notice_passes_straight_to_the_decision(
        app: Flask, staff: dict[str, int]) -> None:
    no_public_notice(app, staff)
    application = new_application(app, staff, "two-subsidies", status=S.IN_REVIEW)
    assert "start_public_notice" not in offered(app, application, staff["caseworker"])
    assert move(app, application, staff["caseworker"], "pass_for_decision") == \
        S.READY_FOR_DECISION


def test_an_objection_during_the_public_notice_sends_it_back_to_the_review(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "two-subsidies", status=S.IN_REVIEW)
    move(app, application, staff["caseworker"], "start_public_notice")
    assert refused(app, application, staff["caseworker"], "return_to_review", "  ")
    assert move(app, application, staff["caseworker"], "return_to_review",
                "村民反映家庭收入情况不实") == S.IN_REVIEW


def test_only_administrators_of_the_area_set_the_public_notice_within_range(
        app: Flask, staff: dict[str, int]) -> None:
    with app.app_context():
        db = get_session()
        for actor, county, days in ((staff["caseworker"], "220102", 7),  # not an administrator
                                    (staff["county_admin"], "220102", 7),  # not their county
                                    (staff["admin"], "220102", 6),  # shorter than 7 days
                                    (staff["admin"], "220102001", 7)):  # not a county
            with pytest.raises(county_rules.CountyRulesRefused):
                county_rules.set_public_notice(db, county, published=True, days=days,
                                               actor=db.get(Account, actor))
        assert county_rules.public_notice(db, "220102") == county_rules.PublicNotice(True, 7)


def test_payments_count_from_the_month_of_application(
        app: Flask, staff: dict[str, int]) -> None:
    from datetime import UTC, datetime

    application = new_application(app, staff, "two-subsidies")
    with app.app_context():
        db = get_session()
        found = db.get(Application, application)
        found.submitted_at = datetime(2026, 3, 31, 17, 0, tzinfo=UTC)  # 1 April in China
        assert process_facts.payment_from(found) == date(2026, 4, 1)


# --- 残疾评定: 受理 → 评定 → 审核 → 发证 -------------------------------------------------------

def test_the_card_is_assessed_before_it_is_reviewed_and_decided(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "disability-assessment")
    move(app, application, staff["counter"], "accept")
    assert offered(app, application, staff["caseworker"]) == ["start_assessment"]
    assert refused(app, application, staff["caseworker"], "start_review")
    move(app, application, staff["caseworker"], "start_assessment")
    assert "finish_assessment" not in offered(app, application, staff["caseworker"])
    record(app, application, "appointment", scheduled_for=MONDAY + timedelta(days=3))
    with pytest.raises(status_machine.StageTooEarly):  # the result before the appointment
        record(app, application, "assessment_result")
    with pytest.raises(status_machine.TransitionRefused):  # the card before the decision
        record(app, application, "card_issued", on=MONDAY + timedelta(days=3))
    record(app, application, "assessment_result", on=MONDAY + timedelta(days=3))
    assert move(app, application, staff["caseworker"], "finish_assessment") == S.IN_REVIEW
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert move(app, application, staff["approver"], "approve", "符合标准") == S.APPROVED
    move(app, application, staff["caseworker"], "start_stages")
    record(app, application, "card_issued")
    assert move(app, application, staff["caseworker"], "complete") == S.COMPLETED


@pytest.mark.parametrize(("kind", "outcome"), [
    ("renewal", "card_issued"), ("reissue", "card_issued"),
    ("transfer", "card_transferred"), ("cancellation", "card_cancelled")])
def test_a_card_service_without_an_assessment_goes_straight_to_the_review(
        app: Flask, staff: dict[str, int], kind: str, outcome: str) -> None:
    application = new_application(app, staff, "disability-assessment",
                                  answers={"assessment_kind": {"kind": kind}})
    move(app, application, staff["counter"], "accept")
    assert offered(app, application, staff["caseworker"]) == ["start_review"]
    assert refused(app, application, staff["caseworker"], "start_assessment")
    assert move(app, application, staff["caseworker"], "start_review") == S.IN_REVIEW
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert move(app, application, staff["approver"], "approve", "核对无误") == S.APPROVED
    move(app, application, staff["caseworker"], "start_stages")
    if outcome != "card_issued":  # a transfer or a cancellation prints no card
        with pytest.raises(status_machine.TransitionRefused):
            record(app, application, "card_issued")
    record(app, application, outcome)
    assert move(app, application, staff["caseworker"], "complete") == S.COMPLETED


@pytest.mark.parametrize("kind", ["new", "reassessment"])
def test_a_new_card_and_a_reassessment_keep_the_appointment_and_result(
        app: Flask, staff: dict[str, int], kind: str) -> None:
    application = new_application(app, staff, "disability-assessment",
                                  answers={"assessment_kind": {"kind": kind}})
    move(app, application, staff["counter"], "accept")
    assert offered(app, application, staff["caseworker"]) == ["start_assessment"]
    assert refused(app, application, staff["caseworker"], "start_review")
    move(app, application, staff["caseworker"], "start_assessment")
    assert "finish_assessment" not in offered(app, application, staff["caseworker"])
    with app.app_context():
        found = get_session().get(Application, application)
        assert status_machine.stage_to_record(found) == "appointment"


def test_not_meeting_the_standard_is_a_refusal_with_the_reassessment_deadline(
        app: Flask, staff: dict[str, int]) -> None:
    from datetime import UTC, datetime

    application = new_application(app, staff, "disability-assessment", status=S.ASSESSING)
    record(app, application, "appointment", scheduled_for=MONDAY)
    record(app, application, "assessment_result")
    move(app, application, staff["caseworker"], "finish_assessment")
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert move(app, application, staff["approver"], "refuse",
                "评定结论：未达到残疾标准") == S.REFUSED
    with app.app_context():
        db = get_session()
        found = db.get(Application, application)
        found.decided_at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2 March in China
        # 10 working days: 3–6, 9–13 and 16 March.
        assert process_facts.reassessment_by(found, calendar_for(db)) == date(2026, 3, 16)
        facts = process_facts.process_facts(db, found, MONDAY)
        assert facts.reassessment_by == date(2026, 3, 16)


# --- 辅助器具: 初审 → 评估 → 审批 → 适配 → 回访 ------------------------------------------------

def test_devices_are_assessed_after_the_first_review_and_before_approval(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "assistive-devices", status=S.ACCEPTED)
    assert offered(app, application, staff["caseworker"]) == ["start_review"]
    move(app, application, staff["caseworker"], "start_review")
    assert "pass_for_decision" not in offered(app, application, staff["caseworker"])
    move(app, application, staff["caseworker"], "start_assessment")
    record(app, application, "assessment", scheduled_for=MONDAY)
    move(app, application, staff["caseworker"], "finish_assessment")
    assert "start_assessment" not in offered(app, application, staff["caseworker"])
    move(app, application, staff["caseworker"], "pass_for_decision")
    move(app, application, staff["approver"], "approve", "按评估处方适配")
    move(app, application, staff["caseworker"], "start_stages")
    record(app, application, "fitting", scheduled_for=MONDAY + timedelta(days=2))
    with pytest.raises(status_machine.StageTooEarly):
        record(app, application, "follow_up", on=MONDAY + timedelta(days=1))
    record(app, application, "follow_up", on=MONDAY + timedelta(days=2))
    assert move(app, application, staff["caseworker"], "complete") == S.COMPLETED


# --- 家庭无障碍改造: 需求评估 → 方案 → 审批 (places) → 施工 → 验收 ---------------------

def ready_home_modification(app: Flask, staff: dict[str, int]) -> int:
    application = new_application(app, staff, "home-modification", status=S.IN_REVIEW)
    move(app, application, staff["caseworker"], "start_assessment")
    record(app, application, "home_visit", scheduled_for=MONDAY)
    record(app, application, "plan_agreed")
    move(app, application, staff["caseworker"], "finish_assessment")
    move(app, application, staff["caseworker"], "pass_for_decision")
    return application


def test_when_the_years_places_are_used_the_household_waits_for_next_year(
        app: Flask, staff: dict[str, int]) -> None:
    with app.app_context():
        db = get_session()
        county_rules.set_quota(db, "220102", 2026, 1, actor=db.get(Account, staff["admin"]))
        db.commit()
    first, second = ready_home_modification(app, staff), ready_home_modification(app, staff)
    assert "wait_for_quota" not in offered(app, first, staff["approver"])
    move(app, first, staff["approver"], "approve", "符合改造条件")
    with app.app_context():
        db = get_session()
        assert db.get(Application, first).quota_year == 2026
        assert county_rules.places_left(db, "220102", 2026) == 0
    assert refused(app, second, staff["approver"], "approve")
    assert offered(app, second, staff["approver"]) == ["return_to_review", "wait_for_quota",
                                                        "refuse"]
    assert move(app, second, staff["approver"], "wait_for_quota") == S.WAITING_FOR_QUOTA
    with app.app_context(), app.test_request_context():
        from flask_babel import force_locale

        from app.web.messages import _status_text

        with force_locale("en"):
            told = _status_text("waiting_for_quota", None, "7K3M 9QXP C")
        assert "waits for next year's places" in told
    # Next year: the county's places are open again (none set: not limited).
    assert move(app, second, staff["approver"], "approve", "下一年度名额",
                on=date(2027, 1, 4)) == S.APPROVED


def test_a_county_without_a_quota_is_not_limited(
        app: Flask, staff: dict[str, int]) -> None:
    application = ready_home_modification(app, staff)
    assert move(app, application, staff["approver"], "approve", "符合") == S.APPROVED
    with app.app_context():
        assert get_session().get(Application, application).quota_year is None


def test_the_works_wait_for_the_approval(
        app: Flask, staff: dict[str, int]) -> None:
    application = new_application(app, staff, "home-modification", status=S.ASSESSING)
    record(app, application, "home_visit", scheduled_for=MONDAY)
    record(app, application, "plan_agreed")
    with pytest.raises(status_machine.TransitionRefused):
        record(app, application, "works")


# --- 户籍 jurisdiction and 通办 ----------------------------------------------------------

def lodged_in_nanguan_by_someone_registered_in_kuancheng(
        db, staff: dict[str, int], service: str) -> Application:  # type: ignore[no-untyped-def]
    """Sent at a 南关区 counter by a person who lives there and is registered in 宽城区."""
    person = db.get(Person, staff["person"])
    person.hukou_county_code = "220103"
    application = Application(service_code=service, person=person,
                              created_by_account_id=staff["resident"],
                              channel=Channel.COUNTER, answers={})
    db.add(application)
    db.flush()
    submit_application(db, application, actor=db.get(Account, staff["counter"]),
                       answers_on_path={}, county_code="220102",
                       township_code="220102001", today=MONDAY)
    db.commit()
    return application


def test_an_application_lodged_anywhere_is_decided_by_the_hukou_county(
        app: Flask, staff: dict[str, int]) -> None:
    kuancheng_caseworker = make_account(app, phone="13900003010", role=Role.CASEWORKER,
                                        area="220103")
    with app.app_context():
        db = get_session()
        application = lodged_in_nanguan_by_someone_registered_in_kuancheng(
            db, staff, "two-subsidies")
        assert (application.county_code, application.lodged_county_code,
                application.township_code) == ("220103", "220102", "220102001")
        assert application.due_on == date(2026, 3, 5)  # sent within 3 working days
        there = db.get(Account, kuancheng_caseworker)
        here = db.get(Account, staff["caseworker"])
        counter = db.get(Account, staff["counter"])
        # The deciding county's queue holds it; the county where it was lodged does not.
        assert [a.id for a in staff_queue(db, there, QueueFilter(), today=MONDAY)
                .applications] == [application.id]
        assert staff_queue(db, here, QueueFilter(), today=MONDAY).applications == []
        # The township that received it still sees it, to send it on.
        assert [a.id for a in staff_queue(db, counter, QueueFilter(), today=MONDAY)
                .applications] == [application.id]
        assert policies.can_view_application(db, there, application)
        application_id = application.id
    move(app, application_id, kuancheng_caseworker, "accept")
    with app.app_context():
        found = get_session().get(Application, application_id)
        assert found.decide_by == date(2026, 3, 16)  # 10 working days from receipt
    move(app, application_id, kuancheng_caseworker, "start_review")
    with app.app_context():
        # The review's own 15 working days are capped at the 10 the county has to decide.
        assert get_session().get(Application, application_id).due_on == date(2026, 3, 16)


@pytest.mark.parametrize("service", ["disability-assessment", "assistive-devices",
                                     "home-modification"])
def test_the_tongban_time_limits_bind_only_the_two_subsidies(
        app: Flask, staff: dict[str, int], service: str) -> None:
    # The 3 / 10 / 3 working days come from the two subsidies' 通办 notice (2021); the other
    # services go to the 户籍 county too, but within their own limits.
    kuancheng_caseworker = make_account(app, phone="13900003011", role=Role.CASEWORKER,
                                        area="220103")
    with app.app_context():
        db = get_session()
        application = lodged_in_nanguan_by_someone_registered_in_kuancheng(db, staff, service)
        assert application.county_code == "220103"  # the 户籍 county still decides
        assert application.due_on == date(2026, 3, 9)  # the usual 5 working days, not 3
        facts = process_facts.process_facts(db, application, MONDAY)
        assert facts.lodged_elsewhere and not facts.tongban_time_limits
        application_id = application.id
    move(app, application_id, kuancheng_caseworker, "accept")
    with app.app_context():
        assert get_session().get(Application, application_id).decide_by is None


def test_without_hukou_on_record_the_county_of_residence_decides(
        app: Flask, staff: dict[str, int]) -> None:
    with app.app_context():
        db = get_session()
        person = db.get(Person, staff["person"])
        application = Application(service_code="two-subsidies", person=person,
                                  created_by_account_id=staff["resident"],
                                  channel=Channel.ONLINE, answers={})
        db.add(application)
        db.flush()
        submit_application(db, application, actor=db.get(Account, staff["resident"]),
                           answers_on_path={}, county_code="220102",
                           township_code="220102001", today=MONDAY)
        assert application.county_code == "220102"
        assert application.due_on == date(2026, 3, 9)  # the usual 5 working days


# --- one way to move an application: change, message and audit together ---------------------

def test_perform_transition_tells_the_applicant_and_writes_the_audit_log(
        app: Flask, staff: dict[str, int]) -> None:
    application_id = new_application(app, staff, "assistive-devices")
    told: list[tuple[int, str]] = []
    with app.app_context():
        db = get_session()
        application = db.get(Application, application_id)
        workflow.perform_transition(
            db, application, "accept", actor=db.get(Account, staff["counter"]),
            channel=Channel.COUNTER, today=MONDAY, opinion=OPINIONS["accept"],
            notify=lambda _db, app_, event: told.append((app_.id, event.to_status.value)))
        db.commit()
        audit = db.scalars(select(AuditEvent).where(
            AuditEvent.application_id == application_id)).one()
        assert (audit.action, audit.detail) == ("application.accept",
                                                {"from": "submitted", "to": "accepted"})
        assert db.scalars(select(StatusEvent.to_status)).all() == [S.ACCEPTED]
    assert told == [(application_id, "accepted")]


def test_a_refused_perform_transition_writes_nothing(
        app: Flask, staff: dict[str, int]) -> None:
    application_id = new_application(app, staff, "assistive-devices")
    told: list[object] = []
    with app.app_context():
        db = get_session()
        with pytest.raises(status_machine.TransitionRefused):
            workflow.perform_transition(
                db, db.get(Application, application_id), "approve",
                actor=db.get(Account, staff["approver"]), channel=Channel.COUNTER,
                reason="ok", notify=lambda *args: told.append(args))
        assert db.scalars(select(AuditEvent)).all() == []
    assert told == []


# --- the ready-for-decision queue -----------------------------------------------------------

def test_the_decision_queue_holds_what_each_role_decides(
        app: Flask, staff: dict[str, int]) -> None:
    subsidies = new_application(app, staff, "two-subsidies", status=S.READY_FOR_DECISION)
    devices = new_application(app, staff, "assistive-devices", status=S.READY_FOR_DECISION)
    new_application(app, staff, "assistive-devices", status=S.IN_REVIEW)
    with app.app_context():
        db = get_session()

        def queue_of(who: str) -> list[int]:
            return [a.id for a in decision_queue(db, db.get(Account, staff[who]),
                                                 today=MONDAY).applications]

        assert queue_of("approver") == [devices]
        assert queue_of("civil_affairs") == [subsidies]
        assert queue_of("caseworker") == []
