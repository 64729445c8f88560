"""Letters for people who chose phone or letter (issue 25): what a text message would say is
written as a letter in their language, in large print when they asked; staff of the area see
the letters due, print each one, and mark it sent."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Application, Letter, OutboxMessage, Person, Role
from tests.factories import make_account
from tests.pages import EN, signed_in_client, soup, text_of
from tests.test_track import STAFF, move, world  # noqa: F401  (world is a fixture)

CASEWORKER_ELSEWHERE = "13900002099"


def choose(app: Flask, person_id: int, application_id: int, channel: str,
           needs: list[str]) -> None:
    with app.app_context():
        db = get_session()
        person = db.get(Person, person_id)
        person.contact_channel = channel
        person.communication_needs = needs
        person.preferred_language = "ko"
        application = db.get(Application, application_id)
        application.answers = {**application.answers, "contact": {"channel": channel}}
        db.commit()


def test_a_request_for_more_information_is_a_letter_in_large_print(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    choose(app, world["person"], world["application"], "letter", ["large_print"])
    move(app, world["application"], "accept", world["caseworker"])
    move(app, world["application"], "start_review", world["caseworker"])
    move(app, world["application"], "request_information", world["caseworker"],
         "请补充银行卡复印件")
    with app.app_context():
        letters = get_session().scalars(select(Letter).order_by(Letter.id)).all()
        assert len(letters) == 3  # accepted, review started, information asked for
        asked = letters[-1]
        assert "请补充银行卡复印件" in asked.body and asked.large_print and asked.locale == "ko"
        assert not asked.phone_too
        assert get_session().scalars(select(OutboxMessage)).all() == []  # no text message

    caseworker = signed_in_client(app, STAFF["caseworker"])
    listing = soup(caseworker.get("/casework/letters/", headers=EN))
    rows = listing.select("main .card-list > li")
    assert len(rows) == 3 and "Large print" in text_of(rows[-1])
    page = soup(caseworker.get(f"/casework/letters/{asked.id}", headers=EN))
    letter = page.select_one(".letter")
    assert "letter--large-print" in letter["class"] and letter["lang"] == "ko"
    assert "请补充银行卡复印件" in text_of(letter)

    response = caseworker.post(f"/casework/letters/{asked.id}/sent", headers=EN,
                               follow_redirects=True)
    assert "Marked the letter sent." in response.get_data(as_text=True)
    assert len(soup(caseworker.get("/casework/letters/", headers=EN))
               .select("main .card-list > li")) == 2
    with app.app_context():
        sent = get_session().get(Letter, asked.id)
        assert sent.printed_at is not None
        assert sent.printed_by_account_id == world["caseworker"]
    again = caseworker.post(f"/casework/letters/{asked.id}/sent", headers=EN,
                            follow_redirects=True)
    assert "Someone has already marked this letter sent." in again.get_data(as_text=True)


def test_someone_who_chose_the_phone_gets_a_letter_and_staff_are_told_to_call(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    choose(app, world["person"], world["application"], "phone", [])
    move(app, world["application"], "accept", world["caseworker"])
    with app.app_context():
        letter = get_session().scalars(select(Letter)).one()
        assert letter.phone_too and not letter.large_print
    counter = signed_in_client(app, STAFF["counter"])
    page = soup(counter.get(f"/casework/letters/{letter.id}", headers=EN))
    assert "call them and tell them the same" in text_of(page.main)


def test_text_messages_stay_text_messages(app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    move(app, world["application"], "accept", world["caseworker"])
    with app.app_context():
        assert get_session().scalars(select(Letter)).all() == []
        assert get_session().scalars(select(OutboxMessage)).all()


def test_staff_of_another_area_see_no_letter_and_cannot_open_it(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    choose(app, world["person"], world["application"], "letter", [])
    move(app, world["application"], "accept", world["caseworker"])
    make_account(app, phone=CASEWORKER_ELSEWHERE, role=Role.CASEWORKER, area="220103")
    elsewhere = signed_in_client(app, CASEWORKER_ELSEWHERE)
    assert soup(elsewhere.get("/casework/letters/", headers=EN)).select("main .card-list > li") \
        == []
    with app.app_context():
        letter_id = get_session().scalars(select(Letter.id)).one()
    assert elsewhere.get(f"/casework/letters/{letter_id}").status_code == 404
    assert elsewhere.post(f"/casework/letters/{letter_id}/sent").status_code == 404


def made_at_the_counter(app: Flask, application_id: int, counter_id: int) -> None:
    from app.domain.models import Channel

    with app.app_context():
        application = get_session().get(Application, application_id)
        application.channel = Channel.COUNTER
        application.created_by_account_id = counter_id
        get_session().commit()


def test_the_counter_receipt_prints_in_large_print_for_who_asked_for_it(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    made_at_the_counter(app, world["application"], world["counter"])
    counter = signed_in_client(app, STAFF["counter"])
    url = f"/applications/{world['application']}/confirmation"
    standard = soup(counter.get(url, headers=EN))
    assert "receipt--large-print" not in standard.select_one(".receipt")["class"]
    offer = standard.find("a", string=lambda s: bool(s) and "large print" in s)
    assert offer["href"] == f"{url}?print=large"
    large = soup(counter.get(offer["href"], headers=EN))
    assert "receipt--large-print" in large.select_one(".receipt")["class"]
    assert "王小明" in text_of(large.select_one(".receipt"))  # the same receipt, larger

    choose(app, world["person"], world["application"], "letter", ["large_print"])
    asked = soup(counter.get(url, headers=EN))
    assert "receipt--large-print" in asked.select_one(".receipt")["class"]
    assert "The applicant asked for large print" in text_of(asked.select_one("main"))
    back = asked.find("a", string="Show the receipt in standard print")
    assert "receipt--large-print" not in soup(counter.get(back["href"], headers=EN)) \
        .select_one(".receipt")["class"]


def test_a_landline_on_record_gets_no_text_message_and_is_not_offered_for_texts(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    from app.domain.models import Person
    from app.domain.people.identity import mobile_only

    with app.app_context():
        db = get_session()
        db.get(Person, world["person"]).phone = "0431-88888888"
        application = db.get(Application, world["application"])
        application.answers = {}  # no mobile given on the application itself
        db.commit()
    move(app, world["application"], "accept", world["caseworker"])
    with app.app_context():
        assert get_session().scalars(select(OutboxMessage)).all() == []
    assert mobile_only("0431-88888888") is None and mobile_only("13904310001") == "13904310001"
