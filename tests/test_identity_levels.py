"""Levels of identity (issue 21, finding A): a record made from a typed name and number is held
at the mobile-only level; only real-name verification (the ID card seen at a counter) joins an
account to a record and shows what counter staff filed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    AuditEvent,
    Channel,
    IdentityLevel,
    Person,
    Role,
)
from tests.factories import id_number, make_account, make_person, sign_in
from tests.pages import EN, signed_in_client, soup

pytestmark = pytest.mark.engine

SQUATTER = "13904317001"
COUNTER = "13904317002"  # 南关区 township 220102001


def counter_application(app: Flask, person_id: int, staff_id: int) -> int:
    """What the counter files for the person who came in with their card."""
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", person_id=person_id, created_by_account_id=staff_id,
            channel=Channel.COUNTER, status=ApplicationStatus.SUBMITTED, reference="CT0000000001",
            answers={}, county_code="220102", township_code="220102001",
            submitted_at=datetime(2026, 3, 2, tzinfo=UTC))
        db.add(application)
        db.commit()
        return application.id


def made_up_record(app: Flask, client: FlaskClient, number: str) -> int:
    make_account(app, phone=SQUATTER, name="冒充者")
    sign_in(client, SQUATTER)
    assert client.post("/account/details", data={"full_name": "假名", "id_number": number}
                       ).status_code == 302
    with app.app_context():
        return get_session().scalars(select(Person.id)).one()


def test_a_record_made_from_a_typed_number_does_not_show_what_the_counter_filed(
        app: Flask, client: FlaskClient) -> None:
    number = id_number(region="220102")
    person_id = made_up_record(app, client, number)
    staff = make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001")
    # The real person comes to their township's counter, which finds the number (it was told
    # "another county" before: the record knew only its county).
    counter = signed_in_client(app, COUNTER)
    found = counter.post("/counter", data={"id_number": number})
    assert found.headers["Location"] == f"/counter/people/{person_id}"
    page = soup(counter.get(f"/counter/people/{person_id}", headers=EN)).main.get_text(" ")
    assert "Mobile number confirmed; name and ID card number not verified" in page
    filed = counter_application(app, person_id, staff)

    assert client.get(f"/applications/{filed}/answers").status_code == 404
    assert client.get(f"/applications/{filed}/timeline").status_code == 404
    listed = soup(client.get("/applications", headers=EN)).main.get_text(" ")
    assert "CT00" not in listed.replace(" ", "")


def test_counter_staff_undo_a_wrong_link_and_verify_the_real_owner(
        app: Flask, client: FlaskClient) -> None:
    number = id_number(region="220102")
    person_id = made_up_record(app, client, number)
    staff = make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001")
    owner = make_account(app, phone="13904317003", name="王小明")
    counter = signed_in_client(app, COUNTER)
    url = f"/counter/people/{person_id}/online-account"
    refused = counter.post(url, headers=EN, data={"phone": "13904317003", "id_card_seen": "y"})
    assert "Another account holds this record" in soup(refused).find(
        id="phone-error").get_text()
    assert counter.post(f"{url}/undo").status_code == 302
    assert counter.post(url, data={"phone": "13904317003", "id_card_seen": "y"}
                        ).status_code == 302
    filed = counter_application(app, person_id, staff)
    with app.app_context():
        db = get_session()
        squatter = db.scalar(select(Account).where(Account.phone == SQUATTER))
        assert squatter.person_id is None and squatter.identity_level == IdentityLevel.PHONE
        verified = db.get(Account, owner)
        assert verified.person_id == person_id
        assert verified.identity_level == IdentityLevel.REAL_NAME
        assert verified.identity_verified_by_account_id == staff
        actions = [e.action for e in db.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert "person.account_unlinked" in actions and "person.identity_verified" in actions
    owners_browser = signed_in_client(app, "13904317003")
    assert owners_browser.get(f"/applications/{filed}/answers").status_code == 200
    assert client.get(f"/applications/{filed}/answers").status_code == 404


def test_verifying_needs_the_id_card_seen(app: Flask) -> None:
    person_id = make_person(app, township="220102001")
    make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001")
    make_account(app, phone="13904317003")
    counter = signed_in_client(app, COUNTER)
    response = counter.post(f"/counter/people/{person_id}/online-account", headers=EN,
                            data={"phone": "13904317003"})
    assert response.status_code == 200
    assert "seen the person's ID card" in soup(response).find(id="id_card_seen-error").get_text()


def test_a_record_held_on_a_typed_number_cannot_name_or_remove_agents(
        app: Flask, client: FlaskClient) -> None:
    """An agent invited by a made-up record would read what staff filed for the real person;
    and a staff-confirmed agent stays until the verified person (or the agent) ends it."""
    from app.domain.models import Delegation, DelegationStatus, Relationship

    person_id = made_up_record(app, client, id_number(region="220102"))
    guardian = make_account(app, phone="13904317004", name="监护人")
    with app.app_context():
        db = get_session()
        confirmed = Delegation(person_id=person_id, agent_account_id=guardian,
                               relationship_kind=Relationship.GUARDIAN,
                               status=DelegationStatus.ACTIVE)
        db.add(confirmed)
        db.commit()
        confirmed_id = confirmed.id
    invited = client.post("/account/agents/invite", data={"phone": "13904317005",
                                                          "relationship": "family"})
    assert invited.headers["Location"] == "/account"
    assert client.post(f"/account/delegations/{confirmed_id}/end").status_code == 404
    page = soup(client.get("/account", headers=EN)).main.get_text(" ")
    assert "not verified yet" in page
    with app.app_context():
        db = get_session()
        assert db.get(Delegation, confirmed_id).status == DelegationStatus.ACTIVE
        assert db.scalars(select(Delegation)).all() == [db.get(Delegation, confirmed_id)]


def test_caseworkers_see_how_the_applicants_record_is_held_online(
        app: Flask, client: FlaskClient) -> None:
    person_id = made_up_record(app, client, id_number(region="220102"))
    staff = make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001")
    filed = counter_application(app, person_id, staff)
    make_account(app, phone="13904317006", role=Role.CASEWORKER, area="220102")
    caseworker = signed_in_client(app, "13904317006")
    page = soup(caseworker.get(f"/casework/applications/{filed}", headers=EN)).main
    assert "Mobile number confirmed; name and ID card number not verified" in page.get_text(" ")
