"""ID numbers counter staff searched for and did not find, carried to the registration page on
the server, never in the browser's cookie, address or history."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.models import Account, CounterLookup

LIFETIME = timedelta(minutes=30)  # as long as a staff session stays idle


def remember_missing(session: Session, staff: Account, id_number: str) -> str:
    """Keeps the number for ``staff``; returns the token the browser carries instead.

    Lookups past their lifetime are deleted on the way, so none is kept for long.
    """
    now = datetime.now(UTC)
    session.execute(delete(CounterLookup).where(CounterLookup.created_at < now - LIFETIME))
    token = secrets.token_urlsafe(32)
    session.add(CounterLookup(token=token, staff_account_id=staff.id, id_number=id_number,
                              created_at=now))
    return token


def missing_number(session: Session, staff: Account, token: str | None) -> str | None:
    """The number ``staff`` searched for under ``token``, while it lasts; None otherwise."""
    if not token:
        return None
    return session.scalar(select(CounterLookup.id_number).where(
        CounterLookup.token == token, CounterLookup.staff_account_id == staff.id,
        CounterLookup.created_at >= datetime.now(UTC) - LIFETIME))


def forget(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(CounterLookup).where(CounterLookup.token == token))
