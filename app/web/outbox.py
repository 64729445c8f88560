"""Sends what the outbox holds through the configured sender.

In development every request ends by delivering pending messages to the log (and the dev messages
page lists them); in production a worker runs `flask send-messages --loop`.
"""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.notifications import SENDERS, MessageSender, deliver_pending


def configured_sender(app: Flask) -> MessageSender:
    name = app.config["SMS_SENDER"]
    if name not in SENDERS:
        raise click.ClickException(f"Unknown SMS_SENDER {name!r}; known: {', '.join(SENDERS)}")
    return SENDERS[name]()


def init_outbox(app: Flask) -> None:
    if not app.config["PRODUCTION"] and not app.config["TESTING"]:
        @app.after_request
        def _deliver_in_development(response: Response) -> Response:
            deliver_pending(get_session(), configured_sender(current_app))
            return response

    @app.cli.command("send-messages")
    @click.option("--loop", is_flag=True, help="Keep sending every few seconds.")
    @click.option("--interval", default=5.0, show_default=True)
    def send_messages(loop: bool, interval: float) -> None:
        """Send pending text messages from the outbox."""
        sender = configured_sender(current_app)
        while True:
            sent = deliver_pending(get_session(), sender)
            click.echo(f"Sent {sent} message(s).")
            if not loop:
                return
            time.sleep(interval)
