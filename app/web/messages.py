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
