"""A person's record is theirs: typing their ID number in an application never reaches it."""

from __future__ import annotations

from functools import partial

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Account, Application, ApplicationStatus, Person
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import follow_wizard, send_application, start_service, upload
from tests.test_apply_two_subsidies import resident_answers

EN = {"Accept-Language": "en"}
DOCUMENTS = ("disability_card", "identity", "minimum_living_support")
start = partial(start_service, code="two-subsidies")
pytestmark = pytest.mark.engine


def person_row(app: Flask, person_id: int) -> tuple:
    with app.app_context():
        p = get_session().get(Person, person_id)
        return (p.full_name, p.phone, p.county_code, p.township_code, p.address_line)


def linked_person(app: Flask, phone: str) -> int | None:
    with app.app_context():
        return get_session().scalar(select(Account.person_id).where(Account.phone == phone))


def answer_until_id_number(client: FlaskClient, number: str) -> str:
    """Answers the steps before the ID number; returns the ID number step's address."""
    answers = resident_answers(number)
    location = start(client)
    while not location.endswith("/steps/id_number"):
        key = location.rsplit("/steps/", 1)[1]
        location = client.post(location, data=answers[key]).headers["Location"]
    return location


def test_a_walk_ins_id_number_is_refused_beside_the_field_and_their_record_untouched(
        app: Flask, client: FlaskClient) -> None:
    walk_in = make_person(app, name="李娜", id_number_value=(number := id_number()),
                          phone="13904319998")
    before = person_row(app, walk_in)
    make_account(app, phone="13904312222", name="冒充者")
    sign_in(client, "13904312222")
    step = answer_until_id_number(client, number)

    response = client.post(step, data={"id_number": number}, headers=EN)
    assert response.status_code == 200  # the same question again, not the next one
    page = BeautifulSoup(response.data, "html.parser")
    message = page.select_one("#id_number-error").get_text()
    assert "already registered" in message
    assert page.select_one("input[name=id_number]")["value"] == number  # what was typed is kept
    assert linked_person(app, "13904312222") is None
    assert person_row(app, walk_in) == before


def test_a_number_registered_after_it_was_typed_stops_the_application_at_sending(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    number = id_number()
    documents_url = follow_wizard(client, start(client), resident_answers(number))
    # Meanwhile a counter registers that number for someone else, with another phone.
    walk_in = make_person(app, name="李娜", id_number_value=number, phone="13904319998")
    before = person_row(app, walk_in)

    application_url = documents_url.removesuffix("/documents")
    for requirement in DOCUMENTS:
        assert upload(client, application_url, requirement).status_code == 302
    response = client.post(f"{application_url}/declaration",
                           data={"declaration": "y", "sensitive_consent": "y"})
    assert response.headers["Location"].endswith("/steps/id_number")
    shown = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "already registered" in shown
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.status == ApplicationStatus.DRAFT and application.person_id is None
    assert linked_person(app, "13904312222") is None
    assert person_row(app, walk_in) == before


def test_a_number_held_by_another_account_is_refused_not_an_error(
        app: Flask, client: FlaskClient) -> None:
    owner = make_account(app, phone="13904319998", name="李娜")
    make_person(app, name="李娜", id_number_value=(number := id_number()), phone="13904319998",
                account_id=owner)
    make_account(app, phone="13904312222", name="冒充者")
    sign_in(client, "13904312222")
    response = client.post(answer_until_id_number(client, number), data={"id_number": number},
                           headers=EN)
    assert response.status_code == 200
    assert "already registered" in response.get_data(as_text=True)


def test_your_own_record_made_at_the_counter_is_yours_when_its_phone_is_your_verified_phone(
        app: Flask, client: FlaskClient) -> None:
    own = make_person(app, name="王小明", id_number_value=(number := id_number()),
                      phone="13904312222")
    before = person_row(app, own)
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    receipt = send_application(client, follow_wizard(client, start(client),
                                                      resident_answers(number)),
                               documents=DOCUMENTS)
    assert receipt.select_one(".reference") is not None
    assert linked_person(app, "13904312222") == own
    assert person_row(app, own) == before  # the answers stay with the application
