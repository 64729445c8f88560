"""The privacy page promises: drafts never submitted are deleted after one year."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.casework.reference import new_reference
from app.domain.clock import utc_now
from app.domain.models import Account, Application, AuditEvent, Channel, Document, Role
from app.domain.models import ApplicationStatus as S
from tests.factories import make_account


def _application(app: Flask, staff: int, *, status: S, last_saved_days_ago: int) -> int:
    with app.app_context():
        db = get_session()
        application = Application(
            service_code="two-subsidies", status=status, answers={}, channel=Channel.COUNTER,
            reference=None if status == S.DRAFT else new_reference(), county_code="220102",
            created_by_account_id=staff,
            updated_at=utc_now() - timedelta(days=last_saved_days_ago))
        db.add(application)
        db.flush()
        stored = f"draft-{application.id}.pdf"
        folder = Path(app.config["UPLOAD_FOLDER"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / stored).write_bytes(b"%PDF-1.4")
        db.add(Document(application_id=application.id, requirement_code="identity",
                        original_filename="id.pdf", stored_name=stored,
                        content_type="application/pdf", size_bytes=8, sha256="0" * 64,
                        uploaded_by_account_id=staff))
        record_access(db, actor=db.get(Account, staff), action=AuditAction.APPLICATION_START,
                      channel=Channel.COUNTER, application=application)
        db.commit()
        return application.id


@pytest.mark.engine
def test_only_drafts_not_saved_for_a_year_are_deleted_with_their_files(app: Flask) -> None:
    staff = make_account(app, phone="13907770001", role=Role.COUNTER, area="220102001")
    abandoned = _application(app, staff, status=S.DRAFT, last_saved_days_ago=366)
    recent = _application(app, staff, status=S.DRAFT, last_saved_days_ago=300)
    sent_long_ago = _application(app, staff, status=S.SUBMITTED, last_saved_days_ago=800)

    result = app.test_cli_runner().invoke(args=["delete-old-drafts"])

    assert result.exit_code == 0 and "Drafts deleted: 1." in result.output
    with app.app_context():
        db = get_session()
        assert db.get(Application, abandoned) is None
        assert set(db.scalars(select(Application.id))) == {recent, sent_long_ago}
        assert {d.application_id for d in db.scalars(select(Document))} == {recent, sent_long_ago}
        # Who started the deleted draft is still in the audit log, no longer linked to it.
        logged = [e.application_id for e in db.scalars(select(AuditEvent))]
        assert sorted(logged, key=str) == sorted([None, recent, sent_long_ago], key=str)
    assert sorted(p.name for p in Path(app.config["UPLOAD_FOLDER"]).iterdir()) == sorted(
        [f"draft-{recent}.pdf", f"draft-{sent_long_ago}.pdf"])
