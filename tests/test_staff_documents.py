"""The staff page lists the documents this application needs (issue 25): not every document the
service knows. A new card asks for no death certificate; a home owner for no tenancy
agreement; a document promised on paper is named as this application asks for it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask

from app.database import get_session
from app.domain.casework.reference import new_reference
from app.domain.models import Application, Channel, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person
from tests.pages import EN, signed_in_client, soup

CASEWORKER = "13905560001"


def sent(app: Flask, service: str, answers: dict[str, Any],
         made_by: dict[str, Any] | None = None) -> int:
    person = make_person(app, name="李娜", township="220102001")
    caseworker = make_account(app, phone=CASEWORKER, role=Role.CASEWORKER, area="220102",
                              name="赵强")
    with app.app_context():
        db = get_session()
        application = Application(
            service_code=service, status=S.IN_REVIEW, reference=new_reference(),
            county_code="220102", township_code="220102001", person_id=person,
            answers=answers, channel=Channel.COUNTER, submitted_at=datetime.now(UTC),
            created_by_account_id=caseworker,
            made_by=made_by or {"filled_by": "applicant"})
        db.add(application)
        db.commit()
        return application.id


def listed_documents(app: Flask, application_id: int) -> list[str]:
    browser = signed_in_client(app, CASEWORKER)
    page = soup(browser.get(f"/casework/applications/{application_id}", headers=EN))
    listed = page.find(id="documents").find_next("dl")
    return [dt.get_text(" ", strip=True) for dt in listed.select("dt")]


def test_a_new_card_case_lists_no_death_certificate(app: Flask) -> None:
    application_id = sent(app, "disability-assessment", {
        "assessment_kind": {"kind": "new"}, "has_card": {"has_card": "no"},
        "disability_kind": {"disability": "physical"}})
    listed = listed_documents(app, application_id)
    assert "Death certificate" not in listed
    assert "The assessment result" not in listed
    assert "ID card or household register" in listed


def test_a_home_owner_is_asked_for_the_property_certificate_not_a_tenancy_agreement(
        app: Flask) -> None:
    application_id = sent(app, "home-modification", {
        "has_card": {"has_card": "yes"}, "home": {"home": "own"},
        "home_proof": {"proof": "property_certificate"}})
    listed = listed_documents(app, application_id)
    assert listed == ["Disability card", "The property certificate"]


def test_an_agents_case_lists_the_power_of_attorney(app: Flask) -> None:
    application_id = sent(app, "home-modification", {
        "has_card": {"has_card": "yes"}, "home": {"home": "rent"}},
        made_by={"filled_by": "agent", "relationship": "child"})
    listed = listed_documents(app, application_id)
    assert "The tenancy agreement" in listed
    assert "The landlord's written consent" in listed
    assert "Power of attorney" in listed
    assert "The property certificate" not in listed
