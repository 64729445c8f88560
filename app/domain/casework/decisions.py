"""An approval as the applicant reads it in the approval letter: when, by whom, with what note.

The refusal side (the reasons and the review rights) is app/domain/casework/review_rights.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits.allowances import AllowanceDecision, decisions_of
from app.domain.clock import date_in_china
from app.domain.models import Application, StatusEvent
from app.domain.models import ApplicationStatus as S

# After approval the application moves on through its stages; the approval still stands.
APPROVED_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.COMPLETED})


@dataclass(frozen=True)
class Approval:
    decided_on: date
    note: str | None  # as the member of staff who decided wrote it
    # The two subsidies: each allowance's decision, with its amount and first month.
    allowances: list[AllowanceDecision] = field(default_factory=list)

    @property
    def partly_refused(self) -> bool:
        return any(not decision.granted for decision in self.allowances)


def approval_of(session: Session, application: Application) -> Approval | None:
    """The approval of an approved application; None before a decision or after a refusal."""
    if application.status not in APPROVED_STATUSES:
        return None
    decision = session.scalar(
        select(StatusEvent)
        .where(StatusEvent.application_id == application.id,
               StatusEvent.to_status == S.APPROVED)
        .order_by(StatusEvent.occurred_at.desc(), StatusEvent.id.desc()).limit(1))
    if decision is None:
        return None
    return Approval(decided_on=date_in_china(decision.occurred_at), note=decision.reason,
                    allowances=decisions_of(decision.allowances))
