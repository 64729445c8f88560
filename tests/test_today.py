"""One "today": the date in China, on every path that counts days (issue 15).

From 00:00 to 08:00 China time the UTC date is still yesterday; a deadline counted from the UTC
or the server's date there would be a working day early.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain import clock
from app.domain.calendar.deadlines import DEFAULT_WORKING_DAYS
from app.domain.calendar.work_calendar import read_calendar
from app.domain.casework.applications import ACCEPTANCE_WORKING_DAYS
from app.domain.models import Application, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import id_number, make_account, sign_in
from tests.journeys import follow_wizard, upload
from tests.test_casework import act, resident_answers, signed_in_client

RESIDENT, COUNTER = "13905560001", "13905560002"
# Monday 2 March 2026, 23:59 UTC: already Tuesday 3 March, 07:59, in Changchun.
LATE_MONDAY_UTC = datetime(2026, 3, 2, 23, 59, tzinfo=UTC)
TUESDAY_IN_CHINA = date(2026, 3, 3)


@pytest.fixture
def at_7_59_in_china(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utc_now", lambda: LATE_MONDAY_UTC)


def test_today_is_the_date_in_china_not_in_utc(at_7_59_in_china: None) -> None:
    assert clock.today_in_china() == TUESDAY_IN_CHINA
    assert clock.date_in_china(datetime(2026, 3, 2, 15, 59, tzinfo=UTC)) == date(2026, 3, 2)
    assert clock.date_in_china(datetime(2026, 3, 2, 16, 0)) == TUESDAY_IN_CHINA  # naive: UTC


@pytest.mark.engine
def test_submission_and_the_status_machine_count_from_the_same_today_at_7_59_in_china(
        app: Flask, client: FlaskClient, at_7_59_in_china: None) -> None:
    make_account(app, phone=RESIDENT, name="李娜")
    make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102", name="王芳")
    sign_in(client, RESIDENT)
    start = client.post("/services/two-subsidies/start").headers["Location"]
    answers = resident_answers(id_number())
    answers["phone"] = {"phone": RESIDENT}
    application_url = follow_wizard(client, start, answers).removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        assert upload(client, application_url, requirement).status_code == 302
    client.post(f"{application_url}/declaration",
                data={"declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})

    calendar = read_calendar()
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        application_id, submitted_due = application.id, application.due_on
    assert submitted_due == calendar.add_working_days(TUESDAY_IN_CHINA, ACCEPTANCE_WORKING_DAYS)

    assert act(signed_in_client(app, COUNTER), application_id, "accept",
               app=app).status_code == 302
    with app.app_context():
        accepted = get_session().get(Application, application_id)
        assert accepted.status == S.ACCEPTED
        assert accepted.due_on == calendar.add_working_days(
            TUESDAY_IN_CHINA, DEFAULT_WORKING_DAYS[S.ACCEPTED])
