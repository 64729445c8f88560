"""The staff queue: an area's applications, soonest deadline first, keyset-paginated.

Designed for millions of rows: the area is an indexed equality and the order (due_on, id) is the
index's own (ix_applications_queue, ix_applications_township_queue), so a page costs about the same
at row 10 or 10 million; see benchmarks/queue_benchmark.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from app.domain.access.policies import (
    CIVIL_AFFAIRS_SERVICES,
    DECIDING_ROLES,
    applications_visible_to_staff,
    area_codes,
    decided_by_actor_level,
    is_case_staff,
)
from app.domain.calendar.work_calendar import WorkCalendar
from app.domain.casework.reference import normalise
from app.domain.models import Account, Application, ApplicationStatus, Person, Role
from app.domain.people.identity import normalise_digits

OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED,
                 ApplicationStatus.IN_REVIEW, ApplicationStatus.MORE_INFORMATION,
                 ApplicationStatus.ASSESSING, ApplicationStatus.PUBLIC_NOTICE,
                 ApplicationStatus.READY_FOR_DECISION, ApplicationStatus.WAITING_FOR_QUOTA,
                 ApplicationStatus.APPROVED, ApplicationStatus.IN_PROGRESS)
FAR_FUTURE = date(9999, 12, 31)  # no deadline sorts last
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True)
class QueueFilter:
    service_code: str | None = None
    status: ApplicationStatus | None = None
    township_code: str | None = None
    overdue_only: bool = False
    assigned_to_me: bool = False
    for_my_decision: bool = False  # only services the staff member's role decides


@dataclass(frozen=True)
class QueuePage:
    applications: list[Application]
    next_cursor: str | None


def _cursor(application: Application) -> str:
    return f"{(application.due_on or FAR_FUTURE).isoformat()}_{application.id}"


def _parse_cursor(cursor: str | None) -> tuple[date, int] | None:
    if not cursor or "_" not in cursor:
        return None
    day, _sep, ident = cursor.partition("_")
    try:
        return date.fromisoformat(day), int(ident)
    except ValueError:
        return None


def staff_queue(session: Session, staff: Account, chosen: QueueFilter, *, today: date,
                after: str | None = None, page_size: int = 25) -> QueuePage:
    if not is_case_staff(staff):
        return QueuePage([], None)
    codes = area_codes(staff.area_code or "")
    counties = [code for code in codes if len(code) == 6]
    townships = [code for code in codes if len(code) > 6]
    statuses = [chosen.status] if chosen.status else list(OPEN_STATUSES)
    due = Application.due_on
    query = (
        select(Application)
        .options(selectinload(Application.person),  # one query for all names, not one per row
                 # A list shows none of the answers: a page is not worth their JSON's decoding.
                 defer(Application.answers, raiseload=True),
                 defer(Application.made_by, raiseload=True))
        .where(Application.status.in_(statuses))
        # A county (or wider) area filters on county_code; a township area on township_code.
        .where(Application.county_code.in_(counties) if counties
               else Application.township_code.in_(townships))
    )
    if staff.role == Role.CIVIL_AFFAIRS:  # sees only the service it decides
        query = query.where(Application.service_code.in_(sorted(CIVIL_AFFAIRS_SERVICES)))
    if chosen.for_my_decision:
        decided_elsewhere = [code for code, role in DECIDING_ROLES.items() if role != staff.role]
        query = query.where(Application.service_code.not_in(decided_elsewhere),
                            decided_by_actor_level(staff))  # 重新评定: the city's
    if chosen.service_code:
        query = query.where(Application.service_code == chosen.service_code)
    if chosen.township_code:
        query = query.where(Application.township_code == chosen.township_code)
    if chosen.overdue_only:
        query = query.where(due < today)
    if chosen.assigned_to_me:
        query = query.where(Application.assigned_to_account_id == staff.id)
    position = _parse_cursor(after)
    if position is not None:
        due_after, id_after = position
        if due_after == FAR_FUTURE:
            query = query.where(and_(due.is_(None), Application.id > id_after))
        else:
            query = query.where(or_(due > due_after, and_(due == due_after,
                                                          Application.id > id_after),
                                    due.is_(None)))
    query = query.order_by(due.asc().nulls_last(), Application.id).limit(page_size + 1)
    rows = list(session.scalars(query))
    more = len(rows) > page_size
    rows = rows[:page_size]
    return QueuePage(rows, _cursor(rows[-1]) if more and rows else None)


DECISION_ROLES = frozenset(DECIDING_ROLES.values()) | {Role.APPROVER}


def decision_queue(session: Session, staff: Account, *, today: date, after: str | None = None,
                   page_size: int = 25) -> QueuePage:
    """What a caseworker passed for decision (审批/审定) that this staff member's role decides,
    in the deciding counties of their area, the soonest deadline first."""
    if staff.role not in DECISION_ROLES:
        return QueuePage([], None)
    chosen = QueueFilter(status=ApplicationStatus.READY_FOR_DECISION, for_my_decision=True)
    return staff_queue(session, staff, chosen, today=today, after=after, page_size=page_size)


def deadline_flag(application: Application, today: date, calendar: WorkCalendar
                  ) -> str | None:
    """"overdue", "due_soon" or None; never colour alone: the page writes the word."""
    if application.due_on is None:
        return None
    if application.due_on < today:
        return "overdue"
    if calendar.working_days_between(today, application.due_on) <= DUE_SOON_WORKING_DAYS:
        return "due_soon"
    return None


SEARCH_LIMIT = 25


def search_applications(session: Session, staff: Account, term: str, *,
                        limit: int = SEARCH_LIMIT) -> list[Application]:
    """Applications in the staff member's area found by reference, applicant's name or ID number.

    A reference or an ID number is matched whole (as people type them: spaces, dashes, full-width
    digits, lower-case x); a name is matched exactly or by its beginning. Drafts are not staff
    work and are left out. Newest first; the area rule is the one policy, in SQL.
    """
    term = term.strip()
    if not term or not is_case_staff(staff):
        return []
    number = normalise_digits(term)
    name = " ".join(term.split())
    people = select(Person.id).where(or_(Person.id_number == number,
                                         Person.full_name.startswith(name, autoescape=True)))
    query = (
        select(Application)
        .options(selectinload(Application.person))
        .where(Application.status != ApplicationStatus.DRAFT,
               applications_visible_to_staff(staff),
               or_(Application.reference == normalise(term), Application.person_id.in_(people)))
        .order_by(Application.submitted_at.desc(), Application.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
