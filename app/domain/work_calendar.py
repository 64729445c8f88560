"""The national work calendar, for deadlines counted in working days (工作日).

A working day is Monday to Friday unless it is a listed public holiday, plus every listed
make-up working day (调休). Holidays are published year by year, so a year missing from the data
is not assumed to be ordinary: computations touching it raise CalendarNotCovered, and staff are
told the deadline is unknown rather than shown a wrong one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal, cast

CALENDAR_CSV = Path(__file__).resolve().parent.parent / "data" / "cn-work-calendar.csv"

Kind = Literal["holiday", "workday"]
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


class CalendarNotCovered(LookupError):
    """The calendar has no data for this year; add the State Council notice to the CSV."""

    def __init__(self, year: int) -> None:
        super().__init__(f"the work calendar does not cover {year}")
        self.year = year


class WorkCalendar:
    def __init__(self, entries: Iterable[tuple[date, Kind]]) -> None:
        self._holidays: set[date] = set()
        self._workdays: set[date] = set()
        for day, kind in entries:
            self._add(day, kind)
        self.years: frozenset[int] = frozenset(d.year for d in self._holidays | self._workdays)

    def _add(self, day: date, kind: Kind) -> None:
        if day in self._holidays or day in self._workdays:
            raise ValueError(f"{day} is listed twice in the work calendar")
        if kind == "holiday":
            self._holidays.add(day)
        elif kind == "workday":
            self._workdays.add(day)
        else:
            raise ValueError(f"unknown kind {kind!r} for {day} in the work calendar")

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date) -> bool:
        if not self.covers(day.year):
            raise CalendarNotCovered(day.year)
        if day in self._workdays:
            return True
        return day.weekday() < _SATURDAY and day not in self._holidays

    def add_working_days(self, start: date, n: int) -> date:
        """The day n working days after start (start itself not counted); start when n is 0."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        remaining = n
        while remaining > 0:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after a up to and including b; negative when b is before a.

        Inverse of add_working_days: working_days_between(a, add_working_days(a, n)) == n.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count


def _entry_from_row(row: dict[str, str]) -> tuple[date, Kind]:
    # WorkCalendar rejects unknown kinds, so the cast only informs the type checker.
    return date.fromisoformat(row["date"]), cast(Kind, row["kind"])


def read_calendar(path: Path = CALENDAR_CSV) -> WorkCalendar:
    with path.open(encoding="utf-8", newline="") as file:
        return WorkCalendar(_entry_from_row(row) for row in csv.DictReader(file))


@cache
def load_calendar() -> WorkCalendar:
    """The calendar shipped with the app, read once per process."""
    return read_calendar()
