"""What is checked before a decision (issue 25): the documents the application needs, and the
person's other cases and current benefits.

Which documents an application needs is the service definition's to say (app/services), from
the answers; the domain is handed their codes and says which of them are there: uploaded, or
seen on paper by staff (a promise to bring one is not enough).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.casework.answers import allowances as allowances_ticked
from app.domain.files.documents import current_documents
from app.domain.files.paper_documents import paper_documents
from app.domain.models import Application
from app.domain.models import ApplicationStatus as S
from app.domain.rules.service_rules import rules_for

# A case still being handled, and a benefit the person has (approved, its stages going on or
# done: a monthly allowance keeps being paid once "completed").
OPEN = frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_REVIEW, S.MORE_INFORMATION, S.ASSESSING,
                  S.PUBLIC_NOTICE, S.READY_FOR_DECISION, S.WAITING_FOR_QUOTA,
                  S.WAITING_FOR_CARD})
RECEIVING = frozenset({S.APPROVED, S.IN_PROGRESS, S.COMPLETED})


class DocumentsMissing(Exception):
    """Passing for decision with required documents neither uploaded nor seen on paper."""

    def __init__(self, codes: Sequence[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = list(codes)


def missing_documents(session: Session, application: Application,
                      required: Sequence[str]) -> list[str]:
    """The required document codes with no file and no paper seen by staff, in their order."""
    uploaded = {document.requirement_code for document in current_documents(session, application)}
    seen = {code for code, paper in paper_documents(session, application).items()
            if paper.seen_at is not None}
    return [code for code in required if code not in uploaded | seen]


@dataclass(frozen=True)
class OtherCase:
    application: Application
    receiving: bool  # a current benefit; otherwise a case still open
    same_benefit: bool  # the same thing this application asks for


def _allowances(application: Application) -> set[str]:
    return set(allowances_ticked(application.answers))


def _same_benefit(application: Application, other: Application) -> bool:
    if other.service_code != application.service_code:
        return False
    rules = rules_for(application.service_code)
    if rules is not None and rules.separate_allowances:
        # The living and the care allowance are separate benefits: only the same one counts.
        mine, theirs = _allowances(application), _allowances(other)
        return not mine or not theirs or bool(mine & theirs)
    return True


def other_cases(session: Session, application: Application) -> list[OtherCase]:
    """The person's other applications still open, and the benefits they receive: what a
    decider weighs, and where a second application for the same benefit shows."""
    if application.person_id is None:
        return []
    others = session.scalars(
        select(Application).where(Application.person_id == application.person_id,
                                  Application.id != application.id,
                                  Application.status.in_(sorted(OPEN | RECEIVING)))
        .order_by(Application.submitted_at.desc(), Application.id.desc())).all()
    return [OtherCase(other, other.status in RECEIVING, _same_benefit(application, other))
            for other in others]


def already_receives(cases: Sequence[OtherCase]) -> list[OtherCase]:
    """The benefits the person already receives that this application asks for again."""
    return [case for case in cases if case.receiving and case.same_benefit]
