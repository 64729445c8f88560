"""Counting the two subsidies' statistics (统计) of one county: allowances being paid, suspended and
stopped, and the payments on each month's roster (发放名册). Pure functions, no database, like
app.domain.statistics.counting, whose Counts they add to.

What is counted (measure → key → value), per month in China's time zone:
- recipients ("allowance:paying|suspended"): entitlements of the county in that state at the end
  of the month (for the current month, at the count), by the last change recorded by then;
- stopped (allowance), stopped.reason (entitlements.REASONS code, or "none"): stops recorded in
  the month (a move to another county stops the allowance in the county that paid it);
- payments (paid|failed|pending) and payments.fen (the same, in 分): the payments on the roster
  of the month (Payment.roster_month), as the bank's return file settled them;
- payments.failure (the bank's words, cut to 80 characters): failed payments of the roster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.models import EntitlementState, PaymentState
from app.domain.statistics.counting import Counts

SHOWN_STATES = (EntitlementState.PAYING, EntitlementState.SUSPENDED)
KEY_LENGTH = 80  # StatisticsCount.key


@dataclass(frozen=True)
class EntitlementFacts:
    """What the counting needs of one entitlement: its states in the order recorded, each with
    the China date it was recorded on, and its stops with their reasons."""

    allowance: str
    changes: tuple[tuple[date, EntitlementState], ...]
    stops: tuple[tuple[date, str | None], ...] = ()


@dataclass(frozen=True)
class PaymentGroup:
    """Payments of one roster month alike in result and failure reason, added up."""

    roster_month: date
    state: PaymentState
    failure_reason: str | None
    payments: int
    fen: int


def month_key(day: date) -> str:
    return day.strftime("%Y-%m")


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def state_at_month_end(changes: Iterable[tuple[date, EntitlementState]]
                       ) -> dict[str, EntitlementState]:
    """Each month in which the state changed, with the state at its end."""
    found: dict[str, EntitlementState] = {}
    for day, state in changes:
        found[month_key(day)] = state
    return found


def _state_deltas(facts: EntitlementFacts, deltas: dict[str, Counter[str]]) -> None:
    """+1 in the month a state starts at a month's end, −1 in the month it ends."""
    months = list(state_at_month_end(facts.changes).items())
    for index, (month, state) in enumerate(months):
        if state not in SHOWN_STATES:
            continue
        key = f"{facts.allowance}:{state.value}"
        deltas.setdefault(month, Counter())[key] += 1
        if index + 1 < len(months):
            deltas.setdefault(months[index + 1][0], Counter())[key] -= 1


def count_entitlements(entitlements: Iterable[EntitlementFacts], *, until: str) -> Counts:
    """Recipients at each month's end up to ``until`` ("YYYY-MM"), and stops by month."""
    counts: Counter[tuple[str, str, str]] = Counter()
    deltas: dict[str, Counter[str]] = {}
    for facts in entitlements:
        _state_deltas(facts, deltas)
        for day, reason in facts.stops:
            counts[month_key(day), "stopped", facts.allowance] += 1
            counts[month_key(day), "stopped.reason", reason or "none"] += 1
    running: Counter[str] = Counter()
    month = min(deltas, default=until)
    while month <= until:
        running.update(deltas.get(month, Counter()))
        for key, value in running.items():
            if value:
                counts[month, "recipients", key] = value
        month = next_month(month)
    return dict(counts)


def count_payments(groups: Iterable[PaymentGroup]) -> Counts:
    counts: Counter[tuple[str, str, str]] = Counter()
    for group in groups:
        month = month_key(group.roster_month)
        counts[month, "payments", group.state.value] += group.payments
        counts[month, "payments.fen", group.state.value] += group.fen
        if group.state == PaymentState.FAILED:
            reason = (group.failure_reason or "").strip()[:KEY_LENGTH] or "none"
            counts[month, "payments.failure", reason] += group.payments
    return dict(counts)
