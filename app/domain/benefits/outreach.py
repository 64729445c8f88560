"""Nobody missed (issue 23): the monthly comparison of the 低保/特困 rosters with card holders and
current recipients, the county list "may be entitled, has not applied" with why, invitations to
apply (a text message with a start link and a pre-filled draft) and the outcome of each contact.

Who may be entitled is decided by app.domain.rules.eligibility_rules, the same rules as the
pre-check: a card holder on the 低保 roster may get the living allowance; one with a level 1 or 2
card (or a level the county extends the care allowance to) the care allowance, once staff confirm
the long-term care need; 特困 excludes both. Advice only: staff decide.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits.allowances import CARE, LIVING
from app.domain.casework.answers import two_subsidies_prefill
from app.domain.casework.applications import start_application
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    AssistanceKind,
    AssistanceRosterEntry,
    Channel,
    Entitlement,
    EntitlementState,
    OutreachContact,
    OutreachInvitation,
    OutreachOutcome,
    Person,
)
from app.domain.people.identity import DisabilityCategory
from app.domain.people.shared_data import SharedData
from app.domain.rules import eligibility_rules as rules
from app.domain.rules.eligibility_rules import AllowanceFacts, Reason
from app.domain.rules.service_rules import ServiceCode

TWO_SUBSIDIES = ServiceCode.TWO_SUBSIDIES.value
# An application on its way to a decision: the person has applied.
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED,
                 ApplicationStatus.IN_REVIEW, ApplicationStatus.MORE_INFORMATION,
                 ApplicationStatus.ASSESSING, ApplicationStatus.PUBLIC_NOTICE,
                 ApplicationStatus.READY_FOR_DECISION)
CATEGORY_NAMES = {DisabilityCategory.INTELLECTUAL: "intellectual",
                  DisabilityCategory.MENTAL: "mental"}


@dataclass(frozen=True)
class Candidate:
    """Someone on the month's roster who may be entitled to an allowance they do not get."""

    person_id: int
    full_name: str
    id_number: str
    county_code: str
    kind: AssistanceKind
    allowances: tuple[str, ...]  # LIVING, CARE
    reasons: tuple[Reason, ...]  # why, one per allowance
    new_this_month: bool  # not on the previous month's roster


def _month_start(month: date) -> date:
    return month.replace(day=1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def _card_facts(card: str, kind: AssistanceKind) -> AllowanceFacts | None:
    """The card's category and level digits (the 19th and 20th characters): the number was
    checked when it was recorded, and parsing it whole for every line of a province's roster
    would cost most of the comparison's time."""
    category, level = card[18:19], card[19:20]
    if not ("1" <= category <= "7" and "1" <= level <= "4"):
        return None
    # The long-term care need is not on any roster: staff confirm it when the person applies.
    return AllowanceFacts(has_card=True, level=level,
                          category=CATEGORY_NAMES.get(DisabilityCategory(int(category)), "other"),
                          long_term_care=True, household=kind.value)


def findings(card: str, kind: AssistanceKind,
             county_code: str | None) -> tuple[tuple[str, Reason], ...]:
    """The allowances a card holder on this roster may be entitled to, each with its reason."""
    facts = _card_facts(card, kind)
    if facts is None:
        return ()
    area = rules.rules_for_county(county_code)
    found = []
    for allowance, finding in ((LIVING, rules.living_allowance(facts, area)),
                               (CARE, rules.care_allowance(facts, area))):
        if finding.likely:
            found.append((allowance, finding.reason))
    return tuple(found)


def _on_month_roster(query: Any, column: Any, month: date,
                     county_codes: list[str] | None) -> Any:
    """Limits a query about people to those on the month's roster (and counties), by a join:
    one statement for a province's roster rather than an IN list per 10,000 people."""
    query = query.join(Person, Person.id == column).join(
        AssistanceRosterEntry, AssistanceRosterEntry.id_number == Person.id_number).where(
        AssistanceRosterEntry.month == month)
    if county_codes is not None:
        query = query.where(AssistanceRosterEntry.county_code.in_(county_codes))
    return query


def _receiving(session: Session, month: date,
               county_codes: list[str] | None) -> set[tuple[int, str]]:
    """(person, allowance) paid or suspended now, of the people on the roster."""
    query = _on_month_roster(
        select(Entitlement.person_id, Entitlement.allowance).where(
            Entitlement.state.in_([EntitlementState.PAYING, EntitlementState.SUSPENDED])),
        Entitlement.person_id, month, county_codes)
    return {(person, allowance) for person, allowance in session.connection().execute(query)}


def _applied(session: Session, month: date, county_codes: list[str] | None) -> set[int]:
    """People on the roster with a two-subsidies application on its way to a decision."""
    return set(session.connection().execute(_on_month_roster(
        select(Application.person_id).where(Application.service_code == TWO_SUBSIDIES,
                                            Application.status.in_(OPEN_STATUSES)),
        Application.person_id, month, county_codes)).scalars())


def may_be_entitled(session: Session, *, county_codes: list[str] | None, month: date,
                    today: date, person_id: int | None = None) -> list[Candidate]:
    """The month's comparison: card holders on the 低保/特困 roster who may be entitled to an
    allowance they neither get nor have applied for, by county then name. ``county_codes``
    None: the whole province; ``person_id``: only that person's entry."""
    month = _month_start(month)
    query = select(AssistanceRosterEntry.kind, AssistanceRosterEntry.county_code, Person.id,
                   Person.full_name, Person.id_number, Person.disability_card_number,
                   Person.hukou_county_code).join(
        Person, Person.id_number == AssistanceRosterEntry.id_number).where(
        AssistanceRosterEntry.month == month, Person.disability_card_number.is_not(None))
    if county_codes is not None:
        query = query.where(AssistanceRosterEntry.county_code.in_(county_codes))
    if person_id is not None:
        query = query.where(Person.id == person_id)
    # Core rows, not ORM ones: a province's roster is 300,000 lines (bench/outreach.py).
    rows = session.connection().execute(query).all()
    # The findings depend only on the card's two digits, the roster and the county: worked
    # out once per combination, not once per line.
    known: dict[tuple[str, AssistanceKind, str | None], tuple[tuple[str, Reason], ...]] = {}
    found: list[tuple[int, str, str, str, AssistanceKind, tuple[tuple[str, Reason], ...]]] = []
    # 特困 excludes both allowances: someone on both rosters in a month is not listed.
    tekun = {row[2] for row in rows if row[0] == AssistanceKind.TEKUN}
    for kind, county, person_id, name, id_number, card, hukou in rows:
        if person_id in tekun:
            continue
        key = ((card or "")[18:20], kind, hukou or county)
        if key not in known:
            known[key] = findings(card or "", kind, hukou or county)
        if known[key]:
            found.append((person_id, name, id_number, county, kind, known[key]))
    receiving = _receiving(session, month, county_codes)
    applied = _applied(session, month, county_codes)
    before = _on_roster(session, previous_month(month), county_codes)
    candidates = []
    for person_id, name, id_number, county, kind, allowances in found:
        if person_id in applied:
            continue
        missing = [(a, r) for a, r in allowances if (person_id, a) not in receiving]
        if missing:
            candidates.append(Candidate(
                person_id, name, id_number, county, kind, tuple(a for a, _r in missing),
                tuple(r for _a, r in missing), id_number not in before))
    candidates.sort(key=lambda c: (c.county_code, c.full_name, c.person_id))
    return candidates


def _on_roster(session: Session, month: date, county_codes: list[str] | None) -> set[str]:
    query = select(AssistanceRosterEntry.id_number).where(AssistanceRosterEntry.month == month)
    if county_codes is not None:
        query = query.where(AssistanceRosterEntry.county_code.in_(county_codes))
    return set(session.connection().execute(query).scalars())


@dataclass(frozen=True)
class LeftRoster:
    """A living-allowance recipient on last month's 低保 roster and not on this month's: staff
    check whether 低保 ended (a change of circumstances, app.domain.benefits.entitlements.stop)."""

    entitlement_id: int
    person_id: int
    full_name: str
    county_code: str


def left_the_roster(session: Session, *, county_codes: list[str] | None,
                    month: date) -> list[LeftRoster]:
    month = _month_start(month)
    before = _on_roster(session, previous_month(month), county_codes)
    if not before:
        return []
    now = _on_roster(session, month, county_codes)
    query = select(Entitlement.id, Person.id, Person.full_name, Person.id_number,
                   Entitlement.county_code).join(Person, Person.id == Entitlement.person_id) \
        .where(Entitlement.allowance == LIVING, Entitlement.state == EntitlementState.PAYING)
    if county_codes is not None:
        query = query.where(Entitlement.county_code.in_(county_codes))
    return [LeftRoster(ident, person_id, name, county)
            for ident, person_id, name, id_number, county in session.execute(query)
            if id_number in before and id_number not in now]


# --- Invitations ---------------------------------------------------------------------------


def invitation_for(session: Session, person_id: int, month: date) -> OutreachInvitation | None:
    return session.scalar(select(OutreachInvitation).where(
        OutreachInvitation.person_id == person_id,
        OutreachInvitation.month == _month_start(month)))


def invite(session: Session, candidate: Candidate, *, month: date, staff: Account,
           phone: str | None) -> tuple[OutreachInvitation, bool]:
    """The invitation for the candidate and month; True when made now (the caller queues its
    text message). Sending twice (a double click, a second colleague) makes one invitation."""
    existing = invitation_for(session, candidate.person_id, month)
    if existing is not None:
        return existing, False
    invitation = OutreachInvitation(
        person_id=candidate.person_id, month=_month_start(month),
        county_code=candidate.county_code, allowances=list(candidate.allowances),
        reasons=[r.value for r in candidate.reasons], token=secrets.token_urlsafe(32),
        phone=phone, sent_by_account_id=staff.id)
    session.add(invitation)
    session.flush()
    return invitation, True


def invitation_by_token(session: Session, token: str) -> OutreachInvitation | None:
    return session.scalar(select(OutreachInvitation).where(OutreachInvitation.token == token))


def open_invitations(session: Session, person_id: int) -> list[OutreachInvitation]:
    """Invitations not yet answered by an application: counter staff see them when the person
    comes in."""
    found = session.scalars(select(OutreachInvitation).where(
        OutreachInvitation.person_id == person_id).order_by(OutreachInvitation.id.desc())).all()
    return [i for i in found if not _answered(session, i)]


def _answered(session: Session, invitation: OutreachInvitation) -> bool:
    if invitation.draft_application_id is not None:
        draft = session.get(Application, invitation.draft_application_id)
        if draft is not None and draft.status != ApplicationStatus.DRAFT:
            return True
    return any(c.outcome in (OutreachOutcome.APPLIED, OutreachOutcome.DECLINED,
                             OutreachOutcome.NOT_ELIGIBLE) for c in invitation.contacts)


def start_invited_draft(session: Session, invitation: OutreachInvitation, *, account: Account,
                        channel: Channel, data: SharedData, today: date) -> Application:
    """The invitation's two-subsidies draft, filled from the shared data (the card, the roster),
    not asked again; the one already started by this account is carried on, not made twice."""
    if invitation.draft_application_id is not None:
        draft = session.get(Application, invitation.draft_application_id)
        if draft is not None and draft.status == ApplicationStatus.DRAFT \
                and draft.created_by_account_id == account.id:
            return draft
    person = invitation.person
    identity = data.identity_card(session, person.id_number)
    card = data.disability_card(session, person.id_number, today)
    assistance = data.assistance(session, person.id_number, today)
    draft = start_application(session, service_code=TWO_SUBSIDIES, created_by=account,
                              channel=channel, person=person)
    # Online, whom it is for is answered too: choosing it again would clear what was filled.
    for_whom = None if channel != Channel.ONLINE else \
        "self" if account.person_id == person.id else f"person-{person.id}"
    draft.answers = two_subsidies_prefill(
        allowances_claimed=list(invitation.allowances),
        full_name=identity.full_name if identity else None,
        id_number=identity.id_number if identity else None,
        card=card.number if card else None,
        household=assistance.kind.value if assistance else None, for_whom=for_whom)
    invitation.draft_application_id = draft.id
    session.flush()
    return draft


def record_contact(session: Session, invitation: OutreachInvitation, *,
                   outcome: OutreachOutcome, note: str | None,
                   staff: Account) -> OutreachContact:
    contact = OutreachContact(invitation=invitation, outcome=outcome,
                              note=(note or "").strip() or None, recorded_by_account_id=staff.id)
    session.add(contact)
    return contact


def invitations_of_month(session: Session, person_ids: list[int],
                         month: date) -> dict[int, OutreachInvitation]:
    if not person_ids:
        return {}
    return {i.person_id: i for i in session.scalars(select(OutreachInvitation).where(
        OutreachInvitation.month == _month_start(month),
        OutreachInvitation.person_id.in_(person_ids)))}
