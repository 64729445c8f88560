"""Letters for applicants who asked to be told by letter or by phone (issue 25).

A text message goes only to those who chose text messages. Everyone else gets a letter with the
same words, in their language and in large print when they asked: staff print the letters due
for their area and mark each one sent.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.domain import clock
from app.domain.access import policies
from app.domain.casework.answers import communication_needs
from app.domain.casework.answers import contact_channel as channel_answered
from app.domain.models import Account, Application, Letter, Person, Role

BY_POST = frozenset({"letter", "phone"})


def contact_channel(application: Application, person: Person) -> str:
    """How the applicant asked to be told: the answer of this application, else their record."""
    return channel_answered(application.answers) or person.contact_channel or "sms"


def wants_large_print(application: Application, person: Person) -> bool:
    needs = communication_needs(application.answers) or []
    return "large_print" in needs or "large_print" in (person.communication_needs or [])


def queue_letter(session: Session, application: Application, *, body: str,
                 locale: str) -> Letter | None:
    """A letter due, when the applicant asked for letters or phone calls; None otherwise."""
    person = application.person
    if person is None or contact_channel(application, person) not in BY_POST:
        return None
    letter = Letter(application=application, locale=locale, body=body,
                    large_print=wants_large_print(application, person),
                    phone_too=contact_channel(application, person) == "phone")
    session.add(letter)
    return letter


def letters_due(session: Session, staff: Account, *, limit: int = 200) -> list[Letter]:
    """The letters not yet sent for applications this member of staff may see, oldest first."""
    if staff.role not in (Role.COUNTER, Role.CASEWORKER):
        return []
    candidates = session.scalars(
        select(Letter).join(Letter.application)
        .options(joinedload(Letter.application).joinedload(Application.person))
        .where(Letter.printed_at.is_(None))
        .where(Application.county_code.in_(
            {code[:6] for code in policies.area_codes(staff.area_code or "")}))
        .order_by(Letter.id).limit(limit)).unique().all()
    return [letter for letter in candidates
            if policies.can_send_letters(session, staff, letter.application)]


class AlreadySent(Exception):
    """Someone marked this letter sent already."""


def mark_sent(letter: Letter, *, by: Account) -> None:
    if letter.printed_at is not None:
        raise AlreadySent(letter.id)
    letter.printed_at = clock.utc_now()
    letter.printed_by_account_id = by.id
