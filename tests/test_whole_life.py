"""Each service through its whole life, through the staff pages and the applicant's timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, format_date
from sqlalchemy import select

from app.database import get_session
from app.domain.casework.reference import new_reference
from app.domain.casework.stages import (
    ASSESSMENT_STARTS_FROM,
    needs_date,
    stages_after_approval,
    stages_before_decision,
)
from app.domain.models import (
    Application,
    ApplicationStatus,
    Channel,
    CountyProcessRule,
    InAppMessage,
    Role,
)
from app.services import SERVICES
from tests.clock import FROZEN_TODAY
from tests.factories import make_account, make_person, sign_in
from tests.journeys import OPINIONS, days_pass, documents_seen_on_paper, stage_data
from tests.pages import EN

# Every service from submission to completion, on both engines.
pytestmark = pytest.mark.engine

APPOINTMENT = FROZEN_TODAY + timedelta(days=9)
AFTER_THE_APPOINTMENT = APPOINTMENT + timedelta(days=1)
APPOINTMENT_IN_WORDS = f"{APPOINTMENT.day} {APPOINTMENT:%B} {APPOINTMENT.year}"


def version_of(app: Flask, application_id: int) -> int:
    with app.app_context():
        return get_session().get(Application, application_id).version


def act(app: Flask, staff: FlaskClient, application_id: int, name: str,
        reason: str = "") -> None:
    response = staff.post(f"/casework/applications/{application_id}/transitions/{name}",
                          data={"reason": reason, "version": version_of(app, application_id),
                                "opinion": OPINIONS.get(name, "")})
    assert response.status_code == 302, (name, response.status_code)


def status(app: Flask, application_id: int) -> ApplicationStatus:
    with app.app_context():
        return get_session().get(Application, application_id).status


def record_stages(app: Flask, caseworker: FlaskClient, application_id: int, service_code: str,
                  codes: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Records the stages in order; after an appointment or visit, the days pass beyond it."""
    for code in codes:
        response = caseworker.post(
            f"/casework/applications/{application_id}/stages/{code}",
            data=stage_data(service_code, code, version_of(app, application_id),
                            on=APPOINTMENT))
        assert response.status_code == 302, code
        if needs_date(service_code, code):
            days_pass(monkeypatch, AFTER_THE_APPOINTMENT)


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.code)
def test_each_service_goes_from_submission_to_completion(app: Flask, service,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    resident_id = make_account(app, phone="13904318001", name="李娜")
    person_id = make_person(app, name="李娜", township="220102001", phone="13904318001",
                            account_id=resident_id)
    make_account(app, phone="13904318002", role=Role.COUNTER, area="220102001")
    caseworker_id = make_account(app, phone="13904318003", role=Role.CASEWORKER, area="220102")
    make_account(app, phone="13904318004", role=Role.APPROVER, area="220102")
    make_account(app, phone="13904318005", role=Role.CIVIL_AFFAIRS, area="220102")
    with app.app_context():
        db = get_session()
        application = Application(
            service_code=service.code, person_id=person_id, created_by_account_id=resident_id,
            channel=Channel.ONLINE, status=ApplicationStatus.SUBMITTED,
            reference=new_reference(), county_code="220102", township_code="220102001",
            answers={"full_name": {"full_name": "李娜"}})
        db.add(application)
        db.commit()
        application_id = application.id
    counter, caseworker, approver, resident = (app.test_client() for _ in range(4))
    sign_in(counter, "13904318002")
    sign_in(caseworker, "13904318003")
    sign_in(approver, "13904318005" if service.code == "two-subsidies" else "13904318004")
    sign_in(resident, "13904318001")
    assessed_first = ASSESSMENT_STARTS_FROM.get(service.code) == ApplicationStatus.ACCEPTED

    def assess() -> None:
        act(app, caseworker, application_id, "start_assessment")
        record_stages(app, caseworker, application_id, service.code,
                      stages_before_decision(service.code), monkeypatch)
        act(app, caseworker, application_id, "finish_assessment")

    act(app, counter, application_id, "accept")
    if assessed_first:  # 评定 comes before 审核
        assess()
    else:
        act(app, caseworker, application_id, "start_review")
    act(app, caseworker, application_id, "request_information", "请补充最近的医疗证明")
    response = resident.post(f"/applications/{application_id}/respond",
                             data={"answer": "已上传新的医疗证明"})
    assert response.status_code == 302
    assert status(app, application_id) == ApplicationStatus.IN_REVIEW
    if service.code in ASSESSMENT_STARTS_FROM and not assessed_first:
        assess()
    if service.code == "two-subsidies":  # 公示 before 民政审定
        act(app, caseworker, application_id, "start_public_notice")
        days_pass(monkeypatch, AFTER_THE_APPOINTMENT + timedelta(days=8))
    documents_seen_on_paper(app, application_id, staff_id=caseworker_id)
    act(app, caseworker, application_id, "pass_for_decision")
    act(app, approver, application_id, "approve", "符合条件")
    act(app, caseworker, application_id, "start_stages")
    record_stages(app, caseworker, application_id, service.code,
                  stages_after_approval(service.code), monkeypatch)
    act(app, caseworker, application_id, "complete")
    assert status(app, application_id) == ApplicationStatus.COMPLETED

    timeline = BeautifulSoup(resident.get(f"/applications/{application_id}/timeline",
                                          headers=EN).data, "html.parser")
    events = timeline.select("main ol > li")
    with app.app_context():
        assert len(events) == len(get_session().get(Application, application_id).events)
    text = timeline.main.get_text(" ")
    # Every stage this application went through (a card service's outcome is one of several).
    went_through = [service.stage(code) for code in (*stages_before_decision(service.code),
                                                     *stages_after_approval(service.code))]
    for stage in went_through:
        assert stage is not None and str(stage.title) in text
    # Appointments and visits carry their date, on the timeline and in the messages.
    dated = [stage for stage in went_through
             if stage is not None and needs_date(service.code, stage.code)]
    assert text.count(APPOINTMENT_IN_WORDS) == len(dated)
    with app.test_request_context(), force_locale("zh_Hans_CN"):  # the applicant's language
        bodies = [message.body for message in get_session().scalars(select(InAppMessage))]
        for stage in dated:
            assert any(str(stage.title) in body and format_date(APPOINTMENT, "full") in body
                       for body in bodies), stage.code


def test_a_refusal_tells_the_applicant_how_to_ask_for_a_review(app: Flask) -> None:
    resident_id = make_account(app, phone="13904318101")
    person_id = make_person(app, township="220102001", account_id=resident_id)
    caseworker_id = make_account(app, phone="13904318102", role=Role.CASEWORKER, area="220102")
    make_account(app, phone="13904318103", role=Role.CIVIL_AFFAIRS, area="220102")
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", person_id=person_id,
            created_by_account_id=resident_id, channel=Channel.ONLINE,
            status=ApplicationStatus.ACCEPTED, reference=new_reference(),
            county_code="220102", township_code="220102001", answers={})
        db.add(application)
        db.commit()
        application_id = application.id
    caseworker, approver, resident = (app.test_client() for _ in range(3))
    sign_in(caseworker, "13904318102")
    sign_in(approver, "13904318103")
    sign_in(resident, "13904318101")
    act(app, caseworker, application_id, "start_review")
    with app.app_context():  # a county that publishes no 公示
        db = get_session()
        db.add(CountyProcessRule(county_code="220102", public_notice=False, public_notice_days=7,
                                 updated_by_account_id=resident_id))
        db.commit()
    documents_seen_on_paper(app, application_id, staff_id=caseworker_id)
    act(app, caseworker, application_id, "pass_for_decision")
    act(app, approver, application_id, "refuse", "家庭收入高于低保标准")
    page = resident.get(f"/applications/{application_id}/timeline", headers=EN)
    text = BeautifulSoup(page.data, "html.parser").main.get_text(" ")
    assert "家庭收入高于低保标准" in text
    assert "administrative reconsideration by" in text
    assert "administrative lawsuit" in text
    with app.app_context():
        assert get_session().get(Application, application_id).status == \
            ApplicationStatus.REFUSED
