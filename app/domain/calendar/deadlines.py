"""Deadlines in working days for each status: provincial defaults, and each county's own.

Counties may set their own number of working days for a status (administrators do this on the
deadlines page); the rule applies to deadlines set from then on, never to ones already running.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.access import policies
from app.domain.models import Account, DeadlineRule
from app.domain.models import ApplicationStatus as S
from app.domain.places.divisions import Division, load_catalogue

# Working days allowed in each status before the application is overdue.
DEFAULT_WORKING_DAYS: Mapping[S, int] = {
    S.SUBMITTED: 5,  # accept (受理) or return
    S.ACCEPTED: 3,  # start the review
    S.IN_REVIEW: 15,  # review: pass it for decision, or ask for more information
    S.MORE_INFORMATION: 20,  # the applicant's time to answer (补正)
    S.ASSESSING: 30,  # each step of the assessment before the decision (评定/评估)
    S.READY_FOR_DECISION: 10,  # approve or refuse (审批/审定)
    S.APPROVED: 5,  # start the service's stages
    S.IN_PROGRESS: 30,  # each stage
}
FEWEST_DAYS, MOST_DAYS = 1, 60


class DeadlinesRefused(Exception):
    """The actor may not set this county's deadlines, or a number is out of range."""


def county_rules(session: Session, county_code: str) -> dict[S, int]:
    """The county's own numbers of working days, by status (statuses it has not changed absent)."""
    rules = session.scalars(select(DeadlineRule).where(DeadlineRule.county_code == county_code))
    return {rule.status: rule.working_days for rule in rules}


def working_days(session: Session, county_code: str | None, status: S) -> int | None:
    """Working days for a status in a county: its own rule, else the default; None: untimed."""
    if status not in DEFAULT_WORKING_DAYS:
        return None
    if county_code:
        own = session.scalar(select(DeadlineRule.working_days).where(
            DeadlineRule.county_code == county_code, DeadlineRule.status == status))
        if own is not None:
            return own
    return DEFAULT_WORKING_DAYS[status]


def counties_for(actor: Account) -> list[Division]:
    """The counties whose deadlines this administrator sets, in code order."""
    catalogue = load_catalogue()
    inside = (catalogue.get(code) for code in policies.area_codes(actor.area_code or ""))
    return sorted((division for division in inside
                   if division is not None and division.level == "county"
                   and policies.can_set_deadlines(actor, division.code)),
                  key=lambda division: division.code)


def rules_by_county(session: Session, county_codes: list[str]) -> dict[str, dict[S, int]]:
    """Each county's own rules, in the order of the steps (the same on every engine)."""
    rules = session.scalars(select(DeadlineRule).where(DeadlineRule.county_code.in_(county_codes)))
    found: dict[str, dict[S, int]] = {}
    for rule in rules:
        found.setdefault(rule.county_code, {})[rule.status] = rule.working_days
    order = list(DEFAULT_WORKING_DAYS)
    return {county: dict(sorted(own.items(), key=lambda item: order.index(item[0])))
            for county, own in found.items()}


def is_county(code: str) -> bool:
    division = load_catalogue().get(code)
    return division is not None and division.level == "county"


def set_county_deadlines(session: Session, county_code: str, chosen: Mapping[S, int | None], *,
                         actor: Account) -> dict[str, tuple[int, int]]:
    """Saves the county's numbers (None: back to the default); returns what changed.

    The changes map a status to (days before, days after), counting defaults as days.
    """
    if not is_county(county_code) or not policies.can_set_deadlines(actor, county_code):
        raise DeadlinesRefused(county_code)
    if any(status not in DEFAULT_WORKING_DAYS or
           (days is not None and not FEWEST_DAYS <= days <= MOST_DAYS)
           for status, days in chosen.items()):
        raise DeadlinesRefused(county_code)
    existing = {rule.status: rule for rule in session.scalars(
        select(DeadlineRule).where(DeadlineRule.county_code == county_code))}
    changes: dict[str, tuple[int, int]] = {}
    for status, days in chosen.items():
        rule = existing.get(status)
        before = rule.working_days if rule else DEFAULT_WORKING_DAYS[status]
        if days is None or days == DEFAULT_WORKING_DAYS[status]:
            if rule is not None:
                session.delete(rule)
        elif rule is None:
            session.add(DeadlineRule(county_code=county_code, status=status, working_days=days,
                                     updated_by_account_id=actor.id))
        elif rule.working_days != days:
            rule.working_days = days
            rule.updated_by_account_id = actor.id
        after = days if days is not None else DEFAULT_WORKING_DAYS[status]
        if after != before:
            changes[status.value] = (before, after)
    return changes
