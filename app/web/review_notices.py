"""The messages of 定期复核 (issue 22), sent once each: when a round opens, a week before its
due date, and the letter when payment is put on hold for no answer."""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy.orm import Session

from app.domain import reviews
from app.domain.models import Application, ReviewCase, ReviewRound
from app.web.messages import (
    notify_review,
    review_opened_text,
    review_reminder_text,
    review_suspended_text,
)


def _application(session: Session, case: ReviewCase) -> Application | None:
    """The application behind the person's entitlement in the county: the letter's file."""
    paid = reviews.paid_entitlements(session, case.person_id, case.round.county_code)
    return paid[0].application if paid else None


def tell_round_opened(session: Session, review: ReviewRound, today: date) -> int:
    told = 0
    for case in reviews.not_yet_told(session, review):
        application = _application(session, case)
        if application is not None:
            notify_review(session, case.person, application,
                          text=partial(review_opened_text, review.due_on, case.person_id))
            told += 1
        case.told_opened_on = today
    return told


def remind(session: Session, today: date) -> int:
    reminded = 0
    for case in reviews.due_for_reminder(session, today):
        application = _application(session, case)
        if application is not None:
            notify_review(session, case.person, application,
                          text=partial(review_reminder_text, case.round.due_on,
                                       case.person_id))
            reminded += 1
        case.reminded_on = today
    return reminded


def close_rounds(session: Session, today: date) -> int:
    suspended = 0
    for made in reviews.close_due_rounds(session, today):
        case = made.case
        if made.entitlements:
            notify_review(session, case.person, made.entitlements[0].application,
                          text=partial(review_suspended_text, case.round.due_on,
                                       case.person_id),
                          by_letter=True)
            suspended += 1
    return suspended
