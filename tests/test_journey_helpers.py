"""The shared answers the journeys use stay in step with the shared steps of every service."""

from __future__ import annotations

from app.services import shared_steps as shared
from tests.journeys import contact_answers, household_answer, identity_answers


def test_the_shared_answers_cover_every_shared_step_but_who_it_is_for() -> None:
    # "Who is this application for?" is asked only of accounts that act for others.
    answered = identity_answers("220102198005170011") | contact_answers() | household_answer()
    shared_keys = {step.key for step in (*shared.IDENTITY_STEPS, *shared.CONTACT_STEPS,
                                         shared.HOUSEHOLD)}
    assert set(answered) == shared_keys - {shared.APPLICANT.key}
