"""Where counties differ in how they run a service, as data administrators set.

- 公示 (public notice) of the two subsidies before the civil-affairs decision (民政审定): whether
  the county publishes one, and for how many days (at least 7: the county procedures published in
  Jilin say "公示不少于7天"). No rule saved: published, for 7 days.
- 家庭无障碍改造: the county's places for each year. No quota saved for a year: the county has not
  limited it. When the places are used up, households wait for next year's places.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.access import policies
from app.domain.calendar.deadlines import is_county
from app.domain.models import (
    Account,
    Application,
    CountyProcessRule,
    HomeModificationQuota,
)
from app.domain.rules.service_rules import RULES

# The services a county's 公示 and yearly places apply to (ServiceRules).
PUBLIC_NOTICE = frozenset(code for code, rules in RULES.items() if rules.public_notice)
YEARLY_PLACES = frozenset(code for code, rules in RULES.items() if rules.yearly_places)

DEFAULT_PUBLIC_NOTICE_DAYS = 7
FEWEST_NOTICE_DAYS, MOST_NOTICE_DAYS = 7, 30
MOST_PLACES = 100_000


class CountyRulesRefused(Exception):
    """The actor may not set this county's rules, or a value is out of range."""


@dataclass(frozen=True)
class PublicNotice:
    published: bool
    days: int  # calendar days, counting the day it is put up


def public_notice(session: Session, county_code: str | None) -> PublicNotice:
    rule = session.scalar(select(CountyProcessRule).where(
        CountyProcessRule.county_code == (county_code or "")))
    if rule is None:
        return PublicNotice(True, DEFAULT_PUBLIC_NOTICE_DAYS)
    return PublicNotice(rule.public_notice, rule.public_notice_days)


def set_public_notice(session: Session, county_code: str, *, published: bool, days: int,
                      actor: Account) -> None:
    if not is_county(county_code) or not policies.can_set_county_rules(actor, county_code):
        raise CountyRulesRefused(county_code)
    if not FEWEST_NOTICE_DAYS <= days <= MOST_NOTICE_DAYS:
        raise CountyRulesRefused(county_code)
    rule = session.scalar(select(CountyProcessRule).where(
        CountyProcessRule.county_code == county_code))
    if rule is None:
        rule = CountyProcessRule(county_code=county_code)
        session.add(rule)
    rule.public_notice, rule.public_notice_days = published, days
    rule.updated_by_account_id = actor.id


def quota_places(session: Session, county_code: str | None, year: int) -> int | None:
    """The county's home-modification places in the year; None: not limited."""
    return session.scalar(select(HomeModificationQuota.places).where(
        HomeModificationQuota.county_code == (county_code or ""),
        HomeModificationQuota.year == year))


def places_used(session: Session, county_code: str | None, year: int) -> int:
    return session.scalar(select(func.count(Application.id)).where(
        Application.service_code.in_(sorted(YEARLY_PLACES)),
        Application.county_code == (county_code or ""),
        Application.quota_year == year)) or 0


def places_left(session: Session, county_code: str | None, year: int) -> int | None:
    """Places still free in the year; None: the county set no limit."""
    places = quota_places(session, county_code, year)
    if places is None:
        return None
    return max(places - places_used(session, county_code, year), 0)


def set_quota(session: Session, county_code: str, year: int, places: int | None, *,
              actor: Account) -> None:
    """Saves the year's places (None: no limit)."""
    if not is_county(county_code) or not policies.can_set_county_rules(actor, county_code):
        raise CountyRulesRefused(county_code)
    if places is not None and not 0 <= places <= MOST_PLACES:
        raise CountyRulesRefused(county_code)
    quota = session.scalar(select(HomeModificationQuota).where(
        HomeModificationQuota.county_code == county_code, HomeModificationQuota.year == year))
    if places is None:
        if quota is not None:
            session.delete(quota)
        return
    if quota is None:
        quota = HomeModificationQuota(county_code=county_code, year=year)
        session.add(quota)
    quota.places = places
    quota.updated_by_account_id = actor.id


def quotas_of(session: Session, county_code: str) -> dict[int, int]:
    """The county's places by year, earliest year first."""
    rows = session.execute(select(HomeModificationQuota.year, HomeModificationQuota.places)
                           .where(HomeModificationQuota.county_code == county_code)
                           .order_by(HomeModificationQuota.year))
    return {year: places for year, places in rows}


@dataclass(frozen=True)
class CountyProcess:
    public_notice: PublicNotice
    places: int | None  # this year's home-modification places; None: not limited


def processes_of(session: Session, county_codes: list[str], year: int
                 ) -> dict[str, CountyProcess]:
    """Each county's 公示 and this year's places, in two queries for any number of counties."""
    rules = {rule.county_code: rule for rule in session.scalars(
        select(CountyProcessRule).where(CountyProcessRule.county_code.in_(county_codes)))}
    places = dict(session.execute(select(
        HomeModificationQuota.county_code, HomeModificationQuota.places).where(
        HomeModificationQuota.county_code.in_(county_codes),
        HomeModificationQuota.year == year)).tuples().all())
    return {code: CountyProcess(
        PublicNotice(rules[code].public_notice, rules[code].public_notice_days)
        if code in rules else PublicNotice(True, DEFAULT_PUBLIC_NOTICE_DAYS),
        places.get(code)) for code in county_codes}
