"""The national work calendar, for deadlines counted in working days (工作日).

A working day is Monday to Friday unless it is a listed public holiday, plus every listed
make-up working day (调休). The State Council publishes each year's holidays in the autumn
before (国务院办公厅关于××××年部分节假日安排的通知); the province's administrators enter them
(app.domain.calendar.holiday_calendar). Until a year is entered its days are counted by weekends
alone, and every date that falls in it is provisional: shown as "about …" and counted again when the
year is entered.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal, cast

CALENDAR_CSV = Path(__file__).resolve().parents[2] / "data" / "cn-work-calendar.csv"

Kind = Literal["holiday", "workday"]
HOLIDAY: Kind = "holiday"
WORKDAY: Kind = "workday"
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    kind: Kind
    name: str | None = None


class WorkCalendar:
    def __init__(self, entries: Iterable[tuple[date, Kind]],
                 years: Iterable[int] | None = None) -> None:
        self._holidays: set[date] = set()
        self._workdays: set[date] = set()
        for day, kind in entries:
            self._add(day, kind)
        listed = {d.year for d in self._holidays | self._workdays}
        # The years whose notice is entered; a year may be entered before any day is listed.
        self.years: frozenset[int] = frozenset(listed if years is None else set(years) | listed)

    def _add(self, day: date, kind: Kind) -> None:
        if day in self._holidays or day in self._workdays:
            raise ValueError(f"{day} is listed twice in the work calendar")
        if kind == HOLIDAY:
            self._holidays.add(day)
        elif kind == WORKDAY:
            self._workdays.add(day)
        else:
            raise ValueError(f"unknown kind {kind!r} for {day} in the work calendar")

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_provisional(self, day: date) -> bool:
        """Whether a deadline on this day was counted without its year's holidays."""
        return not self.covers(day.year)

    def is_working_day(self, day: date) -> bool:
        if day in self._workdays:
            return True
        # A year not yet entered counts weekends alone: its holidays are unknown.
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


def shipped_entries(path: Path = CALENDAR_CSV) -> list[CalendarEntry]:
    """The State Council notices shipped with the app (app/data), to seed the database."""
    with path.open(encoding="utf-8", newline="") as file:
        # WorkCalendar rejects unknown kinds, so the cast only informs the type checker.
        return [CalendarEntry(date.fromisoformat(row["date"]), cast(Kind, row["kind"]),
                              row.get("name") or None) for row in csv.DictReader(file)]


def read_calendar(path: Path = CALENDAR_CSV) -> WorkCalendar:
    return WorkCalendar((entry.day, entry.kind) for entry in shipped_entries(path))
