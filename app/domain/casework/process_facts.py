"""What staff and applicants are told about where an application stands in its service's process:
the 公示's last day, the date before which the next step cannot be recorded, the year's places
for home modification, the month payments count from, the last day to ask for 重新评定.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.calendar.work_calendar import WorkCalendar
from app.domain.casework import jurisdiction, status_machine
from app.domain.casework.deciding_bodies import Body, deciding_body
from app.domain.models import Application
from app.domain.models import ApplicationStatus as S
from app.domain.rules import county_rules
from app.domain.rules.service_rules import rules_for

# 《残疾人证管理办法》: who disagrees with the result may ask the city federation for a
# re-assessment (重新评定) within 10 working days of receiving it.
REASSESSMENT_WORKING_DAYS = 10


@dataclass(frozen=True)
class ProcessFacts:
    public_notice_ends_on: date | None = None
    next_step_from: date | None = None  # a stage's date still to come
    places_left: int | None = None  # home modification, this year; None: not limited or n/a
    quota_year: int | None = None
    payment_from: date | None = None  # two subsidies: the first day of the month applied in
    reassessment_by: date | None = None  # refused card: last day to ask for 重新评定
    lodged_elsewhere: bool = False  # 通办: lodged outside the deciding county
    tongban_time_limits: bool = False  # and the 3 / 10 working days to send and decide apply
    decided_by_civil_affairs: bool = False


def payment_from(application: Application) -> date | None:
    """Two subsidies are paid from the month of application (国发〔2015〕52号)."""
    if application.submitted_at is None:
        return None
    submitted = clock.date_in_china(application.submitted_at)
    return submitted.replace(day=1)


def reassessment_by(application: Application, calendar: WorkCalendar) -> date | None:
    if application.decided_at is None:
        return None
    return calendar.add_working_days(clock.date_in_china(application.decided_at),
                                     REASSESSMENT_WORKING_DAYS)


def process_facts(session: Session, application: Application, today: date) -> ProcessFacts:
    rules = rules_for(application.service_code)
    quota_shown = rules is not None and rules.yearly_places and application.status in (
        S.READY_FOR_DECISION, S.WAITING_FOR_QUOTA)
    return ProcessFacts(
        public_notice_ends_on=application.public_notice_ends_on
        if application.status == S.PUBLIC_NOTICE else None,
        next_step_from=status_machine.stage_date_pending(session, application, today),
        places_left=county_rules.places_left(session, application.county_code, today.year)
        if quota_shown else None,
        quota_year=today.year if quota_shown else None,
        payment_from=payment_from(application)
        if rules is not None and rules.paid_from_month_of_application else None,
        reassessment_by=reassessment_by(application, calendar_for(session))
        if rules is not None and rules.reassessment_after_refusal
        and application.status == S.REFUSED else None,
        lodged_elsewhere=jurisdiction.lodged_elsewhere(application),
        tongban_time_limits=jurisdiction.has_tongban_time_limits(application),
        decided_by_civil_affairs=deciding_body(application.service_code) == Body.CIVIL_AFFAIRS,
    )
