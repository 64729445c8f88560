"""Composes outgoing text messages in the recipient's language and puts them in the outbox."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.config import DEFAULT_LOCALE
from app.domain.models import Application, StatusEvent
from app.domain.notifications import queue_sms


def _locale(preferred: str | None) -> str:
    return preferred or str(get_locale() or DEFAULT_LOCALE)


def queue_code_message(session: Session, *, phone: str, code: str,
                       locale: str | None = None) -> None:
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("Your code for Jilin Disability Services is %(code)s. It expires in 10 "
                 "minutes. Never tell anyone this code.", code=code)
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_sign_up_attempt_message(session: Session, *, phone: str,
                                  locale: str | None = None) -> None:
    """Tells the owner of a registered number that someone tried to sign up with it; the browser
    is told nothing, so sign-up does not reveal which numbers have accounts."""
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("Someone tried to create a Jilin Disability Services account with this mobile "
                 "number, which already has one. If it was you, sign in, or reset your password "
                 "if you have forgotten it. If it was not you, you need do nothing.")
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_invitation_message(session: Session, *, phone: str, person_name: str,
                             locale: str | None = None) -> None:
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("%(name)s has asked you to help with their disability service applications. "
                 "Sign in to Jilin Disability Services with this mobile number to accept.",
                 name=person_name)
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_submission_message(session: Session, application: Application) -> None:
    """Tells the applicant the reference, in the language they chose for messages."""
    from app.domain.reference import grouped

    person = application.person
    phone = (application.answers.get("phone") or {}).get("phone") or (person and person.phone)
    if not phone or application.reference is None:  # a draft has no reference to send
        return
    chosen = _locale((application.answers.get("contact") or {}).get("language"))
    with force_locale(chosen):
        body = _("Jilin Disability Services received the application for %(name)s. Reference: "
                 "%(reference)s. We will tell you when it is accepted.",
                 name=person.full_name if person else "", reference=grouped(application.reference))
        body += " " + _("To see the status, sign in, or without an account enter the reference "
                        "and the last 4 characters of the ID card number at %(address)s.",
                        address=url_for("track.lookup", _external=True))
    queue_sms(session, phone=phone, body=body, locale=chosen)



def _stage_text(event: StatusEvent, reference: str, service_code: str) -> str:
    """A stage recorded: which one, and the date of the appointment or visit if it has one."""
    from app.services import get_service

    service = get_service(service_code)
    stage = service.stage(event.stage) if service is not None else None
    title = str(stage.title) if stage is not None else ""
    if event.scheduled_for is not None:
        text = _("Your application %(reference)s has reached a new stage: %(stage)s, on "
                 "%(date)s.", reference=reference, stage=title,
                 date=format_date(event.scheduled_for, "full"))
    else:
        text = _("Your application %(reference)s has reached a new stage: %(stage)s.",
                 reference=reference, stage=title)
    if event.reason:
        text += " " + _("Note: %(note)s", note=event.reason)
    return text


def _change_text(event: StatusEvent, reference: str, service_code: str) -> str:
    if event.stage and event.from_status == event.to_status:
        return _stage_text(event, reference, service_code)
    return _status_text(event.to_status.value, event.reason, reference)


def _status_text(status: str, reason: str | None, reference: str) -> str:
    """The message for a change, in plain words; composed under the recipient's locale."""
    texts = {
        "accepted": _("Your application %(reference)s has been accepted. We will now review it.",
                      reference=reference),
        "returned": _("Your application %(reference)s was not accepted. Reason: %(reason)s",
                      reference=reference, reason=reason or ""),
        "in_review": _("Your application %(reference)s is being reviewed.", reference=reference),
        "more_information": _("We need more information for application %(reference)s: "
                              "%(reason)s. Sign in to answer.", reference=reference,
                              reason=reason or ""),
        "approved": _("Your application %(reference)s has been approved.", reference=reference),
        "refused": _("Your application %(reference)s has been refused. Sign in to read why and "
                     "how to ask for a review.", reference=reference),
        "in_progress": _("Your application %(reference)s has moved to the next stage.",
                         reference=reference),
        "completed": _("Your application %(reference)s is complete.", reference=reference),
        "withdrawn": _("Your application %(reference)s has been withdrawn.",
                       reference=reference),
    }
    return texts.get(status, _("Your application %(reference)s has changed.",
                               reference=reference))


def notify_status_change(session: Session, application: Application, event: StatusEvent
                         ) -> None:
    """A text message in the applicant's language and channel, and an in-app message always.

    The in-app message goes to the person's own account and to every active agent.
    """
    from sqlalchemy import select

    from app.domain.delegations import delegations_of_person
    from app.domain.models import Account, InAppMessage
    from app.domain.reference import grouped

    person = application.person
    if person is None or application.reference is None:
        return
    reference = grouped(application.reference)
    locale = person.preferred_language or DEFAULT_LOCALE
    phone = (application.answers.get("phone") or {}).get("phone") or person.phone
    if phone and (person.contact_channel or "sms") == "sms":
        with force_locale(locale):
            queue_sms(session, phone=phone,
                      body=_change_text(event, reference, application.service_code),
                      locale=locale)
    recipients = [account for account in session.scalars(
        select(Account).where(Account.person_id == person.id))]
    recipients += [d.agent for d in delegations_of_person(session, person.id)
                   if d.agent is not None and d.status.value == "active"]
    for account in recipients:
        with force_locale(account.locale or locale):
            body = _change_text(event, reference, application.service_code)
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=body))
