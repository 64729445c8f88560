"""Applications from draft to submission: every step saved as it is sent, submitted exactly once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain import clock
from app.domain.access.policies import applications_visible_to_public, applications_visible_to_staff
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework import jurisdiction
from app.domain.casework.answers import (
    ADDRESS_TOWNSHIP,
    CONTACT,
    address_county,
    card_number,
    communication_needs,
    full_name,
    hukou_county_choice,
    step_answer,
)
from app.domain.casework.answers import id_number as typed_id_number
from app.domain.casework.made_by import MadeBy
from app.domain.casework.reference import new_reference
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    Person,
    StatusEvent,
)
from app.domain.people.delegations import IdNumberTaken, can_claim_person, find_person
from app.domain.people.identity import parse_resident_id

# Working days the county federation has to accept (受理) or return a submitted application.
ACCEPTANCE_WORKING_DAYS = 5


class AlreadySubmitted(Exception):
    """A second submit (double click, refresh, back button): the first one stands."""


def start_application(session: Session, *, service_code: str, created_by: Account,
                      channel: Channel, person: Person | None = None) -> Application:
    application = Application(service_code=service_code, created_by=created_by, channel=channel,
                              person=person, status=ApplicationStatus.DRAFT, answers={})
    session.add(application)
    session.flush()
    return application


def open_draft(session: Session, *, service_code: str, created_by: Account,
               channel: Channel, person: Person | None = None) -> Application | None:
    """The draft this account already has for this service (and person), to resume it."""
    query = select(Application).where(
        Application.service_code == service_code,
        Application.created_by_account_id == created_by.id,
        Application.channel == channel,
        Application.status == ApplicationStatus.DRAFT,
    )
    if person is not None:
        query = query.where(Application.person_id == person.id)
    return session.scalars(query.order_by(Application.id.desc())).first()


def save_step(application: Application, key: str, answer: Mapping[str, Any], *,
              clears: tuple[str, ...] = ()) -> None:
    """Stores one step's answer; answers this one invalidates are dropped when it changed."""
    answers = dict(application.answers)
    if answers.get(key) != dict(answer):
        for cleared in clears:
            answers.pop(cleared, None)
    answers[key] = dict(answer)
    application.answers = answers  # a new dict, so SQLAlchemy sees the JSON change


def submit_application(session: Session, application: Application, *, actor: Account,
                       answers_on_path: Mapping[str, Mapping[str, Any]],
                       county_code: str, township_code: str,
                       made_by: MadeBy | None = None,
                       today: date | None = None) -> Application:
    """Submits once. A repeat (double click, refresh) raises AlreadySubmitted."""
    if application.status != ApplicationStatus.DRAFT:
        raise AlreadySubmitted(application.reference)
    now = clock.utc_now()
    application.made_by = made_by.record() if made_by else None
    application.answers = {key: dict(value) for key, value in answers_on_path.items()}
    application.status = ApplicationStatus.SUBMITTED
    application.reference = _unused_reference(session)
    application.submitted_at = now
    # Lodged at this township (any in Jilin: 通办); decided by the applicant's 户籍 county.
    application.lodged_county_code = county_code
    application.county_code = jurisdiction.deciding_county(application.person, county_code)
    application.township_code = township_code
    # Past the calendar's last year the date is provisional (weekends only), and shown so.
    application.due_on = calendar_for(session).add_working_days(
        today or clock.date_in_china(now),
        jurisdiction.submission_working_days(application, ACCEPTANCE_WORKING_DAYS))
    session.add(StatusEvent(application=application, from_status=ApplicationStatus.DRAFT,
                            to_status=ApplicationStatus.SUBMITTED, actor=actor,
                            channel=application.channel, occurred_at=now))
    try:
        session.flush()
    except StaleDataError as conflict:  # the same draft submitted twice at once
        session.rollback()
        raise AlreadySubmitted(None) from conflict
    return application


def _unused_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        if session.scalar(select(Application.id).where(Application.reference == reference)) is None:
            return reference


def id_number_usable(session: Session, account: Account, id_number: str, *,
                     for_self: bool) -> bool:
    """Whether a new applicant may be given this ID number: a number not on record, or the
    applicant's own record when ``delegations.can_claim_person`` allows it."""
    person = find_person(session, id_number)
    return person is None or (for_self and can_claim_person(session, account, person))


def person_for_new_applicant(session: Session, account: Account,
                             answers: Mapping[str, Mapping[str, Any]], *, phone: str | None,
                             for_self: bool) -> Person:
    """The person an application made without a person record is for.

    A number not on record makes a new person from the answers (the account's own when
    ``for_self``). A number on record is only ever the applicant's own record, claimed under
    ``can_claim_person``, and what was typed does not change it; for anyone else the
    application stops with IdNumberTaken: typing a number never reaches someone's record.
    """
    id_number = parse_resident_id(typed_id_number(answers) or "", today=clock.today_in_china())
    person = find_person(session, id_number.value)
    if person is not None:
        if not id_number_usable(session, account, id_number.value, for_self=for_self):
            raise IdNumberTaken(id_number.value)
    else:
        person = Person(full_name=full_name(answers), id_number=id_number.value,
                        birth_date=id_number.birth_date, sex=id_number.sex,
                        hukou_county_code=hukou_county_code(answers), communication_needs=[])
        session.add(person)
        update_person_contact(person, answers, phone=phone)
    if for_self:
        account.person = person
    return person


def hukou_county_code(answers: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The 户籍 county a new applicant gave: the one chosen, or where they live for "the same"."""
    chosen = hukou_county_choice(answers)
    if chosen == jurisdiction.SAME_AS_HOME:
        return address_county(answers)
    return chosen or None


def update_person_contact(person: Person, answers: Mapping[str, Mapping[str, Any]], *,
                          phone: str | None) -> None:
    """The latest contact details the person gave become those on record.

    The phone on record is never overwritten by an application (the number typed may be an
    agent's or a relative's): it is only filled in when the record has none. The application
    keeps the number it was given, and its messages go there.
    """
    township = step_answer(answers, ADDRESS_TOWNSHIP)
    contact = step_answer(answers, CONTACT)
    card = card_number(answers)
    person.phone = person.phone or phone
    person.county_code = address_county(answers, person.county_code)
    person.township_code = township.get("township", person.township_code)
    person.address_line = township.get("address_line", person.address_line)
    person.contact_channel = contact.get("channel", person.contact_channel)
    person.preferred_language = contact.get("language", person.preferred_language)
    needs = communication_needs(answers)
    if needs is not None:
        person.communication_needs = [need for need in needs if need != "none"]
    if card:
        person.disability_card_number = card


def applications_for_account(session: Session, account: Account) -> list[Application]:
    """Drafts this account started and applications for the people it may act for (its own
    record's as policies.applications_visible_to_public allows)."""
    return list(session.scalars(
        select(Application).where(applications_visible_to_public(account))
        .order_by(Application.updated_at.desc(), Application.id.desc())
    ))


def applications_of_person_for_staff(session: Session, staff: Account,
                                     person_id: int) -> list[Application]:
    """A person's applications that this member of staff may see, newest first (for the
    counter's person page); the access rule is applied in SQL (policies)."""
    return list(session.scalars(
        select(Application)
        .where(Application.person_id == person_id,
               applications_visible_to_staff(staff))
        .order_by(Application.created_at.desc(), Application.id.desc())
    ))
