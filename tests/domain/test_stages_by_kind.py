"""The card's stages before the decision depend on the kind of card service recorded."""

from __future__ import annotations

import pytest

from app.domain.casework.stages import (
    assessment_done,
    next_stage,
    stages_after_approval,
    stages_before_decision,
)


@pytest.mark.parametrize("kind", ["new", "reassessment", "change", None])
def test_assessed_card_kinds_have_the_appointment_and_result(kind: str | None) -> None:
    assert stages_before_decision("disability-assessment", kind) == (
        "appointment", "assessment_result")
    assert not assessment_done("disability-assessment", None, kind)


@pytest.mark.parametrize("kind", ["renewal", "reissue", "transfer", "cancellation"])
def test_other_card_kinds_have_no_stage_before_the_decision(kind: str) -> None:
    assert stages_before_decision("disability-assessment", kind) == ()
    assert assessment_done("disability-assessment", None, kind)
    assert next_stage("disability-assessment", None, before_decision=True, kind=kind) is None


@pytest.mark.parametrize(("kind", "outcome"), [
    ("new", "card_issued"), ("reassessment", "card_issued"), ("change", "card_issued"),
    ("renewal", "card_issued"), ("reissue", "card_issued"), (None, "card_issued"),
    ("transfer", "card_transferred"), ("cancellation", "card_cancelled"),
])
def test_each_card_service_ends_with_its_own_outcome(kind: str | None, outcome: str) -> None:
    # 注销 does not end with a card issued, nor 迁移: each kind's only stage after approval is
    # what really happens to the card.
    assert stages_after_approval("disability-assessment", kind) == (outcome,)
    assert next_stage("disability-assessment", None, kind=kind) == outcome
    assert next_stage("disability-assessment", outcome, kind=kind) is None


def test_the_kind_changes_nothing_for_other_services() -> None:
    assert stages_before_decision("assistive-devices", "renewal") == ("assessment",)
