"""Report a change on the portal, one question per page; civil affairs decide it with reasons;
the person reads the letter and may object (issue 22)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits import entitlement_changes as changes
from app.domain.models import (
    Account,
    ChangeReport,
    ChangeReportState,
    Delegation,
    DelegationStatus,
    Entitlement,
    EntitlementDecision,
    EntitlementDecisionKind,
    EntitlementState,
    InAppMessage,
    Objection,
    OutboxMessage,
    OverpaymentRecovery,
    Payment,
    Relationship,
    Role,
)
from tests.factories import make_account
from tests.pages import EN, error_for, main_text, signed_in_client
from tests.test_payment_run import NANGUAN, entitled

PDF = b"%PDF-1.4 certificate"


def person_and_phone(app: Flask, entitlement_id: int) -> tuple[int, str]:
    with app.app_context():
        db = get_session()
        entitlement = db.get_one(Entitlement, entitlement_id)
        account = db.scalar(select(Account).where(Account.person_id == entitlement.person_id))
        assert account is not None
        return entitlement.person_id, account.phone


def start(browser: object, person_id: int) -> str:
    response = browser.post(f"/changes/people/{person_id}", headers=EN)  # type: ignore[attr-defined]
    assert response.status_code == 302
    return response.headers["Location"].rsplit("/", 1)[0]


def test_a_resident_reports_a_new_account_page_by_page_and_gets_a_receipt(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_and_phone(app, ident)
    browser = signed_in_client(app, phone)
    page = browser.get(f"/changes/people/{person_id}", headers=EN)
    assert "Living allowance for disabled people" in main_text(page)
    report_url = start(browser, person_id)
    # Nothing chosen: the error is beside the question.
    refused = browser.post(f"{report_url}/kind", data={}, headers=EN)
    assert error_for(refused, "kind") == "Error: Choose what has changed"
    moved = browser.post(f"{report_url}/kind", data={"kind": "account_corrected"}, headers=EN)
    assert moved.headers["Location"].endswith("/account")
    wrong = browser.post(f"{report_url}/account", data={
        "bank": "农业银行", "holder": "李娜", "number": "12"}, headers=EN)
    assert "12 to 19 digits" in error_for(wrong, "number")
    assert 'value="农业银行"' in wrong.get_data(as_text=True)  # kept what was typed
    browser.post(f"{report_url}/account", data={
        "bank": "农业银行", "holder": "李娜", "number": "6228 4800 1234 5678 901"}, headers=EN)
    # A new account needs no document: the documents page lets it through empty.
    assert browser.post(f"{report_url}/documents", data={},
                        headers=EN).headers["Location"].endswith("/check")
    check = browser.get(f"{report_url}/check", headers=EN)
    assert "A new bank account for the payments" in main_text(check)
    assert "6228480012345678901" not in check.get_data(as_text=True)  # masked
    sent = browser.post(f"{report_url}/check", data={"note": ""}, headers=EN)
    receipt = browser.get(sent.headers["Location"], headers=EN)
    assert "Change reported" in main_text(receipt)
    assert "24 March 2026" in main_text(receipt)  # checked within 10 working days
    # Sending again sends nothing twice: the draft is gone.
    assert browser.post(f"{report_url}/check", data={"note": ""}, headers=EN).status_code == 404


@pytest.mark.engine
def test_family_report_a_death_with_the_certificate_and_civil_affairs_stop_the_payment(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, _phone = person_and_phone(app, ident)
    family = make_account(app, phone="13600000001", name="李强")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=family,
                          relationship_kind=Relationship.FAMILY,
                          status=DelegationStatus.ACTIVE))
        db.commit()
    browser = signed_in_client(app, "13600000001")
    report_url = start(browser, person_id)
    browser.post(f"{report_url}/kind", data={"kind": "died"}, headers=EN)
    future = browser.post(f"{report_url}/date", data={
        "event_date-year": "2026", "event_date-month": "4", "event_date-day": "1"}, headers=EN)
    assert error_for(future, "event_date") == "Error: The date must be today or in the past"
    browser.post(f"{report_url}/date", data={
        "event_date-year": "2026", "event_date-month": "2", "event_date-day": "20"}, headers=EN)
    no_file = browser.post(f"{report_url}/documents", data={}, headers=EN,
                           content_type="multipart/form-data")
    assert "document that shows the change" in error_for(no_file, "files")
    browser.post(f"{report_url}/documents", data={"files": (io.BytesIO(PDF), "死亡证明.pdf")},
                 content_type="multipart/form-data", headers=EN)
    sent = browser.post(f"{report_url}/check", data={"note": "父亲于2月去世"}, headers=EN)
    receipt = browser.get(sent.headers["Location"], headers=EN)
    assert "We are sorry for your loss" in main_text(receipt)

    make_account(app, phone="13700000009", name="民政", role=Role.CIVIL_AFFAIRS, area=NANGUAN)
    staff = signed_in_client(app, "13700000009")
    queue = staff.get("/civil-affairs/changes", headers=EN)
    assert "The person who gets the allowance has died" in main_text(queue)
    with app.app_context():
        report_id = get_session().scalars(select(ChangeReport.id)).one()
    case = staff.get(f"/civil-affairs/changes/{report_id}", headers=EN)
    assert "死亡证明.pdf" in main_text(case)
    missing = staff.post(f"/civil-affairs/changes/{report_id}", data={"decision": "apply"},
                         headers=EN)
    assert "Enter the reasons" in error_for(missing, "reason")
    staff.post(f"/civil-affairs/changes/{report_id}",
               data={"decision": "apply", "reason": "死亡证明已核实"}, headers=EN)
    with app.app_context():
        db = get_session()
        assert db.get_one(ChangeReport, report_id).state == ChangeReportState.APPLIED
        entitlement = db.get_one(Entitlement, ident)
        assert (entitlement.state, entitlement.last_month) == (EntitlementState.STOPPED,
                                                              date(2026, 2, 1))
        decision = db.scalars(select(EntitlementDecision)).one()
        told = db.scalars(select(InAppMessage.body).where(
            InAppMessage.account_id == family)).all()
        assert told and all("李娜" in body for body in told)  # whom it is about
        assert db.scalars(select(OutboxMessage)).all()  # a text message too
    letter = browser.get(f"/changes/decisions/{decision.id}", headers=EN)
    assert "We are sorry for your loss" in main_text(letter)
    assert "administrative reconsideration" in main_text(letter)


def test_an_objection_is_lodged_once_and_answered_by_the_county(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    _person_id, phone = person_and_phone(app, ident)
    officer = make_account(app, phone="13700000009", name="民政", role=Role.CIVIL_AFFAIRS,
                           area=NANGUAN)
    with app.app_context():
        db = get_session()
        [decision] = changes.decide(db, db.get_one(Entitlement, ident),
                                    EntitlementDecisionKind.STOPPED,
                                    reason="entered_institution", note="已入住养老院",
                                    today=date(2026, 3, 10), staff=db.get_one(Account, officer),
                                    event_date=date(2026, 2, 10))
        db.commit()
        decision_id = decision.id
    browser = signed_in_client(app, phone)
    empty = browser.post(f"/changes/decisions/{decision_id}/objection", data={"grounds": " "},
                         headers=EN)
    assert error_for(empty, "grounds") == "Error: Enter why you think the decision is wrong"
    browser.post(f"/changes/decisions/{decision_id}/objection", data={"grounds": "我在家住"},
                 headers=EN)
    letter = browser.get(f"/changes/decisions/{decision_id}", headers=EN)
    assert "24 March 2026" in main_text(letter)
    staff = signed_in_client(app, "13700000009")
    with app.app_context():
        objection_id = get_session().scalars(select(Objection.id)).one()
    staff.post(f"/civil-affairs/objections/{objection_id}",
               data={"decision": "upheld", "answer": "核实未入住"}, headers=EN)
    with app.app_context():
        db = get_session()
        assert db.get_one(Entitlement, ident).state == EntitlementState.PAYING
    letter = browser.get(f"/changes/decisions/{decision_id}", headers=EN)
    assert "The answer to your objection" in main_text(letter)


def test_nobody_else_reports_or_reads_a_letter(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, _phone = person_and_phone(app, ident)
    make_account(app, phone="13600000002", name="路人")
    make_account(app, phone="13700000008", name="别县民政", role=Role.CIVIL_AFFAIRS,
                 area="220104")
    stranger = signed_in_client(app, "13600000002")
    assert stranger.get(f"/changes/people/{person_id}", headers=EN).status_code == 404
    assert stranger.post(f"/changes/people/{person_id}", headers=EN).status_code == 404
    other_county = signed_in_client(app, "13700000008")
    assert other_county.get(f"/changes/people/{person_id}", headers=EN).status_code == 404


def test_civil_affairs_stop_a_payment_with_reasons_and_record_money_paid_back(
        app: Flask) -> None:
    from tests.test_payment_run import header, run, settle

    ident = entitled(app, first_month=date(2026, 1, 1))
    run(app, date(2026, 3, 1))
    with app.app_context():
        ids = get_session().scalars(select(Payment.id)).all()
    settle(app, date(2026, 3, 1), header() + "".join(f"{i},成功,2026-03-05,\n" for i in ids))
    make_account(app, phone="13700000009", name="民政", role=Role.CIVIL_AFFAIRS, area=NANGUAN)
    staff = signed_in_client(app, "13700000009")
    page = f"/civil-affairs/entitlements/{ident}"
    refused = staff.post(page, data={"decision": "stopped", "note": "户籍已迁出"}, headers=EN)
    assert "Choose the reason" in error_for(refused, "reason")
    assert "Enter the date it happened" in error_for(refused, "event_date")
    staff.post(page, data={"decision": "stopped", "reason": "moved_out_of_jilin",
                           "event_date-year": "2026", "event_date-month": "1",
                           "event_date-day": "20", "note": "户籍已迁出"}, headers=EN)
    with app.app_context():
        db = get_session()
        assert db.get_one(Entitlement, ident).last_month == date(2026, 1, 1)
        recovery = db.scalars(select(OverpaymentRecovery)).one()
        assert (recovery.months, recovery.amount_fen) == (["2026-02", "2026-03"], 19800)
    queue = staff.get("/civil-affairs/changes", headers=EN)
    assert "2026-02, 2026-03" in main_text(queue)
    # Stopped: it can only be resumed.
    again = staff.post(page, data={"decision": "suspended", "reason": "died",
                                   "note": "x"}, headers=EN)
    assert "can only be resumed" in error_for(again, "decision")
    staff.post(f"/civil-affairs/recoveries/{recovery.id}/settle",
               data={"settled_note": "5月12日现金退回"}, headers=EN)
    with app.app_context():
        assert get_session().get_one(OverpaymentRecovery, recovery.id).settled_on is not None


def test_someone_who_asked_for_letters_gets_the_decision_on_paper_in_their_language(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    officer = make_account(app, phone="13700000009", name="民政", role=Role.CIVIL_AFFAIRS,
                           area=NANGUAN)
    from app.domain.models import Letter, Person
    from app.web.entitlement_messages import tell_decision

    with app.app_context():
        db = get_session()
        entitlement = db.get_one(Entitlement, ident)
        person = db.get_one(Person, entitlement.person_id)
        person.contact_channel, person.preferred_language = "letter", "ko"
        person.communication_needs = ["large_print"]
        with app.test_request_context():
            for decision in changes.decide(db, entitlement, EntitlementDecisionKind.SUSPENDED,
                                           reason="review_not_answered", note="미응답",
                                           today=date(2026, 3, 10),
                                           staff=db.get_one(Account, officer)):
                tell_decision(db, decision)
        db.commit()
        letter = db.scalars(select(Letter)).one()
        assert (letter.locale, letter.large_print) == ("ko", True)
        assert "지급이 2026-03부터 멈춥니다" in letter.body
        assert db.scalars(select(OutboxMessage)).all() == []  # no text message instead


def test_civil_affairs_of_another_county_see_none_of_it(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    make_account(app, phone="13700000008", name="别县民政", role=Role.CIVIL_AFFAIRS,
                 area="220104")
    other = signed_in_client(app, "13700000008")
    assert other.get(f"/civil-affairs/entitlements/{ident}", headers=EN).status_code == 404
    assert "李娜" not in main_text(other.get("/civil-affairs/changes", headers=EN))


def test_choosing_another_change_asks_its_own_questions_again(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_and_phone(app, ident)
    browser = signed_in_client(app, phone)
    report_url = start(browser, person_id)
    browser.post(f"{report_url}/kind", data={"kind": "account_corrected"}, headers=EN)
    moved = browser.post(f"{report_url}/kind", data={"kind": "subsistence_ended"}, headers=EN)
    assert moved.headers["Location"].endswith("/date")


def test_a_move_asks_the_new_county_and_refuses_the_county_that_pays_now(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_and_phone(app, ident)
    browser = signed_in_client(app, phone)
    report_url = start(browser, person_id)
    browser.post(f"{report_url}/kind", data={"kind": "moved_within_jilin"}, headers=EN)
    asked = browser.post(f"{report_url}/date", data={
        "event_date-year": "2026", "event_date-month": "3", "event_date-day": "1"}, headers=EN)
    assert asked.headers["Location"].endswith("/county")
    same = browser.post(f"{report_url}/county", data={"county": NANGUAN}, headers=EN)
    assert "the county that pays the allowance now" in error_for(same, "county")
    moved = browser.post(f"{report_url}/county", data={"county": "220104"}, headers=EN)
    assert moved.headers["Location"].endswith("/documents")
