"""Counter staff filling the forms for a person see whom they are helping on every page."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from app.domain.models import Role
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import follow_wizard, start_service, upload
from tests.pages import EN
from tests.test_apply_two_subsidies import resident_answers


def banner(client: FlaskClient, url: str) -> str:
    page = BeautifulSoup(client.get(url, headers=EN).data, "html.parser")
    found = page.main.select_one(".helping-banner") if page.main else None
    return found.get_text(" ", strip=True) if found else ""


def test_every_page_of_a_counter_application_names_the_person_helped(app: Flask) -> None:
    number = id_number()
    make_account(app, phone="13904316101", name="王芳", role=Role.COUNTER, area="220102001")
    person_id = make_person(app, name="王小明", id_number_value=number, township="220102001")
    counter = app.test_client()
    sign_in(counter, "13904316101")
    first = counter.post(f"/counter/people/{person_id}/apply/two-subsidies").headers["Location"]
    application_url = first.rsplit("/steps/", 1)[0]

    on_first_step = banner(counter, first)
    assert "You are filling this in for 王小明" in on_first_step
    assert number[-4:] in on_first_step and number not in on_first_step  # masked

    follow_wizard(counter, first, resident_answers(number))
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        upload(counter, application_url, requirement)
    for page in ("/steps/household", "/documents", "/documents/identity/add", "/check",
                 "/declaration"):
        assert "王小明" in banner(counter, application_url + page), page


def test_a_resident_applying_for_themself_sees_no_banner(app: Flask,
                                                          client: FlaskClient) -> None:
    make_account(app, phone="13904316102", name="王小明")
    sign_in(client, "13904316102")
    first = start_service(client, "two-subsidies")
    assert banner(client, first) == ""
