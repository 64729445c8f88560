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

from app.domain.benefits.allowances import ALLOWANCES, AllowanceDecision
from app.domain.casework.answers import bank_account
from app.domain.models import (
    Application,
    Entitlement,
    EntitlementEvent,
    EntitlementEventKind,
    EntitlementState,
    Payment,
    PaymentState,
)


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
        _record(session, entitlement, EntitlementEventKind.GRANTED, today=today, reason=None,
                effective_month=entitlement.first_month, actor_id=None)
        made.append(entitlement)
    return made


def entitlements_of(session: Session, person_id: int) -> list[Entitlement]:
    """A person's entitlements, the living allowance before the care allowance, oldest first."""
    found = session.scalars(select(Entitlement).where(Entitlement.person_id == person_id)
                            .order_by(Entitlement.first_month, Entitlement.id)).all()
    return sorted(found, key=lambda e: (e.first_month, ALLOWANCES.index(e.allowance), e.id))


# The life of an entitlement (issue 22). Every change is an EntitlementEvent the person's page
# and the letters read; reasons are codes the web layer words (REASONS).
REASONS = (
    "moved_within_jilin",  # 户籍 moved to another county of Jilin
    "moved_out_of_jilin",  # 户籍 moved out of the province
    "subsistence_ended",  # 低保 (or 特困) ended: the living allowance's condition
    "care_level_changed",  # the disability level no longer meets the care allowance's
    "entered_institution",  # entered a care institution (集中供养)
    "died",  # the recipient died
    "card_cancelled",  # the disability card was cancelled (注销)
    "review_not_answered",  # 定期复核 not answered by the round's date
    "review_found_ineligible",  # 定期复核 found the conditions no longer met
    "review_answered",  # a late answer to the review resumes payment
    "objection_upheld",  # 异议 upheld: stopped months are paid back
    "account_corrected",  # a new bank account
    "conditions_met_again",  # civil affairs resume payment on their own findings (issue 22)
)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _record(session: Session, entitlement: Entitlement, kind: EntitlementEventKind, *,
            today: date, reason: str | None, effective_month: date | None,
            actor_id: int | None) -> EntitlementEvent:
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    event = EntitlementEvent(entitlement=entitlement, kind=kind, reason=reason,
                             effective_month=effective_month, occurred_on=today,
                             actor_account_id=actor_id)
    session.add(event)
    return event


def suspend(session: Session, entitlement: Entitlement, *, today: date, reason: str,
            actor_id: int | None = None) -> None:
    """暂停发放: no month is put on a roster while suspended; the months stay owed and are paid
    when it resumes."""
    entitlement.state, entitlement.state_reason = EntitlementState.SUSPENDED, reason
    entitlement.state_changed_on = today
    _record(session, entitlement, EntitlementEventKind.SUSPENDED, today=today, reason=reason,
            effective_month=today.replace(day=1), actor_id=actor_id)


def resume(session: Session, entitlement: Entitlement, *, today: date, reason: str,
           actor_id: int | None = None) -> None:
    """恢复发放, after a suspension or a stop found wrong: every month owed since, not yet on a
    roster, is paid in the next run (应补尽补)."""
    entitlement.state, entitlement.state_reason = EntitlementState.PAYING, None
    entitlement.last_month = None
    entitlement.state_changed_on = today
    _record(session, entitlement, EntitlementEventKind.RESUMED, today=today, reason=reason,
            effective_month=None, actor_id=actor_id)


def stop(session: Session, entitlement: Entitlement, *, event_month: date, today: date,
         reason: str, actor_id: int | None = None) -> None:
    """停发 from the month after the event (自情况发生的次月起): the event's month is the last
    one paid."""
    last = event_month.replace(day=1)
    entitlement.state, entitlement.state_reason = EntitlementState.STOPPED, reason
    # A stop dated before the first month pays nothing: the last month is the one before it.
    entitlement.last_month = last
    entitlement.state_changed_on = today
    _record(session, entitlement, EntitlementEventKind.STOPPED, today=today, reason=reason,
            effective_month=next_month(last), actor_id=actor_id)


def move_to_county(session: Session, entitlement: Entitlement, *, county_code: str,
                   event_month: date, today: date, actor_id: int | None = None) -> Entitlement:
    """户籍 moved within Jilin: the old county pays up to the month of the move, the new county
    from the month after, into the same account."""
    stop(session, entitlement, event_month=event_month, today=today,
         reason="moved_within_jilin", actor_id=actor_id)
    moved = Entitlement(
        application_id=entitlement.application_id, person_id=entitlement.person_id,
        allowance=entitlement.allowance, first_month=next_month(event_month.replace(day=1)),
        county_code=county_code, bank_name=entitlement.bank_name,
        account_holder=entitlement.account_holder, account_number=entitlement.account_number,
        account_changed_on=entitlement.account_changed_on, continues_id=entitlement.id,
        state=EntitlementState.PAYING, state_changed_on=today)
    session.add(moved)
    _record(session, moved, EntitlementEventKind.MOVED, today=today,
            reason="moved_within_jilin", effective_month=moved.first_month, actor_id=actor_id)
    return moved


def change_account(session: Session, entitlement: Entitlement, *, bank_name: str, holder: str,
                   number: str, today: date, actor_id: int | None = None) -> None:
    """A new bank account: months whose payment failed before today are paid again into it in
    the next run (补发, app.domain.benefits.payments.run_month)."""
    entitlement.bank_name, entitlement.account_holder = bank_name.strip(), holder.strip()
    entitlement.account_number = "".join(number.split())
    entitlement.account_changed_on = today
    _record(session, entitlement, EntitlementEventKind.ACCOUNT_CHANGED, today=today,
            reason="account_corrected", effective_month=None, actor_id=actor_id)


def overpaid(session: Session, entitlement: Entitlement) -> list[Payment]:
    """Months paid after the last month owed (e.g. paid before a death was reported): what
    追回 asks back."""
    if entitlement.last_month is None:
        return []
    return list(session.scalars(select(Payment).where(
        Payment.entitlement_id == entitlement.id, Payment.month > entitlement.last_month,
        Payment.state == PaymentState.PAID).order_by(Payment.month)).all())
