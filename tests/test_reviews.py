"""定期复核 (issue 22): a county's yearly review round, answered online, by an agent or at the
counter; reminders sent once; no answer suspends payment with a letter, a late answer resumes
it and the months held back are paid; staff check a reproducible sample."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.database import get_session
from app.domain.benefits import reviews
from app.domain.models import (
    Entitlement,
    EntitlementState,
    Letter,
    OutboxMessage,
    Person,
    ReviewCase,
    ReviewRound,
    Role,
)
from tests.factories import make_account
from tests.pages import error_for, main_text, signed_in_client
from tests.test_payment_run import NANGUAN, entitled, run

CHAOYANG = "220104"
CIVIL_AFFAIRS_PHONE = "13700000101"


def person_of(app: Flask, entitlement_id: int) -> tuple[int, str]:
    with app.app_context():
        entitlement = get_session().get(Entitlement, entitlement_id)
        assert entitlement is not None
        return entitlement.person_id, entitlement.person.phone or ""


def civil_affairs(app: Flask, area: str = NANGUAN,
                  phone: str = CIVIL_AFFAIRS_PHONE) -> FlaskClient:
    make_account(app, phone=phone, role=Role.CIVIL_AFFAIRS, area=area)
    return signed_in_client(app, phone)


def open_round(app: Flask, due: str = "2026-04-30") -> int:
    browser = civil_affairs(app)
    year, month, day = due.split("-")
    response = browser.post("/reviews", data={
        "county": NANGUAN, "due_on-year": year, "due_on-month": month, "due_on-day": day})
    assert response.status_code == 302, main_text(browser.get("/reviews"))
    with app.app_context():
        found = get_session().scalar(select(ReviewRound.id))
        assert found is not None
        return found


def sms_to(app: Flask, phone: str) -> list[str]:
    with app.app_context():
        return [m.body for m in get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == phone)
            .order_by(OutboxMessage.id))]


def cli(app: Flask, command: str) -> str:
    result = app.test_cli_runner().invoke(args=[command])
    assert result.exit_code == 0, result.output
    return result.output


ANSWER_ALL_SAME = {"lives_at_hukou": "yes", "subsistence_in_force": "yes",
                   "not_in_institution": "yes", "account_unchanged": "yes"}


def test_opening_a_round_tells_every_recipient_once_and_a_week_before_reminds_who_has_not_answered(
        app: Flask, frozen_clock: time_machine.Traveller) -> None:
    first = entitled(app, first_month=date(2026, 1, 1))
    second = entitled(app, first_month=date(2026, 1, 1), name="王芳")
    entitled(app, first_month=date(2026, 1, 1), name="赵敏", county=CHAOYANG)
    _, first_phone = person_of(app, first)
    second_person, second_phone = person_of(app, second)
    open_round(app)
    assert len(sms_to(app, first_phone)) == 1
    assert "2026年4月30日" in sms_to(app, first_phone)[0]
    with app.app_context():  # the other county's recipient is not in Nanguan's round
        assert get_session().scalar(select(func.count()).select_from(ReviewCase)) == 2

    answer = signed_in_client(app, second_phone).post(
        f"/allowances/{second_person}/review", data=ANSWER_ALL_SAME)
    assert answer.status_code == 302

    frozen_clock.move_to(datetime(2026, 4, 22, 9, tzinfo=UTC))  # 8 days before: too soon
    assert "sent: 0" in cli(app, "send-review-reminders")
    frozen_clock.move_to(datetime(2026, 4, 23, 9, tzinfo=UTC))
    assert "sent: 1" in cli(app, "send-review-reminders")
    assert "sent: 0" in cli(app, "send-review-reminders")  # run again: nobody twice
    assert len(sms_to(app, first_phone)) == 2
    assert len(sms_to(app, second_phone)) == 1  # answered: no reminder


@pytest.mark.engine
def test_no_answer_by_the_date_puts_payment_on_hold_with_a_letter_and_a_late_answer_pays_it_back(
        app: Flask, frozen_clock: time_machine.Traveller) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_of(app, ident)
    run(app, date(2026, 3, 1))
    open_round(app)
    frozen_clock.move_to(datetime(2026, 4, 30, 9, tzinfo=UTC))  # the last day: still open
    assert "hold for no answer to the review: 0" in cli(app, "close-review-rounds")
    frozen_clock.move_to(datetime(2026, 5, 1, 9, tzinfo=UTC))
    assert "hold for no answer to the review: 1" in cli(app, "close-review-rounds")
    assert "hold for no answer to the review: 0" in cli(app, "close-review-rounds")
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None and entitlement.state == EntitlementState.SUSPENDED
        assert entitlement.state_reason == "review_not_answered"
        letters = db.scalars(select(Letter)).all()
        assert len(letters) == 1 and "/allowances/" in letters[0].body
    assert "暂停" in sms_to(app, phone)[-1] or "hold" in sms_to(app, phone)[-1]
    assert run(app, date(2026, 5, 1)) == []  # held back

    browser = signed_in_client(app, phone)
    page = main_text(browser.get(f"/allowances/{person_id}"))
    assert "2026" in page and f"/allowances/{person_id}/review" in \
        browser.get(f"/allowances/{person_id}").get_data(as_text=True)
    # Something changed? The review page leads to reporting it online.
    assert f"/changes/people/{person_id}" in browser.get(
        f"/allowances/{person_id}/review").get_data(as_text=True)
    frozen_clock.move_to(datetime(2026, 5, 20, 9, tzinfo=UTC))
    assert browser.post(f"/allowances/{person_id}/review",
                        data=ANSWER_ALL_SAME).status_code == 302
    assert run(app, date(2026, 6, 1)) == [("2026-04", 9900), ("2026-05", 9900),
                                          ("2026-06", 9900)]
    # Answering again records nothing twice: the page goes back to the allowances.
    again = browser.post(f"/allowances/{person_id}/review", data=ANSWER_ALL_SAME)
    assert again.status_code == 302 and again.location.endswith(f"/allowances/{person_id}")


def test_an_answer_left_unfinished_says_which_question_and_keeps_the_rest(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_of(app, ident)
    open_round(app)
    response = signed_in_client(app, phone).post(
        f"/allowances/{person_id}/review",
        data={"lives_at_hukou": "yes", "changes_note": "五月搬到女儿家"})
    assert response.status_code == 200
    assert error_for(response, "account_unchanged").endswith("请选择“是”或“否”")
    assert error_for(response, "lives_at_hukou") == ""
    assert "五月搬到女儿家" in response.get_data(as_text=True)


def test_an_answer_saying_something_changed_is_a_note_for_staff_and_payment_goes_on(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1), allowance="care")
    person_id, phone = person_of(app, ident)
    round_id = open_round(app)
    browser = signed_in_client(app, phone)
    form = browser.get(f"/allowances/{person_id}/review").get_data(as_text=True)
    assert "subsistence_in_force" not in form  # 低保 is asked only for the living allowance
    browser.post(f"/allowances/{person_id}/review", data={
        "lives_at_hukou": "no", "not_in_institution": "yes", "account_unchanged": "yes",
        "changes_note": "五月搬到女儿家"})
    with app.app_context():
        entitlement = get_session().get(Entitlement, ident)
        assert entitlement is not None and entitlement.state == EntitlementState.PAYING
    staff_page = main_text(civil_affairs(app, phone="13700000102").get(f"/reviews/{round_id}"))
    assert "五月搬到女儿家" in staff_page and "不再居住在户籍地址" in staff_page


def test_counter_staff_record_the_answer_of_the_person_in_front_of_them(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, _ = person_of(app, ident)
    open_round(app)
    make_account(app, phone="13700000201", role=Role.COUNTER, area="220102001")
    counter = signed_in_client(app, "13700000201")
    assert counter.post(f"/allowances/{person_id}/review",
                        data=ANSWER_ALL_SAME).status_code == 302
    with app.app_context():
        case = get_session().scalar(select(ReviewCase))
        assert case is not None and case.channel == "counter" and case.answered_on is not None


def test_an_agent_answers_for_the_person_and_a_stranger_cannot(app: Flask) -> None:
    from tests.test_my_allowances import linked_agent

    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, _ = person_of(app, ident)
    open_round(app)
    agent = linked_agent(app, person_id)
    assert agent.post(f"/allowances/{person_id}/review",
                      data=ANSWER_ALL_SAME).status_code == 302
    make_account(app, phone="13700000301")
    stranger = signed_in_client(app, "13700000301")
    assert stranger.get(f"/allowances/{person_id}/review").status_code == 404


def test_the_sample_for_checks_is_ten_percent_with_a_minimum_and_drawn_the_same_again(
        app: Flask) -> None:
    assert reviews.sample_size(3) == 3
    assert reviews.sample_size(30) == 5
    assert reviews.sample_size(101) == 11
    with app.app_context():
        db = get_session()
        picks = []
        for _ in range(2):
            review = ReviewRound(county_code=NANGUAN, year=2026, opened_on=date(2026, 3, 1),
                                 due_on=date(2026, 4, 30), sample_seed="220102-2026-x")
            for number in range(60):
                person = Person(full_name="某", id_number=f"{number:018d}",
                                birth_date=date(1970, 1, 1), sex="F")
                review.cases.append(ReviewCase(person=person, answers={},
                                               answered_on=date(2026, 3, 20)))
            db.add(review)
            db.flush()
            drawn = reviews.draw_sample(db, review, today=date(2026, 5, 2))
            picks.append([review.cases.index(case) for case in drawn])
            db.rollback()
        assert len(picks[0]) == 6 and picks[0] == picks[1]


def test_staff_draw_the_sample_once_and_record_what_each_check_found(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    person_id, phone = person_of(app, ident)
    round_id = open_round(app)
    signed_in_client(app, phone).post(f"/allowances/{person_id}/review", data=ANSWER_ALL_SAME)
    staff = civil_affairs(app, phone="13700000102")
    assert staff.post(f"/reviews/{round_id}/sample").status_code == 302
    staff.post(f"/reviews/{round_id}/sample")  # once only
    with app.app_context():
        case = get_session().scalar(select(ReviewCase))
        assert case is not None and case.drawn_for_check
        case_id = case.id
    empty = staff.post(f"/reviews/{round_id}/checks/{case_id}", data={"note": "上门核实"})
    assert error_for(empty, "outcome") and "上门核实" in empty.get_data(as_text=True)
    done = staff.post(f"/reviews/{round_id}/checks/{case_id}",
                      data={"outcome": "confirmed", "note": "上门核实"})
    assert done.status_code == 302
    assert "答复属实" in main_text(staff.get(f"/reviews/{round_id}")) or \
        "confirmed" in main_text(staff.get(f"/reviews/{round_id}"))


def test_civil_affairs_of_another_county_cannot_see_or_open_its_round(app: Flask) -> None:
    entitled(app, first_month=date(2026, 1, 1))
    round_id = open_round(app)
    other = civil_affairs(app, area=CHAOYANG, phone="13700000401")
    assert other.get(f"/reviews/{round_id}").status_code == 404
    refused = other.post("/reviews", data={"county": NANGUAN, "due_on-year": "2026",
                                           "due_on-month": "5", "due_on-day": "30"})
    assert refused.status_code == 200


def test_a_second_round_in_the_same_year_is_refused_beside_the_date(app: Flask) -> None:
    entitled(app, first_month=date(2026, 1, 1))
    open_round(app)
    again = civil_affairs(app, phone="13700000102").post("/reviews", data={
        "county": NANGUAN, "due_on-year": "2026", "due_on-month": "6", "due_on-day": "30"})
    assert again.status_code == 200 and error_for(again, "due_on")
