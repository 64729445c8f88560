"""Every status and every action has its own words: for the applicant's timeline and messages,
for staff, and on the buttons (translated in every language by test_translations)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale

from app.domain.casework.status_machine import TRANSITIONS
from app.domain.models import ApplicationStatus
from app.web.casework.words import BUTTONS, CONFIRMATIONS, STAFF_STATUSES
from app.web.labels import STATUSES
from app.web.messages import _status_text
from app.web.track.progress import NEXT_STEPS


def test_every_status_has_words_for_the_applicant_and_for_staff() -> None:
    every = set(ApplicationStatus)
    assert set(STATUSES) == every
    assert set(STAFF_STATUSES) == every
    assert set(NEXT_STEPS) == every


def test_every_action_has_a_button_and_a_confirmation() -> None:
    names = {transition.name for transition in TRANSITIONS}
    assert set(BUTTONS) == names
    assert set(CONFIRMATIONS) == names


@pytest.mark.parametrize("status", ["assessing", "public_notice", "ready_for_decision",
                                    "waiting_for_quota"])
def test_the_applicant_is_told_each_new_status_in_its_own_words(app: Flask, status: str) -> None:
    with app.test_request_context(), force_locale("zh_Hans_CN"):
        generic = _status_text("no_such_status", None, "7K3M 9QXP C")
        told = _status_text(status, None, "7K3M 9QXP C")
    assert told != generic and "7K3M 9QXP C" in told
