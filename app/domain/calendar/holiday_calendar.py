"""The work calendar the province's administrators keep: one State Council notice a year.

Seeded from the notices shipped with the app (app/data/cn-work-calendar.csv); later years are
entered on the calendar page as soon as the notice is published, without a code release. Each
request reads the calendar once (it is a few dozen rows a year) so every worker sees a year as
soon as it is entered.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.access import policies
from app.domain.calendar.work_calendar import HOLIDAY, WORKDAY, Kind, WorkCalendar, shipped_entries
from app.domain.models import Account, CalendarDay, CalendarYear

_CACHE_KEY = "work_calendar"
# The notices behind the shipped rows (app/data/SOURCES.md); their numbers were not found.
SHIPPED_NOTICES: Mapping[int, str] = {
    2025: "国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日）",
    2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
}
# From this day of the year on, staff are told while next year's notice is still missing: the
# State Council publishes it in the autumn, and deadlines from October run into the new year.
WARN_FROM = (10, 1)
FIRST_YEAR, LAST_YEAR = 2025, 2100


def calendar_for(session: Session) -> WorkCalendar:
    """The calendar as the database holds it, read once per session (one request)."""
    cached = session.info.get(_CACHE_KEY)
    if cached is None:
        rows = session.execute(select(CalendarYear.year, CalendarDay.day, CalendarDay.kind)
                               .outerjoin(CalendarDay, CalendarDay.year == CalendarYear.year)
                               ).all()
        cached = WorkCalendar(((day, _kind(kind)) for _, day, kind in rows if day is not None),
                              years={year for year, _, _ in rows})
        session.info[_CACHE_KEY] = cached
    return cached


def _kind(value: str) -> Kind:
    return HOLIDAY if value == HOLIDAY else WORKDAY


def forget_calendar(session: Session) -> None:
    session.info.pop(_CACHE_KEY, None)


def entered_years(session: Session) -> list[CalendarYear]:
    return list(session.scalars(select(CalendarYear).order_by(CalendarYear.year)))


def seed_shipped_years(session: Session) -> list[int]:
    """Adds the shipped years the database does not hold yet; never overwrites an entered one."""
    held = set(session.scalars(select(CalendarYear.year)))
    added: dict[int, CalendarYear] = {}
    for entry in shipped_entries():
        year = entry.day.year
        if year in held:
            continue
        if year not in added:
            added[year] = CalendarYear(year=year, notice=SHIPPED_NOTICES.get(year, str(year)))
            session.add(added[year])
        added[year].days.append(CalendarDay(day=entry.day, kind=entry.kind, name=entry.name))
    forget_calendar(session)
    return sorted(added)


def missing_next_year(session: Session, today: date) -> int | None:
    """Next year, when its notice is missing and the season to enter it has come."""
    if (today.month, today.day) < WARN_FROM:
        return None
    return None if calendar_for(session).covers(today.year + 1) else today.year + 1


class CalendarProblem(enum.StrEnum):
    YEAR_OUT_OF_RANGE = "year_out_of_range"
    LISTED_TWICE = "listed_twice"  # the same day twice, or as a holiday and a working day
    OUTSIDE_YEAR = "outside_year"
    WORKDAY_ON_WEEKDAY = "workday_on_weekday"  # a make-up working day is a Saturday or Sunday
    NO_HOLIDAYS = "no_holidays"


@dataclass(frozen=True)
class DateProblem:
    problem: CalendarProblem
    day: date | None = None


@dataclass
class CalendarRefused(Exception):
    """What is wrong, by the field it belongs to: "year", "holidays" or "workdays"."""

    problems: dict[str, list[DateProblem]] = field(default_factory=dict)


def check_year(year: int, holidays: Iterable[date], workdays: Iterable[date]
               ) -> dict[str, list[DateProblem]]:
    """Every problem of a year's entry, by field; empty when it may be saved."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return {"year": [DateProblem(CalendarProblem.YEAR_OUT_OF_RANGE)]}
    problems: dict[str, list[DateProblem]] = {}
    seen: set[date] = set()
    for name, days in (("holidays", list(holidays)), ("workdays", list(workdays))):
        found: list[DateProblem] = []
        for day in days:
            if day.year != year:
                found.append(DateProblem(CalendarProblem.OUTSIDE_YEAR, day))
            elif day in seen:
                found.append(DateProblem(CalendarProblem.LISTED_TWICE, day))
            elif name == "workdays" and day.weekday() < 5:
                found.append(DateProblem(CalendarProblem.WORKDAY_ON_WEEKDAY, day))
            seen.add(day)
        if name == "holidays" and not days:
            found.append(DateProblem(CalendarProblem.NO_HOLIDAYS))
        if found:
            problems[name] = found
    return problems


@dataclass(frozen=True)
class YearEntered:
    year: int
    before: WorkCalendar  # the calendar as it was: what running deadlines were counted with
    after: WorkCalendar
    new: bool  # entered for the first time (not a correction)


def enter_year(session: Session, year: int, *, notice: str, holidays: Iterable[date],
               workdays: Iterable[date], actor: Account) -> YearEntered:
    """Saves a year's holidays and make-up working days, replacing what the year held."""
    if not policies.can_keep_work_calendar(actor):
        raise PermissionError("only province administrators keep the work calendar")
    holidays, workdays = sorted(holidays), sorted(workdays)
    problems = check_year(year, holidays, workdays)
    if problems:
        raise CalendarRefused(problems)
    before = calendar_for(session)
    record = session.get(CalendarYear, year)
    new = record is None
    if record is None:
        record = CalendarYear(year=year, notice=notice)
        session.add(record)
    record.notice = notice
    record.entered_by_account_id = actor.id
    names = {day.day: day.name for day in record.days}
    record.days = [CalendarDay(day=day, kind=kind, name=names.get(day))
                   for kind, days in ((HOLIDAY, holidays), (WORKDAY, workdays)) for day in days]
    session.flush()
    forget_calendar(session)
    return YearEntered(year=year, before=before, after=calendar_for(session), new=new)


# --- Dates as the notice writes them --------------------------------------------------------

_BETWEEN_ITEMS = re.compile(r"[\n,，、;；]+")
_RANGE = re.compile(r"\s*(?:至|到|~|～|–|—|\bto\b)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"[（(][^）)]*[）)]")  # "1月1日（周五）": the weekday in brackets
_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DAY_ONLY = re.compile(r"(\d{1,2})\s*日?")
LONGEST_RANGE = 31  # days: a longer range is a typing slip, not a holiday


def parse_days(text: str, year: int | None) -> tuple[list[date], list[str]]:
    """The days listed, one date or range an item ("2027-10-01", "10月1日至7日", "2027-10-01 to
    2027-10-07"), and the items that are not dates. Without a year only full dates are read."""
    days: list[date] = []
    unreadable: list[str] = []
    for item in _BETWEEN_ITEMS.split(unicodedata.normalize("NFKC", text)):
        written = item.strip()
        if not written:
            continue
        found = _read_item(_ASIDE.sub("", written).strip(), year)
        if found is None:
            unreadable.append(written)
        else:
            days.extend(found)
    return days, unreadable


def _read_item(item: str, year: int | None) -> list[date] | None:
    ends = _RANGE.split(item)
    if len(ends) == 1:
        day = _read_date(ends[0], year, None)
        return None if day is None else [day]
    if len(ends) != 2:
        return None
    first = _read_date(ends[0], year, None)
    last = _read_date(ends[1], year, first) if first else None
    if first is None or last is None or not 0 <= (last - first).days < LONGEST_RANGE:
        return None
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _read_date(text: str, year: int | None, start: date | None) -> date | None:
    """A full date; a month and day in the year entered; after a range's start, a day alone."""
    text = text.strip()
    try:
        if match := _FULL.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        in_year = start.year if start else year
        if in_year is not None and (match := _MONTH_DAY.fullmatch(text)):
            return date(in_year, int(match[1]), int(match[2]))
        if start is not None and (match := _DAY_ONLY.fullmatch(text)):
            return date(start.year, start.month, int(match[1]))
    except ValueError:  # 30 February
        return None
    return None


def write_days(days: Iterable[date]) -> str:
    """Days one item a line, runs of days as ranges: what parse_days reads back."""
    lines: list[str] = []
    run: list[date] = []
    for day in sorted(days):
        if run and day - run[-1] != timedelta(days=1):
            lines.append(_write_run(run))
            run = []
        run.append(day)
    if run:
        lines.append(_write_run(run))
    return "\n".join(lines)


def _write_run(run: list[date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()} ~ {run[-1].isoformat()}"
