"""Nobody missed (issue 23): the 低保/特困 rosters civil affairs import, the list of who may be
entitled and has not applied, the invitation and its pre-filled draft, and the death roster."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import func, select

from app.database import get_session
from app.domain.benefits import outreach
from app.domain.models import (
    Application,
    ApplicationStatus,
    AssistanceKind,
    AssistanceRoster,
    AssistanceRosterEntry,
    AuditEvent,
    Channel,
    Delegation,
    DelegationStatus,
    Entitlement,
    EntitlementState,
    InAppMessage,
    OutboxMessage,
    OutreachInvitation,
    Person,
    Relationship,
    Role,
)
from app.domain.rules.eligibility_rules import Reason
from tests.factories import id_number, make_account, make_person, sign_in
from tests.journeys import contact_answers, follow_wizard
from tests.pages import EN
from tests.test_payment_run import entitled, header, run, settle

CIVIL_AFFAIRS_PHONE = "13904330001"
HEADER = "身份证号,姓名,户籍县区代码\n"


def civil_affairs(app: Flask, client: FlaskClient, area: str = "220102") -> None:
    make_account(app, phone=CIVIL_AFFAIRS_PHONE, role=Role.CIVIL_AFFAIRS, area=area,
                 name="民政刘")
    sign_in(client, CIVIL_AFFAIRS_PHONE)


def card_holder(app: Flask, *, name: str = "赵敏", level: str = "1", category: str = "4",
                phone: str | None = "13904312222", account: bool = True) -> tuple[int, str]:
    """A person on record with a disability card (and, with ``account``, their own account)."""
    number = id_number()
    account_id = make_account(app, phone=phone, name=name) if account and phone else None
    person_id = make_person(app, name=name, id_number_value=number, phone=phone,
                            account_id=account_id)
    with app.app_context():
        db = get_session()
        person = db.get(Person, person_id)
        assert person is not None
        person.disability_card_number = number + category + level
        db.commit()
    return person_id, number


def import_roster(client: FlaskClient, text: str | bytes, *, kind: str = "dibao",
                  month: str = "2026-03", filename: str = "roster.csv"):  # type: ignore[no-untyped-def]
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/civil-affairs/rosters", data={
        "kind": kind, "month": month, "roster": (io.BytesIO(content), filename)},
        content_type="multipart/form-data", headers=EN)


def roster_rows(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(AssistanceRosterEntry.id))) or 0


@pytest.mark.engine
def test_a_roster_row_makes_a_may_be_entitled_entry_and_the_invitations_draft_sends(
        app: Flask, client: FlaskClient) -> None:
    person_id, number = card_holder(app)
    civil_affairs(app, client)
    response = import_roster(client, HEADER + f"{number},赵敏,220102\n")
    assert response.status_code == 302 and "may-be-entitled" in response.headers["Location"]

    listed = client.get("/civil-affairs/may-be-entitled?month=2026-03", headers=EN)
    text = listed.get_data(as_text=True)
    assert "赵敏" in text and "New this month" in text
    assert "Living allowance for disabled people in financial difficulty" in text
    assert "Care allowance for people with a severe disability" in text
    assert "A level 1 or 2 disability card" in text

    page = f"/civil-affairs/may-be-entitled/{person_id}/2026-03"
    assert client.get(page).status_code == 200
    # Sent twice (a double click): one invitation, one text message.
    client.post(f"{page}/invite")
    client.post(f"{page}/invite")
    with app.app_context():
        db = get_session()
        assert db.scalar(select(func.count(OutreachInvitation.id))) == 1
        message = db.scalars(select(OutboxMessage).where(
            OutboxMessage.recipient == "13904312222")).one()
    link = re.search(r"https?://[^/\s]+(/invitations/[\w-]+)", message.body)
    assert link is not None, message.body

    client.post(page, data={"outcome": "will_apply", "note": "电话联系，本人同意申请"})
    assert "They will apply" in client.get(page, headers=EN).get_data(as_text=True)

    resident = app.test_client()
    sign_in(resident, "13904312222")
    assert resident.get(link.group(1)).status_code == 200
    started = resident.post(f"{link.group(1)}/start")
    resume = resident.get(started.headers["Location"]).headers["Location"]
    # What the portal holds is not asked again: the allowances, the card, the household.
    # The name and ID come from the ID card the portal holds: only their reading is confirmed.
    answers = {"confirm_identity": {"correct": "yes"},
               "care_need": {"long_term_care": "yes"}, "other_support": {"support": ["none"]},
               "bank_account": {"bank": "吉林银行", "holder": "赵敏",
                                "number": "6217 0000 1234 5678"},
               **contact_answers(phone="13904312222")}
    documents_url = follow_wizard(resident, resume, answers)
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register",
                        "minimum_living_support"):
        resident.post(f"{application_url}/documents/{requirement}/bring-later")
    resident.post(documents_url)
    sent = resident.post(f"{application_url}/declaration", data={
        "declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    assert sent.headers["Location"].endswith("/confirmation")
    with app.app_context():
        application = get_session().scalars(select(Application)).one()
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.person_id == person_id
    # Applied: off the list.
    assert "赵敏" not in client.get("/civil-affairs/may-be-entitled?month=2026-03") \
        .get_data(as_text=True)


@pytest.mark.engine
def test_bad_roster_files_are_refused_by_line_with_nothing_stored(
        app: Flask, client: FlaskClient) -> None:
    civil_affairs(app, client)
    good, wrong_check = id_number(), id_number()[:17] + "0"
    body = (HEADER + f"{good},钱多,220102\n" + f"{wrong_check},孙立,220102\n"
            + f"{id_number()},,220102\n" + f"{id_number()},周到,220104\n"
            + f"{good},钱多,220102\n")
    response = import_roster(client, body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Nothing was imported" in text
    assert "Line 3: the ID card number is not valid" in text
    assert "Line 4: the name is missing" in text
    assert "Line 5: the county is outside your area" in text
    assert "Line 6: this ID card number is on an earlier line too" in text
    assert "Line 2" not in text
    assert roster_rows(app) == 0

    wrong_header = import_roster(client, "号码,姓名\n" + f"{good},钱多\n")
    assert "Line 1: the columns must be exactly 身份证号,姓名,户籍县区代码" in \
        wrong_header.get_data(as_text=True)
    assert "Choose the roster file" in import_roster(client, b"").get_data(as_text=True)
    with app.app_context():
        assert get_session().scalar(select(func.count(AssistanceRoster.id))) == 0


def test_re_importing_the_same_month_changes_nothing_and_a_corrected_file_replaces_it(
        app: Flask, client: FlaskClient) -> None:
    civil_affairs(app, client)
    first, second = id_number(), id_number()
    book = Workbook()
    sheet = book.active
    sheet.append(["身份证号", "姓名", "户籍县区代码"])
    sheet.append([first, "吴一", "220102"])
    out = io.BytesIO()
    book.save(out)
    assert import_roster(client, out.getvalue(), filename="r.xlsx").status_code == 302
    again = import_roster(client, out.getvalue(), filename="r.xlsx")
    assert "imported before. Nothing has changed" in \
        client.get(again.headers["Location"], headers=EN).get_data(as_text=True)
    assert roster_rows(app) == 1
    import_roster(client, HEADER + f"{first},吴一,220102\n{second},郑二,220102\n")
    with app.app_context():
        db = get_session()
        assert db.scalar(select(func.count(AssistanceRoster.id))) == 1
        assert set(db.scalars(select(AssistanceRosterEntry.id_number))) == {first, second}


def _roster(app: Flask, month: date, rows: list[tuple[str, AssistanceKind]]) -> None:
    from app.domain.benefits import rosters

    with app.app_context():
        db = get_session()
        for kind in AssistanceKind:
            body = HEADER + "".join(f"{n},某人,220102\n" for n, k in rows if k == kind)
            if body != HEADER:
                rosters.import_assistance_roster(db, kind=kind, month=month, area_code="220102",
                                                 content=body.encode(), today=date(2026, 3, 10),
                                                 actor=None)
        db.commit()


def test_the_comparison_leaves_out_tekun_recipients_and_applicants_and_says_why(
        app: Flask) -> None:
    severe, _n1 = card_holder(app, name="甲", phone="13904310001")
    moderate, _n2 = card_holder(app, name="乙", level="3", phone="13904310002")
    tekun, _n3 = card_holder(app, name="丙", phone="13904310003")
    applied, _n4 = card_holder(app, name="丁", phone="13904310004")
    with app.app_context():
        db = get_session()
        numbers = {p.id: p.id_number for p in db.scalars(select(Person))}
        account = db.scalars(select(Application.created_by_account_id)).first()
        db.add(Application(service_code="two-subsidies", person_id=applied,
                           created_by_account_id=account or 1, channel=Channel.ONLINE,
                           status=ApplicationStatus.IN_REVIEW, answers={}))
        db.commit()
    _roster(app, date(2026, 2, 1), [(numbers[severe], AssistanceKind.DIBAO)])
    _roster(app, date(2026, 3, 1), [(numbers[severe], AssistanceKind.DIBAO),
                                    (numbers[moderate], AssistanceKind.DIBAO),
                                    (numbers[tekun], AssistanceKind.TEKUN),
                                    (numbers[applied], AssistanceKind.DIBAO)])
    with app.app_context():
        found = {c.person_id: c for c in outreach.may_be_entitled(
            get_session(), county_codes=["220102"], month=date(2026, 3, 1),
            today=date(2026, 3, 10))}
    assert set(found) == {severe, moderate}
    assert found[severe].reasons == (Reason.LIVING_DIBAO, Reason.CARE_SEVERE_LONG_TERM)
    assert not found[severe].new_this_month
    assert found[moderate].allowances == ("living",) and found[moderate].new_this_month


def test_a_recipient_is_listed_only_for_the_allowance_they_do_not_get(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1), allowance="living", name="戊")
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None
        person = entitlement.person
        person.disability_card_number = person.id_number + "42"
        number = person.id_number
        db.commit()
    _roster(app, date(2026, 3, 1), [(number, AssistanceKind.DIBAO)])
    with app.app_context():
        [found] = outreach.may_be_entitled(get_session(), county_codes=None,
                                           month=date(2026, 3, 1), today=date(2026, 3, 10))
    assert found.allowances == ("care",)


@pytest.mark.engine
def test_a_death_row_stops_payment_from_the_next_month_and_tells_the_family(
        app: Flask, client: FlaskClient) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1), name="王老")
    run(app, date(2026, 3, 1))
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None
        person_id, number = entitlement.person_id, entitlement.person.id_number
        payment_ids = [p.id for p in db.scalars(select(
            __import__("app.domain.models", fromlist=["Payment"]).Payment))]
    settle(app, date(2026, 3, 1), header() + "".join(
        f"{p},成功,2026-03-05,\n" for p in payment_ids))
    agent_id = make_account(app, phone="13904319999", name="王小")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY,
                          status=DelegationStatus.ACTIVE, started_at=datetime.now(UTC)))
        db.commit()
    civil_affairs(app, client)
    body = "身份证号,姓名,死亡日期\n" + f"{number},王老,2026-02-15\n"
    response = client.post("/civil-affairs/deaths", data={
        "source": "public_security", "roster": (io.BytesIO(body.encode()), "deaths.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    # The same list again changes nothing.
    client.post("/civil-affairs/deaths", data={
        "source": "public_security", "roster": (io.BytesIO(body.encode()), "deaths.csv")},
        content_type="multipart/form-data")
    assert run(app, date(2026, 4, 1)) == []
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None and entitlement.state == EntitlementState.STOPPED
        assert entitlement.last_month == date(2026, 2, 1)
        assert [(e.reason, e.effective_month) for e in entitlement.events] == [
            ("died", date(2026, 3, 1))]
        delegation = db.scalars(select(Delegation)).one()
        assert delegation.status == DelegationStatus.ENDED
        told = db.scalars(select(OutboxMessage).where(
            OutboxMessage.recipient == "13904319999")).one()
        assert "2026-02" in told.body and "¥" in told.body
        assert db.scalar(select(func.count(InAppMessage.id)).where(
            InAppMessage.account_id == agent_id)) == 1
        assert db.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "person.death_recorded")) == 1


def test_a_death_list_with_a_future_date_is_refused_with_nothing_stored(
        app: Flask, client: FlaskClient) -> None:
    civil_affairs(app, client)
    body = "身份证号,姓名,死亡日期\n" + f"{id_number()},李四,2026-12-01\n"
    response = client.post("/civil-affairs/deaths", data={
        "source": "civil_affairs", "roster": (io.BytesIO(body.encode()), "d.csv")},
        content_type="multipart/form-data", headers=EN)
    assert "Line 2: the date of death must be a past date" in response.get_data(as_text=True)


def test_counter_staff_see_the_invitation_and_start_its_draft(app: Flask,
                                                              client: FlaskClient) -> None:
    person_id, number = card_holder(app, phone=None, account=False)
    _roster(app, date(2026, 3, 1), [(number, AssistanceKind.DIBAO)])
    civil_affairs(app, client)
    client.post(f"/civil-affairs/may-be-entitled/{person_id}/2026-03/invite")
    make_account(app, phone="13904320001", role=Role.COUNTER, area="220102001")
    counter = app.test_client()
    sign_in(counter, "13904320001")
    page = counter.get(f"/counter/people/{person_id}", headers=EN).get_data(as_text=True)
    assert "Invited to apply for the allowances" in page
    with app.app_context():
        invitation = get_session().scalars(select(OutreachInvitation)).one()
        assert invitation.phone is None
    started = counter.post(f"/counter/people/{person_id}/invitations/{invitation.id}/start")
    assert started.status_code == 302
    with app.app_context():
        draft = get_session().scalars(select(Application)).one()
        assert draft.channel == Channel.COUNTER and draft.person_id == person_id
        assert draft.answers["household"] == {"situation": "dibao"}
        assert draft.answers["card_number"] == {"card_number": number + "41"}


def test_only_civil_affairs_of_the_area_see_the_list(app: Flask, client: FlaskClient) -> None:
    person_id, number = card_holder(app)
    _roster(app, date(2026, 3, 1), [(number, AssistanceKind.DIBAO)])
    civil_affairs(app, client, area="220104")
    assert client.get(f"/civil-affairs/may-be-entitled/{person_id}/2026-03").status_code == 404
    assert "赵敏" not in client.get("/civil-affairs/may-be-entitled").get_data(as_text=True)
    make_account(app, phone="13904320002", role=Role.CASEWORKER, area="220102")
    caseworker = app.test_client()
    sign_in(caseworker, "13904320002")
    assert caseworker.get("/civil-affairs/may-be-entitled").status_code in (403, 404)
