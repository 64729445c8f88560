"""Demo data a new user can try (issue 25): after `flask load-demo-data` every demo staff role
has a non-empty queue, and the cases cover every state of every service, with their timelines
and messages, in the demo staff's area."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.database import get_session
from app.demo import DEMO_ACCOUNTS, load_demo_data
from app.domain.casework.queue import QueueFilter, decision_queue, staff_queue
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    InAppMessage,
    OutboxMessage,
    StatusEvent,
)
from tests.factories import sign_in
from tests.pages import EN, soup

STAFF_ROLES = ("counter staff", "caseworker", "approver", "civil affairs approver")


@pytest.fixture
def demo(app: Flask) -> Flask:
    assert load_demo_data(app) is True
    return app


def _account(label: str) -> Account:
    phone = next(a.phone for a in DEMO_ACCOUNTS if a.role_label == label)
    return get_session().scalars(select(Account).where(Account.phone == phone)).one()


@pytest.mark.engine
def test_each_demo_staff_role_has_a_non_empty_queue(demo: Flask) -> None:
    with demo.app_context():
        today = today_in_china()
        for label in STAFF_ROLES:
            staff = _account(label)
            assert staff_queue(get_session(), staff, QueueFilter(), today=today).applications, label
        for label in ("approver", "civil affairs approver"):
            assert decision_queue(get_session(), _account(label), today=today).applications, label
        overdue = staff_queue(get_session(), _account("caseworker"),
                              QueueFilter(overdue_only=True), today=today)
        assert overdue.applications  # some are overdue


def test_each_demo_staff_member_sees_work_on_their_pages(demo: Flask) -> None:
    for demo_account in DEMO_ACCOUNTS:
        if demo_account.role_label not in STAFF_ROLES:
            continue
        browser = demo.test_client()
        sign_in(browser, demo_account.phone, demo_account.password)
        page = soup(browser.get("/casework", headers=EN))
        assert page.find("table") is not None, demo_account.role_label


@pytest.mark.engine
def test_the_demo_cases_cover_every_state_of_every_service_with_their_history(
        demo: Flask) -> None:
    with demo.app_context():
        db = get_session()
        found = set(db.execute(select(Application.service_code, Application.status)).all())
        services = {"two-subsidies", "disability-assessment", "home-modification",
                    "assistive-devices"}
        for service in services:
            for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.READY_FOR_DECISION,
                           ApplicationStatus.APPROVED, ApplicationStatus.COMPLETED):
                assert (service, status) in found, (service, status)
        statuses = {status for _service, status in found}
        assert statuses >= {
            ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.RETURNED,
            ApplicationStatus.IN_REVIEW, ApplicationStatus.MORE_INFORMATION,
            ApplicationStatus.ASSESSING, ApplicationStatus.PUBLIC_NOTICE,
            ApplicationStatus.READY_FOR_DECISION, ApplicationStatus.APPROVED,
            ApplicationStatus.REFUSED, ApplicationStatus.IN_PROGRESS,
            ApplicationStatus.COMPLETED, ApplicationStatus.WITHDRAWN,
            ApplicationStatus.WAITING_FOR_QUOTA}
        assert {code[:6] for code in db.scalars(select(Application.county_code))} == {"220102"}
        completed = db.scalars(select(Application).where(
            Application.status == ApplicationStatus.COMPLETED)).first()
        assert completed is not None
        assert len(completed.events) >= 8  # a whole life, step by step
        assert len({event.occurred_at for event in completed.events}) == len(completed.events)
        assert db.scalar(select(func.count(InAppMessage.id))) > 0
        assert db.scalar(select(func.count(OutboxMessage.id))) > 0
        assert db.scalar(select(func.count(StatusEvent.id)).where(
            StatusEvent.opinion.is_not(None))) > 0


def test_the_demo_resident_has_a_request_to_answer(demo: Flask) -> None:
    resident = next(a for a in DEMO_ACCOUNTS if a.role_label == "resident")
    browser = demo.test_client()
    sign_in(browser, resident.phone, resident.password)
    page = browser.get("/applications", headers=EN).get_data(as_text=True)
    assert "More information needed from you" in page


def test_the_demo_counter_has_letters_to_post(demo: Flask) -> None:
    counter = next(a for a in DEMO_ACCOUNTS if a.role_label == "counter staff")
    browser = demo.test_client()
    sign_in(browser, counter.phone, counter.password)
    rows = soup(browser.get("/casework/letters/", headers=EN)).select("main .card-list > li")
    assert rows and any("Large print" in row.get_text() for row in rows)
