"""A person's record is theirs: typing their ID number, in an application or in a request to act
for them, never reaches, makes, reserves or reveals it."""

from __future__ import annotations

from functools import partial

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Delegation,
    DelegationStatus,
    Person,
    Role,
)
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import follow_wizard, send_application, start_service, upload
from tests.pages import EN
from tests.test_apply_two_subsidies import resident_answers

DOCUMENTS = ("disability_card", "identity", "household_register", "minimum_living_support")
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


def test_the_id_step_answers_the_same_for_a_number_on_record_as_for_a_new_one(
        app: Flask, client: FlaskClient) -> None:
    """Finding E: the step must not tell an unverified account which numbers are on record."""
    walk_in = make_person(app, name="李娜", id_number_value=(on_record := id_number()),
                          phone="13904319998")
    owner = make_account(app, phone="13904319997", name="王芳")
    make_person(app, name="王芳", id_number_value=(held := id_number()), phone="13904319997",
                account_id=owner)
    before = person_row(app, walk_in)
    make_account(app, phone="13904312222", name="冒充者")
    sign_in(client, "13904312222")
    step = answer_until_id_number(client, on_record)

    answers = [client.post(step, data={"id_number": number}, headers=EN)
               for number in (on_record, held, id_number())]
    assert {(r.status_code, r.headers.get("Location")) for r in answers} == \
        {(302, answers[0].headers["Location"])}
    assert linked_person(app, "13904312222") is None
    assert person_row(app, walk_in) == before


def test_the_id_step_is_limited_per_account(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="冒充者")
    sign_in(client, "13904312222")
    step = answer_until_id_number(client, id_number())
    for _attempt in range(10):
        assert client.post(step, data={"id_number": id_number()}).status_code == 302
    response = client.post(step, data={"id_number": id_number()}, headers=EN)
    assert response.status_code == 429


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
    response = client.post(f"{application_url}/declaration", headers=EN,
                           data={"declaration": "y", "sensitive_consent": "y",
                           "holds_consent": "y"})
    assert response.headers["Location"].endswith("/steps/id_number")
    shown = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "already registered" in shown
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.status == ApplicationStatus.DRAFT and application.person_id is None
    assert linked_person(app, "13904312222") is None
    assert person_row(app, walk_in) == before


def test_holding_the_phone_on_a_record_does_not_make_the_record_yours(
        app: Flask, client: FlaskClient) -> None:
    """Finding B: whoever held a record's phone could claim the record (an agent or relative
    whose number is on it). Only real-name verification joins an account to a record."""
    own = make_person(app, name="王小明", id_number_value=(number := id_number()),
                      phone="13904312222")
    before = person_row(app, own)
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    response = client.post("/account/details", data={"full_name": "王小明", "id_number": number},
                           headers=EN)
    assert response.status_code == 200  # refused beside the field
    documents_url = follow_wizard(client, start(client), resident_answers(number))
    application_url = documents_url.removesuffix("/documents")
    for requirement in DOCUMENTS:
        upload(client, application_url, requirement)
    sent = client.post(f"{application_url}/declaration", data={
        "declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    assert sent.headers["Location"].endswith("/steps/id_number")  # not sent
    assert linked_person(app, "13904312222") is None
    assert person_row(app, own) == before


def test_an_agents_number_typed_in_an_application_is_not_written_onto_the_record(
        app: Flask) -> None:
    """Finding B: the phone step's number (here the agent's own) replaced the person's."""
    from app.domain.models import Relationship

    number = id_number(female=True)
    person_id = make_person(app, name="张丽", id_number_value=number, phone="13904315001")
    agent_id = make_account(app, phone="13904315002", name="张伟")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.commit()
    agent = app.test_client()
    sign_in(agent, "13904315002")
    answers = resident_answers(number)
    answers["applicant"] = {"for_whom": f"person-{person_id}"}
    answers["full_name"] = {"full_name": "张丽"}
    answers["bank_account"]["holder"] = "张丽"
    answers["phone"] = {"phone": "13904315002"}  # the agent's own number
    receipt = send_application(agent, follow_wizard(agent, start(agent), answers),
                               documents=(*DOCUMENTS, "power_of_attorney", "agent_identity"))
    assert receipt.select_one(".reference") is not None
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.answers["phone"]["phone"] == "13904315002"
        assert get_session().get(Person, person_id).phone == "13904315001"


def ask_to_act(client: FlaskClient, number: str, name: str = "小明"):
    return client.post("/account/act-for", headers=EN, data={
        "full_name": name, "id_number": number, "relationship": "guardian", "note": "监护人"})


def test_asking_to_act_makes_no_record_so_the_real_person_can_still_add_theirs(
        app: Flask) -> None:
    stranger = app.test_client()
    make_account(app, phone="13904310404", name="陌生人")
    sign_in(stranger, "13904310404")
    number = id_number(region="220102")
    assert ask_to_act(stranger, number, name="随便写").status_code == 302
    with app.app_context():
        assert get_session().scalars(select(Person)).all() == []

    owner = app.test_client()
    make_account(app, phone="13904310505", name="王小明")
    sign_in(owner, "13904310505")
    response = owner.post("/account/details", data={"full_name": "王小明", "id_number": number},
                          headers=EN)
    assert response.status_code == 302  # not "already registered"
    with app.app_context():
        assert get_session().scalars(select(Person)).one().full_name == "王小明"


def test_asking_to_act_answers_the_same_whether_or_not_the_number_is_registered(
        app: Flask, client: FlaskClient) -> None:
    registered = id_number(region="220102")
    make_person(app, name="李娜", id_number_value=registered)
    make_account(app, phone="13904310404", name="监护人")
    sign_in(client, "13904310404")
    answers = []
    for number in (registered, id_number(region="220102")):
        response = ask_to_act(client, number)
        shown = BeautifulSoup(client.get("/account", headers=EN).data, "html.parser")
        told = shown.select_one(".notification-banner, [role=status]").get_text(" ", strip=True)
        answers.append((response.status_code, response.headers.get("Location"), told))
    assert "Your request is sent" in answers[0][2]
    assert answers[0] == answers[1]


def test_staff_confirming_a_request_find_or_make_the_record_then(app: Flask) -> None:
    from tests.test_agents import text

    agent = app.test_client()
    make_account(app, phone="13904310404", name="监护人")
    sign_in(agent, "13904310404")
    number = id_number(region="220102")
    ask_to_act(agent, number)
    staff = app.test_client()
    make_account(app, phone="13904310909", role=Role.CASEWORKER, area="220102")
    sign_in(staff, "13904310909")
    with app.app_context():
        request_id = get_session().scalar(select(Delegation.id))
    page = text(staff.get(f"/counter/agent-requests/{request_id}", headers=EN))
    assert "小明" in page and number not in page  # named, the number masked
    staff.post(f"/counter/agent-requests/{request_id}",
               data={"proof_seen": "y", "decision": "confirm"})
    with app.app_context():
        delegation = get_session().get(Delegation, request_id)
        assert delegation.status == DelegationStatus.ACTIVE
        assert (delegation.person.full_name, delegation.person.id_number) == ("小明", number)
        assert delegation.person.county_code == "220102"


def test_someone_without_a_record_cannot_end_anothers_waiting_request(app: Flask) -> None:
    agent = app.test_client()
    make_account(app, phone="13904310404", name="监护人")
    sign_in(agent, "13904310404")
    ask_to_act(agent, id_number(region="220102"))
    other = app.test_client()
    make_account(app, phone="13904310606", name="别人")
    sign_in(other, "13904310606")
    with app.app_context():
        request_id = get_session().scalar(select(Delegation.id))
    assert other.post(f"/account/delegations/{request_id}/end").status_code == 404
    with app.app_context():
        assert get_session().get(Delegation, request_id).status == DelegationStatus.REQUESTED
