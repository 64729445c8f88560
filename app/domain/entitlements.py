"""Entitlements (issue 22): a granted allowance of the two subsidies lives on after the decision.

Civil affairs' approval (民政审定) makes one entitlement per granted allowance; a refused
allowance makes none. It is paid from the month of application (国发〔2015〕52号) — the first
month the decision records, which the status machine never lets be earlier — by the deciding
county (the applicant's 户籍 county) into the bank account the application gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allowances import ALLOWANCES, AllowanceDecision
from app.domain.answers import bank_account
from app.domain.models import Application, Entitlement, EntitlementState


def create_for_approval(session: Session, application: Application,
                        decisions: Sequence[AllowanceDecision], today: date) -> list[Entitlement]:
    """One paying entitlement per granted allowance of an approved application."""
    if application.person_id is None or application.county_code is None:
        return []
    bank = bank_account(application.answers)
    made = []
    for decision in decisions:
        if not decision.granted or decision.first_month is None:
            continue
        entitlement = Entitlement(
            application=application, person_id=application.person_id,
            allowance=decision.allowance, first_month=decision.first_month.replace(day=1),
            county_code=application.county_code, bank_name=bank.get("bank") or None,
            account_holder=bank.get("holder") or None,
            account_number="".join((bank.get("number") or "").split()) or None,
            state=EntitlementState.PAYING, state_changed_on=today)
        session.add(entitlement)
        made.append(entitlement)
    return made


def entitlements_of(session: Session, person_id: int) -> list[Entitlement]:
    """A person's entitlements, the living allowance before the care allowance, oldest first."""
    found = session.scalars(select(Entitlement).where(Entitlement.person_id == person_id)
                            .order_by(Entitlement.first_month, Entitlement.id)).all()
    return sorted(found, key=lambda e: (e.first_month, ALLOWANCES.index(e.allowance), e.id))
