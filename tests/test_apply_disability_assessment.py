"""Applying for a disability assessment (残疾评定), from the start page to the receipt."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.casework import reference
from app.domain.models import (
    Channel,
    Delegation,
    DelegationStatus,
    Person,
    Relationship,
)
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import (
    AskedSteps,
    contact_answers,
    counter_starts_for_a_person,
    follow_wizard,
    household_answer,
    identity_answers,
    send_application,
    start_service,
    submitted_application,
    upload,
    wizard_refusal,
)
from tests.pages import EN

CODE = "disability-assessment"
REQUIRED_DOCUMENTS = ("identity", "photo")


def answers_for(number: str, *, name: str = "王小明", kind: str = "new",
                can_travel: str = "yes") -> AskedSteps:
    identity = identity_answers(number, name=name, card_suffix="43")
    del identity["has_card"]  # asked here as the kind of assessment
    return AskedSteps({
        **identity,
        "assessment_kind": {"kind": kind},
        "dispute": {"within_time": "yes", "reason": "评定时没有看我带的病历"},
        "reissue": {"reason": "lost"},
        "cancellation": {"reason": "died"},
        "disability_kind": {"disability": "physical"},
        "travel": {"can_travel": can_travel},
        "home_visit": {"reason": "bedridden", "details": "住 5 楼，没有电梯"},
        **contact_answers(),
        **household_answer("dibao"),
    })


start = partial(start_service, code=CODE)


def requirement_codes(client: FlaskClient, documents_url: str) -> set[str]:
    page = BeautifulSoup(client.get(documents_url, headers=EN).data, "html.parser")
    return {heading["id"].removeprefix("requirement-")
            for heading in page.select("h2[id^=requirement-]")}
send = partial(send_application, documents=REQUIRED_DOCUMENTS)


def test_a_resident_applies_for_a_first_assessment_end_to_end(app: Flask,
                                                              client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    number = id_number()
    documents_url = follow_wizard(client, start(client), answers_for(number))
    application_url = documents_url.removesuffix("/documents")

    check = BeautifulSoup(client.get(f"{application_url}/check", headers=EN).data, "html.parser")
    text = check.main.get_text(" ")
    assert "A first assessment, to get a disability card" in text
    assert "Physical disability" in text
    receipt = send(client, documents_url)
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    assert number not in receipt.get_text()

    application = submitted_application(app)
    assert application.service_code == CODE
    assert application.answers["assessment_kind"] == {"kind": "new"}
    assert "card_number" not in application.answers


def test_a_first_assessment_never_asks_about_a_card(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="new")
    follow_wizard(client, start(client), answers)
    assert "card_number" not in answers.asked
    assert "has_card" not in answers.asked
    assert "home_visit" not in answers.asked  # the applicant can travel


def test_a_change_of_level_asks_the_card_number_straight_after_the_kind(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    number = id_number()
    answers = answers_for(number, kind="change")
    documents_url = follow_wizard(client, start(client), answers)
    assert "has_card" not in answers.asked
    assert answers.asked.index("card_number") == answers.asked.index("assessment_kind") + 1
    check = client.get(documents_url.replace("/documents", "/check"), headers=EN)
    shown = BeautifulSoup(check.data, "html.parser").main.get_text()
    assert "physical disability, level 3" in shown
    send(client, documents_url, documents=(*REQUIRED_DOCUMENTS, "disability_card"))
    with app.app_context():
        person = get_session().scalars(select(Person)).one()
        assert person.disability_card_number == number + "43"


def test_a_change_of_level_refuses_a_card_that_is_not_the_applicants(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="change")
    answers["card_number"] = {"card_number": id_number() + "43"}
    refusal = wizard_refusal(client, start(client), answers, headers=EN)
    assert "must start with the" in refusal


def test_an_applicant_who_cannot_travel_asks_for_a_home_visit_with_the_reason(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), can_travel="no")
    documents_url = follow_wizard(client, start(client), answers)
    assert answers.asked.index("home_visit") == answers.asked.index("travel") + 1
    send(client, documents_url)
    assert submitted_application(app).answers["home_visit"] == {
        "reason": "bedridden", "details": "住 5 楼，没有电梯"}


def test_another_reason_for_a_home_visit_must_be_described(app: Flask,
                                                           client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), can_travel="no")
    answers["home_visit"] = {"reason": "other", "details": "  "}
    refusal = wizard_refusal(client, start(client), answers, headers=EN)
    assert "Describe why the applicant cannot travel" in refusal


def test_changing_to_can_travel_leaves_the_home_visit_out_of_the_application(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number(), can_travel="no"))
    application_url = documents_url.removesuffix("/documents")
    response = client.post(f"{application_url}/steps/travel?return=check",
                           data={"can_travel": "yes"})
    assert response.headers["Location"].endswith("/check")
    send(client, documents_url)
    assert "home_visit" not in submitted_application(app).answers


def test_a_guardian_applies_for_the_child_they_act_for(app: Flask, client: FlaskClient) -> None:
    child_number = id_number(born=date(2020, 6, 1), female=True)
    person_id = make_person(app, name="张小丽", id_number_value=child_number)
    guardian_id = make_account(app, phone="13904315002", name="张伟")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=guardian_id,
                          relationship_kind=Relationship.GUARDIAN,
                          status=DelegationStatus.ACTIVE))
        db.commit()
    sign_in(client, "13904315002")
    first = start(client)
    assert first.endswith("/steps/applicant")
    application_url = first.rsplit("/steps/", 1)[0]
    client.post(first, data={"for_whom": f"person-{person_id}"})
    name_page = BeautifulSoup(client.get(f"{application_url}/steps/full_name").data,
                              "html.parser")
    assert name_page.find(id="full_name")["value"] == "张小丽"
    client.post(f"{application_url}/steps/full_name", data={"full_name": "张小丽"})
    id_page = BeautifulSoup(client.get(f"{application_url}/steps/id_number").data, "html.parser")
    assert id_page.find(id="id_number")["value"] == child_number

    answers = answers_for(child_number, name="张小丽")
    answers["phone"] = {"phone": "13904315002"}
    documents_url = follow_wizard(client, f"{application_url}/steps/id_number", answers)
    # A guardian of a child shows proof of guardianship and their ID card, not a power of
    # attorney (issue 12).
    codes = requirement_codes(client, documents_url)
    assert {"guardianship", "agent_identity"} <= codes and "power_of_attorney" not in codes
    receipt = send(client, documents_url,
                   documents=(*REQUIRED_DOCUMENTS, "guardianship", "agent_identity"))
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    application = submitted_application(app)
    assert application.person_id == person_id
    assert application.channel == Channel.ONLINE
    assert application.made_by["relationship"] == "guardian"


def test_counter_staff_apply_for_a_person_in_front_of_them(app: Flask,
                                                           client: FlaskClient) -> None:
    person_id, number, first_page = counter_starts_for_a_person(app, client, CODE)
    answers = answers_for(number, name="李娜", kind="change")
    documents_url = follow_wizard(client, first_page, answers)
    assert "applicant" not in answers.asked
    receipt = send(client, documents_url, documents=(*REQUIRED_DOCUMENTS, "disability_card"))
    assert "Received at the counter by" in receipt.get_text()
    assert "王芳" in receipt.get_text()
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    application = submitted_application(app)
    assert application.person_id == person_id
    assert application.channel == Channel.COUNTER


def test_the_photo_is_required_and_medical_records_are_optional(app: Flask,
                                                                client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number()))
    application_url = documents_url.removesuffix("/documents")
    upload(client, application_url, "identity")
    response = client.post(documents_url, headers=EN)
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html.parser")
    assert page.select_one(".error-summary a[href='#add-photo']") is not None
    assert page.select_one(".error-summary a[href='#add-medical_records']") is None
    assert "(optional)" in page.find(id="requirement-medical_records").get_text()


def eligibility(client: FlaskClient, query: str) -> str:
    response = client.get(f"/services/{CODE}/eligibility?{query}", headers=EN)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser").main.get_text(" ")


def test_the_precheck_explains_the_subsidy_for_a_household_on_minimum_living_support(
        client: FlaskClient) -> None:
    text = eligibility(client, "kind=new&card_level=none&household=dibao")
    assert "any resident of Jilin Province can ask for a disability assessment" in text
    assert ("You can get help with the cost of the assessment because your household gets "
            "minimum living support") in text


def test_the_precheck_explains_the_subsidy_for_a_severe_disability(client: FlaskClient) -> None:
    text = eligibility(client, "kind=reassessment&card_level=2&household=none")
    assert "because your card shows a severe disability, level 1 or 2" in text


def test_the_precheck_says_a_change_needs_a_card(client: FlaskClient) -> None:
    text = eligibility(client, "kind=change&card_level=none&household=none")
    assert "Perhaps not:" in text
    assert "Without a card, apply for a first assessment" in text
    assert "Help with the cost of the assessment is for households on a low income" in text


def test_the_precheck_explains_what_is_missing(client: FlaskClient) -> None:
    response = client.get(f"/services/{CODE}/eligibility?kind=new", headers=EN)
    page = BeautifulSoup(response.data, "html.parser")
    assert "Choose the level on the card, or that you have no card" in page.get_text()


def test_a_disputed_result_asks_when_and_why_and_needs_the_result(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="reassessment")
    documents_url = follow_wizard(client, start(client), answers)
    assert "dispute" in answers.asked and "card_number" not in answers.asked
    assert "assessment_result" in requirement_codes(client, documents_url)
    send(client, documents_url, documents=(*REQUIRED_DOCUMENTS, "assessment_result"))
    assert submitted_application(app).answers["dispute"] == {
        "within_time": "yes", "reason": "评定时没有看我带的病历"}


def test_spaces_alone_are_not_a_reason_to_dispute_the_result(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="reassessment")
    answers["dispute"] = {"within_time": "yes", "reason": "   "}
    refusal = wizard_refusal(client, start(client), answers, headers=EN)
    assert "Say why the applicant disagrees with the result" in refusal


def test_the_precheck_sends_a_dispute_to_the_city_federation_within_10_working_days(
        client: FlaskClient) -> None:
    text = eligibility(client, "kind=reassessment&card_level=3&household=none")
    assert "within 10 working days of getting the result: the city disability federation " \
        "decides" in " ".join(text.split())


@pytest.mark.parametrize(("reason", "card_needed"), [("lost", False), ("damaged", True)])
def test_a_lost_or_damaged_card_is_replaced_without_an_assessment(
        app: Flask, client: FlaskClient, reason: str, card_needed: bool) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="reissue")
    answers["reissue"] = {"reason": reason}
    documents_url = follow_wizard(client, start(client), answers)
    for not_asked in ("card_number", "disability_kind", "travel", "household"):
        assert not_asked not in answers.asked
    codes = requirement_codes(client, documents_url)
    assert "photo" in codes and "medical_records" not in codes
    assert ("disability_card" in codes) is card_needed


def test_a_cancellation_after_death_needs_the_death_certificate_and_no_photos(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), kind="cancellation")
    documents_url = follow_wizard(client, start(client), answers)
    assert "card_number" in answers.asked and "cancellation" in answers.asked
    assert requirement_codes(client, documents_url) == {
        "identity", "disability_card", "death_certificate"}


def test_a_transfer_needs_the_household_register_at_the_new_address(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number(),
                                                                     kind="transfer"))
    assert requirement_codes(client, documents_url) == {
        "identity", "disability_card", "new_household_register"}
