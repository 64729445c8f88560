"""The language of messages can be changed after applying, from the account page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Account, InAppMessage, OutboxMessage, Person
from tests.test_track import (  # noqa: F401  (world is a fixture)
    EN,
    RESIDENT_PHONE,
    main_text,
    move,
    soup,
    world,
)


def test_a_resident_switches_their_messages_to_korean_after_applying(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    from tests.factories import sign_in

    sign_in(client, RESIDENT_PHONE)
    overview = soup(client.get("/account", headers=EN))
    change = overview.find("a", href="/account/message-language")
    assert change is not None and "Language of your messages" in change.get_text()

    form = soup(client.get("/account/message-language", headers=EN))
    assert form.find("input", attrs={"name": "language", "value": "ko"})
    saved = client.post("/account/message-language", data={"language": "ko"}, headers=EN)
    assert saved.headers["Location"] == "/account"
    assert "From now on we send your messages in 한국어." in main_text(
        client.get("/account", headers=EN))

    move(app, world["application"], "accept", world["caseworker"])
    with app.app_context():
        db = get_session()
        assert db.get(Person, world["person"]).preferred_language == "ko"
        assert db.get(Account, world["resident"]).locale == "ko"
        text = db.scalars(select(OutboxMessage).where(
            OutboxMessage.recipient == RESIDENT_PHONE).order_by(OutboxMessage.id.desc())).first()
        inbox = db.scalars(select(InAppMessage).where(
            InAppMessage.account_id == world["resident"])).one()
    assert text.locale == "ko" and "신청" in text.body
    assert "신청" in inbox.body


def test_choosing_no_language_says_so_beside_the_field(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    from tests.factories import sign_in

    sign_in(client, RESIDENT_PHONE)
    page = soup(client.post("/account/message-language", data={}, headers=EN))
    assert page.find(id="language-error")
