"""Timelines say how each action reached the portal: one rule, channel_of(actor), decides it."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.access.channels import channel_of
from app.domain.models import Account, Application, Channel, StatusEvent
from tests.factories import sign_in
from tests.test_track import EN, RESIDENT_PHONE, STAFF, main_text, world  # noqa: F401


def test_each_role_acts_through_its_own_channel(app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    with app.app_context():
        db = get_session()
        assert channel_of(None) is Channel.SYSTEM
        assert channel_of(db.get(Account, world["resident"])) is Channel.ONLINE
        assert channel_of(db.get(Account, world["agent"])) is Channel.ONLINE
        assert channel_of(db.get(Account, world["counter"])) is Channel.COUNTER
        assert channel_of(db.get(Account, world["caseworker"])) is Channel.OFFICE
        assert channel_of(db.get(Account, world["approver"])) is Channel.OFFICE


def test_a_caseworker_accepting_an_online_application_is_not_at_the_counter(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    staff = app.test_client()
    sign_in(staff, STAFF["caseworker"])
    with app.app_context():
        version = get_session().get(Application, world["application"]).version
    accepted = staff.post(f"/casework/applications/{world['application']}/transitions/accept",
                          data={"version": str(version), "opinion": "同意受理。"}, headers=EN)
    assert accepted.status_code == 302
    with app.app_context():
        event = get_session().scalars(select(StatusEvent).where(
            StatusEvent.application_id == world["application"],
            StatusEvent.actor_account_id == world["caseworker"])).one()
        assert event.channel is Channel.OFFICE

    sign_in(client, RESIDENT_PHONE)
    text = main_text(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    assert "How by staff in their office" in text
    assert "at the counter" not in text
    assert "the county disability federation" in text
