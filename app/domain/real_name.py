"""Levels of identity (实名认证): who holds a person's record online, and how sure we are.

A phone-verified account may make a new record for itself from what it types, and sees only
the applications it made. Only a real-name verified account (the ID card seen at a counter, or
the provincial platform's sign-in) is joined to an existing record and sees what counter staff
filed for the person. Staff see who holds a record and can undo a wrong link.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Account, IdentityLevel, IdentityMethod, Person, Role


class CannotVerify(Exception):
    """Why an account cannot be verified for this record (``reason``: a code for the message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NO_SUCH_ACCOUNT = "no_such_account"
HELD_BY_ANOTHER = "held_by_another"
HOLDS_ANOTHER = "holds_another"


def holder_of(session: Session, person: Person) -> Account | None:
    """The online account that holds this record, if any."""
    return session.scalar(select(Account).where(Account.person_id == person.id))


def _mark_real_name(account: Account, *, method: IdentityMethod, now: datetime,
                    by: Account | None) -> None:
    account.identity_level = IdentityLevel.REAL_NAME
    account.identity_method = method
    account.identity_verified_at = now
    account.identity_verified_by_account_id = by.id if by is not None else None


def _mark_phone_only(account: Account) -> None:
    account.identity_level = IdentityLevel.PHONE
    account.identity_method = None
    account.identity_verified_at = None
    account.identity_verified_by_account_id = None


def verify_at_counter(session: Session, *, staff: Account, account: Account | None,
                      person: Person, now: datetime) -> Account:
    """Staff saw the person's ID card and that they hold ``account``: the account holds the
    record at the real-name level. Raises CannotVerify, changing nothing, when the account is
    not a resident's, the record is held by another account, or the account holds another
    record (staff undo that link first)."""
    if account is None or account.role != Role.PUBLIC or not account.is_active:
        raise CannotVerify(NO_SUCH_ACCOUNT)
    holder = holder_of(session, person)
    if holder is not None and holder.id != account.id:
        raise CannotVerify(HELD_BY_ANOTHER)
    if account.person_id is not None and account.person_id != person.id:
        raise CannotVerify(HOLDS_ANOTHER)
    account.person = person
    _mark_real_name(account, method=IdentityMethod.COUNTER, now=now, by=staff)
    session.flush()
    return account


def undo_link(session: Session, person: Person) -> Account | None:
    """Staff undo a wrong link: the account no longer holds the record, and is back to the
    mobile-only level. Returns the account that held it (None when none did)."""
    holder = holder_of(session, person)
    if holder is None:
        return None
    holder.person_id = None
    holder.person = None
    _mark_phone_only(holder)
    session.flush()
    return holder
