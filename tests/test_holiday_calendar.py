"""The holiday calendar the province keeps (issue 20): a year not entered gives provisional
deadlines, marked wherever they are shown; entering it counts them again and tells the
applicant; the calendar page refuses each kind of bad entry beside its field."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.access.audit import AuditAction
from app.domain.models import (
    Application,
    AuditEvent,
    CalendarYear,
    InAppMessage,
    Role,
)
from tests.factories import make_account
from tests.pages import EN, error_for, main_text, signed_in_client, soup
from tests.test_track import (  # noqa: F401  (world is a fixture)
    RESIDENT_PHONE,
    STAFF,
    move,
    world,
)
from tests.test_walk_in_reply import last_text_to

PROVINCE_ADMIN, COUNTY_ADMIN = "13900002101", "13900002102"
# Monday 28 December 2026, 09:30 in Changchun: 20 working days run into 2027.
LATE_DECEMBER = datetime(2026, 12, 28, 1, 30, tzinfo=UTC)
# Counted by weekends alone: 29–31 December, 1 January (a Friday), then 4–25 January.
PROVISIONAL_DUE = date(2027, 1, 25)
# A made-up notice for the tests: 1 January a holiday, Saturday 20 February worked.
TEST_NOTICE = {"year": "2027", "notice": "测试用通知（非真实）",
               "holidays": "2027-01-01\n2027年2月6日至12日（周六至周五）", "workdays": "2月20日"}


def asked_for_more_information(app: Flask, world: dict[str, int]) -> int:  # noqa: F811
    for name, reason in (("accept", None), ("start_review", None),
                         ("request_information", "请补充银行卡复印件")):
        move(app, world["application"], name, world["caseworker"], reason)
    return world["application"]


def province_admin(app: Flask) -> None:
    make_account(app, phone=PROVINCE_ADMIN, role=Role.ADMIN, area="22", name="陈静")


def due_on(app: Flask, application_id: int) -> date | None:
    with app.app_context():
        return get_session().get(Application, application_id).due_on


@pytest.mark.engine
def test_a_deadline_past_the_calendar_is_provisional_and_marked_wherever_it_is_shown(
        app: Flask, world: dict[str, int],  # noqa: F811
        frozen_clock: time_machine.Traveller) -> None:
    frozen_clock.move_to(LATE_DECEMBER)
    application = asked_for_more_information(app, world)
    assert due_on(app, application) == PROVISIONAL_DUE
    marked = "约2027年1月25日（暂定）"
    assert marked in last_text_to(app, RESIDENT_PHONE)

    resident = signed_in_client(app, RESIDENT_PHONE)
    assert marked in main_text(resident.get(f"/applications/{application}/timeline"))
    respond = main_text(resident.get(f"/applications/{application}/respond"))
    assert marked in respond and "这个日期是暂定的" in respond

    caseworker = signed_in_client(app, STAFF["caseworker"])
    assert "约2027年1月25日（暂定）" in main_text(
        caseworker.get(f"/casework/applications/{application}"))
    queue = caseworker.get("/casework?show=all", headers=EN)
    assert "about 25 Jan 2027 (provisional)" in main_text(queue)


@pytest.mark.engine
def test_entering_the_year_counts_the_deadline_again_and_tells_the_applicant(
        app: Flask, world: dict[str, int],  # noqa: F811
        frozen_clock: time_machine.Traveller) -> None:
    frozen_clock.move_to(LATE_DECEMBER)
    application = asked_for_more_information(app, world)
    province_admin(app)
    admin = signed_in_client(app, PROVINCE_ADMIN)
    saved = admin.post("/admin/calendar/new", data=TEST_NOTICE)
    assert saved.status_code == 302

    # 1 January is a holiday now: the same 20 working days end a day later, and for sure.
    assert due_on(app, application) == date(2027, 1, 26)
    text = last_text_to(app, RESIDENT_PHONE)
    assert "2027年1月26日" in text and "约" not in text and "暂定" not in text
    with app.app_context():
        db = get_session()
        told = db.scalars(select(InAppMessage).where(
            InAppMessage.account_id == world["resident"])
            .order_by(InAppMessage.id.desc())).first()
        assert "2027年1月26日" in told.body
        audit = db.scalars(select(AuditEvent).where(
            AuditEvent.action == AuditAction.WORK_CALENDAR_UPDATE.value)).one()
        assert audit.detail["deadlines_moved"] == 1
        assert db.get(CalendarYear, 2027).notice == "测试用通知（非真实）"
    listed = main_text(admin.get("/admin/calendar/"))
    assert "2027" in listed and "测试用通知（非真实）" in listed

    caseworker = signed_in_client(app, STAFF["caseworker"])
    page = main_text(caseworker.get(f"/casework/applications/{application}"))
    assert "2027年1月26日" in page and "暂定" not in page


def test_a_deadline_the_new_year_does_not_move_is_not_announced(
        app: Flask, world: dict[str, int],  # noqa: F811
        frozen_clock: time_machine.Traveller) -> None:
    frozen_clock.move_to(LATE_DECEMBER)
    application = asked_for_more_information(app, world)
    before = last_text_to(app, RESIDENT_PHONE)
    province_admin(app)
    # No day of the notice falls between 28 December and 25 January.
    no_change = {**TEST_NOTICE, "holidays": "2027-02-08", "workdays": ""}
    assert signed_in_client(app, PROVINCE_ADMIN).post(
        "/admin/calendar/new", data=no_change).status_code == 302
    assert due_on(app, application) == PROVISIONAL_DUE
    assert last_text_to(app, RESIDENT_PHONE) == before


@pytest.mark.parametrize("changed, field, message", [
    ({"year": "1999"}, "year", "Enter a year from 2025 to 2100"),
    ({"year": ""}, "year", "Enter the year the notice is for, like 2027"),
    ({"notice": "   "}, "notice", "Enter the notice's title and number, as published"),
    ({"holidays": ""}, "holidays", "Enter the public holidays the notice lists"),
    ({"holidays": "2027-01-01\n2027-01-01"}, "holidays", "is listed twice"),
    ({"workdays": "2027-01-01"}, "workdays", "is listed twice"),
    ({"holidays": "2026-12-31"}, "holidays", "is not in 2027"),
    ({"workdays": "2027-01-04"}, "workdays", "is a weekday, so it is a working day already"),
    ({"holidays": "next Friday"}, "holidays", "“next Friday” is not a date"),
    ({"holidays": "2027-02-30"}, "holidays", "“2027-02-30” is not a date"),
])
def test_the_calendar_page_refuses_each_bad_entry_beside_its_field_and_keeps_the_rest(
        app: Flask, changed: dict[str, str], field: str, message: str) -> None:
    province_admin(app)
    admin = signed_in_client(app, PROVINCE_ADMIN)
    typed = {**TEST_NOTICE, **changed}
    response = admin.post("/admin/calendar/new", data=typed, headers=EN)
    assert response.status_code == 200
    assert message in error_for(response, field)
    page = soup(response)
    assert page.title.get_text().startswith("Error:")
    for name in ("notice", "holidays", "workdays"):
        if name != field:
            shown = page.find(id=name)
            assert (shown.get("value") or shown.get_text()).strip() == typed[name].strip()
    with app.app_context():
        assert get_session().get(CalendarYear, 2027) is None


def test_correcting_a_year_shows_its_days_as_entered_and_saves_them_back_unchanged(
        app: Flask) -> None:
    province_admin(app)
    admin = signed_in_client(app, PROVINCE_ADMIN)
    page = soup(admin.get("/admin/calendar/2026"))
    holidays = page.find(id="holidays").get_text()
    assert "2026-02-15 ~ 2026-02-23" in holidays  # the Spring Festival as one range
    with app.app_context():
        before = sorted((d.day, d.kind) for d in get_session().get(CalendarYear, 2026).days)
    saved = admin.post("/admin/calendar/2026", data={
        "notice": page.find(id="notice")["value"], "holidays": holidays,
        "workdays": page.find(id="workdays").get_text()})
    assert saved.status_code == 302
    with app.app_context():
        after = sorted((d.day, d.kind) for d in get_session().get(CalendarYear, 2026).days)
    assert after == before and len(after) == 39  # 33 holidays, 6 make-up working days


def test_only_the_provinces_administrators_keep_the_calendar(app: Flask) -> None:
    province_admin(app)
    make_account(app, phone=COUNTY_ADMIN, role=Role.ADMIN, area="220102", name="刘洋")
    county = signed_in_client(app, COUNTY_ADMIN)
    assert county.get("/admin/calendar/").status_code == 404
    assert county.post("/admin/calendar/new", data=TEST_NOTICE).status_code == 404
    assert "/admin/calendar/" not in county.get("/admin/deadlines/").get_data(as_text=True)
    province = signed_in_client(app, PROVINCE_ADMIN)
    assert "/admin/calendar/" in province.get("/admin/deadlines/").get_data(as_text=True)


@pytest.mark.parametrize("day, reminded", [(datetime(2026, 9, 30, 4, tzinfo=UTC), False),
                                           (datetime(2026, 10, 1, 4, tzinfo=UTC), True)])
def test_staff_are_reminded_from_october_while_next_years_holidays_are_missing(
        app: Flask, world: dict[str, int],  # noqa: F811
        frozen_clock: time_machine.Traveller, day: datetime, reminded: bool) -> None:
    frozen_clock.move_to(day)
    province_admin(app)
    reminder = "2027年节假日安排尚未录入"
    caseworker = signed_in_client(app, STAFF["caseworker"])
    assert (reminder in main_text(caseworker.get("/casework"))) is reminded
    admin = signed_in_client(app, PROVINCE_ADMIN)
    staff_list = admin.get("/admin/staff")
    assert (reminder in main_text(staff_list)) is reminded
    assert ("/admin/calendar/new?year=2027" in staff_list.get_data(as_text=True)) is reminded
    resident = signed_in_client(app, RESIDENT_PHONE)
    assert reminder not in main_text(resident.get("/account"))
    if reminded:
        admin.post("/admin/calendar/new", data=TEST_NOTICE)
        assert reminder not in main_text(caseworker.get("/casework"))
