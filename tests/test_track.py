"""Following an application: the list, the timeline, answering requests, withdrawing, look-up."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.casework import reference
from app.domain.casework.reference import grouped
from app.domain.casework.review_rights import add_months
from app.domain.casework.status_machine import transition
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    CodePurpose,
    CountyProcessRule,
    Delegation,
    DelegationStatus,
    InAppMessage,
    OutboxMessage,
    Person,
    Relationship,
    Role,
    StatusEvent,
    VerificationCode,
)
from app.web.messages import notify_status_change
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import (
    OPINIONS,
    contact_answers,
    follow_wizard,
    household_answer,
    identity_answers,
    upload,
)
from tests.pages import EN, main_text, soup

RESIDENT_PHONE = "13904312222"
AGENT_PHONE = "13904313333"
STAFF = {"caseworker": "13900002001", "approver": "13900002002", "counter": "13900002003"}


@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    """A resident in 南关区 with an agent, staff of the area, and one application sent online."""
    resident = make_account(app, phone=RESIDENT_PHONE, name="王小明")
    person = make_person(app, name="王小明", township="220102001", phone=RESIDENT_PHONE,
                         account_id=resident)
    ids = {
        "resident": resident, "person": person,
        "agent": make_account(app, phone=AGENT_PHONE, name="王大明"),
        "caseworker": make_account(app, phone=STAFF["caseworker"], role=Role.CASEWORKER,
                                   area="220102"),
        # The two subsidies are decided by the county civil-affairs department (民政审定).
        "approver": make_account(app, phone=STAFF["approver"], role=Role.CIVIL_AFFAIRS,
                                 area="220102"),
        "counter": make_account(app, phone=STAFF["counter"], role=Role.COUNTER, area="220102"),
    }
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person, agent_account_id=ids["agent"],
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.commit()
    ids["application"] = submitted_application(app, person_id=person, created_by=resident)
    return ids


def submitted_application(app: Flask, *, person_id: int, created_by: int,
                          phone: str = RESIDENT_PHONE) -> int:
    with app.app_context():
        db = get_session()
        now = datetime.now(UTC)
        application = Application(
            service_code="two-subsidies", person_id=person_id, created_by_account_id=created_by,
            channel=Channel.ONLINE, status=ApplicationStatus.SUBMITTED,
            reference=reference.new_reference(), answers={"phone": {"phone": phone}},
            county_code="220102", township_code="220102001", submitted_at=now)
        db.add(application)
        db.add(StatusEvent(application=application, from_status=ApplicationStatus.DRAFT,
                           to_status=ApplicationStatus.SUBMITTED, actor_account_id=created_by,
                           channel=Channel.ONLINE, occurred_at=now))
        db.commit()
        return application.id


def move(app: Flask, application_id: int, name: str, actor_id: int,
         reason: str | None = None) -> None:
    """A member of staff moves the application, and the applicant is told, as casework does."""
    with app.test_request_context():
        db = get_session()
        application = db.get(Application, application_id)
        event = transition(db, application, name, actor=db.get(Account, actor_id),
                           channel=Channel.ONLINE, reason=reason, opinion=OPINIONS.get(name))
        notify_status_change(db, application, event)
        db.commit()


def to_review(app: Flask, ids: dict[str, int]) -> None:
    move(app, ids["application"], "accept", ids["caseworker"])
    move(app, ids["application"], "start_review", ids["caseworker"])


def to_decision(app: Flask, ids: dict[str, int]) -> None:
    """Reviewed and passed for decision, in a county that publishes no 公示."""
    to_review(app, ids)
    with app.app_context():
        db = get_session()
        db.add(CountyProcessRule(county_code="220102", public_notice=False,
                                 public_notice_days=7, updated_by_account_id=ids["caseworker"]))
        db.commit()
    move(app, ids["application"], "pass_for_decision", ids["caseworker"])


def ask_for_more(app: Flask, ids: dict[str, int], reason: str) -> None:
    to_review(app, ids)
    move(app, ids["application"], "request_information", ids["caseworker"], reason)


def status_of(app: Flask, application_id: int) -> ApplicationStatus:
    with app.app_context():
        return get_session().get(Application, application_id).status


def reference_of(app: Flask, application_id: int) -> str:
    with app.app_context():
        return get_session().get(Application, application_id).reference


def id_number_of(app: Flask, person_id: int) -> str:
    with app.app_context():
        return get_session().get(Person, person_id).id_number


# --- Your applications, the timeline and answering requests ---------------------------------

def test_the_applicant_sees_we_need_more_information_with_the_reason(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    ask_for_more(app, world, "请上传清晰的残疾人证照片")
    sign_in(client, RESIDENT_PHONE)
    page = client.get("/applications", headers=EN)
    text = main_text(page)
    assert "We need more information from you" in text
    assert "请上传清晰的残疾人证照片" in text
    assert soup(page).find("span", lang="zh-CN", string="请上传清晰的残疾人证照片")
    answer_link = soup(page).find("a", href=f"/applications/{world['application']}/respond")
    assert answer_link is not None and "Answer the request" in answer_link.get_text()
    assert soup(page).find("a", href=f"/applications/{world['application']}/timeline")


@pytest.mark.engine
def test_the_list_says_what_happens_next_and_by_when(app: Flask, client: FlaskClient,
                                                     world: dict[str, int]) -> None:
    move(app, world["application"], "accept", world["caseworker"])
    with app.app_context():
        due = get_session().get(Application, world["application"]).due_on
    sign_in(client, RESIDENT_PHONE)
    text = main_text(client.get("/applications", headers=EN))
    assert "Accepted for processing" in text
    assert "starts reviewing the application" in text
    if due is not None:
        assert format_date(due, "long", locale="en") in text


def test_more_information_answered_online_returns_the_application_to_review(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send a clearer photo of the disability card")
    sign_in(client, RESIDENT_PHONE)
    url = f"/applications/{world['application']}/respond"
    form = client.get(url, headers=EN)
    assert "Send a clearer photo of the disability card" in main_text(form)
    assert soup(form).find("a", href=f"/applications/{world['application']}/documents")

    response = client.post(url, data={"answer": "I uploaded a new photo today."})
    assert response.headers["Location"] == f"/applications/{world['application']}/timeline"
    assert status_of(app, world["application"]) == ApplicationStatus.IN_REVIEW

    timeline = client.get(response.headers["Location"], headers=EN)
    events = [item.find("h3").get_text(strip=True)
              for item in soup(timeline).select("main ol > li")]
    assert events == ["Application sent", "Accepted for processing", "Being reviewed",
                      "More information asked for", "Information sent: the review continues"]
    last = soup(timeline).select("main ol > li")[-1].get_text(" ")
    assert "I uploaded a new photo today." in last and "you" in last
    asked = soup(timeline).select("main ol > li")[-2].get_text(" ")
    assert "Send a clearer photo" in asked and "the county disability federation" in asked
    assert soup(timeline).find("h2", string="What happens next")
    with app.app_context():
        event = get_session().scalars(select(StatusEvent).order_by(StatusEvent.id.desc())).first()
        assert event.channel == Channel.ONLINE and event.reason == "I uploaded a new photo today."


def test_an_empty_answer_gets_a_message_beside_the_field(app: Flask, client: FlaskClient,
                                                         world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send the bank card")
    sign_in(client, RESIDENT_PHONE)
    response = client.post(f"/applications/{world['application']}/respond",
                           data={"answer": "   "}, headers=EN)
    assert response.status_code == 200
    assert "Enter your answer to the request" in soup(response).find(id="answer-error").get_text()
    assert soup(response).title.get_text().startswith("Error:")
    assert status_of(app, world["application"]) == ApplicationStatus.MORE_INFORMATION


def test_the_agent_answers_and_the_resident_reads_your_agent(app: Flask, client: FlaskClient,
                                                             world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send the bank card")
    sign_in(client, AGENT_PHONE)
    client.post(f"/applications/{world['application']}/respond",
                data={"answer": "Sent at the township office."})
    client.post("/sign-out")
    sign_in(client, RESIDENT_PHONE)
    timeline = client.get(f"/applications/{world['application']}/timeline", headers=EN)
    assert "your agent" in soup(timeline).select("main ol > li")[-1].get_text(" ")


def test_counter_staff_can_answer_for_the_applicant(app: Flask, client: FlaskClient,
                                                   world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send the bank card")
    sign_in(client, STAFF["counter"])
    response = client.post(f"/applications/{world['application']}/respond",
                           data={"answer": "The applicant brought the bank card."})
    assert response.status_code == 302
    with app.app_context():
        event = get_session().scalars(select(StatusEvent).order_by(StatusEvent.id.desc())).first()
        assert event.channel == Channel.COUNTER
        assert event.to_status == ApplicationStatus.IN_REVIEW


def test_there_is_nothing_to_answer_while_the_application_is_in_review(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    to_review(app, world)
    sign_in(client, RESIDENT_PHONE)
    response = client.post(f"/applications/{world['application']}/respond",
                           data={"answer": "Hello"})
    assert response.headers["Location"] == f"/applications/{world['application']}/timeline"
    assert status_of(app, world["application"]) == ApplicationStatus.IN_REVIEW


def test_documents_can_be_added_while_more_information_is_needed(app: Flask,
                                                                 client: FlaskClient) -> None:
    resident = make_account(app, phone=RESIDENT_PHONE, name="王小明")
    caseworker = make_account(app, phone=STAFF["caseworker"], role=Role.CASEWORKER,
                              area="220102")
    sign_in(client, RESIDENT_PHONE)
    number = id_number()
    start = client.post("/services/two-subsidies/start").headers["Location"]
    documents_url = follow_wizard(client, start, {
        "applicant": {"for_whom": "self"},
        "allowances": {"allowances": ["care"]},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        **identity_answers(number),
        **contact_answers(phone=RESIDENT_PHONE, address="人民大街 1 号"),
        **household_answer("low_income"),
        "bank_account": {"bank": "吉林银行", "holder": "王小明", "number": "6217 0000 1234 5678"},
    })
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register"):
        assert upload(client, application_url, requirement).status_code == 302
    client.post(f"{application_url}/declaration", data={"declaration": "y",
                                                         "sensitive_consent": "y",
                                                         "holds_consent": "y"})
    application_id = int(application_url.rsplit("/", 1)[1])
    ids = {"application": application_id, "caseworker": caseworker, "resident": resident}
    to_review(app, ids)
    assert upload(client, application_url, "bank_card").status_code == 404  # in review: no

    move(app, application_id, "request_information", caseworker, "Add the bank card")
    assert client.get(documents_url).status_code == 200
    assert upload(client, application_url, "bank_card").status_code == 302
    response = client.post(f"/applications/{application_id}/respond",
                           data={"answer": "I added the bank card."})
    assert response.status_code == 302
    assert status_of(app, application_id) == ApplicationStatus.IN_REVIEW


# --- Withdrawing ----------------------------------------------------------------------------

def test_withdrawing_before_a_decision(app: Flask, client: FlaskClient,
                                       world: dict[str, int]) -> None:
    move(app, world["application"], "accept", world["caseworker"])
    sign_in(client, RESIDENT_PHONE)
    with app.app_context():
        messages_before = len(get_session().scalars(select(OutboxMessage)).all())
    url = f"/applications/{world['application']}/withdraw"
    page = client.get(url, headers=EN)
    assert "Are you sure you want to withdraw this application?" in main_text(page)
    response = client.post(url, data={"confirm": "yes", "reason": "We moved to Heilongjiang."})
    assert response.headers["Location"] == f"/applications/{world['application']}/timeline"
    assert status_of(app, world["application"]) == ApplicationStatus.WITHDRAWN
    timeline = client.get(response.headers["Location"], headers=EN)
    last = soup(timeline).select("main ol > li")[-1].get_text(" ")
    assert "Withdrawn" in last and "We moved to Heilongjiang." in last
    with app.app_context():
        db = get_session()
        reference = grouped(db.get(Application, world["application"]).reference)
        # One new message, in the person's language (Chinese here), naming the application.
        messages = db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert len(messages) == messages_before + 1
        assert reference in messages[-1].body


def test_answering_no_keeps_the_application(app: Flask, client: FlaskClient,
                                            world: dict[str, int]) -> None:
    sign_in(client, RESIDENT_PHONE)
    response = client.post(f"/applications/{world['application']}/withdraw",
                           data={"confirm": "no"})
    assert response.headers["Location"] == f"/applications/{world['application']}/timeline"
    assert status_of(app, world["application"]) == ApplicationStatus.SUBMITTED


def test_choosing_nothing_asks_for_a_choice(app: Flask, client: FlaskClient,
                                            world: dict[str, int]) -> None:
    sign_in(client, RESIDENT_PHONE)
    response = client.post(f"/applications/{world['application']}/withdraw", data={},
                           headers=EN)
    assert "Choose yes if you want to withdraw the application" in main_text(response)
    assert soup(response).select_one(".error-summary a")["href"] == "#confirm-0"


def test_withdrawing_after_approval_is_refused_with_a_clear_page(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    to_decision(app, world)
    move(app, world["application"], "approve", world["approver"], "Level 1 physical disability")
    sign_in(client, RESIDENT_PHONE)
    url = f"/applications/{world['application']}/withdraw"
    page = client.get(url, headers=EN)
    assert page.status_code == 200
    assert "This application cannot be withdrawn" in soup(page).h1.get_text()
    assert "A decision has been made" in main_text(page)
    response = client.post(url, data={"confirm": "yes"}, headers=EN)
    assert response.status_code == 409
    assert status_of(app, world["application"]) == ApplicationStatus.APPROVED
    timeline = client.get(f"/applications/{world['application']}/timeline")
    assert not soup(timeline).find("a", href=url)


def test_caseworkers_do_not_withdraw_applications(app: Flask, client: FlaskClient,
                                                  world: dict[str, int]) -> None:
    sign_in(client, STAFF["caseworker"])
    assert client.get(f"/applications/{world['application']}/withdraw").status_code == 404


# --- Refusals and who may see ---------------------------------------------------------------

def test_a_refusal_shows_its_reasons_and_how_to_ask_for_a_review(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    to_decision(app, world)
    move(app, world["application"], "refuse", world["approver"],
         "The household income is above the local limit.")
    with app.app_context():
        decided = get_session().scalars(select(StatusEvent).where(
            StatusEvent.to_status == ApplicationStatus.REFUSED)).one().occurred_at
    decided_on = (decided.replace(tzinfo=decided.tzinfo or UTC)
                  .astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date())
    sign_in(client, RESIDENT_PHONE)
    timeline = client.get(f"/applications/{world['application']}/timeline", headers=EN)
    text = main_text(timeline)
    assert "The household income is above the local limit." in text
    assert "If you disagree with the decision" in text
    reconsideration = format_date(decided_on + timedelta(days=60), "long", locale="en")
    lawsuit = format_date(add_months(decided_on, 6), "long", locale="en")
    assert f"administrative reconsideration by {reconsideration}" in text
    assert f"administrative lawsuit at the people's court by {lawsuit}" in text
    assert soup(timeline).find("span", lang="zh-CN", string="行政复议")
    listed = main_text(client.get("/applications", headers=EN))
    assert "Reasons and how to ask for a review" in listed


def test_six_months_later_keeps_to_the_end_of_a_short_month() -> None:
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 15), 6) == date(2025, 9, 15)


def test_an_agent_whose_delegation_ended_gets_404(app: Flask, client: FlaskClient,
                                                 world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send the bank card")
    sign_in(client, AGENT_PHONE)
    url = f"/applications/{world['application']}"
    assert client.get(f"{url}/timeline").status_code == 200
    with app.app_context():
        db = get_session()
        db.scalars(select(Delegation)).one().status = DelegationStatus.ENDED
        db.commit()
    assert client.get(f"{url}/timeline").status_code == 404
    assert client.get(f"{url}/respond").status_code == 404
    assert client.post(f"{url}/withdraw", data={"confirm": "yes"}).status_code == 404
    assert status_of(app, world["application"]) == ApplicationStatus.MORE_INFORMATION


def test_a_stranger_and_staff_elsewhere_get_404(app: Flask, client: FlaskClient,
                                               world: dict[str, int]) -> None:
    make_account(app, phone="13904319999")
    make_account(app, phone="13900002009", role=Role.CASEWORKER, area="220103")
    for phone in ("13904319999", "13900002009"):
        sign_in(client, phone)
        assert client.get(f"/applications/{world['application']}/timeline").status_code == 404
        client.post("/sign-out")


def test_staff_viewing_a_timeline_is_logged(app: Flask, client: FlaskClient,
                                           world: dict[str, int]) -> None:
    from app.domain.models import AuditEvent

    sign_in(client, STAFF["caseworker"])
    assert client.get(f"/applications/{world['application']}/timeline").status_code == 200
    with app.app_context():
        logged = get_session().scalars(select(AuditEvent)).all()
    assert [(e.action, e.actor_account_id) for e in logged] == [
        ("application.timeline", world["caseworker"])]


# --- In-app messages ------------------------------------------------------------------------

@pytest.mark.engine
def test_status_changes_appear_in_the_inbox_and_are_marked_read(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    from app.web.track.inbox import unread_message_count

    move(app, world["application"], "accept", world["caseworker"])
    move(app, world["application"], "start_review", world["caseworker"])
    sign_in(client, RESIDENT_PHONE)
    with client:
        client.get("/applications")
        assert unread_message_count() == 2
    inbox = client.get("/account/messages", headers={"Accept-Language": "zh-CN"})
    items = soup(inbox).select("main .card-list > li")
    assert len(items) == 2
    assert all(item.find(class_="tag") for item in items)
    with app.app_context():
        newest_first = [m.body for m in get_session().scalars(
            select(InAppMessage).where(InAppMessage.account_id == world["resident"])
            .order_by(InAppMessage.id.desc()))]
    assert [item.find_all("p")[1].get_text(strip=True) for item in items] == newest_first
    with app.app_context():
        unread = get_session().scalars(select(InAppMessage).where(
            InAppMessage.account_id == world["resident"], InAppMessage.read_at.is_(None))).all()
    assert unread == []
    again = client.get("/account/messages")
    assert not soup(again).select("main .tag")
    with client:
        client.get("/applications")
        assert unread_message_count() == 0
    # The agent gets the messages too.
    client.post("/sign-out")
    sign_in(client, AGENT_PHONE)
    assert len(soup(client.get("/account/messages")).select("main .card-list > li")) == 2


# --- Look-up without signing in -------------------------------------------------------------

def last_code(app: Flask, phone: str) -> str:
    with app.app_context():
        message = get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == phone)
            .order_by(OutboxMessage.id.desc())).first()
        assert message is not None, "no text message was queued"
        return re.search(r"(?<!\d)(\d{6})(?!\d)", message.body).group(1)


def sms_count(app: Flask) -> int:
    with app.app_context():
        return len(get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.channel == "sms")).all())


def typed_like_a_person(ref: str) -> str:
    """Lower case with a hyphen and spaces, as people copy a reference by hand."""
    return f" {ref[:4].lower()}-{ref[4:8].lower()} {ref[8:]} "


@pytest.mark.engine
def test_status_look_up_with_the_sms_code(app: Flask, client: FlaskClient,
                                          world: dict[str, int]) -> None:
    ask_for_more(app, world, "Send the bank card")
    ref = reference_of(app, world["application"])
    number = id_number_of(app, world["person"])
    sent_before = sms_count(app)
    response = client.post("/status", data={"reference": typed_like_a_person(ref),
                                            "id_last_4": number[-4:].lower()})
    assert response.headers["Location"] == "/status/code"
    assert sms_count(app) == sent_before + 1
    page = client.get("/status/code", headers=EN)
    assert "If the details match an application, we sent a code" in main_text(page)
    assert "2222" not in main_text(page)  # not even a masked phone number is shown

    response = client.post("/status/code", data={"code": last_code(app, RESIDENT_PHONE)})
    assert response.headers["Location"] == f"/status/{ref}"
    result = client.get(response.headers["Location"], headers=EN)
    text = main_text(result)
    assert "More information needed from you" in text
    assert "Send the bank card" in text
    assert "王" in text and "王小明" not in text and "小明" not in text
    assert number not in text and number[-4:] not in text
    assert len(soup(result).select("main ol > li")) == 4
    with app.app_context():
        from app.domain.models import AuditEvent

        assert get_session().scalars(select(AuditEvent)).one().action == \
            "application.status_lookup"

    client.post("/status/end")
    assert client.get(f"/status/{ref}").headers["Location"] == "/status"


def test_an_id_number_ending_in_x_can_be_typed_in_lower_case(app: Flask,
                                                              client: FlaskClient) -> None:
    number = next(n for n in (id_number(serial=s) for s in range(1, 500)) if n.endswith("X"))
    resident = make_account(app, phone=RESIDENT_PHONE)
    person = make_person(app, id_number_value=number, phone=RESIDENT_PHONE, account_id=resident)
    application = submitted_application(app, person_id=person, created_by=resident)
    client.post("/status", data={"reference": reference_of(app, application),
                                 "id_last_4": number[-4:].lower()})
    response = client.post("/status/code", data={"code": last_code(app, RESIDENT_PHONE)})
    assert response.headers["Location"].startswith("/status/")


def test_wrong_last_4_shows_the_same_page_and_sends_no_sms(app: Flask, client: FlaskClient,
                                                          world: dict[str, int]) -> None:
    ref = reference_of(app, world["application"])
    number = id_number_of(app, world["person"])
    wrong = "0000" if number[-4:] != "0000" else "1111"
    sent_before = sms_count(app)
    response = client.post("/status", data={"reference": ref, "id_last_4": wrong})
    assert response.headers["Location"] == "/status/code"
    assert sms_count(app) == sent_before
    stranger_page = client.get("/status/code", headers=EN)

    other = app.test_client()
    other.post("/status", data={"reference": ref, "id_last_4": number[-4:]})
    matched_page = other.get("/status/code", headers=EN)
    assert soup(stranger_page).h1 == soup(matched_page).h1
    assert [p.get_text() for p in soup(stranger_page).main.find_all("p")][:1] == \
        [p.get_text() for p in soup(matched_page).main.find_all("p")][:1]

    # No code is ever accepted for details that do not match, not even the real one.
    real_code = last_code(app, RESIDENT_PHONE)
    response = client.post("/status/code", data={"code": real_code}, headers=EN)
    assert response.status_code == 200
    assert "The code is wrong" in main_text(response)
    assert client.get(f"/status/{ref}").headers["Location"] == "/status"


def test_a_reference_that_does_not_exist_looks_the_same(app: Flask,
                                                        client: FlaskClient) -> None:
    body = "7K3M9QXP"
    response = client.post("/status", data={"reference": body + reference.check_character(body),
                                            "id_last_4": "1234"})
    assert response.headers["Location"] == "/status/code"
    assert sms_count(app) == 0


def test_a_wrong_check_character_gets_its_own_message(app: Flask, client: FlaskClient) -> None:
    body = "7K3M9QXP"
    right = reference.check_character(body)
    wrong = next(c for c in reference.ALPHABET if c != right)
    response = client.post("/status", data={"reference": body + wrong, "id_last_4": "1234"},
                           headers=EN)
    assert response.status_code == 200
    assert soup(response).find(id="reference-error").get_text(" ", strip=True).endswith(
        "Check the reference number: one of its characters is wrong")
    assert soup(response).find(id="id_last_4")["value"] == "1234"  # what was typed is kept


def test_a_reference_of_the_wrong_length_says_so(app: Flask, client: FlaskClient) -> None:
    response = client.post("/status", data={"reference": "7K3M 9QX", "id_last_4": "12"},
                           headers=EN)
    assert "9 characters" in soup(response).find(id="reference-error").get_text()
    assert "like 1234 or 123X" in soup(response).find(id="id_last_4-error").get_text()


def test_an_expired_look_up_code_is_refused(app: Flask, client: FlaskClient,
                                            world: dict[str, int]) -> None:
    ref = reference_of(app, world["application"])
    client.post("/status", data={"reference": ref,
                                 "id_last_4": id_number_of(app, world["person"])[-4:]})
    code = last_code(app, RESIDENT_PHONE)
    with app.app_context():
        db = get_session()
        record = db.scalars(select(VerificationCode).where(
            VerificationCode.purpose == CodePurpose.STATUS_LOOKUP)).one()
        record.expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.commit()
    response = client.post("/status/code", data={"code": code}, headers=EN)
    assert "This code has expired. Ask for a new code" in main_text(response)
    assert client.get(f"/status/{ref}").headers["Location"] == "/status"


def test_more_time_keeps_the_code_working(app: Flask, client: FlaskClient,
                                          world: dict[str, int]) -> None:
    ref = reference_of(app, world["application"])
    client.post("/status", data={"reference": ref,
                                 "id_last_4": id_number_of(app, world["person"])[-4:]})
    code = last_code(app, RESIDENT_PHONE)
    with app.app_context():
        db = get_session()
        db.scalars(select(VerificationCode)).one().expires_at = \
            datetime.now(UTC) + timedelta(seconds=5)
        db.commit()
    assert client.post("/status/code/more-time").headers["Location"] == "/status/code"
    with app.app_context():
        record = get_session().scalars(select(VerificationCode)).one()
        assert record.extensions == 1
    assert client.post("/status/code", data={"code": code}).headers["Location"] == \
        f"/status/{ref}"


def test_a_look_up_grant_ends_after_15_minutes(app: Flask, client: FlaskClient,
                                               world: dict[str, int]) -> None:
    ref = reference_of(app, world["application"])
    client.post("/status", data={"reference": ref,
                                 "id_last_4": id_number_of(app, world["person"])[-4:]})
    client.post("/status/code", data={"code": last_code(app, RESIDENT_PHONE)})
    assert client.get(f"/status/{ref}").status_code == 200
    with client.session_transaction() as flask_session:
        ended = datetime.now(UTC).timestamp() - 1
        flask_session["status_lookup_grant"] = {**flask_session["status_lookup_grant"],
                                                "expires": ended}
    assert client.get(f"/status/{ref}").headers["Location"] == "/status"


def test_too_many_look_ups_get_the_translated_429_page(app: Flask, client: FlaskClient,
                                                       world: dict[str, int]) -> None:
    ref = reference_of(app, world["application"])
    for _attempt in range(5):
        client.post("/status", data={"reference": ref, "id_last_4": "0000"})
    response = client.post("/status", data={"reference": ref, "id_last_4": "0000"},
                           headers={"Accept-Language": "ko"})
    assert response.status_code == 429
    assert soup(response).h1.get_text(strip=True) == "시도 횟수가 너무 많습니다"
    # Another reference from the same address is still answered.
    body = "7K3M9QXP"
    other = client.post("/status", data={"reference": body + reference.check_character(body),
                                         "id_last_4": "0000"})
    assert other.status_code == 302

