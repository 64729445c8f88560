"""The audit log of who viewed or changed whose personal data (PIPL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.domain.models import Account, Application, AuditEvent, Channel, Person
from app.domain.paging import Page, keyset_page


def record_access(session: Session, *, actor: Account | None, action: str, channel: Channel,
                  person: Person | None = None, application: Application | None = None,
                  detail: dict[str, Any] | None = None) -> AuditEvent:
    event = AuditEvent(
        actor_account_id=actor.id if actor else None, action=action, channel=channel,
        person_id=person.id if person else None,
        application_id=application.id if application else None, detail=detail or {},
    )
    session.add(event)
    return event


def audit_log_page(session: Session, *, visible: ColumnElement[bool] | None = None,
                   before_id: int | None = None, size: int = 50) -> Page[AuditEvent]:
    """Newest first, keyset-paginated on id so the log stays fast however long it grows.

    Pages for a reader pass their rule as `visible` (policies.audit_events_visible_to).
    """
    query = select(AuditEvent)
    if visible is not None:
        query = query.where(visible)
    return keyset_page(session, query, AuditEvent.id, after=before_id, size=size,
                       newest_first=True)


def recent_audit_events(session: Session, *, visible: ColumnElement[bool] | None = None,
                        before_id: int | None = None, limit: int = 50) -> list[AuditEvent]:
    return audit_log_page(session, visible=visible, before_id=before_id, size=limit).items
