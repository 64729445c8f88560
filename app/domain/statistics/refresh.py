"""Keeping the statistics' summary (StatisticsCount) up to date: `flask refresh-statistics`.

Each county is counted again from its applications, its allowances and payments of the two
subsidies and its outreach comparisons, and its rows replaced in one transaction,
so the job can run as often as wanted and be stopped at any point: a county is either
counted again wholly or left as it was. The pages read only the summary.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.domain.benefits.outreach import may_be_entitled
from app.domain.calendar import deadlines
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework.made_by import recorded_filler
from app.domain.clock import utc_now
from app.domain.models import (
    Application,
    AssistanceRoster,
    Entitlement,
    EntitlementEvent,
    EntitlementEventKind,
    EntitlementState,
    OutreachInvitation,
    Payment,
    PaymentState,
    StatisticsCount,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.places.divisions import load_catalogue
from app.domain.statistics.allowances import (
    EntitlementFacts,
    PaymentGroup,
    count_entitlements,
    count_payments,
    month_key,
)
from app.domain.statistics.counting import (
    DECISION_LIMIT_STATUSES,
    NOW,
    ApplicationFacts,
    Counts,
    count_county,
)

STATE_AFTER = {EntitlementEventKind.GRANTED: EntitlementState.PAYING,
               EntitlementEventKind.MOVED: EntitlementState.PAYING,
               EntitlementEventKind.RESUMED: EntitlementState.PAYING,
               EntitlementEventKind.SUSPENDED: EntitlementState.SUSPENDED,
               EntitlementEventKind.STOPPED: EntitlementState.STOPPED}


def decision_limit(session: Session, county_code: str) -> int:
    """The county's working days from sending to deciding (statistics_counting explains)."""
    return sum(deadlines.working_days(session, county_code, status) or 0
               for status in DECISION_LIMIT_STATUSES)


def every_county() -> list[str]:
    catalogue = load_catalogue()
    return sorted(county.code for prefecture in catalogue.prefectures()
                  for county in catalogue.counties(prefecture.code))


def _facts(session: Session, county_code: str) -> Iterator[ApplicationFacts]:
    events: dict[int, tuple[bool, tuple[str, ...], datetime | None]] = {}
    rows = session.execute(
        select(StatusEvent.application_id, StatusEvent.to_status, StatusEvent.reason_codes,
               StatusEvent.occurred_at)
        .join(Application, Application.id == StatusEvent.application_id)
        .where(Application.county_code == county_code,
               StatusEvent.to_status.in_([S.MORE_INFORMATION, S.REFUSED, S.COMPLETED])))
    for application_id, to_status, reason_codes, occurred_at in rows:
        asked, reasons, completed = events.get(application_id, (False, (), None))
        if to_status == S.MORE_INFORMATION:
            asked = True
        elif to_status == S.REFUSED:
            reasons = tuple(reason_codes or ())
        else:
            completed = occurred_at
        events[application_id] = (asked, reasons, completed)
    applications = session.execute(
        select(Application.id, Application.service_code, Application.status,
               Application.channel, Application.made_by, Application.submitted_at,
               Application.decided_at, Application.due_on)
        .where(Application.county_code == county_code, Application.status != S.DRAFT,
               Application.submitted_at.is_not(None))
        .execution_options(yield_per=5000))
    for (application_id, service, status, channel, made_by, submitted_at, decided_at,
         due_on) in applications:
        asked, reasons, completed = events.get(application_id, (False, (), None))
        yield ApplicationFacts(
            service_code=service, status=S(status), channel=channel,
            filled_by=recorded_filler(made_by), submitted_at=submitted_at,
            decided_at=decided_at if status in (S.APPROVED, S.REFUSED, S.IN_PROGRESS,
                                                S.COMPLETED) else None,
            due_on=due_on, asked_for_information=asked, refusal_reasons=reasons,
            completed_at=completed if status == S.COMPLETED else None)


def _entitlement_facts(session: Session, county_code: str) -> Iterator[EntitlementFacts]:
    rows = session.execute(
        select(Entitlement.id, Entitlement.allowance, Entitlement.state,
               Entitlement.state_changed_on, EntitlementEvent.kind, EntitlementEvent.reason,
               EntitlementEvent.occurred_on)
        .outerjoin(EntitlementEvent, EntitlementEvent.entitlement_id == Entitlement.id)
        .where(Entitlement.county_code == county_code)
        .order_by(Entitlement.id, EntitlementEvent.occurred_on, EntitlementEvent.id)
        .execution_options(yield_per=5000))
    for _entitlement_id, group in itertools.groupby(rows, key=lambda row: row.id):
        events = list(group)
        changes = tuple((e.occurred_on, STATE_AFTER[e.kind]) for e in events
                        if e.kind in STATE_AFTER)
        first = events[0]
        yield EntitlementFacts(
            allowance=first.allowance,
            # An entitlement without events (made before they were recorded): its state now.
            changes=changes or ((first.state_changed_on, EntitlementState(first.state)),),
            stops=tuple((e.occurred_on, e.reason) for e in events
                        if e.kind == EntitlementEventKind.STOPPED))


def _payment_groups(session: Session, county_code: str) -> Iterator[PaymentGroup]:
    rows = session.execute(
        select(Payment.roster_month, Payment.state, Payment.failure_reason, func.count(),
               func.sum(Payment.amount_fen))
        .where(Payment.county_code == county_code)
        .group_by(Payment.roster_month, Payment.state, Payment.failure_reason))
    for roster_month, state, reason, payments, fen in rows:
        yield PaymentGroup(roster_month, PaymentState(state), reason, payments, int(fen or 0))


def roster_months(session: Session, county_code: str) -> list[date]:
    """The months a 低保 or 特困 roster covering the county was imported for."""
    catalogue = load_catalogue()
    return sorted({month for month, area in session.execute(
        select(AssistanceRoster.month, AssistanceRoster.area_code))
        if catalogue.contains(area, county_code)})


def count_outreach(session: Session, county_code: str, *, today: date,
                   month: str | None = None) -> Counts:
    """For each month with a roster: that a roster was imported, the people the comparison
    lists as it stands at the count (app.domain.benefits.outreach), and those invited to apply."""
    counts: Counts = {}
    for roster_month in roster_months(session, county_code):
        key = month_key(roster_month)
        if month is not None and key != month:
            continue
        counts[key, "outreach", "roster"] = 1
        counts[key, "outreach", "candidates"] = len(may_be_entitled(
            session, county_codes=[county_code], month=roster_month, today=today))
        counts[key, "outreach", "invited"] = session.scalar(
            select(func.count()).select_from(OutreachInvitation).where(
                OutreachInvitation.county_code == county_code,
                OutreachInvitation.month == roster_month)) or 0
    return {key: value for key, value in counts.items() if value}


def count_everything(session: Session, county_code: str, *, today: date,
                     month: str | None = None) -> Counts:
    """The county's applications, allowances, payments and outreach, counted."""
    counts = count_county(_facts(session, county_code), calendar=calendar_for(session),
                          decision_limit=decision_limit(session, county_code), today=today)
    counts.update(count_entitlements(_entitlement_facts(session, county_code),
                                     until=month_key(today)))
    counts.update(count_payments(_payment_groups(session, county_code)))
    counts.update(count_outreach(session, county_code, today=today, month=month))
    return counts


def refresh_county(session: Session, county_code: str, *, today: date,
                   month: str | None = None) -> int:
    """Counts the county again and replaces its rows (only the month's and "now" when a month
    is given); returns how many rows it holds for what was replaced. The caller commits."""
    counts = count_everything(session, county_code, today=today, month=month)
    stale = delete(StatisticsCount).where(StatisticsCount.county_code == county_code)
    if month is not None:
        stale = stale.where(StatisticsCount.period.in_([month, NOW]))
        counts = {key: value for key, value in counts.items() if key[0] in (month, NOW)}
    session.execute(stale)
    now = utc_now()
    session.add_all(StatisticsCount(county_code=county_code, period=period, measure=measure,
                                    key=key, value=value, refreshed_at=now)
                    for (period, measure, key), value in sorted(counts.items()))
    session.flush()
    return len(counts)
