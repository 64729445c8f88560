"""Agents (代办人): invitations by the person, requests checked by staff, and ending either way."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.domain.access import policies
from app.domain.clock import today_in_china
from app.domain.models import Account, Delegation, DelegationStatus, Person, Relationship
from app.domain.people.identity import ResidentIdNumber, parse_resident_id
from app.domain.places.divisions import load_catalogue


class DelegationNotAllowed(Exception):
    pass


class IdNumberTaken(Exception):
    """The ID number belongs to a person already linked to another account."""


def _now() -> datetime:
    return datetime.now(UTC)


def find_person(session: Session, id_number: str) -> Person | None:
    return session.scalar(select(Person).where(Person.id_number == id_number))


def new_person(*, full_name: str, id_number: ResidentIdNumber, phone: str | None = None) -> Person:
    """A person record with what the ID number tells: birth date, sex and (in Jilin) county."""
    county = load_catalogue().region_description(id_number.region_code)
    return Person(full_name=full_name, id_number=id_number.value,
                  birth_date=id_number.birth_date, sex=id_number.sex, phone=phone,
                  county_code=county.code if county and county.level == "county" else None,
                  communication_needs=[])


def can_claim_person(session: Session, account: Account, person: Person) -> bool:
    """Whether an account may take an existing person record as its own, unaided: never.

    A record's phone proves nothing about who holds the account (an agent's or a relative's
    number is often the one on record), and a typed name and number prove nothing either. An
    existing record is joined to an account only by real-name verification: staff who see the
    ID card at the counter, or the provincial platform's sign-in.
    """
    return False


def link_own_person(session: Session, account: Account, *, full_name: str,
                    id_number: ResidentIdNumber) -> Person:
    """Ties a resident's account to their own person record, creating it if needed
    (an existing record only as ``can_claim_person`` allows)."""
    person = find_person(session, id_number.value)
    if person is None:
        person = new_person(full_name=full_name, id_number=id_number, phone=account.phone)
        session.add(person)
    elif not can_claim_person(session, account, person):
        raise IdNumberTaken(id_number.value)
    account.person = person
    session.flush()
    return person


def invite_agent(session: Session, person: Person, *, phone: str,
                 relationship: Relationship) -> Delegation:
    delegation = Delegation(person=person, invited_phone=phone, relationship_kind=relationship,
                            status=DelegationStatus.INVITED)
    session.add(delegation)
    session.flush()
    return delegation


def invitations_for(session: Session, account: Account) -> list[Delegation]:
    if account.phone_verified_at is None:
        return []
    return list(session.scalars(
        select(Delegation).where(Delegation.invited_phone == account.phone,
                                 Delegation.status == DelegationStatus.INVITED)
        .order_by(Delegation.id)
    ))


def answer_invitation(delegation: Delegation, agent: Account, *, accept: bool) -> None:
    if delegation.status != DelegationStatus.INVITED or delegation.invited_phone != agent.phone:
        raise DelegationNotAllowed
    if agent.person_id is not None and delegation.person_id == agent.person_id:
        raise DelegationNotAllowed  # nobody is their own agent
    delegation.agent = agent
    if accept:
        delegation.status = DelegationStatus.ACTIVE
        delegation.started_at = _now()
    else:
        delegation.status = DelegationStatus.DECLINED
        delegation.ended_at = _now()


def request_to_act(session: Session, agent: Account, *, full_name: str,
                   id_number: ResidentIdNumber, relationship: Relationship,
                   note: str) -> Delegation:
    """An agent asks to act for someone (a guardian, say); staff confirm after seeing proof.

    Nothing is looked up or made for the person yet (see Delegation.requested_*), so the request
    says nothing about whether the number is registered, and blocks nobody.
    """
    if agent.person is not None and agent.person.id_number == id_number.value:
        raise DelegationNotAllowed
    county = load_catalogue().region_description(id_number.region_code)
    delegation = Delegation(
        agent=agent, relationship_kind=relationship, status=DelegationStatus.REQUESTED,
        requested_note=note, requested_full_name=full_name, requested_id_number=id_number.value,
        requested_county_code=county.code if county and county.level == "county" else None)
    session.add(delegation)
    session.flush()
    return delegation


def decide_request(session: Session, delegation: Delegation, staff: Account, *, confirm: bool,
                   proof_seen: bool) -> None:
    """Staff of the person's area saw the proof (the agent may now act) or closed the request.

    Confirming needs the proof seen; a request already decided stays as it was.
    """
    if delegation.status != DelegationStatus.REQUESTED or (confirm and not proof_seen) or \
            not policies.can_confirm_delegation(session, staff, delegation):
        raise DelegationNotAllowed
    if confirm:
        if delegation.person is None:
            delegation.person = _person_for_request(session, delegation)
        delegation.status = DelegationStatus.ACTIVE
        delegation.started_at = _now()
        delegation.confirmed_by_account_id = staff.id
    else:
        delegation.status = DelegationStatus.DECLINED
        delegation.ended_at = _now()
        delegation.ended_by_account_id = staff.id


def _person_for_request(session: Session, delegation: Delegation) -> Person:
    """The record of the person staff confirmed the request for (made if there is none)."""
    number = delegation.requested_id_number or ""
    person = find_person(session, number)
    if person is None:
        person = new_person(full_name=delegation.requested_full_name or "",
                            id_number=parse_resident_id(number, today=today_in_china()))
        session.add(person)
    return person


def end_delegation(delegation: Delegation, by: Account) -> None:
    if delegation.status not in (DelegationStatus.ACTIVE, DelegationStatus.INVITED,
                                 DelegationStatus.REQUESTED):
        raise DelegationNotAllowed
    delegation.status = DelegationStatus.ENDED
    delegation.ended_at = _now()
    delegation.ended_by_account_id = by.id


def delegations_of_person(session: Session, person_id: int) -> list[Delegation]:
    return list(session.scalars(
        select(Delegation).where(Delegation.person_id == person_id,
                                 Delegation.status.in_([DelegationStatus.ACTIVE,
                                                        DelegationStatus.INVITED]))
        .order_by(Delegation.id)
    ))


def delegations_of_agent(session: Session, agent: Account) -> list[Delegation]:
    return list(session.scalars(
        select(Delegation).where(Delegation.agent_account_id == agent.id,
                                 Delegation.status.in_([DelegationStatus.ACTIVE,
                                                        DelegationStatus.REQUESTED]))
        .options(joinedload(Delegation.person))  # each page lists their names: no query each
        .order_by(Delegation.id)
    ))

