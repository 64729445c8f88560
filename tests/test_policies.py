"""One access policy for all: each rule refused where it must be, and every route declares one."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.access import policies
from app.domain.models import (
    Account,
    Application,
    Channel,
    Delegation,
    DelegationStatus,
    Person,
    Relationship,
    Role,
)
from tests.factories import make_account, make_person

RULES = {"public", "signed_in", "staff"}
# Routes with a record id in the URL read or change personal data: they may not be public.
RECORD_ARGUMENT = re.compile(r"<(?:int:)?\w*_id>")


def test_every_route_declares_an_access_rule(app: Flask) -> None:
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if getattr(view, "access_rule", None) not in RULES:
            missing.append(rule.rule)
    assert missing == [], f"routes without an access rule: {missing}"


def test_routes_about_a_record_are_never_public(app: Flask) -> None:
    public_with_ids = [
        rule.rule for rule in app.url_map.iter_rules()
        if RECORD_ARGUMENT.search(rule.rule)
        and getattr(app.view_functions[rule.endpoint], "access_rule", None) == "public"
    ]
    assert public_with_ids == []


@pytest.fixture
def world(app: Flask):
    """A resident in 南关区 with an agent, a stranger, and staff in and out of the area."""
    resident = make_account(app, phone="13900001001")
    person = make_person(app, township="220102001", account_id=resident)
    ids = {
        "resident": resident,
        "person": person,
        "agent": make_account(app, phone="13900001002"),
        "stranger": make_account(app, phone="13900001003"),
        "caseworker_here": make_account(app, phone="13900001004", role=Role.CASEWORKER,
                                        area="220102"),
        "caseworker_elsewhere": make_account(app, phone="13900001005", role=Role.CASEWORKER,
                                             area="220103"),
        "counter_other_township": make_account(app, phone="13900001006", role=Role.COUNTER,
                                               area="220102002"),
        "admin": make_account(app, phone="13900001007", role=Role.ADMIN, area="22"),
    }
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person, agent_account_id=ids["agent"],
                          relationship_kind=Relationship.FAMILY, status=DelegationStatus.ACTIVE))
        db.add(Application(service_code="two-subsidies", person_id=person,
                           created_by_account_id=resident, channel=Channel.ONLINE,
                           county_code="220102", township_code="220102001", answers={}))
        db.commit()
    return ids


def _check(app: Flask, who: int, rule) -> bool:
    with app.app_context():
        db = get_session()
        account = db.get(Account, who)
        application = db.scalars(select(Application)).one()
        return rule(db, account, application)


def test_the_resident_and_their_agent_see_the_application(app: Flask, world) -> None:
    assert _check(app, world["resident"], policies.can_view_application)
    assert _check(app, world["agent"], policies.can_view_application)


def test_a_resident_cannot_read_anothers_application(app: Flask, world) -> None:
    assert not _check(app, world["stranger"], policies.can_view_application)


def test_an_agent_without_consent_is_refused(app: Flask, world) -> None:
    with app.app_context():
        db = get_session()
        db.scalars(select(Delegation)).one().status = DelegationStatus.REQUESTED
        db.commit()
    assert not _check(app, world["agent"], policies.can_view_application)


def test_an_ended_delegation_gives_no_access(app: Flask, world) -> None:
    with app.app_context():
        db = get_session()
        db.scalars(select(Delegation)).one().status = DelegationStatus.ENDED
        db.commit()
    assert not _check(app, world["agent"], policies.can_view_application)
    with app.app_context():
        db = get_session()
        person = db.get(Person, world["person"])
        assert not policies.can_act_for_person(db, db.get(Account, world["agent"]), person)


@pytest.mark.engine
def test_staff_see_only_their_area(app: Flask, world) -> None:
    assert _check(app, world["caseworker_here"], policies.can_view_application)
    assert not _check(app, world["caseworker_elsewhere"], policies.can_view_application)
    assert not _check(app, world["counter_other_township"], policies.can_view_application)


def test_administrators_manage_accounts_but_do_not_read_cases(app: Flask, world) -> None:
    assert not _check(app, world["admin"], policies.can_view_application)


def test_a_deactivated_caseworker_sees_nothing(app: Flask, world) -> None:
    with app.app_context():
        db = get_session()
        db.get(Account, world["caseworker_here"]).is_active = False
        db.commit()
    assert not _check(app, world["caseworker_here"], policies.can_view_application)


@pytest.mark.engine
def test_lists_of_people_follow_the_same_rule(app: Flask, world) -> None:
    with app.app_context():
        db = get_session()
        for who, expected in [("resident", 1), ("agent", 1), ("stranger", 0),
                              ("caseworker_here", 1), ("caseworker_elsewhere", 0)]:
            account = db.get(Account, world[who])
            visible = db.scalars(select(Person).where(policies.people_visible_to(db, account)))
            assert len(visible.all()) == expected, who


@pytest.mark.engine
def test_lists_of_agent_requests_follow_the_same_rule_as_confirming_one(app: Flask) -> None:
    staff = {
        "counter_county": make_account(app, phone="13900001011", role=Role.COUNTER,
                                       area="220102"),
        "counter_township": make_account(app, phone="13900001012", role=Role.COUNTER,
                                         area="220102001"),
        "caseworker_elsewhere": make_account(app, phone="13900001013", role=Role.CASEWORKER,
                                             area="220103"),
        "approver": make_account(app, phone="13900001014", role=Role.APPROVER, area="220102"),
        "admin_of_province": make_account(app, phone="13900001015", role=Role.ADMIN, area="22"),
    }
    here = make_person(app, township="220102001")
    elsewhere = make_person(app, township="220103002")
    with app.app_context():
        db = get_session()
        # The request's county counts only while there is no person: then they live elsewhere.
        for person, county in [(here, None), (elsewhere, "220102"), (None, "220102"),
                               (None, "220103"), (None, None)]:
            db.add(Delegation(person_id=person, relationship_kind=Relationship.FAMILY,
                              status=DelegationStatus.REQUESTED, requested_county_code=county))
        db.commit()
        delegations = db.scalars(select(Delegation).order_by(Delegation.id)).all()
        listed_counts = {}
        for who, account_id in staff.items():
            account = db.get(Account, account_id)
            listed = set(db.scalars(select(Delegation.id).where(
                policies.delegations_confirmable_by(account))))
            allowed = {d.id for d in delegations if policies.can_confirm_delegation(db, account, d)}
            assert listed == allowed, who
            listed_counts[who] = len(listed)
    assert listed_counts == {"counter_county": 2, "counter_township": 1,
                             "caseworker_elsewhere": 2, "approver": 0, "admin_of_province": 0}
