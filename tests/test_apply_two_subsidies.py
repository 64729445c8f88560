"""Applying for the two subsidies, from the start page to the receipt."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.casework import reference
from app.domain.casework.queue import QueueFilter, staff_queue
from app.domain.clock import today_in_china
from app.domain.models import Account, Application, ApplicationStatus, Person, Role, StatusEvent
from app.domain.rules import eligibility_rules
from tests.factories import id_number, make_account, sign_in
from tests.journeys import AskedSteps as AskedAnswers
from tests.journeys import (
    contact_answers,
    follow_wizard,
    household_answer,
    identity_answers,
    send_application,
    start_service,
    upload,
    wizard_refusal,
)
from tests.pages import EN


def resident_answers(number: str) -> dict[str, dict]:
    return {
        "allowances": {"allowances": ["living", "care"]},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        **identity_answers(number),
        **contact_answers(needs=("large_print",)),
        **household_answer("dibao"),
        "bank_account": {"bank": "吉林银行", "holder": "王小明", "number": "6217 0000 1234 5678"},
    }


start = partial(start_service, code="two-subsidies")


def test_a_resident_applies_for_both_allowances_end_to_end(app: Flask,
                                                          client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    number = id_number()
    documents_url = follow_wizard(client, start(client), resident_answers(number))
    assert documents_url.endswith("/documents")
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        assert upload(client, application_url, requirement).status_code == 302
    assert client.post(documents_url).headers["Location"].endswith("/check")

    check = BeautifulSoup(client.get(f"{application_url}/check", headers=EN).data, "html.parser")
    text = check.main.get_text(" ")
    assert "physical disability, level 1" in text
    assert "Nanguan District" in text  # the county in pinyin, not its code
    response = client.post(f"{application_url}/declaration",
                           data={"declaration": "y", "sensitive_consent": "y",
                           "holds_consent": "y"})
    assert response.headers["Location"].endswith("/confirmation")
    receipt = BeautifulSoup(client.get(response.headers["Location"], headers=EN).data,
                            "html.parser")
    shown = receipt.select_one(".reference").get_text()
    assert reference.is_valid(shown)
    assert number not in receipt.get_text()  # the ID number is masked on the receipt

    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.township_code == "220102001"
        assert application.due_on is not None
        person = get_session().scalars(select(Person)).one()
        assert person.id_number == number and person.communication_needs == ["large_print"]


def test_a_resident_registered_in_another_county_is_decided_by_that_county(
        app: Flask, client: FlaskClient) -> None:
    # Lives in 南关区 (Changchun), household registered (户籍) in 农安县: 农安县 decides.
    nongan = make_account(app, phone="13900003020", role=Role.CASEWORKER, area="220122")
    nanguan = make_account(app, phone="13900003021", role=Role.CASEWORKER, area="220102")
    township = make_account(app, phone="13900003022", role=Role.COUNTER, area="220102001")
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = resident_answers(id_number()) | {"hukou_county": {"county": "220122"}}
    application_url = follow_wizard(client, start(client), answers).removesuffix("/documents")
    send_application(client, f"{application_url}/documents",
                     documents=("disability_card", "identity", "household_register",
                                "minimum_living_support"))
    with app.app_context():
        db = get_session()
        application = db.scalars(select(Application)).one()
        assert (application.county_code, application.lodged_county_code) == ("220122", "220102")
        assert db.scalars(select(Person)).one().hukou_county_code == "220122"

        def queue_of(account_id: int) -> list[int]:
            return [found.id for found in staff_queue(
                db, db.get(Account, account_id), QueueFilter(), today=today_in_china()
            ).applications]

        assert queue_of(nongan) == [application.id]
        assert queue_of(nanguan) == []
        # The 南关区 township where it was lodged sees it, as lodged, to send it on.
        assert queue_of(township) == [application.id]
        assert application.status == ApplicationStatus.SUBMITTED


def test_the_hukou_question_is_answered_before_going_on(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = AskedAnswers(resident_answers(id_number()))
    location = follow_wizard(client, start(client), answers)
    assert answers.asked.index("hukou_county") == answers.asked.index("address_township") + 1
    step_url = location.removesuffix("/documents") + "/steps/hukou_county"
    page = BeautifulSoup(client.post(step_url, data={"county": ""}, headers=EN).data,
                         "html.parser")
    assert "Choose the county, city or district of the applicant's household register" \
        in page.select_one(".error-summary").get_text()
    options = [option["value"] for option in page.select("select#county option")]
    assert options[:3] == ["", "same", "220102"]


@pytest.mark.engine
def test_sending_twice_makes_one_application(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        upload(client, application_url, requirement)
    for _click in range(3):
        response = client.post(f"{application_url}/declaration",
                               data={"declaration": "y", "sensitive_consent": "y"})
        assert response.headers["Location"].endswith("/confirmation")
    with app.app_context():
        db = get_session()
        assert len(db.scalars(select(Application)).all()) == 1
        assert len(db.scalars(select(StatusEvent)).all()) == 1


@pytest.mark.engine
def test_four_sends_of_one_draft_at_the_same_moment_end_on_one_receipt(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        upload(client, application_url, requirement)
    cookie = client.get_cookie("session").value
    together = threading.Barrier(4)

    def send(_tab: int) -> tuple[int, str | None]:
        tab = app.test_client()
        tab.set_cookie("session", cookie)
        together.wait()
        response = tab.post(f"{application_url}/declaration",
                            data={"declaration": "y", "sensitive_consent": "y"})
        return response.status_code, response.headers.get("Location")

    with ThreadPoolExecutor(4) as tabs:
        answers = list(tabs.map(send, range(4)))
    assert answers == [(302, f"{application_url}/confirmation")] * 4, answers
    with app.app_context():
        db = get_session()
        assert len(db.scalars(select(Application)).all()) == 1
        assert len(db.scalars(select(Person)).all()) == 1
        assert len(db.scalars(select(StatusEvent)).all()) == 1


def test_a_card_number_that_does_not_match_the_id_is_refused(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    location = start(client)
    answers = resident_answers(id_number())
    answers["card_number"] = {"card_number": id_number() + "41"}
    refusal = wizard_refusal(client, location, answers, headers=EN)
    assert "must start with the" in refusal


def test_steps_off_the_path_cannot_be_opened_by_url(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    first = start(client)
    application_url = first.rsplit("/steps/", 1)[0]
    response = client.get(f"{application_url}/steps/bank_account")
    assert response.headers["Location"] == first
    assert client.get(f"{application_url}/check").headers["Location"] == first


def test_save_and_come_back_later_keeps_an_unfinished_page(app: Flask,
                                                          client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    first = start(client)
    application_url = first.rsplit("/steps/", 1)[0]
    response = client.post(f"{application_url}/steps/full_name",
                           data={"full_name": "王", "action": "save-and-return"})
    assert response.headers["Location"] == "/applications"
    client.post("/sign-out")
    sign_in(client, "13904312222")
    resumed = client.get(application_url)
    assert resumed.headers["Location"].endswith("/steps/full_name")
    page = BeautifulSoup(client.get(resumed.headers["Location"]).data, "html.parser")
    assert page.find(id="full_name")["value"] == "王"


@pytest.mark.engine
def test_a_draft_survives_a_server_restart(app: Flask, client: FlaskClient,
                                           migrated_database: str, tmp_path) -> None:
    from tests.conftest import make_test_app

    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    first = start(client)
    client.post(first, data={"full_name": "王小明"})
    restarted = make_test_app(migrated_database, tmp_path).test_client()
    sign_in(restarted, "13904312222")
    listing = restarted.get("/applications", headers=EN).get_data(as_text=True)
    assert "Draft: not sent yet" in listing
    application_url = first.rsplit("/steps/", 1)[0]
    assert restarted.get(application_url).headers["Location"].endswith("/steps/id_number")


def test_the_check_page_change_link_returns_to_the_check_page(app: Flask,
                                                             client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    response = client.post(f"{application_url}/steps/household?return=check",
                           data={"situation": "tekun"})
    assert response.headers["Location"].endswith("/check")


def test_a_file_lying_about_its_type_is_refused_and_explained(app: Flask,
                                                             client: FlaskClient) -> None:
    from tests.journeys import PNG

    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    response = upload(client, application_url, "identity", content=PNG, filename="card.pdf")
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html.parser")
    assert "card.pdf" in page.find(id="files-error").get_text()
    empty = upload(client, application_url, "identity", content=b"", filename="blank.pdf")
    assert "empty" in BeautifulSoup(empty.data, "html.parser").find(id="files-error").get_text() \
        or "空" in BeautifulSoup(empty.data, "html.parser").find(id="files-error").get_text()


def test_an_agent_applies_for_the_person_they_act_for(app: Flask) -> None:
    from app.domain.models import Delegation, DelegationStatus, Relationship

    number = id_number(female=True)
    resident_id = make_account(app, phone="13904315001", name="张丽")
    from tests.factories import make_person

    person_id = make_person(app, name="张丽", id_number_value=number, phone="13904315001",
                            account_id=resident_id)
    agent_id = make_account(app, phone="13904315002", name="张伟")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.commit()
    agent = app.test_client()
    sign_in(agent, "13904315002")
    first = start(agent)
    assert first.endswith("/steps/applicant")
    answers = resident_answers(number)
    answers["applicant"] = {"for_whom": f"person-{person_id}"}
    answers["bank_account"]["holder"] = "张丽"
    answers["full_name"] = {"full_name": "张丽"}
    # The person's name is filled in from the record; the agent confirms it.
    agent.post(first, data=answers["applicant"])
    application_url = first.rsplit("/steps/", 1)[0]
    name_page = BeautifulSoup(agent.get(f"{application_url}/steps/full_name").data, "html.parser")
    assert name_page.find(id="full_name")["value"] == "张丽"
    assert "autocomplete" not in name_page.find(id="full_name").attrs  # not the agent's own name

    documents_url = follow_wizard(agent, f"{application_url}/steps/full_name", answers)
    # An agent brings the applicant's power of attorney and their own ID card (issue 12).
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support", "power_of_attorney", "agent_identity"):
        upload(agent, application_url, requirement)
    declaration = BeautifulSoup(agent.get(f"{application_url}/declaration", headers=EN).data,
                                "html.parser").main.get_text(" ")
    assert "The applicant confirms that the information given is true and complete" in \
        declaration
    assert "I have the applicant's consent to make this application" in declaration
    without_consent = agent.post(f"{application_url}/declaration", headers=EN, data={
        "declaration": "y", "sensitive_consent": "y"})
    assert without_consent.status_code == 200
    assert "Confirm that the applicant has given their consent" in \
        without_consent.get_data(as_text=True)
    agent.post(f"{application_url}/declaration",
               data={"declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.person_id == person_id
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.made_by == {"filled_by": "agent", "agent_name": "张伟",
                                       "agent_phone": "13904315002", "relationship": "family"}
    # The resident sees the application the agent made for them.
    resident = app.test_client()
    sign_in(resident, "13904315001")
    assert "Sent, waiting to be checked" in resident.get("/applications", headers=EN).get_data(
        as_text=True)
    assert documents_url


def test_an_agent_cannot_change_the_persons_id_number(app: Flask) -> None:
    from app.domain.models import Delegation, DelegationStatus, Relationship
    from tests.factories import make_person

    person_id = make_person(app, name="张丽", id_number_value=id_number())
    agent_id = make_account(app, phone="13904315002")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.commit()
    agent = app.test_client()
    sign_in(agent, "13904315002")
    first = start(agent)
    application_url = first.rsplit("/steps/", 1)[0]
    agent.post(f"{application_url}/steps/applicant", data={"for_whom": f"person-{person_id}"})
    agent.post(f"{application_url}/steps/full_name", data={"full_name": "张丽"})
    response = agent.post(f"{application_url}/steps/id_number", data={"id_number": id_number()},
                          headers=EN)
    assert "not the ID card number on record" in BeautifulSoup(
        response.data, "html.parser").find(id="id_number-error").get_text()


def test_another_resident_cannot_open_someone_elses_draft(app: Flask) -> None:
    make_account(app, phone="13904312222")
    make_account(app, phone="13904313333")
    owner, stranger = app.test_client(), app.test_client()
    sign_in(owner, "13904312222")
    sign_in(stranger, "13904313333")
    first = start(owner)
    application_url = first.rsplit("/steps/", 1)[0]
    assert stranger.get(first).status_code == 404
    assert stranger.get(application_url).status_code == 404
    assert stranger.post(f"{application_url}/delete").status_code == 404


def test_an_application_cannot_be_sent_without_its_required_documents(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    upload(client, application_url, "disability_card")
    response = client.post(f"{application_url}/declaration",
                           data={"declaration": "y", "sensitive_consent": "y"})
    assert response.headers["Location"] == documents_url
    with app.app_context():
        assert get_session().scalars(select(Application)).one().status == \
            ApplicationStatus.DRAFT
    page = BeautifulSoup(client.post(documents_url, headers=EN).data, "html.parser")
    assert page.select_one(".error-summary a[href='#add-identity']") is not None


def test_counter_staff_apply_for_a_person_at_the_counter_with_their_agent(app: Flask) -> None:
    from app.domain.models import AuditEvent, Role
    from tests.factories import make_person

    number = id_number()
    make_account(app, phone="13904316001", name="王芳", role=Role.COUNTER, area="220102001")
    person_id = make_person(app, name="王小明", id_number_value=number, township="220102001")
    counter = app.test_client()
    sign_in(counter, "13904316001")
    counter.post(f"/counter/people/{person_id}/agent", data={
        "agent_name": "王大明", "agent_phone": "13904316002", "relationship": "family",
        "consent": "y"})
    response = counter.post(f"/counter/people/{person_id}/apply/two-subsidies")
    first = response.headers["Location"]
    assert first.endswith("/steps/full_name")  # no "who is it for": the person is here
    application_url = first.rsplit("/steps/", 1)[0]
    name_page = BeautifulSoup(counter.get(first).data, "html.parser")
    assert name_page.find(id="full_name")["value"] == "王小明"
    follow_wizard(counter, first, resident_answers(number))
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support", "agent_identity"):
        upload(counter, application_url, requirement)
    # The power of attorney is brought on paper later: the application can still be sent.
    counter.post(f"{application_url}/documents/power_of_attorney/bring-later")
    check = counter.get(f"{application_url}/check", headers=EN).get_data(as_text=True)
    assert "Came to the counter with the applicant" in check and "王大明" in check
    assert "To bring to the counter" in check
    counter.post(f"{application_url}/declaration",
                 data={"declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    receipt = counter.get(f"{application_url}/confirmation", headers=EN).get_data(as_text=True)
    assert "Received at the counter by" in receipt and "王芳" in receipt
    assert "王大明, family member, mobile 139****6002" in receipt
    assert "Documents to bring to the counter" in receipt and "Power of attorney" in receipt
    timeline = counter.get(f"{application_url}/timeline", headers=EN).get_data(as_text=True)
    assert "with 王大明 (family member)" in timeline
    with app.app_context():
        db = get_session()
        application = db.scalars(select(Application)).one()
        assert application.channel.value == "counter"
        submitted = db.scalars(select(AuditEvent).where(
            AuditEvent.action == "application.submit")).one()
        assert submitted.detail["agent_present"]["agent_name"] == "王大明"
    # The casework page shows who came with the applicant too.
    case = counter.get(f"/casework/applications/{application.id}", headers=EN)
    assert "Came to the counter with the applicant" in case.get_data(as_text=True)
    assert "王大明" in case.get_data(as_text=True)


def eligibility(client: FlaskClient, query: str) -> str:
    response = client.get(f"/services/two-subsidies/eligibility?{query}", headers=EN)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.data, "html.parser").main.get_text(" ").split())


PRECHECK = "has_card=yes&level=1&category=physical&long_term_care=yes&county=unknown"


def test_the_precheck_tells_a_dibao_household_with_a_severe_disability_it_can_apply_for_both(
        client: FlaskClient) -> None:
    text = eligibility(client, f"{PRECHECK}&household=dibao&other_support=none")
    assert "You can apply for the living allowance because your household gets minimum " \
        "living support" in text
    assert "You can apply for the care allowance because your card shows level 1 or 2" in text


def test_the_precheck_never_tells_a_household_above_the_line_it_can_apply(
        client: FlaskClient) -> None:
    text = eligibility(client, f"{PRECHECK}&household=dibao_edge&other_support=none")
    assert "You can apply for the living allowance" not in text
    assert "ask your township or street office before you apply" in text


def test_a_county_row_in_the_area_data_changes_the_precheck_for_that_county_only(
        client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The extensions are data per county: a row for 南关区 makes the pre-check say "you can
    # apply" there, and nowhere else.
    level_3 = "has_card=yes&level=3&category=intellectual&long_term_care=yes&other_support=none"
    query = f"{level_3}&household=dibao_edge&county="
    before = eligibility(client, query + "220102")
    assert "You can apply for the living allowance" not in before
    assert "You can apply for the care allowance" not in before
    monkeypatch.setattr(eligibility_rules, "load_area_rules", lambda: eligibility_rules
                        .parse_area_rules([{"area_code": "22"}, {
                            "area_code": "220102", "living_allowance_also_for": "dibao_edge",
                            "care_allowance_also_for": "intellectual:3"}]))
    here = eligibility(client, query + "220102")
    assert "You can apply for the living allowance: where your household is registered" in here
    assert "You can apply for the care allowance: where your household is registered" in here
    elsewhere = eligibility(client, query + "220103")
    assert "You can apply for the living allowance" not in elsewhere


def test_the_precheck_excludes_both_allowances_for_tekun_support(client: FlaskClient) -> None:
    text = eligibility(client, f"{PRECHECK}&household=tekun&other_support=none")
    assert text.count("People supported as being in extreme poverty do not get either "
                      "allowance") == 2
    assert "Likely:" not in text


def test_the_precheck_asks_to_choose_the_higher_care_allowance(client: FlaskClient) -> None:
    text = eligibility(client, f"{PRECHECK}&household=dibao&other_support=retired_care")
    assert "You already get another care allowance. A person gets only one" in text


def test_the_wizard_asks_which_care_allowance_when_another_one_is_paid(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = AskedAnswers(resident_answers(id_number()))
    answers["other_support"] = {"support": ["duty_disability_care"]}
    answers["choose_higher"] = {"choice": "higher"}
    follow_wizard(client, start(client), answers)
    assert answers.asked.index("choose_higher") == answers.asked.index("other_support") + 1
