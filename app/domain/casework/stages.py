"""The stages of each service's own work, in the order they must be recorded (the stages are
part of each service's rules: app.domain.rules.service_rules).

Some come before the decision (评定/评估: an assessment, a home visit, a plan: the application is
"assessing"), the rest after approval (in progress → completed). The service definitions
(app/services) give each code its title and must list the same codes in the same order
(ServiceDefinition checks this when it is declared). docs/process.md names the source of each.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.models import ApplicationStatus as S
from app.domain.rules.service_rules import RULES, rules_for

# Views of the rules (app.domain.rules.service_rules), by service code, for the callers that read
# maps.
SERVICE_STAGES: Mapping[str, tuple[str, ...]] = {code: r.stages for code, r in RULES.items()}
ASSESSMENT_STARTS_FROM: Mapping[str, S] = {
    code: r.assessment_starts_from for code, r in RULES.items()
    if r.assessment_starts_from is not None}


def needs_date(service_code: str, stage: str | None) -> bool:
    rules = rules_for(service_code)
    return rules is not None and stage in rules.dated_stages


def is_assessed(service_code: str, kind: str | None) -> bool:
    """Whether an application of this kind goes through the stages before the decision."""
    rules = rules_for(service_code)
    kinds = rules.assessed_kinds if rules else None
    return kinds is None or kind is None or kind in kinds


def stages_before_decision(service_code: str, kind: str | None = None) -> tuple[str, ...]:
    rules = rules_for(service_code)
    if rules is None or not is_assessed(service_code, kind):
        return ()
    return rules.stages[:rules.stages_before_decision]


def stages_after_approval(service_code: str, kind: str | None = None) -> tuple[str, ...]:
    rules = rules_for(service_code)
    if rules is None:
        return ()
    by_kind = rules.stages_after_approval_by_kind
    if by_kind is not None:
        return by_kind.get(kind, by_kind[None])
    return rules.stages[rules.stages_before_decision:]


def assessment_done(service_code: str, recorded: str | None, kind: str | None = None) -> bool:
    """Whether every stage before the decision is recorded (true when there are none)."""
    before = stages_before_decision(service_code, kind)
    return not before or recorded == before[-1]


def next_stage(service_code: str, recorded: str | None, *, before_decision: bool = False,
               kind: str | None = None) -> str | None:
    """The stage to record next after ``recorded``, in the phase asked for; None: phase done.

    After approval the first stage comes next whatever was recorded before the decision. A
    stage code the service does not know (data from an older definition) counts as finished,
    so the application can still be completed rather than stuck.
    """
    before = stages_before_decision(service_code, kind)
    phase = before if before_decision else stages_after_approval(service_code, kind)
    if not phase:
        return None
    if recorded is None or (not before_decision and recorded in before):
        return phase[0]
    if recorded not in phase:
        return None
    position = phase.index(recorded)
    return phase[position + 1] if position + 1 < len(phase) else None
