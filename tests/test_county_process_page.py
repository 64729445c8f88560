"""Administrators set a county's 公示 of the two subsidies and its home-modification places on a
page of their own; errors beside the field, what was typed kept."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.clock import today_in_china
from app.domain.models import AuditEvent, CountyProcessRule, HomeModificationQuota, Role
from app.domain.rules import county_rules, eligibility_rules
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


def test_an_administrator_sees_which_two_subsidies_rule_applies_in_the_county(
        app: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    signed_in_admin(app, client)
    rows = page_rows(client.get(URL, headers=EN))
    # No Jilin county's extension is on record: the province row (52号 alone) applies.
    assert rows["Living allowance also for"] == "No other households"
    assert rows["Care allowance also for"] == "No other levels"
    assert rows["Source"] == "国发〔2015〕52号"
    table = eligibility_rules.parse_area_rules([
        {"area_code": "22", "source": "国发〔2015〕52号"},
        {"area_code": "220100", "living_allowance_also_for": "dibao_edge",
         "care_allowance_also_for": "intellectual:3", "source": "长春市 实施办法"}])
    monkeypatch.setattr(eligibility_rules, "load_area_rules", lambda: table)
    rows = page_rows(client.get(URL, headers=EN))  # 南关区 is in 长春市: the city's row
    assert rows["Rule that applies"] == "长春市"
    assert rows["Living allowance also for"] == "Just above the minimum living support line"
    assert rows["Care allowance also for"] == "intellectual disability, level 3"
    assert rows["Source"] == "长春市 实施办法"


def page_rows(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    page = soup(response)
    return {row.find("dt").get_text(strip=True): row.find("dd").get_text(strip=True)
            for row in page.select(".summary-list__row")}


def test_numbers_of_ten_thousand_digits_are_explained_not_a_server_error(
        app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    response = client.post(URL, headers=EN, data={
        "public_notice": "yes", "public_notice_days": "7" * 10_000,
        "places_this_year": "4" * 10_000, "places_next_year": ""})
    assert response.status_code == 200
    page = soup(response)
    assert "Enter a number of days from 7 to 30" in page.find(
        id="public_notice_days-error").get_text()
    assert "Enter a number of places from 0 to" in page.find(
        id="places_this_year-error").get_text()


def test_the_county_list_shows_each_countys_public_notice_and_places(
        app: Flask, client: FlaskClient) -> None:
    admin = make_account(app, phone="13904349901", role=Role.ADMIN, area="220100", name="陈静")
    with app.app_context():
        db = get_session()
        db.add(CountyProcessRule(county_code="220102", public_notice=False,
                                 public_notice_days=7, updated_by_account_id=admin))
        db.add(HomeModificationQuota(county_code="220104", year=2026, places=40,
                                     updated_by_account_id=admin))
        db.add(HomeModificationQuota(county_code="220104", year=2027, places=99,
                                     updated_by_account_id=admin))
        db.commit()
    sign_in(client, "13904349901")
    rows = {row.th.get_text(" ", strip=True): [td.get_text(" ", strip=True)
                                              for td in row.select("td")]
            for row in soup(client.get("/admin/deadlines/", headers=EN)).select(
                "table.table--stack tbody tr")}
    nanguan = next(cells for name, cells in rows.items() if "南关区" in name)
    chaoyang = next(cells for name, cells in rows.items() if "朝阳区" in name)
    assert nanguan[1:3] == ["No public notice", "Not limited"]
    assert chaoyang[1:3] == ["7 days", "40"]  # this year's places, not next year's
