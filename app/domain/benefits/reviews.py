"""定期复核: the yearly review of the two subsidies (issue 22).

A county's civil affairs open a round with its due date; each recipient then paid by the county
(or their agent, or counter staff for them) confirms their circumstances. An answer that says
something changed is a note for staff, who decide any change (停发 etc.) with reasons: the
answer itself never stops a payment. No answer by the due date suspends payment
(entitlements.suspend, "review_not_answered"); a later answer resumes it, and the months held
back are paid in the next run. Staff check a reproducible random sample of the answers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.domain.benefits import entitlements
from app.domain.models import (
    Entitlement,
    EntitlementState,
    ReviewCase,
    ReviewRound,
)

# Each question asks whether a circumstance still holds: True is "yes, unchanged".
LIVES_AT_HUKOU = "lives_at_hukou"  # still living at the 户籍 address
SUBSISTENCE = "subsistence_in_force"  # 低保 still in force (the living allowance only)
NOT_IN_INSTITUTION = "not_in_institution"  # not in a care institution (集中供养)
ACCOUNT_UNCHANGED = "account_unchanged"  # the bank account paid into is unchanged
QUESTIONS = (LIVES_AT_HUKOU, SUBSISTENCE, NOT_IN_INSTITUTION, ACCOUNT_UNCHANGED)
REMIND_DAYS_BEFORE = 7
CHECK_OUTCOMES = ("confirmed", "differs")
SAMPLE_PERCENT = 10
SAMPLE_MINIMUM = 5


class RoundExists(ValueError):
    """The county has a round for that year already."""


class AlreadyAnswered(ValueError):
    """The case has its answer: nothing is recorded twice."""


def paid_entitlements(session: Session, person_id: int, county_code: str) -> list[Entitlement]:
    """The person's entitlements the county pays or holds (not stopped)."""
    return list(session.scalars(select(Entitlement).where(
        Entitlement.person_id == person_id, Entitlement.county_code == county_code,
        Entitlement.state != EntitlementState.STOPPED).order_by(Entitlement.id)))


def questions_for(session: Session, case: ReviewCase) -> tuple[str, ...]:
    """低保 is asked only of those paid the living allowance (its condition)."""
    allowances = {e.allowance for e in paid_entitlements(session, case.person_id,
                                                         case.round.county_code)}
    return tuple(q for q in QUESTIONS if q != SUBSISTENCE or "living" in allowances)


def open_round(session: Session, *, county_code: str, due_on: date, today: date,
               actor_id: int | None) -> ReviewRound:
    """A round for the year of its due date, with a case for every person the county pays
    now. People granted later are reviewed in the next year's round."""
    exists = session.scalar(select(ReviewRound.id).where(
        ReviewRound.county_code == county_code, ReviewRound.year == due_on.year))
    if exists is not None:
        raise RoundExists(county_code)
    review = ReviewRound(county_code=county_code, year=due_on.year, opened_on=today,
                         due_on=due_on, opened_by_account_id=actor_id)
    session.add(review)
    people = session.scalars(select(Entitlement.person_id).where(
        Entitlement.county_code == county_code,
        Entitlement.state != EntitlementState.STOPPED).distinct().order_by(Entitlement.person_id))
    session.add_all(ReviewCase(round=review, person_id=person_id, answers={})
                    for person_id in people)
    session.flush()
    return review


def rounds_of(session: Session, county_codes: list[str]) -> list[ReviewRound]:
    return list(session.scalars(select(ReviewRound).where(
        ReviewRound.county_code.in_(county_codes))
        .order_by(ReviewRound.year.desc(), ReviewRound.county_code)))


def latest_case(session: Session, person_id: int) -> ReviewCase | None:
    """The person's case in their latest round: its due date is "the next review"."""
    return session.scalar(select(ReviewCase).join(ReviewCase.round)
                          .options(joinedload(ReviewCase.round))
                          .where(ReviewCase.person_id == person_id)
                          .order_by(ReviewRound.due_on.desc(), ReviewCase.id.desc()).limit(1))


def changed(case: ReviewCase) -> bool:
    """The answer says a circumstance changed: staff follow it up."""
    return any(value is False for value in case.answers.values())


def answer(session: Session, case: ReviewCase, *, answers: Mapping[str, bool],
           changes_note: str | None, today: date, actor_id: int | None,
           channel: str) -> list[Entitlement]:
    """Records the answer (online or at the counter). A suspension for no answer ends with
    it: payment resumes and the months held back go on the next run. Returns what resumed."""
    if case.answered_on is not None:
        raise AlreadyAnswered(case.id)
    asked = questions_for(session, case)
    case.answers = {question: bool(answers[question]) for question in asked}
    case.changes_note = (changes_note or "").strip() or None
    case.answered_on, case.answered_by_account_id, case.channel = today, actor_id, channel
    resumed = []
    if case.suspended_on is not None:
        for entitlement in paid_entitlements(session, case.person_id, case.round.county_code):
            if entitlement.state == EntitlementState.SUSPENDED and \
                    entitlement.state_reason == "review_not_answered":
                entitlements.resume(session, entitlement, today=today, reason="review_answered",
                                    actor_id=actor_id)
                resumed.append(entitlement)
    return resumed


def due_for_reminder(session: Session, today: date) -> list[ReviewCase]:
    """Unanswered cases of open rounds due within a week, not yet reminded."""
    return list(session.scalars(select(ReviewCase).join(ReviewCase.round)
                                .options(joinedload(ReviewCase.round),
                                         joinedload(ReviewCase.person))
                                .where(ReviewRound.closed_on.is_(None),
                                       ReviewRound.due_on >= today,
                                       ReviewRound.due_on <= today + timedelta(
                                           days=REMIND_DAYS_BEFORE),
                                       ReviewCase.answered_on.is_(None),
                                       ReviewCase.reminded_on.is_(None))
                                .order_by(ReviewCase.id)))


def not_yet_told(session: Session, review: ReviewRound) -> list[ReviewCase]:
    """The round's cases whose opening message is still to send."""
    return list(session.scalars(select(ReviewCase).options(joinedload(ReviewCase.person))
                                .where(ReviewCase.round_id == review.id,
                                       ReviewCase.told_opened_on.is_(None))
                                .order_by(ReviewCase.id)))


@dataclass(frozen=True)
class Suspension:
    case: ReviewCase
    entitlements: list[Entitlement]


def close_due_rounds(session: Session, today: date) -> list[Suspension]:
    """After its due date each open round suspends the payment of every non-answer; a round
    closed is never closed again, so running this twice suspends nobody twice."""
    rounds = session.scalars(select(ReviewRound).where(
        ReviewRound.closed_on.is_(None), ReviewRound.due_on < today)
        .order_by(ReviewRound.id)).all()
    made = []
    for review in rounds:
        waiting = {case.person_id: case for case in review.cases
                   if case.answered_on is None and case.suspended_on is None}
        # The county's paying entitlements in one indexed query, kept for those not answering
        # (an IN list of a county's recipients would pass PostgreSQL's 65,535 parameters).
        paying: dict[int, list[Entitlement]] = {person_id: [] for person_id in waiting}
        for entitlement in session.scalars(select(Entitlement).where(
                Entitlement.county_code == review.county_code,
                Entitlement.state == EntitlementState.PAYING).order_by(Entitlement.id)):
            if entitlement.person_id in paying:
                paying[entitlement.person_id].append(entitlement)
        for person_id, case in waiting.items():
            for entitlement in paying[person_id]:
                entitlements.suspend(session, entitlement, today=today,
                                     reason="review_not_answered")
            case.suspended_on = today
            made.append(Suspension(case, paying[person_id]))
        review.closed_on = today
    session.flush()
    return made


def sample_size(answered: int, *, percent: int = SAMPLE_PERCENT,
                minimum: int = SAMPLE_MINIMUM) -> int:
    return min(answered, max(minimum, math.ceil(answered * percent / 100)))


def draw_sample(session: Session, review: ReviewRound, *, today: date,
                percent: int = SAMPLE_PERCENT, minimum: int = SAMPLE_MINIMUM) -> list[ReviewCase]:
    """A random sample of the answers for checks (抽查), drawn once: the seed is kept, so the
    same seed over the same answers draws the same people again (anyone may verify it)."""
    if review.sample_drawn_on is not None:
        return [case for case in review.cases if case.drawn_for_check]
    answered = sorted((case for case in review.cases if case.answered_on is not None),
                      key=lambda case: case.id)
    review.sample_seed = review.sample_seed or f"{review.county_code}-{review.year}-{today:%Y%m%d}"
    drawn = random.Random(review.sample_seed).sample(answered, sample_size(
        len(answered), percent=percent, minimum=minimum))
    for case in drawn:
        case.drawn_for_check = True
    review.sample_drawn_on = today
    return sorted(drawn, key=lambda case: case.id)


def record_check(case: ReviewCase, *, outcome: str, note: str | None, today: date,
                 actor_id: int) -> None:
    if outcome not in CHECK_OUTCOMES or not case.drawn_for_check:
        raise ValueError(outcome)
    case.check_outcome, case.check_note = outcome, (note or "").strip() or None
    case.checked_on, case.checked_by_account_id = today, actor_id
