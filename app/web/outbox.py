"""Sends what the outbox holds through the configured sender.

In development a request that queued a message ends by delivering pending messages to the log
(and the dev messages page lists them); other requests do not touch the outbox. In production
one or more workers run `flask send-messages --loop`.
"""

from __future__ import annotations

import time

import click
from flask import Flask, current_app, g
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.messages.notifications import SENDERS, MessageSender, deliver_pending
from app.domain.models import OutboxMessage

_QUEUED = "portal.outbox_queued"


def configured_sender(app: Flask) -> MessageSender:
    name = app.config["SMS_SENDER"]
    if name not in SENDERS:
        raise click.ClickException(f"Unknown SMS_SENDER {name!r}; known: {', '.join(SENDERS)}")
    return SENDERS[name]()


def _note_queued_messages(session: Session, _context: object, _instances: object) -> None:
    if any(isinstance(item, OutboxMessage) for item in session.new):
        session.info[_QUEUED] = True


def init_outbox(app: Flask) -> None:
    if not app.config["PRODUCTION"] and not app.config["TESTING"]:
        factory: sessionmaker = app.extensions["portal.session_factory"]
        event.listen(factory, "before_flush", _note_queued_messages)

        @app.after_request
        def _deliver_in_development(response: Response) -> Response:
            session: Session | None = g.get("db_session")
            if session is not None and session.info.pop(_QUEUED, False):
                deliver_pending(session, configured_sender(current_app))
            return response

    @app.cli.command("send-messages")
    @click.option("--loop", is_flag=True, help="Keep sending every few seconds.")
    @click.option("--interval", default=5.0, show_default=True)
    def send_messages(loop: bool, interval: float) -> None:
        """Send pending text messages from the outbox (several workers may run at once)."""
        sender = configured_sender(current_app)
        while True:
            sent = deliver_pending(get_session(), sender)
            click.echo(f"Sent {sent} message(s).")
            if not loop:
                return
            time.sleep(interval)
