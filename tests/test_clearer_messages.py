"""One message per thing the person must know, saying which thing (issue 25): the 公示 gives its
dates and where it is posted, the start of the service names the next step, and an agent's
messages say whom they are about."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Account, InAppMessage
from tests.test_decision_letter import approved
from tests.test_track import (  # noqa: F401  (world is a fixture)
    RESIDENT_PHONE,
    move,
    to_review,
    world,
)
from tests.test_walk_in_reply import last_text_to


def in_app(app: Flask, account_id: int) -> str:
    with app.app_context():
        return get_session().scalars(select(InAppMessage).where(
            InAppMessage.account_id == account_id).order_by(InAppMessage.id.desc())
        ).first().body


def test_the_public_notice_message_gives_its_dates_and_where_it_is_posted(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    to_review(app, world)
    move(app, world["application"], "start_public_notice", world["caseworker"])
    text = last_text_to(app, RESIDENT_PHONE)
    # Put up on Tuesday 10 March 2026 (the tests' today) for the default 7 days.
    assert "2026年3月10日" in text and "2026年3月16日" in text
    assert "村（社区）" in text


def test_the_start_of_the_service_names_the_next_step(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    approved(app, world)
    move(app, world["application"], "start_stages", world["caseworker"])
    text = last_text_to(app, RESIDENT_PHONE)
    assert "下一步：首月补贴发放" in text
    assert "已进入下一阶段" not in text


def test_an_agents_messages_say_whom_they_are_about_and_the_persons_own_do_not(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    with app.app_context():  # the resident's agent, confirmed
        from app.domain.models import Delegation, DelegationStatus, Relationship

        db = get_session()
        db.add(Delegation(person_id=world["person"], agent_account_id=world["agent"],
                          relationship_kind=Relationship.FAMILY,
                          status=DelegationStatus.ACTIVE))
        db.commit()
        name = db.get(Account, world["resident"]).display_name
    to_review(app, world)
    assert in_app(app, world["agent"]).startswith(f"关于{name}：")
    assert not in_app(app, world["resident"]).startswith("关于")
