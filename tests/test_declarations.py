"""The declaration speaks as the applicant, or of the applicant when an agent or counter staff
fill the form, and holds only the statements the answers call for (issue 12)."""

from __future__ import annotations

from flask import Flask

from app.services import get_service
from app.services.model import StepContext

TWO_SUBSIDIES = get_service("two-subsidies")
BOTH = {"allowances": {"allowances": ["living", "care"]},
        "other_support": {"support": ["old_age_care"]}}


def lines(app: Flask, context: StepContext, answers: dict) -> list[str]:
    assert TWO_SUBSIDIES is not None
    with app.test_request_context(headers={"Accept-Language": "en"}):
        return [str(line) for line in TWO_SUBSIDIES.declaration_lines(context, answers)]


def test_the_applicant_declares_in_the_first_person(app: Flask) -> None:
    said = lines(app, StepContext(channel="online"), BOTH)
    assert said[0] == "The information I have given is true and complete."
    assert not any(line.startswith("The applicant") for line in said)


def test_an_agent_or_counter_staff_declare_for_the_applicant_in_the_third_person(
        app: Flask) -> None:
    for context in (StepContext(channel="online", filled_by="agent",
                                agent_relationship="family"),
                    StepContext(channel="counter", filled_by="counter")):
        said = lines(app, context, BOTH)
        assert said[0] == "The applicant confirms that the information given is true and " \
            "complete."
        assert not any(" I " in f" {line} " for line in said), said


def test_statements_follow_the_allowances_claimed(app: Flask) -> None:
    living_only = lines(app, StepContext(channel="online"),
                        {"allowances": {"allowances": ["living"]}})
    assert "I do not get basic living support for orphans." in living_only
    assert "I have needed care in daily life for 6 months or more." not in living_only
    care = lines(app, StepContext(channel="online"), BOTH)
    assert "I have needed care in daily life for 6 months or more." in care
    assert any("only one care allowance" in line for line in care)  # 择高


def test_the_exclusions_are_declared_whatever_is_claimed(app: Flask) -> None:
    said = lines(app, StepContext(channel="online"), {"allowances": {"allowances": ["care"]}})
    assert "I am not supported as a person in extreme poverty, and I do not get the care " \
        "allowance of work-injury insurance." in said
