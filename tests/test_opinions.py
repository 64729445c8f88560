"""Opinions are part of the record (issue 25): the township's 初审意见 at acceptance and the
county's 审核意见 when passing for decision are required, offered as standard phrases, kept on
the file in Chinese and shown to the decider; the applicant does not see them."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.casework import status_machine
from app.domain.models import Account, Application, Channel, StatusEvent
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person
from tests.journeys import documents_seen_on_paper
from tests.pages import EN, signed_in_client, soup, text_of
from tests.test_before_decision import (
    CASEWORKER,
    CIVIL_AFFAIRS,
    COUNTER,
    application,
    staff,
)


def post(browser, app: Flask, application_id: int, name: str, data: dict) -> object:
    with app.app_context():
        version = get_session().get(Application, application_id).version
    return browser.post(f"/casework/applications/{application_id}/transitions/{name}",
                        data={"version": str(version), **data}, headers=EN)


def opinion_of(app: Flask, application_id: int, status: S) -> str | None:
    with app.app_context():
        return get_session().scalars(select(StatusEvent.opinion).where(
            StatusEvent.application_id == application_id,
            StatusEvent.to_status == status)).one()


def test_accepting_needs_an_opinion_and_keeps_what_was_typed(app: Flask) -> None:
    ids = staff(app)
    application_id = application(app, make_person(app, township="220102001"), ids["counter"],
                                 status=S.SUBMITTED)
    counter = signed_in_client(app, COUNTER)
    page = soup(counter.get(f"/casework/applications/{application_id}", headers=EN))
    phrases = [text_of(label)
               for label in page.select("form[action$='/transitions/accept'] fieldset label")]
    assert "The documents are complete and the application meets the conditions for " \
           "acceptance. Accepted." in phrases
    refused = post(counter, app, application_id, "accept", {"opinion_phrase": "own"})
    assert refused.status_code == 200
    page = soup(refused)
    assert page.title.get_text().startswith("Error")
    assert text_of(page.find(id="accept-opinion-error")).endswith(
        "Choose a standard opinion or write your own")
    with app.app_context():
        assert get_session().get(Application, application_id).status == S.SUBMITTED

    accepted = post(counter, app, application_id, "accept",
                    {"opinion_phrase": "complete", "opinion": "身份证原件已核对。"})
    assert accepted.status_code == 302
    assert opinion_of(app, application_id, S.ACCEPTED) == \
        "材料齐全，符合受理条件，同意受理。\n身份证原件已核对。"


def test_the_decider_reads_both_opinions_and_the_applicant_neither(app: Flask) -> None:
    ids = staff(app)
    resident = make_account(app, phone="13905570009", name="李娜")
    person = make_person(app, name="李娜", township="220102001", account_id=resident)
    application_id = application(app, person, ids["counter"], status=S.SUBMITTED)
    counter = signed_in_client(app, COUNTER)
    assert post(counter, app, application_id, "accept",
                {"opinion": "已核对户口簿原件，同意受理。"}).status_code == 302
    caseworker = signed_in_client(app, CASEWORKER)
    assert post(caseworker, app, application_id, "start_review", {}).status_code == 302
    documents_seen_on_paper(app, application_id, staff_id=ids["counter"])
    assert post(caseworker, app, application_id, "pass_for_decision",
                {}).status_code == 200  # no opinion: refused
    assert post(caseworker, app, application_id, "pass_for_decision",
                {"opinion_phrase": "meets"}).status_code == 302
    assert opinion_of(app, application_id, S.READY_FOR_DECISION) == \
        "经审核，申请人符合条件，建议批准。"

    decider = signed_in_client(app, CIVIL_AFFAIRS)
    page = soup(decider.get(f"/casework/applications/{application_id}", headers=EN))
    on_file = text_of(page.find(id="opinions").find_next("dl"))
    assert "Preliminary opinion of the township" in on_file
    assert "已核对户口簿原件，同意受理。" in on_file
    assert "Review opinion of the county" in on_file
    assert "经审核，申请人符合条件，建议批准。" in on_file

    applicant = signed_in_client(app, "13905570009")
    timeline = text_of(soup(applicant.get(f"/applications/{application_id}/timeline",
                                          headers=EN)).main)
    assert "已核对户口簿原件" not in timeline and "建议批准" not in timeline


def test_the_domain_refuses_to_accept_without_an_opinion(app: Flask) -> None:
    ids = staff(app)
    application_id = application(app, make_person(app, township="220102001"), ids["counter"],
                                 status=S.SUBMITTED)
    with app.app_context():
        db = get_session()
        with pytest.raises(status_machine.OpinionMissing):
            status_machine.transition(db, db.get(Application, application_id), "accept",
                                      actor=db.get(Account, ids["counter"]),
                                      channel=Channel.COUNTER, opinion="   ")
