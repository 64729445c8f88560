"""Counter staff or a caseworker record or correct the 户籍 county of a person already on record
(the wizard asks it only of new people). Applications already sent stay with the county that
has them; those sent afterwards go to the new county (docs/process.md)."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.casework.applications import submit_application
from app.domain.casework.reference import new_reference
from app.domain.models import Account, Application, AuditEvent, Channel, Person, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person, sign_in

# Who decides the applications after the change is jurisdiction: both engines.
pytestmark = pytest.mark.engine

EN = {"Accept-Language": "en"}
MONDAY = date(2026, 3, 2)
COUNTER = "13904360001"
CASEWORKER = "13904360002"


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def person(app: Flask) -> int:
    """Lives in 南关区 (220102), registered there; one application already sent there."""
    resident = make_account(app, phone="13904360000")
    person_id = make_person(app, township="220102001", account_id=resident)
    with app.app_context():
        db = get_session()
        found = db.get(Person, person_id)
        found.hukou_county_code = "220102"
        db.add(Application(service_code="two-subsidies", person=found, channel=Channel.COUNTER,
                           created_by_account_id=resident,
                           status=S.IN_REVIEW, reference=new_reference(), county_code="220102",
                           township_code="220102001", answers={}))
        db.commit()
    return person_id


def signed_in_counter_staff(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001")
    sign_in(client, COUNTER)


def test_counter_staff_correct_the_hukou_county_and_sent_applications_stay(
        app: Flask, client: FlaskClient, person: int) -> None:
    signed_in_counter_staff(app, client)
    details = soup(client.get(f"/counter/people/{person}", headers=EN))
    change = details.find("a", href=f"/counter/people/{person}/hukou")
    assert change is not None and "Household registration (hukou) county" in change.get_text()
    page = soup(client.get(f"/counter/people/{person}/hukou", headers=EN))
    assert page.h1.get_text(strip=True).startswith("In which county, city or district")
    assert page.find("option", selected=True)["value"] == "220102"  # what is on record
    response = client.post(f"/counter/people/{person}/hukou", headers=EN,
                           data={"hukou_county": "220103"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/counter/people/{person}")
    shown = soup(client.get(response.headers["Location"], headers=EN)).get_text(" ")
    assert "Applications already sent that stay with the county that has them: 1." in shown
    with app.app_context():
        db = get_session()
        found = db.get(Person, person)
        assert found.hukou_county_code == "220103"
        # The application in review stays with 南关区, which accepted it.
        assert [a.county_code for a in found.applications] == ["220102"]
        audit = db.scalars(select(AuditEvent).where(
            AuditEvent.action == "person.hukou_update")).one()
        assert audit.person_id == person
        assert audit.detail == {"from": "220102", "to": "220103",
                                "sent_applications_staying": 1}
        # One sent from now on goes to the new 户籍 county.
        draft = Application(service_code="assistive-devices", person=found,
                            created_by_account_id=found.applications[0].created_by_account_id,
                            channel=Channel.COUNTER, answers={})
        db.add(draft)
        db.flush()
        submit_application(db, draft, actor=db.scalar(select(Account).where(
            Account.phone == COUNTER)), answers_on_path={}, county_code="220102",
            township_code="220102001", today=MONDAY)
        assert draft.county_code == "220103"


def test_a_caseworker_of_the_hukou_county_corrects_it_from_the_casework_page(
        app: Flask, client: FlaskClient, person: int) -> None:
    make_account(app, phone=CASEWORKER, role=Role.CASEWORKER, area="220102")
    sign_in(client, CASEWORKER)
    with app.app_context():
        application_id = get_session().scalar(select(Application.id))
    case = soup(client.get(f"/casework/applications/{application_id}", headers=EN))
    link = case.find("a", href=lambda href: bool(href) and f"/people/{person}/hukou" in href)
    assert link is not None
    response = client.post(link["href"], headers=EN, data={"hukou_county": "220103"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/casework/applications/{application_id}")


def test_nothing_chosen_is_explained_beside_the_field(
        app: Flask, client: FlaskClient, person: int) -> None:
    signed_in_counter_staff(app, client)
    response = client.post(f"/counter/people/{person}/hukou", headers=EN,
                           data={"hukou_county": ""})
    page = soup(response)
    assert page.title.get_text().startswith("Error:")
    assert page.find(id="hukou_county")["aria-invalid"] == "true"
    with app.app_context():
        assert get_session().get(Person, person).hukou_county_code == "220102"


@pytest.mark.parametrize(("role", "area"), [
    (Role.COUNTER, "220103002"),  # counter staff of another county
    (Role.CASEWORKER, "220202"),  # a caseworker of 吉林市, neither home nor 户籍
    (Role.APPROVER, "220102"),  # deciders do not keep the person's record
    (Role.CIVIL_AFFAIRS, "220102"),
])
def test_staff_outside_the_rule_get_not_found(
        app: Flask, client: FlaskClient, person: int, role: Role, area: str) -> None:
    make_account(app, phone="13904360009", role=role, area=area)
    sign_in(client, "13904360009")
    assert client.get(f"/counter/people/{person}/hukou").status_code == 404
    assert client.post(f"/counter/people/{person}/hukou",
                       data={"hukou_county": "220103"}).status_code == 404
    with app.app_context():
        assert get_session().get(Person, person).hukou_county_code == "220102"


def test_a_next_address_off_the_site_is_not_followed(
        app: Flask, client: FlaskClient, person: int) -> None:
    signed_in_counter_staff(app, client)
    response = client.post(f"/counter/people/{person}/hukou?next=//evil.example/", headers=EN,
                           data={"hukou_county": "220103"})
    assert response.headers["Location"].endswith(f"/counter/people/{person}")


def test_a_caseworker_of_the_hukou_county_on_record_may_correct_it_too(
        app: Flask, client: FlaskClient, person: int) -> None:
    # The person lives in 南关区; a caseworker of 宽城区, the 户籍 county on record, decides
    # their applications and may be the one who finds the register says otherwise.
    with app.app_context():
        db = get_session()
        db.get(Person, person).hukou_county_code = "220103"
        db.commit()
    make_account(app, phone=CASEWORKER, role=Role.CASEWORKER, area="220103")
    sign_in(client, CASEWORKER)
    assert client.get(f"/counter/people/{person}/hukou").status_code == 200
    client.post(f"/counter/people/{person}/hukou", data={"hukou_county": "220102"})
    with app.app_context():
        assert get_session().get(Person, person).hukou_county_code == "220102"
    # Now neither where they live nor their 户籍: the page is not found.
    assert client.get(f"/counter/people/{person}/hukou").status_code == 404
