"""What the portal holds is read through the shared data (issue 23): the month's 低保 roster
and the 电子证照 library answer before old answers, and a provincial library replaces the
local one by configuration."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask

from app.database import get_session
from app.domain.casework import told_once
from app.domain.models import AssistanceKind, AssistanceRoster, AssistanceRosterEntry, Person
from app.domain.people import shared_data
from tests.factories import make_person


class ProvincialLibrary(shared_data.LocalSharedData):
    """A stand-in for the provincial 电子证照 library: it holds a card the portal does not."""

    def disability_card(self, session: object, id_number: str,
                        today: date) -> shared_data.DisabilityCard | None:
        return shared_data.DisabilityCard(f"{id_number}12", category=1, level=2)


@pytest.fixture
def provincial_library() -> Iterator[None]:
    shared_data.configure("tests.test_held_facts:ProvincialLibrary")
    yield
    shared_data.configure("local")


def test_the_months_subsistence_roster_says_what_no_answer_did(app: Flask) -> None:
    person_id = make_person(app, name="赵敏")
    with app.app_context():
        db = get_session()
        person = db.get_one(Person, person_id)
        assert told_once.held_facts(db, person).household is None
        roster = AssistanceRoster(kind=AssistanceKind.DIBAO, month=date(2026, 3, 1),
                                  area_code="220102", file_sha256="0" * 64, row_count=1)
        db.add(roster)
        db.flush()
        db.add(AssistanceRosterEntry(roster_id=roster.id, kind=AssistanceKind.DIBAO,
                                     month=date(2026, 3, 1), id_number=person.id_number,
                                     full_name=person.full_name, county_code="220102"))
        db.flush()
        assert told_once.held_facts(db, person).household == "dibao"


def test_a_provincial_library_named_in_the_configuration_answers_for_the_card(
        app: Flask, provincial_library: None) -> None:
    person_id = make_person(app, name="孙丽")
    with app.app_context():
        db = get_session()
        person = db.get_one(Person, person_id)
        assert person.disability_card_number is None
        assert told_once.held_facts(db, person).card_number == f"{person.id_number}12"
