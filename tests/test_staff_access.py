"""Staff within their area (issue 10, items 2 and 8): administrators manage only their own
area, staff reading personal data is audited, and whole ID and account numbers are shown only
on request. Ends with a walk of every staff route as staff of another county."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy import select

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.casework.reference import new_reference
from app.domain.models import (
    Account,
    Application,
    AuditEvent,
    CalendarDay,
    Channel,
    DeadlineRule,
    Delegation,
    DelegationStatus,
    Document,
    GuideVideo,
    Letter,
    OutreachInvitation,
    Person,
    Relationship,
    ReviewCase,
    ReviewRound,
    Role,
    StaffNote,
)
from app.domain.models import ApplicationStatus as S
from app.domain.people.identity import ResidentIdNumber
from tests.factories import id_number, make_account, make_person
from tests.journeys import (
    contact_answers,
    follow_wizard,
    household_answer,
    identity_answers,
    upload,
)
from tests.pages import EN, error_for, signed_in_client, soup

HERE, ELSEWHERE = "220102", "220103"  # 南关区 and 宽城区, both in 长春市
RESIDENT = "13906660001"


def account(app: Flask, account_id: int) -> Account:
    with app.app_context():
        found = get_session().get(Account, account_id)
        assert found is not None
        return found


def audit_events(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- item 2: administrators act only within their area ----------------------------------------


@pytest.mark.engine
def test_a_county_administrator_cannot_raise_their_own_area_to_the_province(
        app: Flask) -> None:
    admin = make_account(app, phone="13906660010", role=Role.ADMIN, area=HERE)
    browser = signed_in_client(app, "13906660010")
    response = browser.post(f"/admin/staff/{admin}", headers=EN,
                            data={"role": "admin", "area_code": "22", "active": "active"})
    assert response.status_code == 200
    assert "inside your own area" in error_for(response, "area_code")
    assert account(app, admin).area_code == HERE
    assert browser.get("/admin/deadlines/220103").status_code == 404  # still only 南关区


@pytest.mark.engine
def test_a_county_administrator_sees_and_changes_only_staff_of_their_area(app: Flask) -> None:
    make_account(app, phone="13906660011", role=Role.ADMIN, area=HERE)
    mine = make_account(app, phone="13906660012", role=Role.COUNTER, area="220102001",
                        name="王芳")
    theirs = make_account(app, phone="13906660013", role=Role.CASEWORKER, area=ELSEWHERE,
                          name="钱明")
    province = make_account(app, phone="13906660014", role=Role.ADMIN, area="22", name="陈静")
    browser = signed_in_client(app, "13906660011")

    listed = soup(browser.get("/admin/staff", headers=EN)).find("tbody").get_text()
    assert "王芳" in listed
    assert "钱明" not in listed and "陈静" not in listed
    for other in (theirs, province):
        assert browser.get(f"/admin/staff/{other}").status_code == 404
        assert browser.post(f"/admin/staff/{other}", data={
            "role": "counter", "area_code": "220102001", "active": "deactivated"},
        ).status_code == 404
    assert (account(app, theirs).role, account(app, theirs).area_code,
            account(app, theirs).is_active) == (Role.CASEWORKER, ELSEWHERE, True)
    assert account(app, province).area_code == "22"

    # Their own staff move only inside 南关区.
    refused = browser.post(f"/admin/staff/{mine}", headers=EN, data={
        "role": "counter", "area_code": ELSEWHERE, "active": "active"})
    assert "inside your own area" in error_for(refused, "area_code")
    assert account(app, mine).area_code == "220102001"
    moved = browser.post(f"/admin/staff/{mine}", data={
        "role": "counter", "area_code": "220102002", "active": "active"})
    assert moved.headers["Location"] == "/admin/staff"
    assert account(app, mine).area_code == "220102002"


@pytest.mark.engine
def test_a_county_administrator_creates_staff_only_inside_their_area(app: Flask) -> None:
    make_account(app, phone="13906660015", role=Role.ADMIN, area=HERE)
    browser = signed_in_client(app, "13906660015")
    new = {"display_name": "李明", "phone": "139 0666 0016", "role": "admin",
           "password": "quiet winter lake"}
    for area in ("22", ELSEWHERE):
        response = browser.post("/admin/staff/new", headers=EN, data={**new, "area_code": area})
        assert "inside your own area" in error_for(response, "area_code")
    with app.app_context():
        assert get_session().scalar(
            select(Account).where(Account.phone == "13906660016")) is None
    created = browser.post("/admin/staff/new", data={**new, "area_code": "220102001"})
    assert created.headers["Location"] == "/admin/staff"


@pytest.mark.engine
def test_a_county_administrator_reads_only_the_audit_events_of_their_area(app: Flask) -> None:
    admin = make_account(app, phone="13906660017", role=Role.ADMIN, area=HERE, name="管理员")
    province = make_account(app, phone="13906660018", role=Role.ADMIN, area="22", name="陈静")
    counter_here = make_account(app, phone="13906660019", role=Role.COUNTER, area=HERE,
                                name="王芳")
    counter_there = make_account(app, phone="13906660020", role=Role.COUNTER, area=ELSEWHERE,
                                 name="钱明")
    number_here, number_there = id_number(region=HERE), id_number(region=ELSEWHERE)
    here = make_person(app, township="220102001", id_number_value=number_here)
    there = make_person(app, township="220103001", id_number_value=number_there)
    with app.app_context():
        db = get_session()
        accounts = {a.id: a for a in db.scalars(select(Account))}
        there_application = Application(
            service_code="two-subsidies", status=S.SUBMITTED, reference=new_reference(),
            county_code=ELSEWHERE, township_code="220103001", answers={},
            created_by_account_id=counter_there, channel=Channel.COUNTER)
        db.add(there_application)
        db.flush()
        events = [
            ("person.view", counter_here, {"person": db.get(Person, here)}),
            ("person.view", counter_there, {"person": db.get(Person, there)}),
            ("application.view", counter_there, {"application": there_application}),
            ("staff.update", province, {"detail": {"account_id": counter_there}}),
            ("staff.update", province, {"detail": {"account_id": counter_here}}),
            ("queue.list", counter_there, {}),
            ("queue.list", counter_here, {}),
        ]
        for action, actor, about in events:
            record_access(db, actor=accounts[actor], action=AuditAction(action),
                          channel=Channel.COUNTER,
                          **about)
        db.commit()

    browser = signed_in_client(app, "13906660017")
    response = browser.get("/admin/audit", headers=EN)
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")][1:4]
            for tr in soup(response).select("tbody tr")]
    assert rows == [
        ["王芳", "Listed the queue of applications", ""],
        ["陈静", "Changed a staff account", ""],
        ["王芳", "Viewed a person's details", ResidentIdNumber(number_here).masked],
    ]
    assert ResidentIdNumber(number_there).masked not in response.get_data(as_text=True)
    # The province's administrator reads them all (and the county administrator's reading).
    everything = soup(signed_in_client(app, "13906660018").get("/admin/audit", headers=EN))
    assert len(everything.select("tbody tr")) == len(events) + 1
    assert [e.actor_account_id for e in audit_events(app, "audit_log.view")] == [admin, province]


@pytest.mark.engine
def test_only_administrators_of_the_province_manage_guide_videos(app: Flask) -> None:
    make_account(app, phone="13906660021", role=Role.ADMIN, area=HERE)
    browser = signed_in_client(app, "13906660021")
    assert browser.get("/admin/videos").status_code == 404
    assert browser.get("/admin/videos/new").status_code == 404
    staff_page = soup(browser.get("/admin/staff", headers=EN))
    assert staff_page.find("a", string="Guide videos") is None
    make_account(app, phone="13906660022", role=Role.ADMIN, area="22")
    assert signed_in_client(app, "13906660022").get("/admin/videos").status_code == 200


# --- item 8: staff reading personal data is audited; whole numbers only on request ------------


def resident_answers(number: str) -> dict[str, dict]:
    return {
        "allowances": {"allowances": ["living"]},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        **identity_answers(number, name="李娜"),
        **contact_answers(phone=RESIDENT, county=HERE, address="人民大街 1 号", language="ko",
                          needs=("large_print",)),
        **household_answer("dibao"),
        "bank_account": {"bank": "吉林银行", "holder": "李娜", "number": "6217 0000 1234 5678"},
    }


def residents_application(app: Flask, number: str, *, send: bool) -> int:
    """A resident of 南关区 applies online for the two subsidies; sent or left as a draft."""
    resident = make_account(app, phone=RESIDENT, name="李娜")
    make_person(app, name="李娜", township="220102001", id_number_value=number,
                account_id=resident)
    browser = signed_in_client(app, RESIDENT)
    start = browser.post("/services/two-subsidies/start").headers["Location"]
    documents_url = follow_wizard(browser, start, resident_answers(number))
    application_url = documents_url.removesuffix("/documents")
    if send:
        for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support",
                            "bank_card"):
            upload(browser, application_url, requirement)
        sent = browser.post(f"{application_url}/declaration",
                            data={"declaration": "y", "sensitive_consent": "y",
                            "holds_consent": "y"})
        assert sent.status_code == 302 and "confirmation" in sent.headers["Location"]
    with app.app_context():
        return get_session().scalars(select(Application.id)).one()


@pytest.mark.engine
def test_counter_staff_opening_a_residents_online_draft_is_audited(app: Flask) -> None:
    number = id_number(region=HERE)
    application_id = residents_application(app, number, send=False)
    counter = make_account(app, phone="13906660030", role=Role.COUNTER, area=HERE)
    browser = signed_in_client(app, "13906660030")
    page = browser.get(f"/applications/{application_id}", follow_redirects=True)
    assert page.status_code == 200  # the person's page, where the draft is listed
    views = audit_events(app, "application.view")
    assert views, "the counter opened a resident's draft without an audit event"
    assert {(e.actor_account_id, e.application_id, e.channel) for e in views} == {
        (counter, application_id, Channel.COUNTER)}


@pytest.mark.engine
def test_counter_staff_cannot_change_or_send_a_residents_online_draft(app: Flask) -> None:
    """Finding G: counter staff changed a resident's online draft (phone, documents,
    declaration) and sent it. The person at the counter starts a counter application."""
    number = id_number(region=HERE)
    application_id = residents_application(app, number, send=False)
    with app.app_context():
        before = dict(get_session().get(Application, application_id).answers)
    make_account(app, phone="13906660034", role=Role.COUNTER, area=HERE)
    browser = signed_in_client(app, "13906660034")
    url = f"/applications/{application_id}"
    assert browser.post(f"{url}/steps/phone", data={"phone": "13906669999"}).status_code == 404
    assert browser.get(f"{url}/documents").status_code == 404
    assert browser.post(f"{url}/declaration", data={
        "declaration": "y", "sensitive_consent": "y", "holds_consent": "y"}).status_code == 404
    opened = browser.get(url, headers=EN)
    assert opened.status_code == 302 and "/counter/people/" in opened.headers["Location"]
    with app.app_context():
        application = get_session().get(Application, application_id)
        assert application.status == S.DRAFT and application.answers == before


@pytest.mark.engine
def test_counter_staff_opening_a_residents_receipt_is_audited(app: Flask) -> None:
    number = id_number(region=HERE)
    application_id = residents_application(app, number, send=True)
    counter = make_account(app, phone="13906660031", role=Role.COUNTER, area=HERE)
    browser = signed_in_client(app, "13906660031")
    receipt = browser.get(f"/applications/{application_id}/confirmation", headers=EN)
    assert receipt.status_code == 200
    assert "Receipt" in receipt.get_data(as_text=True)
    assert number not in receipt.get_data(as_text=True)
    assert [(e.actor_account_id, e.application_id) for e in
            audit_events(app, "application.view")] == [(counter, application_id)]


@pytest.mark.engine
def test_casework_masks_id_and_account_numbers_and_audits_showing_them_whole(
        app: Flask) -> None:
    number = id_number(region=HERE)
    application_id = residents_application(app, number, send=True)
    caseworker = make_account(app, phone="13906660032", role=Role.CASEWORKER, area=HERE)
    browser = signed_in_client(app, "13906660032")
    page = browser.get(f"/casework/applications/{application_id}", headers=EN)
    body = page.get_data(as_text=True)
    assert number not in body and "6217000012345678" not in body
    answers = soup(page).find(id="answers").find_next("dl").get_text(" ", strip=True)
    assert ResidentIdNumber(number).masked in answers and "************5678" in answers
    assert audit_events(app, "application.view_full_numbers") == []

    link = soup(page).find("a", string=re.compile("Show the full ID card"))
    assert link is not None, "no way to see the whole number"
    shown = browser.get(link["href"], headers=EN)
    answers = soup(shown).find(id="answers").find_next("dl").get_text(" ", strip=True)
    assert number in answers and "6217000012345678" in answers
    assert "recorded in the audit log" in shown.get_data(as_text=True)
    assert [(e.actor_account_id, e.application_id) for e in
            audit_events(app, "application.view_full_numbers")] == [
        (caseworker, application_id)]


@pytest.mark.engine
def test_staff_see_masked_numbers_on_the_sent_answers_and_show_them_whole_only_audited(
        app: Flask) -> None:
    """Finding F: /applications/<id>/answers showed staff the whole ID and card numbers."""
    number = id_number(region=HERE)
    application_id = residents_application(app, number, send=True)
    caseworker = make_account(app, phone="13906660033", role=Role.CASEWORKER, area=HERE)
    browser = signed_in_client(app, "13906660033")
    page = browser.get(f"/applications/{application_id}/answers", headers=EN)
    body = page.get_data(as_text=True)
    assert number not in body and "6217000012345678" not in body
    assert ResidentIdNumber(number).masked in body
    assert audit_events(app, "application.view_full_numbers") == []

    link = soup(page).find("a", string=re.compile("Show the full ID card"))
    shown = browser.get(link["href"], headers=EN)
    assert number in shown.get_data(as_text=True)
    assert [(e.actor_account_id, e.application_id) for e in
            audit_events(app, "application.view_full_numbers")] == [
        (caseworker, application_id)]


# --- every staff route, as staff of another county -------------------------------------------

WALKED_BLUEPRINTS = ("admin", "casework", "counter", "deadlines", "work_calendar", "statistics",
                     "allowances", "reviews")
# Staff open applications through the wizard and timeline too (counter applications, receipts).
APPLICATION_BLUEPRINTS = ("apply", "track")


def _records_in_county_a(app: Flask) -> dict[str, Any]:
    """One of each record a staff route can name, all in 南关区 (county A)."""
    resident = make_account(app, phone="13906660040", name="李娜")
    agent = make_account(app, phone="13906660041", name="张伟")
    person = make_person(app, township="220102001", account_id=resident)
    staff = make_account(app, phone="13906660042", role=Role.COUNTER, area="220102001")
    with app.app_context():
        db = get_session()
        sent = Application(service_code="two-subsidies", status=S.SUBMITTED,
                           reference=new_reference(), county_code=HERE,
                           township_code="220102001", person_id=person, answers={},
                           created_by_account_id=resident, channel=Channel.ONLINE)
        draft = Application(service_code="two-subsidies", status=S.DRAFT, person_id=person,
                            answers={}, created_by_account_id=resident, channel=Channel.ONLINE)
        db.add_all([sent, draft])
        db.flush()
        document = Document(application_id=sent.id, requirement_code="identity",
                            original_filename="scan.pdf", stored_name="walk" + "0" * 28,
                            content_type="application/pdf", size_bytes=10, sha256="0" * 64,
                            uploaded_by_account_id=resident)
        delegation = Delegation(person_id=person, agent_account_id=agent,
                                relationship_kind=Relationship.FAMILY,
                                status=DelegationStatus.REQUESTED)
        video = GuideVideo(service_code="two-subsidies", topic="how_to_apply", source="upload",
                           titles={"zh_Hans_CN": "如何申请"}, video_name="walk.mp4",
                           video_type="video/mp4", video_size=10, video_sha256="0" * 64,
                           published=True)
        letter = Letter(application_id=sent.id, locale="zh_Hans_CN", body="您的申请已受理。")
        review = ReviewRound(county_code=HERE, year=2026, opened_on=date(2026, 3, 1),
                             due_on=date(2026, 4, 30))
        case = ReviewCase(round=review, person_id=person, answers={},
                          answered_on=date(2026, 3, 5), drawn_for_check=True)
                # Issue 23: an invitation to apply, sent by civil affairs of county A.
        invitation = OutreachInvitation(person_id=person, month=date(2026, 3, 1),
                                        county_code=HERE, allowances=["living"],
                                        reasons=["living_dibao"], token="walk-invitation",
                                        sent_by_account_id=staff)
        db.add_all([document, delegation, video, letter, review, case, invitation])
        report, objection, recovery = _change_cases(db, sent, resident)
        db.commit()
        return {"person_id": [person], "application_id": [sent.id, draft.id],
                "letter_id": [letter.id], "report_id": [report.id],
                "objection_id": [objection.id], "entitlement_id": [recovery.entitlement_id],
                "recovery_id": [recovery.id],
                "document_id": [document.id], "delegation_id": [delegation.id],
                "account_id": [staff], "video_id": [video.id], "county_code": [HERE],
                "month": ["2026-03"], "service_code": ["two-subsidies"],
                "name": ["accept", "withdraw"],
                "stage_code": ["first_payment"], "step_key": ["full_name"],
                "requirement_code": ["identity"], "year": [2026], "table": ["sent"],
                "area_code": [HERE], "round_id": [review.id], "case_id": [case.id],
                "fmt": ["csv", "xlsx"], "month_key": ["2026-03"],
                "invitation_id": [invitation.id]}


def _change_cases(db: Any, application: Application, resident: int) -> tuple[Any, Any, Any]:
    """A reported change and an objection in county A (issue 22): civil affairs' cases."""
    from datetime import date

    from app.domain.models import (
        ChangeKind,
        ChangeReport,
        ChangeReportState,
        Entitlement,
        EntitlementDecision,
        EntitlementDecisionKind,
        EntitlementState,
        Objection,
        OverpaymentRecovery,
    )

    entitlement = Entitlement(application_id=application.id, person_id=application.person_id,
                              allowance="living", first_month=date(2026, 1, 1),
                              county_code=HERE, state=EntitlementState.STOPPED,
                              state_changed_on=date(2026, 3, 1))
    decision = EntitlementDecision(entitlement=entitlement, kind=EntitlementDecisionKind.STOPPED,
                                   decided_on=date(2026, 3, 1))
    report = ChangeReport(person_id=application.person_id, county_code=HERE,
                          kind=ChangeKind.DIED, event_date=date(2026, 2, 1),
                          reported_by_account_id=resident, channel=Channel.ONLINE,
                          state=ChangeReportState.RECEIVED, reference=new_reference(),
                          sent_on=date(2026, 3, 2), due_on=date(2026, 3, 16))
    objection = Objection(decision=decision, county_code=HERE, grounds="不对",
                          lodged_by_account_id=resident, channel=Channel.ONLINE,
                          lodged_on=date(2026, 3, 3), due_on=date(2026, 3, 17))
    recovery = OverpaymentRecovery(entitlement=entitlement, decision=decision, amount_fen=9900,
                                   months=["2026-03"], asked_on=date(2026, 3, 1))
    db.add_all([entitlement, decision, report, objection, recovery])
    db.flush()
    return report, objection, recovery


def _state(app: Flask) -> list[Any]:
    """What the walk must leave unchanged."""
    with app.app_context():
        db = get_session()
        return [
            [(a.id, a.role, a.area_code, a.is_active, a.session_generation, a.person_id)
             for a in db.scalars(select(Account).order_by(Account.id))],
            [(p.id, p.full_name, p.phone, p.county_code, p.township_code, p.address_line)
             for p in db.scalars(select(Person).order_by(Person.id))],
            [(a.id, a.status, a.version, a.answers, a.assigned_to_account_id, a.person_id)
             for a in db.scalars(select(Application).order_by(Application.id))],
            [(d.id, d.status, d.confirmed_by_account_id)
             for d in db.scalars(select(Delegation).order_by(Delegation.id))],
            [(d.id, d.removed_at) for d in db.scalars(select(Document).order_by(Document.id))],
            [(letter.id, letter.printed_at)
             for letter in db.scalars(select(Letter).order_by(Letter.id))],
            [(v.id, v.published, v.transcripts, v.captions)
             for v in db.scalars(select(GuideVideo).order_by(GuideVideo.id))],
            db.scalars(select(StaffNote.id)).all(),
            [(r.county_code, r.status, r.working_days) for r in db.scalars(select(DeadlineRule))],
            [(d.day, d.kind) for d in db.scalars(select(CalendarDay).order_by(CalendarDay.day))],
        ]


def _walked_urls(app: Flask, records: dict[str, Any]) -> list[tuple[str, str]]:
    """(method, url) of every staff route that names a record, filled with county A's ids."""
    walked: list[tuple[str, str]] = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        blueprint = rule.endpoint.split(".")[0]
        staff_route = (blueprint in WALKED_BLUEPRINTS
                       or getattr(view, "access_rule", None) == "staff"
                       or (blueprint in APPLICATION_BLUEPRINTS
                           and "application_id" in rule.arguments))
        if not staff_route or not rule.arguments:
            continue
        unknown = rule.arguments - records.keys()
        assert not unknown, f"the walk does not know what to put in {rule.rule}: {unknown}"
        combinations: list[dict[str, Any]] = [{}]
        for argument in sorted(rule.arguments):
            combinations = [{**values, argument: value} for values in combinations
                            for value in records[argument]]
        with app.test_request_context():
            for values in combinations:
                url = url_for(rule.endpoint, **values)
                walked += [(method, url) for method in ("GET", "POST")
                           if method in (rule.methods or ())]
    return walked


@pytest.mark.engine
@pytest.mark.parametrize("role", [Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.STATISTICS,
                                  Role.ADMIN])
def test_every_staff_route_answers_404_to_staff_of_another_county(app: Flask,
                                                                   role: Role) -> None:
    records = _records_in_county_a(app)
    outsider = make_account(app, phone="13906660049", role=role, area=ELSEWHERE)
    posted = {"role": "admin", "area_code": ELSEWHERE, "active": "deactivated",
              "version": "1", "reason": "走访", "note": "走访", "body": "走访",
              "assignee": str(outsider), "decision": "confirm", "proof_seen": "y",
              "agent_name": "张伟", "agent_phone": "13906660041", "relationship": "family",
              "action": "unpublish", "transcript_zh_Hans_CN": "", "for_whom": "self",
              "full_name": "钱明", "declaration": "y", "sensitive_consent": "y"}
    walked = _walked_urls(app, records)
    assert any("/admin/staff/" in url for _method, url in walked)
    assert any("/steps/" in url for _method, url in walked)
    assert any("/statistics/download/220102/" in url for _method, url in walked)
    before = _state(app)
    browser = signed_in_client(app, "13906660049")
    answered = {}
    for method, url in walked:
        response = browser.open(url, method=method, data=posted if method == "POST" else None)
        answered[(method, url)] = response.status_code
    assert {key: code for key, code in answered.items() if code != 404} == {}
    assert _state(app) == before
