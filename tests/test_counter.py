"""Counter mode (窗口): find or register a person, record an agent, confirm agents' requests."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import audit_log_page
from app.domain.models import (
    Account,
    AuditEvent,
    Channel,
    CounterLookup,
    Delegation,
    DelegationStatus,
    Person,
    Relationship,
    Role,
)
from app.domain.people.identity import ResidentIdNumber
from tests.factories import id_number, make_account, make_person, sign_in
from tests.pages import EN, error_for, soup

COUNTER_PHONE = "13904320001"  # counter staff of 南关区 (220102)


def signed_in_counter(app: Flask, client: FlaskClient, *, area: str = "220102",
                      phone: str = COUNTER_PHONE) -> int:
    staff = make_account(app, phone=phone, role=Role.COUNTER, area=area, name="王芳")
    sign_in(client, phone)
    return staff


def requested_delegation(app: Flask, *, township: str = "220102001",
                         agent_phone: str = "13904320009") -> tuple[int, int, int]:
    """An agent's request to act for a person, waiting for staff: (delegation, person, agent)."""
    agent = make_account(app, phone=agent_phone, name="张伟")
    person = make_person(app, name="李娜", township=township)
    with app.app_context():
        db = get_session()
        delegation = Delegation(person_id=person, agent_account_id=agent,
                                relationship_kind=Relationship.GUARDIAN,
                                status=DelegationStatus.REQUESTED,
                                requested_note="I am her court-appointed guardian.")
        db.add(delegation)
        db.commit()
        return delegation.id, person, agent


def audit_actions(app: Flask) -> list[tuple[str, int | None, Channel]]:
    with app.app_context():
        return [(event.action, event.person_id, event.channel)
                for event in audit_log_page(get_session()).items]


def id_number_ending_in_x() -> str:
    for serial in range(500):
        number = id_number(born=date(1975, 3, 9), serial=serial)
        if number.endswith("X"):
            return number
    raise AssertionError("no serial gives an X check character")


# --- who may use the counter ---------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/counter")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_caseworker_cannot_use_the_counter_search(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904320002", role=Role.CASEWORKER, area="220102")
    sign_in(client, "13904320002")
    assert client.get("/counter").status_code == 404
    assert client.post("/counter", data={"id_number": id_number()}).status_code == 404


def test_a_resident_gets_404_on_counter_pages(app: Flask, client: FlaskClient) -> None:
    person = make_person(app)
    make_account(app, phone="13904320003")
    sign_in(client, "13904320003")
    for path in ["/counter", "/counter/people/new", f"/counter/people/{person}",
                 f"/counter/people/{person}/agent", "/counter/agent-requests"]:
        assert client.get(path).status_code == 404, path


def test_deactivated_counter_staff_cannot_use_the_counter(app: Flask,
                                                          client: FlaskClient) -> None:
    staff = signed_in_counter(app, client)
    with app.app_context():
        get_session().get(Account, staff).is_active = False
        get_session().commit()
    assert client.get("/counter").status_code == 302  # the session no longer signs them in


# --- finding a person ----------------------------------------------------------------------


def test_counter_staff_find_a_person_in_their_area(app: Flask, client: FlaskClient) -> None:
    number = id_number()
    person = make_person(app, id_number_value=number)
    signed_in_counter(app, client)
    response = client.post("/counter", data={"id_number": number})
    assert response.headers["Location"] == f"/counter/people/{person}"


@pytest.mark.engine
def test_an_id_number_is_found_however_it_is_typed(app: Flask, client: FlaskClient) -> None:
    number = id_number_ending_in_x()
    person = make_person(app, id_number_value=number)
    signed_in_counter(app, client)
    typed = " ".join([number[:6], number[6:14], number[14:].lower()])
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in typed)
    response = client.post("/counter", data={"id_number": full_width})
    assert response.headers["Location"] == f"/counter/people/{person}"


def test_bad_id_number_keeps_what_was_typed(app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    good = id_number()
    typed = good[:17] + ("1" if good[17] != "1" else "2")  # a wrong check character
    response = client.post("/counter", data={"id_number": typed}, headers=EN)
    assert response.status_code == 200
    html = soup(response)
    assert html.title.get_text().startswith("Error:")
    assert "not valid" in error_for(response, "id_number")
    field = html.find("input", id="id_number")
    assert field["value"] == typed
    assert field["aria-invalid"] == "true"
    assert html.select_one(".error-summary a")["href"] == "#id_number"


def test_the_id_number_field_has_no_autocomplete_and_no_autocomplete_off(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    field = soup(client.get("/counter")).find("input", id="id_number")
    assert not field.has_attr("autocomplete")
    assert field["inputmode"] == "text"


def test_a_person_outside_the_area_is_named_by_their_county(app: Flask,
                                                            client: FlaskClient) -> None:
    number = id_number(region="220103")
    person = make_person(app, id_number_value=number, township="220103002")  # 宽城区
    signed_in_counter(app, client)
    response = client.post("/counter", data={"id_number": number}, headers=EN)
    assert response.status_code == 200
    message = error_for(response, "id_number")
    assert "宽城区" in message
    assert "outside your area" in message
    assert ("person.found_outside_area", person, Channel.COUNTER) in audit_actions(app)


def test_an_unknown_id_number_leads_to_registration_with_the_number_filled_in(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    number = id_number()
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
    response = client.post("/counter", data={"id_number": spaced})
    assert response.headers["Location"] == "/counter/people/new"
    assert number not in response.headers["Location"]  # never in addresses or logs
    page = soup(client.get("/counter/people/new"))
    assert page.find("input", id="id_number")["value"] == number


def session_cookie_contents(app: Flask, client: FlaskClient) -> str:
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    return str(app.session_interface.get_signing_serializer(app).loads(cookie.value))


@pytest.mark.engine
def test_the_number_searched_for_stays_on_the_server_and_with_that_staff_member(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    number = id_number()
    client.post("/counter", data={"id_number": number})
    assert number not in session_cookie_contents(app, client)  # the cookie holds a token
    assert number[6:14] not in session_cookie_contents(app, client)

    # The same cookie in another staff member's session fills in nothing.
    colleague = app.test_client()
    signed_in_counter(app, colleague, phone="13904320002")
    token = client.get_cookie("session")
    colleague_session = app.session_interface.get_signing_serializer(app).loads(
        colleague.get_cookie("session").value)
    colleague_session["counter_lookup"] = app.session_interface.get_signing_serializer(
        app).loads(token.value)["counter_lookup"]
    colleague.set_cookie("session", app.session_interface.get_signing_serializer(app).dumps(
        colleague_session))
    assert soup(colleague.get("/counter/people/new")).find("input", id="id_number")["value"] \
        in ("", None)

    client.post("/counter/people/new", data=registration(number))
    with app.app_context():  # registered: nothing is kept
        assert get_session().scalars(select(CounterLookup)).all() == []


# --- registering a person ------------------------------------------------------------------


def registration(number: str, **changes: str) -> dict[str, str]:
    data = {"full_name": "赵敏", "id_number": number, "phone": "139 0431 5678",
            "township_code": "220102003", "address_line": "民康路 12 号", "hukou_county": "same"}
    data.update(changes)
    return data


def test_counter_staff_register_a_person_with_birth_date_and_sex_from_the_id_number(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    number = id_number(born=date(1962, 11, 30), female=True)
    response = client.post("/counter/people/new", data=registration(number))
    with app.app_context():
        person = get_session().scalars(select(Person)).one()
        assert response.headers["Location"] == f"/counter/people/{person.id}"
        assert (person.full_name, person.birth_date, person.sex) == (
            "赵敏", date(1962, 11, 30), "female")
        assert (person.county_code, person.township_code) == ("220102", "220102003")
        assert person.phone == "13904315678"
        assert person.address_line == "民康路 12 号"
    assert ("person.create", person.id, Channel.COUNTER) in audit_actions(app)
    page = client.get(f"/counter/people/{person.id}", headers=EN).get_data(as_text=True)
    assert "30 November 1962" in page
    assert "female" in page
    assert "南关区 民康街道 民康路 12 号" in page


def test_the_mobile_number_and_address_are_optional(app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    response = client.post("/counter/people/new",
                           data=registration(id_number(), phone="", address_line=""))
    assert response.status_code == 302
    with app.app_context():
        person = get_session().scalars(select(Person)).one()
        assert person.phone is None and person.address_line is None
    field = soup(client.get("/counter/people/new")).find("input", id="phone")
    assert not field.has_attr("required")


def test_the_hukou_county_is_recorded_apart_from_where_the_person_lives(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)
    same, nongan = id_number(), id_number()
    client.post("/counter/people/new", data=registration(same))
    client.post("/counter/people/new", data=registration(nongan, hukou_county="220122"))
    with app.app_context():
        places = {person.id_number: (person.county_code, person.hukou_county_code)
                  for person in get_session().scalars(select(Person))}
    assert places == {same: ("220102", "220102"), nongan: ("220102", "220122")}


def test_registering_without_the_hukou_county_is_explained(app: Flask,
                                                          client: FlaskClient) -> None:
    signed_in_counter(app, client)
    response = client.post("/counter/people/new",
                           data=registration(id_number(), hukou_county=""), headers=EN)
    assert response.status_code == 200
    assert "household register" in error_for(response, "hukou_county")


def test_a_bad_mobile_number_is_explained_and_the_rest_is_kept(app: Flask,
                                                              client: FlaskClient) -> None:
    signed_in_counter(app, client)
    number = id_number()
    response = client.post("/counter/people/new", data=registration(number, phone="12345"),
                           headers=EN)
    assert response.status_code == 200
    assert "11 digits" in error_for(response, "phone")
    html = soup(response)
    assert html.find("input", id="full_name")["value"] == "赵敏"
    assert html.find("input", id="id_number")["value"] == number
    assert html.find("option", selected=True)["value"] == "220102003"


@pytest.mark.engine
@pytest.mark.parametrize("typed", ["0431-88888888", "043188888888", "(0431) 8888 8888"])
def test_a_landline_is_accepted_where_the_phone_is_optional(app: Flask, client: FlaskClient,
                                                           typed: str) -> None:
    signed_in_counter(app, client)
    response = client.post("/counter/people/new", data=registration(id_number(), phone=typed))
    assert response.status_code == 302
    with app.app_context():
        assert get_session().scalars(select(Person)).one().phone == "0431-88888888"


@pytest.mark.parametrize(("typed", "problem"), [
    ("88888888", "Add the area code to the landline number, like 0431-88888888"),
    ("0431-888", "or a landline number with its area code, like 0431-88888888"),
    ("0431-8888888a", "can only contain digits"),
])
def test_a_phone_that_is_neither_mobile_nor_landline_is_explained(
        app: Flask, client: FlaskClient, typed: str, problem: str) -> None:
    signed_in_counter(app, client)
    response = client.post("/counter/people/new", data=registration(id_number(), phone=typed),
                           headers=EN)
    assert problem in error_for(response, "phone")
    assert soup(response).find("input", id="full_name")["value"] == "赵敏"


@pytest.mark.engine
def test_registration_offers_only_townships_in_the_staff_members_area(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client, area="220102001")  # 南岭街道 only
    html = soup(client.get("/counter/people/new"))
    options = [o["value"] for o in html.find("select", id="township_code").find_all("option")]
    assert options == ["", "220102001"]
    assert html.find("option", selected=True)["value"] == "220102001"
    response = client.post("/counter/people/new",
                           data=registration(id_number(), township_code="220103002"))
    assert response.status_code == 200
    assert error_for(response, "township_code")


def test_county_counter_staff_choose_from_every_township_of_the_county(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client, area="220102")
    select_element = soup(client.get("/counter/people/new")).find("select", id="township_code")
    codes = [o["value"] for o in select_element.find_all("option")][1:]
    assert len(codes) == 14 and all(code.startswith("220102") for code in codes)


@pytest.mark.engine
def test_registering_an_id_number_twice_is_refused_beside_the_field(
        app: Flask, client: FlaskClient) -> None:
    number = id_number()
    make_person(app, id_number_value=number)
    signed_in_counter(app, client)
    response = client.post("/counter/people/new", data=registration(number), headers=EN)
    assert response.status_code == 200
    assert "already registered" in error_for(response, "id_number")


# --- the person page -----------------------------------------------------------------------


def test_full_id_numbers_are_masked_on_the_person_page(app: Flask, client: FlaskClient) -> None:
    number = id_number()
    person = make_person(app, id_number_value=number, phone="13904317788")
    signed_in_counter(app, client)
    body = client.get(f"/counter/people/{person}", headers=EN).get_data(as_text=True)
    assert number not in body
    assert ResidentIdNumber(number).masked in body
    assert "13904317788" not in body
    assert "139****7788" in body


def test_counter_staff_cannot_open_a_person_outside_their_area(app: Flask,
                                                               client: FlaskClient) -> None:
    person = make_person(app, township="220103002")  # 宽城区
    signed_in_counter(app, client)
    assert client.get(f"/counter/people/{person}").status_code == 404
    assert client.get(f"/counter/people/{person}/agent").status_code == 404
    assert client.post(f"/counter/people/{person}/agent", data={}).status_code == 404
    assert client.get("/counter/people/999999").status_code == 404


def test_township_counter_staff_cannot_open_a_person_of_another_township(
        app: Flask, client: FlaskClient) -> None:
    person = make_person(app, township="220102002")
    signed_in_counter(app, client, area="220102001")
    assert client.get(f"/counter/people/{person}").status_code == 404


def test_viewing_a_person_is_written_to_the_audit_log(app: Flask, client: FlaskClient) -> None:
    person = make_person(app)
    staff = signed_in_counter(app, client)
    client.get(f"/counter/people/{person}")
    with app.app_context():
        event = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "person.view")).one()
        assert (event.actor_account_id, event.person_id, event.channel) == (
            staff, person, Channel.COUNTER)


def test_the_person_page_lists_their_active_agents_only(app: Flask, client: FlaskClient) -> None:
    person = make_person(app)
    active = make_account(app, phone="13904320011", name="张伟")
    ended = make_account(app, phone="13904320012", name="刘洋")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person, agent_account_id=active,
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.add(Delegation(person_id=person, agent_account_id=ended,
                          relationship_kind=Relationship.OTHER, status=DelegationStatus.ENDED))
        db.commit()
    signed_in_counter(app, client)
    body = client.get(f"/counter/people/{person}", headers=EN).get_data(as_text=True)
    assert "张伟 (family member)" in body
    assert "刘洋" not in body


# --- an agent at the counter ---------------------------------------------------------------


AGENT = {"agent_name": "张伟", "agent_phone": "139 0431 0002", "relationship": "family",
         "consent": "y"}


def test_recording_an_agent_shows_them_on_the_person_page_and_in_the_audit_log(
        app: Flask, client: FlaskClient) -> None:
    person = make_person(app)
    staff = signed_in_counter(app, client)
    response = client.post(f"/counter/people/{person}/agent", data=AGENT)
    assert response.headers["Location"] == f"/counter/people/{person}"
    with client.session_transaction() as flask_session:
        visit = flask_session["counter_visit"]
    assert visit["person_id"] == person and visit["staff_account_id"] == staff
    assert (visit["agent_name"], visit["agent_phone"], visit["relationship"], visit["consent"]) \
        == ("张伟", "13904310002", "family", True)
    page = soup(client.get(f"/counter/people/{person}", headers=EN))
    assert "Agent present: 张伟 (family member)" in page.get_text(" ", strip=True)
    with app.app_context():
        event = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "counter.agent_present")).one()
        assert event.person_id == person and event.channel == Channel.COUNTER
        assert event.detail["agent_phone"] == "13904310002"
        assert event.detail["consent"] is True


def test_the_agent_present_is_not_shown_on_another_persons_page(app: Flask,
                                                                client: FlaskClient) -> None:
    first, second = make_person(app), make_person(app, name="孙丽")
    signed_in_counter(app, client)
    client.post(f"/counter/people/{first}/agent", data=AGENT)
    body = client.get(f"/counter/people/{second}", headers=EN).get_data(as_text=True)
    assert "Agent present" not in body


def test_an_agent_cannot_be_recorded_without_the_persons_consent(app: Flask,
                                                                 client: FlaskClient) -> None:
    person = make_person(app)
    signed_in_counter(app, client)
    data = {key: value for key, value in AGENT.items() if key != "consent"}
    response = client.post(f"/counter/people/{person}/agent", data=data, headers=EN)
    assert response.status_code == 200
    assert "Confirm that the person agrees" in error_for(response, "consent")
    assert soup(response).find("input", id="agent_name")["value"] == "张伟"
    with client.session_transaction() as flask_session:
        assert "counter_visit" not in flask_session


def test_the_agents_relationship_is_asked_in_a_fieldset(app: Flask, client: FlaskClient) -> None:
    person = make_person(app)
    signed_in_counter(app, client)
    html = soup(client.get(f"/counter/people/{person}/agent", headers=EN))
    legend = html.find("fieldset").find("legend")
    for hidden in legend.find_all(class_="visually-hidden"):  # "(required)", for screen readers
        hidden.extract()
    assert legend.get_text(strip=True) == "How is the agent related to the person?"
    assert {r["value"] for r in html.find_all("input", type="radio")} == {
        "family", "guardian", "supporter", "other"}


# --- agents' requests ----------------------------------------------------------------------


@pytest.mark.engine
def test_agent_requests_list_only_requests_in_the_staff_members_area(
        app: Flask, client: FlaskClient) -> None:
    here, _person, _agent = requested_delegation(app)
    elsewhere, _other, _agent2 = requested_delegation(app, township="220103002",
                                                      agent_phone="13904320019")
    signed_in_counter(app, client)
    response = client.get("/counter/agent-requests", headers=EN)
    links = {a["href"] for a in soup(response).select("main table a")}
    assert links == {f"/counter/agent-requests/{here}"}
    body = response.get_data(as_text=True)
    assert "court-appointed guardian" in body
    assert "guardian" in body
    assert client.get(f"/counter/agent-requests/{elsewhere}").status_code == 404


def test_a_caseworker_sees_agent_requests_of_their_county(app: Flask,
                                                          client: FlaskClient) -> None:
    delegation, person, _agent = requested_delegation(app)
    make_account(app, phone="13904320004", role=Role.CASEWORKER, area="220102")
    sign_in(client, "13904320004")
    response = client.get("/counter/agent-requests")
    assert {a["href"] for a in soup(response).select("main table a")} == {
        f"/counter/agent-requests/{delegation}"}
    with app.app_context():
        number = get_session().get(Person, person).id_number
    assert number not in response.get_data(as_text=True)


def test_an_approver_cannot_confirm_agent_requests(app: Flask, client: FlaskClient) -> None:
    delegation, _person, _agent = requested_delegation(app)
    make_account(app, phone="13904320005", role=Role.APPROVER, area="220102")
    sign_in(client, "13904320005")
    assert client.get("/counter/agent-requests").status_code == 404
    assert client.get(f"/counter/agent-requests/{delegation}").status_code == 404


def test_confirming_an_agent_request_lets_the_agent_act_for_the_person(
        app: Flask, client: FlaskClient) -> None:
    delegation, person, agent = requested_delegation(app)
    staff = signed_in_counter(app, client)
    page = client.get(f"/counter/agent-requests/{delegation}", headers=EN)
    assert "court-appointed guardian" in page.get_data(as_text=True)
    response = client.post(f"/counter/agent-requests/{delegation}",
                           data={"proof_seen": "y", "decision": "confirm"})
    assert response.headers["Location"] == "/counter/agent-requests"
    with app.app_context():
        db = get_session()
        record = db.get(Delegation, delegation)
        assert record.status == DelegationStatus.ACTIVE
        assert record.confirmed_by_account_id == staff
        assert record.started_at is not None
        assert policies.can_act_for_person(db, db.get(Account, agent), db.get(Person, person))
    actions = [action for action, _person, _channel in audit_actions(app)]
    assert "delegation.view" in actions and "delegation.confirm_request" in actions


def test_confirming_needs_the_proof_to_have_been_seen(app: Flask, client: FlaskClient) -> None:
    delegation, _person, _agent = requested_delegation(app)
    signed_in_counter(app, client)
    response = client.post(f"/counter/agent-requests/{delegation}",
                           data={"decision": "confirm"}, headers=EN)
    assert response.status_code == 200
    assert "seen the proof" in error_for(response, "proof_seen")
    with app.app_context():
        assert get_session().get(Delegation, delegation).status == DelegationStatus.REQUESTED


def test_declining_an_agent_request_gives_the_agent_no_access(app: Flask,
                                                              client: FlaskClient) -> None:
    delegation, person, agent = requested_delegation(app)
    signed_in_counter(app, client)
    response = client.post(f"/counter/agent-requests/{delegation}",
                           data={"decision": "decline"})
    assert response.status_code == 302
    with app.app_context():
        db = get_session()
        assert db.get(Delegation, delegation).status == DelegationStatus.DECLINED
        assert not policies.can_act_for_person(db, db.get(Account, agent), db.get(Person, person))
    assert "delegation.decline_request" in [a for a, _p, _c in audit_actions(app)]
    # A decided request leaves the queue and cannot be decided again.
    assert not soup(client.get("/counter/agent-requests")).select("main table a")
    client.post(f"/counter/agent-requests/{delegation}",
                data={"proof_seen": "y", "decision": "confirm"})
    with app.app_context():
        assert get_session().get(Delegation, delegation).status == DelegationStatus.DECLINED


@pytest.mark.parametrize("decision", ["", "approve"])
def test_an_unknown_decision_changes_nothing(app: Flask, client: FlaskClient,
                                             decision: str) -> None:
    delegation, _person, _agent = requested_delegation(app)
    signed_in_counter(app, client)
    response = client.post(f"/counter/agent-requests/{delegation}",
                           data={"proof_seen": "y", "decision": decision})
    assert response.status_code == 400
    with app.app_context():
        assert get_session().get(Delegation, delegation).status == DelegationStatus.REQUESTED


def requests_for_people_who_moved_away(app: Flask, how_many: int) -> None:
    """Requests naming 南关区 (220102, where the ID numbers were issued) for people who now live
    in 宽城区 (220103): by can_confirm_delegation they lie in 宽城区."""
    agent = make_account(app, phone="13904320029", name="张伟")
    with app.app_context():
        db = get_session()
        for serial in range(how_many):
            number = id_number(region="220102", born=date(1991, 1, 1), serial=serial)
            person = Person(full_name="刘洋", id_number=number, birth_date=date(1991, 1, 1),
                            sex="male", county_code="220103", township_code="220103002",
                            communication_needs=[])
            db.add(Delegation(person=person, agent_account_id=agent,
                              relationship_kind=Relationship.FAMILY,
                              status=DelegationStatus.REQUESTED,
                              requested_county_code="220102"))
        db.commit()


@pytest.mark.engine
def test_a_request_in_the_area_is_on_the_first_page_after_many_outside_it(
        app: Flask, client: FlaskClient) -> None:
    from app.web.counter import PAGE_SIZE

    requests_for_people_who_moved_away(app, PAGE_SIZE + 1)
    here, _person, _agent = requested_delegation(app)
    signed_in_counter(app, client)
    page = soup(client.get("/counter/agent-requests", headers=EN))
    assert {a["href"] for a in page.select("main table a")} == {f"/counter/agent-requests/{here}"}
    assert page.find("a", string="Next requests") is None  # no link to an empty page


@pytest.mark.engine
def test_every_page_of_agent_requests_is_full_until_the_last(
        app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.web import counter

    monkeypatch.setattr(counter, "PAGE_SIZE", 2)
    requests_for_people_who_moved_away(app, 3)
    here = [requested_delegation(app, agent_phone=f"1390432005{n}")[0] for n in range(3)]
    signed_in_counter(app, client)
    first = soup(client.get("/counter/agent-requests", headers=EN))
    second = soup(client.get(first.find("a", string="Next requests")["href"], headers=EN))
    listed = [a["href"] for page in (first, second) for a in page.select("main table a")]
    assert listed == [f"/counter/agent-requests/{d}" for d in here]
    assert second.find("a", string="Next requests") is None
    pages = second.find("nav", attrs={"aria-label": "Pages of requests"})
    assert pages.find("a", string="First page")["href"] == "/counter/agent-requests"
