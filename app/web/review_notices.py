"""The messages of 定期复核 (issue 22), sent once each: when a round opens, a week before its
due date, and the letter when payment is put on hold for no answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from flask import current_app, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.config import DEFAULT_LOCALE
from app.domain.benefits import reviews
from app.domain.casework.answers import contact_phone
from app.domain.messages import letters
from app.domain.messages.notifications import queue_sms
from app.domain.models import (
    Application,
    InAppMessage,
    Letter,
    Person,
    ReviewCase,
    ReviewRound,
)
from app.web.messages import _accounts_told, _for_reader


def _review_address(person_id: int) -> str:
    return url_for("allowances.review", person_id=person_id, _external=True)


def review_opened_text(due_on: date, person_id: int) -> str:
    return _("The yearly review of your two subsidies has started. Please confirm your "
             "circumstances by %(date)s, online at %(address)s, through your agent, or at your "
             "township or street office. Without an answer, payment is put on hold.",
             date=format_date(due_on, "long"), address=_review_address(person_id))


def review_reminder_text(due_on: date, person_id: int) -> str:
    return _("Reminder: please answer the yearly review of your two subsidies by %(date)s, "
             "online at %(address)s or at your township or street office, or payment is put "
             "on hold.", date=format_date(due_on, "long"), address=_review_address(person_id))


def review_suspended_text(due_on: date, person_id: int) -> str:
    return _("The yearly review of your two subsidies was not answered by %(date)s, so "
             "payment is on hold. To resume it, answer the review online at %(address)s, "
             "through your agent, or at your township or street office (hotline "
             "%(hotline)s). The months held back are then paid in the next monthly payment.",
             date=format_date(due_on, "long"), address=_review_address(person_id),
             hotline=current_app.config["SERVICE_HOTLINE"])


def notify_review(session: Session, person: Person, application: Application, *,
                  text: Callable[[], str], by_letter: bool = False) -> None:
    """A text message (or a letter, for those who asked for letters), and the inbox of the
    person and every agent. by_letter: a letter is printed as well, whatever the channel."""
    locale = person.preferred_language or DEFAULT_LOCALE
    phone = person.phone or contact_phone(application.answers)
    channel = letters.contact_channel(application, person)
    with force_locale(locale):
        body = text()
    if phone and channel == "sms":
        queue_sms(session, phone=phone, body=body, locale=locale)
    if by_letter or channel in letters.BY_POST:
        session.add(Letter(application=application, locale=locale, body=body,
                           large_print=letters.wants_large_print(application, person),
                           phone_too=channel == "phone"))
    for account in _accounts_told(session, person.id):
        with force_locale(account.locale or locale):
            told = _for_reader(account, person, text())
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=told))


def _application(session: Session, case: ReviewCase) -> Application | None:
    """The application behind the person's entitlement in the county: the letter's file."""
    paid = reviews.paid_entitlements(session, case.person_id, case.round.county_code)
    return paid[0].application if paid else None


def tell_round_opened(session: Session, review: ReviewRound, today: date) -> int:
    told = 0
    for case in reviews.not_yet_told(session, review):
        application = _application(session, case)
        if application is not None:
            notify_review(session, case.person, application,
                          text=partial(review_opened_text, review.due_on, case.person_id))
            told += 1
        case.told_opened_on = today
    return told


def remind(session: Session, today: date) -> int:
    reminded = 0
    for case in reviews.due_for_reminder(session, today):
        application = _application(session, case)
        if application is not None:
            notify_review(session, case.person, application,
                          text=partial(review_reminder_text, case.round.due_on,
                                       case.person_id))
            reminded += 1
        case.reminded_on = today
    return reminded


def close_rounds(session: Session, today: date) -> int:
    suspended = 0
    for made in reviews.close_due_rounds(session, today):
        case = made.case
        if made.entitlements:
            notify_review(session, case.person, made.entitlements[0].application,
                          text=partial(review_suspended_text, case.round.due_on,
                                       case.person_id),
                          by_letter=True)
            suspended += 1
    return suspended
