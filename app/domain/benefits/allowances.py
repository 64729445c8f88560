"""Each allowance of the two subsidies decided on its own (issue 25): the living allowance
(困难残疾人生活补贴) and the care allowance (重度残疾人护理补贴) are two benefits with their own
conditions (国发〔2015〕52号), so one may be granted and the other refused. A granted one has its
monthly amount and the first month it is paid; 52号: from the month of application.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.casework.answers import allowances as allowances_ticked

LIVING = "living"
CARE = "care"
ALLOWANCES = (LIVING, CARE)
MOST_MONTHLY_AMOUNT = Decimal(10000)  # yuan: far above any county's standard


class AllowanceDecisionInvalid(ValueError):
    """The allowances' decisions do not cover what was claimed, or a granted one lacks its
    amount or first month, or none is granted (that is a refusal)."""


@dataclass(frozen=True)
class AllowanceDecision:
    allowance: str  # LIVING or CARE
    granted: bool
    monthly_amount: Decimal | None = None  # yuan, when granted
    first_month: date | None = None  # the first day of the month, when granted

    def as_stored(self) -> dict[str, Any]:
        return {"allowance": self.allowance, "granted": self.granted,
                "monthly_amount": str(self.monthly_amount) if self.monthly_amount else None,
                "first_month": self.first_month.isoformat() if self.first_month else None}

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> AllowanceDecision:
        amount = stored.get("monthly_amount")
        month = stored.get("first_month")
        return cls(allowance=stored["allowance"], granted=bool(stored.get("granted")),
                   monthly_amount=Decimal(amount) if amount else None,
                   first_month=date.fromisoformat(month) if month else None)


def claimed(answers: Mapping[str, Any] | None) -> list[str]:
    """The allowances the application asks for, in the catalogue's order."""
    chosen = allowances_ticked(answers)
    return [allowance for allowance in ALLOWANCES if allowance in chosen]


def parse_amount(text: str) -> Decimal | None:
    """A monthly amount in yuan, more than 0 and at most 10,000, with at most 2 decimals."""
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount <= 0 or amount > MOST_MONTHLY_AMOUNT \
            or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return amount.quantize(Decimal("0.01"))


def check(decisions: Sequence[AllowanceDecision], claimed_allowances: Sequence[str],
          *, applied_in: date | None) -> None:
    """Raises AllowanceDecisionInvalid unless each claimed allowance is decided once, at least
    one is granted, and each granted one has an amount and a first month not before the month
    of application."""
    if sorted(d.allowance for d in decisions) != sorted(claimed_allowances):
        raise AllowanceDecisionInvalid("each claimed allowance is decided once")
    if not any(d.granted for d in decisions):
        raise AllowanceDecisionInvalid("none granted: refuse instead")
    for decision in decisions:
        if not decision.granted:
            continue
        if decision.monthly_amount is None or decision.first_month is None:
            raise AllowanceDecisionInvalid(f"{decision.allowance}: amount and first month")
        if applied_in is not None and decision.first_month < applied_in.replace(day=1):
            raise AllowanceDecisionInvalid(f"{decision.allowance}: before the application")


def decisions_of(stored: Sequence[Mapping[str, Any]] | None) -> list[AllowanceDecision]:
    return [AllowanceDecision.from_stored(item) for item in stored or []]
