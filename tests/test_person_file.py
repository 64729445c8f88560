"""一人一档 (issue 23): one page per person for staff, the same in "My file" for the person and
their agent; every staff view audited. And the shared-data seam chosen by configuration."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.config import ConfigurationError, load_config
from app.database import get_session
from app.domain.models import (
    AuditEvent,
    Delegation,
    DelegationStatus,
    Entitlement,
    Relationship,
    Role,
)
from app.domain.people import shared_data
from tests.factories import make_account, sign_in
from tests.pages import EN
from tests.test_payment_run import entitled, run


def _recipient(app: Flask) -> tuple[int, str]:
    """A living-allowance recipient (their own account's phone is returned) paid for Jan-Mar."""
    ident = entitled(app, first_month=date(2026, 1, 1), name="孙红")
    run(app, date(2026, 3, 1))
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None
        entitlement.person.disability_card_number = entitlement.person.id_number + "41"
        db.commit()
        return entitlement.person_id, entitlement.person.phone or ""


@pytest.mark.engine
def test_staff_see_one_page_per_person_and_each_view_is_audited(app: Flask,
                                                                client: FlaskClient) -> None:
    person_id, _phone = _recipient(app)
    make_account(app, phone="13904320002", role=Role.CASEWORKER, area="220102")
    sign_in(client, "13904320002")
    page = client.get(f"/people/{person_id}/file", headers=EN)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for expected in ("physical disability, level 1", "Living allowance for disabled people",
                     "Paid from 2026-01", "2026-03", "Approved", "Nobody acts for this person"):
        assert expected in text, expected
    with app.app_context():
        assert get_session().scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "person.file_view", AuditEvent.person_id == person_id)) == 1


def test_staff_of_another_area_do_not_find_the_file(app: Flask, client: FlaskClient) -> None:
    person_id, _phone = _recipient(app)
    make_account(app, phone="13904320003", role=Role.CASEWORKER, area="220104")
    sign_in(client, "13904320003")
    assert client.get(f"/people/{person_id}/file").status_code == 404


def test_the_resident_and_their_agent_see_the_same_in_my_file(app: Flask,
                                                             client: FlaskClient) -> None:
    person_id, phone = _recipient(app)
    agent_id = make_account(app, phone="13904319998", name="孙小")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY,
                          status=DelegationStatus.ACTIVE, started_at=datetime.now(UTC)))
        db.commit()
    sign_in(client, phone)
    own = client.get("/my-file")
    assert own.headers["Location"].endswith(f"/my-file/{person_id}")
    mine = client.get(own.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Paid from 2026-01" in mine and "孙小" in mine
    agent = app.test_client()
    sign_in(agent, "13904319998")
    assert "孙红" in agent.get("/my-file", headers=EN).get_data(as_text=True)
    theirs = agent.get(f"/my-file/{person_id}", headers=EN).get_data(as_text=True)
    assert "Paid from 2026-01" in theirs
    stranger = app.test_client()
    make_account(app, phone="13904319997")
    sign_in(stranger, "13904319997")
    assert stranger.get(f"/my-file/{person_id}").status_code == 404


class ProvincialStandIn:
    """A stand-in for a provincial service: knows nobody."""

    def identity_card(self, session, id_number):  # type: ignore[no-untyped-def]
        return None

    def household_register(self, session, id_number):  # type: ignore[no-untyped-def]
        return None

    def disability_card(self, session, id_number, today):  # type: ignore[no-untyped-def]
        return None

    def assistance(self, session, id_number, month):  # type: ignore[no-untyped-def]
        return None


def test_the_shared_data_implementation_is_chosen_by_configuration(monkeypatch) -> None:
    assert isinstance(shared_data.load("local"), shared_data.LocalSharedData)
    name = f"{__name__}:ProvincialStandIn"
    monkeypatch.setenv("SHARED_DATA_IMPLEMENTATION", name)
    assert load_config()["SHARED_DATA_IMPLEMENTATION"] == name
    assert isinstance(shared_data.load(name), ProvincialStandIn)
    monkeypatch.setenv("SHARED_DATA_IMPLEMENTATION", "no.such.module:Nothing")
    with pytest.raises(ConfigurationError):
        load_config()
