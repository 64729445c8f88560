"""Family members and other agents (代办人): invited by the person, or confirmed by staff."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.access import policies
from app.domain.models import (
    Account,
    Delegation,
    DelegationStatus,
    OutboxMessage,
    Person,
    Relationship,
    Role,
)
from app.domain.people import delegations
from app.domain.people.identity import parse_resident_id
from tests.factories import id_number, make_account, make_person, sign_in
from tests.pages import EN


def text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ")


def resident_with_person(app: Flask, phone: str = "13904310101") -> int:
    account_id = make_account(app, phone=phone, name="张丽")
    make_person(app, name="张丽", phone=phone, account_id=account_id)
    return account_id


def test_a_resident_adds_their_own_details_from_their_id_number(app: Flask,
                                                                client: FlaskClient) -> None:
    make_account(app, phone="13904310102")
    sign_in(client, "13904310102")
    number = id_number(region="220102", female=True)
    response = client.post("/account/details", data={"full_name": "张丽",
                                                     "id_number": number.lower() + " "})
    assert response.status_code == 302
    with app.app_context():
        person = get_session().scalars(select(Person)).one()
    assert person.id_number == number.upper()
    assert person.sex == "female"
    assert person.county_code == "220102"


@pytest.mark.engine
def test_nobody_can_claim_another_persons_record_by_typing_their_number(
        app: Flask, client: FlaskClient) -> None:
    make_person(app, name="李娜", id_number_value=(number := id_number()), phone="13904319998")
    make_account(app, phone="13904310103")
    sign_in(client, "13904310103")
    response = client.post("/account/details", data={"full_name": "李娜", "id_number": number},
                           headers=EN)
    assert response.status_code == 200
    assert "already registered" in text(response)


def test_a_resident_invites_a_family_member_who_accepts(app: Flask) -> None:
    resident = app.test_client()
    resident_with_person(app)
    sign_in(resident, "13904310101")
    response = resident.post("/account/agents/invite",
                             data={"phone": "13904310202", "relationship": "family"})
    assert response.status_code == 302
    with app.app_context():
        invitation = get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == "13904310202")).one()
    # Finding (low): the name the inviter typed never goes into a text to another number.
    assert "张丽" not in invitation.body

    make_account(app, phone="13904310202", name="张伟")
    agent = app.test_client()
    sign_in(agent, "13904310202")
    assert "张丽 asked you to act for them" in text(agent.get("/account", headers=EN))
    with app.app_context():
        delegation_id = get_session().scalar(select(Delegation.id))
    agent.post(f"/account/invitations/{delegation_id}/accept")

    assert "张丽" in text(agent.get("/account", headers=EN)).split("People you act for")[1]
    assert "张伟" in text(resident.get("/account", headers=EN)).split("Who can act for you")[1]


def error_beside(response, field_id: str) -> str:
    element = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        id=f"{field_id}-error")
    return element.get_text(" ", strip=True) if element else ""


def invitations_sent_to(app: Flask, phone: str) -> int:
    with app.app_context():
        return len(get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == phone)).all())


@pytest.mark.engine
def test_invitations_are_limited_per_resident_and_per_number(app: Flask) -> None:
    resident = app.test_client()
    resident_with_person(app)
    sign_in(resident, "13904310101")

    def invite(browser: FlaskClient, phone: str):
        return browser.post("/account/agents/invite", headers=EN,
                            data={"phone": phone, "relationship": "family"})

    # One number gets at most three invitation messages a day, however often it is typed.
    for _attempt in range(3):
        assert invite(resident, "13904310202").status_code == 302
    refused = invite(resident, "13904310202")
    assert refused.status_code == 200
    assert "cannot be sent more invitations today" in error_beside(refused, "phone")
    assert invitations_sent_to(app, "13904310202") == 3

    # Nor from another resident.
    other = app.test_client()
    resident_with_person(app, phone="13904310104")
    sign_in(other, "13904310104")
    assert "cannot be sent more invitations today" in error_beside(
        invite(other, "13904310202"), "phone")

    # One resident sends at most five a day, to any numbers.
    assert invite(resident, "13904310203").status_code == 302
    assert invite(resident, "13904310204").status_code == 302
    refused = invite(resident, "13904310205")
    assert "as many invitations as you can in one day" in error_beside(refused, "phone")
    assert invitations_sent_to(app, "13904310205") == 0


def test_an_invitation_cannot_be_accepted_by_another_number(app: Flask) -> None:
    resident = app.test_client()
    resident_with_person(app)
    sign_in(resident, "13904310101")
    resident.post("/account/agents/invite", data={"phone": "13904310202",
                                                  "relationship": "family"})
    make_account(app, phone="13904310303")
    stranger = app.test_client()
    sign_in(stranger, "13904310303")
    with app.app_context():
        delegation_id = get_session().scalar(select(Delegation.id))
    assert stranger.post(f"/account/invitations/{delegation_id}/accept").status_code == 404


def test_either_side_can_end_the_arrangement(app: Flask) -> None:
    resident_id = resident_with_person(app)
    agent_id = make_account(app, phone="13904310202", name="张伟")
    with app.app_context():
        db = get_session()
        person_id = db.scalar(select(Person.id))
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind="family", status=DelegationStatus.ACTIVE))
        db.commit()
        delegation_id = db.scalar(select(Delegation.id))
    agent = app.test_client()
    sign_in(agent, "13904310202")
    assert agent.post(f"/account/delegations/{delegation_id}/end").status_code == 302
    with app.app_context():
        assert get_session().get(Delegation, delegation_id).status == DelegationStatus.ENDED
    assert resident_id


def test_a_guardian_asks_to_act_and_waits_for_staff(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904310404", name="监护人")
    sign_in(client, "13904310404")
    ward = id_number(region="220102")
    response = client.post("/account/act-for", data={
        "full_name": "小明", "id_number": ward, "relationship": "guardian",
        "note": "法院指定的监护人"})
    assert response.status_code == 302, text(response)
    page = text(client.get("/account", headers=EN))
    assert "Waiting for staff to check your proof" in page
    with app.app_context():
        delegation = get_session().scalars(select(Delegation)).one()
        assert delegation.status == DelegationStatus.REQUESTED
        assert delegation.requested_county_code == "220102"
        # No person record is made or reserved until staff have seen the proof.
        assert delegation.person is None
        assert get_session().scalars(select(Person)).all() == []


def test_a_bad_id_number_in_a_request_keeps_everything_else(client: FlaskClient,
                                                            app: Flask) -> None:
    make_account(app, phone="13904310505")
    sign_in(client, "13904310505")
    bad = id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1")
    response = client.post("/account/act-for", headers=EN, data={
        "full_name": "小明", "id_number": bad, "relationship": "guardian", "note": "说明"})
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "not valid" in page.find(id="id_number-error").get_text()
    assert page.find(id="full_name")["value"] == "小明"
    assert page.find(id="relationship-1").has_attr("checked")
    assert page.find(id="note").get_text().strip() == "说明"


def test_staff_decide_a_request_only_in_their_area_and_after_seeing_proof(app: Flask) -> None:
    agent = make_account(app, phone="13904310201")
    here = make_account(app, phone="13904310202", role=Role.COUNTER, area="220102")
    elsewhere = make_account(app, phone="13904310203", role=Role.COUNTER, area="220103")
    make_person(app, name="王强", township="220102001", id_number_value=id_number(serial=211))
    with app.app_context():
        db = get_session()
        request = delegations.request_to_act(
            db, db.get(Account, agent), full_name="王强",
            id_number=parse_resident_id(id_number(serial=211), today=date.today()),
            relationship=Relationship.GUARDIAN, note="监护人")
        for staff, confirm, proof in ((elsewhere, True, True),  # another district
                                      (here, True, False)):  # proof not seen
            with pytest.raises(delegations.DelegationNotAllowed):
                delegations.decide_request(db, request, db.get(Account, staff), confirm=confirm,
                                           proof_seen=proof)
        assert request.status == DelegationStatus.REQUESTED
        delegations.decide_request(db, request, db.get(Account, here), confirm=True,
                                   proof_seen=True)
        assert request.status == DelegationStatus.ACTIVE
        with pytest.raises(delegations.DelegationNotAllowed):  # decided once only
            delegations.decide_request(db, request, db.get(Account, here), confirm=False,
                                       proof_seen=True)
        assert request.status == DelegationStatus.ACTIVE


@pytest.mark.engine
def test_a_request_to_act_goes_to_where_the_persons_record_lives_not_the_county_of_the_number(
        app: Flask) -> None:
    """Finding C: the number was issued in 南关区 (220102), the person lives in 宽城区."""
    agent = make_account(app, phone="13904310211")
    number_county = make_account(app, phone="13904310212", role=Role.CASEWORKER, area="220102")
    record_county = make_account(app, phone="13904310213", role=Role.CASEWORKER, area="220103")
    record_township = make_account(app, phone="13904310214", role=Role.COUNTER,
                                   area="220103002")
    make_person(app, name="王强", township="220103002",
                id_number_value=(number := id_number(region="220102", serial=212)))
    with app.app_context():
        db = get_session()
        request = delegations.request_to_act(
            db, db.get(Account, agent), full_name="王强",
            id_number=parse_resident_id(number, today=date(2026, 6, 1)),
            relationship=Relationship.GUARDIAN, note="监护人")
        db.commit()
        listed = {who: db.scalars(select(Delegation.id).where(
            policies.delegations_confirmable_by(db.get(Account, who)))).all()
            for who in (number_county, record_county, record_township)}
        assert listed == {number_county: [], record_county: [request.id],
                          record_township: [request.id]}
        with pytest.raises(delegations.DelegationNotAllowed):
            delegations.decide_request(db, request, db.get(Account, number_county),
                                       confirm=True, proof_seen=True)
        delegations.decide_request(db, request, db.get(Account, record_township), confirm=True,
                                   proof_seen=True)
        assert request.status == DelegationStatus.ACTIVE
        assert request.person.township_code == "220103002"


def test_requests_to_act_are_limited_per_account_a_day(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904310606")
    sign_in(client, "13904310606")
    for _request in range(5):
        response = client.post("/account/act-for", data={
            "full_name": "小明", "id_number": id_number(), "relationship": "guardian",
            "note": "监护人"})
        assert response.status_code == 302
    refused = client.post("/account/act-for", headers=EN, data={
        "full_name": "小明", "id_number": id_number(), "relationship": "guardian",
        "note": "监护人"})
    assert "as many people as you can in one day" in error_beside(refused, "id_number")
    with app.app_context():
        assert len(get_session().scalars(select(Delegation)).all()) == 5
