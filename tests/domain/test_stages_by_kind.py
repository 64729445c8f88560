"""The card's stages before the decision depend on the kind of card service recorded."""

from __future__ import annotations

import pytest

from app.domain.stages import assessment_done, next_stage, stages_before_decision


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
    assert next_stage("disability-assessment", None, kind=kind) == "card_issued"


def test_the_kind_changes_nothing_for_other_services() -> None:
    assert stages_before_decision("assistive-devices", "renewal") == ("assessment",)
