"""County deadlines: administrators set them, the status machine uses them, from then on only."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.calendar import deadlines
from app.domain.casework import status_machine
from app.domain.casework.reference import new_reference
from app.domain.models import Account, Application, AuditEvent, Channel, DeadlineRule, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person, sign_in
from tests.pages import EN, error_for, soup

ADMIN_PHONE = "13904340001"
NANGUAN, CHAOYANG, YANJI = "220102", "220104", "222401"


def admin_of(app: Flask, area: str, phone: str = ADMIN_PHONE) -> int:
    return make_account(app, phone=phone, role=Role.ADMIN, area=area, name="陈静")


def accepted_on(app: Flask, county: str, day: date) -> date | None:
    """Accepts a new application of this county on ``day``; returns its review deadline."""
    counter = make_account(app, phone=f"1390434{county[-4:]}", role=Role.COUNTER, area=county)
    person = make_person(app, township=f"{county}001")
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", person_id=person, created_by_account_id=counter,
            channel=Channel.COUNTER, status=S.SUBMITTED, reference=new_reference(),
            county_code=county, township_code=f"{county}001", answers={})
        db.add(application)
        db.flush()
        status_machine.transition(db, application, "accept", actor=db.get(Account, counter),
                                  channel=Channel.COUNTER, today=day, opinion="同意受理。")
        db.commit()
        return application.due_on


@pytest.mark.engine
def test_a_county_rule_changes_that_countys_deadlines_only(app: Flask) -> None:
    admin = admin_of(app, "22")
    with app.app_context():
        db = get_session()
        changes = deadlines.set_county_deadlines(
            db, NANGUAN, {S.ACCEPTED: 1, S.IN_REVIEW: None}, actor=db.get(Account, admin))
        db.commit()
    assert changes == {"accepted": (3, 1)}
    # Monday 2 March 2026: one working day in Nanguan, the provincial three in Chaoyang.
    assert accepted_on(app, NANGUAN, date(2026, 3, 2)) == date(2026, 3, 3)
    assert accepted_on(app, CHAOYANG, date(2026, 3, 2)) == date(2026, 3, 5)


@pytest.mark.engine
def test_back_to_the_default_removes_the_rule(app: Flask) -> None:
    admin = admin_of(app, "22")
    with app.app_context():
        db = get_session()
        actor = db.get(Account, admin)
        deadlines.set_county_deadlines(db, NANGUAN, {S.IN_REVIEW: 10}, actor=actor)
        db.commit()
        assert deadlines.county_rules(db, NANGUAN) == {S.IN_REVIEW: 10}
        changes = deadlines.set_county_deadlines(db, NANGUAN, {S.IN_REVIEW: 15}, actor=actor)
        db.commit()
        assert changes == {"in_review": (10, 15)}
        assert db.scalars(select(DeadlineRule)).all() == []


@pytest.mark.parametrize("area, county, days", [
    (NANGUAN, YANJI, {S.IN_REVIEW: 10}),  # a county outside the administrator's area
    ("22", "220102001", {S.IN_REVIEW: 10}),  # a township, not a county
    ("22", NANGUAN, {S.IN_REVIEW: 0}),  # out of range
    ("22", NANGUAN, {S.IN_REVIEW: 61}),
    ("22", NANGUAN, {S.COMPLETED: 5}),  # a status without a deadline
])
def test_refused_deadlines_change_nothing(app: Flask, area: str, county: str,
                                          days: dict[S, int]) -> None:
    admin = admin_of(app, area)
    with app.app_context():
        db = get_session()
        with pytest.raises(deadlines.DeadlinesRefused):
            deadlines.set_county_deadlines(db, county, days, actor=db.get(Account, admin))
        db.rollback()
        assert db.scalars(select(DeadlineRule)).all() == []


def test_a_caseworker_cannot_set_deadlines(app: Flask) -> None:
    caseworker = make_account(app, phone="13904340009", role=Role.CASEWORKER, area=NANGUAN)
    with app.app_context():
        db = get_session()
        with pytest.raises(deadlines.DeadlinesRefused):
            deadlines.set_county_deadlines(db, NANGUAN, {S.IN_REVIEW: 10},
                                           actor=db.get(Account, caseworker))


# --- the pages ---------------------------------------------------------------------------


@pytest.mark.engine
def test_a_prefecture_administrator_sees_its_counties_only(app: Flask,
                                                          client: FlaskClient) -> None:
    admin_of(app, "222400")  # 延边朝鲜族自治州
    sign_in(client, ADMIN_PHONE)
    response = client.get("/admin/deadlines/", headers=EN)
    rows = soup(response).select("table")[1].select("tbody tr")
    assert len(rows) == 8
    assert "延吉市" in rows[0].get_text()
    assert client.get(f"/admin/deadlines/{NANGUAN}").status_code == 404
    assert client.get(f"/admin/deadlines/{YANJI}").status_code == 200


def test_setting_a_countys_deadlines_on_the_page(app: Flask, client: FlaskClient) -> None:
    admin_of(app, "22")
    sign_in(client, ADMIN_PHONE)
    form = soup(client.get(f"/admin/deadlines/{NANGUAN}", headers=EN))
    assert form.find("label", attrs={"for": "in_review"}).get_text(strip=True) == \
        "Review, then pass it for decision or ask for more information"
    assert "Provincial deadline: 15 working days" in form.find(id="in_review-hint").get_text()
    response = client.post(f"/admin/deadlines/{NANGUAN}", headers=EN,
                           data={"in_review": "１０", "accepted": ""})  # full-width digits
    assert response.status_code == 302
    listing = client.get("/admin/deadlines/", headers=EN, follow_redirects=True)
    text = listing.get_data(as_text=True)
    assert "The deadlines of 长春市 南关区 are saved" in text
    assert "Review, then pass it for decision or ask for more information: 10 working days" in text
    again = soup(client.get(f"/admin/deadlines/{NANGUAN}"))
    assert again.find(id="in_review")["value"] == "10"
    with app.app_context():
        event = get_session().scalars(select(AuditEvent).where(
            AuditEvent.action == "deadlines.update")).one()
        assert event.detail["changes"] == {"in_review": [15, 10]}


def test_a_wrong_number_is_explained_and_the_rest_kept(app: Flask, client: FlaskClient) -> None:
    admin_of(app, "22")
    sign_in(client, ADMIN_PHONE)
    response = client.post(f"/admin/deadlines/{NANGUAN}", headers=EN,
                           data={"in_review": "ten", "accepted": "2", "submitted": "90"})
    assert response.status_code == 200
    assert error_for(response, "in_review") == \
        "Error: Enter the number of working days as a whole number, like 10"
    assert error_for(response, "submitted") == \
        "Error: Enter a number of working days from 1 to 60"
    page = soup(response)
    assert page.find(id="accepted")["value"] == "2"
    assert page.find(id="in_review")["value"] == "ten"
    summary = page.select(".error-summary a")
    assert [link["href"] for link in summary] == ["#submitted", "#in_review"]
    with app.app_context():
        assert get_session().scalars(select(DeadlineRule)).all() == []


def test_other_staff_get_404(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904340010", role=Role.CASEWORKER, area=NANGUAN)
    sign_in(client, "13904340010")
    assert client.get("/admin/deadlines/").status_code == 404
    assert client.post(f"/admin/deadlines/{NANGUAN}", data={"in_review": "3"}).status_code == 404


def test_a_number_of_thousands_of_digits_is_explained_not_a_server_error(
        app: Flask, client: FlaskClient) -> None:
    admin_of(app, "22")
    sign_in(client, ADMIN_PHONE)
    response = client.post(f"/admin/deadlines/{NANGUAN}", headers=EN,
                           data={"in_review": "9" * 5000})
    assert response.status_code == 200
    assert "from 1 to 60" in error_for(response, "in_review")
