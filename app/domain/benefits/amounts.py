"""Monthly amounts of the two subsidies as data, by date and county (issue 22).

A month is paid at the amount in force for that month: the province's standard in force on the
month's first day plus the county's top-up (县级提标) in force then, if it has one. The province's
standard ships with the portal (PROVINCE_STANDARD, with its source); administrators add the
province's later standards and each county's top-ups as rows of ``allowance_amounts``, each
with the document it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits.allowances import CARE, LIVING
from app.domain.models import AllowanceAmount

CENT = Decimal("0.01")
PROVINCE = "220000"  # 吉林省: the province's standard, the same in every county


@dataclass(frozen=True)
class Standard:
    allowance: str
    from_month: date
    monthly_amount: Decimal
    source: str


# 吉民发〔2025〕26号 as quoted (the notice's own text was not found): from 1 July 2025 the living
# allowance 99 and the care allowance 93 yuan a month; before it 85 yuan for both (kept from
# January 2016, when 国发〔2015〕52号 took effect: the earlier figure's own start was not found).
BEFORE_2025 = "吉林省标准 before 吉民发〔2025〕26号 (as quoted)"
PROVINCE_STANDARD: tuple[Standard, ...] = (
    Standard(LIVING, date(2016, 1, 1), Decimal("85.00"), BEFORE_2025),
    Standard(CARE, date(2016, 1, 1), Decimal("85.00"), BEFORE_2025),
    Standard(LIVING, date(2025, 7, 1), Decimal("99.00"), "吉民发〔2025〕26号 (as quoted)"),
    Standard(CARE, date(2025, 7, 1), Decimal("93.00"), "吉民发〔2025〕26号 (as quoted)"),
)


def _in_force(standards: list[Standard], month: date) -> Standard | None:
    started = [s for s in standards if s.from_month <= month]
    return max(started, key=lambda s: s.from_month) if started else None


def standards(session: Session, county_code: str, allowance: str) -> tuple[list[Standard],
                                                                               list[Standard]]:
    """The province's standards (shipped, then administrators' rows) and the county's top-ups."""
    rows = session.scalars(select(AllowanceAmount).where(
        AllowanceAmount.allowance == allowance,
        AllowanceAmount.county_code.in_((PROVINCE, county_code)))).all()
    stored: dict[str, list[Standard]] = {PROVINCE: [], county_code: []}
    for row in rows:
        stored[row.county_code].append(Standard(row.allowance, row.from_month,
                                                (Decimal(row.monthly_fen) / 100).quantize(CENT),
                                                row.source))
    province = [s for s in PROVINCE_STANDARD if s.allowance == allowance]
    # An administrator's row for the same first month replaces the shipped one.
    months = {s.from_month for s in stored[PROVINCE]}
    province = [s for s in province if s.from_month not in months] + stored[PROVINCE]
    return province, stored[county_code] if county_code != PROVINCE else []


def monthly_amount(session: Session, county_code: str, allowance: str, month: date) -> Decimal:
    """What one month of the allowance pays in the county: the province's standard in force on
    the month's first day plus the county's top-up then, if any."""
    month = month.replace(day=1)
    province, top_ups = standards(session, county_code, allowance)
    base = _in_force(province, month)
    top_up = _in_force(top_ups, month)
    return (base.monthly_amount if base else Decimal(0)) + \
        (top_up.monthly_amount if top_up else Decimal(0))


def record_amount(session: Session, *, county_code: str, allowance: str, from_month: date,
                  monthly_amount: Decimal, source: str, actor_id: int | None) -> AllowanceAmount:
    """An administrator's amount from a month on (PROVINCE: the standard; a county: its
    top-up), replacing the row of the same county, allowance and month."""
    month = from_month.replace(day=1)
    row = session.scalars(select(AllowanceAmount).where(
        AllowanceAmount.county_code == county_code, AllowanceAmount.allowance == allowance,
        AllowanceAmount.from_month == month)).one_or_none()
    if row is None:
        row = AllowanceAmount(county_code=county_code, allowance=allowance, from_month=month)
        session.add(row)
    row.monthly_fen = int(monthly_amount.quantize(CENT) * 100)
    row.source = source.strip()
    row.updated_by_account_id = actor_id
    return row
