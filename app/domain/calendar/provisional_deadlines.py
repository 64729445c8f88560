"""Open deadlines counted again when a year of the work calendar is entered or corrected.

A deadline that ran into a year not yet entered was counted by weekends alone (provisional). When
the year is entered, each open deadline on or after its first day is counted again from the day
it started, with the same number of working days: what the old calendar counted, the new one
counts, so a county's later change of its rules never reaches a deadline already running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.calendar.deadlines import DEFAULT_WORKING_DAYS
from app.domain.calendar.holiday_calendar import YearEntered
from app.domain.casework import jurisdiction, status_machine
from app.domain.casework.applications import ACCEPTANCE_WORKING_DAYS
from app.domain.casework.queue import OPEN_STATUSES
from app.domain.models import Application, StatusEvent
from app.domain.models import ApplicationStatus as S


@dataclass(frozen=True)
class MovedDeadline:
    application: Application
    before: date | None
    after: date


def recount_open_deadlines(session: Session, entered: YearEntered) -> list[MovedDeadline]:
    """Counts again every open deadline the entered year can change; returns those that moved."""
    first_day = date(entered.year, 1, 1)
    found = list(session.scalars(select(Application).where(
        Application.status.in_(OPEN_STATUSES),
        or_(Application.due_on >= first_day, Application.decide_by >= first_day,
            # Set before provisional dates existed, when a missing year left no deadline.
            Application.due_on.is_(None) & Application.status.in_(list(DEFAULT_WORKING_DAYS))),
    ).order_by(Application.id)))
    if not found:
        return []
    started = _started_on(session, [application.id for application in found])
    accepted = _started_on(session, [a.id for a in found if a.decide_by is not None], S.ACCEPTED)
    moved = []
    for application in found:
        start = started.get(application.id)
        if start is None:
            continue
        if application.decide_by is not None and application.decide_by >= first_day and \
                application.id in accepted:
            application.decide_by = _recount(entered, accepted[application.id],
                                             application.decide_by)
        before = application.due_on
        after = _new_due(session, entered, application, start)
        if after is not None and after != before:
            application.due_on = after
            moved.append(MovedDeadline(application, before, after))
    return moved


def _recount(entered: YearEntered, start: date, due: date) -> date:
    """The same number of working days after start, counted with the new calendar."""
    return entered.after.add_working_days(start, entered.before.working_days_between(start, due))


def _new_due(session: Session, entered: YearEntered, application: Application,
             start: date) -> date | None:
    if application.status == S.PUBLIC_NOTICE:
        return status_machine.due_date(session, application, S.PUBLIC_NOTICE, start)
    if application.due_on is not None:
        return _recount(entered, start, application.due_on)
    if application.status == S.SUBMITTED:
        return entered.after.add_working_days(start, jurisdiction.submission_working_days(
            application, ACCEPTANCE_WORKING_DAYS))
    return status_machine.due_date(session, application, application.status, start)


def _started_on(session: Session, application_ids: list[int],
                status: S | None = None) -> dict[int, date]:
    """The day (in China) each application's current deadline started: its last event, the one
    that set the deadline (submission, a change of status or a stage), or its last event into
    the given status."""
    if not application_ids:
        return {}
    query = select(StatusEvent.application_id, func.max(StatusEvent.occurred_at)).where(
        StatusEvent.application_id.in_(application_ids))
    if status is not None:
        query = query.where(StatusEvent.to_status == status)
    rows: list[tuple[int, datetime]] = [
        (row[0], row[1]) for row in session.execute(query.group_by(StatusEvent.application_id))]
    return {application_id: clock.date_in_china(moment) for application_id, moment in rows}
