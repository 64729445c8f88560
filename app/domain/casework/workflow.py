"""One way to move an application on: the change, the applicant's message and the audit entry,
together in the caller's transaction (issue 15), so no page can do one and forget another.

The message is written by a notifier the caller passes (the web layer composes it in the
recipient's language); the domain only says when it is due.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.access.audit import AuditAction, record_access
from app.domain.benefits.allowances import AllowanceDecision
from app.domain.casework import one_application, status_machine, told_once
from app.domain.models import Account, Application, Channel, StatusEvent

Notifier = Callable[[Session, Application, StatusEvent], None]


def perform_transition(session: Session, application: Application, name: str, *,
                       actor: Account, channel: Channel, notify: Notifier,
                       reason: str | None = None, reason_codes: list[str] | None = None,
                       expected_version: int | None = None,
                       today: date | None = None,
                       required_documents: Sequence[str] | None = None,
                       opinion: str | None = None,
                       allowances: Sequence[AllowanceDecision] | None = None) -> StatusEvent:
    """Moves the application (status_machine.transition), tells the applicant, logs who did it.

    ``reason_codes`` are the standard reasons staff picked (app/services/standard_reasons.py), which
    the applicant reads in their own language beside the staff member's words.

    Raises what status_machine.transition raises; nothing is written then.
    """
    event = status_machine.transition(session, application, name, actor=actor, channel=channel,
                                      reason=reason, expected_version=expected_version,
                                      today=today, required_documents=required_documents,
                                      opinion=opinion, allowances=allowances)
    event.reason_codes = reason_codes
    notify(session, application, event)
    record_access(session, actor=actor, action=AuditAction.for_transition(name), channel=channel,
                  person=application.person, application=application,
                  detail={"from": event.from_status.value if event.from_status else None,
                          "to": event.to_status.value})
    _follow_on(session, application, event, notify=notify, today=today)
    return event


def perform_stage(session: Session, application: Application, stage: str, *, actor: Account,
                  channel: Channel, notify: Notifier, note: str | None = None,
                  scheduled_for: date | None = None, expected_version: int | None = None,
                  today: date | None = None) -> StatusEvent:
    """Records the next stage (status_machine.advance_stage), tells the applicant, logs it."""
    event = status_machine.advance_stage(session, application, stage, actor=actor,
                                         channel=channel, note=note,
                                         scheduled_for=scheduled_for,
                                         expected_version=expected_version, today=today)
    _follow_on(session, application, event, notify=notify, today=today)
    notify(session, application, event)
    record_access(session, actor=actor, action=AuditAction.APPLICATION_STAGE, channel=channel,
                  person=application.person, application=application,
                  detail={"stage": stage})
    return event


def _follow_on(session: Session, application: Application, event: StatusEvent, *,
               notify: Notifier, today: date | None) -> None:
    """What else a change sets going (issue 23): the parts of one application waiting for its
    card go on, or are refused with it; a card issued by any route prepares the two subsidies'
    draft (told once), which the card's own message then tells about."""
    for part, moved in one_application.after_change(session, application, event, today=today):
        notify(session, part, moved)
    if event.stage == status_machine.CARD_ISSUED and application.person is not None:
        told_once.prepare_draft(session, application.person,
                                today=today or clock.today_in_china())
