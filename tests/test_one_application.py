"""One application for the card and what follows it (残疾人服务"一件事", issue 23), through the
pages a resident and the staff use: each question asked once, each part its own application."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.casework.reference import grouped
from app.domain.models import (
    Application,
    ApplicationBundle,
    ApplicationStatus,
    CountyProcessRule,
    Document,
    Entitlement,
    InAppMessage,
    OutboxMessage,
    Role,
)
from tests.clock import FROZEN_TODAY
from tests.factories import make_account, make_person, sign_in
from tests.journeys import (
    OPINIONS,
    AskedSteps,
    contact_answers,
    days_pass,
    documents_seen_on_paper,
    follow_wizard,
    household_answer,
    identity_answers,
    send_application,
    stage_data,
    start_service,
)
from tests.pages import EN

pytestmark = pytest.mark.engine

RESIDENT, COUNTER, CASEWORKER, APPROVER, CIVIL_AFFAIRS = (
    "13904319001", "13904319002", "13904319003", "13904319004", "13904319005")
APPOINTMENT = FROZEN_TODAY + timedelta(days=9)
BANK = {"bank": "吉林银行", "holder": "李娜", "number": "6217 0000 1234 5678"}


@pytest.fixture()
def world(app: Flask) -> dict[str, Any]:
    """A resident of 南关区 on record (no card yet), the county's staff, and a county that
    publishes no 公示."""
    resident = make_account(app, phone=RESIDENT, name="李娜")
    person = make_person(app, name="李娜", township="220102001", phone=RESIDENT,
                         account_id=resident)
    ids = {"resident": resident, "person": person,
           "counter": make_account(app, phone=COUNTER, role=Role.COUNTER, area="220102001"),
           "caseworker": make_account(app, phone=CASEWORKER, role=Role.CASEWORKER,
                                      area="220102"),
           "approver": make_account(app, phone=APPROVER, role=Role.APPROVER, area="220102"),
           "civil_affairs": make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS,
                                         area="220102")}
    with app.app_context():
        get_session().add(CountyProcessRule(county_code="220102", public_notice=False,
                                            public_notice_days=7,
                                            updated_by_account_id=ids["caseworker"]))
        get_session().commit()
    clients = {}
    for who, phone in (("resident", RESIDENT), ("counter", COUNTER), ("caseworker", CASEWORKER),
                       ("approver", APPROVER), ("civil_affairs", CIVIL_AFFAIRS)):
        clients[who] = app.test_client()
        sign_in(clients[who], phone)
    return {"ids": ids, "clients": clients}


def one_application_answers(parts: list[str]) -> AskedSteps:
    return AskedSteps({
        **contact_answers(phone=RESIDENT), **household_answer("dibao"),
        "parts": {"parts": parts},
        "disability_kind": {"disability": "physical"},
        "travel": {"can_travel": "yes"},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        "bank_account": BANK,
        "student": {"student": "no"}, "need_kind": {"need": "new"},
        "device_category": {"category": "mobility"}, "current_device": {"current": ""},
        "need_details": {"details": "一辆轻便轮椅，方便自己出门。"},
    })


def send_one_application(client: FlaskClient, parts: list[str], *,
                         documents: tuple[str, ...]) -> tuple[BeautifulSoup, AskedSteps]:
    answers = one_application_answers(parts)
    documents_url = follow_wizard(client, start_service(client, "disability-services"), answers)
    return send_application(client, documents_url, documents=documents), answers


def applications(app: Flask) -> dict[str, Application]:
    """The sent parts, by what they ask for: card, living, care."""
    with app.app_context():
        found = get_session().scalars(select(Application).order_by(Application.id)).all()
        get_session().expunge_all()
    named = {}
    for application in found:
        if application.service_code == "disability-assessment":
            named["card"] = application
        else:
            named[application.answers["allowances"]["allowances"][0]] = application
    return named


def version_of(app: Flask, application_id: int) -> int:
    with app.app_context():
        return get_session().get(Application, application_id).version


def act(app: Flask, client: FlaskClient, application_id: int, name: str, reason: str = "",
        **extra: str) -> None:
    response = client.post(f"/casework/applications/{application_id}/transitions/{name}",
                           data={"reason": reason, "version": version_of(app, application_id),
                                 "opinion": OPINIONS.get(name, ""), **extra})
    assert response.status_code == 302, (name, response.get_data(as_text=True)[:2000])


def stage(app: Flask, client: FlaskClient, application_id: int, code: str) -> None:
    response = client.post(f"/casework/applications/{application_id}/stages/{code}",
                           data=stage_data("disability-assessment", code,
                                           version_of(app, application_id), on=APPOINTMENT))
    assert response.status_code == 302, code


def assess_the_card(app: Flask, world: dict[str, Any], card_id: int,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The card part: accepted, assessed at the appointment, reviewed, passed for decision."""
    clients, ids = world["clients"], world["ids"]
    act(app, clients["counter"], card_id, "accept")
    act(app, clients["caseworker"], card_id, "start_assessment")
    stage(app, clients["caseworker"], card_id, "appointment")
    days_pass(monkeypatch, APPOINTMENT + timedelta(days=1))
    stage(app, clients["caseworker"], card_id, "assessment_result")
    act(app, clients["caseworker"], card_id, "finish_assessment")
    documents_seen_on_paper(app, card_id, staff_id=ids["caseworker"])
    # A first card's 5 working days of 公示 in the village or community (第九条).
    act(app, clients["caseworker"], card_id, "start_public_notice")
    days_pass(monkeypatch, APPOINTMENT + timedelta(days=15))
    act(app, clients["caseworker"], card_id, "pass_for_decision")


def statuses(app: Flask) -> dict[str, ApplicationStatus]:
    return {part: application.status for part, application in applications(app).items()}


def test_one_application_with_three_parts_ends_in_a_card_and_two_entitlements(
        app: Flask, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    clients, ids = world["clients"], world["ids"]
    receipt, asked = send_one_application(
        clients["resident"], ["living", "care"],
        documents=("identity", "photo", "household_register", "minimum_living_support"))
    # Asked once, and nothing the record holds: not the name, the ID number or the 户籍.
    assert len(asked.asked) == len(set(asked.asked))
    assert not {"full_name", "id_number", "confirm_identity", "hukou_county"} & set(asked.asked)

    parts = applications(app)
    assert set(parts) == {"card", "living", "care"}
    # One receipt lists every part, each with its own reference.
    text = receipt.main.get_text(" ")
    for application in parts.values():
        assert grouped(application.reference) in text
    assert "Living allowance" in text and "Care allowance" in text
    assert statuses(app) == {"card": ApplicationStatus.SUBMITTED,
                             "living": ApplicationStatus.WAITING_FOR_CARD,
                             "care": ApplicationStatus.WAITING_FOR_CARD}
    with app.app_context():
        db = get_session()
        assert db.scalars(select(ApplicationBundle)).one().person_id == ids["person"]
        held = {(d.application_id, d.requirement_code) for d in db.scalars(select(Document))}
        # One set of documents: each part holds the ones its own service needs.
        assert held == {
            (parts["card"].id, "identity"), (parts["card"].id, "photo"),
            (parts["living"].id, "identity"), (parts["living"].id, "household_register"),
            (parts["living"].id, "minimum_living_support"),
            (parts["care"].id, "identity"), (parts["care"].id, "household_register")}
        # One text message with every reference.
        body = db.scalars(select(OutboxMessage)).one().body
        assert all(grouped(a.reference) in body for a in parts.values())
    # The living allowance's timeline shows it waits, and names the other parts.
    timeline = clients["resident"].get(f"/applications/{parts['living'].id}/timeline",
                                       headers=EN)
    text = BeautifulSoup(timeline.data, "html.parser").main.get_text(" ")
    assert "Waiting for the disability card" in text
    assert grouped(parts["card"].reference) in text and grouped(parts["care"].reference) in text

    # The card: assessed, approved by the federation, issued.
    assess_the_card(app, world, parts["card"].id, monkeypatch)
    act(app, clients["approver"], parts["card"].id, "approve", "评定为肢体二级")
    assert statuses(app)["living"] == ApplicationStatus.WAITING_FOR_CARD
    act(app, clients["caseworker"], parts["card"].id, "start_stages")
    stage(app, clients["caseworker"], parts["card"].id, "card_issued")
    act(app, clients["caseworker"], parts["card"].id, "complete")
    # The allowances go on by themselves: no second application.
    assert statuses(app) == {"card": ApplicationStatus.COMPLETED,
                             "living": ApplicationStatus.SUBMITTED,
                             "care": ApplicationStatus.SUBMITTED}
    with app.app_context():
        told = [m.body for m in get_session().scalars(select(InAppMessage))]
    assert any(grouped(parts["living"].reference) in body for body in told)
    # Nothing more to tell: both allowances are applied for already.
    assert not any("may qualify" in body or "可能" in body for body in told)

    # Each allowance: its own process and decider (civil affairs), its own letter.
    month = parts["card"].submitted_at.date().replace(day=1).isoformat()
    for allowance, amount in (("living", "120"), ("care", "100")):
        application_id = parts[allowance].id
        act(app, clients["counter"], application_id, "accept")
        act(app, clients["caseworker"], application_id, "start_review")
        documents_seen_on_paper(app, application_id, staff_id=ids["caseworker"])
        act(app, clients["caseworker"], application_id, "pass_for_decision")
        act(app, clients["civil_affairs"], application_id, "approve", "符合条件",
            **{f"{allowance}_granted": "yes", f"{allowance}_amount": amount,
               f"{allowance}_first_month": month})
    with app.app_context():
        made = get_session().scalars(select(Entitlement).order_by(Entitlement.id)).all()
        assert [(e.allowance, e.person_id) for e in made] == [
            ("living", ids["person"]), ("care", ids["person"])]
    # Three letters: the card's and one for each allowance.
    for application in applications(app).values():
        letter = clients["resident"].get(f"/applications/{application.id}/decision",
                                         headers=EN)
        assert letter.status_code == 200, application.service_code
        assert grouped(application.reference) in BeautifulSoup(
            letter.data, "html.parser").main.get_text(" ")


def test_a_refused_card_refuses_the_parts_waiting_for_it_with_a_letter_saying_why(
        app: Flask, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    clients = world["clients"]
    send_one_application(clients["resident"], ["living", "care"],
                         documents=("identity", "photo", "household_register",
                                    "minimum_living_support"))
    parts = applications(app)
    assess_the_card(app, world, parts["card"].id, monkeypatch)
    act(app, clients["approver"], parts["card"].id, "refuse", "评定结果未达到残疾标准")
    assert statuses(app) == {"card": ApplicationStatus.REFUSED,
                             "living": ApplicationStatus.REFUSED,
                             "care": ApplicationStatus.REFUSED}
    letter = clients["resident"].get(f"/applications/{parts['care'].id}/decision",
                                     headers=EN)
    assert letter.status_code == 200
    text = BeautifulSoup(letter.data, "html.parser").main.get_text(" ")
    assert "the card was not issued" in text
    assert "administrative reconsideration" in text
    with app.app_context():
        told = [m.body for m in get_session().scalars(select(InAppMessage))]
    assert any(grouped(parts["care"].reference) in body for body in told)


def test_a_card_issued_on_its_own_tells_the_person_and_agent_once_with_a_draft_filled(
        app: Flask, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Told once: a card applied for on its own; the allowances offered with a draft."""
    clients, ids = world["clients"], world["ids"]
    answers = one_application_answers([])
    answers["parts"] = {"parts": ["none"]}
    documents_url = follow_wizard(clients["resident"],
                                  start_service(clients["resident"], "disability-services"),
                                  answers)
    send_application(clients["resident"], documents_url, documents=("identity", "photo"))
    card = applications(app)["card"]
    assess_the_card(app, world, card.id, monkeypatch)
    act(app, clients["approver"], card.id, "approve", "评定为肢体一级")
    act(app, clients["caseworker"], card.id, "start_stages")
    stage(app, clients["caseworker"], card.id, "card_issued")
    with app.app_context():
        db = get_session()
        draft = db.scalars(select(Application).where(
            Application.service_code == "two-subsidies")).one()
        assert draft.status == ApplicationStatus.DRAFT
        assert draft.created_by_account_id == ids["resident"]
        assert draft.answers["allowances"] == {"allowances": ["living", "care"]}
        assert draft.answers["household"] == {"situation": "dibao"}
        told = [m for m in db.scalars(select(InAppMessage)) if m.application_id == draft.id]
    assert len(told) == 1
    # The draft resumes past everything the portal holds.
    resumed = clients["resident"].get(f"/applications/{draft.id}")
    assert resumed.status_code == 302
    assert "/steps/card_number" in resumed.headers["Location"]


def test_a_document_accepted_once_is_reused_not_asked_again(
        app: Flask, world: dict[str, Any]) -> None:
    clients, ids = world["clients"], world["ids"]
    answers = one_application_answers([])
    answers["parts"] = {"parts": ["none"]}
    first = follow_wizard(clients["resident"],
                          start_service(clients["resident"], "disability-services"), answers)
    send_application(clients["resident"], first, documents=("identity", "photo"))
    card = applications(app)["card"]
    act(app, clients["counter"], card.id, "accept")  # 受理: the documents were accepted

    with app.app_context():
        person_id_number = get_session().get(Application, card.id).person.id_number
    resident = clients["resident"]
    documents_url = follow_wizard(resident, start_service(resident, "two-subsidies"), {
        **identity_answers(person_id_number, name="李娜"), **contact_answers(phone=RESIDENT),
        **household_answer("dibao"), "allowances": {"allowances": ["living"]},
        "other_support": {"support": ["none"]}, "bank_account": BANK})
    page = BeautifulSoup(resident.get(documents_url, headers=EN).data, "html.parser")
    identity = page.find(id="requirement-identity").parent
    assert "We already have this document" in identity.get_text(" ")
    reuse = next(b for b in identity.find_all("button") if "Use this document" in b.get_text())
    action = reuse.find_parent("form")["action"]
    assert resident.post(action).status_code == 302
    assert resident.post(action).status_code == 302  # pressed twice: still one copy
    with app.app_context():
        draft = get_session().scalars(select(Application).where(
            Application.service_code == "two-subsidies")).one()
        copies = get_session().scalars(select(Document).where(
            Document.application_id == draft.id)).all()
        assert [d.requirement_code for d in copies] == ["identity"]
        assert copies[0].uploaded_by_account_id == ids["resident"]
    page = BeautifulSoup(resident.get(documents_url, headers=EN).data, "html.parser")
    assert "We already have this document" not in page.find(
        id="requirement-identity").parent.get_text(" ")
    # Sent with the files still missing added: the ID card is not asked for again.
    receipt = send_application(resident, documents_url,
                               documents=("disability_card", "household_register",
                                          "minimum_living_support"))
    assert receipt.find("h1").get_text(strip=True) == "Application sent"


def test_one_set_of_documents_and_one_declaration_for_every_part(
        app: Flask, world: dict[str, Any]) -> None:
    resident = world["clients"]["resident"]
    documents_url = follow_wizard(resident, start_service(resident, "disability-services"),
                                  one_application_answers(["living", "care", "devices"]))
    page = BeautifulSoup(resident.get(documents_url, headers=EN).data, "html.parser")
    asked = [h2.get_text(" ", strip=True) for h2 in page.select("main section h2")]
    # Each document once, though three services need the ID card; the card is not asked for.
    assert asked.count("ID card or household register") == 1
    assert not any(title.startswith("Disability card") for title in asked)
    assert "Proof of minimum living support or low income" in asked
    application_url = documents_url.removesuffix("/documents")
    for code in ("identity", "photo", "household_register", "minimum_living_support"):
        assert resident.post(f"{application_url}/documents/{code}/bring-later").status_code == 302
    check = resident.get(f"{application_url}/check", headers=EN)
    assert check.status_code == 200
    assert "Assistive devices" in BeautifulSoup(check.data, "html.parser").main.get_text(" ")
    declaration = BeautifulSoup(resident.get(f"{application_url}/declaration", headers=EN).data,
                                "html.parser").main.get_text(" ")
    assert declaration.count("The information I have given is true and complete.") == 1
    assert "I have needed care in daily life for 6 months or more." in declaration
    assert "I will look after the device" in declaration
