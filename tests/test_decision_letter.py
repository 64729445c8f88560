"""A refusal is a printable decision letter: who decided, the reasons first, then the rights."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.clock import date_in_china
from app.domain.models import ApplicationStatus, StatusEvent
from app.domain.review_rights import add_months
from tests.factories import sign_in
from tests.test_track import (  # noqa: F401  (world is a fixture)
    EN,
    RESIDENT_PHONE,
    main_text,
    move,
    soup,
    to_decision,
    to_review,
    world,
)

REASON = "家庭人均收入高于当地低保标准。"


def refused(app: Flask, ids: dict[str, int]) -> str:
    to_decision(app, ids)  # reviewed, then decided by civil affairs (民政审定)
    move(app, ids["application"], "refuse", ids["approver"], REASON)
    return f"/applications/{ids['application']}/decision"


def test_the_letter_names_the_bodies_gives_the_reasons_first_then_the_dates(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = refused(app, world)
    with app.app_context():
        decided_on = date_in_china(get_session().scalars(select(StatusEvent).where(
            StatusEvent.to_status == ApplicationStatus.REFUSED)).one().occurred_at)
    sign_in(client, RESIDENT_PHONE)
    timeline = soup(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    assert timeline.find("a", href=letter_url, string="Read and print the decision letter")

    text = main_text(client.get(letter_url, headers=EN))
    assert "Decided by Nanguan District Civil Affairs Bureau" in text
    assert "The application is refused." in text
    assert text.index(REASON) < text.index("If you disagree with the decision")
    assert "In the words of the member of staff who decided:" in text
    reconsider_by = (decided_on + timedelta(days=60)).strftime("%B %-d, %Y")
    lawsuit_by = add_months(decided_on, 6).strftime("%B %-d, %Y")
    assert f"administrative reconsideration by {reconsider_by}" in text
    assert f"administrative lawsuit at the people's court by {lawsuit_by}" in text
    assert "reconsideration to: Nanguan District People's Government" in text
    assert "Start a lawsuit at: Nanguan District People's Court" in text


def test_in_korean_the_bodies_keep_their_chinese_official_names(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = refused(app, world)
    sign_in(client, RESIDENT_PHONE)
    page = soup(client.get(letter_url, headers={"Accept-Language": "ko"}))
    assert page.html["lang"] == "ko"
    assert page.find("span", lang="zh-CN", string="南关区民政局")
    assert page.find("span", lang="zh-CN", string="南关区人民法院")


def test_an_application_without_a_refusal_has_no_letter(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    to_review(app, world)
    sign_in(client, RESIDENT_PHONE)
    assert client.get(f"/applications/{world['application']}/decision").status_code == 404
