"""One status machine for every service: who may move an application where, and what it needs.

The domain refuses an illegal transition whatever a page shows. Every change writes a StatusEvent
in the same transaction, and the version column turns a second, stale edit into a clear conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain import clock, policies
from app.domain.deadlines import working_days
from app.domain.models import (
    Account,
    Application,
    Channel,
    Role,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.stages import needs_date, next_stage
from app.domain.work_calendar import CalendarNotCovered, load_calendar

APPLICANT = "applicant"  # the person, or an agent acting for them


@dataclass(frozen=True)
class Transition:
    name: str
    source: frozenset[S]
    target: S
    actors: frozenset[Role | str]
    needs_reason: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED,
               frozenset({Role.COUNTER, Role.CASEWORKER})),
    Transition("return", frozenset({S.SUBMITTED}), S.RETURNED,
               frozenset({Role.COUNTER, Role.CASEWORKER}), needs_reason=True),
    Transition("start_review", frozenset({S.ACCEPTED}), S.IN_REVIEW,
               frozenset({Role.CASEWORKER})),
    Transition("request_information", frozenset({S.IN_REVIEW}), S.MORE_INFORMATION,
               frozenset({Role.CASEWORKER}), needs_reason=True),
    Transition("provide_information", frozenset({S.MORE_INFORMATION}), S.IN_REVIEW,
               frozenset({APPLICANT, Role.COUNTER})),
    Transition("approve", frozenset({S.IN_REVIEW}), S.APPROVED, frozenset({Role.APPROVER}),
               needs_reason=True),
    Transition("refuse", frozenset({S.IN_REVIEW}), S.REFUSED, frozenset({Role.APPROVER}),
               needs_reason=True),
    Transition("start_stages", frozenset({S.APPROVED}), S.IN_PROGRESS,
               frozenset({Role.CASEWORKER})),
    Transition("complete", frozenset({S.IN_PROGRESS}), S.COMPLETED,
               frozenset({Role.CASEWORKER})),
    Transition("withdraw", frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_REVIEW,
                                      S.MORE_INFORMATION}), S.WITHDRAWN,
               frozenset({APPLICANT, Role.COUNTER})),
)
BY_NAME = {transition.name: transition for transition in TRANSITIONS}

class TransitionRefused(Exception):
    """The transition is not allowed from this status, for this person, or without a reason."""


class ReasonMissing(TransitionRefused):
    """The transition is allowed but needs a reason the applicant will read."""


class DateMissing(TransitionRefused):
    """The stage arranges an appointment or visit, and its date is needed."""


class EditConflict(Exception):
    """Someone else changed the application since this page was opened."""


def actor_kind(session: Session, actor: Account, application: Application) -> Role | str | None:
    if actor.role == Role.PUBLIC:
        return APPLICANT if policies.can_view_application(session, actor, application) else None
    return actor.role if policies.can_view_application(session, actor, application) else None


def allowed_transitions(session: Session, actor: Account,
                        application: Application) -> list[Transition]:
    kind = actor_kind(session, actor, application)
    if kind is None:
        return []
    allowed = [t for t in TRANSITIONS if application.status in t.source and kind in t.actors]
    if stage_to_record(application) is not None:  # completed only after the last stage
        allowed = [t for t in allowed if t.name != "complete"]
    return allowed


def stage_to_record(application: Application) -> str | None:
    """The service stage that must be recorded next, while the application is in progress."""
    if application.status != S.IN_PROGRESS:
        return None
    return next_stage(application.service_code, application.stage)


def due_date(session: Session, application: Application, status: S,
             start: date) -> date | None:
    days = working_days(session, application.county_code, status)
    if days is None:
        return None
    try:
        return load_calendar().add_working_days(start, days)
    except CalendarNotCovered:
        return None  # shown to staff as "no deadline: the holiday calendar is missing"


def transition(session: Session, application: Application, name: str, *, actor: Account,
               channel: Channel, reason: str | None = None, expected_version: int | None = None,
               stage: str | None = None, today: date | None = None) -> StatusEvent:
    # A stale page is told first: what it tries may only be illegal because someone moved on.
    if expected_version is not None and expected_version != application.version:
        raise EditConflict(application.id)
    chosen = BY_NAME.get(name)
    if chosen is None or chosen not in allowed_transitions(session, actor, application):
        raise TransitionRefused(name)
    if chosen.needs_reason and not (reason and reason.strip()):
        raise ReasonMissing(name)
    now = clock.utc_now()
    # Looked up before anything changes, so the query does not flush a half-made change.
    due_on = due_date(session, application, chosen.target, today or clock.date_in_china(now))
    event = StatusEvent(application=application, from_status=application.status,
                        to_status=chosen.target, actor=actor, channel=channel,
                        reason=(reason or "").strip() or None, occurred_at=now, stage=stage)
    session.add(event)
    application.status = chosen.target
    application.stage = stage if chosen.target == S.IN_PROGRESS else None
    application.due_on = due_on
    if chosen.target in (S.APPROVED, S.REFUSED):
        application.decided_at = now
    return event


def advance_stage(session: Session, application: Application, stage: str, *, actor: Account,
                  channel: Channel, note: str | None = None, scheduled_for: date | None = None,
                  expected_version: int | None = None, today: date | None = None) -> StatusEvent:
    """Records the next of the service's own stages (appointment, works...), in their order."""
    if expected_version is not None and expected_version != application.version:
        raise EditConflict(application.id)
    if actor.role != Role.CASEWORKER or stage != stage_to_record(application) or \
            not policies.can_view_application(session, actor, application):
        raise TransitionRefused("advance_stage")
    dated = needs_date(application.service_code, stage)
    if dated and scheduled_for is None:
        raise DateMissing(stage)
    now = clock.utc_now()
    due_on = due_date(session, application, S.IN_PROGRESS, today or clock.date_in_china(now))
    event = StatusEvent(application=application, from_status=application.status,
                        to_status=application.status, actor=actor, channel=channel,
                        reason=(note or "").strip() or None, occurred_at=now, stage=stage,
                        scheduled_for=scheduled_for if dated else None)
    session.add(event)
    application.stage = stage
    application.due_on = due_on
    return event
