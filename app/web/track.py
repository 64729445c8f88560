"""Following an application: status in plain words, timeline, answering requests, look-up.

Applicants and agents follow their applications signed in; anyone holding the reference number,
the last 4 characters of the ID card number and the phone on the application can look the status
up without an account. The look-up never tells a stranger whether an application exists.
"""

from __future__ import annotations

import calendar
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from babel.dates import get_date_format, get_datetime_format, get_time_format
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.database import get_session
from app.domain import codes, policies, status_machine
from app.domain.audit import record_access
from app.domain.clock import date_in_china
from app.domain.models import (
    Account,
    Application,
    Channel,
    CodePurpose,
    InAppMessage,
    Role,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.paging import keyset_page
from app.domain.reference import grouped
from app.services import get_service
from app.services.model import ServiceDefinition
from app.web import rate_limits
from app.web.access import current_account, public_page, require_account, signed_in
from app.web.forms import error_messages as messages
from app.web.forms.track import (
    LookupCodeForm,
    LookupForm,
    RespondForm,
    WithdrawForm,
    normalise_reference,
)
from app.web.i18n import current_language
from app.web.labels import relationship_label, status_label
from app.web.messages import notify_status_change, queue_code_message
from app.web.rate_limits import limiter

track = Blueprint("track", __name__)

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

INBOX_PAGE_SIZE = 20
RECONSIDERATION_DAYS = 60  # 行政复议: within 60 days
LAWSUIT_MONTHS = 6  # 行政诉讼: within 6 months
REVIEWABLE = frozenset({S.REFUSED, S.RETURNED})
DECIDED = frozenset({S.APPROVED, S.REFUSED, S.RETURNED, S.IN_PROGRESS, S.COMPLETED})


def _now() -> datetime:
    return datetime.now(UTC)


# --- What happens next, in plain words ------------------------------------------------------

# (with the date, without a date): whole sentences, so each language orders them its own way.
NEXT_STEPS: dict[S, tuple[Any, Any]] = {
    S.DRAFT: (_l("Finish the application and send it. Your answers are saved."),) * 2,
    S.SUBMITTED: (_l("Staff check that the application is complete. They will do this by "
                     "%(date)s."),
                  _l("Staff check that the application is complete.")),
    S.ACCEPTED: (_l("The county disability federation starts reviewing the application by "
                    "%(date)s."),
                 _l("The county disability federation starts reviewing the application.")),
    S.IN_REVIEW: (_l("The county disability federation decides, or asks for more information, "
                     "by %(date)s."),
                  _l("The county disability federation decides, or asks for more "
                     "information.")),
    S.MORE_INFORMATION: (_l("Send the information we asked for by %(date)s. The review "
                            "continues when we have it."),
                         _l("Send the information we asked for. The review continues when we "
                            "have it.")),
    S.APPROVED: (_l("Staff start the next steps by %(date)s. We will tell you about each one."),
                 _l("Staff start the next steps. We will tell you about each one.")),
    S.IN_PROGRESS: (_l("Staff are working on the next step. It is due by %(date)s."),
                    _l("Staff are working on the next step.")),
    S.REFUSED: (_l("You can ask for a review of the decision if you disagree with it."),) * 2,
    S.RETURNED: (_l("You can ask for a review of the decision if you disagree with it, or "
                    "apply again with what was missing."),) * 2,
    S.COMPLETED: (_l("Nothing more happens. The application is complete."),) * 2,
    S.WITHDRAWN: (_l("Nothing more happens. You can apply again at any time."),) * 2,
}
STAGE_NOW = (_l("Now: %(stage)s. The next step is due by %(date)s."), _l("Now: %(stage)s."))


@dataclass(frozen=True)
class Progress:
    status: str  # the status in plain words
    next_step: str  # what happens next, and by when
    must_do: str | None  # "continue", "respond" or "review": what the person must do now
    request: str | None  # what staff asked for, while more information is needed


def _stage_title(service: ServiceDefinition | None, code: str | None) -> str | None:
    stage = service.stage(code) if service is not None else None
    return str(stage.title) if stage is not None else None


def progress_of(application: Application, *, request_reason: str | None = None) -> Progress:
    status = application.status
    due = format_date(application.due_on, "long") if application.due_on else None
    stage = _stage_title(get_service(application.service_code), application.stage)
    with_date, without_date = STAGE_NOW if status == S.IN_PROGRESS and stage else \
        NEXT_STEPS[status]
    chosen = with_date if due else without_date
    next_step = str(chosen) % {"date": due, "stage": stage}  # a mapping: unused keys are fine
    must_do = {S.DRAFT: "continue", S.MORE_INFORMATION: "respond", S.REFUSED: "review",
               S.RETURNED: "review"}.get(status)
    return Progress(status=status_label(status), next_step=next_step, must_do=must_do,
                    request=request_reason if status == S.MORE_INFORMATION else None)


def latest_requests(db: Session, application_ids: list[int]) -> dict[int, str | None]:
    """What staff last asked for on each application, in one query."""
    if not application_ids:
        return {}
    found: dict[int, str | None] = {}
    for event in db.scalars(
        select(StatusEvent)
        .where(StatusEvent.application_id.in_(application_ids),
               StatusEvent.to_status == S.MORE_INFORMATION)
        .order_by(StatusEvent.occurred_at, StatusEvent.id)
    ):
        found[event.application_id] = event.reason  # the latest one wins
    return found


@track.app_template_global()
def applications_progress(applications: list[Application]) -> dict[int, Progress]:
    """For "Your applications": each one's status, next step and action, without N+1 queries."""
    waiting = [a.id for a in applications if a.status == S.MORE_INFORMATION]
    requests = latest_requests(get_session(), waiting)
    return {a.id: progress_of(a, request_reason=requests.get(a.id)) for a in applications}


# --- The timeline ---------------------------------------------------------------------------

CHANNELS = {
    Channel.ONLINE: _l("online"),
    Channel.COUNTER: _l("at the counter"),
    Channel.SYSTEM: _l("automatically"),
}


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    title: str
    stage: str | None
    scheduled_for: date | None  # the appointment or visit the stage arranged
    who: str
    channel: str
    reason_label: str | None
    reason: str | None


def _who(event: StatusEvent, application: Application, viewer: Account | None) -> str:
    """Who acted, in words: never a member of staff's name."""
    actor = event.actor
    if actor is None:
        return _("the portal")
    if viewer is not None and actor.id == viewer.id:
        return _("you")
    if actor.role == Role.PUBLIC:
        if application.person_id is not None and actor.person_id == application.person_id:
            return _("the applicant")
        if viewer is not None and viewer.person_id is not None and \
                viewer.person_id == application.person_id:
            return _("your agent")
        return _("an agent")
    if actor.role == Role.COUNTER:
        return _("staff at the counter")
    return _("the county disability federation")


def _event_title(event: StatusEvent) -> str:
    if event.to_status == S.SUBMITTED:
        return _("Application sent")
    if event.to_status == S.MORE_INFORMATION:
        return _("More information asked for")
    if event.from_status == S.MORE_INFORMATION and event.to_status == S.IN_REVIEW:
        return _("Information sent: the review continues")
    if event.from_status == S.IN_PROGRESS and event.to_status == S.IN_PROGRESS:
        return _("Next stage")
    return status_label(event.to_status)


def _reason_label(event: StatusEvent) -> str:
    if event.to_status == S.MORE_INFORMATION:
        return _("What we need")
    if event.from_status == S.MORE_INFORMATION and event.to_status == S.IN_REVIEW:
        return _("Answer")
    if event.to_status in (S.APPROVED, S.REFUSED, S.RETURNED):
        return _("Reasons")
    if event.to_status == S.WITHDRAWN:
        return _("Reason given")
    return _("Note")


def timeline_entries(db: Session, application: Application, *, viewer: Account | None,
                     public: bool = False) -> list[TimelineEntry]:
    """Oldest first. public: for the look-up, without what the applicant wrote themselves."""
    events = db.scalars(
        select(StatusEvent).where(StatusEvent.application_id == application.id)
        .options(selectinload(StatusEvent.actor))
        .order_by(StatusEvent.occurred_at, StatusEvent.id)
    ).all()
    service = get_service(application.service_code)
    entries = []
    for event in events:
        reason = event.reason
        if public and (event.actor is None or event.actor.role == Role.PUBLIC):
            reason = None  # the applicant's own words may hold personal data
        moment = event.occurred_at
        who = _who(event, application, viewer)
        made_by = application.made_by or {}
        if not public and event.to_status == S.SUBMITTED and made_by.get("agent_name") \
                and made_by.get("filled_by") == "counter":
            # A relative or agent who came to the counter with the applicant (issue 12).
            who = _("%(who)s, with %(name)s (%(relationship)s)", who=who,
                    name=made_by["agent_name"],
                    relationship=relationship_label(made_by["relationship"]))
        entries.append(TimelineEntry(
            occurred_at=moment if moment.tzinfo else moment.replace(tzinfo=UTC),
            title=_event_title(event),
            stage=_stage_title(service, event.stage), scheduled_for=event.scheduled_for,
            who=who,
            channel=str(CHANNELS[event.channel]),
            reason_label=_reason_label(event) if reason else None, reason=reason))
    return entries


@dataclass(frozen=True)
class ReviewRights:
    """How long the applicant has to contest a refusal (or a refusal to accept, 不予受理)."""

    decided_on: date
    reconsideration_by: date  # 行政复议
    lawsuit_by: date  # 行政诉讼


def add_months(day: date, months: int) -> date:
    """The same day so many months later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_rights(db: Session, application: Application) -> ReviewRights | None:
    if application.status not in REVIEWABLE:
        return None
    decision = db.scalar(
        select(StatusEvent)
        .where(StatusEvent.application_id == application.id,
               StatusEvent.to_status == application.status)
        .order_by(StatusEvent.occurred_at.desc(), StatusEvent.id.desc()).limit(1))
    if decision is None:
        return None
    decided_on = date_in_china(decision.occurred_at)
    return ReviewRights(decided_on=decided_on,
                        reconsideration_by=decided_on + timedelta(days=RECONSIDERATION_DAYS),
                        lawsuit_by=add_months(decided_on, LAWSUIT_MONTHS))


@track.app_template_global()
def format_when(moment: datetime) -> str:
    """Date and time as people read them: "2025年3月5日 14:03", "March 5, 2025, 2:03 PM"."""
    locale = get_locale()
    pattern = (get_datetime_format("long", locale=locale)
               .replace("{1}", get_date_format("long", locale=locale).pattern)
               .replace("{0}", get_time_format("short", locale=locale).pattern))
    return format_datetime(moment, pattern)


@track.app_template_global()
def iso_moment(moment: datetime) -> str:
    """For <time datetime>: stored times are UTC (SQLite hands them back without a zone)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(
        timespec="seconds")


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


@track.app_template_global()
def lang_attr(text: str | None) -> Markup:
    """ lang="zh-CN" (or "ko") for typed text in another language than the page's."""
    value = text or ""
    lang = "ko" if HANGUL.search(value) else "zh-CN" if HAN.search(value) else None
    if lang is None or lang == current_language().html_lang:
        return Markup("")
    return Markup(' lang="%s"') % lang


# --- Signed-in pages ------------------------------------------------------------------------

def _visible_application(db: Session, account: Account, application_id: int) -> Application:
    """Anything the policy refuses is "not found", so records cannot be found by guessing."""
    application = db.get(Application, application_id)
    if application is None or not policies.can_view_application(db, account, application):
        abort(404)
    return application


def _channel_of(account: Account) -> Channel:
    return Channel.COUNTER if account.role == Role.COUNTER else Channel.ONLINE


def _can_withdraw(db: Session, account: Account, application: Application) -> bool:
    return any(t.name == "withdraw"
               for t in status_machine.allowed_transitions(db, account, application))


def _latest_request(db: Session, application: Application) -> str | None:
    return latest_requests(db, [application.id]).get(application.id)


@track.get("/applications/<int:application_id>/timeline")
@signed_in
def timeline(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = _visible_application(db, account, application_id)
    if application.status == S.DRAFT:  # not sent: nothing has happened to it yet
        return redirect(url_for("apply.resume", application_id=application.id))
    if account.is_staff:
        record_access(db, actor=account, action="application.timeline", channel=Channel.COUNTER,
                      person=application.person, application=application)
        db.commit()
    request_reason = _latest_request(db, application)
    return render_template(
        "track/timeline.html", application=application,
        service=get_service(application.service_code),
        entries=timeline_entries(db, application, viewer=account),
        progress=progress_of(application, request_reason=request_reason),
        rights=review_rights(db, application),
        can_respond=application.status == S.MORE_INFORMATION
        and policies.can_edit_application(db, account, application),
        can_withdraw=_can_withdraw(db, account, application),
        page_title=_("Progress of application %(reference)s",
                     reference=grouped(application.reference or "")),
    )


@track.route("/applications/<int:application_id>/respond", methods=["GET", "POST"])
@signed_in
def respond(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = _visible_application(db, account, application_id)
    if application.status != S.MORE_INFORMATION or \
            not policies.can_edit_application(db, account, application):
        flash(_("There is no request for information to answer on this application now."))
        return redirect(url_for("track.timeline", application_id=application.id))
    form = RespondForm()
    if form.validate_on_submit():
        channel = _channel_of(account)
        try:
            event = status_machine.transition(db, application, "provide_information",
                                              actor=account, channel=channel,
                                              reason=form.answer.data)
            notify_status_change(db, application, event)
            record_access(db, actor=account, action="application.provide_information",
                          channel=channel, person=application.person, application=application)
            db.commit()
        except (status_machine.TransitionRefused, StaleDataError):
            db.rollback()
            flash(_("The application changed while you were writing, so your answer was not "
                    "sent. Check the timeline below."))
            return redirect(url_for("track.timeline", application_id=application_id))
        flash(_("Your answer is sent. The review continues."))
        return redirect(url_for("track.timeline", application_id=application.id))
    return render_template(
        "track/respond.html", form=form, application=application,
        service=get_service(application.service_code),
        request_reason=_latest_request(db, application),
        due_on=application.due_on,
        page_title=_("Answer the request for more information"),
    )


@track.route("/applications/<int:application_id>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(application_id: int) -> str | Response | tuple[str, int]:
    account = require_account()
    db = get_session()
    application = _visible_application(db, account, application_id)
    kind = status_machine.actor_kind(db, account, application)
    if kind not in status_machine.BY_NAME["withdraw"].actors:
        abort(404)  # caseworkers and approvers decide; they do not withdraw
    if not _can_withdraw(db, account, application):
        return _cannot_withdraw(application)
    form = WithdrawForm()
    if form.validate_on_submit():
        if form.confirm.data == "no":
            flash(_("The application is not withdrawn. Nothing has changed."))
            return redirect(url_for("track.timeline", application_id=application.id))
        channel = _channel_of(account)
        try:
            event = status_machine.transition(db, application, "withdraw", actor=account,
                                              channel=channel, reason=form.reason.data)
            notify_status_change(db, application, event)
            record_access(db, actor=account, action="application.withdraw", channel=channel,
                          person=application.person, application=application)
            db.commit()
        except (status_machine.TransitionRefused, StaleDataError):
            db.rollback()
            return _cannot_withdraw(db.get(Application, application_id) or application)
        flash(_("The application is withdrawn. We sent a message to confirm it."))
        return redirect(url_for("track.timeline", application_id=application.id))
    return render_template("track/withdraw.html", form=form, application=application,
                           service=get_service(application.service_code),
                           page_title=_("Withdraw the application"))


def _cannot_withdraw(application: Application) -> tuple[str, int]:
    """A clear page rather than a bare refusal: the person learns why, and what they can do."""
    return render_template(
        "track/cannot_withdraw.html", application=application,
        decided=application.status in DECIDED,
        page_title=_("This application cannot be withdrawn"),
    ), 409 if request.method == "POST" else 200


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


# --- Look-up without signing in -------------------------------------------------------------

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
    return (application.answers.get("phone") or {}).get("phone") or \
        (application.person.phone if application.person else None)


def _matched_phone(db: Session, state: dict[str, Any]) -> tuple[Application | None, str | None]:
    application = _matching_application(db, state.get("reference", ""),
                                        state.get("id_last_4", ""))
    return application, _phone_of(application)


def _fresh_state(state: dict[str, Any], now: datetime) -> None:
    state.update(expires=(now + codes.CODE_LIFETIME).timestamp(), extensions=0, failures=0)
    session[LOOKUP_STATE] = state
    session.modified = True


def _send_lookup_code(db: Session, phone: str, now: datetime) -> None:
    issued = codes.issue_code(db, phone=phone, purpose=CodePurpose.STATUS_LOOKUP,
                              secret=current_app.config["SECRET_KEY"], now=now)
    queue_code_message(db, phone=phone, code=issued.code)


@track.route("/status", methods=["GET", "POST"])
@limiter.limit(LOOKUPS_PER_ADDRESS, methods=["POST"])
@limiter.limit(LOOKUPS_PER_REFERENCE, methods=["POST"], key_func=_reference_in_form)
@public_page
def lookup() -> str | Response:
    form = LookupForm()
    if form.validate_on_submit():
        db, now = get_session(), _now()
        state = {"reference": form.reference.data, "id_last_4": form.id_last_4.data}
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
            record_access(db, actor=None, action="application.status_lookup",
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
        progress=progress_of(application, request_reason=_latest_request(db, application)),
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
