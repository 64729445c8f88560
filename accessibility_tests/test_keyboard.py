"""Keyboard only: the demo resident answers each service's question steps (keyboard.py).

One journey per service, in the default language and display state. Each starts a new draft
application for the resident (so it does not resume the drafts conftest.applications made)
and deletes it at the end. The first step is sent once with its answer emptied, to check
that focus lands on the error summary; every step is then answered and sent, until the
application reaches its documents page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from accessibility_tests.axe_audit import set_cookies
from accessibility_tests.journeys import (
    DOCUMENTS_PATH,
    FALLBACK_TEXT,
    RESIDENT,
    SELECT_ANSWERS,
    STEP_PATH,
    TEXT_ANSWERS,
)
from accessibility_tests.keyboard import KeyboardWalker
from accessibility_tests.pages import LANGUAGES, SERVICE_CODES

MAX_STEPS = 30


@contextlib.contextmanager
def fresh_draft(audit_app, service_code: str) -> Iterator[int]:
    """A new draft of ``service_code`` for the demo resident; deleted afterwards."""
    from sqlalchemy import select

    from app.database import get_session
    from app.domain.casework import applications
    from app.domain.models import Account, Application, Channel

    with audit_app.app_context():
        db = get_session()
        account = db.scalar(select(Account).where(Account.phone == RESIDENT.phone))
        draft = applications.start_application(
            db, service_code=service_code, created_by=account, channel=Channel.ONLINE,
            person=account.person,
        )
        db.commit()
        draft_id = draft.id
    try:
        yield draft_id
    finally:
        with audit_app.app_context():
            db = get_session()
            leftover = db.get(Application, draft_id)
            if leftover is not None:
                db.delete(leftover)
                db.commit()


def error_text(browser) -> str:
    return browser.execute_script(
        "const s = document.querySelector('.error-summary');"
        "return s ? s.innerText : document.title;"
    )


@pytest.mark.parametrize("service", SERVICE_CODES, ids=str)
def test_questions_can_be_answered_with_the_keyboard_only(
    browser, live_server, audit_app, session_cookies, without_axe, service
):
    set_cookies(browser, live_server, {"lang": LANGUAGES[0], **session_cookies("resident", {})})
    walker = KeyboardWalker(browser, TEXT_ANSWERS, SELECT_ANSWERS, FALLBACK_TEXT)
    with fresh_draft(audit_app, service) as draft_id:
        browser.get(f"{live_server}/applications/{draft_id}")
        first = urlsplit(browser.current_url).path
        assert STEP_PATH.fullmatch(first), f"{service}: the draft opened {browser.current_url}"

        # The first question, sent empty: the page comes back with the error summary focused.
        walker.complete_step(from_top=True, leave_empty=True)
        assert urlsplit(browser.current_url).path == first, (
            f"{service}: the first step, sent with its answer emptied, was accepted "
            f"({browser.current_url}); the journey needs a step that can fail"
        )
        walker.complete_step(from_top=False, expect_error=True)

        answered = first  # the step answered last
        for _ in range(MAX_STEPS):
            path = urlsplit(browser.current_url).path
            if DOCUMENTS_PATH.fullmatch(path):
                break
            if path == answered:
                pytest.fail(f"{service}: step {path} refused its answers: {error_text(browser)}",
                            pytrace=False)
            if not STEP_PATH.fullmatch(path):
                pytest.fail(f"{service}: unexpected page {browser.current_url}", pytrace=False)
            answered = path
            walker.complete_step(from_top=False)
        else:
            pytest.fail(f"{service}: more than {MAX_STEPS} steps", pytrace=False)

        documents = DOCUMENTS_PATH.fullmatch(urlsplit(browser.current_url).path)
        assert documents and int(documents.group(1)) == draft_id, (
            f"{service}: the journey ended on {browser.current_url}, not the draft's documents"
        )
