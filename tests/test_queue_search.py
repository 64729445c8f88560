"""Staff find an application from the queue by its reference, the applicant's name or ID number."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.database import get_session
from app.domain.casework.reference import grouped
from app.domain.models import Application, Person
from tests import test_casework
from tests.test_casework import (
    CASEWORKER,
    CASEWORKER_ELSEWHERE,
    EN,
    signed_in_client,
    soup,
    submitted,
    text_of,
)

world = test_casework.world  # the fixture: a resident of 南关区, its staff and staff elsewhere


def found(response: Any) -> list[str]:
    return [text_of(a) for a in soup(response).select(".search-results li > a")]


def facts(app: Flask, application_id: int) -> tuple[str, str]:
    with app.app_context():
        db = get_session()
        application = db.get(Application, application_id)
        person = db.get(Person, application.person_id)
        return application.reference or "", person.id_number


@pytest.mark.engine
def test_staff_find_an_application_by_reference_name_or_id_number(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    reference, number = facts(app, application_id)
    browser = signed_in_client(app, CASEWORKER)
    queue = soup(browser.get("/casework", headers=EN))
    form = queue.find("input", attrs={"name": "term"}).find_parent("form")
    assert form["method"] == "post" and form["action"] == "/casework/search"

    as_typed = " ".join(reference.lower())  # spaces and lower case, as people type it
    spaced_id = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    for term in (as_typed, "李娜", "李", spaced_id):
        response = browser.post("/casework/search", data={"term": term}, headers=EN)
        assert response.status_code == 200
        assert found(response) == [grouped(reference)], term
        # The number searched for never reaches an address.
        assert number not in response.request.url and number not in (
            response.headers.get("Location") or "")


def test_staff_elsewhere_find_nothing_and_are_told(app: Flask, client: FlaskClient,
                                                   world: dict[str, int]) -> None:
    application_id = submitted(app, world)
    reference, number = facts(app, application_id)
    elsewhere = signed_in_client(app, CASEWORKER_ELSEWHERE)
    for term in (reference, "李娜", number):
        response = elsewhere.post("/casework/search", data={"term": term}, headers=EN)
        assert found(response) == []
        assert "No application in your area matches." in text_of(soup(response).main)


def test_an_empty_search_is_explained_beside_the_field(app: Flask, client: FlaskClient,
                                                       world: dict[str, int]) -> None:
    browser = signed_in_client(app, CASEWORKER)
    page = soup(browser.post("/casework/search", data={"term": "  "}, headers=EN))
    assert page.title.get_text().startswith("Error")
    assert "Enter a reference, a name or an ID number" in text_of(page.find(id="term-error"))
