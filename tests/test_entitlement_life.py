"""The life of an entitlement in the payment runs (issue 22): stops from the month after the
event, a move between counties, suspension and back-pay, a corrected account paid again."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits import entitlements
from app.domain.models import Entitlement, EntitlementEventKind, EntitlementState, Payment
from tests.test_payment_run import entitled, header, run, settle

CHAOYANG = "220104"


def change(app: Flask, entitlement_id: int, action: str, **kwargs: object) -> int | None:
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, entitlement_id)
        assert entitlement is not None
        made = getattr(entitlements, action)(db, entitlement, **kwargs)
        db.commit()
        return made.id if isinstance(made, Entitlement) else None


def months_paid(app: Flask, entitlement_id: int) -> list[str]:
    with app.app_context():
        return [p.month.strftime("%Y-%m") for p in get_session().scalars(
            select(Payment).where(Payment.entitlement_id == entitlement_id)
            .order_by(Payment.month))]


@pytest.mark.engine
def test_a_death_stops_payment_from_the_next_month_and_asks_back_what_was_paid_after(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 5, 1))
    payment_ids = sorted(p for p in _payments(app, ident))
    settle(app, date(2026, 5, 1), header() + "".join(
        f"{p},成功,2026-05-20,\n" for p in payment_ids))
    # Died in April, reported in June: May was paid and is asked back; nothing from June on.
    change(app, ident, "stop", event_month=date(2026, 4, 18), today=date(2026, 6, 2),
           reason="died")
    assert run(app, date(2026, 6, 1)) == []
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None and entitlement.state == EntitlementState.STOPPED
        assert [p.month for p in entitlements.overpaid(db, entitlement)] == [date(2026, 5, 1)]
        assert [(e.kind, e.effective_month) for e in entitlement.events] == [
            (EntitlementEventKind.STOPPED, date(2026, 5, 1))]


@pytest.mark.engine
def test_a_move_in_july_is_paid_by_the_old_county_to_july_and_the_new_from_august(
        app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 4, 1))
    run(app, date(2026, 7, 1))
    moved = change(app, ident, "move_to_county", county_code=CHAOYANG,
                   event_month=date(2026, 7, 15), today=date(2026, 7, 20))
    assert moved is not None
    assert run(app, date(2026, 8, 1)) == []  # the old county: nothing from August
    assert run(app, date(2026, 8, 1), county=CHAOYANG) == [("2026-08", 9900)]
    assert months_paid(app, ident) == ["2026-04", "2026-05", "2026-06", "2026-07"]
    assert months_paid(app, moved) == ["2026-08"]


@pytest.mark.engine
def test_a_suspension_waits_and_a_resumption_pays_the_months_it_held_back(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    change(app, ident, "suspend", today=date(2026, 3, 31), reason="review_not_answered")
    assert run(app, date(2026, 4, 1)) == []
    assert run(app, date(2026, 5, 1)) == []
    change(app, ident, "resume", today=date(2026, 5, 20), reason="review_answered")
    assert run(app, date(2026, 6, 1)) == [("2026-04", 9900), ("2026-05", 9900),
                                          ("2026-06", 9900)]


@pytest.mark.engine
def test_a_failed_month_is_paid_again_only_after_the_account_is_corrected(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 3, 1))
    run(app, date(2026, 3, 1))
    (march,) = _payments(app, ident)
    settle(app, date(2026, 3, 1), header() + f"{march},失败,,账户已销户\n")
    assert run(app, date(2026, 4, 1)) == [("2026-04", 9900)]  # March waits for an account
    change(app, ident, "change_account", bank_name="中国农业银行", holder="李娜",
           number="6228 4800 1234 5678", today=date(2026, 4, 10))
    assert run(app, date(2026, 5, 1)) == [("2026-05", 9900), ("2026-03", 9900)]
    with app.app_context():
        payment = get_session().get(Payment, march)
        assert payment is not None
        assert (payment.roster_month, payment.attempts) == (date(2026, 5, 1), 2)
    settle(app, date(2026, 5, 1), header() + f"{march},成功,2026-05-20,\n")
    assert run(app, date(2026, 6, 1)) == [("2026-06", 9900)]  # paid once, not again


def _payments(app: Flask, entitlement_id: int) -> list[int]:
    with app.app_context():
        return list(get_session().scalars(select(Payment.id).where(
            Payment.entitlement_id == entitlement_id).order_by(Payment.month)))


@pytest.mark.engine
def test_a_stop_reported_late_still_pays_the_months_before_the_event(app: Flask) -> None:
    """Approved in March, no run until June; a move out of Jilin in April is reported first:
    March and April are owed and paid, May and June are not."""
    ident = entitled(app, first_month=date(2026, 3, 1))
    change(app, ident, "stop", event_month=date(2026, 4, 20), today=date(2026, 6, 1),
           reason="moved_out_of_jilin")
    assert run(app, date(2026, 6, 1)) == [("2026-03", 9900), ("2026-04", 9900)]
    assert run(app, date(2026, 7, 1)) == []
