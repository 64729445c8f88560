"""A family member linked as the applicant's agent can have the look-up code on their own phone."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import OutboxMessage
from tests.test_track import (  # noqa: F401  (world is a fixture)
    AGENT_PHONE,
    EN,
    RESIDENT_PHONE,
    id_number_of,
    last_code,
    main_text,
    reference_of,
    soup,
    world,
)

STRANGER_PHONE = "13904319999"


def look_up(client: FlaskClient, app: Flask, ids: dict[str, int], **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/status", headers=EN, data={
        "reference": reference_of(app, ids["application"]),
        "id_last_4": id_number_of(app, ids["person"])[-4:], **extra})


def texts_to(app: Flask, phone: str) -> int:
    with app.app_context():
        return len(get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == phone)).all())


def test_the_agent_gets_the_code_on_their_own_phone_and_sees_the_status(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    page = soup(client.get("/status", headers=EN))
    assert page.find("input", attrs={"name": "send_to", "value": "agent"})
    to_applicant = texts_to(app, RESIDENT_PHONE)

    response = look_up(client, app, world, send_to="agent", agent_phone="139 0431 3333")
    assert response.headers["Location"] == "/status/code"
    assert texts_to(app, RESIDENT_PHONE) == to_applicant  # the applicant's phone is not used
    reference = reference_of(app, world["application"])
    checked = client.post("/status/code", data={"code": last_code(app, AGENT_PHONE)})
    assert checked.headers["Location"] == f"/status/{reference}"
    result = main_text(client.get(checked.headers["Location"], headers=EN))
    assert "Sent, waiting to be checked" in result


def test_a_number_without_an_agent_link_gets_nothing_and_learns_nothing(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    response = look_up(client, app, world, send_to="agent", agent_phone=STRANGER_PHONE)
    assert response.headers["Location"] == "/status/code"  # the same next page
    assert texts_to(app, STRANGER_PHONE) == 0


def test_choosing_your_own_number_without_typing_it_says_so_beside_the_field(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    response = look_up(client, app, world, send_to="agent", agent_phone="")
    assert response.status_code == 200
    error = soup(response).find(id="agent_phone-error")
    assert error is not None and error.get_text(strip=True)
    assert soup(response).find(id="reference")["value"]  # what was typed is kept
