"""A refusal as a decision letter: who decided, why, and how to contest it, ready to print."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from app.database import get_session
from app.domain.audit import AuditAction, record_access
from app.domain.channels import channel_of
from app.domain.deciding_bodies import Body, body_name, deciding_body
from app.domain.divisions import load_catalogue
from app.domain.place_names import place_label
from app.domain.reference import grouped
from app.domain.review_rights import review_rights
from app.services import get_service
from app.services.standard_reasons import reason_texts
from app.web.access import require_account, signed_in
from app.web.track.blueprint import track
from app.web.track.pages import visible_application


@track.get("/applications/<int:application_id>/decision")
@signed_in
def decision_letter(application_id: int) -> str:
    account = require_account()
    db = get_session()
    application = visible_application(db, account, application_id)
    rights = review_rights(db, application)
    if rights is None:  # only a refusal, or a refusal to accept, has a letter
        abort(404)
    if account.is_staff:
        record_access(db, actor=account, action=AuditAction.APPLICATION_DECISION_LETTER,
                      channel=channel_of(account), person=application.person,
                      application=application)
        db.commit()
    locale = str(get_locale())
    county_code = application.county_code
    county = load_catalogue().get(county_code or "")
    return render_template(
        "track/decision_letter.html", application=application, rights=rights,
        service=get_service(application.service_code),
        standard_reasons=reason_texts(application.service_code, rights.reason_codes),
        decided_by=body_name(deciding_body(application.service_code), county_code, locale),
        reconsidered_by=body_name(Body.GOVERNMENT, county_code, locale),
        court=body_name(Body.COURT, county_code, locale),
        county=place_label(county.name, locale) if county else None,
        page_title=_("Decision on application %(reference)s",
                     reference=grouped(application.reference or "")),
    )
