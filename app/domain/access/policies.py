"""Who may see and do what: one function per access rule, used by every view and every list.

Views answer 404 when a rule refuses, so records cannot be discovered by guessing addresses.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, false, func, literal, not_, or_, select, true, union
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import ColumnElement

from app.domain.benefits.amounts import PROVINCE
from app.domain.casework.answers import ASSESSMENT_KIND, assessment_kind
from app.domain.casework.deciding_bodies import ROLE_OF_BODY, decides_at_city_level
from app.domain.models import (
    STAFF_ROLES,
    Account,
    Application,
    ApplicationStatus,
    AuditEvent,
    ChangeReport,
    Channel,
    Delegation,
    DelegationStatus,
    Document,
    Entitlement,
    EntitlementDecision,
    Person,
    Role,
    StatusEvent,
)
from app.domain.places.divisions import load_catalogue
from app.domain.rules.service_rules import RULES, Body

# Staff who work with applicants' records; administrators manage accounts, not cases.
CASE_STAFF = frozenset({Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.CIVIL_AFFAIRS})
# Who decides each service: the role of its deciding body (ServiceRules.decided_by). The two
# subsidies are decided (审定) by the county civil-affairs department after the disability
# federation's review (国发〔2015〕52号); the rest by the federation.
DECIDING_ROLES: dict[str, Role] = {
    code: ROLE_OF_BODY[rules.decided_by] for code, rules in RULES.items()}
# Civil-affairs staff see only the service they decide.
CIVIL_AFFAIRS_SERVICES = frozenset(code for code, role in DECIDING_ROLES.items()
                                   if role == Role.CIVIL_AFFAIRS)
EDITABLE_BY_APPLICANT = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFORMATION})


def is_case_staff(actor: Account) -> bool:
    return actor.is_active and actor.role in CASE_STAFF and bool(actor.area_code)


def area_covers(actor: Account, *, county_code: str | None, township_code: str | None) -> bool:
    """Whether a record at this place lies in the staff member's area."""
    if not actor.area_code:
        return False
    place = township_code or county_code
    if not place:
        return False
    return load_catalogue().contains(actor.area_code, place)


def active_delegation(session: Session, agent: Account, person_id: int) -> Delegation | None:
    return session.scalar(
        select(Delegation).where(
            Delegation.agent_account_id == agent.id,
            Delegation.person_id == person_id,
            Delegation.status == DelegationStatus.ACTIVE,
        )
    )


def can_act_for_person(session: Session, actor: Account, person: Person) -> bool:
    """The person themself, an agent with an active delegation, or case staff of their area."""
    if not actor.is_active:
        return False
    if actor.role == Role.PUBLIC:
        if actor.person_id == person.id:
            return True
        return active_delegation(session, actor, person.id) is not None
    return is_case_staff(actor) and (area_covers(
        actor, county_code=person.county_code, township_code=person.township_code)
        or _unplaced_in_township_county(actor, person.county_code, person.township_code))


def _township_county(actor: Account) -> str | None:
    """The county of a member of counter staff who sits at a township or street office."""
    if actor.role != Role.COUNTER:
        return None
    division = load_catalogue().get(actor.area_code or "")
    if division is None or division.level != "township":
        return None
    return division.parent_code


def _unplaced_in_township_county(actor: Account, county_code: str | None,
                                 township_code: str | None) -> bool:
    """A record made online knows its county (from the ID number) but no township yet: the
    counter staff of every township in that county serve it, as they would register it."""
    county = _township_county(actor)
    return county is not None and not township_code and county_code == county


def can_view_person(session: Session, actor: Account, person: Person) -> bool:
    return can_act_for_person(session, actor, person)


def can_record_hukou(session: Session, actor: Account, person: Person) -> bool:
    """Counter staff or a caseworker record or correct a person's 户籍 county: staff of the
    area where the person lives, or of the 户籍 county on record (which decides their
    applications and may be the one that finds the register wrong)."""
    if actor.role not in (Role.COUNTER, Role.CASEWORKER) or not is_case_staff(actor):
        return False
    return area_covers(actor, county_code=person.county_code,
                       township_code=person.township_code) or \
        area_covers(actor, county_code=person.hukou_county_code, township_code=None)


def may_receive_status_code(session: Session, application: Application, phone: str) -> bool:
    """A family member or other agent may have the status look-up code sent to their own phone:
    the number of an active, confirmed account with an active agent link (代办) to the
    applicant. Any other number gets nothing, and the look-up page says the same either way."""
    if application.person_id is None:
        return False
    return session.scalar(
        select(func.count()).select_from(Delegation)
        .join(Account, Account.id == Delegation.agent_account_id)
        .where(Delegation.person_id == application.person_id,
               Delegation.status == DelegationStatus.ACTIVE,
               Account.phone == phone, Account.is_active.is_(true()),
               Account.phone_verified_at.is_not(None))
    ) == 1


def deciding_role(service_code: str) -> Role:
    return DECIDING_ROLES.get(service_code, Role.APPROVER)


def _at_city_level(actor: Account) -> bool:
    division = load_catalogue().get(actor.area_code or "")
    return division is not None and division.level == "prefecture"


def may_decide(actor: Account, application: Application) -> bool:
    """The deciding role of the service; 重新评定 only by the city federation's approvers (an
    area at prefecture level, 《残疾人证管理办法》第二十五条), never a county's."""
    if actor.role != deciding_role(application.service_code):
        return False
    return _at_city_level(actor) or not decides_at_city_level(
        application.service_code, assessment_kind(application.answers))


# (service, kind) decided by the city federation: ServiceRules.decided_by_kind.
CITY_DECISIONS = tuple((code.value, kind) for code, rules in RULES.items()
                       for kind, body in rules.decided_by_kind.items()
                       if body == Body.CITY_FEDERATION)


def decided_by_actor_level(actor: Account) -> ColumnElement[bool]:
    """may_decide's city-level rule as SQL, for the "Ready for your decision" list."""
    if _at_city_level(actor) or not CITY_DECISIONS:
        return true()
    kind = func.coalesce(Application.answers[ASSESSMENT_KIND]["kind"].as_string(), "")
    return not_(or_(*(and_(Application.service_code == code, kind == decided)
                      for code, decided in CITY_DECISIONS)))


def _sees_service(actor: Account, service_code: str) -> bool:
    return actor.role != Role.CIVIL_AFFAIRS or service_code in CIVIL_AFFAIRS_SERVICES


def can_view_application(session: Session, actor: Account, application: Application) -> bool:
    if not actor.is_active:
        return False
    if actor.role == Role.PUBLIC:
        if application.person is None:  # a draft not yet tied to a person
            return application.created_by_account_id == actor.id
        if actor.person_id == application.person_id and not actor.is_real_name:
            # A record held on a typed name and number: the account's own applications only.
            # What counter staff filed for the person waits for real-name verification.
            return application.created_by_account_id == actor.id
        return can_act_for_person(session, actor, application.person)
    if not is_case_staff(actor) or not _sees_service(actor, application.service_code):
        return False
    county, township = application.county_code, application.township_code
    if not county and not township and application.person is not None:
        # A draft has no place of its own until it is sent: it lies where its person lives.
        return area_covers(actor, county_code=application.person.county_code,
                           township_code=application.person.township_code)
    # Sent: the township where it was lodged (通办: any in Jilin) and the deciding 户籍 county.
    return (bool(township) and area_covers(actor, county_code=None, township_code=township)) \
        or (bool(county) and area_covers(actor, county_code=county, township_code=None))


def applications_visible_to_staff(actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for staff lists of applications: can_view_application's staff rule, as SQL.

    A sent application lies where it was lodged (its township) and in the deciding county
    (its county_code, the applicant's 户籍 county); a draft not yet sent has no place of its
    own and lies where its person lives.
    """
    if not is_case_staff(actor):
        return false()
    township = func.nullif(Application.township_code, "")
    county = func.nullif(Application.county_code, "")
    people_here = select(Person.id).where(
        _inside(actor, func.coalesce(func.nullif(Person.township_code, ""), Person.county_code)))
    placed = or_(and_(township.is_not(None), _inside(actor, township)),
                 and_(county.is_not(None), _inside(actor, county)))
    unplaced = and_(township.is_(None), county.is_(None), Application.person_id.in_(people_here))
    visible = or_(placed, unplaced)
    if actor.role == Role.CIVIL_AFFAIRS:
        visible = and_(visible, Application.service_code.in_(sorted(CIVIL_AFFAIRS_SERVICES)))
    return visible


def can_edit_application(session: Session, actor: Account, application: Application) -> bool:
    """Applicants and counter staff change answers only while it is theirs to change.

    Counter staff never change someone's online draft (its phone, documents or declaration):
    the person who comes to the counter starts a counter application instead. They still
    answer staff's request for more information for an applicant who brings it in.
    """
    if not can_view_application(session, actor, application):
        return False
    if actor.role == Role.COUNTER and application.status == ApplicationStatus.DRAFT \
            and application.channel != Channel.COUNTER:
        return False
    if actor.role in (Role.PUBLIC, Role.COUNTER):
        return application.status in EDITABLE_BY_APPLICANT
    return False


def can_remove_document(session: Session, actor: Account, application: Application,
                        document: Document) -> bool:
    """Nothing sent is taken back: a file can be removed while the application is a draft,
    and while answering a request for more information (补正) only a file added since the
    request; the rest of what was sent stays on the file (issue 25)."""
    return can_take_back(session, actor, application, document.uploaded_at)


def can_reuse_document(session: Session, actor: Account, application: Application,
                       document: Document) -> bool:
    """A file accepted with another application of the same person may be added to this one
    (issue 23) by whoever may edit this one and see that one."""
    earlier = document.application
    return earlier is not None and application.person_id is not None \
        and earlier.person_id == application.person_id and earlier.id != application.id \
        and document.removed_at is None \
        and can_edit_application(session, actor, application) \
        and can_view_application(session, actor, earlier)


def can_take_back(session: Session, actor: Account, application: Application,
                  added_at: datetime) -> bool:
    """A file, or a promise to bring a paper, added at ``added_at`` may be taken back: in a
    draft, or during 补正 when it was added since the request."""
    if not can_edit_application(session, actor, application):
        return False
    if application.status == ApplicationStatus.DRAFT:
        return True
    asked_at = last_request_at(session, application)
    return asked_at is not None and aware(added_at) > asked_at


def last_request_at(session: Session, application: Application) -> datetime | None:
    """When staff last asked for more information (补正) on the application."""
    asked = session.scalar(
        select(func.max(StatusEvent.occurred_at))
        .where(StatusEvent.application_id == application.id,
               StatusEvent.to_status == ApplicationStatus.MORE_INFORMATION))
    return aware(asked) if asked is not None else None


def aware(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def can_send_letters(session: Session, actor: Account, application: Application) -> bool:
    """Counter staff and caseworkers of the application's area print the letters due to its
    applicant and mark them sent."""
    return actor.role in (Role.COUNTER, Role.CASEWORKER) \
        and can_view_application(session, actor, application)


def can_mark_paper_seen(session: Session, actor: Account, application: Application) -> bool:
    """Counter staff and caseworkers of the application's area record that they saw a paper
    document the applicant brought in, once the application is sent."""
    return actor.role in (Role.COUNTER, Role.CASEWORKER) \
        and application.status != ApplicationStatus.DRAFT \
        and can_view_application(session, actor, application)


def can_assign_application(session: Session, actor: Account, application: Application) -> bool:
    """Case staff of the application's area share its work; applicants never assign."""
    return is_case_staff(actor) and can_view_application(session, actor, application)


def _record_requested(session: Session, delegation: Delegation) -> Person | None:
    """The record a delegation is about: its person, or, while a request waits, the record
    that holds the number it names (None when the number is on no record)."""
    if delegation.person is not None:
        return delegation.person
    if not delegation.requested_id_number:
        return None
    return session.scalar(select(Person).where(
        Person.id_number == delegation.requested_id_number))


def can_confirm_delegation(session: Session, actor: Account, delegation: Delegation) -> bool:
    """Staff who have seen the proof confirm an agent's request where the person's record
    lives (counter staff of its township too); only a number on no record goes to the county
    the number names."""
    if actor.role not in (Role.COUNTER, Role.CASEWORKER) or not is_case_staff(actor):
        return False
    record = _record_requested(session, delegation)
    if record is not None:
        return area_covers(actor, county_code=record.county_code,
                           township_code=record.township_code)
    return area_covers(actor, county_code=delegation.requested_county_code, township_code=None)


def delegations_confirmable_by(actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for lists of delegations: the same rule as can_confirm_delegation.

    A delegation lies where its person lives; a request without a person yet lies where the
    record holding its number lives, and in the county its number names only when no record
    holds it.
    """
    if actor.role not in (Role.COUNTER, Role.CASEWORKER) or not is_case_staff(actor):
        return false()
    place = func.coalesce(func.nullif(Person.township_code, ""), Person.county_code)
    people_in_area = select(Person.id).where(_inside(actor, place))
    holds_number = Person.id_number == Delegation.requested_id_number
    on_record_here = select(Person.id).where(holds_number, _inside(actor, place)).exists()
    on_record = select(Person.id).where(holds_number).exists()
    return or_(Delegation.person_id.in_(people_in_area),
               and_(Delegation.person_id.is_(None),
                    or_(on_record_here,
                        and_(~on_record, _inside(actor, Delegation.requested_county_code)))))


def can_end_delegation(actor: Account, delegation: Delegation) -> bool:
    """Either side can end it: the person (held at the real-name level: a record held on a
    typed number gives no say over who acts for the person), or the agent."""
    return actor.is_active and actor.role == Role.PUBLIC and (
        (actor.person_id is not None and actor.person_id == delegation.person_id
         and actor.is_real_name)
        or actor.id == delegation.agent_account_id
    )


def can_invite_agent(actor: Account) -> bool:
    """Only the person, verified by real name, names who may act for them: an agent invited
    by a record held on a typed number would read what staff filed for the real person."""
    return actor.is_active and actor.role == Role.PUBLIC and actor.person_id is not None \
        and actor.is_real_name


def can_manage_staff(actor: Account) -> bool:
    """Administrators, each only within their own area (the rules below)."""
    return actor.is_active and actor.role == Role.ADMIN and bool(actor.area_code)


def can_assign_area(actor: Account, area_code: str) -> bool:
    """An administrator gives staff (themself included) only an area inside their own."""
    return can_manage_staff(actor) and area_covers(actor, county_code=None,
                                                   township_code=area_code)


def can_manage_staff_member(actor: Account, member: Account) -> bool:
    """An administrator sees and changes staff accounts whose area lies inside their own."""
    return member.role in STAFF_ROLES and bool(member.area_code) and \
        can_assign_area(actor, member.area_code or "")


def staff_visible_to(actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for lists of staff accounts: the same rule as can_manage_staff_member."""
    if not can_manage_staff(actor):
        return false()
    return and_(Account.role.in_(sorted(STAFF_ROLES)),
                _inside(actor, Account.area_code))


def can_manage_guide_videos(actor: Account) -> bool:
    """Guide videos are shown across the province, so only administrators of the province
    upload, change or publish them."""
    return can_manage_staff(actor) and covers_province(actor)


def can_set_deadlines(actor: Account, county_code: str) -> bool:
    """Administrators set the deadlines of counties inside their own area."""
    return can_manage_staff(actor) and area_covers(actor, county_code=county_code,
                                                   township_code=None)


def can_keep_work_calendar(actor: Account) -> bool:
    """The national holidays are one calendar for the province: its administrators enter them."""
    return can_manage_staff(actor) and covers_province(actor)


def can_set_county_rules(actor: Account, county_code: str) -> bool:
    """Administrators set the 公示 and home-modification places of counties inside their area."""
    return can_set_deadlines(actor, county_code)


STATISTICS_ROLES = frozenset({Role.STATISTICS, Role.ADMIN})


def can_view_statistics(actor: Account, area_code: str) -> bool:
    """Statistics managers and administrators read the figures of their own area only: the
    province's managers every county, a county's managers their county (404 otherwise)."""
    division = load_catalogue().get(area_code)
    return actor.is_active and actor.role in STATISTICS_ROLES and bool(actor.area_code) and \
        division is not None and division.level != "township" and \
        area_covers(actor, county_code=area_code, township_code=None)


def sees_small_counts(actor: Account, county_code: str) -> bool:
    """Counts of 1 to 4 people are shown as they are only to the county's own staff (its area
    is the county itself); anyone else (the province, another county) reads "fewer than 5"."""
    return can_view_statistics(actor, county_code) and actor.area_code == county_code


def can_read_audit_log(actor: Account) -> bool:
    return can_manage_staff(actor)


def audit_events_visible_to(actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for the audit log: the events about the administrator's area.

    An event belongs to the area of whom it concerns: the person whose data it is about, else
    the application (where it was filed), else the staff account it changed (detail
    "account_id"), else the staff member who acted (lists, deadlines, reading this log). Events
    with none of these (the system's own) belong to the province. Administrators of the province
    read every event.
    """
    if not can_read_audit_log(actor):
        return false()
    if covers_province(actor):
        return true()
    codes = area_codes(actor.area_code or "")
    people = select(Person.id).where(or_(Person.township_code.in_(codes),
                                         Person.county_code.in_(codes)))
    applications = select(Application.id).where(or_(Application.township_code.in_(codes),
                                                    Application.county_code.in_(codes)))
    staff = select(Account.id).where(Account.area_code.in_(codes))
    changed_account = AuditEvent.detail["account_id"].as_integer()
    return or_(
        AuditEvent.person_id.in_(people),
        and_(AuditEvent.person_id.is_(None), AuditEvent.application_id.in_(applications)),
        and_(AuditEvent.person_id.is_(None), AuditEvent.application_id.is_(None),
             or_(changed_account.in_(staff),
                 and_(changed_account.is_(None), AuditEvent.actor_account_id.in_(staff)))),
    )


def can_use_counter(actor: Account) -> bool:
    return actor.role == Role.COUNTER and is_case_staff(actor)


def applications_visible_to_public(actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for a resident's or agent's list of applications: can_view_application's
    rule for them, as SQL (drafts without a person they made; the applications of people they
    act for; their own record's: all when real-name verified, else those they made)."""
    made_by_them = Application.created_by_account_id == actor.id
    delegated = select(Delegation.person_id).where(
        Delegation.agent_account_id == actor.id, Delegation.status == DelegationStatus.ACTIVE)
    # A UNION of indexed look-ups, not an OR: with millions of applications an OR across them
    # made PostgreSQL read them all (issue 14's benchmark).
    parts = [select(Application.id).where(made_by_them, Application.person_id.is_(None)),
             select(Application.id).where(Application.person_id.in_(delegated))]
    if actor.person_id is not None:
        own = Application.person_id == actor.person_id
        parts.append(select(Application.id).where(own if actor.is_real_name
                                                  else and_(own, made_by_them)))
    return Application.id.in_(union(*parts))


def people_visible_to(session: Session, actor: Account) -> ColumnElement[bool]:
    """A WHERE clause for lists of people: the same rule as can_view_person, as SQL."""
    if actor.role == Role.PUBLIC:
        delegated = select(Delegation.person_id).where(
            Delegation.agent_account_id == actor.id,
            Delegation.status == DelegationStatus.ACTIVE)
        if actor.person_id is None:
            return Person.id.in_(delegated)
        # One IN over a UNION rather than an OR: PostgreSQL joins it through the indexes,
        # where "id = own OR id IN (...)" reads every person (issue 14's benchmark).
        return Person.id.in_(union(select(literal(actor.person_id)), delegated))
    if not is_case_staff(actor):
        return Person.id.is_(None)
    codes = area_codes(actor.area_code or "")
    visible = or_(Person.township_code.in_(codes), Person.county_code.in_(codes))
    if (county := _township_county(actor)) is not None:
        unplaced = and_(func.coalesce(Person.township_code, "") == "",
                        Person.county_code == county)
        visible = or_(visible, unplaced)
    return visible


def area_codes(area_code: str) -> list[str]:
    """Every division code inside an area, itself included (for IN clauses on indexed columns)."""
    catalogue = load_catalogue()
    found, frontier = [], [area_code] if catalogue.get(area_code) else []
    while frontier:
        code = frontier.pop()
        found.append(code)
        frontier.extend(child.code for child in catalogue.children(code))
    return found


def covers_province(actor: Account) -> bool:
    """Whether the staff member's area is the whole province (the catalogue's top division)."""
    division = load_catalogue().get(actor.area_code or "")
    return division is not None and division.parent_code is None


def _inside(actor: Account, column: ColumnElement[str | None] | InstrumentedAttribute[str | None]
            ) -> ColumnElement[bool]:
    # The province holds every division: no need for an IN list of all of them.
    if covers_province(actor):
        return column.is_not(None)
    return column.in_(area_codes(actor.area_code or ""))


def _civil_affairs_covering(actor: Account, county_code: str) -> bool:
    """Civil affairs (民政) staff whose area holds the county: the rules below are theirs, each
    named for what it lets them do, so a rule can change alone when the province decides."""
    return actor.role == Role.CIVIL_AFFAIRS and is_case_staff(actor) \
        and area_covers(actor, county_code=county_code, township_code=None)


def can_run_payments(actor: Account, county_code: str) -> bool:
    """County civil affairs (民政) run the county's monthly payments of the two subsidies, export
    the roster for the bank and import its return file (issue 22)."""
    division = load_catalogue().get(county_code)
    return division is not None and division.level == "county" \
        and _civil_affairs_covering(actor, county_code)


def can_keep_amounts(actor: Account, county_code: str) -> bool:
    """The province's administrators keep its standard of the two subsidies; a county's
    administrators or its civil affairs (民政) keep the county's top-up (县级提标)."""
    if not actor.is_active or not actor.area_code:
        return False
    if county_code == PROVINCE:
        return actor.role == Role.ADMIN and covers_province(actor)
    division = load_catalogue().get(county_code)
    return actor.role in (Role.ADMIN, Role.CIVIL_AFFAIRS) and division is not None and \
        division.level == "county" and area_covers(actor, county_code=county_code,
                                                   township_code=None)


# Reported changes, decisions about an entitlement and objections (issue 22).


def can_report_change(session: Session, actor: Account, person: Person) -> bool:
    """The person, their agent (family reporting a death among them) or counter staff of their
    area report a change; caseworkers and civil affairs decide, they do not report."""
    return actor.role in (Role.PUBLIC, Role.COUNTER) \
        and can_act_for_person(session, actor, person)


def can_view_change_report(session: Session, actor: Account, report: ChangeReport) -> bool:
    """Who may report for the person, and civil affairs of the county paying them."""
    return can_report_change(session, actor, report.person) \
        or can_decide_entitlement_matters(actor, report.county_code)


def can_decide_entitlement_matters(actor: Account, county_code: str) -> bool:
    """County civil affairs decide reports, stops, resumptions, 追回 and objections of the
    allowances their county pays (民政审定, 国发〔2015〕52号)."""
    return _civil_affairs_covering(actor, county_code)


def can_view_entitlement_decision(session: Session, actor: Account,
                                  decision: EntitlementDecision) -> bool:
    entitlement = decision.entitlement
    return can_report_change(session, actor, entitlement.person) \
        or can_decide_entitlement_matters(actor, entitlement.county_code)


def can_object(session: Session, actor: Account, decision: EntitlementDecision) -> bool:
    """异议: the person, their agent, or counter staff writing it down for them."""
    return can_report_change(session, actor, decision.entitlement.person)


# My allowances and 定期复核 (issue 22).


def can_view_allowances(session: Session, actor: Account, person: Person) -> bool:
    """The person themself, an agent with an active delegation, counter staff of their area
    (who print a statement for someone in front of them) and civil affairs of their area."""
    if actor.role not in (Role.PUBLIC, Role.COUNTER, Role.CIVIL_AFFAIRS):
        return False
    return can_act_for_person(session, actor, person)


def can_view_entitlement(session: Session, actor: Account, entitlement: Entitlement) -> bool:
    """As can_view_application for residents: an account not yet verified by real name sees
    on its own record only what came from its own applications."""
    if not can_view_allowances(session, actor, entitlement.person):
        return False
    if actor.role == Role.PUBLIC and actor.person_id == entitlement.person_id:
        return actor.is_real_name or \
            entitlement.application.created_by_account_id == actor.id
    return True


def can_answer_review(session: Session, actor: Account, person: Person) -> bool:
    """The recipient or their agent online, or counter staff of their area at the counter."""
    if actor.role == Role.PUBLIC:
        return can_act_for_person(session, actor, person)
    return can_use_counter(actor) and can_act_for_person(session, actor, person)


def can_run_review_rounds(actor: Account, county_code: str) -> bool:
    """County civil affairs open the review of the counties in their area, draw its sample of
    checks and record what the checks found."""
    return _civil_affairs_covering(actor, county_code)


# Issue 23: the rosters, the monthly comparison and 一人一档.
def can_import_rosters(actor: Account) -> bool:
    """Civil affairs staff (民政) import the 低保/特困 and death rosters of their area and run
    the comparison of who may be entitled and has not applied."""
    return actor.role == Role.CIVIL_AFFAIRS and is_case_staff(actor)


def can_invite_to_apply(actor: Account, county_code: str) -> bool:
    """Civil affairs staff of the county whose roster found the person."""
    return _civil_affairs_covering(actor, county_code)


def can_view_person_file(session: Session, actor: Account, person: Person) -> bool:
    """一人一档: the person, their agent, and case staff of their area (as can_view_person);
    what each sees of the applications follows the applications' own rule."""
    return can_view_person(session, actor, person)
