"""Decisions about an entitlement in the person's words (issue 22): the one sentence that says
what changes, used by the text message, the inbox, the posted letter and the letter page."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import force_locale, format_currency, format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.config import DEFAULT_LOCALE
from app.domain.benefits import entitlement_changes as changes
from app.domain.messages import letters
from app.domain.messages.notifications import queue_sms
from app.domain.models import EntitlementDecision, InAppMessage
from app.domain.models import EntitlementDecisionKind as K
from app.domain.places.divisions import load_catalogue
from app.domain.places.place_names import place_label
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.messages import _accounts_told, _for_reader


def _month(day: object) -> str:
    return format_date(day, "yyyy-MM")


def money(fen: int) -> str:
    return format_currency(Decimal(fen) / 100, "CNY")


def decision_words(session: Session, decision: EntitlementDecision) -> str:
    """What the decision changes, in plain and, after a death, careful words."""
    entitlement = decision.entitlement
    allowance = str(ALLOWANCE_NAMES.get(entitlement.allowance, entitlement.allowance))
    month = _month(decision.effective_month) if decision.effective_month else ""
    kind, died = decision.kind, decision.reason == "died"
    if kind == K.STOPPED and died:
        return _("We are sorry for your loss. The %(allowance)s stops from %(month)s, the month "
                 "after the death. What was owed up to then is kept or still paid.",
                 allowance=allowance, month=month)
    if kind == K.STOPPED:
        return _("The %(allowance)s stops from %(month)s, the month after the change.",
                 allowance=allowance, month=month)
    if kind == K.SUSPENDED:
        return _("Payment of the %(allowance)s is paused from %(month)s. The months paused are "
                 "paid when it starts again.", allowance=allowance, month=month)
    if kind == K.RESUMED:
        return _("Payment of the %(allowance)s starts again. The months held back are paid in "
                 "the next monthly payment.", allowance=allowance)
    if kind == K.MOVED:
        county = load_catalogue().get(entitlement.county_code)
        name = place_label(county.name, str(get_locale() or DEFAULT_LOCALE))[0] if county else ""
        return _("From %(month)s the %(allowance)s is paid by your new county, %(county)s, "
                 "into the same account.", allowance=allowance, month=month, county=name)
    if kind == K.ACCOUNT_CHANGED:
        return _("The %(allowance)s is now paid into the new account. Any month that did not "
                 "arrive is paid again in the next monthly payment.", allowance=allowance)
    if kind == K.OBJECTION_DISMISSED:
        return _("The county checked the decision about the %(allowance)s again. The decision "
                 "stands.", allowance=allowance)
    recovery = changes.recovery_for(session, decision)
    if recovery is None:  # an objection to the asking back was upheld
        return _("Nothing of the %(allowance)s has to be paid back.", allowance=allowance)
    months = ", ".join(recovery.months)
    if died:
        return _("The %(allowance)s was paid for %(months)s, after the death: %(amount)s. The "
                 "county civil affairs office will contact the family to agree how it is "
                 "returned. There is nothing to do before they call.",
                 allowance=allowance, months=months, amount=money(recovery.amount_fen))
    return _("The %(allowance)s was paid for %(months)s, after it stopped: %(amount)s. It has "
             "to be paid back. The county civil affairs office will contact you to agree how.",
             allowance=allowance, months=months, amount=money(recovery.amount_fen))


def tell_decision(session: Session, decision: EntitlementDecision) -> None:
    """A text message (or, for those who asked, a posted letter) in the person's language, and
    the inbox of the person and their agents; each points to the letter on the portal."""
    entitlement = decision.entitlement
    person, application = entitlement.person, entitlement.application
    locale = person.preferred_language or DEFAULT_LOCALE

    def text() -> str:
        return _("%(decision)s Sign in to the portal to read the letter with the reasons and "
                 "what you can do if you disagree.", decision=decision_words(session, decision))

    channel = letters.contact_channel(application, person)
    if channel in letters.BY_POST:
        with force_locale(locale):
            letters.queue_letter(session, application, locale=locale, body=letter_text(
                session, decision))
    elif person.phone:
        with force_locale(locale):
            queue_sms(session, phone=person.phone, body=text(), locale=locale)
    for account in _accounts_told(session, person.id):
        with force_locale(account.locale or locale):
            body = _for_reader(account, person, text())
        session.add(InAppMessage(account_id=account.id, application_id=application.id,
                                 body=body))


def letter_text(session: Session, decision: EntitlementDecision) -> str:
    """The posted letter: the decision, its reasons and the way to object, in plain text."""
    parts = [decision_words(session, decision)]
    if decision.note:
        parts.append(_("Reasons: %(reasons)s", reasons=decision.note))
    if decision.kind in changes.OBJECTABLE:
        parts.append(_("If you think this is wrong, you can object on the portal or at your "
                       "township or street office. The county checks it again within 10 "
                       "working days and writes to you."))
    return "\n\n".join(parts)
