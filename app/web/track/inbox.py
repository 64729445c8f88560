"""The in-app inbox: messages about the person's applications, newest first."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import g, render_template, request
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app.database import get_session
from app.domain.access import policies
from app.domain.models import Application, InAppMessage
from app.domain.paging import keyset_page
from app.web.access import current_account, require_account, signed_in
from app.web.track.blueprint import track

INBOX_PAGE_SIZE = 20


def _now() -> datetime:
    return datetime.now(UTC)


@track.get("/account/messages")
@signed_in
def inbox() -> str:
    account = require_account()
    db = get_session()
    page = keyset_page(db, select(InAppMessage).where(InAppMessage.account_id == account.id),
                       InAppMessage.id, after=request.args.get("before", type=int),
                       size=INBOX_PAGE_SIZE, newest_first=True)
    shown, older = page.items, page.next_key
    new_ids = {message.id for message in shown if message.read_at is None}
    if new_ids:
        db.execute(update(InAppMessage).where(InAppMessage.id.in_(new_ids))
                   .values(read_at=_now()).execution_options(synchronize_session=False))
        db.commit()
    about = {message.application_id for message in shown if message.application_id}
    references = {
        application.id: application.reference
        for application in db.scalars(select(Application).where(Application.id.in_(about)))
        if application.reference and policies.can_view_application(db, account, application)
    } if about else {}
    return render_template("track/inbox.html", inbox_messages=shown, new_ids=new_ids,
                           older=older, references=references, page_title=_("Your messages"))


@track.app_context_processor
def _inbox_context() -> dict[str, object]:
    return {"unread_message_count": unread_message_count}


def unread_message_count() -> int:
    """Counted once per request, only when a page asks for it."""
    if "unread_message_count" not in g:
        account = current_account()
        g.unread_message_count = 0 if account is None else get_session().scalar(
            select(func.count()).select_from(InAppMessage).where(
                InAppMessage.account_id == account.id, InAppMessage.read_at.is_(None))) or 0
    return int(g.unread_message_count)
