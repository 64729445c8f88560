"""Asked for more information, an applicant learns by when and how to answer in a way they
really have: a walk-in without an account answers at the counter."""

from __future__ import annotations

from babel.dates import format_date
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Application, OutboxMessage
from tests.factories import make_person
from tests.test_track import (  # noqa: F401  (world is a fixture)
    RESIDENT_PHONE,
    move,
    submitted_application,
    world,
)

WALK_IN_PHONE = "13904317777"


def last_text_to(app: Flask, phone: str) -> str:
    with app.app_context():
        return get_session().scalars(select(OutboxMessage).where(
            OutboxMessage.recipient == phone).order_by(OutboxMessage.id.desc())).first().body


def ask_for_bank_card(app: Flask, application_id: int, caseworker: int) -> str:
    for name, reason in (("accept", None), ("start_review", None),
                         ("request_information", "请补充银行卡复印件")):
        move(app, application_id, name, caseworker, reason)
    with app.app_context():
        due_on = get_session().get(Application, application_id).due_on
    assert due_on is not None
    return format_date(due_on, "long", locale="zh_Hans_CN")


def test_a_walk_in_is_told_to_bring_it_to_the_counter_by_a_date(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    walk_in = make_person(app, name="李秀兰", township="220102001", phone=WALK_IN_PHONE)
    application = submitted_application(app, person_id=walk_in, created_by=world["counter"],
                                        phone=WALK_IN_PHONE)
    due = ask_for_bank_card(app, application, world["caseworker"])
    text = last_text_to(app, WALK_IN_PHONE)
    assert "请补充银行卡复印件" in text
    assert due in text  # "2026年12月17日", not an ISO date
    assert "登录" not in text  # nothing about signing in: they have no account


def test_an_applicant_with_an_account_is_told_the_date_and_both_ways(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    due = ask_for_bank_card(app, world["application"], world["caseworker"])
    text = last_text_to(app, RESIDENT_PHONE)
    assert due in text and "登录" in text
