"""One-time 6-digit codes sent by SMS: verifying a phone, resetting a password, looking up status.

Only a keyed hash is stored. A code lives 10 minutes and people may ask for more time (WCAG 2.2.1)
without a new code being sent.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import CodePurpose, VerificationCode

CODE_LIFETIME = timedelta(minutes=10)
MAX_EXTENSIONS = 10
MAX_FAILED_ATTEMPTS = 5
# One budget of codes per mobile number, whatever they are for (sign-up, sign-in of an
# unconfirmed account, password reset, status look-up): spreading requests over purposes or
# pages must not flood someone's phone. Decoys count too, so the budget reveals nothing.
CODES_PER_PHONE_PER_HOUR = 5
CODE_BUDGET_WINDOW = timedelta(hours=1)


class CodeBudgetSpent(Exception):
    """This number was sent as many codes as it may be in the last hour."""


class CodeCheck(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    NONE_SENT = "none_sent"


@dataclass(frozen=True)
class IssuedCode:
    record: VerificationCode
    code: str  # the plain code, only ever put into the outgoing message


def _hash(code: str, secret: str) -> str:
    return hmac.new(secret.encode(), code.encode(), hashlib.sha256).hexdigest()


def latest_code(session: Session, phone: str, purpose: CodePurpose) -> VerificationCode | None:
    return session.scalar(
        select(VerificationCode)
        .where(VerificationCode.phone == phone, VerificationCode.purpose == purpose)
        .order_by(VerificationCode.created_at.desc(), VerificationCode.id.desc())
        .limit(1)
    )


def codes_left(session: Session, phone: str, now: datetime) -> int:
    """How many more codes (of any purpose) this number may be sent within the hour."""
    sent = session.scalar(select(func.count()).select_from(VerificationCode).where(
        VerificationCode.phone == phone,
        VerificationCode.created_at > now - CODE_BUDGET_WINDOW)) or 0
    return max(CODES_PER_PHONE_PER_HOUR - sent, 0)


def _spend_from_budget(session: Session, phone: str, now: datetime) -> None:
    if codes_left(session, phone, now) == 0:
        raise CodeBudgetSpent(phone)


def issue_code(session: Session, *, phone: str, purpose: CodePurpose, secret: str,
               now: datetime) -> IssuedCode:
    """A new code for ``phone``; CodeBudgetSpent when the number's hourly budget is used."""
    _spend_from_budget(session, phone, now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    record = VerificationCode(phone=phone, purpose=purpose, code_hash=_hash(code, secret),
                              expires_at=now + CODE_LIFETIME, extensions=0, failed_attempts=0,
                              created_at=now)
    session.add(record)
    session.flush()
    return IssuedCode(record=record, code=code)


def issue_decoy_code(session: Session, *, phone: str, purpose: CodePurpose,
                     now: datetime) -> VerificationCode:
    """A code record that is never sent and that no entry can match.

    Used where a real code would reveal whether a number has an account: the code page, its
    expiry, wrong tries and "more time" then behave exactly as they do for a real code.
    """
    _spend_from_budget(session, phone, now)
    record = VerificationCode(phone=phone, purpose=purpose, code_hash=secrets.token_hex(32),
                              expires_at=now + CODE_LIFETIME, extensions=0, failed_attempts=0,
                              created_at=now)
    session.add(record)
    session.flush()
    return record


def check_code(session: Session, *, phone: str, purpose: CodePurpose, code: str, secret: str,
               now: datetime) -> CodeCheck:
    record = latest_code(session, phone, purpose)
    if record is None or record.used_at is not None:
        return CodeCheck.NONE_SENT
    if record.failed_attempts >= MAX_FAILED_ATTEMPTS:
        return CodeCheck.TOO_MANY_ATTEMPTS
    if _aware(record.expires_at) <= now:
        return CodeCheck.EXPIRED
    if not hmac.compare_digest(record.code_hash, _hash(code, secret)):
        record.failed_attempts += 1
        if record.failed_attempts >= MAX_FAILED_ATTEMPTS:
            return CodeCheck.TOO_MANY_ATTEMPTS
        return CodeCheck.WRONG
    record.used_at = now
    return CodeCheck.ACCEPTED


def extend_code(session: Session, *, phone: str, purpose: CodePurpose,
                now: datetime) -> VerificationCode | None:
    """Give the latest unused code another full lifetime from now; None when it cannot be."""
    record = latest_code(session, phone, purpose)
    if record is None or record.used_at is not None or record.extensions >= MAX_EXTENSIONS:
        return None
    record.expires_at = now + CODE_LIFETIME
    record.extensions += 1
    return record


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time here is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
