"""Paper documents at the counter: staff mark a document seen that the applicant brought in
instead of uploading it. A view of its own, shown on the casework page by one include
(templates/casework/_paper_documents.html)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.files import paper_documents as papers
from app.domain.models import Application, Role
from app.services import get_service
from app.web.access import allowed_or_404, require_account, staff_only

paper = Blueprint("paper_documents", __name__)


@dataclass(frozen=True)
class PaperRow:
    code: str
    title: str
    seen_at: datetime | None
    seen_by: str | None


@paper.app_template_global()
def paper_rows(application: Application) -> list[PaperRow]:
    """The documents promised on paper, with whether staff have seen them, for the page."""
    service = get_service(application.service_code)
    titles = service.document_titles(service.documents_of_sent(
        channel=application.channel, made_by=application.made_by,
        answers=application.answers)) if service else {}
    return [PaperRow(code, str(titles.get(code, code)), item.seen_at,
                     item.seen_by.display_name if item.seen_by else None)
            for code, item in papers.paper_documents(get_session(), application).items()]


@paper.post("/casework/applications/<int:application_id>/paper/<requirement_code>/seen")
@staff_only(Role.COUNTER, Role.CASEWORKER)
def mark_seen(application_id: int, requirement_code: str) -> Response:
    me = require_account()
    db = get_session()
    application = allowed_or_404(db.get(Application, application_id),
                                 partial(policies.can_mark_paper_seen, db, me))
    item = papers.paper_documents(db, application).get(requirement_code)
    if item is None:
        abort(404)
    try:
        papers.mark_seen(db, item, by=me)
    except papers.AlreadySeen:
        flash(_("Someone has already marked this paper document seen."))
    else:
        record_access(db, actor=me, action=AuditAction.DOCUMENT_PAPER_SEEN, channel=channel_of(me),
                      person=application.person, application=application,
                      detail={"requirement_code": requirement_code})
        db.commit()
        flash(_("Marked the paper document seen."))
    return redirect(url_for("casework.application", application_id=application.id,
                            _anchor="paper-documents"))
