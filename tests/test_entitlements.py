"""Civil affairs' approval of the two subsidies makes an entitlement per granted allowance
(issue 22): paid from the month of application, by the deciding county, into the account given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Application, Entitlement, EntitlementState
from tests.test_decision_letter import decide_allowances
from tests.test_track import move, to_decision, world  # noqa: F401  (world is a fixture)

BANK = {"bank": "吉林银行", "holder": "王小明", "number": "6217 0000 1234 5678"}


def claiming(app: Flask, ids: dict[str, int], allowances: list[str]) -> None:
    to_decision(app, ids)
    with app.app_context():
        application = get_session().get(Application, ids["application"])
        application.answers = {**application.answers, "bank_account": BANK,
                               "allowances": {"allowances": allowances}}
        get_session().commit()


def entitlements(app: Flask) -> list[Entitlement]:
    with app.app_context():
        found = get_session().scalars(select(Entitlement).order_by(Entitlement.id)).all()
        get_session().expunge_all()
        return list(found)


@pytest.mark.engine
def test_approving_both_allowances_makes_two_paying_entitlements_from_the_month_applied_in(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    claiming(app, world, ["living", "care"])
    first = decide_allowances(app, world, "符合条件。", living=Decimal("99.00"),
                              care=Decimal("93.00"))
    made = entitlements(app)
    assert [e.allowance for e in made] == ["living", "care"]
    for entitlement in made:
        assert entitlement.person_id == world["person"]
        assert entitlement.first_month == first == date(2026, 3, 1)
        assert entitlement.county_code == "220102"
        assert (entitlement.bank_name, entitlement.account_holder,
                entitlement.account_number) == ("吉林银行", "王小明", "6217000012345678")
        assert entitlement.state == EntitlementState.PAYING
        assert entitlement.state_changed_on == date(2026, 3, 10)


def test_a_refused_allowance_makes_no_entitlement(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    claiming(app, world, ["living", "care"])
    decide_allowances(app, world, "护理补贴不符合条件。", living=Decimal("99.00"), care=None)
    assert [e.allowance for e in entitlements(app)] == ["living"]


def test_a_refused_application_makes_no_entitlement(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    claiming(app, world, ["living"])
    move(app, world["application"], "refuse", world["approver"], "收入高于低保标准。")
    assert entitlements(app) == []
