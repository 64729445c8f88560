"""Data instead of uploads (国务院令第716号 第七条; 国发〔2024〕3号 "一套材料"): what another
department already holds is read, not asked for again.

``SharedData`` is the seam: the 电子证照 library (the ID card, the 户口簿, the disability card)
and the 低保/特困 roster. ``LocalSharedData`` answers from what the portal holds (the person's
record, the card on it, the rosters civil affairs import). A provincial service replaces it by
configuration: ``SHARED_DATA_IMPLEMENTATION`` names "local" or "package.module:ClassName", a
class taking no arguments whose instances answer the same four questions (README).

Every answer is None when the source does not know: the form then asks the person, as before.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Protocol, runtime_checkable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import AssistanceKind, AssistanceRosterEntry, Person
from app.domain.people.identity import InvalidCardNumber, parse_disability_card


@dataclass(frozen=True)
class IdentityCard:
    """居民身份证, as the library holds it."""

    id_number: str
    full_name: str
    birth_date: date
    sex: str


@dataclass(frozen=True)
class HouseholdRegister:
    """户口簿: where the household is registered (the 户籍 county decides applications)."""

    id_number: str
    county_code: str


@dataclass(frozen=True)
class DisabilityCard:
    """残疾人证: its number, category digit (1 视力 … 7 多重) and level digit (1–4)."""

    number: str
    category: int
    level: int


@dataclass(frozen=True)
class AssistanceStatus:
    """On the month's 低保 or 特困 roster."""

    kind: AssistanceKind
    month: date
    county_code: str


@runtime_checkable
class SharedData(Protocol):
    def identity_card(self, session: Session, id_number: str) -> IdentityCard | None: ...

    def household_register(self, session: Session,
                           id_number: str) -> HouseholdRegister | None: ...

    def disability_card(self, session: Session, id_number: str,
                        today: date) -> DisabilityCard | None: ...

    def assistance(self, session: Session, id_number: str,
                   month: date) -> AssistanceStatus | None: ...


class LocalSharedData:
    """What the portal itself holds: the person's record and the imported rosters."""

    @staticmethod
    def _person(session: Session, id_number: str) -> Person | None:
        return session.scalar(select(Person).where(Person.id_number == id_number))

    def identity_card(self, session: Session, id_number: str) -> IdentityCard | None:
        person = self._person(session, id_number)
        if person is None:
            return None
        return IdentityCard(person.id_number, person.full_name, person.birth_date, person.sex)

    def household_register(self, session: Session, id_number: str) -> HouseholdRegister | None:
        person = self._person(session, id_number)
        if person is None or not person.hukou_county_code:
            return None
        return HouseholdRegister(person.id_number, person.hukou_county_code)

    def disability_card(self, session: Session, id_number: str,
                        today: date) -> DisabilityCard | None:
        person = self._person(session, id_number)
        if person is None or not person.disability_card_number:
            return None
        try:
            card = parse_disability_card(person.disability_card_number, today=today)
        except InvalidCardNumber:
            return None
        return DisabilityCard(card.value, int(card.category), int(card.level))

    def assistance(self, session: Session, id_number: str,
                   month: date) -> AssistanceStatus | None:
        """The latest roster up to the month that lists the person: 特困 before 低保 in the
        same month (特困 excludes both allowances, so it must not be missed)."""
        found = session.execute(
            select(AssistanceRosterEntry.kind, AssistanceRosterEntry.month,
                   AssistanceRosterEntry.county_code)
            .where(AssistanceRosterEntry.id_number == id_number,
                   AssistanceRosterEntry.month <= month.replace(day=1))
            .order_by(AssistanceRosterEntry.month.desc(),
                      AssistanceRosterEntry.kind.desc())).first()
        return AssistanceStatus(*found) if found else None


IMPLEMENTATIONS: dict[str, type] = {"local": LocalSharedData}


class UnknownSharedData(ValueError):
    pass


@cache
def load(name: str) -> SharedData:
    """The implementation the configuration names ("local" or "package.module:ClassName")."""
    if name in IMPLEMENTATIONS:
        chosen: object = IMPLEMENTATIONS[name]()
    else:
        module_name, _colon, class_name = name.partition(":")
        try:
            chosen = getattr(importlib.import_module(module_name), class_name)()
        except (ImportError, AttributeError, ValueError) as error:
            raise UnknownSharedData(name) from error
    if not isinstance(chosen, SharedData):
        raise UnknownSharedData(name)
    return chosen


# The implementation the portal runs with (create_app configures it from
# SHARED_DATA_IMPLEMENTATION), so domain code asks one place: current().
_configured: SharedData | None = None


def configure(name: str) -> None:
    global _configured
    _configured = load(name)


def current() -> SharedData:
    return _configured if _configured is not None else load("local")
