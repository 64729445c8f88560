"""Administration: staff accounts and the audit log, for administrators only."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.models import Account, AuditEvent, Channel, Person, Role
from app.domain.people.identity import ResidentIdNumber
from tests.factories import id_number, make_account, make_person, sign_in
from tests.pages import EN, error_for, soup

ADMIN_PHONE = "13904330001"
NEW_CASEWORKER = {"display_name": "李明", "phone": "139 0433 0002", "role": "caseworker",
                  "area_code": "220102", "password": "quiet winter lake"}
ADMIN_PAGES = ["/admin/staff", "/admin/staff/new", "/admin/audit"]


def signed_in_admin(app: Flask, client: FlaskClient) -> int:
    admin = make_account(app, phone=ADMIN_PHONE, role=Role.ADMIN, area="22", name="陈静")
    sign_in(client, ADMIN_PHONE)
    return admin


def staff_account(app: Flask, phone: str) -> Account:
    with app.app_context():
        account = get_session().scalar(select(Account).where(Account.phone == phone))
        assert account is not None
        return account


# --- who may open the admin pages ----------------------------------------------------------


def test_a_resident_gets_404_on_admin_pages(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904330003")
    sign_in(client, "13904330003")
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 404, path
    assert client.post("/admin/staff/new", data=NEW_CASEWORKER).status_code == 404


@pytest.mark.parametrize("role", [Role.COUNTER, Role.CASEWORKER, Role.APPROVER])
def test_staff_who_are_not_administrators_get_404_on_admin_pages(
        app: Flask, client: FlaskClient, role: Role) -> None:
    staff = make_account(app, phone="13904330004", role=role, area="220102")
    sign_in(client, "13904330004")
    for path in [*ADMIN_PAGES, f"/admin/staff/{staff}"]:
        assert client.get(path).status_code == 404, path


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/admin/staff")
    assert response.headers["Location"].startswith("/sign-in")


# --- the staff list ------------------------------------------------------------------------


def test_the_staff_list_shows_role_area_and_masked_phone(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904335678", role=Role.COUNTER, area="220102001", name="王芳")
    make_account(app, phone="13904330010", name="Resident")  # residents are not listed
    signed_in_admin(app, client)
    response = client.get("/admin/staff", headers=EN)
    html = soup(response)
    table = html.find("table")
    assert table.find("caption")
    assert all(th["scope"] == "col" for th in table.find_all("th"))
    row = next(tr for tr in table.select("tbody tr") if "王芳" in tr.get_text())
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[1:6] == ["139****5678", "counter staff", "长春市 南关区 南岭街道", "220102001",
                          "Active"]
    assert cells[6] == "Change 王芳"
    body = response.get_data(as_text=True)
    assert "13904335678" not in body
    assert "Resident" not in body


@pytest.mark.engine
def test_the_staff_list_pages_by_50(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    with app.app_context():
        db = get_session()
        db.add_all([Account(phone=f"1390500{n:04d}", password_hash="x", display_name=f"S{n}",
                            role=Role.COUNTER, area_code="220102", display_settings={})
                    for n in range(55)])
        db.commit()
    first = soup(client.get("/admin/staff", headers=EN))
    assert len(first.select("tbody tr")) == 50
    assert first.find("a", string="First page") is None  # already on it
    more = first.find("a", string="Next staff accounts")["href"]
    second = soup(client.get(more, headers=EN))
    assert len(second.select("tbody tr")) == 6  # the administrator and 55 counter staff
    assert second.find("a", string="Next staff accounts") is None
    pages = second.find("nav", attrs={"aria-label": "Pages of staff accounts"})
    assert pages.find("a", string="First page")["href"] == "/admin/staff"


# --- creating staff ------------------------------------------------------------------------


def test_admin_creates_a_caseworker_who_can_then_sign_in(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    response = client.post("/admin/staff/new", data=NEW_CASEWORKER)
    assert response.headers["Location"] == "/admin/staff"
    assert "李明" in client.get("/admin/staff", headers=EN).get_data(as_text=True)
    created = staff_account(app, "13904330002")
    assert (created.role, created.area_code, created.is_active) == (
        Role.CASEWORKER, "220102", True)
    client.post("/sign-out")
    sign_in(client, "13904330002", "quiet winter lake")
    # First their own password: the administrator knows the one they chose (issue 25).
    assert client.get("/counter/agent-requests").headers["Location"] == "/sign-in/own-password"
    client.post("/sign-in/own-password", data={"password": "bright autumn river",
                                               "password_again": "bright autumn river"})
    assert client.get("/counter/agent-requests").status_code == 200
    with app.app_context():
        event = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.create")).one()
        assert event.detail["account_id"] == created.id


def test_the_create_form_has_the_right_controls(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    html = soup(client.get("/admin/staff/new", headers=EN))
    assert html.find("select", id="area_code")["aria-describedby"] == "area_code-hint"
    assert "Grouped by city" in html.find(id="area_code-hint").get_text()
    assert html.find("input", id="password")["autocomplete"] == "new-password"
    assert {r["value"] for r in html.find_all("input", type="radio")} == {
        "counter", "caseworker", "approver", "civil_affairs", "statistics", "admin"}


@pytest.mark.engine
def test_a_duplicate_phone_is_refused_beside_the_phone_field(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904330002")
    signed_in_admin(app, client)
    response = client.post("/admin/staff/new", data=NEW_CASEWORKER, headers=EN)
    assert response.status_code == 200
    assert "already exists" in error_for(response, "phone")
    html = soup(response)
    assert html.find("input", id="display_name")["value"] == "李明"
    assert html.find("option", selected=True)["value"] == "220102"


@pytest.mark.parametrize(("role", "area", "problem"), [
    ("counter", "220100", "county or in a township"),  # a prefecture
    ("caseworker", "220102001", "county or a city"),  # a township
    ("approver", "22", "county or a city"),  # the province
    ("counter", "229999", "from the list"),
    ("admin", "", "Choose the area"),
])
def test_the_area_code_must_exist_and_suit_the_role(app: Flask, client: FlaskClient, role: str,
                                                    area: str, problem: str) -> None:
    signed_in_admin(app, client)
    data = {**NEW_CASEWORKER, "role": role, "area_code": area}
    response = client.post("/admin/staff/new", data=data, headers=EN)
    assert response.status_code == 200
    assert problem in error_for(response, "area_code")


@pytest.mark.parametrize(("role", "area"), [("counter", "220102001"), ("counter", "220102"),
                                            ("approver", "220100"), ("admin", "22")])
def test_each_role_accepts_its_kinds_of_area(app: Flask, client: FlaskClient, role: str,
                                             area: str) -> None:
    signed_in_admin(app, client)
    response = client.post("/admin/staff/new",
                           data={**NEW_CASEWORKER, "role": role, "area_code": f" {area} "})
    assert response.status_code == 302
    assert staff_account(app, "13904330002").area_code == area


def test_the_area_is_picked_from_the_places_grouped_by_city(app: Flask,
                                                            client: FlaskClient) -> None:
    signed_in_admin(app, client)
    picker = soup(client.get("/admin/staff/new", headers=EN)).find("select", id="area_code")
    changchun = picker.find("optgroup", label="Changchun City")
    assert changchun.find("option", value="220102").get_text() == "Nanguan District"
    assert changchun.find("option", value="220102001").get_text() == \
        "Nanling Subdistrict, Nanguan District"
    assert picker.find("option", value="22").get_text() == "Jilin Province"
    assert len(picker.find_all("optgroup")) == 9  # the nine cities
    assert picker.find("option")["value"] == ""  # "Choose an area", first and in no group
    chinese = soup(client.get("/admin/staff/new")).find("select", id="area_code")
    assert chinese.find("option", value="220102001").get_text() == "南关区 南岭街道"


def test_a_county_administrator_picks_only_inside_their_county(app: Flask,
                                                              client: FlaskClient) -> None:
    make_account(app, phone="13904330009", role=Role.ADMIN, area="220102")
    sign_in(client, "13904330009")
    picker = soup(client.get("/admin/staff/new")).find("select", id="area_code")
    values = [option["value"] for option in picker.find_all("option")]
    assert values[:3] == ["", "220102", "220102001"]
    assert all(value.startswith("220102") for value in values[1:])
    assert [group["label"] for group in picker.find_all("optgroup")] == ["长春市"]
    response = client.post("/admin/staff/new", data={**NEW_CASEWORKER, "area_code": "220103"},
                           headers=EN)
    assert "Choose an area inside your own area, 长春市 南关区" in error_for(response, "area_code")


def test_a_weak_initial_password_is_refused(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    response = client.post("/admin/staff/new", data={**NEW_CASEWORKER, "password": "12345678"},
                           headers=EN)
    assert "too easy to guess" in error_for(response, "password")
    assert soup(response).find("input", id="password").get("value", "") == ""


# --- changing staff ------------------------------------------------------------------------


def test_deactivated_staff_are_signed_out(app: Flask, client: FlaskClient) -> None:
    staff = make_account(app, phone="13904330005", role=Role.COUNTER, area="220102")
    staff_client = app.test_client()
    sign_in(staff_client, "13904330005")
    assert staff_client.get("/counter").status_code == 200
    signed_in_admin(app, client)
    response = client.post(f"/admin/staff/{staff}", data={
        "role": "counter", "area_code": "220102", "active": "deactivated"})
    assert response.headers["Location"] == "/admin/staff"
    assert staff_client.get("/counter").headers["Location"].startswith("/sign-in")
    refused = staff_client.post("/sign-in", data={"phone": "13904330005",
                                                  "password": "correct horse battery"})
    assert refused.status_code == 200
    assert staff_account(app, "13904330005").is_active is False


def test_admin_changes_a_staff_members_role_and_area(app: Flask, client: FlaskClient) -> None:
    staff = make_account(app, phone="13904330006", role=Role.COUNTER, area="220102001")
    signed_in_admin(app, client)
    form = soup(client.get(f"/admin/staff/{staff}", headers=EN))
    assert form.find("select", id="area_code").find("option", selected=True)["value"] == \
        "220102001"
    assert form.find("input", attrs={"name": "role", "checked": True})["value"] == "counter"
    assert form.find("input", attrs={"name": "active", "checked": True})["value"] == "active"
    client.post(f"/admin/staff/{staff}", data={"role": "caseworker", "area_code": "220103",
                                               "active": "active"})
    changed = staff_account(app, "13904330006")
    assert (changed.role, changed.area_code, changed.is_active) == (
        Role.CASEWORKER, "220103", True)
    with app.app_context():
        event = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.update")).one()
        assert event.detail["changes"] == {"role": "caseworker", "area_code": "220103"}


def test_an_administrator_cannot_deactivate_themself(app: Flask, client: FlaskClient) -> None:
    admin = signed_in_admin(app, client)
    response = client.post(f"/admin/staff/{admin}", data={
        "role": "admin", "area_code": "22", "active": "deactivated"}, headers=EN)
    assert response.status_code == 200
    assert "cannot deactivate your own account" in error_for(response, "active")
    assert staff_account(app, ADMIN_PHONE).is_active is True


def test_a_resident_account_cannot_be_edited_as_staff(app: Flask, client: FlaskClient) -> None:
    resident = make_account(app, phone="13904330007")
    signed_in_admin(app, client)
    assert client.get(f"/admin/staff/{resident}").status_code == 404
    assert client.get("/admin/staff/999999").status_code == 404


# --- the audit log -------------------------------------------------------------------------


@pytest.mark.engine
def test_the_audit_log_shows_events_newest_first_with_masked_id_numbers(
        app: Flask, client: FlaskClient) -> None:
    number = id_number()
    person = make_person(app, id_number_value=number)
    counter = make_account(app, phone="13904330008", role=Role.COUNTER, area="220102",
                           name="王芳")
    with app.app_context():
        db = get_session()
        staff, record = db.get(Account, counter), db.get(Person, person)
        record_access(db, actor=staff, action=AuditAction.PERSON_CREATE, channel=Channel.COUNTER,
                      person=record)
        record_access(db, actor=staff, action=AuditAction.PERSON_VIEW, channel=Channel.COUNTER,
                      person=record)
        db.commit()
    signed_in_admin(app, client)
    response = client.get("/admin/audit", headers=EN)
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup(response).select("tbody tr")]
    assert [row[1:] for row in rows] == [
        ["王芳", "Viewed a person's details", ResidentIdNumber(number).masked, "At a counter"],
        ["王芳", "Registered a person at the counter", ResidentIdNumber(number).masked,
         "At a counter"],
    ]
    assert all(row[0] for row in rows)  # a formatted time
    assert number not in response.get_data(as_text=True)


@pytest.mark.engine
def test_the_audit_log_pages_back_in_time(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        db = get_session()
        for n in range(60):
            # Codes no longer in AuditAction, as old rows may hold: shown as they are.
            db.add(AuditEvent(action=f"test.{n}", channel=Channel.SYSTEM, detail={}))
        db.commit()
    signed_in_admin(app, client)
    first = soup(client.get("/admin/audit", headers=EN))
    assert len(first.select("tbody tr")) == 50
    assert first.select("tbody tr")[0].find_all("td")[2].get_text(strip=True) == "test.59"
    older = soup(client.get(first.find("a", string="Older events")["href"], headers=EN))
    actions = [tr.find_all("td")[2].get_text(strip=True) for tr in older.select("tbody tr")]
    assert actions == [f"test.{n}" for n in range(9, -1, -1)]
    pages = older.find("nav", attrs={"aria-label": "Pages of the audit log"})
    assert pages.find("a", string="First page")["href"] == "/admin/audit"
    assert pages.find("a", string="Older events") is None


def test_the_audit_log_words_rows_written_before_the_enum_and_shows_unknown_codes(
        app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        db = get_session()
        for code in ("application.accept", "queue.list", "retired.action"):
            db.add(AuditEvent(action=code, channel=Channel.COUNTER, detail={}))
        db.commit()
    signed_in_admin(app, client)
    page = soup(client.get("/admin/audit", headers=EN))
    assert [tr.find_all("td")[2].get_text(strip=True) for tr in page.select("tbody tr")] == [
        "retired.action", "Listed the queue of applications", "Accepted an application"]


def test_reading_the_audit_log_is_itself_recorded(app: Flask, client: FlaskClient) -> None:
    admin = signed_in_admin(app, client)
    client.get("/admin/audit")
    with app.app_context():
        event = get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "audit_log.view")).one()
        assert event.actor_account_id == admin


@pytest.mark.parametrize("role, area", [(Role.CASEWORKER, "220102001"),  # a township
                                        (Role.COUNTER, "220100"),  # a prefecture (长春市)
                                        (Role.APPROVER, "999999")])  # not in Jilin
def test_the_domain_refuses_an_area_where_the_role_does_not_work(
        app: Flask, role: Role, area: str) -> None:
    from app.domain.people import accounts

    with app.app_context():
        db = get_session()
        with pytest.raises(accounts.AreaNotForRole):
            accounts.create_staff_account(db, phone="13904330099", display_name="李明",
                                          password="quiet winter lake", role=role,
                                          area_code=area)
        db.rollback()
        assert db.scalar(select(Account).where(Account.phone == "13904330099")) is None
