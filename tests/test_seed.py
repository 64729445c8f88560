"""`flask seed`: generated data that every page can show, in every county and status."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.database import get_engine, get_session
from app.domain.models import Account, Application, ApplicationStatus, Person, StatusEvent
from app.domain.places.divisions import load_catalogue
from app.seed import RESIDENT_PASSWORD, STAFF_PASSWORD, seed, two_subsidies_draft_ready_to_send
from tests.factories import make_account, make_person, sign_in


@pytest.mark.engine
def test_seeded_data_covers_every_county_and_status_and_its_pages_open(app: Flask) -> None:
    report = seed(get_engine(app), people=240, applications=880, progress=lambda _line: None)
    catalogue = load_catalogue()
    counties = {c.code for p in catalogue.prefectures() for c in catalogue.counties(p.code)}
    with app.app_context():
        db = get_session()
        assert db.scalar(select(func.count(Person.id))) == 240
        assert db.scalar(select(func.count(Application.id))) == 880
        assert db.scalar(select(func.count(StatusEvent.id))) == report.events
        assert set(db.scalars(select(Application.county_code).distinct())) == counties
        assert set(db.scalars(select(Application.status).distinct())) == set(ApplicationStatus)
        assert set(db.scalars(select(Application.service_code).distinct())) == {
            "two-subsidies", "disability-assessment", "home-modification", "assistive-devices"}
        completed = db.scalars(select(Application).where(
            Application.status == ApplicationStatus.COMPLETED,
            Application.channel == "online")).first()
        assert completed is not None
        owner = db.get(Account, completed.created_by_account_id)
        caseworker = db.scalars(select(Account).where(
            Account.area_code == completed.county_code)).one()
        application_id, owner_phone, caseworker_phone = completed.id, owner.phone, caseworker.phone
    resident = app.test_client()
    sign_in(resident, owner_phone, RESIDENT_PASSWORD)
    assert resident.get(f"/applications/{application_id}/timeline").status_code == 200
    staff = app.test_client()
    sign_in(staff, caseworker_phone, STAFF_PASSWORD)
    assert staff.get("/casework").status_code == 200
    assert staff.get(f"/casework/applications/{application_id}").status_code == 200


def test_the_benchmarks_ready_draft_is_sent_by_its_declaration_alone(app: Flask) -> None:
    """`make bench` and `make loadtest` send these drafts; a new step or document must not
    leave them stuck before the declaration (the load test once counted nothing but that)."""
    account_id = make_account(app, phone="13811112222")
    person_id = make_person(app, account_id=account_id, phone="13811112222")
    with app.app_context():
        db = get_session()
        draft = two_subsidies_draft_ready_to_send(
            db, db.get(Person, person_id), db.get(Account, account_id), "13811112222")
        db.commit()
        url = f"/applications/{draft.id}"
    client = app.test_client()
    sign_in(client, "13811112222")
    assert client.get(f"{url}/declaration").status_code == 200
    sent = client.post(f"{url}/declaration", data={"declaration": "y", "sensitive_consent": "y"})
    assert sent.status_code == 302 and sent.location.endswith(f"{url}/confirmation")
    with app.app_context():
        assert get_session().get(Application, draft.id).status == ApplicationStatus.SUBMITTED
