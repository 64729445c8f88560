"""Text messages wait in the outbox and are sent by the configured sender."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.messages.notifications import deliver_pending, queue_sms
from app.domain.models import OutboxMessage
from tests.conftest import _empty_all_tables, make_test_app


@pytest.mark.engine
def test_the_send_command_delivers_pending_messages_to_the_log(
        app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with app.app_context():
        db = get_session()
        queue_sms(db, phone="13904310001", body="您的验证码是 123456", locale="zh_Hans_CN")
        db.commit()
    caplog.set_level(logging.INFO, logger="portal.notifications")
    result = app.test_cli_runner().invoke(args=["send-messages"])
    assert "Sent 1 message(s)." in result.output
    assert "您的验证码是 123456" in caplog.text
    with app.app_context():
        assert get_session().scalars(select(OutboxMessage)).one().sent_at is not None
    again = app.test_cli_runner().invoke(args=["send-messages"])
    assert "Sent 0 message(s)." in again.output


def test_in_development_only_a_request_that_queued_a_message_sends(
        migrated_database: str, tmp_path) -> None:
    development = make_test_app(migrated_database, tmp_path, TESTING=False)
    try:
        with development.app_context():
            db = get_session()
            queue_sms(db, phone="13904310001", body="queued by a worker", locale="zh_Hans_CN")
            db.commit()
        browser = development.test_client()
        assert browser.get("/").status_code == 200
        with development.app_context():
            waiting = get_session().scalars(select(OutboxMessage)).one()
            assert waiting.sent_at is None  # a page view does not deliver the outbox
        browser.post("/sign-up", data={"display_name": "王小明", "phone": "13904312222",
                                       "password": "spring river moon",
                                       "password_again": "spring river moon"})
        with development.app_context():
            messages = get_session().scalars(select(OutboxMessage)).all()
            assert len(messages) == 2
            assert all(message.sent_at is not None for message in messages)
    finally:
        _empty_all_tables(development)


@pytest.mark.engine
def test_two_workers_at_once_each_send_different_messages(app: Flask) -> None:
    if app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite has no row locks to skip: it runs one outbox worker")
    with app.app_context():
        db = get_session()
        for n in range(4):
            queue_sms(db, phone="13904310001", body=f"message {n}", locale="zh_Hans_CN")
        db.commit()
    sent: dict[str, list[str]] = {"first": [], "second": []}

    class Recorder:
        def __init__(self, worker: str) -> None:
            self.worker = worker

        def send(self, message: OutboxMessage) -> None:
            sent[self.worker].append(message.body)
            if self.worker == "first" and len(sent["first"]) == 1:
                # The second worker runs while the first still holds its batch.
                with app.app_context():
                    deliver_pending(get_session(), Recorder("second"), limit=10)

    with app.app_context():
        deliver_pending(get_session(), Recorder("first"), limit=2)
    assert sent["first"] == ["message 0", "message 1"]
    assert sent["second"] == ["message 2", "message 3"]
    with app.app_context():
        assert all(m.sent_at for m in get_session().scalars(select(OutboxMessage)))
