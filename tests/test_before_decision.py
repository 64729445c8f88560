"""Checked before a decision (issue 25): a required document neither uploaded nor seen on paper
blocks passing to the decision, with the list of what is missing; the decider sees the person's
other open cases and current benefits, and a second application for a benefit the person
already receives is flagged at acceptance and at decision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask

from app.database import get_session
from app.domain.casework.reference import grouped, new_reference
from app.domain.files import paper_documents
from app.domain.models import Account, Application, Channel, CountyProcessRule, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account, make_person
from tests.journeys import PDF, documents_seen_on_paper
from tests.pages import EN, signed_in_client, soup, text_of

CASEWORKER = "13905570001"
COUNTER = "13905570002"
CIVIL_AFFAIRS = "13905570003"
LIVING = {"allowances": {"allowances": ["living"]}}


def staff(app: Flask) -> dict[str, int]:
    ids = {"caseworker": make_account(app, phone=CASEWORKER, role=Role.CASEWORKER,
                                      area="220102", name="赵强"),
           "counter": make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102",
                                   name="王芳"),
           "civil_affairs": make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS,
                                         area="220102", name="孙丽")}
    with app.app_context():  # a county without 公示: review, then the decision
        get_session().add(CountyProcessRule(county_code="220102", public_notice=False,
                                            public_notice_days=7,
                                            updated_by_account_id=ids["caseworker"]))
        get_session().commit()
    return ids


def application(app: Flask, person: int, creator: int, *, status: S,
                answers: dict[str, Any] | None = None) -> int:
    with app.app_context():
        db = get_session()
        made = Application(
            service_code="two-subsidies", status=status, reference=new_reference(),
            county_code="220102", township_code="220102001", person_id=person,
            answers=answers or LIVING, channel=Channel.COUNTER, created_by_account_id=creator,
            submitted_at=datetime(2026, 11, 2, 2, tzinfo=UTC), made_by={"filled_by": "counter"})
        db.add(made)
        db.commit()
        return made.id


def pass_for_decision(browser: Any, app: Flask, application_id: int) -> Any:
    with app.app_context():
        version = get_session().get(Application, application_id).version
    return browser.post(f"/casework/applications/{application_id}/transitions/pass_for_decision",
                        data={"version": str(version), "opinion_phrase": "meets"}, headers=EN)


def test_missing_documents_block_passing_for_decision_and_are_listed(app: Flask) -> None:
    ids = staff(app)
    person = make_person(app, name="李娜", township="220102001")
    application_id = application(app, person, ids["counter"], status=S.IN_REVIEW)
    with app.app_context():  # the card on paper, seen; the ID card promised, not seen yet
        db = get_session()
        made = db.get(Application, application_id)
        counter = db.get(Account, ids["counter"])
        paper_documents.mark_seen(db, paper_documents.promise(db, made, "disability_card",
                                                              by=counter), by=counter)
        paper_documents.promise(db, made, "identity", by=counter)
        db.commit()
    caseworker = signed_in_client(app, CASEWORKER)
    page = soup(caseworker.get(f"/casework/applications/{application_id}", headers=EN))
    listed = [text_of(li) for li in page.find(id="missing-documents").select("li")]
    assert listed == ["ID card", "Household register",
                      "Proof of minimum living support or low income"]

    refused = pass_for_decision(caseworker, app, application_id)
    assert refused.status_code == 200
    page = soup(refused)
    assert page.title.get_text().startswith("Error")
    assert [a["href"] for a in page.select(".error-summary a")] == ["#missing-documents"]
    assert "neither uploaded nor seen on paper" in text_of(page.find(id="missing-documents"))
    with app.app_context():
        assert get_session().get(Application, application_id).status == S.IN_REVIEW

    documents_seen_on_paper(app, application_id, staff_id=ids["counter"])
    assert pass_for_decision(caseworker, app, application_id).status_code == 302
    with app.app_context():
        assert get_session().get(Application, application_id).status == S.READY_FOR_DECISION


def test_an_uploaded_file_counts_as_sent(app: Flask, tmp_path: Any) -> None:
    from app.domain.files.documents import CheckedFile, store_document

    ids = staff(app)
    person = make_person(app, name="李娜", township="220102001")
    application_id = application(app, person, ids["counter"], status=S.IN_REVIEW)
    documents_seen_on_paper(app, application_id, staff_id=ids["counter"])
    with app.app_context():  # the household register uploaded rather than seen on paper
        import io

        db = get_session()
        made = db.get(Application, application_id)
        db.delete(paper_documents.paper_documents(db, made)["household_register"])
        store_document(db, folder=tmp_path, application=made,
                       requirement_code="household_register",
                       checked=CheckedFile(io.BytesIO(PDF), len(PDF), "application/pdf",
                                           "register.pdf"),
                       uploaded_by=db.get(Account, ids["counter"]))
        db.commit()
    caseworker = signed_in_client(app, CASEWORKER)
    assert pass_for_decision(caseworker, app, application_id).status_code == 302


def test_a_second_application_for_an_allowance_already_received_is_flagged(app: Flask) -> None:
    ids = staff(app)
    person = make_person(app, name="李娜", township="220102001")
    receiving = application(app, person, ids["counter"], status=S.IN_PROGRESS)
    open_elsewhere = application(app, person, ids["counter"], status=S.IN_REVIEW,
                                 answers={"allowances": {"allowances": ["care"]}})
    second = application(app, person, ids["counter"], status=S.SUBMITTED)
    with app.app_context():
        references = {key: grouped(get_session().get(Application, key).reference)
                      for key in (receiving, open_elsewhere, second)}

    # At acceptance: the counter sees the flag beside "Accept the application".
    counter = signed_in_client(app, COUNTER)
    page = soup(counter.get(f"/casework/applications/{second}", headers=EN))
    flag = text_of(page.find(id="already-receives"))
    assert references[receiving] in flag and references[open_elsewhere] not in flag
    assert "Check first: the person already receives what this application asks for." in \
        text_of(page.find(id="action-list"))

    # At decision: civil affairs sees the flag, and the other cases with their states.
    with app.app_context():
        get_session().get(Application, second).status = S.READY_FOR_DECISION
        get_session().commit()
    decider = signed_in_client(app, CIVIL_AFFAIRS)
    page = soup(decider.get(f"/casework/applications/{second}", headers=EN))
    assert references[receiving] in text_of(page.find(id="already-receives"))
    others = text_of(page.find(id="other-cases").find_next("ul"))
    assert references[receiving] in others
    assert "Already receives this" in others
    assert references[open_elsewhere] in others and "Open" in others
    assert "Check first" in text_of(page.find(id="action-list"))


def test_a_first_application_is_not_flagged(app: Flask) -> None:
    ids = staff(app)
    person = make_person(app, name="李娜", township="220102001")
    first = application(app, person, ids["counter"], status=S.SUBMITTED)
    counter = signed_in_client(app, COUNTER)
    page = soup(counter.get(f"/casework/applications/{first}", headers=EN))
    assert page.find(id="already-receives") is None
    assert "The person has no other open applications" in text_of(page.main)
