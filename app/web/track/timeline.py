"""The timeline: every change to an application, who made it and how, in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from babel.dates import get_date_format, get_datetime_format, get_time_format
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.casework.deciding_bodies import Body, body_of_staff
from app.domain.casework.made_by import FilledBy, made_by_of
from app.domain.models import Account, Application, Channel, Role, StatusEvent
from app.domain.models import ApplicationStatus as S
from app.services import get_service
from app.services.standard_reasons import reason_texts
from app.web.i18n import current_language
from app.web.labels import relationship_label, status_label
from app.web.track.blueprint import track
from app.web.track.progress import _stage_title

# --- The timeline ---------------------------------------------------------------------------

CHANNELS = {
    Channel.ONLINE: _l("online"),
    Channel.COUNTER: _l("at the counter"),
    Channel.OFFICE: _l("by staff in their office"),
    Channel.SYSTEM: _l("automatically"),
}


# Who acted for the county, by the body the member of staff works for (deciding_bodies: the
# one source of who decides, so civil affairs' decision on the two subsidies reads as theirs).
STAFF_BODIES = {
    Body.CIVIL_AFFAIRS: _l("the county civil affairs bureau"),
    Body.DISABILITY_FEDERATION: _l("the county disability federation"),
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
    reason: str | None  # as the member of staff (or the applicant) wrote it
    standard_reasons: list[str]  # picked from the catalogue, in the reader's language


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
    return str(STAFF_BODIES[body_of_staff(actor.role)])


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
    made_by = made_by_of(application)
    entries = []
    for event in events:
        reason = event.reason
        if public and (event.actor is None or event.actor.role == Role.PUBLIC):
            reason = None  # the applicant's own words may hold personal data
        moment = event.occurred_at
        who = _who(event, application, viewer)
        if not public and event.to_status == S.SUBMITTED and made_by.agent_name \
                and made_by.filled_by == FilledBy.COUNTER and made_by.relationship:
            # A relative or agent who came to the counter with the applicant (issue 12).
            who = _("%(who)s, with %(name)s (%(relationship)s)", who=who,
                    name=made_by.agent_name,
                    relationship=relationship_label(made_by.relationship))
        entries.append(TimelineEntry(
            occurred_at=moment if moment.tzinfo else moment.replace(tzinfo=UTC),
            title=_event_title(event),
            stage=_stage_title(service, event.stage), scheduled_for=event.scheduled_for,
            who=who,
            channel=str(CHANNELS[event.channel]),
            reason_label=_reason_label(event) if reason or event.reason_codes else None,
            reason=reason,
            standard_reasons=reason_texts(application.service_code, event.reason_codes)))
    return entries


@track.app_template_global()
def format_when(moment: datetime) -> str:
    """Date and time as people read them: "2025年3月5日 14:03", "March 5, 2025, 2:03 PM"."""
    locale = get_locale()
    pattern = (str(get_datetime_format("long", locale=locale))
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
