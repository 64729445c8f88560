"""Drives the real application pages the way a person would, step by step."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Application, ApplicationStatus, Role
from app.services import shared_steps as shared
from tests.factories import id_number, make_account, make_person, sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def follow_wizard(client: FlaskClient, start_location: str, answers: dict[str, dict[str, Any]],
                  *, headers: dict[str, str] | None = None) -> str:
    """Answers each step the wizard asks, in its order, until it reaches the documents page."""
    location = start_location
    for _hop in range(40):
        if "/steps/" not in location:
            return location
        step_key = location.rsplit("/steps/", 1)[1].split("?")[0]
        page = client.get(location, headers=headers)
        assert page.status_code == 200, (location, page.status_code)
        assert step_key in answers, f"the wizard asked {step_key!r}, which the test did not expect"
        response = client.post(location, data=answers[step_key], headers=headers)
        assert response.status_code == 302, (step_key, response.get_data(as_text=True)[:3000])
        location = response.headers["Location"]
    raise AssertionError("the wizard never ended")


def wizard_refusal(client: FlaskClient, start_location: str,
                   answers: dict[str, dict[str, Any]], *,
                   headers: dict[str, str] | None = None) -> str:
    """Follows the wizard expecting one of the answers to be refused; returns what the page that
    refused it said (it fails when every answer is accepted)."""
    try:
        follow_wizard(client, start_location, answers, headers=headers)
    except AssertionError as failure:
        return str(failure)
    raise AssertionError("the wizard accepted every answer")


def upload(client: FlaskClient, application_url: str, requirement: str,
           content: bytes = PDF, filename: str = "scan.pdf") -> Any:
    return client.post(f"{application_url}/documents/{requirement}/add",
                       data={"files": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


class AskedSteps(dict):
    """Answers for follow_wizard that remember which steps the wizard asked, in order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> Any:
        self.asked.append(key)
        return super().__getitem__(key)


def submitted_application(app: Flask) -> Application:
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.status == ApplicationStatus.SUBMITTED
        return application


def stage_data(service_code: str, stage_code: str, version: int, *,
               on: date | None = None, note: str = "") -> dict[str, Any]:
    """What the "record this stage" form sends; appointments and visits send their date."""
    from app.domain.casework.stages import needs_date

    data: dict[str, Any] = {"version": version, "note": note}
    if needs_date(service_code, stage_code):
        day = on or date.today() + timedelta(days=7)
        data |= {"scheduled_for-year": str(day.year), "scheduled_for-month": str(day.month),
                 "scheduled_for-day": str(day.day)}
    return data


def days_pass(monkeypatch: Any, day: date) -> None:
    """The portal's clock moves to midday of ``day`` in China (app.domain.clock)."""
    from datetime import UTC, datetime, time

    from app.domain import clock

    noon_in_china = datetime.combine(day, time(4, 0), tzinfo=UTC)
    monkeypatch.setattr(clock, "utc_now", lambda: noon_in_china)


def start_service(client: FlaskClient, code: str) -> str:
    """Presses the service's start button; returns where the wizard begins."""
    response = client.post(f"/services/{code}/start")
    assert response.status_code == 302
    return response.headers["Location"]


def send_application(client: FlaskClient, documents_url: str, *,
                     documents: tuple[str, ...]) -> BeautifulSoup:
    """Adds the documents, checks, declares and returns the receipt page (in English)."""
    assert documents_url.endswith("/documents"), documents_url
    application_url = documents_url.removesuffix("/documents")
    for requirement in documents:
        assert upload(client, application_url, requirement).status_code == 302
    assert client.post(documents_url).headers["Location"].endswith("/check")
    response = client.post(f"{application_url}/declaration",
                           data={"declaration": "y", "sensitive_consent": "y",
                           "holds_consent": "y"})
    assert response.headers["Location"].endswith("/confirmation")
    return BeautifulSoup(client.get(response.headers["Location"],
                                    headers={"Accept-Language": "en"}).data, "html.parser")


# --- answers to the steps every service shares (app/services/shared_steps.py) -----------------

def identity_answers(number: str, *, name: str = "王小明", card_suffix: str | None = "41"
                     ) -> dict[str, dict[str, Any]]:
    """Who the applicant is: name, ID card number (confirmed), and the disability card (the ID
    number and category and level digits) or none when card_suffix is None."""
    answers: dict[str, dict[str, Any]] = {
        shared.FULL_NAME.key: {"full_name": name},
        shared.ID_NUMBER.key: {"id_number": number},
        shared.CONFIRM_IDENTITY.key: {"correct": "yes"},
        shared.HAS_CARD.key: {"has_card": "yes" if card_suffix else "no"},
    }
    if card_suffix:
        answers[shared.CARD_NUMBER.key] = {"card_number": number + card_suffix}
    return answers


def contact_answers(*, phone: str = "13904312222", county: str = "220102",
                    township: str = "220102001", address: str = "人民大街 1 号 3 单元 201",
                    channel: str = "sms", language: str = "zh_Hans_CN",
                    needs: tuple[str, ...] = ("none",), hukou: str = "same"
                    ) -> dict[str, dict[str, Any]]:
    """How to reach the applicant: mobile, address, 户籍 county (asked of a person not on
    record), contact channel and language, needs."""
    return {
        shared.PHONE.key: {"phone": phone},
        shared.ADDRESS_COUNTY.key: {"county": county},
        shared.ADDRESS_TOWNSHIP.key: {"township": township, "address_line": address},
        shared.HUKOU_COUNTY.key: {"county": hukou},
        shared.CONTACT.key: {"channel": channel, "language": language},
        shared.COMMUNICATION_NEEDS.key: {"needs": list(needs)},
    }


def household_answer(situation: str = "dibao") -> dict[str, dict[str, Any]]:
    return {shared.HOUSEHOLD.key: {"situation": situation}}


def counter_starts_for_a_person(app: Flask, client: FlaskClient, service_code: str, *,
                                name: str = "李娜") -> tuple[int, str, str]:
    """Counter staff (王芳, 南关区 township) open a service for a registered person sitting in
    front of them: the person's id and ID card number, and the wizard's first page."""
    make_account(app, phone="13904320001", role=Role.COUNTER, area="220102001", name="王芳")
    number = id_number()
    person_id = make_person(app, name=name, township="220102001", id_number_value=number)
    sign_in(client, "13904320001")
    response = client.post(f"/counter/people/{person_id}/apply/{service_code}")
    assert response.status_code == 302
    return person_id, number, response.headers["Location"]


def documents_seen_on_paper(app: Flask, application_id: int, *, staff_id: int) -> None:
    """Every document the application needs, seen on paper by staff (``staff_id``): what lets a
    caseworker pass it for decision when the test sent no files (issue 25)."""
    from app.domain.files import paper_documents
    from app.domain.models import Account
    from app.services import get_service

    with app.app_context():
        db = get_session()
        application = db.get(Application, application_id)
        staff = db.get(Account, staff_id)
        service = get_service(application.service_code)
        assert service is not None
        for requirement in service.documents_of_sent(
                channel=application.channel.value, made_by=application.made_by,
                answers=application.answers):
            if requirement.required:
                paper = paper_documents.promise(db, application, requirement.code, by=staff)
                if paper.seen_at is None:
                    paper_documents.mark_seen(db, paper, by=staff)
        db.commit()


# Opinions for the file that accepting and passing for decision need (issue 25).
OPINIONS = {"accept": "材料齐全，符合受理条件，同意受理。",
            "pass_for_decision": "经审核，申请人符合条件，建议批准。"}
