"""The busiest pages read the database a fixed number of times, however much there is to show
(issue 14): a query per row or per person (N+1) coming back fails here, by count, not by time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from app.database import get_engine, get_session
from app.domain.casework.reference import new_reference
from app.domain.models import (
    Application,
    Channel,
    Delegation,
    DelegationStatus,
    Relationship,
    Role,
)
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person, sign_in
from tests.pages import EN

AGENT = "13904316001"
RESIDENT = "13904316002"
CASEWORKER = "13904316003"


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):  # type: ignore[no-untyped-def]
        sent.append(statement)

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def queries_for(app: Flask, client: FlaskClient, path: str) -> int:
    with statements(app) as sent:
        response = client.get(path, headers=EN)
    assert response.status_code == 200, path
    return len(sent)


def start(client: FlaskClient, service: str = "assistive-devices") -> str:
    response = client.post(f"/services/{service}/start", headers=EN)
    assert response.status_code == 302
    return response.location


def act_for(app: Flask, agent_id: int, how_many: int, first: int) -> None:
    people = [make_person(app, name=f"张{n}", township="220102001")
              for n in range(first, first + how_many)]
    with app.app_context():
        db = get_session()
        for person_id in people:
            db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                              relationship_kind=Relationship.FAMILY,
                              status=DelegationStatus.ACTIVE))
        db.commit()


def test_an_agents_wizard_step_costs_the_same_queries_for_one_person_or_many(
        app: Flask, client: FlaskClient) -> None:
    agent = make_account(app, phone=AGENT, name="张伟")
    act_for(app, agent, 1, first=0)
    sign_in(client, AGENT)
    step = start(client)
    assert step.endswith("/steps/applicant")
    for_one = queries_for(app, client, step)
    act_for(app, agent, 4, first=1)
    for_five = queries_for(app, client, step)
    assert for_five == for_one
    page = client.get(step, headers=EN).get_data(as_text=True)
    assert all(f"张{n}" in page for n in range(5))  # every person they act for is offered


def test_a_residents_wizard_step_reads_the_database_four_times(
        app: Flask, client: FlaskClient) -> None:
    resident = make_account(app, phone=RESIDENT, name="李娜")
    make_person(app, name="李娜", account_id=resident)
    sign_in(client, RESIDENT)
    step = start(client)
    # The account with its sign-in session, the application with its person, the people the
    # account may apply for, and the unread messages of the header.
    assert queries_for(app, client, step) <= 4


def in_queue(app: Flask, how_many: int, *, person_id: int, created_by: int,
             assigned_to: int) -> None:
    with app.app_context():
        db = get_session()
        for n in range(how_many):
            db.add(Application(
                service_code="two-subsidies", status=S.IN_REVIEW, reference=new_reference(),
                county_code="220102", township_code="220102001", person_id=person_id,
                answers={"full_name": {"full_name": "李娜"}}, created_by_account_id=created_by,
                channel=Channel.ONLINE, due_on=date(2027, 1, 4 + n % 20),
                submitted_at=datetime.now(UTC),
                assigned_to_account_id=assigned_to if n % 2 else None))
        db.commit()


@pytest.mark.engine
def test_the_staff_queue_costs_the_same_queries_for_a_few_applications_or_a_full_page(
        app: Flask, client: FlaskClient) -> None:
    resident = make_account(app, phone=RESIDENT, name="李娜")
    caseworker = make_account(app, phone=CASEWORKER, role=Role.CASEWORKER, area="220102",
                              name="赵强")
    person = make_person(app, name="李娜", account_id=resident)
    in_queue(app, 2, person_id=person, created_by=resident, assigned_to=caseworker)
    sign_in(client, CASEWORKER)
    few = queries_for(app, client, "/casework")
    in_queue(app, 40, person_id=person, created_by=resident, assigned_to=caseworker)
    full_page = queries_for(app, client, "/casework")
    assert full_page == few
    # The account with its session, the page of applications, their people, the names of
    # whom they are assigned to, the holiday calendar (for "due soon"), and the audit record of
    # the list shown.
    assert full_page <= 6
    later = queries_for(app, client, "/casework?after=2027-01-10_1")
    assert later == full_page
