"""Deadlines in working days under the national holiday calendar."""

from datetime import date

import pytest

from app.domain.calendar.work_calendar import WorkCalendar, read_calendar


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return read_calendar()  # the notices shipped in app/data


def test_the_calendar_covers_2025_and_2026_only(calendar: WorkCalendar) -> None:
    assert calendar.covers(2025)
    assert calendar.covers(2026)
    assert not calendar.covers(2024)
    assert not calendar.covers(2027)


def test_an_ordinary_weekday_is_a_working_day(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(date(2025, 6, 10))


def test_an_ordinary_saturday_is_not_a_working_day(calendar: WorkCalendar) -> None:
    assert not calendar.is_working_day(date(2025, 10, 18))


def test_a_holiday_on_a_weekday_is_not_a_working_day(calendar: WorkCalendar) -> None:
    assert not calendar.is_working_day(date(2025, 10, 1))


def test_the_start_day_is_not_counted(calendar: WorkCalendar) -> None:
    assert calendar.add_working_days(date(2025, 6, 9), 1) == date(2025, 6, 10)


def test_zero_working_days_is_the_start_day(calendar: WorkCalendar) -> None:
    assert calendar.add_working_days(date(2025, 6, 9), 0) == date(2025, 6, 9)


def test_negative_working_days_are_refused(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2025, 6, 9), -1)


def test_weekends_are_skipped_in_deadlines(calendar: WorkCalendar) -> None:
    assert calendar.add_working_days(date(2025, 6, 13), 1) == date(2025, 6, 16)


def test_national_day_holiday_is_skipped_in_deadlines(calendar: WorkCalendar) -> None:
    # Tuesday 30 September 2025; 1-8 October are holidays.
    assert calendar.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_make_up_workday_on_a_saturday_counts(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(date(2025, 10, 11))
    assert calendar.add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)


def test_make_up_workday_on_a_sunday_counts(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(date(2025, 9, 28))


def test_deadline_crossing_spring_festival_2026(calendar: WorkCalendar) -> None:
    # Thursday 12 February: Fri 13, make-up Sat 14, holidays 15-23, then Tue 24, Wed 25, Thu 26.
    assert calendar.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_a_deadline_running_into_a_year_not_entered_counts_weekends_and_is_provisional(
        calendar: WorkCalendar) -> None:
    # Wednesday 30 December 2026: Thu 31, then Fri 1 January 2027 (its holidays unknown), Mon 4.
    due = calendar.add_working_days(date(2026, 12, 30), 3)
    assert due == date(2027, 1, 4)
    assert calendar.is_provisional(due)
    assert not calendar.is_provisional(date(2026, 12, 31))


def test_a_year_entered_without_holidays_listed_is_still_entered() -> None:
    calendar = WorkCalendar([], years=[2027])
    assert calendar.covers(2027)
    assert not calendar.is_provisional(date(2027, 3, 1))


def test_working_days_between_undoes_adding_them(calendar: WorkCalendar) -> None:
    start = date(2025, 9, 25)
    for n in range(0, 30):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


def test_working_days_between_is_negative_when_the_deadline_has_passed(
    calendar: WorkCalendar,
) -> None:
    assert calendar.working_days_between(date(2025, 10, 9), date(2025, 9, 30)) == -1


def test_working_days_between_the_same_day_is_zero(calendar: WorkCalendar) -> None:
    assert calendar.working_days_between(date(2025, 6, 9), date(2025, 6, 9)) == 0


def test_a_date_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkCalendar([(date(2025, 1, 1), "holiday"), (date(2025, 1, 1), "workday")])


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkCalendar([(date(2025, 1, 1), "vacation")])  # type: ignore[list-item]
