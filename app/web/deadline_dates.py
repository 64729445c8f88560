"""How a deadline is written: "about …", marked provisional, while its year's holidays are not
entered (app.domain.calendar.work_calendar), so nobody mistakes a weekends-only count for the
real date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from app.database import get_session
from app.domain.access import policies
from app.domain.calendar.holiday_calendar import calendar_for, missing_next_year
from app.domain.clock import today_in_china
from app.domain.models import Role


def is_provisional(day: date) -> bool:
    return calendar_for(get_session()).is_provisional(day)


def deadline_words(day: date, style: str = "long") -> str:
    """The date as people write it, or "about <date> (provisional)"."""
    written = format_date(day, style)
    if not is_provisional(day):
        return written
    return _("about %(date)s (provisional)", date=written)


def deadline_date(day: date, style: str = "long") -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(),
                                                          deadline_words(day, style))


# Staff who count on deadlines are told while next year's holidays are missing (from October).
TOLD_OF_A_MISSING_YEAR = frozenset({Role.ADMIN, Role.CASEWORKER, Role.APPROVER,
                                    Role.CIVIL_AFFAIRS})


@dataclass(frozen=True)
class CalendarReminder:
    year: int  # the year whose holidays are missing
    can_enter: bool  # the reader is a province administrator, who enters them


def calendar_reminder() -> CalendarReminder | None:
    """What to tell the signed-in member of staff while next year's holidays are missing."""
    from app.web.access import current_account

    account = current_account()
    if account is None or account.role not in TOLD_OF_A_MISSING_YEAR:
        return None
    year = missing_next_year(get_session(), today_in_china())
    return None if year is None else CalendarReminder(
        year, can_enter=policies.can_keep_work_calendar(account))


def init_deadline_dates(app: Flask) -> None:
    app.jinja_env.globals.update(deadline_date=deadline_date, is_provisional=is_provisional,
                                 calendar_reminder=calendar_reminder)
