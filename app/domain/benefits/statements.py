"""My allowances (issue 22): a person's entitlements and payments as they read them, and the
yearly statement of payments (证明) other offices ask for.

A statement carries a reference staff can check: the person, the year and a keyed hash (HMAC)
of what it lists. Checking it computes the statement again from the payments: a forged or
altered total does not match, and a statement printed before a later payment says so.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Entitlement, Payment, PaymentState

# "ZM2026-1234-B72F-0546", typed with spaces or dashes between the parts, in any case.
REFERENCE = re.compile(r"^ZM\s*(\d{4})[\s-]+(\d{1,12})[\s-]+([0-9A-F]{4})[\s-]*([0-9A-F]{4})$")


def payments_of(session: Session, entitlements: Sequence[Entitlement]) -> dict[int, list[Payment]]:
    """Each entitlement's payments, the latest month first (one query)."""
    found: dict[int, list[Payment]] = {e.id: [] for e in entitlements}
    if not found:
        return found
    for payment in session.scalars(select(Payment).where(
            Payment.entitlement_id.in_(list(found)))
            .order_by(Payment.month.desc(), Payment.id)):
        found[payment.entitlement_id].append(payment)
    return found


@dataclass(frozen=True)
class StatementLine:
    month: date
    allowance: str
    amount_fen: int
    paid_on: date


@dataclass(frozen=True)
class Statement:
    person_id: int
    year: int
    lines: list[StatementLine]
    total_fen: int
    reference: str


def _digest(key: bytes, person_id: int, year: int, lines: Sequence[StatementLine]) -> str:
    content = "|".join([str(person_id), str(year)] + [
        f"{line.month:%Y-%m},{line.allowance},{line.amount_fen},{line.paid_on:%Y-%m-%d}"
        for line in lines])
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()[:8].upper()


def yearly_statement(session: Session, *, person_id: int, entitlements: Sequence[Entitlement],
                     year: int, key: bytes) -> Statement:
    """The months of the year paid into the person's account (paid, not pending or failed)."""
    ids = [e.id for e in entitlements if e.person_id == person_id]
    allowance_of = {e.id: e.allowance for e in entitlements}
    paid = session.scalars(select(Payment).where(
        Payment.entitlement_id.in_(ids), Payment.state == PaymentState.PAID,
        Payment.month >= date(year, 1, 1), Payment.month <= date(year, 12, 1))
        .order_by(Payment.month, Payment.entitlement_id)).all() if ids else []
    lines = [StatementLine(p.month, allowance_of[p.entitlement_id], p.amount_fen,
                           p.paid_on or p.month) for p in paid]
    digest = _digest(key, person_id, year, lines)
    return Statement(person_id, year, lines, sum(line.amount_fen for line in lines),
                     f"ZM{year}-{person_id}-{digest[:4]}-{digest[4:]}")


def parse_reference(reference: str) -> tuple[int, int, str] | None:
    """(year, person id, the 8 check characters) of a typed reference, or None."""
    found = REFERENCE.match(reference.strip().upper())
    if found is None:
        return None
    return int(found[1]), int(found[2]), found[3] + found[4]


def reference_matches(statement: Statement, reference: str) -> bool:
    parsed = parse_reference(reference)
    return parsed is not None and hmac.compare_digest(
        statement.reference.replace("-", ""), f"ZM{parsed[0]}{parsed[1]}{parsed[2]}")


@dataclass(frozen=True)
class StatementCheck:
    matches: bool
    statement: Statement | None  # as the payments on record make it now


def check_reference(session: Session, reference: str, *, key: bytes) -> StatementCheck:
    """Whether a printed statement's reference matches the payments on record: computed again
    from them, so nothing about the statement needs keeping."""
    from app.domain.benefits.entitlements import entitlements_of

    parsed = parse_reference(reference)
    if parsed is None:
        return StatementCheck(False, None)
    year, person_id, _ = parsed
    held = entitlements_of(session, person_id)
    if not held:
        return StatementCheck(False, None)
    made = yearly_statement(session, person_id=person_id, entitlements=held, year=year, key=key)
    return StatementCheck(reference_matches(made, reference), made)
