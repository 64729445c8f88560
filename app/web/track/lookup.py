"""Looking up the status without signing in.

Anyone holding the reference number,
the last 4 characters of the ID card number and the phone on the application can look the status
up without an account. The look-up never tells a stranger whether an application exists."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.casework.answers import contact_phone
from app.domain.casework.reference import grouped
from app.domain.casework.review_rights import review_rights
from app.domain.models import Application, Channel, CodePurpose
from app.domain.people import codes
from app.domain.people.identity import mobile_only
from app.forms import error_messages as messages
from app.services import get_service
from app.web import rate_limits
from app.web.access import public_page
from app.web.forms.track import LookupCodeForm, LookupForm, normalise_reference
from app.web.messages import queue_code_message
from app.web.rate_limits import limiter
from app.web.track.blueprint import track
from app.web.track.progress import latest_request, progress_of
from app.web.track.timeline import timeline_entries

# Look-ups without signing in: guessing the last 4 characters is slowed per reference, and the
# SMS code is a second factor. Code checks use the limit the sign-in code pages use.
LOOKUPS_PER_ADDRESS = "20 per 10 minutes"
LOOKUPS_PER_REFERENCE = "5 per hour"
LOOKUP_CODES_PER_REFERENCE = "5 per hour"
LOOKUP_GRANT_LIFETIME = timedelta(minutes=15)

# In the (signed, readable) session cookie: only what the person typed and timings, never
# whether it matched, so the cookie reveals nothing either.
LOOKUP_STATE = "status_lookup"
LOOKUP_GRANT = "status_lookup_grant"


def _now() -> datetime:
    return datetime.now(UTC)


def _reference_in_form() -> str:
    return "lookup-reference:" + normalise_reference(request.form.get("reference", ""))[:16]


def _reference_in_session() -> str:
    state = session.get(LOOKUP_STATE) or {}
    return "lookup-reference:" + str(state.get("reference", "none"))


def _matching_application(db: Session, reference: str, id_last_4: str) -> Application | None:
    application = db.scalar(select(Application).where(Application.reference == reference)
                            .options(joinedload(Application.person)))
    if application is None or application.person is None:
        return None
    if not hmac.compare_digest(application.person.id_number[-4:].upper(), id_last_4.upper()):
        return None
    return application


def _phone_of(application: Application | None) -> str | None:
    if application is None:
        return None
    return contact_phone(application.answers) or \
        (mobile_only(application.person.phone) if application.person else None)


def _matched_phone(db: Session, state: dict[str, Any]) -> tuple[Application | None, str | None]:
    """The application the details match, and the phone its code goes to: the one on the
    application, or an agent's own when they asked and are linked to the applicant."""
    application = _matching_application(db, state.get("reference", ""),
                                        state.get("id_last_4", ""))
    if application is None or state.get("send_to") != "agent":
        return application, _phone_of(application)
    agent_phone = str(state.get("agent_phone", ""))
    if policies.may_receive_status_code(db, application, agent_phone):
        return application, agent_phone
    return application, None


def _fresh_state(state: dict[str, Any], now: datetime) -> None:
    state.update(expires=(now + codes.CODE_LIFETIME).timestamp(), extensions=0, failures=0)
    session[LOOKUP_STATE] = state
    session.modified = True


def _send_lookup_code(db: Session, phone: str, now: datetime) -> None:
    """Sends a code within the number's hourly budget; past it nothing is sent, and the page
    says the same as ever (saying more would tell that the details matched)."""
    try:
        issued = codes.issue_code(db, phone=phone, purpose=CodePurpose.STATUS_LOOKUP,
                                  secret=current_app.config["SECRET_KEY"], now=now)
    except codes.CodeBudgetSpent:
        return
    queue_code_message(db, phone=phone, code=issued.code)


@track.route("/status", methods=["GET", "POST"])
@limiter.limit(LOOKUPS_PER_ADDRESS, methods=["POST"])
@limiter.limit(LOOKUPS_PER_REFERENCE, methods=["POST"], key_func=_reference_in_form)
@public_page
def lookup() -> str | Response:
    form = LookupForm()
    if form.validate_on_submit():
        db, now = get_session(), _now()
        state = {"reference": form.reference.data, "id_last_4": form.id_last_4.data,
                 "send_to": form.send_to.data or "application",
                 "agent_phone": form.agent_phone.data or ""}
        _application, phone = _matched_phone(db, state)
        if phone:
            _send_lookup_code(db, phone, now)
            db.commit()
        # The same next page whether or not anything matched: nothing is revealed.
        session.pop(LOOKUP_GRANT, None)
        _fresh_state(state, now)
        return redirect(url_for("track.lookup_code"))
    return render_template("track/lookup.html", form=form,
                           page_title=_("Check the status of an application"))


def _pretend_check(state: dict[str, Any], now: datetime) -> codes.CodeCheck:
    """What check_code would say when no code was sent: never accepted, same messages."""
    if state.get("failures", 0) >= codes.MAX_FAILED_ATTEMPTS:
        return codes.CodeCheck.TOO_MANY_ATTEMPTS
    if state.get("expires", 0) <= now.timestamp():
        return codes.CodeCheck.EXPIRED
    state["failures"] = state.get("failures", 0) + 1
    session.modified = True
    if state["failures"] >= codes.MAX_FAILED_ATTEMPTS:
        return codes.CodeCheck.TOO_MANY_ATTEMPTS
    return codes.CodeCheck.WRONG


@track.route("/status/code", methods=["GET", "POST"])
@limiter.limit(rate_limits.CODE_CHECKS_PER_ADDRESS, methods=["POST"])
@public_page
def lookup_code() -> str | Response:
    state = session.get(LOOKUP_STATE)
    if not state:
        return redirect(url_for("track.lookup"))
    form = LookupCodeForm()
    if form.validate_on_submit():
        db, now = get_session(), _now()
        application, phone = _matched_phone(db, state)
        if application is not None and phone:
            result = codes.check_code(db, phone=phone, purpose=CodePurpose.STATUS_LOOKUP,
                                      code=form.code.data,
                                      secret=current_app.config["SECRET_KEY"], now=now)
        else:
            result = _pretend_check(state, now)
        if result is codes.CodeCheck.ACCEPTED and application is not None:
            record_access(db, actor=None, action=AuditAction.APPLICATION_STATUS_LOOKUP,
                          channel=Channel.ONLINE, person=application.person,
                          application=application)
            db.commit()
            session.pop(LOOKUP_STATE, None)
            session[LOOKUP_GRANT] = {"application_id": application.id,
                                     "reference": application.reference,
                                     "expires": (now + LOOKUP_GRANT_LIFETIME).timestamp()}
            return redirect(url_for("track.lookup_result", reference=application.reference))
        db.commit()  # keeps the count of wrong tries
        form.code.errors.append(str(messages.CODE[result]))
    return render_template("track/lookup_code.html", form=form,
                           expires_at=datetime.fromtimestamp(state["expires"], UTC),
                           page_title=_("Enter the code from the text message"))


@track.post("/status/code/more-time")
@public_page
def lookup_more_time() -> Response:
    """Another 10 minutes for the code (WCAG 2.2.1), the same whether or not a code was sent."""
    state = session.get(LOOKUP_STATE)
    if not state:
        return redirect(url_for("track.lookup"))
    if state.get("extensions", 0) >= codes.MAX_EXTENSIONS:
        flash(_("The code cannot be given more time. Ask for a new code."))
        return redirect(url_for("track.lookup_code"))
    db, now = get_session(), _now()
    _application, phone = _matched_phone(db, state)
    if phone:
        codes.extend_code(db, phone=phone, purpose=CodePurpose.STATUS_LOOKUP, now=now)
        db.commit()
    state.update(expires=(now + codes.CODE_LIFETIME).timestamp(),
                 extensions=state.get("extensions", 0) + 1)
    session.modified = True
    flash(_("You have 10 more minutes to enter the code."))
    return redirect(url_for("track.lookup_code"))


@track.post("/status/code/new-code")
@limiter.limit(LOOKUP_CODES_PER_REFERENCE, key_func=_reference_in_session)
@public_page
def lookup_new_code() -> Response:
    state = session.get(LOOKUP_STATE)
    if not state:
        return redirect(url_for("track.lookup"))
    db, now = get_session(), _now()
    _application, phone = _matched_phone(db, state)
    if phone:
        _send_lookup_code(db, phone, now)
        db.commit()
    _fresh_state(state, now)
    flash(_("If the details match an application, we sent a new code to the phone number on "
            "it."))
    return redirect(url_for("track.lookup_code"))


def _granted_application(db: Session, reference: str) -> Application | None:
    grant = session.get(LOOKUP_GRANT)
    if not grant:
        return None
    if grant.get("expires", 0) <= _now().timestamp():
        session.pop(LOOKUP_GRANT, None)
        return None
    if grant.get("reference") != normalise_reference(reference):
        return None
    application = db.get(Application, grant.get("application_id"))
    if application is None or application.reference != grant["reference"]:
        return None
    return application


@track.get("/status/<reference>")
@public_page
def lookup_result(reference: str) -> str | Response:
    db = get_session()
    application = _granted_application(db, reference)
    if application is None:
        flash(_("To see the status of an application, enter its reference number and the last "
                "4 characters of the ID card number."))
        return redirect(url_for("track.lookup"))
    person = application.person
    return render_template(
        "track/lookup_result.html", application=application,
        service=get_service(application.service_code),
        initial=(person.full_name[:1] if person else ""),
        progress=progress_of(application, request_reason=latest_request(db, application)),
        entries=timeline_entries(db, application, viewer=None, public=True),
        rights=review_rights(db, application),
        grant_ends=datetime.fromtimestamp(session[LOOKUP_GRANT]["expires"], UTC),
        page_title=_("Status of application %(reference)s",
                     reference=grouped(application.reference or "")),
    )


@track.post("/status/end")
@public_page
def lookup_end() -> Response:
    """On a shared computer: nobody after you can see the status with the back button."""
    session.pop(LOOKUP_GRANT, None)
    session.pop(LOOKUP_STATE, None)
    flash(_("You have finished looking at the status."))
    return redirect(url_for("track.lookup"))
