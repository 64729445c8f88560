"""Development-only pages: registered only with DEVELOPMENT_TOOLS (PORTAL_ENV=development or
testing, or the test suite; see app/config.py and app/web/__init__.py)."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.database import get_session
from app.domain.messages.notifications import recent_messages
from app.web.access import public_page
from app.web.i18n import BY_CODE

development = Blueprint("development", __name__, url_prefix="/dev")


@development.get("/messages")
@public_page
def messages() -> str:
    """The newest text messages in the outbox, so developers can read sign-up and reset codes."""
    found = recent_messages(get_session())
    # Each message is in its recipient's language, which may differ from the page's.
    message_languages = {m.id: BY_CODE[m.locale].html_lang for m in found if m.locale in BY_CODE}
    return render_template("dev/messages.html", messages=found,
                           message_languages=message_languages)
