"""Each service's stages after approval: one order, kept by the domain and the definitions alike."""

from __future__ import annotations

import pytest

from app.domain.casework.stages import SERVICE_STAGES, next_stage
from app.services import SERVICES
from app.services.model import ServiceDefinition, Stage


def test_stages_follow_one_another_and_end() -> None:
    assert next_stage("home-modification", None, before_decision=True) == "home_visit"
    assert next_stage("home-modification", "plan_agreed") == "works"
    assert next_stage("home-modification", "acceptance") is None
    assert next_stage("no-such-service", None) is None


def test_the_assessment_comes_before_the_decision_and_the_rest_after() -> None:
    # 评定 before 审核 and 发证; 需求评估 and 方案 before 审批, works after; 评估 before 审批.
    assert next_stage("disability-assessment", None, before_decision=True) == "appointment"
    assert next_stage("disability-assessment", "assessment_result",
                      before_decision=True) is None
    assert next_stage("disability-assessment", "assessment_result") == "card_issued"
    assert next_stage("home-modification", "plan_agreed", before_decision=True) is None
    assert next_stage("home-modification", None) == "works"  # after approval: the works
    assert next_stage("assistive-devices", "assessment") == "fitting"
    assert next_stage("two-subsidies", None) == "first_payment"
    assert next_stage("two-subsidies", None, before_decision=True) is None


def test_every_service_lists_the_domains_stages_in_order() -> None:
    assert {service.code: tuple(stage.code for stage in service.stages)
            for service in SERVICES} == dict(SERVICE_STAGES)


def test_a_definition_with_stages_out_of_order_is_refused() -> None:
    with pytest.raises(ValueError, match="differ from the domain"):
        ServiceDefinition(code="two-subsidies", texts=SERVICES[0].texts, steps=(),
                          stages=(Stage("works", "Works"),))
