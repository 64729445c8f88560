"""Jurisdiction follows 户籍: the county of household registration decides, wherever it was lodged.

An application may be lodged at any township or street in Jilin (全省通办) and goes to the
applicant's 户籍 county, which decides. For the two subsidies the 通办 rule also sets time limits:
the township that receives it sends it within 3 working days; the 户籍 county decides within 10
working days of receiving it; the applicant is told within 3 working days of the decision
(民政部办公厅、中国残联办公厅 2021 "跨省通办" notice, docs/process.md). The other services have
no such rule and keep their own limits. Where the person lives is kept apart
(Person.county_code / township_code) from where they are registered (Person.hukou_county_code).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.calendar.work_calendar import WorkCalendar
from app.domain.casework.queue import OPEN_STATUSES
from app.domain.models import Application, Person
from app.domain.models import ApplicationStatus as S
from app.domain.rules.service_rules import rules_for

# The answer "my 户籍 county is the county I live in" (the wizard and counter registration).
SAME_AS_HOME = "same"

# The services whose 通办 rule sets the 3 / 10 / 3 working days below
# (ServiceRules.tongban_time_limits): only the two subsidies' 资格认定申请 (the 2021 notice). The
# disability card's 跨省通办 (中国残联, 2021) is handled by the federation where the applicant
# lives, with no such limits; devices and home modification have no 通办 rule in the sources found.

SEND_WORKING_DAYS = 3  # lodging township → 户籍 county
DECIDE_WORKING_DAYS = 10  # from receipt to decision
NOTIFY_WORKING_DAYS = 3  # from decision to telling the applicant

# The county's own work before the decision, which the 10 working days bound. The applicant's
# time to answer (补正) and an assessment at a hospital are not the county's and are not capped.
COUNTY_DECIDES_IN = frozenset({S.ACCEPTED, S.IN_REVIEW, S.PUBLIC_NOTICE, S.READY_FOR_DECISION})


def deciding_county(person: Person | None, lodged_county_code: str) -> str:
    """The applicant's 户籍 county; where it is not recorded, the county they live in, else the
    county where it was lodged."""
    if person is not None and person.hukou_county_code:
        return person.hukou_county_code
    if person is not None and person.county_code:
        return person.county_code
    return lodged_county_code


def lodged_elsewhere(application: Application) -> bool:
    """Whether it was lodged outside the deciding county (通办) and must be sent there."""
    return bool(application.lodged_county_code) and \
        application.lodged_county_code != application.county_code


def has_tongban_time_limits(application: Application) -> bool:
    """Whether the 通办 time limits bind it: lodged elsewhere, for a service the rule covers."""
    rules = rules_for(application.service_code)
    return rules is not None and rules.tongban_time_limits and lodged_elsewhere(application)


def submission_working_days(application: Application, default: int) -> int:
    return min(default, SEND_WORKING_DAYS) if has_tongban_time_limits(application) else default


def on_received(application: Application, today: date, calendar: WorkCalendar) -> None:
    """The deciding county has it (accepted): its 10 working days to decide start."""
    if not has_tongban_time_limits(application):
        return
    application.decide_by = calendar.add_working_days(today, DECIDE_WORKING_DAYS)


def cap_due_date(application: Application, status: S, due: date, start: date,
                 calendar: WorkCalendar) -> date:
    """The status's deadline, brought forward to the 通办 time limits where they are shorter."""
    if not has_tongban_time_limits(application):
        return due
    if status in COUNTY_DECIDES_IN and application.decide_by is not None:
        return min(due, application.decide_by)
    if status == S.APPROVED:
        return min(due, calendar.add_working_days(start, NOTIFY_WORKING_DAYS))
    return due


def change_hukou_county(session: Session, person: Person, county_code: str) -> int:
    """Records the person's 户籍 county; returns how many of their open sent applications stay
    with another county.

    As in a real service, a case goes on with the county that has it: an application already
    sent keeps its deciding county (Application.county_code) unless the two counties transfer
    it (移交), which staff arrange, not the portal. Drafts and applications sent from now on
    go to the new county, as submit_application reads the person's 户籍 when it sends.
    """
    person.hukou_county_code = county_code
    return session.scalar(
        select(func.count()).select_from(Application)
        .where(Application.person_id == person.id, Application.status.in_(OPEN_STATUSES),
               Application.county_code != county_code)) or 0
