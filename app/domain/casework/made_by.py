"""Who made an application: the person, an agent (代办人) online, or counter staff (窗口), with
the agent who came along. Application.made_by stores it as JSON when the application is sent;
this module alone reads and writes that record's keys (tests/test_answers_contract.py)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.domain.models import Account, Application, DelegationStatus, Person, Relationship
from app.domain.people.delegations import delegations_of_agent


class FilledBy(enum.StrEnum):
    """Who fills the forms (the declaration and the statistics word them by it)."""

    APPLICANT = "applicant"
    AGENT = "agent"
    COUNTER = "counter"


@dataclass(frozen=True)
class MadeBy:
    filled_by: FilledBy = FilledBy.APPLICANT
    # The agent online, or the agent or relative who came to the counter with the applicant.
    agent_name: str | None = None
    agent_phone: str | None = None
    relationship: str | None = None  # a Relationship value, as they stated it

    @classmethod
    def from_record(cls, record: Mapping[str, Any] | None) -> MadeBy:
        """The stored record; none (a draft, or an application from before it was kept) reads
        as made by the applicant."""
        record = record or {}
        return cls(filled_by=FilledBy(record.get("filled_by", FilledBy.APPLICANT)),
                   agent_name=record.get("agent_name"), agent_phone=record.get("agent_phone"),
                   relationship=record.get("relationship"))

    def record(self) -> dict[str, Any]:
        """As Application.made_by stores it: only what is known."""
        record: dict[str, Any] = {"filled_by": self.filled_by.value}
        if (self.agent_name, self.agent_phone, self.relationship) != (None, None, None):
            record.update(agent_name=self.agent_name, agent_phone=self.agent_phone,
                          relationship=self.relationship)
        return record


def made_by_of(application: Application) -> MadeBy:
    return MadeBy.from_record(application.made_by)


# A dict lookup, not FilledBy(value) with its exception: the statistics read every application.
_FILLERS: Mapping[object, FilledBy] = {filler.value: filler for filler in FilledBy}


def recorded_filler(record: Mapping[str, Any] | None) -> FilledBy | None:
    """Who filled the forms as recorded, or None where nothing (known) was: the statistics then
    go by the channel."""
    return _FILLERS.get((record or {}).get("filled_by"))


def made_at_counter(visit: Mapping[str, Any] | None) -> MadeBy:
    """Made at the counter: by staff alone, or with an agent or relative who came along (the
    visit the counter recorded, app.web.counter.record_agent)."""
    if not visit:
        return MadeBy(FilledBy.COUNTER)
    return MadeBy(FilledBy.COUNTER, agent_name=visit["agent_name"],
                  agent_phone=visit["agent_phone"], relationship=visit["relationship"])


def made_by_agent(session: Session, account: Account, person: Person | None) -> MadeBy:
    """Made online by an agent (代办人) for the person, with the relationship they stated."""
    relationship = next((d.relationship_kind.value for d in delegations_of_agent(session, account)
                         if person is not None and d.person_id == person.id
                         and d.status == DelegationStatus.ACTIVE), Relationship.OTHER.value)
    return MadeBy(FilledBy.AGENT, agent_name=account.display_name, agent_phone=account.phone,
                  relationship=relationship)
