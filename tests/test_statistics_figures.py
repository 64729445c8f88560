"""The statistics' figures (issue 24, items 2, 3, 6 and 7): a small fixed world whose answers are
counted by hand from the rows the test makes, months in China's time zone, and small counts
hidden outside the county's own staff."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.database import get_session
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework.reference import new_reference
from app.domain.clock import CHINA, date_in_china
from app.domain.models import Application, Channel, StatisticsCount, StatusEvent
from app.domain.models import ApplicationStatus as S
from app.domain.statistics.refresh import decision_limit, refresh_county
from app.domain.statistics.report import (
    combined,
    equal_share_of_province_target,
    parse_month,
    percentile,
    read_figures,
    share,
    shown,
)
from tests.factories import make_account

HERE, THERE = "220102", "220103"
TODAY = date(2026, 3, 10)  # the frozen clock's day


@dataclass(frozen=True)
class Made:
    service: str
    status: S
    submitted: datetime
    decided: datetime | None = None
    filled_by: str = "applicant"
    channel: Channel = Channel.ONLINE
    asked: bool = False
    reasons: tuple[str, ...] = ()
    completed: datetime | None = None
    due_on: date | None = None
    county: str = HERE


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# The fixed world. Decisions in February 2026: 春节 holidays 15–23 February (calendar 2026).
WORLD = [
    # Sent 31 March 17:00 UTC = 1 April 01:00 in China: an April application, not March.
    Made("two-subsidies", S.SUBMITTED, utc(2026, 3, 31, 17), due_on=date(2026, 4, 8)),
    # Sent 28 February 15:59 UTC = 23:59 in China: still February.
    Made("two-subsidies", S.IN_REVIEW, utc(2026, 2, 28, 15, 59), due_on=date(2026, 3, 9)),
    Made("two-subsidies", S.APPROVED, utc(2026, 2, 2, 2), decided=utc(2026, 2, 6, 2)),
    Made("two-subsidies", S.REFUSED, utc(2026, 2, 3, 2), decided=utc(2026, 2, 27, 2),
         reasons=("not_low_income", "level_not_severe"), asked=True),
    Made("two-subsidies", S.REFUSED, utc(2026, 2, 4, 2), decided=utc(2026, 2, 10, 2),
         reasons=("not_low_income",), filled_by="agent"),
    Made("assistive-devices", S.COMPLETED, utc(2026, 2, 5, 2), decided=utc(2026, 2, 11, 2),
         completed=utc(2026, 2, 26, 2), filled_by="counter", channel=Channel.COUNTER),
    Made("assistive-devices", S.MORE_INFORMATION, utc(2026, 2, 9, 2), asked=True,
         due_on=date(2026, 3, 20), filled_by="counter", channel=Channel.COUNTER),
    Made("home-modification", S.COMPLETED, utc(2025, 11, 3, 2), decided=utc(2026, 2, 12, 2),
         completed=utc(2026, 2, 27, 2)),
    Made("home-modification", S.COMPLETED, utc(2025, 11, 4, 2), decided=utc(2025, 12, 1, 2),
         completed=utc(2026, 1, 20, 2)),
    Made("disability-assessment", S.ACCEPTED, utc(2026, 2, 10, 2), due_on=date(2026, 3, 2)),
    Made("two-subsidies", S.SUBMITTED, utc(2026, 2, 11, 2), county=THERE,
         due_on=date(2026, 3, 1)),
]


def build(app: Flask, world: list[Made], phone: str = "13906680001") -> None:
    creator = make_account(app, phone=phone, name="申请人")
    with app.app_context():
        db = get_session()
        for made in world:
            application = Application(
                service_code=made.service, status=made.status, reference=new_reference(),
                county_code=made.county, township_code=made.county + "001", answers={},
                created_by_account_id=creator, channel=made.channel,
                made_by={"filled_by": made.filled_by}, submitted_at=made.submitted,
                decided_at=made.decided, due_on=made.due_on)
            db.add(application)
            db.flush()
            events = [(S.SUBMITTED, made.submitted, None)]
            if made.asked:
                events.append((S.MORE_INFORMATION, made.submitted, None))
            if made.status == S.REFUSED:
                events.append((S.REFUSED, made.decided, list(made.reasons)))
            if made.completed:
                events.append((S.COMPLETED, made.completed, None))
            db.add_all(StatusEvent(application_id=application.id, to_status=to_status,
                                   channel=made.channel, occurred_at=at, reason_codes=codes)
                       for to_status, at, codes in events)
        db.commit()


def refreshed(app: Flask) -> None:
    with app.app_context():
        db = get_session()
        for county in (HERE, THERE):
            refresh_county(db, county, today=TODAY)
        db.commit()


@pytest.mark.engine
def test_each_figure_matches_a_count_made_by_hand_from_the_same_rows(app: Flask) -> None:
    build(app, WORLD)
    refreshed(app)
    here = [made for made in WORLD if made.county == HERE]
    with app.app_context():
        db = get_session()
        february = read_figures(db, [HERE], "2026-02")[HERE]
        april = read_figures(db, [HERE], "2026-04")[HERE]
        calendar = calendar_for(db)
        limit = decision_limit(db, HERE)

    sent_february = [m for m in here if in_china(m.submitted) == "2026-02"]
    assert february.sent == Counter(m.service for m in sent_february)
    assert sum(february.sent.values()) == 7
    assert april.sent == Counter({"two-subsidies": 1})  # the 31 March 17:00 UTC one
    assert february.made_by == Counter(m.filled_by for m in sent_february)
    assert february.more_information == Counter(m.service for m in sent_february if m.asked)

    decided_february = [m for m in here if m.decided and in_china(m.decided) == "2026-02"]
    days = Counter(calendar.working_days_between(_china_day(m.submitted), _china_day(m.decided))
                   for m in decided_february)
    assert february.all_decision_days == days
    assert february.decided() == len(decided_february) == 5
    # 春节 (15–23 February) is not counted: sent 3 February, refused 27 February = 13 days.
    assert february.decision_days["two-subsidies"][13] == 1
    assert limit == 33
    assert february.decided_within_limit() == sum(
        1 for m in decided_february if calendar.working_days_between(
            _china_day(m.submitted), _china_day(m.decided)) <= limit)
    assert february.decided_within_limit("home-modification") == 0  # sent in November
    assert february.refused == Counter({"two-subsidies": 2})
    assert february.refusal_reasons == Counter({"not_low_income": 2, "level_not_severe": 1})
    assert february.completed == Counter({"assistive-devices": 1, "home-modification": 1})
    assert february.completed_in_year == Counter({"assistive-devices": 1,
                                                  "home-modification": 2})
    assert february.states == Counter((m.service, m.status.value) for m in here)
    # Overdue now (10 March): due before today and still open.
    assert february.overdue == Counter(m.service for m in here if m.due_on and
                                       m.due_on < TODAY and m.status != S.COMPLETED)
    assert sum(february.overdue.values()) == 2


def _china_day(moment: datetime | None) -> date:
    assert moment is not None
    return date_in_china(moment)


def in_china(moment: datetime) -> str:
    return moment.astimezone(CHINA).strftime("%Y-%m")


@pytest.mark.engine
def test_refreshing_again_changes_nothing_and_follows_new_applications(app: Flask) -> None:
    build(app, WORLD)
    refreshed(app)
    with app.app_context():
        db = get_session()
        first = sorted(db.execute(select(StatisticsCount.county_code, StatisticsCount.period,
                                         StatisticsCount.measure, StatisticsCount.key,
                                         StatisticsCount.value)).all())
    refreshed(app)
    with app.app_context():
        db = get_session()
        again = sorted(db.execute(select(StatisticsCount.county_code, StatisticsCount.period,
                                         StatisticsCount.measure, StatisticsCount.key,
                                         StatisticsCount.value)).all())
    assert again == first
    build(app, [Made("two-subsidies", S.SUBMITTED, utc(2026, 2, 20, 2))], phone="13906680002")
    with app.app_context():
        db = get_session()
        refresh_county(db, HERE, today=TODAY, month="2026-02")
        db.commit()
        assert read_figures(db, [HERE], "2026-02")[HERE].sent["two-subsidies"] == 5
        # The other months were left as they were.
        assert db.scalar(select(func.count()).select_from(StatisticsCount).where(
            StatisticsCount.period == "2026-04")) == 2


def test_small_counts_are_hidden_and_zero_and_five_are_not() -> None:
    assert [shown(n, small_ok=False) for n in range(7)] == [0, None, None, None, None, 5, 6]
    assert [shown(n, small_ok=True) for n in range(7)] == list(range(7))
    assert share(3, 100, small_ok=False) is None  # 3% of 100 gives away the 3
    assert share(4, 4, small_ok=False) is None
    assert share(0, 10, small_ok=False) == 0
    assert share(3, 4, small_ok=True) == 0.75
    assert share(1, 0, small_ok=True) is None


def test_median_and_90th_percentile_by_nearest_rank() -> None:
    days = Counter({2: 1, 5: 3, 9: 5, 40: 1})  # 10 decisions
    assert percentile(days, 0.5) == 9  # 5th of 10
    assert percentile(days, 0.9) == 9  # 9th of 10
    assert percentile(Counter({3: 1}), 0.9) == 3
    assert percentile(Counter(), 0.5) is None


def test_a_county_share_of_the_55000_is_the_target_divided_equally() -> None:
    from app.domain.statistics.report import counties_in

    assert equal_share_of_province_target() == round(55_000 / len(counties_in("22")))
    assert {d.code for d in counties_in("220100")} >= {HERE, THERE}
    assert combined([]).decided() == 0


@pytest.mark.parametrize(("text", "month"), [
    (None, "2026-03"), ("2026-02", "2026-02"), ("2026-04", None), ("2026-13", None),
    ("26-02", None), ("2019-12", None), ("２０２６-０２", None)])
def test_the_month_asked_for_must_be_a_past_or_current_month(text: str | None,
                                                            month: str | None) -> None:
    assert parse_month(text, TODAY) == month


def test_the_refresh_command_counts_the_counties_asked_for(app: Flask) -> None:
    build(app, WORLD)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["refresh-statistics", "--county", HERE, "--month", "2026-02"])
    assert result.exit_code == 0, result.output
    assert "1 counties" in result.output
    with app.app_context():
        db = get_session()
        assert set(db.scalars(select(StatisticsCount.period).distinct())) == {"2026-02", "now"}
        assert set(db.scalars(select(StatisticsCount.county_code).distinct())) == {HERE}
    assert runner.invoke(args=["refresh-statistics", "--month", "2026-04"]).exit_code != 0
    assert runner.invoke(args=["refresh-statistics", "--county", "220102001"]).exit_code != 0
