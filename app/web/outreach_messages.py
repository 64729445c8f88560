"""The words of issue 23's messages: the invitation to apply, and what the family is told when a
roster reports a death. Each in the reader's language, sentence by sentence."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale, format_currency, format_date
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.config import DEFAULT_LOCALE
from app.domain.benefits.allowances import CARE, LIVING
from app.domain.messages.notifications import queue_sms
from app.domain.models import InAppMessage, OutreachInvitation, Person
from app.domain.people.deaths import DeathSettlement


def allowances_words(allowances: list[str]) -> str:
    if set(allowances) == {LIVING, CARE}:
        return _("the living allowance and the care allowance")
    if allowances == [CARE]:
        return _("the care allowance")
    return _("the living allowance")


def invitation_text(invitation: OutreachInvitation) -> str:
    link = url_for("outreach.invitation", token=invitation.token, _external=True)
    return _("Jilin Disability Services: you may be entitled to %(allowances)s for disabled "
             "people, and have not applied. We have started the application for you with what "
             "we already hold, so you do not need to send your ID card or disability card "
             "again. To go on: %(link)s You can also ask at your township or street office.",
             allowances=allowances_words(list(invitation.allowances)), link=link)


def queue_invitation(session: Session, invitation: OutreachInvitation) -> None:
    """The text message with the start link; nothing to send without a mobile number on record
    (staff then call or visit, and counter staff see the invitation)."""
    if not invitation.phone:
        return
    locale = invitation.person.preferred_language or DEFAULT_LOCALE
    with force_locale(locale):
        queue_sms(session, phone=invitation.phone, body=invitation_text(invitation),
                  locale=locale)


def death_text(settlement: DeathSettlement, *, agent: bool) -> str:
    """Plain, careful words: what happened to the payments, what the family need do (nothing,
    unless asked), and whom to call if the record is wrong."""
    person = settlement.person
    sentences = [_("We are sorry for your loss. We have been told that %(name)s died on "
                   "%(date)s.", name=person.full_name,
                   date=format_date(settlement.died_on, "long"))]
    if settlement.stopped:
        sentences.append(_("Their disability allowances are paid up to and including "
                           "%(month)s, and then stop. You do not need to do anything for this.",
                           month=format_date(settlement.last_month, "yyyy-MM")))
    if settlement.overpaid:
        sentences.append(_("%(amount)s was paid for the months after that. The county civil "
                           "affairs office will contact you about paying it back. Please do "
                           "not send any money before they do.",
                           amount=format_currency(settlement.overpaid_fen / 100, "CNY")))
    if agent:
        sentences.append(_("Your arrangement to act for them on this portal has ended."))
    sentences.append(_("If this is wrong, please call %(hotline)s.",
                       hotline=current_app.config["SERVICE_HOTLINE"]))
    return " ".join(sentences)


def tell_family(session: Session, settlement: DeathSettlement) -> None:
    """The person's own number (now the family's) when allowances were paid, and every agent
    whose link ended, by text message and in their inbox."""
    person: Person = settlement.person
    locale = person.preferred_language or DEFAULT_LOCALE
    if settlement.stopped and person.phone and person.phone not in \
            {agent.phone for agent in settlement.agents}:
        with force_locale(locale):
            queue_sms(session, phone=person.phone, body=death_text(settlement, agent=False),
                      locale=locale)
    for agent in settlement.agents:
        agent_locale = agent.locale or locale
        with force_locale(agent_locale):
            body = death_text(settlement, agent=True)
        queue_sms(session, phone=agent.phone, body=body, locale=agent_locale)
        session.add(InAppMessage(account_id=agent.id, body=body))
