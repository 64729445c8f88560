"""Casework (审核/审批): the staff queue, the staff application page, decisions and notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import get_engine, get_session
from app.domain.casework import status_machine
from app.domain.casework.reference import grouped, new_reference
from app.domain.clock import date_in_china, today_in_china
from app.domain.models import (
    Account,
    Application,
    AuditEvent,
    Channel,
    InAppMessage,
    Role,
    StaffNote,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import (
    OPINIONS,
    contact_answers,
    days_pass,
    follow_wizard,
    household_answer,
    identity_answers,
    stage_data,
    upload,
)
from tests.pages import EN, signed_in_client, soup, text_of

RESIDENT = "13905550001"
COUNTER = "13905550002"  # counter staff of 南关区 (220102)
CASEWORKER = "13905550003"
APPROVER = "13905550004"
CASEWORKER_ELSEWHERE = "13905550005"  # 宽城区 (220103)
SECOND_CASEWORKER = "13905550006"
CIVIL_AFFAIRS = "13905550007"  # 民政审定 of 南关区


# --- helpers ----------------------------------------------------------------------------------



@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    """A resident of 南关区 and the staff of their county, and a caseworker elsewhere."""
    resident = make_account(app, phone=RESIDENT, name="李娜")
    return {
        "resident": resident,
        "person": make_person(app, name="李娜", township="220102001", account_id=resident),
        "counter": make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102",
                                name="王芳"),
        "caseworker": make_account(app, phone=CASEWORKER, role=Role.CASEWORKER,
                                   area="220102", name="赵强"),
        "approver": make_account(app, phone=APPROVER, role=Role.APPROVER, area="220102",
                                 name="孙丽"),
        "elsewhere": make_account(app, phone=CASEWORKER_ELSEWHERE, role=Role.CASEWORKER,
                                  area="220103", name="钱明"),
    }


def submitted(app: Flask, world: dict[str, int], *, status: S = S.SUBMITTED,
              service: str = "two-subsidies", township: str = "220102001",
              due_on: date | None = None, stage: str | None = None,
              assigned_to: int | None = None) -> int:
    """A submitted application built directly in the database, for speed."""
    with app.app_context():
        db = get_session()
        application = Application(
            service_code=service, status=status, reference=new_reference(),
            county_code=township[:6], township_code=township, person_id=world["person"],
            answers={"full_name": {"full_name": "李娜"}}, stage=stage,
            created_by_account_id=world["resident"], channel=Channel.ONLINE, due_on=due_on,
            submitted_at=datetime.now(UTC), assigned_to_account_id=assigned_to)
        db.add(application)
        db.commit()
        return application.id


def loaded(app: Flask, application_id: int) -> Application:
    with app.app_context():
        return get_session().get(Application, application_id)


def page_url(application_id: int) -> str:
    return f"/casework/applications/{application_id}"


def act(browser: FlaskClient, application_id: int, name: str, *, reason: str | None = None,
        version: int | None = None, app: Flask | None = None,
        extra: dict[str, str] | None = None) -> Any:
    if version is None:
        assert app is not None
        version = loaded(app, application_id).version
    data = {"version": str(version)}
    if reason is not None:
        data["reason"] = reason
    if name in OPINIONS:
        data["opinion"] = OPINIONS[name]
    data |= extra or {}
    return browser.post(f"{page_url(application_id)}/transitions/{name}", data=data,
                        headers=EN)


def action_buttons(response: Any) -> list[str]:
    listed = soup(response).find(id="action-list")
    return [text_of(b) for b in listed.find_all("button")] if listed else []


def queue_references(response: Any) -> list[str]:
    table = soup(response).find("table")
    if table is None:
        return []
    return [text_of(row.find("td")) for row in table.find("tbody").find_all("tr")]


def resident_answers(number: str) -> dict[str, dict]:
    return {
        "allowances": {"allowances": ["living", "care"]},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        **identity_answers(number, name="李娜"),
        **contact_answers(phone=RESIDENT, address="人民大街 1 号", language="ko",
                          needs=("large_print", "sign_language")),
        **household_answer("dibao"),
        "bank_account": {"bank": "吉林银行", "holder": "李娜", "number": "6217 0000 1234 5678"},
    }


# --- the whole life ---------------------------------------------------------------------------

@pytest.mark.engine
def test_an_application_goes_through_its_whole_life_on_the_staff_pages(
        app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    resident = make_account(app, phone=RESIDENT, name="李娜")
    make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001", name="王芳")
    make_account(app, phone=CASEWORKER, role=Role.CASEWORKER, area="220102", name="赵强")
    make_account(app, phone=APPROVER, role=Role.APPROVER, area="220102", name="孙丽")
    make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS, area="220102", name="周敏")
    sign_in(client, RESIDENT)
    start = client.post("/services/two-subsidies/start").headers["Location"]
    documents_url = follow_wizard(client, start, resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        assert upload(client, application_url, requirement).status_code == 302
    client.post(f"{application_url}/declaration",
                data={"declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    with app.app_context():
        application_id = get_session().scalars(select(Application.id)).one()

    counter = signed_in_client(app, COUNTER)
    caseworker = signed_in_client(app, CASEWORKER)
    approver = signed_in_client(app, APPROVER)

    # The counter sees it in the queue and opens it: answers, documents, tasks, no change links.
    reference = grouped(loaded(app, application_id).reference)
    assert queue_references(counter.get("/casework", headers=EN)) == [reference]
    page = counter.get(page_url(application_id), headers=EN)
    assert page.status_code == 200
    html = soup(page)
    assert "Application " + reference == text_of(html.h1)
    answers = text_of(html.find(id="answers").find_next("dl"))
    # Numbers are masked until staff ask for them whole (tests/test_staff_access.py).
    assert "李娜" in answers and "************5678" in answers
    assert "6217000012345678" not in page.get_data(as_text=True)
    assert "Change" not in answers
    assert html.select_one("dd [lang=zh-CN]") is not None  # 南岭街道 in an English page
    tasks = text_of(html.find("h2", string="Tasks").parent)
    assert "Send letters to this person in large print" in tasks
    assert "sign language interpreter" in tasks and "in Korean" in tasks
    links = [a["href"] for a in html.find(id="documents").find_next("dl").find_all("a")]
    assert len(links) == 4
    assert counter.get(links[0]).status_code == 200
    assert action_buttons(page) == ["Accept the application", "Return it",
                                    "Withdraw at the applicant's request"]

    steps: list[tuple[FlaskClient, str, str | None]] = [
        (counter, "accept", None),
        (caseworker, "start_review", None),
        (caseworker, "request_information", "低保证明已过期\n请上传新的证明"),
    ]
    for browser, name, reason in steps:
        response = act(browser, application_id, name, reason=reason, app=app)
        assert response.status_code == 302, (name, response.get_data(as_text=True)[:2000])
    assert loaded(app, application_id).status == S.MORE_INFORMATION

    # The applicant answers on their own pages (another engineer's); moved here in the domain.
    with app.app_context():
        db = get_session()
        status_machine.transition(db, db.get(Application, application_id),
                                  "provide_information", actor=db.get(Account, resident),
                                  channel=Channel.ONLINE)
        db.commit()

    # The county publishes a 公示 (7 days by default) before the civil-affairs decision.
    assert action_buttons(caseworker.get(page_url(application_id), headers=EN)) == [
        "Ask for more information", "Start the public notice"]
    assert act(caseworker, application_id, "start_public_notice", app=app).status_code == 302
    page = caseworker.get(page_url(application_id), headers=EN)
    notice_ends = loaded(app, application_id).public_notice_ends_on
    assert notice_ends == today_in_china() + timedelta(days=6)
    assert "The public notice runs until" in text_of(soup(page).main)
    assert action_buttons(page) == ["Send it back to the review"]  # not before it ends
    days_pass(monkeypatch, notice_ends + timedelta(days=1))
    assert action_buttons(caseworker.get(page_url(application_id), headers=EN)) == [
        "Pass it for decision", "Send it back to the review"]
    assert act(caseworker, application_id, "pass_for_decision", app=app).status_code == 302

    # The federation's approver does not decide the two subsidies: civil affairs does.
    assert action_buttons(approver.get(page_url(application_id), headers=EN)) == []
    assert queue_references(approver.get("/casework/decisions", headers=EN)) == []
    civil_affairs = signed_in_client(app, CIVIL_AFFAIRS)
    assert queue_references(civil_affairs.get("/casework/decisions", headers=EN)) == [
        reference]
    assert action_buttons(civil_affairs.get(page_url(application_id), headers=EN)) == [
        "Send it back to the review", "Approve", "Refuse"]
    with app.app_context():  # both allowances granted, from the month of application
        month = date_in_china(loaded(app, application_id).submitted_at).replace(day=1)
    assert act(civil_affairs, application_id, "approve", reason="符合条件", app=app, extra={
        "living_granted": "yes", "living_amount": "120", "living_first_month": month.isoformat(),
        "care_granted": "yes", "care_amount": "100", "care_first_month": month.isoformat(),
    }).status_code == 302
    assert action_buttons(caseworker.get(page_url(application_id), headers=EN)) == [
        "Start the service stages"]
    assert act(caseworker, application_id, "start_stages", app=app).status_code == 302

    # The stages: "Mark as completed" waits until the last stage is recorded.
    page = caseworker.get(page_url(application_id), headers=EN)
    assert action_buttons(page) == ["Record this stage: First monthly payment"]
    response = caseworker.post(f"{page_url(application_id)}/stages/first_payment",
                               data={"version": loaded(app, application_id).version,
                                     "note": "首次发放 2026 年 12 月"})
    assert response.status_code == 302
    page = caseworker.get(page_url(application_id), headers=EN)
    assert "First monthly payment" in text_of(soup(page).select_one(".summary-list"))
    assert action_buttons(page) == ["Mark as completed"]
    assert act(caseworker, application_id, "complete", app=app).status_code == 302
    assert loaded(app, application_id).status == S.COMPLETED

    page = caseworker.get(page_url(application_id), headers=EN)
    timeline = soup(page).find(id="timeline").find_next("ol")
    entries = [text_of(item.find("strong")) for item in timeline.find_all("li")]
    assert entries == [
        "Sent, waiting to be accepted", "Accepted, waiting for the review", "In review",
        "Waiting for more information from the applicant", "In review",
        "Public notice before the decision", "Reviewed, ready for decision",
        "Approved, service stages not started", "Approved, service stages in progress",
        "Stage recorded: First monthly payment", "Completed"]
    assert "低保证明已过期" in text_of(timeline) and "王芳" in text_of(timeline)
    assert "There is nothing for you to do" in text_of(soup(page).main)
    with app.app_context():
        # Every change told the applicant, in the app (and by SMS: the phone is on the answers).
        assert get_session().scalar(
            select(InAppMessage.id).where(InAppMessage.application_id == application_id)
            .limit(1)) is not None


def test_the_stages_of_a_service_are_recorded_in_order(app: Flask, client: FlaskClient,
                                                       world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.IN_PROGRESS, service="home-modification",
                               stage="plan_agreed")
    caseworker = signed_in_client(app, CASEWORKER)
    page = caseworker.get(page_url(application_id), headers=EN)
    assert action_buttons(page) == ["Record this stage: Works"]
    version = loaded(app, application_id).version
    skipping = caseworker.post(f"{page_url(application_id)}/stages/acceptance",
                               data={"version": version})
    assert skipping.status_code == 404
    early = act(caseworker, application_id, "complete", app=app)
    assert early.status_code == 404
    for stage in ("works", "acceptance"):
        response = caseworker.post(
            f"{page_url(application_id)}/stages/{stage}",
            data=stage_data("home-modification", stage, loaded(app, application_id).version))
        assert response.status_code == 302, stage
    assert loaded(app, application_id).stage == "acceptance"
    assert act(caseworker, application_id, "complete", app=app).status_code == 302
    counter = signed_in_client(app, COUNTER)  # the counter cannot record stages
    assert counter.post(f"{page_url(application_id)}/stages/home_visit",
                        data={"version": 1}).status_code == 404


# --- decisions --------------------------------------------------------------------------------

def test_a_refusal_records_its_reasons_and_explains_the_review_rights(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.READY_FOR_DECISION,
                               service="assistive-devices", stage="assessment")
    approver = signed_in_client(app, APPROVER)
    page = approver.get(page_url(application_id), headers=EN)
    actions = text_of(soup(page).find(id="action-list"))
    assert "60 days" in actions and "6 months" in actions
    label = soup(page).find("label", attrs={"for": "refuse-reason"})
    assert text_of(label) == "Reasons for the decision, in words the applicant will read"

    response = act(approver, application_id, "refuse",
                   reason="家庭人均收入高于低保标准，不符合困难残疾人生活补贴条件。", app=app)
    assert response.status_code == 302
    assert loaded(app, application_id).status == S.REFUSED
    with app.app_context():
        db = get_session()
        event = db.scalars(select(StatusEvent).order_by(StatusEvent.id.desc())).first()
        assert event.to_status == S.REFUSED and "低保标准" in event.reason
        assert event.actor_account_id == world["approver"] and event.channel == Channel.OFFICE
        assert db.scalar(select(InAppMessage.id).where(
            InAppMessage.account_id == world["resident"])) is not None
    confirmation = approver.get(page_url(application_id), headers=EN)
    assert "You refused application" in text_of(soup(confirmation).select_one(
        ".notification-banner"))
    assert action_buttons(confirmation) == []


def test_counter_staff_withdraw_an_application_at_the_applicants_request(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.ACCEPTED)
    counter = signed_in_client(app, COUNTER)
    assert "Withdraw at the applicant's request" in action_buttons(
        counter.get(page_url(application_id), headers=EN))
    assert act(counter, application_id, "withdraw", app=app).status_code == 302
    assert loaded(app, application_id).status == S.WITHDRAWN
    assert action_buttons(counter.get(page_url(application_id), headers=EN)) == []
    assert queue_references(counter.get("/casework")) == []  # no longer open


def test_returning_an_application_needs_a_reason(app: Flask, client: FlaskClient,
                                                 world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    counter = signed_in_client(app, COUNTER)
    response = act(counter, application_id, "return", reason="   ", app=app)
    assert response.status_code == 200
    html = soup(response)
    assert text_of(html.title).startswith("Error:")
    assert text_of(html.find(id="return-reason-error")) == \
        "Error: Enter the reason for returning the application"
    assert html.find(id="return-reason")["aria-invalid"] == "true"
    assert html.select_one(".error-summary a")["href"] == "#return-reason"
    assert loaded(app, application_id).status == S.SUBMITTED

    response = act(counter, application_id, "return", reason="缺少残疾人证", app=app)
    assert response.status_code == 302
    assert loaded(app, application_id).status == S.RETURNED


def test_asking_for_more_information_keeps_the_list_typed_when_it_is_too_long(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.IN_REVIEW)
    caseworker = signed_in_client(app, CASEWORKER)
    typed = "低保证明" * 600
    response = act(caseworker, application_id, "request_information", reason=typed, app=app)
    assert response.status_code == 200
    assert soup(response).find(id="request_information-reason").get_text().lstrip() == typed
    assert loaded(app, application_id).status == S.IN_REVIEW


def test_an_illegal_transition_by_url_is_refused(app: Flask, client: FlaskClient,
                                                 world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    approver = signed_in_client(app, APPROVER)
    assert act(approver, application_id, "approve", reason="ok", app=app).status_code == 404
    assert act(approver, application_id, "no_such_thing", app=app).status_code == 404
    assert loaded(app, application_id).status == S.SUBMITTED

    in_review = submitted(app, world, status=S.IN_REVIEW)
    caseworker = signed_in_client(app, CASEWORKER)
    assert act(caseworker, in_review, "approve", reason="ok", app=app).status_code == 404
    assert "Approve" not in action_buttons(caseworker.get(page_url(in_review), headers=EN))
    assert loaded(app, in_review).status == S.IN_REVIEW
    with app.app_context():
        assert get_session().scalars(select(StatusEvent)).all() == []


# --- who sees what ----------------------------------------------------------------------------

@pytest.mark.engine
def test_staff_outside_the_area_cannot_see_or_change_an_application(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, due_on=date.today())
    elsewhere = signed_in_client(app, CASEWORKER_ELSEWHERE)
    assert elsewhere.get(page_url(application_id)).status_code == 404
    assert act(elsewhere, application_id, "accept", app=app).status_code == 404
    assert elsewhere.post(f"{page_url(application_id)}/notes",
                          data={"body": "x"}).status_code == 404
    assert elsewhere.post(f"{page_url(application_id)}/assign",
                          data={"assignee": world["elsewhere"], "version": 1}).status_code == 404
    empty = elsewhere.get("/casework", headers=EN)
    assert queue_references(empty) == []
    assert "There are no open applications in your area." in text_of(soup(empty).main)
    assert loaded(app, application_id).status == S.SUBMITTED

    sign_in(client, RESIDENT)  # residents do not see staff pages at all
    assert client.get("/casework").status_code == 404
    assert client.get(page_url(application_id)).status_code == 404


def test_staff_notes_are_never_shown_to_the_applicant(app: Flask, client: FlaskClient,
                                                      world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    caseworker = signed_in_client(app, CASEWORKER)
    empty = caseworker.post(f"{page_url(application_id)}/notes", data={"body": " "},
                            headers=EN)
    assert empty.status_code == 200
    assert text_of(soup(empty).find(id="note-body-error")) == "Error: Enter the note"

    note = "邻居反映申请人已外出务工，需核实"
    response = caseworker.post(f"{page_url(application_id)}/notes", data={"body": note})
    assert response.status_code == 302
    assert note in text_of(soup(caseworker.get(page_url(application_id))).find(id="notes")
                           .find_next("ul"))
    with app.app_context():
        assert get_session().scalars(select(StaffNote)).one().author_account_id == \
            world["caseworker"]

    sign_in(client, RESIDENT)
    receipt = client.get(f"/applications/{application_id}/confirmation")
    assert receipt.status_code == 200
    assert note not in receipt.get_data(as_text=True)
    assert note not in client.get("/applications").get_data(as_text=True)


def test_viewing_an_application_is_recorded_in_the_audit_log(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    counter = signed_in_client(app, COUNTER)
    assert counter.get(page_url(application_id)).status_code == 200
    with app.app_context():
        events = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "application.view")).all()
        assert [(e.actor_account_id, e.application_id, e.person_id, e.channel)
                for e in events] == [(world["counter"], application_id, world["person"],
                                      Channel.COUNTER)]
    act(counter, application_id, "accept", app=app)
    with app.app_context():
        assert get_session().scalar(select(AuditEvent.id).where(
            AuditEvent.action == "application.accept")) is not None


# --- concurrent edits -------------------------------------------------------------------------

@pytest.mark.engine
def test_the_second_of_two_concurrent_edits_is_told_and_keeps_what_was_typed(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    counter = signed_in_client(app, COUNTER)
    caseworker = signed_in_client(app, CASEWORKER)
    assert counter.get(page_url(application_id)).status_code == 200
    assert caseworker.get(page_url(application_id)).status_code == 200
    seen = loaded(app, application_id).version

    assert act(counter, application_id, "accept", version=seen).status_code == 302
    typed = "重复申请，已有同一服务的申请在办理中"
    response = act(caseworker, application_id, "return", reason=typed, version=seen)
    assert response.status_code == 200
    html = soup(response)
    assert text_of(html.find(id="conflict")).endswith(
        "Someone else changed this application while you were working on it. Check what "
        "changed, then try again.")
    assert html.select_one(".error-summary a")["href"] == "#conflict"
    assert typed in text_of(html.find(id="actions").find_next("div", class_="inset-text"))
    assert loaded(app, application_id).status == S.ACCEPTED
    # The page now shows what changed and offers what can be done now.
    assert action_buttons(response) == ["Start the review"]


@pytest.mark.engine
def test_a_conflict_beside_a_form_still_offered_keeps_the_text_in_the_box(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.IN_REVIEW)
    first = signed_in_client(app, CASEWORKER)
    make_account(app, phone=SECOND_CASEWORKER, role=Role.CASEWORKER, area="220102",
                 name="周杰")
    second = signed_in_client(app, SECOND_CASEWORKER)
    seen = loaded(app, application_id).version
    assert first.post(f"{page_url(application_id)}/assign",
                      data={"assignee": world["caseworker"], "version": seen}).status_code == 302
    typed = "1. 新的低保证明\n2. 银行卡照片"
    response = act(second, application_id, "request_information", reason=typed, version=seen)
    assert response.status_code == 200
    form = soup(response).find(id="conflict").find_parent("form")
    assert form.find("textarea").get_text().lstrip("\r\n") == typed
    assert form.find("input", attrs={"name": "version"})["value"] == \
        str(loaded(app, application_id).version)
    assert act(second, application_id, "request_information", reason=typed,
               app=app).status_code == 302


@pytest.mark.engine
def test_a_change_saved_at_the_same_moment_is_caught_by_the_version_column(
        app: Flask, client: FlaskClient, world: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    application_id = submitted(app, world)
    counter = signed_in_client(app, COUNTER)
    version = loaded(app, application_id).version
    real_transition = status_machine.transition

    def saved_meanwhile(db: Session, application: Application, name: str,
                        **kwargs: Any) -> StatusEvent:
        # Another member of staff saves between this request's checks and its commit.
        with Session(get_engine(app)) as other:
            other.get(Application, application.id).assigned_to_account_id = world["caseworker"]
            other.commit()
        return real_transition(db, application, name, **kwargs)

    monkeypatch.setattr(status_machine, "transition", saved_meanwhile)
    response = act(counter, application_id, "accept", version=version)
    assert response.status_code == 200
    assert soup(response).find(id="conflict") is not None
    stored = loaded(app, application_id)
    assert stored.status == S.SUBMITTED and stored.assigned_to_account_id == world["caseworker"]
    with app.app_context():
        assert get_session().scalars(select(StatusEvent)).all() == []
        assert get_session().scalars(select(InAppMessage)).all() == []


# --- assignment -------------------------------------------------------------------------------

def test_staff_assign_an_application_to_themselves_or_a_colleague(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world, due_on=date.today() + timedelta(days=10))
    caseworker = signed_in_client(app, CASEWORKER)
    page = soup(caseworker.get(page_url(application_id), headers=EN))
    options = [text_of(o) for o in page.find("select", id="assign-assignee").find_all("option")]
    assert options == ["Choose a colleague", "孙丽", "王芳", "赵强"]  # not 钱明 of 宽城区
    response = caseworker.post(f"{page_url(application_id)}/assign",
                               data={"assignee": world["caseworker"],
                                     "version": loaded(app, application_id).version})
    assert response.status_code == 302
    assert loaded(app, application_id).assigned_to_account_id == world["caseworker"]
    mine = caseworker.get("/casework?show=mine", headers=EN)
    assert queue_references(mine) == [grouped(loaded(app, application_id).reference)]
    assert "赵强" in text_of(soup(mine).find("tbody"))

    stale = loaded(app, application_id).version - 1
    conflict = caseworker.post(f"{page_url(application_id)}/assign",
                               data={"assignee": world["approver"], "version": stale},
                               headers=EN)
    assert conflict.status_code == 200 and soup(conflict).find(id="conflict") is not None
    missing = caseworker.post(f"{page_url(application_id)}/assign",
                              data={"assignee": "", "version": loaded(app, application_id)
                                    .version}, headers=EN)
    assert text_of(soup(missing).find(id="assign-assignee-error")) == \
        "Error: Choose who to assign the application to"
    outsider = caseworker.post(f"{page_url(application_id)}/assign",
                               data={"assignee": world["elsewhere"],
                                     "version": loaded(app, application_id).version})
    assert outsider.status_code == 200
    assert loaded(app, application_id).assigned_to_account_id == world["caseworker"]

    response = caseworker.post(f"{page_url(application_id)}/assign",
                               data={"assignee": world["approver"],
                                     "version": loaded(app, application_id).version})
    assert response.status_code == 302
    assert loaded(app, application_id).assigned_to_account_id == world["approver"]
    assert queue_references(caseworker.get("/casework?show=mine")) == []
    with app.app_context():
        assert len(get_session().scalars(select(AuditEvent).where(
            AuditEvent.action == "application.assign")).all()) == 2


# --- the queue --------------------------------------------------------------------------------

@pytest.mark.engine
def test_the_queue_filters_by_service_and_shows_overdue_in_words(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    today = date.today()
    overdue = submitted(app, world, due_on=today - timedelta(days=3))
    later = submitted(app, world, due_on=today + timedelta(days=40))
    other_service = submitted(app, world, service="assistive-devices",
                              due_on=today - timedelta(days=1))
    undated = submitted(app, world, township="220102002")
    submitted(app, world, township="220103001", due_on=today)  # outside the area
    references = {key: grouped(loaded(app, key).reference)
                  for key in (overdue, later, other_service, undated)}
    counter = signed_in_client(app, COUNTER)

    everything = counter.get("/casework", headers=EN)
    assert queue_references(everything) == [references[overdue], references[other_service],
                                            references[later], references[undated]]
    rows = soup(everything).find("tbody").find_all("tr")
    assert text_of(rows[0]).count("Overdue") == 1
    assert "No deadline" in text_of(rows[3])
    assert rows[3].find("span", lang="zh-CN").get_text() == "自强街道"
    table = soup(everything).find("table")
    assert table.caption is not None and len(table.find_all("th", scope="col")) == 7

    by_service = counter.get("/casework?service=two-subsidies", headers=EN)
    assert queue_references(by_service) == [references[overdue], references[later],
                                            references[undated]]
    assert soup(by_service).find("option", selected=True, value="two-subsidies") is not None
    only_overdue = counter.get("/casework?service=two-subsidies&show=overdue", headers=EN)
    assert queue_references(only_overdue) == [references[overdue]]
    assert soup(only_overdue).find("input", value="overdue").has_attr("checked")
    by_township = counter.get("/casework?township=220102002", headers=EN)
    assert queue_references(by_township) == [references[undated]]
    by_status = counter.get("/casework?status=accepted", headers=EN)
    assert queue_references(by_status) == []
    assert "No open applications match these filters." in text_of(soup(by_status).main)
    nonsense = counter.get("/casework?service=nothing&status=completed&township=220103001")
    assert len(queue_references(nonsense)) == 4  # values not offered are ignored


@pytest.mark.engine
def test_the_queue_pages_with_a_cursor_and_keeps_the_filters(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    today = date.today()
    created = [submitted(app, world, due_on=None if n % 7 == 0 else today + timedelta(days=n % 4))
               for n in range(30)]
    submitted(app, world, service="assistive-devices", due_on=today)  # filtered out
    caseworker = signed_in_client(app, CASEWORKER)
    first = caseworker.get("/casework?service=two-subsidies", headers=EN)
    first_page = queue_references(first)
    assert len(first_page) == 25
    next_link = soup(first).find("a", rel="next")
    assert "service=two-subsidies" in next_link["href"] and "after=" in next_link["href"]
    second = caseworker.get(next_link["href"], headers=EN)
    second_page = queue_references(second)
    assert len(second_page) == 5
    assert soup(second).find("a", rel="next") is None
    assert not set(first_page) & set(second_page)
    with app.app_context():
        db = get_session()
        wanted = [grouped(a.reference) for a in sorted(
            (db.get(Application, key) for key in created),
            key=lambda a: (a.due_on is None, a.due_on or date.max, a.id))]
    assert first_page + second_page == wanted


def test_an_empty_queue_says_so(app: Flask, client: FlaskClient,
                                world: dict[str, int]) -> None:
    approver = signed_in_client(app, APPROVER)
    response = approver.get("/casework", headers=EN)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("table") is None
    assert "There are no open applications in your area." in text_of(html.main)
    assert text_of(html.h1) == "Applications in your area"
    blank_filters = approver.get("/casework?service=&status=&township=", headers=EN)
    assert "There are no open applications in your area." in text_of(soup(blank_filters).main)


def test_staff_are_told_why_an_open_application_has_no_deadline(
        app: Flask, world: dict[str, int]) -> None:
    # The holiday calendar ends with 2026: a deadline in 2027 cannot be counted yet.
    without = submitted(app, world, due_on=None)
    finished = submitted(app, world, status=S.COMPLETED, due_on=None)
    caseworker = signed_in_client(app, CASEWORKER)
    assert "No deadline yet: the holiday calendar does not cover the dates it would need." in \
        text_of(soup(caseworker.get(page_url(without), headers=EN)).main)
    page = text_of(soup(caseworker.get(page_url(finished), headers=EN)).main)
    assert "No deadline" in page
    assert "holiday calendar" not in page


def test_an_appointment_needs_its_date_and_keeps_the_note(
        app: Flask, world: dict[str, int]) -> None:
    application_id = submitted(app, world, status=S.ASSESSING, service="disability-assessment")
    caseworker = signed_in_client(app, CASEWORKER)
    url = f"{page_url(application_id)}/stages/appointment"
    version = loaded(app, application_id).version
    cases = [
        ({}, "Enter the date of the appointment or visit", "stage-scheduled_for-year"),
        ({"scheduled_for-year": "2026", "scheduled_for-day": "3"},
         "The date must include a year, a month and a day", "stage-scheduled_for-month"),
        ({"scheduled_for-year": "2026", "scheduled_for-month": "2", "scheduled_for-day": "30"},
         "Enter a real date, for example 2026 3 15", "stage-scheduled_for-year"),
        ({"scheduled_for-year": str(date.today().year + 3), "scheduled_for-month": "1",
          "scheduled_for-day": "5"}, "Enter a date within a year of today",
         "stage-scheduled_for-year"),
    ]
    for typed, message, first_box in cases:
        response = caseworker.post(url, headers=EN, data={
            "version": version, "note": "请带身份证和残疾人证", **typed})
        assert response.status_code == 200, message
        page = soup(response)
        assert text_of(page.find(id="stage-scheduled_for-error")) == f"Error: {message}"
        assert page.select_one(".error-summary a")["href"] == f"#{first_box}"
        assert page.find(id="stage-note").get_text().strip() == "请带身份证和残疾人证"
        for part, value in typed.items():
            assert page.find(id=f"stage-{part}")["value"] == value
    assert loaded(app, application_id).stage is None

    on = date.today() + timedelta(days=12)
    response = caseworker.post(url, data=stage_data("disability-assessment", "appointment",
                                                    version, on=on))
    assert response.status_code == 302
    assert loaded(app, application_id).stage == "appointment"
    with app.app_context():
        event = get_session().scalars(select(StatusEvent)).one()
        assert event.scheduled_for == on
    staff_page = text_of(soup(caseworker.get(page_url(application_id), headers=EN)).main)
    assert f"Date of the appointment or visit: {on:%A}, {on.day} {on:%B} {on.year}" in \
        staff_page
