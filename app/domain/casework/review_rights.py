"""How long an applicant has to contest a refusal, counted from the decision date.

行政复议法 (2023 revision) art. 20: an application for administrative reconsideration within 60
days of learning of the decision. 行政诉讼法 (2017) art. 46: a lawsuit within 6 months of learning
of it. The portal counts from the decision date and says that the time runs from when the person
learned of it if later.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.clock import date_in_china
from app.domain.models import Application, StatusEvent
from app.domain.models import ApplicationStatus as S

RECONSIDERATION_DAYS = 60  # 行政复议: within 60 days
LAWSUIT_MONTHS = 6  # 行政诉讼: within 6 months
REVIEWABLE = frozenset({S.REFUSED, S.RETURNED})


@dataclass(frozen=True)
class ReviewRights:
    """How long the applicant has to contest a refusal (or a refusal to accept, 不予受理)."""

    decided_on: date
    reconsideration_by: date  # 行政复议
    lawsuit_by: date  # 行政诉讼
    refused: bool  # refused after review; otherwise not accepted (不予受理)
    reason: str | None  # as the member of staff wrote it
    reason_codes: list[str]  # standard reasons, translated where shown


def add_months(day: date, months: int) -> date:
    """The same day so many months later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_rights(db: Session, application: Application) -> ReviewRights | None:
    if application.status not in REVIEWABLE:
        return None
    decision = db.scalar(
        select(StatusEvent)
        .where(StatusEvent.application_id == application.id,
               StatusEvent.to_status == application.status)
        .order_by(StatusEvent.occurred_at.desc(), StatusEvent.id.desc()).limit(1))
    if decision is None:
        return None
    return rights_from(date_in_china(decision.occurred_at),
                       refused=decision.to_status == S.REFUSED, reason=decision.reason,
                       reason_codes=list(decision.reason_codes or []))


def rights_from(decided_on: date, *, refused: bool, reason: str | None,
                reason_codes: list[str]) -> ReviewRights:
    """The review rights of a decision of that day: a refusal, or the part of an approval that
    refuses something (one of the two allowances)."""
    return ReviewRights(decided_on=decided_on,
                        reconsideration_by=decided_on + timedelta(days=RECONSIDERATION_DAYS),
                        lawsuit_by=add_months(decided_on, LAWSUIT_MONTHS),
                        refused=refused, reason=reason, reason_codes=reason_codes)
