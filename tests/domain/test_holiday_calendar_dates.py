"""Reading a year's days as the State Council notice writes them, and checking the year."""

from datetime import date

import pytest

from app.domain.calendar.holiday_calendar import (
    CalendarProblem,
    DateProblem,
    check_year,
    parse_days,
    write_days,
)


@pytest.mark.parametrize("written, days", [
    ("2027-10-01", [date(2027, 10, 1)]),
    ("２０２７／１０／１", [date(2027, 10, 1)]),  # full-width, slashes
    ("2027年10月1日（周五）", [date(2027, 10, 1)]),
    ("10月1日", [date(2027, 10, 1)]),  # the year entered
    ("10月1日至3日", [date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]),
    ("2027-12-31 ~ 2027-12-31", [date(2027, 12, 31)]),
    ("2027-01-30 to 2027-02-01", [date(2027, 1, 30), date(2027, 1, 31), date(2027, 2, 1)]),
    ("2027-01-01，2027-01-02、2027-01-03", [date(2027, 1, 1), date(2027, 1, 2),
                                          date(2027, 1, 3)]),
])
def test_dates_are_read_as_the_notice_writes_them(written: str, days: list[date]) -> None:
    assert parse_days(written, 2027) == (days, [])


@pytest.mark.parametrize("written", ["next Friday", "2027-02-30", "10月3日至1日",
                                     "2027-01-01 to 2027-03-01", "13月1日"])
def test_what_is_not_a_date_or_a_sensible_range_is_given_back(written: str) -> None:
    assert parse_days(written, 2027) == ([], [written])


def test_a_month_and_day_alone_need_the_year() -> None:
    assert parse_days("10月1日", None) == ([], ["10月1日"])


def test_written_days_read_back_the_same() -> None:
    days = [date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8),
            date(2027, 5, 1)]
    assert write_days(days) == "2027-01-01\n2027-02-06 ~ 2027-02-08\n2027-05-01"
    assert parse_days(write_days(days), 2027) == (days, [])


def test_each_problem_is_given_with_its_day_under_its_field() -> None:
    problems = check_year(2027, [date(2027, 1, 1), date(2027, 1, 1), date(2026, 12, 31)],
                          [date(2027, 1, 4), date(2027, 1, 2)])
    assert problems == {
        "holidays": [DateProblem(CalendarProblem.LISTED_TWICE, date(2027, 1, 1)),
                     DateProblem(CalendarProblem.OUTSIDE_YEAR, date(2026, 12, 31))],
        "workdays": [DateProblem(CalendarProblem.WORKDAY_ON_WEEKDAY, date(2027, 1, 4))],
    }
    assert check_year(2027, [date(2027, 1, 1)], [date(2027, 1, 2)]) == {}
    assert check_year(2027, [], []) == {"holidays": [DateProblem(CalendarProblem.NO_HOLIDAYS)]}
    assert check_year(1999, [], []) == {
        "year": [DateProblem(CalendarProblem.YEAR_OUT_OF_RANGE)]}
