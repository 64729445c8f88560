"""Applying for an assistive device (辅助器具适配), from the start page to the receipt."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from app.database import get_session
from app.domain.casework import reference
from app.domain.models import (
    Channel,
    Delegation,
    DelegationStatus,
    Relationship,
)
from app.services import assistive_devices
from app.services.model import StepContext
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
    wizard_refusal,
)
from tests.pages import EN

CODE = "assistive-devices"


def years_ago(years: int, today: date | None = None) -> date:
    today = today or date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def answers_for(number: str, *, name: str = "王小明", need: str = "new",
                category: str = "mobility") -> AskedSteps:
    return AskedSteps({
        **identity_answers(number, name=name),
        "child_residence": {"residence": "hukou"},
        "student": {"student": "school"},
        "need_kind": {"need": need},
        "device_category": {"category": category},
        "repair_device": {"device": "手动轮椅，2019 年残联发放"},
        "current_device": {"current": "拐杖"},
        "need_details": {"details": "需要一辆轻便轮椅，可以自己出门"},
        **contact_answers(needs=("easy_read",)),
        **household_answer("none"),
    })


start = partial(start_service, code=CODE)
send = partial(send_application, documents=("disability_card",))


def requirements(client: FlaskClient, documents_url: str) -> dict[str, bool]:
    """Each document the page asks for, and whether it is required."""
    page = BeautifulSoup(client.get(documents_url, headers=EN).data, "html.parser")
    return {heading["id"].removeprefix("requirement-"): "(optional)" not in heading.get_text()
            for heading in page.select("h2[id^=requirement-]")}


def test_a_resident_applies_for_a_new_wheelchair_end_to_end(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=date(1980, 5, 17)))
    answers["student"] = {"student": "no"}
    documents_url = follow_wizard(client, start(client), answers)
    assert "student" in answers.asked  # a university student may be any age
    assert "current_device" in answers.asked and "repair_device" not in answers.asked
    assert requirements(client, documents_url) == {"disability_card": True,
                                                   "prescription": False}

    check = client.get(documents_url.replace("/documents", "/check"), headers=EN)
    text = BeautifulSoup(check.data, "html.parser").main.get_text(" ")
    assert "A new device" in text and "Moving around" in text and "轻便轮椅" in text
    receipt = send(client, documents_url)
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    application = submitted_application(app)
    assert application.answers["need_details"] == {"details": "需要一辆轻便轮椅，可以自己出门"}
    assert assistive_devices.extra_support(application.answers) is None


def test_a_repair_asks_which_device_instead_of_what_is_used_now(app: Flask,
                                                                client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), need="repair")
    documents_url = follow_wizard(client, start(client), answers)
    assert "repair_device" in answers.asked and "current_device" not in answers.asked
    send(client, documents_url)
    assert submitted_application(app).answers["repair_device"] == {
        "device": "手动轮椅，2019 年残联发放"}


def test_the_device_to_repair_must_be_described(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), need="repair")
    answers["repair_device"] = {"device": "   "}
    refusal = wizard_refusal(client, start(client), answers, headers=EN)
    assert "Describe the device that needs repairing" in refusal


def test_a_description_longer_than_500_characters_is_refused(app: Flask,
                                                             client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    answers = answers_for(id_number())
    answers["need_details"] = {"details": "轮" * 501}
    refusal = wizard_refusal(client, start(client), answers, headers=EN)
    assert "Write 500 characters or fewer" in refusal


def test_a_new_hearing_aid_needs_no_prescription_up_front(app: Flask,
                                                          client: FlaskClient) -> None:
    # The assessment after the application produces the prescription (issue 12).
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number(),
                                                                     category="hearing"))
    assert requirements(client, documents_url)["prescription"] is False
    receipt = send(client, documents_url)
    assert reference.is_valid(receipt.select_one(".reference").get_text())


def test_a_young_child_without_a_card_applies_with_a_hospital_diagnosis(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(4)))
    answers["has_card"] = {"has_card": "no"}
    answers["child_residence"] = {"residence": "residence_permit"}
    documents_url = follow_wizard(client, start(client), answers)
    assert "child_residence" in answers.asked and "card_number" not in answers.asked
    assert requirements(client, documents_url) == {
        "diagnosis": True, "residence_permit": True, "prescription": False}
    send(client, documents_url, documents=("diagnosis", "residence_permit"))
    assert submitted_application(app).answers["child_residence"] == {
        "residence": "residence_permit"}


def test_a_young_child_with_a_household_register_in_jilin_needs_no_residence_permit(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(4)))
    answers["has_card"] = {"has_card": "no"}
    documents_url = follow_wizard(client, start(client), answers)
    assert "residence_permit" not in requirements(client, documents_url)


def test_a_child_over_6_without_a_card_is_not_asked_about_residence(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(8)))
    answers["has_card"] = {"has_card": "no"}
    follow_wizard(client, start(client), answers)
    assert "child_residence" not in answers.asked


def test_a_jilin_university_student_of_any_age_gets_the_free_fitting(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(41)))
    answers["student"] = {"student": "university_jilin"}
    documents_url = follow_wizard(client, start(client), answers)
    assert "student" in answers.asked
    send(client, documents_url)
    assert assistive_devices.extra_support(submitted_application(app).answers) == \
        "jilin_university_student"


def test_a_prosthesis_repair_needs_no_new_prescription(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), need="repair", category="prosthesis_orthosis")
    documents_url = follow_wizard(client, start(client), answers)
    assert requirements(client, documents_url)["prescription"] is False


def test_a_student_aged_20_is_asked_and_may_add_proof_of_study(app: Flask,
                                                               client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(20)))
    documents_url = follow_wizard(client, start(client), answers)
    assert answers.asked.index("student") == answers.asked.index("card_number") + 1
    assert requirements(client, documents_url)["proof_of_study"] is False
    send(client, documents_url)
    assert assistive_devices.extra_support(submitted_application(app).answers) == "student"


def test_a_young_child_is_not_asked_about_being_a_student(app: Flask,
                                                          client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(born=years_ago(3)))
    documents_url = follow_wizard(client, start(client), answers)
    assert "student" not in answers.asked
    send(client, documents_url)
    assert assistive_devices.extra_support(submitted_application(app).answers) == "young_child"


@pytest.mark.parametrize(("age", "asked"), [(5, False), (6, True), (25, True), (26, True),
                                            (60, True)])
def test_the_student_question_is_asked_from_age_6_whatever_the_age(age: int,
                                                                   asked: bool) -> None:
    answers = {"id_number": {"id_number": id_number(born=years_ago(age))}}
    assert assistive_devices.may_be_a_student(StepContext(channel="online"), answers) is asked


def test_a_half_typed_id_number_saved_for_later_does_not_break_the_application(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    first = start(client)
    application_url = first.rsplit("/steps/", 1)[0]
    client.post(first, data={"full_name": "王小明"})
    saved = client.post(f"{application_url}/steps/id_number",
                        data={"id_number": "2201", "action": "save-and-return"})
    assert saved.headers["Location"] == "/applications"
    resumed = client.get(application_url)
    assert resumed.headers["Location"].endswith("/steps/id_number")
    page = client.get(resumed.headers["Location"])
    assert page.status_code == 200
    assert BeautifulSoup(page.data, "html.parser").find(id="id_number")["value"] == "2201"


def test_an_agent_applies_for_the_person_they_act_for(app: Flask, client: FlaskClient) -> None:
    number = id_number(female=True)
    person_id = make_person(app, name="张丽", id_number_value=number, phone="13904315001")
    agent_id = make_account(app, phone="13904315002", name="张伟")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.commit()
    sign_in(client, "13904315002")
    first = start(client)
    assert first.endswith("/steps/applicant")
    answers = answers_for(number, name="张丽", need="rental", category="daily_living")
    answers["applicant"] = {"for_whom": f"person-{person_id}"}
    receipt = send(client, follow_wizard(client, first, answers),
                   documents=("disability_card", "power_of_attorney", "agent_identity"))
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    application = submitted_application(app)
    assert application.person_id == person_id
    assert application.channel == Channel.ONLINE


def test_counter_staff_apply_for_a_person_in_front_of_them(app: Flask,
                                                           client: FlaskClient) -> None:
    _person_id, number, first_page = counter_starts_for_a_person(app, client, CODE)
    answers = answers_for(number, name="李娜", category="vision")
    receipt = send(client, follow_wizard(client, first_page, answers))
    assert "applicant" not in answers.asked
    assert "Received at the counter by" in receipt.get_text()
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    assert submitted_application(app).channel == Channel.COUNTER


def eligibility(client: FlaskClient, query: str) -> str:
    response = client.get(f"/services/{CODE}/eligibility?{query}", headers=EN)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser").main.get_text(" ")


def test_the_precheck_gives_a_young_child_extra_support_with_the_reason(
        client: FlaskClient) -> None:
    text = eligibility(client, "has_card=yes&user=young_child&household=dibao")
    assert "You can apply because you have a disability card" in text
    assert "You can get extra support because the child is 6 years old or younger" in text
    assert "because your household is on a low income" in text


def test_the_precheck_lets_a_young_child_apply_without_a_card(client: FlaskClient) -> None:
    text = eligibility(client, "has_card=no&user=young_child&household=none")
    assert "can apply without a disability card, with a diagnosis from a designated " \
        "hospital" in text
    assert "You can apply for a disability assessment first" not in text


def test_the_precheck_says_a_card_is_needed(client: FlaskClient) -> None:
    text = eligibility(client, "has_card=no&user=student&household=none")
    assert "Perhaps not:" in text
    assert "You can apply for a disability assessment first" in text
    assert "You can get extra support because you are a student" in text
