"""A recipient's death, from a roster of 公安 or 民政 (issue 23).

``record_death`` is what the death roster does for each person it finds: the same stop as a
death reported by the family (app.domain.benefits.entitlement_changes.record_death: every
entitlement stopped from the month after the death, 自情况发生的次月起, with its decision and the
追回 of what was paid after it), then the agents' links ended, and what the family must be told: the
last month paid and what was paid after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits import entitlement_changes, entitlements
from app.domain.models import (
    Account,
    DeathRecord,
    Delegation,
    DelegationStatus,
    Entitlement,
    EntitlementDecision,
    EntitlementDecisionKind,
    Payment,
    Person,
)
from app.domain.people.delegations import end_delegation


@dataclass
class DeathSettlement:
    """What the family is told: each stopped allowance's last month, and the months paid after
    it (to be paid back); and who acted for the person (told, then their link ended)."""

    person: Person
    died_on: date
    last_month: date
    stopped: list[Entitlement] = field(default_factory=list)
    overpaid: list[Payment] = field(default_factory=list)
    agents: list[Account] = field(default_factory=list)
    decisions: list[EntitlementDecision] = field(default_factory=list)

    @property
    def overpaid_fen(self) -> int:
        return sum(p.amount_fen for p in self.overpaid)


def record_death(session: Session, person: Person, *, died_on: date, today: date,
                 actor: Account) -> DeathSettlement:
    """Stops payment from the month after the death and ends the agents' links."""
    settlement = DeathSettlement(person, died_on, died_on.replace(day=1))
    settlement.decisions = entitlement_changes.record_death(session, person, died_on=died_on,
                                                            today=today, actor=actor)
    for decision in settlement.decisions:
        if decision.kind == EntitlementDecisionKind.STOPPED:
            settlement.stopped.append(decision.entitlement)
            settlement.overpaid.extend(entitlements.overpaid(session, decision.entitlement))
    links = session.scalars(select(Delegation).where(
        Delegation.person_id == person.id,
        Delegation.status.in_([DelegationStatus.ACTIVE, DelegationStatus.INVITED,
                               DelegationStatus.REQUESTED]))).all()
    for delegation in links:
        if delegation.status == DelegationStatus.ACTIVE and delegation.agent is not None:
            settlement.agents.append(delegation.agent)
        end_delegation(delegation, actor)
    return settlement


def died_on(session: Session, person_id: int) -> date | None:
    """The death on record for the person, if a roster reported one."""
    return session.scalar(select(DeathRecord.died_on).where(DeathRecord.person_id == person_id))


def settle_roster(session: Session, records: list[DeathRecord], *, today: date,
                  actor: Account) -> list[DeathSettlement]:
    """Matches a roster's new deaths with people on record and records each death."""
    people = {p.id_number: p for p in session.scalars(select(Person).where(
        Person.id_number.in_([r.id_number for r in records])))} if records else {}
    settled = []
    for record in records:
        person = people.get(record.id_number)
        if person is None:
            continue
        record.person_id = person.id
        settled.append(record_death(session, person, died_on=record.died_on, today=today,
                                    actor=actor))
    return settled
