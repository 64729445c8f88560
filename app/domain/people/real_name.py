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
from app.domain.people.delegations import find_person, new_person
from app.domain.people.identity import ResidentIdNumber


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


class ProviderRefused(Exception):
    """The provider vouched for a record another real-name account already holds, or for a
    subject another account already uses: staff sort it out, nothing changes."""


def verify_with_provider(session: Session, account: Account, *, subject: str, full_name: str,
                         id_number: ResidentIdNumber, now: datetime
                         ) -> tuple[Person, list[Account]]:
    """The provincial platform vouched that ``account``'s holder is ``full_name`` with
    ``id_number`` (its claims, never typed): the account holds that person's record at the
    real-name level, made from the claims when there is none.

    Whoever held that record on a typed number loses it, as does a record this account made
    from another typed number. Returns the record and the accounts that lost a link (for the
    audit log).
    """
    same_subject = session.scalar(select(Account).where(Account.provincial_subject == subject))
    if same_subject is not None and same_subject.id != account.id:
        raise ProviderRefused(subject)
    person = find_person(session, id_number.value)
    released: list[Account] = []
    if person is not None:
        holder = holder_of(session, person)
        if holder is not None and holder.id != account.id:
            if holder.is_real_name:
                raise ProviderRefused(subject)
            undo_link(session, person)
            released.append(holder)
    if account.person_id is not None and (person is None or account.person_id != person.id):
        account.person_id = None
        account.person = None
        released.append(account)
    if person is None:
        person = new_person(full_name=full_name, id_number=id_number)
        session.add(person)
    person.full_name = full_name  # the verified name, as on the ID card
    account.person = person
    account.provincial_subject = subject
    _mark_real_name(account, method=IdentityMethod.PROVINCIAL, now=now, by=None)
    session.flush()
    return person, released


def account_for_subject(session: Session, subject: str,
                        id_number: ResidentIdNumber) -> Account | None:
    """The account verified through the platform as ``subject`` before, when it still holds
    the record of the number the platform vouches for now (a link staff undid signs nobody in).
    """
    account = session.scalar(select(Account).where(Account.provincial_subject == subject))
    if account is None or not account.is_active or not account.is_real_name \
            or account.person is None or account.person.id_number != id_number.value:
        return None
    return account
