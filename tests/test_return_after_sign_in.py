"""Sign-up and sign-in bring the person back to the service they came from, and the confirmed
phone and the site's language fill in their first application."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import id_number, make_account, sign_in
from tests.journeys import start_service
from tests.test_apply_two_subsidies import resident_answers
from tests.test_auth import GOOD, last_code, soup

SERVICE_PAGE = "/services/two-subsidies"
KO = {"Accept-Language": "ko"}


def test_creating_an_account_from_a_service_page_returns_to_it(app: Flask,
                                                              client: FlaskClient) -> None:
    page = soup(client.get(SERVICE_PAGE))
    create = page.find("a", href=lambda href: bool(href) and href.startswith("/sign-up"))
    assert create["href"] == "/sign-up?next=/services/two-subsidies"

    assert client.post(create["href"], data=GOOD).headers["Location"] == "/sign-up/code"
    confirmed = client.post("/sign-up/code", data={"code": last_code(app, "13904312222")})
    assert confirmed.headers["Location"] == SERVICE_PAGE


def test_the_sign_in_page_passes_where_to_return_to_sign_up(client: FlaskClient) -> None:
    page = soup(client.get("/sign-in?next=/services/two-subsidies"))
    assert page.find("a", href="/sign-up?next=/services/two-subsidies")


def test_sign_up_never_returns_to_another_site(app: Flask, client: FlaskClient) -> None:
    client.post("/sign-up?next=//evil.example/", data=GOOD)
    confirmed = client.post("/sign-up/code", data={"code": last_code(app, "13904312222")})
    assert confirmed.headers["Location"] == "/account"


def walk_to(client: FlaskClient, location: str, answers: dict[str, dict], step: str,
            headers: dict[str, str]) -> str:
    """Answers each step until the wizard asks `step`; returns that step's address."""
    for _hop in range(20):
        key = location.rsplit("/steps/", 1)[1].split("?")[0]
        if key == step:
            return location
        location = client.post(location, data=answers[key], headers=headers).headers["Location"]
    raise AssertionError(f"the wizard never asked {step!r}")


def test_the_confirmed_phone_and_the_site_language_fill_in_the_first_application(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904315555", name="金美玲")
    sign_in(client, "13904315555")
    answers = resident_answers(id_number())
    phone_step = walk_to(client, start_service(client, code="two-subsidies"), answers, "phone",
                         KO)
    assert soup(client.get(phone_step, headers=KO)).find(id="phone")["value"] == "13904315555"

    contact_step = walk_to(client, phone_step, answers, "contact", KO)
    language = soup(client.get(contact_step, headers=KO)).find(
        "input", attrs={"name": "language", "checked": True})
    assert language is not None and language["value"] == "ko"
