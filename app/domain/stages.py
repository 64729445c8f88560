"""The stages of each service's own work, in the order they must be recorded.

Some come before the decision (评定/评估: an assessment, a home visit, a plan: the application is
"assessing"), the rest after approval (in progress → completed). The service definitions
(app/services) give each code its title and must list the same codes in the same order
(ServiceDefinition checks this when it is declared). docs/process.md names the source of each.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.models import ApplicationStatus as S

SERVICE_STAGES: Mapping[str, tuple[str, ...]] = {
    # 乡镇受理初审 → 县级残联审核 → 公示 → 县级民政审定 → payment (statuses, not stages).
    "two-subsidies": ("first_payment",),
    # 申请 → 受理 → 评定 (designated hospital) → 审核 → then the outcome of the kind of card
    # service: 发证 (a card issued), 迁移 (the card transferred) or 注销 (the card cancelled).
    "disability-assessment": ("appointment", "assessment_result", "card_issued",
                              "card_transferred", "card_cancelled"),
    # 需求评估 → 方案 → (审批, within the year's places) → 施工 → 验收.
    "home-modification": ("home_visit", "plan_agreed", "works", "acceptance"),
    # 申请 → 初审 → 评估 (gives the prescription) → 审批 → 适配 → 回访.
    "assistive-devices": ("assessment", "fitting", "follow_up"),
}

# The kinds of a service's application that go through its stages before the decision. The card
# (《残疾人证管理办法》, docs/process.md): a first card, 重新评定 and a change of category or level
# are assessed at a designated hospital; renewal, reissue, transfer and cancellation are checked
# against the record and decided without an appointment or result. A service absent here, or an
# application whose kind is not recorded, goes through every stage.
ASSESSED_KINDS: Mapping[str, frozenset[str]] = {
    "disability-assessment": frozenset({"new", "reassessment", "change"}),
}

# Where the kind of application decides what the work after approval ends with: each kind's
# stages after approval. A kind not listed (or not recorded) gets the ``None`` entry. The card
# (《残疾人证管理办法》): 迁移 ends with the card transferred to the new 户籍 county's federation,
# 注销 with the card cancelled; every other kind (新办, 重新评定, change, 换领, 补办) ends with a
# card issued.
STAGES_AFTER_APPROVAL_BY_KIND: Mapping[str, Mapping[str | None, tuple[str, ...]]] = {
    "disability-assessment": {
        None: ("card_issued",),
        "transfer": ("card_transferred",),
        "cancellation": ("card_cancelled",),
    },
}

# How many of the stages above come before the decision.
STAGES_BEFORE_DECISION: Mapping[str, int] = {
    "two-subsidies": 0,
    "disability-assessment": 2,
    "home-modification": 2,
    "assistive-devices": 1,
}

# From which status the assessment starts: 评定 right after 受理 for the card; after 初审 for the
# others. Services absent here have no assessment before the decision.
ASSESSMENT_STARTS_FROM: Mapping[str, S] = {
    "disability-assessment": S.ACCEPTED,
    "home-modification": S.IN_REVIEW,
    "assistive-devices": S.IN_REVIEW,
}

# Stages the applicant must come to or be at home for: recording one needs its date, which the
# applicant is told; the next step cannot be recorded before that date.
DATED_STAGES: frozenset[tuple[str, str]] = frozenset({
    ("disability-assessment", "appointment"),
    ("home-modification", "home_visit"),
    ("assistive-devices", "assessment"),
    ("assistive-devices", "fitting"),
})


def needs_date(service_code: str, stage: str | None) -> bool:
    return (service_code, stage or "") in DATED_STAGES


def is_assessed(service_code: str, kind: str | None) -> bool:
    """Whether an application of this kind goes through the stages before the decision."""
    kinds = ASSESSED_KINDS.get(service_code)
    return kinds is None or kind is None or kind in kinds


def stages_before_decision(service_code: str, kind: str | None = None) -> tuple[str, ...]:
    if not is_assessed(service_code, kind):
        return ()
    return SERVICE_STAGES.get(service_code, ())[:STAGES_BEFORE_DECISION.get(service_code, 0)]


def stages_after_approval(service_code: str, kind: str | None = None) -> tuple[str, ...]:
    by_kind = STAGES_AFTER_APPROVAL_BY_KIND.get(service_code)
    if by_kind is not None:
        return by_kind.get(kind, by_kind[None])
    return SERVICE_STAGES.get(service_code, ())[STAGES_BEFORE_DECISION.get(service_code, 0):]


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
