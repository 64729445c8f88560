"""Applying to make a home accessible (家庭无障碍改造), from the start page to the receipt."""

from __future__ import annotations

from functools import partial

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

CODE = "home-modification"
OWNER_DOCUMENTS = ("disability_card", "home_proof")


def answers_for(number: str, *, name: str = "王小明", home: str = "own") -> AskedSteps:
    return AskedSteps({
        **identity_answers(number, name=name),
        **contact_answers(channel="phone"),
        **household_answer("dibao_edge"),
        "residents": {"people": "３", "disabled_people": "1"},
        "home": {"home": home},
        "home_proof": {"proof": "property_certificate"},
        "previous_modification": {"previous": "no"},
        "rooms": {"rooms": ["entrance", "bathroom"]},
        "changes": {"changes": ["ramp", "grab_bars", "other"],
                    "details": "卫生间门太窄，轮椅进不去"},
        "priority": {"factors": ["severe", "older"]},
    })


start = partial(start_service, code=CODE)
send = partial(send_application, documents=OWNER_DOCUMENTS)


def requirement_codes(client: FlaskClient, documents_url: str) -> set[str]:
    page = BeautifulSoup(client.get(documents_url, headers=EN).data, "html.parser")
    return {section["id"].removeprefix("requirement-")
            for section in page.select("[id^=requirement-]")}


def test_a_home_owner_applies_end_to_end(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    number = id_number()
    answers = answers_for(number)
    documents_url = follow_wizard(client, start(client), answers)
    assert answers.asked[-7:] == ["residents", "home", "home_proof", "previous_modification",
                                  "rooms", "changes", "priority"]
    assert requirement_codes(client, documents_url) == {"disability_card", "home_proof"}

    check = client.get(documents_url.replace("/documents", "/check"), headers=EN)
    text = BeautifulSoup(check.data, "html.parser").main.get_text(" ")
    for shown in ("Entrance and stairs", "Grab bars", "卫生间门太窄", "A severe disability"):
        assert shown in text
    receipt = send(client, documents_url)
    assert reference.is_valid(receipt.select_one(".reference").get_text())

    application = submitted_application(app)
    assert application.answers["residents"] == {"people": "3", "disabled_people": "1"}
    assert application.answers["priority"] == {"factors": ["severe", "older"]}


def test_a_renter_must_add_the_landlords_written_consent(app: Flask,
                                                         client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number(), home="rent"))
    assert "landlord_consent" in requirement_codes(client, documents_url)
    application_url = documents_url.removesuffix("/documents")
    for requirement in OWNER_DOCUMENTS:
        upload(client, application_url, requirement)
    refused = client.post(documents_url, headers=EN)
    assert refused.status_code == 200
    summary = BeautifulSoup(refused.data, "html.parser").select_one(".error-summary")
    assert [a["href"] for a in summary.select("a")] == ["#add-landlord_consent"]
    receipt = send(client, documents_url, documents=("landlord_consent",))
    assert reference.is_valid(receipt.select_one(".reference").get_text())


def test_public_housing_needs_the_landlords_consent_and_a_relatives_home_the_owners(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number(), home="public")
    documents_url = follow_wizard(client, start(client), answers)
    assert "home_proof" not in answers.asked  # rented: the tenancy agreement is the proof
    assert {"landlord_consent", "home_proof"} <= requirement_codes(client, documents_url)
    application_url = documents_url.removesuffix("/documents")
    changed = client.post(f"{application_url}/steps/home?return=check", data={"home": "family"})
    assert changed.headers["Location"].endswith("/steps/home_proof")  # owned: which proof?
    client.post(f"{application_url}/steps/home_proof?return=check",
                data={"proof": "property_certificate"})
    codes = requirement_codes(client, documents_url)
    assert "landlord_consent" not in codes and "owner_consent" in codes


def test_a_rural_home_is_shown_by_its_homestead_certificate_or_a_village_letter(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number())
    answers["home_proof"] = {"proof": "homestead_certificate"}
    documents_url = follow_wizard(client, start(client), answers)
    page = BeautifulSoup(client.get(documents_url, headers=EN).data, "html.parser")
    assert page.find(id="requirement-home_proof").get_text(strip=True) == \
        "The homestead certificate"
    application_url = documents_url.removesuffix("/documents")
    client.post(f"{application_url}/steps/home_proof?return=check",
                data={"proof": "village_letter"})
    page = BeautifulSoup(client.get(documents_url, headers=EN).data, "html.parser")
    assert page.find(id="requirement-home_proof").get_text(strip=True) == \
        "A letter from the village committee"


def test_an_earlier_age_friendly_modification_is_recorded_for_staff(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number())
    answers["previous_modification"] = {"previous": "yes"}
    send(client, follow_wizard(client, start(client), answers))
    assert submitted_application(app).answers["previous_modification"] == {"previous": "yes"}


def test_without_a_card_the_card_is_not_asked_for(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    answers = answers_for(id_number())
    answers["has_card"] = {"has_card": "no"}
    documents_url = follow_wizard(client, start(client), answers)
    assert "card_number" not in answers.asked
    assert requirement_codes(client, documents_url) == {"home_proof"}


def step_error(client: FlaskClient, answers: dict, step: str, data: dict) -> str:
    """Answers every step before `step`, then sends `data` to it and returns its error text."""
    return wizard_refusal(client, start(client), {**answers, step: data}, headers=EN)


def test_something_else_must_be_described(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    error = step_error(client, answers_for(id_number()), "changes",
                       {"changes": ["other"], "details": " "})
    assert "Describe the other changes that are needed" in error


def test_more_disabled_people_than_people_in_the_home_is_explained(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    error = step_error(client, answers_for(id_number()), "residents",
                       {"people": "2", "disabled_people": "3"})
    assert "Enter a number from 1 to 2" in error


def test_a_priority_and_none_of_these_together_are_refused(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    error = step_error(client, answers_for(id_number()), "priority",
                       {"factors": ["severe", "none"]})
    assert "Choose either what applies or none of these, not both" in error


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
    answers = answers_for(number, name="张丽")
    answers["applicant"] = {"for_whom": f"person-{person_id}"}
    receipt = send(client, follow_wizard(client, first, answers),
                   documents=(*OWNER_DOCUMENTS, "power_of_attorney", "agent_identity"))
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    application = submitted_application(app)
    assert application.person_id == person_id
    assert application.channel == Channel.ONLINE


def test_counter_staff_apply_for_a_person_in_front_of_them(app: Flask,
                                                           client: FlaskClient) -> None:
    _person_id, number, first_page = counter_starts_for_a_person(app, client, CODE)
    answers = answers_for(number, name="李娜", home="rent")
    receipt = send(client, follow_wizard(client, first_page, answers),
                   documents=(*OWNER_DOCUMENTS, "landlord_consent"))
    assert "applicant" not in answers.asked
    assert "Received at the counter by" in receipt.get_text()
    assert reference.is_valid(receipt.select_one(".reference").get_text())
    assert submitted_application(app).channel == Channel.COUNTER


def eligibility(client: FlaskClient, query: str) -> str:
    response = client.get(f"/services/{CODE}/eligibility?{query}", headers=EN)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser").main.get_text(" ")


def test_the_precheck_gives_the_household_as_the_reason(client: FlaskClient) -> None:
    text = eligibility(client, "has_card=yes&household=tekun&previous=no&priority=yes")
    assert "You can apply because your household gets support for people in extreme poverty" \
        in text
    assert "Your household may come first" in text


def test_the_precheck_explains_who_cannot_get_changes(client: FlaskClient) -> None:
    text = eligibility(client, "has_card=no&household=none&previous=no&priority=no")
    assert "They can apply for a disability assessment first" in text
    assert "for households on minimum living support or another low income" in text
    assert "Others may wait longer" in text
    assert "Likely:" not in text


def test_the_precheck_says_an_age_friendly_modification_usually_excludes_another(
        client: FlaskClient) -> None:
    text = eligibility(client, "has_card=yes&household=dibao&previous=yes&priority=no")
    assert "Perhaps not: A home that has already had age-friendly changes paid for by the " \
        "government is usually not changed again" in " ".join(text.split())


def test_a_count_of_ten_thousand_digits_is_explained_beside_the_field(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    error = step_error(client, answers_for(id_number()), "residents",
                       {"people": "9" * 10_000, "disabled_people": "1"})
    assert "Enter the number of people as a number from 1 to 20, like 3" in error


def test_the_count_says_its_largest_number_beside_the_field(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")
    documents_url = follow_wizard(client, start(client), answers_for(id_number()))
    steps_url = documents_url.removesuffix("/documents") + "/steps/residents"
    page = BeautifulSoup(client.get(steps_url, headers=EN).data, "html.parser")
    people = page.find(id="people")
    assert "people-hint" in people["aria-describedby"]
    assert page.find(id="people-hint").get_text() == "A number from 1 to 20, like 3."
