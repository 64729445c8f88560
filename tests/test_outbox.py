"""Text messages wait in the outbox and are sent by the configured sender."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import OutboxMessage
from app.domain.notifications import queue_sms


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
