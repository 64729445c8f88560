"""Counting the statistics (统计) of one county from its applications: pure functions, no
database, so each figure can be checked against a count made by hand.

Months are months in China's time zone (UTC+8): an application sent at 2026-03-31 17:00 UTC
was sent on 1 April in Changchun and counts in April.

What is counted (measure → key → value), per month of the event:
- sent.service (service code), sent.made_by (applicant, agent, counter): applications sent;
- sent.more_information (service): of those sent in the month, how many were ever asked for
  more information (补正);
- decided.days (service:working days): decisions (approved or refused) in the month, by working
  days from sending to deciding;
- decided.within_limit (service:yes|no): decided within DECISION_LIMIT_STATUSES' working days;
- refused (service), refused.reason (standard reason code, or "none"): refusals in the month;
- completed (service): applications completed in the month (devices fitted, homes changed);
and, for the period "now": now.state (service:status) and now.overdue (service).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.calendar.work_calendar import WorkCalendar
from app.domain.casework.made_by import FilledBy
from app.domain.clock import date_in_china
from app.domain.models import ApplicationStatus as S
from app.domain.models import Channel

NOW = "now"
# The time limit for a decision: the working days the county allows for each step from
# sending to deciding (受理, start of review, review, decision), added up. With the provincial
# defaults that is 5 + 3 + 15 + 10 = 33 working days. Time waiting for the applicant (补正) or
# for an assessment is not taken off: the figure says how long the applicant waited.
DECISION_LIMIT_STATUSES = (S.SUBMITTED, S.ACCEPTED, S.IN_REVIEW, S.READY_FOR_DECISION)
OPEN_STATUSES = frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_REVIEW, S.MORE_INFORMATION,
                           S.ASSESSING, S.PUBLIC_NOTICE, S.READY_FOR_DECISION})

Counts = dict[tuple[str, str, str], int]  # (period, measure, key) -> value


@dataclass(frozen=True)
class ApplicationFacts:
    """What the counting needs of one sent application and its status events."""

    service_code: str
    status: S
    channel: Channel
    filled_by: FilledBy | None  # as recorded when it was sent; None before that was kept
    submitted_at: datetime
    decided_at: datetime | None = None
    due_on: date | None = None
    asked_for_information: bool = False
    refusal_reasons: tuple[str, ...] = ()
    completed_at: datetime | None = None


def month_of(moment: datetime) -> str:
    """The month in China of an instant, as "YYYY-MM"."""
    return date_in_china(moment).strftime("%Y-%m")


def made_by(facts: ApplicationFacts) -> FilledBy:
    """Who sent it: the person online, an agent (代办人) online, or counter staff (窗口)."""
    if facts.filled_by is not None:
        return facts.filled_by
    return FilledBy.COUNTER if facts.channel == Channel.COUNTER else FilledBy.APPLICANT


def count_county(applications: Iterable[ApplicationFacts], *, calendar: WorkCalendar,
                 decision_limit: int, today: date) -> Counts:
    counts: Counter[tuple[str, str, str]] = Counter()
    for facts in applications:
        service = facts.service_code
        sent = month_of(facts.submitted_at)
        counts[sent, "sent.service", service] += 1
        counts[sent, "sent.made_by", made_by(facts)] += 1
        if facts.asked_for_information:
            counts[sent, "sent.more_information", service] += 1
        if facts.decided_at is not None:
            decided = month_of(facts.decided_at)
            days = calendar.working_days_between(date_in_china(facts.submitted_at),
                                                 date_in_china(facts.decided_at))
            counts[decided, "decided.days", f"{service}:{days}"] += 1
            within = "yes" if days <= decision_limit else "no"
            counts[decided, "decided.within_limit", f"{service}:{within}"] += 1
            if facts.status == S.REFUSED:
                counts[decided, "refused", service] += 1
                for reason in facts.refusal_reasons or ("none",):
                    counts[decided, "refused.reason", reason] += 1
        if facts.completed_at is not None:
            counts[month_of(facts.completed_at), "completed", service] += 1
        counts[NOW, "now.state", f"{service}:{facts.status.value}"] += 1
        if facts.status in OPEN_STATUSES and facts.due_on is not None and facts.due_on < today:
            counts[NOW, "now.overdue", service] += 1
    return dict(counts)
