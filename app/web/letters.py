"""Letters due (issue 25): the staff print queue of letters to applicants who asked to be told
by letter or by phone, a letter ready to print (in large print where they asked), and marking
it sent. A view of its own, like the paper documents."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.messages import letters
from app.domain.models import Letter, Role
from app.services import get_service
from app.web.access import allowed_or_404, require_account, staff_only

letter_pages = Blueprint("letters", __name__, url_prefix="/casework/letters")


def _letter_or_404(letter_id: int) -> Letter:
    me = require_account()
    db = get_session()
    return allowed_or_404(db.get(Letter, letter_id),
                          lambda letter: policies.can_send_letters(db, me, letter.application))


@letter_pages.get("/")
@staff_only(Role.COUNTER, Role.CASEWORKER)
def due() -> str:
    me = require_account()
    return render_template("casework/letters.html",
                           letters=letters.letters_due(get_session(), me),
                           page_title=_("Letters to print and post"))


@letter_pages.get("/<int:letter_id>")
@staff_only(Role.COUNTER, Role.CASEWORKER)
def letter(letter_id: int) -> str:
    found = _letter_or_404(letter_id)
    service = get_service(found.application.service_code)
    me = require_account()
    db = get_session()
    record_access(db, actor=me, action=AuditAction.LETTER_VIEW, channel=channel_of(me),
                  person=found.application.person, application=found.application,
                  detail={"letter_id": found.id})
    db.commit()
    with force_locale(found.locale):  # the letter is in the applicant's language
        service_name = _(service.texts.name) if service else ""
    return render_template("casework/letter.html", letter=found, service_name=service_name,
                           page_title=_("Letter about application %(reference)s",
                                        reference=found.application.reference or ""))


@letter_pages.post("/<int:letter_id>/sent")
@staff_only(Role.COUNTER, Role.CASEWORKER)
def mark_sent(letter_id: int) -> Response:
    found = _letter_or_404(letter_id)
    me = require_account()
    db = get_session()
    try:
        letters.mark_sent(found, by=me)
    except letters.AlreadySent:
        flash(_("Someone has already marked this letter sent."))
    else:
        record_access(db, actor=me, action=AuditAction.LETTER_SENT, channel=channel_of(me),
                      person=found.application.person, application=found.application,
                      detail={"letter_id": found.id})
        db.commit()
        flash(_("Marked the letter sent. It is no longer in the list."))
    return redirect(url_for("letters.due"))


