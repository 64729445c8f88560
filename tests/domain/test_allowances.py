"""Each allowance of the two subsidies decided on its own (issue 25)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.benefits.allowances import (
    AllowanceDecision,
    AllowanceDecisionInvalid,
    check,
    claimed,
    parse_amount,
)

APPLIED = date(2026, 3, 10)
MARCH = date(2026, 3, 1)


def test_one_allowance_granted_and_the_other_refused_is_a_decision() -> None:
    check([AllowanceDecision("living", True, Decimal("120.00"), MARCH),
           AllowanceDecision("care", False)], ["living", "care"], applied_in=APPLIED)


@pytest.mark.parametrize("decisions", [
    [AllowanceDecision("living", False), AllowanceDecision("care", False)],  # a refusal
    [AllowanceDecision("living", True, Decimal(120), MARCH)],  # care left undecided
    [AllowanceDecision("living", True, None, MARCH), AllowanceDecision("care", False)],
    [AllowanceDecision("living", True, Decimal(120), date(2026, 2, 1)),  # before applying
     AllowanceDecision("care", False)],
])
def test_an_incomplete_or_impossible_decision_is_refused(
        decisions: list[AllowanceDecision]) -> None:
    with pytest.raises(AllowanceDecisionInvalid):
        check(decisions, ["living", "care"], applied_in=APPLIED)


def test_amounts_are_yuan_with_at_most_two_decimals_and_a_ceiling() -> None:
    assert parse_amount("87.5") == Decimal("87.50")
    assert parse_amount("0") is None
    assert parse_amount("12.345") is None
    assert parse_amount("10001") is None
    assert parse_amount("9" * 5000) is None
    assert parse_amount("NaN") is None


def test_the_allowances_claimed_come_from_the_answers() -> None:
    assert claimed({"allowances": {"allowances": ["care", "living"]}}) == ["living", "care"]
    assert claimed({}) == []
