"""Issue 4: every step page, in its empty, error and filled states, has zero axe violations.

For each service and language (default display state) a resident walks the application from the
start button to the documents page; at each step the page is audited as first shown, after being
sent with nothing answered, and answered but not yet sent (accessibility_tests/wizard_walk.py).
One service is also walked by the demo agent, so the "Who is this application for?" step (only
shown to an account that acts for someone) and the 户籍 county step (only asked of an applicant
not on record, which the agent's own application is) are audited too, in every language.

Run: ``pytest accessibility_tests/test_wizard_steps.py -q``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from accessibility_tests.axe_audit import set_cookies
from accessibility_tests.pages import DEFINED_SERVICES, LANGUAGES
from accessibility_tests.report import record_wizard_states
from accessibility_tests.wizard_walk import (
    DEMO_BIRTH_DATE,
    WalkResult,
    delete_draft,
    new_resident,
    sign_in,
    walk_and_audit,
)
from app.domain.people.identity import check_character
from app.services import get_service

PASSWORD = "audit every wizard step"
AGENT_SERVICE = "two-subsidies"
# Steps a resident on record is never asked; the agent's walk audits them.
AGENT_ONLY_STEPS = ("applicant", "hukou_county")
# The one application asks nothing the record holds: its identity steps are the shared ones,
# audited with every other service.
HELD_STEPS = {"disability-services": ("full_name", "id_number", "confirm_identity")}


@dataclass(frozen=True)
class Route:
    """How a service is walked so that every one of its steps comes up (answer_form alone
    chooses each question's first option, which skips some)."""

    born: datetime.date = DEMO_BIRTH_DATE
    choices: dict[str, str] = field(default_factory=dict)  # radio or checkbox name -> option
    detours: tuple[tuple[str, dict[str, str]], ...] = ()  # back to a step, other answer


_SIXTEEN = datetime.date(datetime.date.today().year - 16, 1, 1)
_FOUR = datetime.date(datetime.date.today().year - 4, 1, 1)
ROUTES = {
    # The care allowance asks about the long-term care need; another care allowance asks which
    # one the applicant wants (择高).
    "two-subsidies": Route(choices={"allowances": "care", "support": "old_age_care"}),
    # A disputed result asks when and why; someone who cannot travel is asked about a visit.
    # Going back for a replacement card asks what happened to it, and for a cancellation
    # asks the card number and why.
    "disability-assessment": Route(
        choices={"kind": "reassessment", "can_travel": "no"},
        detours=(("assessment_kind", {"kind": "reissue"}),
                 ("assessment_kind", {"kind": "cancellation"}))),
    # Aged 6 or over: "Is the applicant a student?". A new device asks what they use now; going
    # back to ask for a repair instead asks which device. A second walk, for a child of 4
    # without a card, is asked where the child's household is registered.
    # One application (issue 23): the card's own steps (a home visit), the care allowance (择高),
    # then devices instead (a repair, aged 16, a student).
    "disability-services": Route(
        born=_SIXTEEN,
        choices={"parts": "care", "can_travel": "no", "support": "old_age_care"},
        detours=(("parts", {"parts": "devices"}), ("need_kind", {"need": "repair"}))),
    "assistive-devices": (
        Route(born=_SIXTEEN, detours=(("need_kind", {"need": "repair"}),)),
        Route(born=_FOUR, choices={"has_card": "no"}),
    ),
}


@pytest.fixture(scope="module")
def resident_password_hash() -> str:
    from app.domain.people.passwords import hash_password

    return hash_password(PASSWORD)  # hashed once: it is deliberately slow


def _report(node: pytest.Item, result: WalkResult, service_code: str, language: str,
            who: str) -> None:
    record_wizard_states(node, result.pages_audited)
    failures = result.problems + result.reports
    if failures:
        header = (
            f"{service_code} [lang={language}, as {who}]: {len(result.reports)} of "
            f"{result.pages_audited} page states failed axe; steps walked: {result.steps}"
        )
        pytest.fail("\n\n".join([header, *failures]), pytrace=False)


@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("service_code", DEFINED_SERVICES, ids=str)
def test_every_step_state_has_no_axe_violations(
    request, browser, live_server, audit_app, resident_password_hash, service_code, language
):
    # A new resident like the demo resident (a record on file, no agents): the first step is
    # the name, and the steps about them come pre-filled.
    routes = ROUTES.get(service_code, Route())
    walked: list[str] = []
    for route in routes if isinstance(routes, tuple) else (routes,):
        resident = new_resident(audit_app, resident_password_hash, PASSWORD, born=route.born)
        set_cookies(browser, live_server, {"lang": language})
        sign_in(browser, live_server, resident.phone, PASSWORD)
        result = walk_and_audit(
            browser, live_server, audit_app, service_code, language,
            who="resident",
            first_step="phone" if service_code in HELD_STEPS else "full_name",
            answers={**resident.answers, **route.choices}, detours=route.detours,
        )
        delete_draft(browser, live_server, result.application_id)
        walked.extend(result.steps)
        if route is not routes and route is not routes[-1]:  # not the last walk: report it now
            _report(request.node, result, service_code, language, "resident")
    # Every step page must have been audited: a new branch needs a Route above.
    missing = [step.key for step in get_service(service_code).steps
               if step.key not in AGENT_ONLY_STEPS and step.key not in walked
               and step.key not in HELD_STEPS.get(service_code, ())]
    if missing:
        result.problems.append(f"steps never reached, so not audited: {missing} (add a Route "
                               f"in test_wizard_steps.py that leads to them)")
    _report(request.node, result, service_code, language, "resident")


@pytest.mark.parametrize("language", LANGUAGES, ids=str)
def test_applicant_step_as_agent_has_no_axe_violations(
    request, browser, live_server, audit_app, session_cookies, language
):
    """The demo agent acts for the demo resident, so their walk starts with "applicant".

    The other audits open the agent's first steps (pages.py), which starts a draft but answers
    nothing, so the start button may resume that draft: it is still at "applicant".
    """
    set_cookies(browser, live_server, {"lang": language, **session_cookies("agent", {})})
    # The first choice is "myself": the agent applies with their own ID number (not on record,
    # like the agent), since a number on record is never given to a new applicant.
    first17 = "22010219750303911"
    own_number = first17 + check_character(first17)
    result = walk_and_audit(
        browser, live_server, audit_app, AGENT_SERVICE, language,
        who="agent", first_step="applicant",
        answers={"full_name": "张伟", "holder": "张伟", "id_number": own_number,
                 "card_number": own_number + "41"},
    )
    # Deleted, so a later visit to the start button begins a new draft at "applicant" again.
    delete_draft(browser, live_server, result.application_id)
    missing = [key for key in AGENT_ONLY_STEPS if key not in result.steps]
    if missing:
        result.problems.append(f"steps never reached, so not audited: {missing}")
    _report(request.node, result, AGENT_SERVICE, language, "agent")
