"""Administrators set a county's 公示 of the two subsidies and its home-modification places on a
page of their own; errors beside the field, what was typed kept."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain import county_rules
from app.domain.clock import today_in_china
from app.domain.models import AuditEvent, Role
from tests.factories import make_account, sign_in

EN = {"Accept-Language": "en"}
ADMIN = "13904350001"
URL = "/admin/deadlines/220102/process"


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def signed_in_admin(app: Flask, client: FlaskClient, area: str = "22") -> None:
    make_account(app, phone=ADMIN, role=Role.ADMIN, area=area)
    sign_in(client, ADMIN)


def test_an_administrator_turns_off_the_public_notice_and_sets_this_years_places(
        app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    page = soup(client.get(URL, headers=EN))
    assert page.find("input", attrs={"name": "public_notice", "value": "yes"}).has_attr("checked")
    assert page.find(id="public_notice_days")["value"] == "7"
    year = today_in_china().year
    assert f"Home modification places in {year}" in page.get_text()
    response = client.post(URL, headers=EN, data={
        "public_notice": "no", "public_notice_days": "7", "places_this_year": "４０",
        "places_next_year": ""})
    assert response.status_code == 302
    with app.app_context():
        db = get_session()
        assert county_rules.public_notice(db, "220102") == county_rules.PublicNotice(False, 7)
        assert county_rules.quotas_of(db, "220102") == {year: 40}
        audit = db.scalars(select(AuditEvent).where(
            AuditEvent.action == "county_rules.update")).one()
        assert audit.detail["county_code"] == "220102"


def test_wrong_numbers_are_explained_beside_their_fields(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    response = client.post(URL, headers=EN, data={
        "public_notice": "yes", "public_notice_days": "5", "places_this_year": "forty",
        "places_next_year": "12"})
    assert response.status_code == 200
    page = soup(response)
    assert "Enter a number of days from 7 to 30" in page.find(
        id="public_notice_days-error").get_text()
    assert "whole number" in page.find(id="places_this_year-error").get_text()
    assert page.find(id="places_next_year")["value"] == "12"
    assert page.title.get_text().startswith("Error")
    with app.app_context():
        assert county_rules.quotas_of(get_session(), "220102") == {}


def test_an_administrator_of_another_county_cannot_open_the_page(app: Flask,
                                                                 client: FlaskClient) -> None:
    signed_in_admin(app, client, area="220103")
    assert client.get(URL).status_code == 404
    assert client.post(URL, data={"public_notice": "no"}).status_code == 404
