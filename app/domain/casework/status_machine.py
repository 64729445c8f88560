"""One status machine for every service: who may move an application where, and what it needs.

The domain refuses an illegal transition whatever a page shows. Every change writes a StatusEvent
in the same transaction, and the version column turns a second, stale edit into a clear conflict.
Each service's order of steps (docs/process.md) is enforced here, from data:

- every service: 受理 (accept) → 审核 (review) ⇄ 补正 → a caseworker passes it for decision →
  the deciding role approves or refuses → the service's stages after approval → completed;
- an assessment before the decision (app.domain.casework.stages): 评定 right after 受理 for the
  disability card, after 初审 for assistive devices and home modification; it must be finished
  (every stage recorded, its date passed) before the decision;
- two subsidies: 公示 for the county's number of days (app.domain.rules.county_rules) before
  民政审定, which only the civil-affairs role does;
- a first disability card: 公示 for 5 working days after the assessment result, then the
  county's review within 10 working days; 重新评定 is decided by the city federation
  (ServiceRules, policies.may_decide); recording the card issued or cancelled sets the card's
  dates on the person's record (app.domain.people.cards);
- home modification: approval takes one of the county's places for the year; when none are
  left, the application waits for next year's places.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.access import policies
from app.domain.benefits import entitlements
from app.domain.benefits.allowances import AllowanceDecision, check, claimed
from app.domain.calendar.deadlines import working_days
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework import case_checks, jurisdiction
from app.domain.casework.answers import assessment_kind, cancellation_ground
from app.domain.casework.stages import (
    assessment_done,
    needs_date,
    next_stage,
    stages_before_decision,
)
from app.domain.models import (
    Account,
    Application,
    Channel,
    Role,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.people import cards
from app.domain.rules import county_rules
from app.domain.rules.service_rules import ServiceRules, rules_for

CARD_ISSUED, CARD_CANCELLED = "card_issued", "card_cancelled"  # the card service's outcomes
# The county's review after a fixed 公示, bound by ServiceRules.review_after_notice.
REVIEWED_AFTER_NOTICE = frozenset({S.IN_REVIEW, S.READY_FOR_DECISION})
APPLICANT = "applicant"  # the person, or an agent acting for them
DECIDER = "decider"  # the service's deciding role (policies.deciding_role)


@dataclass(frozen=True)
class Transition:
    name: str
    source: frozenset[S]
    target: S
    actors: frozenset[Role | str]
    needs_reason: bool = False
    # An opinion for the file (初审意见, 审核意见), which the decider reads.
    needs_opinion: bool = False


BEFORE_DECISION = frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_REVIEW, S.MORE_INFORMATION,
                             S.ASSESSING, S.PUBLIC_NOTICE, S.READY_FOR_DECISION,
                             S.WAITING_FOR_QUOTA, S.WAITING_FOR_CARD})

TRANSITIONS: tuple[Transition, ...] = (
    Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED,
               frozenset({Role.COUNTER, Role.CASEWORKER}), needs_opinion=True),
    Transition("return", frozenset({S.SUBMITTED}), S.RETURNED,
               frozenset({Role.COUNTER, Role.CASEWORKER}), needs_reason=True),
    Transition("start_review", frozenset({S.ACCEPTED}), S.IN_REVIEW,
               frozenset({Role.CASEWORKER})),
    Transition("start_assessment", frozenset({S.ACCEPTED, S.IN_REVIEW}), S.ASSESSING,
               frozenset({Role.CASEWORKER})),
    Transition("finish_assessment", frozenset({S.ASSESSING}), S.IN_REVIEW,
               frozenset({Role.CASEWORKER})),
    Transition("request_information", frozenset({S.IN_REVIEW}), S.MORE_INFORMATION,
               frozenset({Role.CASEWORKER}), needs_reason=True),
    Transition("provide_information", frozenset({S.MORE_INFORMATION}), S.IN_REVIEW,
               frozenset({APPLICANT, Role.COUNTER})),
    Transition("start_public_notice", frozenset({S.IN_REVIEW}), S.PUBLIC_NOTICE,
               frozenset({Role.CASEWORKER})),
    Transition("pass_for_decision", frozenset({S.IN_REVIEW, S.PUBLIC_NOTICE}),
               S.READY_FOR_DECISION, frozenset({Role.CASEWORKER}), needs_opinion=True),
    Transition("return_to_review", frozenset({S.READY_FOR_DECISION, S.PUBLIC_NOTICE}),
               S.IN_REVIEW, frozenset({Role.CASEWORKER, DECIDER}), needs_reason=True),
    Transition("approve", frozenset({S.READY_FOR_DECISION, S.WAITING_FOR_QUOTA}), S.APPROVED,
               frozenset({DECIDER}), needs_reason=True),
    Transition("wait_for_quota", frozenset({S.READY_FOR_DECISION}), S.WAITING_FOR_QUOTA,
               frozenset({DECIDER})),
    Transition("refuse", frozenset({S.READY_FOR_DECISION, S.WAITING_FOR_QUOTA}), S.REFUSED,
               frozenset({DECIDER}), needs_reason=True),
    Transition("start_stages", frozenset({S.APPROVED}), S.IN_PROGRESS,
               frozenset({Role.CASEWORKER})),
    Transition("complete", frozenset({S.IN_PROGRESS}), S.COMPLETED,
               frozenset({Role.CASEWORKER})),
    Transition("withdraw", BEFORE_DECISION,
               S.WITHDRAWN, frozenset({APPLICANT, Role.COUNTER})),
)
BY_NAME = {transition.name: transition for transition in TRANSITIONS}


class TransitionRefused(Exception):
    """The transition is not allowed from this status, for this person, or without a reason."""


class ReasonMissing(TransitionRefused):
    """The transition is allowed but needs a reason the applicant will read."""


class OpinionMissing(TransitionRefused):
    """Accepting, or passing for decision, needs staff's opinion for the file."""


class DateMissing(TransitionRefused):
    """The stage arranges an appointment or visit, and its date is needed."""


class StageTooEarly(TransitionRefused):
    """The stage before it has a date still to come: it cannot be done yet."""


class EditConflict(Exception):
    """Someone else changed the application since this page was opened."""


def actor_kinds(session: Session, actor: Account, application: Application) -> set[Role | str]:
    """What the actor counts as for this application: applicant, their role, the decider."""
    if not policies.can_view_application(session, actor, application):
        return set()
    if actor.role == Role.PUBLIC:
        return {APPLICANT}
    kinds: set[Role | str] = {actor.role}
    if policies.may_decide(actor, application):
        kinds.add(DECIDER)
    return kinds


def actor_kind(session: Session, actor: Account, application: Application) -> Role | str | None:
    if actor.role == Role.PUBLIC:
        return APPLICANT if policies.can_view_application(session, actor, application) else None
    return actor.role if policies.can_view_application(session, actor, application) else None


# --- the rules of each service, beyond status and actor --------------------------------------

def application_kind(application: Application) -> str | None:
    """The kind of card service the wizard recorded (renewal, reissue ...); None elsewhere."""
    return assessment_kind(application.answers)


def _assessed(application: Application) -> bool:
    return bool(stages_before_decision(application.service_code, application_kind(application)))


def _rules(application: Application) -> ServiceRules | None:
    return rules_for(application.service_code)


def _assessment_starts_from(application: Application) -> S | None:
    rules = _rules(application)
    return rules.assessment_starts_from if rules else None


def _assessment_starts_here(session: Session, application: Application, today: date) -> bool:
    starts = _assessment_starts_from(application)
    return starts == application.status and application.stage is None and _assessed(application)


def _review_starts_here(session: Session, application: Application, today: date) -> bool:
    # The disability card's review (审核) comes after the assessment (评定), not before; a card
    # service without an assessment (renewal, reissue ...) is reviewed straight away.
    return _assessment_starts_from(application) != S.ACCEPTED \
        or not _assessed(application)


def _assessment_finished(session: Session, application: Application, today: date) -> bool:
    return assessment_done(application.service_code, application.stage,
                           application_kind(application)) and \
        stage_date_pending(session, application, today) is None


def _fixed_notice_days(application: Application) -> int | None:
    """The working days of a 公示 a national rule fixes for this kind (the new card's 5)."""
    rules = _rules(application)
    if rules is None or application_kind(application) not in rules.fixed_notice_kinds:
        return None
    return rules.fixed_notice_working_days


def _public_notice_applies(session: Session, application: Application, today: date) -> bool:
    if _fixed_notice_days(application) is not None:
        return True
    rules = _rules(application)
    return rules is not None and rules.public_notice and \
        county_rules.public_notice(session, application.county_code).published


def _ready_for_decision(session: Session, application: Application, today: date) -> bool:
    if not _assessment_finished(session, application, today):
        return False
    if application.status == S.PUBLIC_NOTICE:
        return public_notice_over(application, today)
    # Where the county publishes a 公示, the decision waits for it.
    return not _public_notice_applies(session, application, today)


def _separate_allowances(application: Application) -> bool:
    rules = _rules(application)
    return rules is not None and rules.separate_allowances


def _has_yearly_places(application: Application) -> bool:
    rules = _rules(application)
    return rules is not None and rules.yearly_places


def _has_place(session: Session, application: Application, today: date) -> bool:
    if not _has_yearly_places(application):
        return application.status != S.WAITING_FOR_QUOTA
    left = county_rules.places_left(session, application.county_code, today.year)
    return left is None or left > 0


def _no_place(session: Session, application: Application, today: date) -> bool:
    return _has_yearly_places(application) and \
        not _has_place(session, application, today)


def _stages_finished(session: Session, application: Application, today: date) -> bool:
    return stage_to_record(application) is None and \
        stage_date_pending(session, application, today) is None


Guard = Callable[[Session, Application, date], bool]
GUARDS: dict[str, Guard] = {
    "start_review": _review_starts_here,
    "start_assessment": _assessment_starts_here,
    "finish_assessment": _assessment_finished,
    "start_public_notice": _public_notice_applies,
    "pass_for_decision": _ready_for_decision,
    "approve": _has_place,
    "wait_for_quota": _no_place,
    "complete": _stages_finished,
}


def allowed_transitions(session: Session, actor: Account, application: Application, *,
                        today: date | None = None) -> list[Transition]:
    kinds = actor_kinds(session, actor, application)
    if not kinds:
        return []
    today = today or clock.today_in_china()
    allowed = []
    for candidate in TRANSITIONS:
        if application.status not in candidate.source or not kinds & candidate.actors:
            continue
        guard = GUARDS.get(candidate.name)
        if guard is None or guard(session, application, today):
            allowed.append(candidate)
    return allowed


def stage_to_record(application: Application) -> str | None:
    """The service stage that must be recorded next: while assessing, or once in progress."""
    if application.status == S.ASSESSING:
        return next_stage(application.service_code, application.stage, before_decision=True,
                          kind=application_kind(application))
    if application.status == S.IN_PROGRESS:
        return next_stage(application.service_code, application.stage,
                          kind=application_kind(application))
    return None


def stage_date_pending(session: Session, application: Application, today: date) -> date | None:
    """The date of the last recorded stage, while it is still to come: nothing that follows it
    (the next stage, the end of the assessment, completion) may be recorded before then."""
    if not needs_date(application.service_code, application.stage) or application.id is None:
        return None
    scheduled = session.scalar(
        select(StatusEvent.scheduled_for)
        .where(StatusEvent.application_id == application.id,
               StatusEvent.stage == application.stage,
               StatusEvent.scheduled_for.is_not(None))
        .order_by(StatusEvent.occurred_at.desc(), StatusEvent.id.desc()).limit(1))
    return scheduled if scheduled is not None and scheduled > today else None


def public_notice_over(application: Application, today: date) -> bool:
    ends = application.public_notice_ends_on
    return ends is not None and today > ends


def due_date(session: Session, application: Application, status: S,
             start: date) -> date | None:
    days = working_days(session, application.county_code, status)
    calendar = calendar_for(session)
    if status == S.PUBLIC_NOTICE and application.public_notice_ends_on is not None:
        # The notice's own end: the next step is due the first working day after it.
        return calendar.add_working_days(application.public_notice_ends_on, 1)
    if days is None:
        return None
    due = calendar.add_working_days(start, days)
    if status in REVIEWED_AFTER_NOTICE and _fixed_notice_days(application) is not None \
            and application.decide_by is not None:
        return min(due, application.decide_by)  # the county's review after the 公示
    return jurisdiction.cap_due_date(application, status, due, start, calendar)


def _apply_effects(session: Session, application: Application, chosen: Transition,
                   today: date) -> None:
    """What a transition changes besides the status (notice dates, places, 通办 deadlines)."""
    if chosen.name == "accept":
        jurisdiction.on_received(application, today, calendar_for(session))
    if chosen.target == S.PUBLIC_NOTICE:
        fixed = _fixed_notice_days(application)
        rules = _rules(application)
        if fixed is not None and rules is not None and rules.review_after_notice is not None:
            # Working days from the day after it is put up (民法典 第二百零一条: the first day
            # is not counted); the review's working days run from the day after it ends.
            calendar = calendar_for(session)
            application.public_notice_ends_on = calendar.add_working_days(today, fixed)
            application.decide_by = calendar.add_working_days(
                application.public_notice_ends_on, rules.review_after_notice)
        else:
            days = county_rules.public_notice(session, application.county_code).days
            application.public_notice_ends_on = today + timedelta(days=days - 1)
    if chosen.name == "approve" and _has_yearly_places(application) and \
            county_rules.quota_places(session, application.county_code, today.year) is not None:
        application.quota_year = today.year


def transition(session: Session, application: Application, name: str, *, actor: Account,
               channel: Channel, reason: str | None = None, expected_version: int | None = None,
               stage: str | None = None, today: date | None = None,
               required_documents: Sequence[str] | None = None,
               opinion: str | None = None,
               allowances: Sequence[AllowanceDecision] | None = None) -> StatusEvent:
    """Moves the application on. ``required_documents``: the codes of the documents it needs
    (the service definition's, from its answers); passing it for decision is refused
    (DocumentsMissing) while one of them is neither uploaded nor seen on paper."""
    # A stale page is told first: what it tries may only be illegal because someone moved on.
    if expected_version is not None and expected_version != application.version:
        raise EditConflict(application.id)
    now = clock.utc_now()
    today = today or clock.date_in_china(now)
    chosen = BY_NAME.get(name)
    if chosen is None or chosen not in allowed_transitions(session, actor, application,
                                                           today=today):
        raise TransitionRefused(name)
    if chosen.needs_reason and not (reason and reason.strip()):
        raise ReasonMissing(name)
    if chosen.needs_opinion and not (opinion and opinion.strip()):
        raise OpinionMissing(name)
    claimed_allowances = claimed(application.answers) \
        if _separate_allowances(application) and chosen.name == "approve" else []
    if claimed_allowances:  # each allowance decided on its own (issue 25)
        check(allowances or (), claimed_allowances,
              applied_in=clock.date_in_china(application.submitted_at)
              if application.submitted_at else None)
    if chosen.name == "pass_for_decision" and required_documents is not None:
        missing = case_checks.missing_documents(session, application, required_documents)
        if missing:
            raise case_checks.DocumentsMissing(missing)
    _apply_effects(session, application, chosen, today)
    # Looked up before anything changes, so the query does not flush a half-made change.
    due_on = due_date(session, application, chosen.target, today)
    event = StatusEvent(application=application, from_status=application.status,
                        to_status=chosen.target, actor=actor, channel=channel,
                        reason=(reason or "").strip() or None, occurred_at=now, stage=stage,
                        opinion=((opinion or "").strip() or None) if chosen.needs_opinion
                        else None,
                        allowances=[d.as_stored() for d in allowances or ()]
                        if claimed_allowances else None)
    session.add(event)
    application.status = chosen.target
    if stage is not None:
        application.stage = stage
    application.due_on = due_on
    if chosen.target in (S.APPROVED, S.REFUSED):
        application.decided_at = now
    if claimed_allowances:  # each granted allowance is paid monthly from now on (issue 22)
        entitlements.create_for_approval(session, application, allowances or (), today)
    return event


def advance_stage(session: Session, application: Application, stage: str, *, actor: Account,
                  channel: Channel, note: str | None = None, scheduled_for: date | None = None,
                  expected_version: int | None = None, today: date | None = None) -> StatusEvent:
    """Records the next of the service's own stages (appointment, works...), in their order,
    never before the date of the stage before it."""
    if expected_version is not None and expected_version != application.version:
        raise EditConflict(application.id)
    now = clock.utc_now()
    today = today or clock.date_in_china(now)
    if actor.role != Role.CASEWORKER or stage != stage_to_record(application) or \
            not policies.can_view_application(session, actor, application):
        raise TransitionRefused("advance_stage")
    if stage_date_pending(session, application, today) is not None:
        raise StageTooEarly(stage)
    dated = needs_date(application.service_code, stage)
    if dated and scheduled_for is None:
        raise DateMissing(stage)
    due_on = due_date(session, application, application.status, today)
    event = StatusEvent(application=application, from_status=application.status,
                        to_status=application.status, actor=actor, channel=channel,
                        reason=(note or "").strip() or None, occurred_at=now, stage=stage,
                        scheduled_for=scheduled_for if dated else None)
    session.add(event)
    application.stage = stage
    application.due_on = due_on
    _record_on_the_card(application, stage, today)
    return event


def _record_on_the_card(application: Application, stage: str, today: date) -> None:
    """The card's dates follow what the assessment service did to it (app.domain.people.cards)."""
    person = application.person
    if person is None:
        return
    if stage == CARD_ISSUED:
        cards.record_issued(person, today)
    elif stage == CARD_CANCELLED:
        # Death is not passed on to the allowances here: the lead hooks "stop entitlements on
        # death" where the money part records it (issue 22).
        cards.record_cancelled(person, cancellation_ground(application.answers), today)
