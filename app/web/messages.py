"""Composes outgoing text messages in the recipient's language and puts them in the outbox."""

from __future__ import annotations

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.notifications import queue_sms


def _locale(preferred: str | None) -> str:
    return preferred or str(get_locale() or "zh_Hans_CN")


def queue_code_message(session: Session, *, phone: str, code: str,
                       locale: str | None = None) -> None:
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("Your code for Jilin Disability Services is %(code)s. It expires in 10 "
                 "minutes. Never tell anyone this code.", code=code)
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_invitation_message(session: Session, *, phone: str, person_name: str,
                             locale: str | None = None) -> None:
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("%(name)s has asked you to help with their disability service applications. "
                 "Sign in to Jilin Disability Services with this mobile number to accept.",
                 name=person_name)
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_submission_message(session: Session, application) -> None:  # type: ignore[no-untyped-def]
    """Tells the applicant the reference, in the language they chose for messages."""
    from app.domain.reference import grouped

    person = application.person
    phone = (application.answers.get("phone") or {}).get("phone") or (person and person.phone)
    if not phone:
        return
    chosen = _locale((application.answers.get("contact") or {}).get("language"))
    with force_locale(chosen):
        body = _("Jilin Disability Services received the application for %(name)s. Reference: "
                 "%(reference)s. We will tell you when it is accepted.",
                 name=person.full_name if person else "", reference=grouped(application.reference))
    queue_sms(session, phone=phone, body=body, locale=chosen)
