"""A month of the two subsidies is paid at the amount in force for that month: the province's
standard plus the county's top-up (issue 22)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask

from app.database import get_session
from app.domain.benefits.allowances import CARE, LIVING
from app.domain.benefits.amounts import PROVINCE, monthly_amount, record_amount

NANGUAN = "220102"
CHAOYANG = "220104"


def amount(app: Flask, county: str, allowance: str, month: date) -> Decimal:
    with app.app_context():
        return monthly_amount(get_session(), county, allowance, month)


def test_the_province_standard_rose_in_july_2025_to_99_and_93(app: Flask) -> None:
    assert amount(app, NANGUAN, LIVING, date(2025, 6, 1)) == Decimal("85.00")
    assert amount(app, NANGUAN, CARE, date(2025, 6, 30)) == Decimal("85.00")
    assert amount(app, NANGUAN, LIVING, date(2025, 7, 1)) == Decimal("99.00")
    assert amount(app, NANGUAN, CARE, date(2026, 3, 1)) == Decimal("93.00")


@pytest.mark.engine
def test_a_county_top_up_adds_from_its_month_and_only_in_that_county(app: Flask) -> None:
    with app.app_context():
        record_amount(get_session(), county_code=NANGUAN, allowance=LIVING,
                      from_month=date(2026, 1, 15), monthly_amount=Decimal("10.50"),
                      source="南关区民政局 关于提高两项补贴标准的通知", actor_id=None)
        get_session().commit()
    assert amount(app, NANGUAN, LIVING, date(2025, 12, 1)) == Decimal("99.00")
    assert amount(app, NANGUAN, LIVING, date(2026, 1, 1)) == Decimal("109.50")
    assert amount(app, NANGUAN, CARE, date(2026, 1, 1)) == Decimal("93.00")
    assert amount(app, CHAOYANG, LIVING, date(2026, 1, 1)) == Decimal("99.00")


def test_a_later_province_standard_entered_by_an_administrator_applies_from_its_month(
        app: Flask) -> None:
    with app.app_context():
        for allowance, yuan in ((LIVING, "105"), (CARE, "100")):
            record_amount(get_session(), county_code=PROVINCE, allowance=allowance,
                          from_month=date(2027, 1, 1), monthly_amount=Decimal(yuan),
                          source="吉林省民政厅 2027年标准", actor_id=None)
        # Entered twice (a correction): the same month's row is replaced, not doubled.
        record_amount(get_session(), county_code=PROVINCE, allowance=CARE,
                      from_month=date(2027, 1, 1), monthly_amount=Decimal("101"),
                      source="吉林省民政厅 2027年标准 (更正)", actor_id=None)
        get_session().commit()
    assert amount(app, CHAOYANG, LIVING, date(2026, 12, 1)) == Decimal("99.00")
    assert amount(app, CHAOYANG, LIVING, date(2027, 1, 1)) == Decimal("105.00")
    assert amount(app, CHAOYANG, CARE, date(2027, 2, 1)) == Decimal("101.00")
