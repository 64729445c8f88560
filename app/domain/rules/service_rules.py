"""Each service's rules, in one frozen object per service (服务事项): its stages and when they
come, who decides it, which time limits bind it and how counties may vary it.

The service definitions (app/services) add titles, forms and documents to these rules; the status
machine, the policies, the deadlines and the pages read them from here. docs/process.md names the
source of each rule; docs/decisions/0005-one-rules-object-per-service.md says why they live here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.domain.models import ApplicationStatus as S


class ServiceCode(enum.StrEnum):
    TWO_SUBSIDIES = "two-subsidies"
    DISABILITY_ASSESSMENT = "disability-assessment"
    HOME_MODIFICATION = "home-modification"
    ASSISTIVE_DEVICES = "assistive-devices"


class Body(enum.StrEnum):
    CIVIL_AFFAIRS = "civil_affairs"
    DISABILITY_FEDERATION = "disability_federation"
    CITY_FEDERATION = "city_federation"  # 市级残联: 重新评定 (《残疾人证管理办法》第二十五条)
    GOVERNMENT = "government"  # 行政复议机关
    COURT = "court"  # 行政诉讼


@dataclass(frozen=True)
class ServiceRules:
    code: ServiceCode
    # The stages of the service's own work, in the order they must be recorded: the first
    # ``stages_before_decision`` come before the decision (the application is "assessing"), the
    # rest after approval (in progress → completed).
    stages: tuple[str, ...]
    stages_before_decision: int
    # Which body decides (its staff role: app.domain.casework.deciding_bodies.ROLE_OF_BODY).
    decided_by: Body
    # From which status the assessment starts; None: no assessment before the decision.
    assessment_starts_from: S | None = None
    # The kinds of application that go through the stages before the decision; None: every kind.
    assessed_kinds: frozenset[str] | None = None
    # Where the kind decides what the work after approval ends with: each kind's stages after
    # approval, the ``None`` entry for a kind not listed (or not recorded).
    stages_after_approval_by_kind: Mapping[str | None, tuple[str, ...]] | None = None
    # Stages the applicant must come to or be at home for: recording one needs its date.
    dated_stages: frozenset[str] = field(default_factory=frozenset)
    # Whether the 通办 rule's 3 / 10 / 3 working days bind an application lodged elsewhere.
    tongban_time_limits: bool = False
    # County settings (app.domain.rules.county_rules): a 公示 before the decision; yearly places.
    public_notice: bool = False
    yearly_places: bool = False
    # A 公示 a national rule fixes, in working days, for these kinds (not a county setting);
    # then the county reviews within ``review_after_notice`` working days of its end.
    fixed_notice_working_days: int | None = None
    fixed_notice_kinds: frozenset[str] = field(default_factory=frozenset)
    review_after_notice: int | None = None
    # Kinds decided by another body than ``decided_by`` (重新评定: the city federation).
    decided_by_kind: Mapping[str, Body] = field(default_factory=dict)
    # Paid monthly from the month of application (国发〔2015〕52号).
    paid_from_month_of_application: bool = False
    # Several allowances in one application, each its own benefit, each decided on its own.
    separate_allowances: bool = False
    # A refusal may be met by asking for 重新评定 within 10 working days.
    reassessment_after_refusal: bool = False


RULES: Mapping[ServiceCode, ServiceRules] = MappingProxyType({rules.code: rules for rules in (
    # 乡镇受理初审 → 县级残联审核 → 公示 → 县级民政审定 → payment (statuses, not stages). Decided by
    # the county civil affairs bureau with the federation (国发〔2015〕52号); the only service the
    # 2021 通办 notice's time limits cover.
    ServiceRules(
        code=ServiceCode.TWO_SUBSIDIES,
        stages=("first_payment",),
        stages_before_decision=0,
        decided_by=Body.CIVIL_AFFAIRS,
        tongban_time_limits=True,
        public_notice=True,
        paid_from_month_of_application=True,
        separate_allowances=True,
    ),
    # 申请 → 受理 → 评定 (designated hospital) → 审核 → then the outcome of the kind of card
    # service: 发证 (a card issued), 迁移 (the card transferred) or 注销 (the card cancelled).
    # 《残疾人证管理办法》: a first card, 重新评定 and a change of category or level are assessed;
    # renewal, reissue, transfer and cancellation are checked against the record.
    ServiceRules(
        code=ServiceCode.DISABILITY_ASSESSMENT,
        stages=("appointment", "assessment_result", "card_issued", "card_transferred",
                "card_cancelled"),
        stages_before_decision=2,
        decided_by=Body.DISABILITY_FEDERATION,
        assessment_starts_from=S.ACCEPTED,
        assessed_kinds=frozenset({"new", "reassessment", "change"}),
        stages_after_approval_by_kind=MappingProxyType({
            None: ("card_issued",),
            "transfer": ("card_transferred",),
            "cancellation": ("card_cancelled",),
        }),
        dated_stages=frozenset({"appointment"}),
        reassessment_after_refusal=True,
        # 第九条 (as county guides quote it): a result that meets the standard is published in
        # the village or community for 5 working days; the county federation then reviews
        # within 10 working days. 第二十五条: 重新评定 is decided by the city federation.
        fixed_notice_working_days=5,
        fixed_notice_kinds=frozenset({"new"}),
        review_after_notice=10,
        decided_by_kind=MappingProxyType({"reassessment": Body.CITY_FEDERATION}),
    ),
    # 需求评估 → 方案 → (审批, within the year's places) → 施工 → 验收.
    ServiceRules(
        code=ServiceCode.HOME_MODIFICATION,
        stages=("home_visit", "plan_agreed", "works", "acceptance"),
        stages_before_decision=2,
        decided_by=Body.DISABILITY_FEDERATION,
        assessment_starts_from=S.IN_REVIEW,
        dated_stages=frozenset({"home_visit"}),
        yearly_places=True,
    ),
    # 申请 → 初审 → 评估 (gives the prescription) → 审批 → 适配 → 回访.
    ServiceRules(
        code=ServiceCode.ASSISTIVE_DEVICES,
        stages=("assessment", "fitting", "follow_up"),
        stages_before_decision=1,
        decided_by=Body.DISABILITY_FEDERATION,
        assessment_starts_from=S.IN_REVIEW,
        dated_stages=frozenset({"assessment", "fitting"}),
    ),
)})


def rules_for(service_code: str) -> ServiceRules | None:
    """The rules of a service; None for a code no service has (data from an older catalogue)."""
    try:
        return RULES.get(ServiceCode(service_code))
    except ValueError:
        return None

