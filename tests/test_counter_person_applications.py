"""The counter's person page lists the person's applications that the staff member may see."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from app.database import get_session
from app.domain.casework import reference
from app.domain.models import Application, ApplicationStatus, Channel, Role
from tests.factories import make_account, make_person, sign_in
from tests.pages import EN


def add_application(app: Flask, *, person: int, by: int, status: ApplicationStatus,
                    township: str | None, service: str = "two-subsidies") -> tuple[int, str | None]:
    with app.app_context():
        db = get_session()
        sent = status != ApplicationStatus.DRAFT
        application = Application(
            service_code=service, person_id=person, created_by_account_id=by,
            channel=Channel.ONLINE, status=status, answers={},
            reference=reference.new_reference() if sent else None,
            township_code=township if sent else None,
            county_code=township[:6] if sent and township else None)
        db.add(application)
        db.commit()
        return application.id, application.reference


@pytest.mark.engine
def test_the_person_page_lists_their_applications_in_the_staff_members_area(
        app: Flask, client: FlaskClient) -> None:
    staff = make_account(app, phone="13904317001", name="王芳", role=Role.COUNTER,
                         area="220102001")
    person = make_person(app, name="李娜", township="220102001")
    here, here_reference = add_application(app, person=person, by=staff,
                                           status=ApplicationStatus.IN_REVIEW,
                                           township="220102001")
    draft, _ = add_application(app, person=person, by=staff, status=ApplicationStatus.DRAFT,
                               township=None, service="assistive-devices")
    elsewhere, elsewhere_reference = add_application(  # filed in 宽城区 before moving
        app, person=person, by=staff, status=ApplicationStatus.APPROVED, township="220103002")
    sign_in(client, "13904317001")

    page = BeautifulSoup(client.get(f"/counter/people/{person}", headers=EN).data, "html.parser")
    items = [li.get_text(" ", strip=True) for li in page.select(".counter-applications li")]
    links = [a["href"] for a in page.select(".counter-applications a")]
    assert len(items) == 2
    unsent, sent = items  # newest first
    assert sent.startswith("Living allowance and care allowance for disabled people")
    assert reference.grouped(here_reference or "") in sent and "Status: Being reviewed" in sent
    assert unsent.startswith("Assistive devices") and "Draft, not sent" in unsent
    assert elsewhere_reference and all(reference.grouped(elsewhere_reference) not in text
                                       for text in items)
    assert f"/casework/applications/{here}" in links
    assert f"/applications/{draft}" in links
    assert f"/casework/applications/{elsewhere}" not in links


def test_a_person_without_applications_is_said_to_have_none(app: Flask,
                                                            client: FlaskClient) -> None:
    make_account(app, phone="13904317002", name="王芳", role=Role.COUNTER, area="220102001")
    person = make_person(app, name="李娜", township="220102001")
    sign_in(client, "13904317002")
    page = client.get(f"/counter/people/{person}", headers=EN).get_data(as_text=True)
    assert "This person has no applications yet." in page
