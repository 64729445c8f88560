"""Reading the statistics' summary (StatisticsCount) for a county or an area, with the figures
the pages show: shares, median and 90th percentile, and small counts hidden.

Privacy: a count of 1 to 4 people is shown as "fewer than 5" (None here) to anyone but the
county's own staff (policies.sees_small_counts); so are shares and days computed from fewer
than 5 applications, which would give the small count away.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import HomeModificationQuota, StatisticsCount
from app.domain.places.divisions import Division, load_catalogue
from app.domain.rules.service_rules import ServiceCode
from app.domain.statistics.counting import NOW

SMALLEST_SHOWN = 5
# 吉林省"十四五"残疾人保障和发展规划, 专栏: 55,000 households' homes made accessible, 2021–2025.
PROVINCE_HOME_MODIFICATIONS = 55_000
SERVICE_ORDER = tuple(ServiceCode)
ASSISTIVE_DEVICES, HOME_MODIFICATION = ServiceCode.ASSISTIVE_DEVICES, ServiceCode.HOME_MODIFICATION


def shown(value: int, small_ok: bool) -> int | None:
    """The count, or None for "fewer than 5" (never 0: nobody is hidden in a zero)."""
    return value if small_ok or value == 0 or value >= SMALLEST_SHOWN else None


def share(part: int, whole: int, small_ok: bool) -> float | None:
    """part / whole, or None when there is nothing to divide or the counts are too small to
    show."""
    if whole == 0:
        return None
    if not small_ok and (0 < part < SMALLEST_SHOWN or whole < SMALLEST_SHOWN):
        return None
    return part / whole


def percentile(histogram: Counter[int], fraction: float) -> int | None:
    """The nearest-rank percentile of a histogram (value -> how many)."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(fraction * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable")


def counties_in(area_code: str) -> list[Division]:
    """The counties inside an area (a county itself, a prefecture, the province), by code."""
    catalogue = load_catalogue()
    found, frontier = [], [area_code]
    while frontier:
        code = frontier.pop()
        division = catalogue.get(code)
        if division is None:
            continue
        if division.level == "county":
            found.append(division)
        else:
            frontier.extend(child.code for child in catalogue.children(code))
    return sorted(found, key=lambda d: d.code)


def equal_share_of_province_target() -> int:
    """A county's share of the 55,000: the province's target divided equally between its
    counties. The portal holds no population by county, and places (HomeModificationQuota)
    are set year by year and not by every county, so the equal share is the one that can be
    checked by hand; it is a yardstick, not the county's own target."""
    counties = len(counties_in("22"))
    return round(PROVINCE_HOME_MODIFICATIONS / counties) if counties else 0


@dataclass
class Figures:
    """One county's or area's counts for one month, and those of "now"."""

    sent: Counter[str] = field(default_factory=Counter)  # service
    made_by: Counter[str] = field(default_factory=Counter)
    more_information: Counter[str] = field(default_factory=Counter)  # service
    decision_days: dict[str, Counter[int]] = field(default_factory=dict)  # service -> days
    within_limit: Counter[str] = field(default_factory=Counter)  # "service:yes|no"
    refused: Counter[str] = field(default_factory=Counter)  # service
    refusal_reasons: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)  # service, in the month
    completed_in_year: Counter[str] = field(default_factory=Counter)  # service, year to month
    sent_in_year: Counter[str] = field(default_factory=Counter)  # service, year to month
    states: Counter[tuple[str, str]] = field(default_factory=Counter)  # (service, status)
    overdue: Counter[str] = field(default_factory=Counter)  # service
    # The two subsidies (app.domain.statistics.allowances).
    recipients: Counter[str] = field(default_factory=Counter)  # "allowance:state", month end
    stopped: Counter[str] = field(default_factory=Counter)  # allowance
    stop_reasons: Counter[str] = field(default_factory=Counter)  # entitlements.REASONS
    payments: Counter[str] = field(default_factory=Counter)  # paid, failed, pending
    payments_fen: Counter[str] = field(default_factory=Counter)  # the same, in 分
    payment_failures: Counter[str] = field(default_factory=Counter)  # the bank's words
    outreach: Counter[str] = field(default_factory=Counter)  # roster, candidates, invited

    def add(self, period: str, month: str, measure: str, key: str, value: int) -> None:
        if period == NOW:
            if measure == "now.state":
                service, status = key.split(":", 1)
                self.states[service, status] += value
            elif measure == "now.overdue":
                self.overdue[key] += value
            return
        if period[:4] == month[:4] and period <= month:
            if measure == "completed":
                self.completed_in_year[key] += value
            elif measure == "sent.service":
                self.sent_in_year[key] += value
        if period != month:
            return
        if measure == "decided.days":
            service, days = key.rsplit(":", 1)
            self.decision_days.setdefault(service, Counter())[int(days)] += value
        elif measure in MONTH_MEASURES:
            getattr(self, MONTH_MEASURES[measure])[key] += value

    @property
    def all_decision_days(self) -> Counter[int]:
        total: Counter[int] = Counter()
        for days in self.decision_days.values():
            total.update(days)
        return total

    def decided(self, service: str | None = None) -> int:
        if service is None:
            return sum(self.all_decision_days.values())
        return sum(self.decision_days.get(service, Counter()).values())

    def allowances_paying(self) -> int:
        """Allowances of the two subsidies being paid at the month's end, both together."""
        return sum(value for key, value in self.recipients.items() if key.endswith(":paying"))

    def decided_within_limit(self, service: str | None = None) -> int:
        return sum(value for key, value in self.within_limit.items()
                   if key.endswith(":yes") and (service is None or key.startswith(service + ":")))


# The measures counted in the month only, and the Figures counter each adds to.
MONTH_MEASURES = {"sent.service": "sent", "sent.made_by": "made_by",
                  "sent.more_information": "more_information",
                  "decided.within_limit": "within_limit", "refused": "refused",
                  "refused.reason": "refusal_reasons", "completed": "completed",
                  "recipients": "recipients", "stopped": "stopped",
                  "stopped.reason": "stop_reasons", "payments": "payments",
                  "payments.fen": "payments_fen", "payments.failure": "payment_failures",
                  "outreach": "outreach"}
COUNTERS = tuple(f.name for f in fields(Figures) if f.name != "decision_days")


def read_figures(session: Session, county_codes: list[str], month: str) -> dict[str, Figures]:
    """Each county's figures for the month (and the year up to it, and now), in one query."""
    figures = {code: Figures() for code in county_codes}
    if not county_codes:
        return figures
    rows = session.execute(
        select(StatisticsCount.county_code, StatisticsCount.period, StatisticsCount.measure,
               StatisticsCount.key, StatisticsCount.value)
        .where(StatisticsCount.county_code.in_(county_codes),
               StatisticsCount.period.in_([NOW, *months_of_year_to(month)])))
    for county, period, measure, key, value in rows:
        figures[county].add(period, month, measure, key, value)
    return figures


def months_of_year_to(month: str) -> list[str]:
    year, last = int(month[:4]), int(month[5:7])
    return [f"{year:04d}-{m:02d}" for m in range(1, last + 1)]


def combined(figures: list[Figures]) -> Figures:
    total = Figures()
    for one in figures:
        for service, days in one.decision_days.items():
            total.decision_days.setdefault(service, Counter()).update(days)
        for name in COUNTERS:
            getattr(total, name).update(getattr(one, name))
    return total


def places(session: Session, county_codes: list[str], year: int) -> int | None:
    """The counties' home-modification places for the year; None when none set any."""
    found = list(session.scalars(select(HomeModificationQuota.places).where(
        HomeModificationQuota.county_code.in_(county_codes), HomeModificationQuota.year == year)))
    return sum(found) if found else None


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def parse_month(text: str | None, today: date) -> str | None:
    """A "YYYY-MM" month from 2020 up to this month, or None (the page then says so)."""
    if not text:
        return today.strftime("%Y-%m")
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        return None
    year, number = int(text[:4]), int(text[5:])
    if not 1 <= number <= 12 or year < 2020 or text > today.strftime("%Y-%m"):
        return None
    return text
