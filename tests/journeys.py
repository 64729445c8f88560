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
from app.domain.models import Application, ApplicationStatus

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
    from app.domain.stages import needs_date

    data: dict[str, Any] = {"version": version, "note": note}
    if needs_date(service_code, stage_code):
        day = on or date.today() + timedelta(days=7)
        data |= {"scheduled_for-year": str(day.year), "scheduled_for-month": str(day.month),
                 "scheduled_for-day": str(day.day)}
    return data


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
