"""一人一档 (issue 23): one file per person, the same for staff and for the person (or their
agent) in "My file": the card and its dates, every application and its state, the allowances
and their payments, devices fitted, home modifications done, documents and agents.

The caller passes the applications its reader may see (the applications' own access rule), so
this module never widens what anyone sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits.entitlements import entitlements_of
from app.domain.models import (
    Application,
    ApplicationStatus,
    Delegation,
    DelegationStatus,
    Document,
    Entitlement,
    OutreachInvitation,
    Payment,
    Person,
)
from app.domain.people.deaths import died_on
from app.domain.people.delegations import delegations_of_person
from app.domain.people.identity import (
    DisabilityCardNumber,
    InvalidCardNumber,
    parse_disability_card,
)
from app.domain.rules.service_rules import ServiceCode

# A device or a home modification counts as provided once approved and under way or done.
PROVIDED = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.IN_PROGRESS,
                      ApplicationStatus.COMPLETED})


@dataclass(frozen=True)
class PersonFile:
    person: Person
    card: DisabilityCardNumber | None
    # The card's dates, once the card's record keeps them (issue 22's card part); None until.
    card_issued_on: date | None
    card_expires_on: date | None
    applications: list[Application]
    entitlements: list[tuple[Entitlement, list[Payment]]]
    devices: list[Application]
    home_modifications: list[Application]
    documents: list[Document]
    agents: list[Delegation]
    invitations: list[OutreachInvitation]
    died_on: date | None


def person_file(session: Session, person: Person, applications: Sequence[Application], *,
                today: date) -> PersonFile:
    card = None
    if person.disability_card_number:
        try:
            card = parse_disability_card(person.disability_card_number, today=today)
        except InvalidCardNumber:
            card = None
    held = entitlements_of(session, person.id)
    payments: dict[int, list[Payment]] = {e.id: [] for e in held}
    if held:
        for payment in session.scalars(select(Payment).where(
                Payment.entitlement_id.in_(list(payments))).order_by(Payment.month.desc())):
            payments[payment.entitlement_id].append(payment)
    visible = [a.id for a in applications]
    documents = list(session.scalars(select(Document).where(
        Document.application_id.in_(visible), Document.removed_at.is_(None))
        .order_by(Document.uploaded_at.desc()))) if visible else []
    provided = [a for a in applications if a.status in PROVIDED]
    return PersonFile(
        person=person, card=card,
        card_issued_on=getattr(person, "card_issued_on", None),
        card_expires_on=getattr(person, "card_expires_on", None),
        applications=list(applications),
        entitlements=[(e, payments[e.id]) for e in held],
        devices=[a for a in provided if a.service_code == ServiceCode.ASSISTIVE_DEVICES],
        home_modifications=[a for a in provided
                            if a.service_code == ServiceCode.HOME_MODIFICATION],
        documents=documents,
        agents=[d for d in delegations_of_person(session, person.id)
                if d.status == DelegationStatus.ACTIVE],
        invitations=list(session.scalars(select(OutreachInvitation).where(
            OutreachInvitation.person_id == person.id).order_by(OutreachInvitation.id.desc()))),
        died_on=died_on(session, person.id))
