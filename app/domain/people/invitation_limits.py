"""How many agent invitations may be sent, and requests to act made.

Each invitation sends a text message to a number the inviter typed, so without a limit the
portal could be used to flood someone's phone. Counted from the invitations themselves, so the
limit holds across workers and restarts without shared rate-limit storage.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.domain.models import Account, Delegation, Person

WINDOW = timedelta(hours=24)
PER_PERSON = 5  # a resident inviting their family rarely needs more in a day
PER_NUMBER = 3  # from anyone: one phone gets at most this many invitation messages a day
# Requests to act for someone (each waits for staff, who see proof): a guardian of several
# children, say, needs a few; more a day is someone trying numbers or filling staff's list.
REQUESTS_PER_AGENT = 5


class InvitationLimit(enum.StrEnum):
    FROM_PERSON = "from_person"
    TO_NUMBER = "to_number"


def _recent(session: Session, condition: ColumnElement[bool], *, since: datetime) -> int:
    return session.scalar(select(func.count(Delegation.id)).where(
        Delegation.invited_phone.is_not(None), Delegation.created_at >= since, condition)) or 0


def limit_reached(session: Session, person: Person, phone: str, *,
                  now: datetime | None = None) -> InvitationLimit | None:
    """Which limit another invitation from ``person`` to ``phone`` would pass; None if none."""
    since = (now or datetime.now(UTC)) - WINDOW
    if _recent(session, Delegation.person_id == person.id, since=since) >= PER_PERSON:
        return InvitationLimit.FROM_PERSON
    if _recent(session, Delegation.invited_phone == phone, since=since) >= PER_NUMBER:
        return InvitationLimit.TO_NUMBER
    return None


def requests_to_act_limit_reached(session: Session, agent: Account, *,
                                  now: datetime | None = None) -> bool:
    """Whether ``agent`` already asked to act for as many people as a day allows."""
    since = (now or datetime.now(UTC)) - WINDOW
    made = session.scalar(select(func.count(Delegation.id)).where(
        Delegation.agent_account_id == agent.id, Delegation.invited_phone.is_(None),
        Delegation.created_at >= since)) or 0
    return made >= REQUESTS_PER_AGENT
