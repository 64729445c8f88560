"""A new member of staff replaces the password the administrator chose before anything else
(issue 25): nobody but its owner should know a password."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import AuditEvent, Role
from tests.factories import make_account, sign_in
from tests.pages import EN, CheckedClient, error_for

ADMIN, NEW = "13906670001", "13906670002"
GIVEN, OWN = "quiet winter lake", "bright autumn river"


def created_by_the_administrator(app: Flask) -> None:
    make_account(app, phone=ADMIN, role=Role.ADMIN, area="220102", name="陈静")
    app.test_client_class = CheckedClient
    admin = app.test_client()
    sign_in(admin, ADMIN)
    created = admin.post("/admin/staff/new", data={
        "display_name": "李明", "phone": NEW, "role": "caseworker", "area_code": "220102",
        "password": GIVEN})
    assert created.status_code == 302


def test_a_new_staff_member_chooses_their_own_password_before_anything_else(
        app: Flask) -> None:
    created_by_the_administrator(app)
    staff = app.test_client()
    sign_in(staff, NEW, GIVEN)
    for page in ("/casework", "/casework/decisions", "/account"):
        assert staff.get(page).headers["Location"] == "/sign-in/own-password"
    same = staff.post("/sign-in/own-password", headers=EN,
                      data={"password": GIVEN, "password_again": GIVEN})
    assert "other than the one the administrator gave you" in error_for(same, "password")
    chosen = staff.post("/sign-in/own-password", data={"password": OWN, "password_again": OWN})
    assert chosen.headers["Location"] == "/casework"
    assert staff.get("/casework").status_code == 200  # still signed in, free to work

    refused = app.test_client().post("/sign-in", data={"phone": NEW, "password": GIVEN})
    assert refused.status_code == 200  # the administrator's password no longer works
    with app.app_context():
        assert get_session().scalars(select(AuditEvent).where(
            AuditEvent.action == "account.password_chosen")).one()


def test_staff_who_chose_their_password_and_residents_are_not_asked(app: Flask) -> None:
    make_account(app, phone=NEW, role=Role.CASEWORKER, area="220102")
    make_account(app, phone="13906670003", name="李娜")
    for phone, home in ((NEW, "/casework"), ("13906670003", "/account")):
        client = app.test_client()
        sign_in(client, phone)
        assert client.get(home).status_code == 200
        assert client.get("/sign-in/own-password").headers["Location"] == home
