"""The notifications outbox: messages are written with the change, then sent by a sender."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import OutboxMessage

log = logging.getLogger("portal.notifications")


class MessageSender(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


class LogSender:
    """The development sender: writes each message to the log (and the dev messages page)."""

    def send(self, message: OutboxMessage) -> None:
        log.info("SMS to %s (%s): %s", message.recipient, message.locale, message.body)


SENDERS: dict[str, type[MessageSender]] = {"log": LogSender}


def queue_sms(session: Session, *, phone: str, body: str, locale: str) -> OutboxMessage:
    message = OutboxMessage(channel="sms", recipient=phone, body=body, locale=locale, attempts=0)
    session.add(message)
    return message


def deliver_pending(session: Session, sender: MessageSender, *, limit: int = 100) -> int:
    """Sends one batch. On PostgreSQL the batch's rows stay locked until the commit and other
    workers skip them (FOR UPDATE SKIP LOCKED), so several workers never send a message twice.
    SQLite has no row locks: run one worker there."""
    pending = session.scalars(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        .order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
    ).all()
    sent = 0
    for message in pending:
        message.attempts += 1
        try:
            sender.send(message)
        except Exception:
            # Those already sent are marked so before anything else happens: had the error
            # rolled the batch back, the next run would text them again (issue 25). The rest
            # wait for the next run, the failed one with its attempt counted.
            log.exception("Sending outbox message %s failed; it is tried again on the next run",
                          message.id)
            break
        message.sent_at = datetime.now(UTC)
        sent += 1
    session.commit()
    return sent


def recent_messages(session: Session, *, limit: int = 50) -> list[OutboxMessage]:
    return list(session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    ))
