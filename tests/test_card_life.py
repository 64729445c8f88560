"""The disability card's whole life (issue 22, 《残疾人证管理办法》): the new card's 公示 and the
county's review, 重新评定 at the city federation, the card's ten years and the reminder before
they end, and 注销 with its one-year bar."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.database import get_session
from app.domain.casework import workflow
from app.domain.casework.deciding_bodies import Body, body_name
from app.domain.models import (
    Account,
    Application,
    Channel,
    InAppMessage,
    Letter,
    OutboxMessage,
    Person,
    Role,
)
from app.domain.models import ApplicationStatus as S
from app.domain.people import cards
from app.web.messages import notify_status_change
from tests.factories import make_account, make_person, sign_in
from tests.journeys import counter_starts_for_a_person, follow_wizard
from tests.pages import EN
from tests.test_apply_disability_assessment import answers_for
from tests.test_process_flow import MONDAY, move, new_application, offered, record, refused

pytestmark = pytest.mark.engine


@pytest.fixture
def staff(app: Flask) -> dict[str, int]:
    """A resident with a record in 南关区, and the county's staff (as in test_process_flow)."""
    resident = make_account(app, phone="13900003001")
    return {
        "resident": resident,
        "person": make_person(app, township="220102001", account_id=resident),
        "counter": make_account(app, phone="13900003002", role=Role.COUNTER, area="220102001"),
        "caseworker": make_account(app, phone="13900003003", role=Role.CASEWORKER,
                                   area="220102"),
        "approver": make_account(app, phone="13900003004", role=Role.APPROVER, area="220102"),
    }


def assessed_and_in_review(app: Flask, staff: dict[str, int], kind: str) -> int:
    """A card application whose designated hospital has given its result (评定), on MONDAY."""
    application = new_application(app, staff, "disability-assessment",
                                  answers={"assessment_kind": {"kind": kind}})
    move(app, application, staff["counter"], "accept")
    move(app, application, staff["caseworker"], "start_assessment")
    record(app, application, "appointment", scheduled_for=MONDAY)
    record(app, application, "assessment_result")
    assert move(app, application, staff["caseworker"], "finish_assessment") == S.IN_REVIEW
    return application


def application_of(app: Flask, application_id: int) -> Application:
    with app.app_context():
        found = get_session().get(Application, application_id)
        assert found is not None
        get_session().expunge(found)
        return found


# --- 第九条: 5 working days of 公示, then the county's 10 working days -------------------------

def test_a_new_card_is_on_public_notice_for_five_working_days_after_the_result(
        app: Flask, staff: dict[str, int]) -> None:
    application = assessed_and_in_review(app, staff, "new")
    # No way to the decision but through the 公示.
    assert "pass_for_decision" not in offered(app, application, staff["caseworker"])
    assert move(app, application, staff["caseworker"], "start_public_notice") == S.PUBLIC_NOTICE
    found = application_of(app, application)
    # Put up on Monday 2 March: 3, 4, 5, 6 and 9 March are its five working days.
    assert found.public_notice_ends_on == date(2026, 3, 9)
    assert refused(app, application, staff["caseworker"], "pass_for_decision",
                   on=date(2026, 3, 9))
    assert move(app, application, staff["caseworker"], "pass_for_decision",
                on=date(2026, 3, 10)) == S.READY_FOR_DECISION
    # The county reviews within 10 working days of the 公示's end: by 23 March.
    assert application_of(app, application).due_on == date(2026, 3, 23)


def test_the_public_notice_counts_working_days_across_a_public_holiday(
        app: Flask, staff: dict[str, int]) -> None:
    application = assessed_and_in_review(app, staff, "new")
    # Put up on Wednesday 30 September 2026: 1–7 October are the National Day holiday, and
    # Saturday 10 October a make-up working day (the 2026 notice).
    move(app, application, staff["caseworker"], "start_public_notice", on=date(2026, 9, 30))
    assert application_of(app, application).public_notice_ends_on == date(2026, 10, 13)


def test_an_objection_during_the_card_public_notice_sends_it_back_to_the_review(
        app: Flask, staff: dict[str, int]) -> None:
    application = assessed_and_in_review(app, staff, "new")
    move(app, application, staff["caseworker"], "start_public_notice")
    assert move(app, application, staff["caseworker"], "return_to_review",
                "村民反映评定时未如实陈述", on=date(2026, 3, 4)) == S.IN_REVIEW


@pytest.mark.parametrize("kind", ["change", "reassessment"])
def test_only_a_first_card_has_the_public_notice(
        app: Flask, staff: dict[str, int], kind: str) -> None:
    application = assessed_and_in_review(app, staff, kind)
    assert "start_public_notice" not in offered(app, application, staff["caseworker"])
    assert move(app, application, staff["caseworker"], "pass_for_decision") == \
        S.READY_FOR_DECISION


# --- 第二十五条: 重新评定 at the city federation -----------------------------------------------

def test_a_reassessment_is_decided_by_the_city_federation_not_the_county(
        app: Flask, staff: dict[str, int]) -> None:
    city_approver = make_account(app, phone="13900003021", role=Role.APPROVER, area="220100")
    other_city = make_account(app, phone="13900003022", role=Role.APPROVER, area="220200")
    application = assessed_and_in_review(app, staff, "reassessment")
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert offered(app, application, staff["approver"]) == []  # the county's approver
    assert refused(app, application, staff["approver"], "approve")
    assert offered(app, application, other_city) == []  # 吉林市 does not see 长春's
    assert offered(app, application, city_approver) == ["return_to_review", "approve", "refuse"]
    assert move(app, application, city_approver, "approve", "重新评定：肢体二级") == S.APPROVED


def test_the_reassessment_waits_in_the_city_federations_list_not_the_countys(
        app: Flask, client: FlaskClient, staff: dict[str, int]) -> None:
    make_account(app, phone="13900003021", role=Role.APPROVER, area="220100")
    application = assessed_and_in_review(app, staff, "reassessment")
    move(app, application, staff["caseworker"], "pass_for_decision")
    reference = application_of(app, application).reference

    def decisions_seen_by(phone: str) -> str:
        visitor = app.test_client()
        sign_in(visitor, phone)
        page = BeautifulSoup(visitor.get("/casework/decisions").data, "html.parser")
        return "".join(page.main.get_text().split())

    assert reference not in decisions_seen_by("13900003004")  # the county's approver
    assert reference in decisions_seen_by("13900003021")  # 长春市残联


def test_a_first_card_is_still_decided_by_the_county(
        app: Flask, staff: dict[str, int]) -> None:
    application = assessed_and_in_review(app, staff, "change")
    move(app, application, staff["caseworker"], "pass_for_decision")
    assert move(app, application, staff["approver"], "approve", "符合标准") == S.APPROVED


def test_the_city_federation_is_named_after_the_countys_city(app: Flask) -> None:
    with app.app_context():
        assert body_name(Body.CITY_FEDERATION, "220102", "zh_Hans_CN").text == "长春市残疾人联合会"
        assert body_name(Body.DISABILITY_FEDERATION, "220102", "zh_Hans_CN").text == \
            "南关区残疾人联合会"


# --- 第十九条: ten years, and the reminder 90 days before ---------------------------------------

def issue_card(app: Flask, staff: dict[str, int], *, on: date = MONDAY) -> int:
    application = assessed_and_in_review(app, staff, "change")
    move(app, application, staff["caseworker"], "pass_for_decision")
    move(app, application, staff["approver"], "approve", "符合标准")
    move(app, application, staff["caseworker"], "start_stages")
    record(app, application, "card_issued", on=on)
    return application


def person(app: Flask, person_id: int) -> Person:
    with app.app_context():
        found = get_session().get(Person, person_id)
        assert found is not None
        get_session().expunge(found)
        return found


def test_issuing_the_card_records_its_ten_years(app: Flask, staff: dict[str, int]) -> None:
    issue_card(app, staff)
    holder = person(app, staff["person"])
    assert holder.card_issued_on == MONDAY
    assert holder.card_expires_on == date(2036, 3, 1)


def test_a_card_issued_on_29_february_runs_to_27_february(app: Flask) -> None:
    assert cards.expiry_of(date(2028, 2, 29)) == date(2038, 2, 27)


def set_card(app: Flask, person_id: int, *, issued: date | None = None,
             cancelled: date | None = None, ground: str | None = None) -> None:
    with app.app_context():
        db = get_session()
        found = db.get(Person, person_id)
        if issued is not None:
            cards.record_issued(found, issued)
        if cancelled is not None:
            cards.record_cancelled(found, ground, cancelled)
        db.commit()


def reminders(app: Flask) -> tuple[int, int]:
    """Runs the daily command; returns the text messages and inbox messages sent so far."""
    result = app.test_cli_runner().invoke(args=["send-card-reminders"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db = get_session()
        return (db.scalar(select(func.count(OutboxMessage.id))) or 0,
                db.scalar(select(func.count(InAppMessage.id))) or 0)


def test_the_holder_is_reminded_once_90_days_before_the_card_expires(
        app: Flask, staff: dict[str, int], frozen_clock) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        db = get_session()
        db.get(Person, staff["person"]).phone = "13900003001"
        db.commit()
    set_card(app, staff["person"], issued=date(2016, 6, 9))  # expires on 8 June 2026
    frozen_clock.move_to("2026-03-09 09:30 +08:00")  # 91 days before: not yet
    assert reminders(app) == (0, 0)
    frozen_clock.move_to("2026-03-10 09:30 +08:00")  # 90 days before
    assert reminders(app) == (1, 1)  # a text message, and the inbox of the holder's account
    assert reminders(app) == (1, 1)  # run again the same day: nobody reminded twice
    frozen_clock.move_to("2026-04-10 09:30 +08:00")
    assert reminders(app) == (1, 1)  # nor on a later day
    with app.app_context():
        text = get_session().scalar(select(OutboxMessage.body))
    assert "2026年6月8日" in text and "/services/disability-assessment" in text


def test_a_renewed_card_is_reminded_again_before_its_own_expiry(
        app: Flask, staff: dict[str, int], frozen_clock) -> None:  # type: ignore[no-untyped-def]
    set_card(app, staff["person"], issued=date(2016, 6, 9))
    assert reminders(app) == (0, 1)  # no phone on record: the inbox only
    set_card(app, staff["person"], issued=date(2026, 3, 20))  # renewed (换领)
    frozen_clock.move_to("2035-12-20 09:30 +08:00")
    assert reminders(app) == (0, 2)


def test_a_cancelled_card_is_not_reminded(
        app: Flask, staff: dict[str, int]) -> None:
    set_card(app, staff["person"], issued=date(2016, 6, 9), cancelled=date(2026, 3, 1),
             ground="died")
    assert reminders(app) == (0, 0)


def test_the_holder_sees_the_card_and_the_renewal_link_on_the_account_page(
        app: Flask, client: FlaskClient, staff: dict[str, int]) -> None:
    set_card(app, staff["person"], issued=date(2016, 6, 9))
    sign_in(client, "13900003001")
    page = BeautifulSoup(client.get("/account", headers=EN).data, "html.parser")
    text = page.main.get_text(" ")
    assert "Issued on 9 June 2016, valid until 8 June 2026" in text
    link = page.find("a", string=lambda s: s and "Ask for a new card to replace it" in s)
    assert link is not None and link["href"].endswith("/services/disability-assessment")


def test_counter_staff_see_the_card_dates_on_the_person_record(
        app: Flask, client: FlaskClient, staff: dict[str, int]) -> None:
    set_card(app, staff["person"], issued=date(2020, 5, 6))
    sign_in(client, "13900003002")
    page = client.get(f"/counter/people/{staff['person']}", headers=EN)
    assert "Issued on 6 May 2020, valid until 5 May 2030" in \
        BeautifulSoup(page.data, "html.parser").main.get_text(" ")


# --- 第二十四条: 注销 and the one-year bar --------------------------------------------------------

def test_cancelling_on_death_records_it_and_the_family_gets_a_letter(
        app: Flask, client: FlaskClient, staff: dict[str, int]) -> None:
    set_card(app, staff["person"], issued=date(2020, 5, 6))
    with app.app_context():
        db = get_session()
        db.get(Person, staff["person"]).contact_channel = "letter"
        db.commit()
    application = new_application(app, staff, "disability-assessment", answers={
        "assessment_kind": {"kind": "cancellation"}, "cancellation": {"reason": "died"}})
    move(app, application, staff["counter"], "accept")
    move(app, application, staff["caseworker"], "start_review")
    move(app, application, staff["caseworker"], "pass_for_decision")
    move(app, application, staff["approver"], "approve", "持证人已死亡，予以注销")
    move(app, application, staff["caseworker"], "start_stages")
    with app.app_context():
        db = get_session()
        found = db.get(Application, application)
        workflow.perform_stage(db, found, "card_cancelled",
                               actor=db.get(Account, staff["caseworker"]),
                               channel=Channel.OFFICE, notify=notify_status_change, today=MONDAY)
        db.commit()
        holder = db.get(Person, staff["person"])
        assert (holder.card_cancelled_on, holder.card_cancellation_ground) == (MONDAY, "died")
        assert holder.card_expires_on is None
        letters = db.scalars(select(Letter).where(Letter.application_id == application)).all()
        assert letters and letters[-1].locale == "zh_Hans_CN"
    sign_in(client, "13900003001")  # the family member who follows the record online
    letter = client.get(f"/applications/{application}/decision", headers=EN)
    assert "the earliest date is 2 March 2027" in \
        BeautifulSoup(letter.data, "html.parser").main.get_text(" ")


def test_a_new_card_within_a_year_of_a_cancellation_is_refused_beside_the_question(
        app: Flask, client: FlaskClient) -> None:
    person_id, number, first_page = counter_starts_for_a_person(
        app, client, "disability-assessment")
    set_card(app, person_id, issued=date(2016, 1, 4), cancelled=date(2025, 6, 1),
             ground="no_longer_meets_standard")
    answers = answers_for(number, name="李娜")
    del answers["assessment_kind"]
    with pytest.raises(AssertionError, match="assessment_kind"):  # the wizard gets there
        follow_wizard(client, first_page, answers)
    kind_page = first_page.rsplit("/steps/", 1)[0] + "/steps/assessment_kind"
    response = client.post(kind_page, data={"kind": "new"}, headers=EN)
    assert response.status_code == 200
    page = BeautifulSoup(response.data, "html.parser")
    error = page.select_one("#kind-error") or page.select_one(".error-message")
    assert error is not None
    assert "A new card can be applied for from 1 June 2026" in error.get_text()
    # A card service about the card held is not barred.
    assert client.post(kind_page, data={"kind": "renewal"}).status_code == 302


def test_a_year_after_the_cancellation_a_new_card_can_be_applied_for(
        app: Flask, client: FlaskClient) -> None:
    person_id, number, first_page = counter_starts_for_a_person(
        app, client, "disability-assessment")
    set_card(app, person_id, issued=date(2016, 1, 4), cancelled=date(2025, 3, 10),
             ground="no_longer_meets_standard")
    with app.app_context():
        assert cards.new_application_from(get_session().get(Person, person_id),
                                          date(2026, 3, 10)) is None
    documents_url = follow_wizard(client, first_page, answers_for(number, name="李娜"))
    assert documents_url.endswith("/documents")


def test_the_cancellation_asks_only_for_the_grounds_the_rules_give(
        app: Flask, client: FlaskClient) -> None:
    from app.services.disability_assessment import CancellationForm

    with app.test_request_context():
        assert [value for value, _label in CancellationForm().reason.choices] == [
            "died", "no_longer_meets_standard"]


def test_the_bar_ends_a_year_after_the_cancellation(app: Flask) -> None:
    barred = Person(card_cancelled_on=date(2026, 3, 1))
    assert cards.new_application_from(barred, date(2027, 2, 28)) == date(2027, 3, 1)
    assert cards.new_application_from(barred, date(2027, 3, 1)) is None
    assert cards.new_application_from(Person(), date(2026, 3, 10)) is None



def test_the_approval_letter_gives_the_cards_ten_years(
        app: Flask, client: FlaskClient, staff: dict[str, int]) -> None:
    application = issue_card(app, staff)
    sign_in(client, "13900003001")
    letter = client.get(f"/applications/{application}/decision", headers=EN)
    assert "valid for ten years, until 1 March 2036" in \
        BeautifulSoup(letter.data, "html.parser").main.get_text(" ")
