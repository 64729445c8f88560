"""No duplicate messages (issue 25): one event tells a person once, whether the sender failed
half-way through a batch and was run again, or staff sent the same form twice."""

from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.messages.notifications import deliver_pending, queue_sms
from app.domain.models import Application, InAppMessage, OutboxMessage
from tests.pages import signed_in_client
from tests.test_casework import CASEWORKER, act, submitted, world  # noqa: F401


class FlakySender:
    """A text-message gateway that times out once, on the second message it is given."""

    def __init__(self) -> None:
        self.delivered: list[str] = []
        self.calls = 0

    def send(self, message: OutboxMessage) -> None:
        self.calls += 1
        if self.calls == 2:
            raise TimeoutError("the gateway did not answer")
        self.delivered.append(message.body)


@pytest.mark.engine
def test_a_send_retried_after_a_failure_sends_nothing_twice(app: Flask) -> None:
    with app.app_context():
        db = get_session()
        for n in range(3):
            queue_sms(db, phone="13904310001", body=f"message {n}", locale="zh_Hans_CN")
        db.commit()
    sender = FlakySender()
    with app.app_context():
        assert deliver_pending(get_session(), sender) == 1  # the batch stops at the failure
    with app.app_context():
        assert deliver_pending(get_session(), sender) == 2  # the run after it: the rest
        messages = get_session().scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [m.attempts for m in messages] == [1, 2, 1]
        assert all(m.sent_at is not None for m in messages)
    with app.app_context():
        assert deliver_pending(get_session(), sender) == 0
    assert sender.delivered == ["message 0", "message 1", "message 2"]


def test_a_status_change_sent_twice_tells_the_applicant_once(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    application_id = submitted(app, world)
    with app.app_context():
        db = get_session()
        db.get(Application, application_id).answers = {"phone": {"phone": "13905550001"}}
        db.commit()
    caseworker = signed_in_client(app, CASEWORKER)
    for name in ("accept", "start_review"):
        version = str(get_version(app, application_id))
        # The same form sent twice (a double click, or the browser sending it again).
        first = act(caseworker, application_id, name, version=int(version))
        again = act(caseworker, application_id, name, version=int(version))
        assert first.status_code in (302, 303) and again.status_code in (200, 302, 303, 409)
    with app.app_context():
        db = get_session()
        texts = [m.body for m in db.scalars(select(OutboxMessage))]
        inbox = [(m.account_id, m.body) for m in db.scalars(select(InAppMessage))]
    assert len(texts) == 2 and not duplicated(texts), texts
    assert len(inbox) == 2 and not duplicated(inbox), inbox


def get_version(app: Flask, application_id: int) -> int:
    with app.app_context():
        return get_session().get(Application, application_id).version


def duplicated(items: list) -> list:  # type: ignore[type-arg]
    return [item for item, count in Counter(items).items() if count > 1]
