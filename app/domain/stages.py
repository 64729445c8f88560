"""The stages each service goes through after approval, in the order they must be recorded.

They are the status machine's last leg (in progress → completed), so they live in the domain:
the service definitions (app/services) give each code its title and must list the same codes,
in the same order (ServiceDefinition checks this when it is declared).
"""

from __future__ import annotations

from collections.abc import Mapping

SERVICE_STAGES: Mapping[str, tuple[str, ...]] = {
    "two-subsidies": ("first_payment",),
    "disability-assessment": ("appointment", "assessment_result", "card_issued"),
    "home-modification": ("home_visit", "plan_agreed", "works", "acceptance"),
    "assistive-devices": ("assessment", "fitting", "follow_up"),
}

# Stages the applicant must come to or be at home for: recording one needs its date, which the
# applicant is told.
DATED_STAGES: frozenset[tuple[str, str]] = frozenset({
    ("disability-assessment", "appointment"),
    ("home-modification", "home_visit"),
    ("assistive-devices", "assessment"),
    ("assistive-devices", "fitting"),
})


def needs_date(service_code: str, stage: str | None) -> bool:
    return (service_code, stage or "") in DATED_STAGES


def next_stage(service_code: str, recorded: str | None) -> str | None:
    """The stage to record next after ``recorded``; None once the last one is recorded.

    A stage code the service does not know (data from an older definition) counts as finished,
    so the application can still be completed rather than stuck.
    """
    stages = SERVICE_STAGES.get(service_code, ())
    if recorded is None:
        return stages[0] if stages else None
    if recorded not in stages:
        return None
    position = stages.index(recorded)
    return stages[position + 1] if position + 1 < len(stages) else None
