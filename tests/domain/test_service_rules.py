"""Each service has one frozen rules object, complete and consistent; the definitions add to it."""

from __future__ import annotations

import dataclasses

import pytest

from app.domain.casework.deciding_bodies import ROLE_OF_BODY
from app.domain.models import ApplicationStatus
from app.domain.rules.service_rules import RULES, Body, ServiceCode, ServiceRules, rules_for
from app.services import SERVICES


def test_every_service_code_has_its_rules_and_a_definition() -> None:
    assert set(RULES) == set(ServiceCode)
    assert all(code == rules.code for code, rules in RULES.items())
    assert {service.code for service in SERVICES} == set(ServiceCode)
    assert all(service.rules is RULES[ServiceCode(service.code)] for service in SERVICES)


@pytest.mark.parametrize("code", list(ServiceCode))
def test_a_services_rules_are_complete_and_consistent(code: ServiceCode) -> None:
    rules = RULES[code]
    assert rules.stages and len(set(rules.stages)) == len(rules.stages)
    assert 0 <= rules.stages_before_decision < len(rules.stages)
    # An assessment before the decision starts from a status, and only then.
    assert (rules.assessment_starts_from is not None) == (rules.stages_before_decision > 0)
    assert rules.assessment_starts_from in (None, ApplicationStatus.ACCEPTED,
                                            ApplicationStatus.IN_REVIEW)
    assert rules.dated_stages <= set(rules.stages)
    assert rules.decided_by in ROLE_OF_BODY
    after = set(rules.stages[rules.stages_before_decision:])
    if rules.stages_after_approval_by_kind is not None:
        assert None in rules.stages_after_approval_by_kind
        assert all(set(stages) <= after and stages
                   for stages in rules.stages_after_approval_by_kind.values())
    if rules.assessed_kinds is not None:
        assert rules.assessed_kinds and rules.stages_before_decision > 0


def test_the_rules_are_frozen() -> None:
    rules = RULES[ServiceCode.TWO_SUBSIDIES]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.decided_by = Body.DISABILITY_FEDERATION  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES[ServiceCode.TWO_SUBSIDIES] = rules  # type: ignore[index]
    assert all(isinstance(rules, ServiceRules) for rules in RULES.values())


def test_an_unknown_service_code_has_no_rules() -> None:
    assert rules_for("no-such-service") is None
    assert rules_for("two-subsidies") is RULES[ServiceCode.TWO_SUBSIDIES]
