"""Composes outgoing text messages in the recipient's language and puts them in the outbox."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import DEFAULT_LOCALE
from app.domain.casework import told_once
from app.domain.casework.answers import contact_language, contact_phone
from app.domain.casework.reference import grouped
from app.domain.casework.stages import stages_after_approval
from app.domain.casework.status_machine import CARD_ISSUED, application_kind
from app.domain.clock import date_in_china
from app.domain.messages import letters
from app.domain.messages.notifications import queue_sms
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    DelegationStatus,
    InAppMessage,
    Payment,
    Person,
    StatusEvent,
)
from app.domain.people.delegations import delegations_of_person
from app.domain.people.identity import mobile_only
from app.services import get_service
from app.services.standard_reasons import reason_texts
from app.web.deadline_dates import deadline_words


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


def queue_invitation_message(session: Session, *, phone: str,
                             locale: str | None = None) -> None:
    """Tells a number it was invited to act for someone. Nothing the inviter typed (their name)
    goes into it: the text can reach any number, and must not carry someone else's words; the
    invited person reads who asked after signing in."""
    chosen = _locale(locale)
    with force_locale(chosen):
        body = _("Someone has asked you to help with their disability service applications. "
                 "To see who asked, and to accept or decline, sign in to Jilin Disability "
                 "Services with this mobile number. If you do not know them, you need do "
                 "nothing.")
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_submission_message(session: Session, application: Application) -> None:
    """Tells the applicant the reference, in the language they chose for messages."""

    person = application.person
    phone = contact_phone(application.answers) or (person and mobile_only(person.phone))
    if not phone or application.reference is None:  # a draft has no reference to send
        return
    chosen = _locale(contact_language(application.answers))
    with force_locale(chosen):
        body = _("Jilin Disability Services received the application for %(name)s. Reference: "
                 "%(reference)s. We will tell you when it is accepted.",
                 name=person.full_name if person else "", reference=grouped(application.reference))
        body += " " + _("To see the status, sign in, or without an account enter the reference "
                        "and the last 4 characters of the ID card number at %(address)s.",
                        address=url_for("track.lookup", _external=True))
    queue_sms(session, phone=phone, body=body, locale=chosen)


def queue_bundle_message(session: Session, parts: list[Application]) -> None:
    """One application for several services (issue 23): one text with every part's reference."""
    from app.domain.casework.one_application import part_of
    from app.services.one_application import PART_NAMES

    first = parts[0]
    person = first.person
    phone = contact_phone(first.answers) or (person and person.phone)
    if not phone:
        return
    chosen = _locale(contact_language(first.answers))
    with force_locale(chosen):
        lines = [_("%(part)s: %(reference)s", part=str(PART_NAMES[found.part]),
                   reference=grouped(application.reference or ""))
                 for application in parts if (found := part_of(session, application))]
        body = _("Jilin Disability Services received the one application for %(name)s. Each "
                 "part has its own reference: %(references)s. The allowances and devices wait "
                 "for the disability card and go on by themselves when it is issued.",
                 name=person.full_name if person else "", references="; ".join(lines))
        body += " " + _("To see the status, sign in, or without an account enter the reference "
                        "and the last 4 characters of the ID card number at %(address)s.",
                        address=url_for("track.lookup", _external=True))
    queue_sms(session, phone=phone, body=body, locale=chosen)


def _stage_text(event: StatusEvent, reference: str, service_code: str) -> str:
    """A stage recorded: which one, and the date of the appointment or visit if it has one."""

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


def _change_text(event: StatusEvent, application: Application, reference: str, *,
                 can_sign_in: bool = True) -> str:
    service_code, due_on = application.service_code, application.due_on
    if event.stage and event.from_status == event.to_status:
        return _stage_text(event, reference, service_code)
    # The standard reasons in the recipient's language first, then the staff member's words.
    reasons = reason_texts(service_code, event.reason_codes) + \
        ([event.reason] if event.reason else [])
    reason = " ".join(reasons)
    if event.from_status == ApplicationStatus.WAITING_FOR_CARD \
            and event.to_status == ApplicationStatus.SUBMITTED:
        return _("The disability card is issued, so application %(reference)s goes on by "
                 "itself: staff check it next. You need not apply again.", reference=reference)
    if event.to_status == ApplicationStatus.MORE_INFORMATION:
        return _more_information_text(reason, reference, due_on=due_on,
                                      can_sign_in=can_sign_in)
    if event.to_status == ApplicationStatus.PUBLIC_NOTICE and application.public_notice_ends_on:
        # Where and until when, so the person can go and look (and object, if need be).
        return _("Your application %(reference)s is on public notice in your village or "
                 "community (村/社区) from %(start)s to %(end)s, as the rules require. The "
                 "decision follows once it ends.", reference=reference,
                 start=format_date(date_in_china(event.occurred_at), "long"),
                 end=format_date(application.public_notice_ends_on, "long"))
    if event.to_status == ApplicationStatus.IN_PROGRESS:
        first = _first_stage_title(application)
        if first:
            return _("Work on application %(reference)s has started. The next step is: "
                     "%(stage)s.", reference=reference, stage=first)
    return _status_text(event.to_status.value, reason or None, reference)


def _first_stage_title(application: Application) -> str | None:
    """The first of the service's own stages after approval, by name."""
    service = get_service(application.service_code)
    codes = stages_after_approval(application.service_code, application_kind(application))
    stage = service.stage(codes[0]) if service is not None and codes else None
    return str(stage.title) if stage is not None else None


def _more_information_text(reason: str, reference: str, *, due_on: date | None,
                           can_sign_in: bool) -> str:
    """By when, as people write the date, and a way to answer that the reader really has: a
    walk-in applicant (no account, nobody acting for them online) answers at the counter."""
    if not can_sign_in:
        if due_on is None:
            return _("We need more information for application %(reference)s: %(reason)s. "
                     "Bring it to your township or street office. You do not need an account.",
                     reference=reference, reason=reason)
        return _("We need more information for application %(reference)s: %(reason)s. Bring it "
                 "to your township or street office by %(date)s. You do not need an account.",
                 reference=reference, reason=reason, date=deadline_words(due_on))
    if due_on is None:
        return _("We need more information for application %(reference)s: %(reason)s. Sign in "
                 "to answer.", reference=reference, reason=reason)
    return _("We need more information for application %(reference)s: %(reason)s. Answer by "
             "%(date)s: sign in, or bring it to your township or street office.",
             reference=reference, reason=reason, date=deadline_words(due_on))


def _status_text(status: str, reason: str | None, reference: str) -> str:
    """The message for a change, in plain words; composed under the recipient's locale."""
    texts = {
        "accepted": _("Your application %(reference)s has been accepted. We will now review it.",
                      reference=reference),
        "returned": _("Your application %(reference)s was not accepted. Reason: %(reason)s",
                      reference=reference, reason=reason or ""),
        "in_review": _("Your application %(reference)s is being reviewed.", reference=reference),
        "assessing": _("Your application %(reference)s is being assessed. We will tell you the "
                       "date of any appointment or visit.", reference=reference),
        "public_notice": _("Your application %(reference)s is on public notice for a few days, "
                           "as the rules require, before the decision.", reference=reference),
        "ready_for_decision": _("Your application %(reference)s has been reviewed and is "
                                "waiting for the decision.", reference=reference),
        "waiting_for_quota": _("This year's places for application %(reference)s are all "
                               "used. Your household waits for next year's places; we will "
                               "tell you when there is one.", reference=reference),
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

    person = application.person
    if person is None or application.reference is None:
        return
    reference = grouped(application.reference)
    locale = person.preferred_language or DEFAULT_LOCALE
    phone = contact_phone(application.answers) or mobile_only(person.phone)
    recipients = _accounts_told(session, person.id)
    channel = letters.contact_channel(application, person)
    if phone and channel == "sms":
        with force_locale(locale):
            queue_sms(session, phone=phone,
                      body=_change_text(event, application, reference,
                                        can_sign_in=bool(recipients)),
                      locale=locale)
    elif channel in letters.BY_POST:  # by letter (and a call, if they chose the phone)
        with force_locale(locale):
            letters.queue_letter(session, application, locale=locale,
                                 body=_change_text(event, application, reference,
                                                   can_sign_in=bool(recipients)))
    for account in recipients:
        with force_locale(account.locale or locale):
            body = _for_reader(account, person, _change_text(event, application, reference))
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=body))
    if event.stage == CARD_ISSUED:
        _tell_allowances_once(session, application, person, phone=phone, channel=channel,
                              recipients=recipients)


def _offer_text(offer: told_once.Offer, person: Person) -> str:
    """一次告知: which allowances, and the draft already filled (or where to apply)."""
    if offer.allowances == ["living"]:
        text = _("Now that the disability card is issued, %(name)s may qualify for the living "
                 "allowance.", name=person.full_name)
    elif offer.allowances == ["care"]:
        text = _("Now that the disability card is issued, %(name)s may qualify for the care "
                 "allowance.", name=person.full_name)
    else:
        text = _("Now that the disability card is issued, %(name)s may qualify for the living "
                 "allowance and the care allowance.", name=person.full_name)
    if offer.draft is not None:
        return text + " " + _("An application is ready, filled in with what we already hold: "
                              "sign in, check it, add the bank account and send it.")
    return text + " " + _("Apply at your township or street office: staff there already have "
                          "the details and documents.")


def _tell_allowances_once(session: Session, application: Application, person: Person, *,
                          phone: str | None, channel: str | None,
                          recipients: list[Account]) -> None:
    """The card is issued: the person and their agents are told what it opens (issue 23)."""
    offer = told_once.offer(session, person)
    if offer is None:
        return
    locale = person.preferred_language or DEFAULT_LOCALE
    if phone and channel == "sms":
        with force_locale(locale):
            queue_sms(session, phone=phone, body=_offer_text(offer, person), locale=locale)
    elif channel in letters.BY_POST:
        with force_locale(locale):
            letters.queue_letter(session, application, locale=locale,
                                 body=_offer_text(offer, person))
    for account in recipients:
        with force_locale(account.locale or locale):
            body = _offer_text(offer, person)
        session.add(InAppMessage(account_id=account.id,
                                 application_id=offer.draft.id if offer.draft is not None
                                 and offer.draft.created_by_account_id == account.id
                                 else application.id, body=body))


def _for_reader(account: Account, person: Person, text: str) -> str:
    """An agent follows several people: their messages say whom each is about."""
    if account.person_id == person.id:
        return text
    return _("About %(name)s: %(message)s", name=person.full_name, message=text)


def _accounts_told(session: Session, person_id: int) -> list[Account]:
    """The person's own account and every active agent's."""

    told = list(session.scalars(select(Account).where(Account.person_id == person_id)))
    return told + [d.agent for d in delegations_of_person(session, person_id)
                   if d.agent is not None and d.status == DelegationStatus.ACTIVE]


def notify_deadline_moved(session: Session, application: Application) -> None:
    """The applicant's date moved when next year's holidays were entered: the person (by text
    when that is their channel, else by letter) and everyone who follows the application online
    are told."""

    person = application.person
    if person is None or application.reference is None or application.due_on is None:
        return
    reference = grouped(application.reference)
    locale = person.preferred_language or DEFAULT_LOCALE
    phone = contact_phone(application.answers) or mobile_only(person.phone)

    def text() -> str:
        written = deadline_words(application.due_on) if application.due_on else ""
        if application.status == ApplicationStatus.MORE_INFORMATION:
            return _("Next year's public holidays are now published. The new date to answer "
                     "about application %(reference)s is %(date)s.", reference=reference,
                     date=written)
        return _("Next year's public holidays are now published. The next step of application "
                 "%(reference)s is now due by %(date)s.", reference=reference, date=written)

    channel = letters.contact_channel(application, person)
    if phone and channel == "sms":
        with force_locale(locale):
            queue_sms(session, phone=phone, body=text(), locale=locale)
    elif channel in letters.BY_POST:
        with force_locale(locale):
            letters.queue_letter(session, application, locale=locale, body=text())
    for account in _accounts_told(session, person.id):
        with force_locale(account.locale or locale):
            body = _for_reader(account, person, text())
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=body))


def notify_payment_failed(session: Session, payment: Payment) -> None:
    """A month of an allowance did not reach the account (the bank's return file said why): the
    person is told by text message and everyone who follows them online in their inbox, to
    correct the account (issue 22)."""
    entitlement = payment.entitlement
    person, application = entitlement.person, entitlement.application
    locale = person.preferred_language or DEFAULT_LOCALE
    phone = mobile_only(person.phone) or contact_phone(application.answers)

    def text() -> str:
        return _("The two subsidies payment for %(month)s did not reach your bank account. "
                 "The bank said: %(reason)s. Please give your township or street office the "
                 "correct account details.",
                 month=format_date(payment.month, "yyyy-MM"),
                 reason=payment.failure_reason or "")

    if phone:
        with force_locale(locale):
            queue_sms(session, phone=phone, body=text(), locale=locale)
    for account in _accounts_told(session, person.id):
        with force_locale(account.locale or locale):
            body = _for_reader(account, person, text())
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=body))


def notify_card_expiring(session: Session, person: Person) -> None:
    """The card expires within 90 days (《残疾人证管理办法》第十九条: valid ten years, then 换领):
    a text message to the person's phone, and the inbox of everyone who follows them online,
    with the link to ask for the new card (issue 22)."""
    if person.card_expires_on is None:
        return
    locale = person.preferred_language or DEFAULT_LOCALE
    expires = person.card_expires_on

    def text() -> str:
        return _("Your disability card expires on %(date)s. You can ask for a new card free "
                 "of charge at %(address)s or at your township or street office.",
                 date=format_date(expires, "long"),
                 address=url_for("public.service_start", service_code="disability-assessment",
                                 _external=True))

    if person.phone:
        with force_locale(locale):
            queue_sms(session, phone=person.phone, body=text(), locale=locale)
    for account in _accounts_told(session, person.id):
        with force_locale(account.locale or locale):
            body = _for_reader(account, person, text())
        session.add(InAppMessage(account_id=account.id, body=body))
