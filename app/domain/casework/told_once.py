"""Told once (一次告知, 国发〔2024〕3号): when a disability card is issued, by any route, the person
and their agents are told which allowances they may qualify for, with a draft of the two
subsidies already filled from what the portal holds (issue 23).

What the portal holds is read through ``held_facts``, one small function: the issue-23
shared-data interface (电子证照, the 低保 roster) replaces its body when it is on main.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.casework.answers import (
    ADDRESS_COUNTY,
    ADDRESS_TOWNSHIP,
    ALLOWANCES,
    APPLICANT,
    CARD_NUMBER,
    COMMUNICATION_NEEDS,
    CONTACT,
    FULL_NAME,
    HAS_CARD,
    HOUSEHOLD,
    ID_NUMBER,
    PHONE,
    allowances,
    household_situation,
    long_term_care,
)
from app.domain.casework.case_checks import OPEN, RECEIVING
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    DelegationStatus,
    Entitlement,
    EntitlementState,
    Person,
)
from app.domain.people import shared_data
from app.domain.people.delegations import delegations_of_person
from app.domain.rules import eligibility_rules as rules

TWO_SUBSIDIES = "two-subsidies"
CONFIRM_IDENTITY = "confirm_identity"


@dataclass(frozen=True)
class HeldFacts:
    """What the portal already holds about a person, so that nobody is asked it again."""

    full_name: str
    id_number: str
    hukou_county_code: str | None
    card_number: str | None
    household: str | None  # the latest answer to the household question
    long_term_care: str | None  # the latest answer to the care need question


def held_facts(session: Session, person: Person, today: date | None = None) -> HeldFacts:
    """What is held on the person, not asked again: the ID card, 户籍 and disability card from
    the shared data (the 电子证照 library; the person's record when it has none), 低保 or 特困
    from the month's roster, else the latest sent answer; the care need as last answered."""
    today = today or today_in_china()
    shared = shared_data.current()
    latest = session.scalars(
        select(Application).where(Application.person_id == person.id,
                                  Application.status != ApplicationStatus.DRAFT)
        .order_by(Application.submitted_at.desc(), Application.id.desc())).all()
    answered = next((household_situation(a.answers) for a in latest
                     if household_situation(a.answers)), None)
    care = next((long_term_care(a.answers) for a in latest if long_term_care(a.answers)), None)
    register = shared.household_register(session, person.id_number)
    card = shared.disability_card(session, person.id_number, today)
    support = shared.assistance(session, person.id_number, today)
    return HeldFacts(
        full_name=person.full_name, id_number=person.id_number,
        hukou_county_code=(register.county_code if register else None)
        or person.hukou_county_code or person.county_code,
        card_number=(card.number if card else None) or person.disability_card_number,
        household=str(support.kind) if support else answered, long_term_care=care)


def _may_qualify(facts: HeldFacts) -> list[str]:
    """The allowances the person may qualify for: likely, or not ruled out by what is held."""
    card = facts.card_number or ""
    level = card[19:20] or None
    category = {"5": "intellectual", "6": "mental"}.get(card[18:19]) if card else None
    known = rules.AllowanceFacts(has_card=True, level=level, category=category,
                                 long_term_care=facts.long_term_care != "no",
                                 household=facts.household)
    area = rules.rules_for_county(facts.hukou_county_code)
    found = []
    living = rules.living_allowance(known, area)
    if facts.household is None or living.likely or \
            living.reason == rules.Reason.LIVING_ASK_LOCALLY:
        found.append("living")
    care = rules.care_allowance(known, area)
    if facts.household != rules.TEKUN and (
            level is None or care.likely or care.reason == rules.Reason.CARE_ASK_LOCALLY):
        found.append("care")
    return found


def _already_has(session: Session, person: Person) -> set[str]:
    """Allowances paid now, or asked for in an application still open (or waiting)."""
    paid = set(session.scalars(select(Entitlement.allowance).where(
        Entitlement.person_id == person.id, Entitlement.state != EntitlementState.STOPPED)))
    asked = session.scalars(select(Application).where(
        Application.person_id == person.id, Application.service_code == TWO_SUBSIDIES,
        Application.status.in_(OPEN | RECEIVING))).all()
    return paid | {allowance for a in asked for allowance in allowances(a.answers)}


@dataclass(frozen=True)
class Offer:
    allowances: list[str]  # living, care
    draft: Application | None  # the draft filled for them; None when nobody has an account


def open_draft_for(session: Session, person: Person) -> Application | None:
    return session.scalars(select(Application).where(
        Application.person_id == person.id, Application.service_code == TWO_SUBSIDIES,
        Application.status == ApplicationStatus.DRAFT).order_by(Application.id.desc())).first()


def offer(session: Session, person: Person) -> Offer | None:
    """What to tell the person about once their card is issued; None: nothing to tell."""
    held = held_facts(session, person)
    offered = [a for a in _may_qualify(held) if a not in _already_has(session, person)]
    if not offered:
        return None
    return Offer(offered, open_draft_for(session, person))


def draft_owner(session: Session, person: Person) -> Account | None:
    """Whose draft: the person's own account, else their first active agent's."""
    own = session.scalar(select(Account).where(Account.person_id == person.id))
    if own is not None:
        return own
    return next((d.agent for d in delegations_of_person(session, person.id)
                 if d.agent is not None and d.status == DelegationStatus.ACTIVE), None)


def prepare_draft(session: Session, person: Person, *, today: date) -> Application | None:
    """The two subsidies' draft, filled from what the portal holds, made once per card: the
    person (or their agent) checks it, adds the bank account and sends it."""
    told = offer(session, person)
    if told is None or told.draft is not None:
        return told.draft if told else None
    owner = draft_owner(session, person)
    if owner is None:
        return None  # nobody online: the message tells them where to apply
    draft = Application(service_code=TWO_SUBSIDIES, person=person, created_by=owner,
                        channel=Channel.ONLINE, status=ApplicationStatus.DRAFT,
                        answers=_filled(session, person, owner, told.allowances))
    session.add(draft)
    session.flush()
    return draft


def _filled(session: Session, person: Person, owner: Account,
            offered: list[str]) -> dict[str, Any]:
    held = held_facts(session, person)
    answers: dict[str, Any] = {
        APPLICANT: {"for_whom": "self" if owner.person_id == person.id
                    else f"person-{person.id}"},
        FULL_NAME: {"full_name": held.full_name},
        ID_NUMBER: {"id_number": held.id_number},
        CONFIRM_IDENTITY: {"correct": "yes"},
        HAS_CARD: {"has_card": "yes"},
        ALLOWANCES: {"allowances": offered},
    }
    if held.card_number:
        answers[CARD_NUMBER] = {"card_number": held.card_number}
    if person.phone:
        answers[PHONE] = {"phone": person.phone}
    if person.county_code:
        answers[ADDRESS_COUNTY] = {"county": person.county_code}
    if person.township_code and person.address_line:
        answers[ADDRESS_TOWNSHIP] = {"township": person.township_code,
                                     "address_line": person.address_line}
    if person.contact_channel and person.preferred_language:
        answers[CONTACT] = {"channel": person.contact_channel,
                            "language": person.preferred_language}
    answers[COMMUNICATION_NEEDS] = {"needs": list(person.communication_needs or []) or ["none"]}
    if held.household:
        answers[HOUSEHOLD] = {"situation": held.household}
    return answers
