"""Sign-in sessions kept on the server, so that signing out really ends one.

The browser's session cookie is signed but readable and cannot be withdrawn; it carries a random
token, and only the token's hash is stored here. A session lives at most LIFETIME from sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.models import Account, SignInSession

LIFETIME = timedelta(days=31)  # also the cookie's lifetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, account: Account, *, now: datetime | None = None) -> str:
    """Records a new session for ``account``; returns the token the browser carries.

    Sessions past their lifetime are deleted on the way, so the table does not grow for ever.
    """
    now = now or datetime.now(UTC)
    session.execute(delete(SignInSession).where(SignInSession.created_at < now - LIFETIME))
    token = secrets.token_urlsafe(32)
    session.add(SignInSession(token_hash=_hash(token), account_id=account.id, created_at=now))
    session.flush()
    return token


def live_account(session: Session, account_id: int, token: str, *,
                 now: datetime | None = None) -> Account | None:
    """The account, if this token is one of its live sessions: is_live and the account in one
    query, as every signed-in request asks."""
    if not token:
        return None
    now = now or datetime.now(UTC)
    live = select(SignInSession.id).where(
        SignInSession.token_hash == _hash(token), SignInSession.account_id == Account.id,
        SignInSession.created_at >= now - LIFETIME).exists()
    return session.scalar(select(Account).where(Account.id == account_id, live))


def is_live(session: Session, account_id: int, token: str, *,
            now: datetime | None = None) -> bool:
    if not token:
        return False
    now = now or datetime.now(UTC)
    found = session.scalar(select(SignInSession.id).where(
        SignInSession.token_hash == _hash(token), SignInSession.account_id == account_id,
        SignInSession.created_at >= now - LIFETIME))
    return found is not None


def end(session: Session, token: str) -> None:
    session.execute(delete(SignInSession).where(SignInSession.token_hash == _hash(token)))


def end_all(session: Session, account: Account) -> None:
    session.execute(delete(SignInSession).where(SignInSession.account_id == account.id))
