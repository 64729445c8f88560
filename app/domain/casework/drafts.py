"""Deleting drafts: at the applicant's request, and a year after they were last saved.

A draft that was never sent is not a government record; nothing of it is kept once it is
deleted (PIPL data minimisation). The privacy page promises: "Drafts you never submit are
deleted after one year." `flask delete-old-drafts` keeps that promise; run it daily.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.models import Application, ApplicationStatus, AuditEvent

DRAFT_LIFETIME = timedelta(days=365)


class NotADraft(Exception):
    """Only a draft can be deleted: a sent application is a record."""


def delete_draft(session: Session, application: Application, *, upload_folder: Path) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise NotADraft(application.id)
    for document in list(application.documents):
        (upload_folder / document.stored_name).unlink(missing_ok=True)
        session.delete(document)
    # Who looked at it stays in the audit log (a counter draft is logged), no longer linked.
    session.execute(update(AuditEvent).where(AuditEvent.application_id == application.id)
                    .values(application_id=None))
    session.delete(application)


def delete_old_drafts(session: Session, *, now: datetime, upload_folder: Path) -> int:
    """Deletes every draft last saved more than DRAFT_LIFETIME before `now`; how many."""
    old = session.scalars(select(Application).where(
        Application.status == ApplicationStatus.DRAFT,
        Application.updated_at < now - DRAFT_LIFETIME)).all()
    for application in old:
        delete_draft(session, application, upload_folder=upload_folder)
    return len(old)
