"""One application for all a person is entitled to (残疾人服务"一件事", issue 23).

国发〔2024〕3号 asks for 一次告知、一表申请、一套材料: one set of questions, one set of
documents, one declaration. The person fills one draft (service code ONE_APPLICATION); when
it is sent it becomes one application per part, each of its own service, with its own process,
decider and letter, linked by an ApplicationBundle. The draft itself becomes the card part,
so a second send of the same draft finds it sent (the wizard's own idempotency).

The parts that need a card (the allowances, assistive devices) wait for it (WAITING_FOR_CARD)
and go on by themselves when the card part records "card issued"; if the card part is refused or
not accepted they are refused too, with the reason; withdrawn with it if it is withdrawn.

Which answers and documents each part keeps is decided by the service definitions
(app/services/one_application.py); this module only writes.
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework import jurisdiction
from app.domain.casework.answers import CARD_NUMBER, HAS_CARD
from app.domain.casework.applications import (
    ACCEPTANCE_WORKING_DAYS,
    start_application,
    submit_application,
)
from app.domain.casework.made_by import MadeBy
from app.domain.models import (
    Account,
    Application,
    ApplicationBundle,
    BundlePart,
    Channel,
    Document,
    PaperDocument,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S

ONE_APPLICATION = "disability-services"  # the draft's service code; never a sent application
CARD, LIVING, CARE, DEVICES = "card", "living", "care", "devices"
PARTS = (CARD, LIVING, CARE, DEVICES)
# What the card part's refusal or return gives as the reason of the parts that waited for it:
# a standard reason (app/services/standard_reasons.py), worded in the reader's language.
CARD_NOT_ISSUED = "card_not_issued"
WITHDRAWN_WITH_CARD = "withdrawn_with_card"


@dataclass(frozen=True)
class PartPlan:
    """What one part becomes when the one application is sent."""

    part: str
    service_code: str
    answers: Mapping[str, Mapping[str, Any]]
    document_codes: frozenset[str]  # the documents its service needs
    waits_for_card: bool


def part_of(session: Session, application: Application) -> BundlePart | None:
    return session.scalar(select(BundlePart).where(BundlePart.application_id == application.id))


def parts_of_bundle(session: Session, bundle_id: int) -> list[BundlePart]:
    return list(session.scalars(select(BundlePart).where(BundlePart.bundle_id == bundle_id)
                                .order_by(BundlePart.position)))


def send(session: Session, draft: Application, plans: Sequence[PartPlan], *, actor: Account,
         made_by: MadeBy | None, county_code: str, township_code: str,
         upload_folder: Path) -> ApplicationBundle:
    """Sends the one application as its parts; the first plan (the card) takes over the draft.

    Raises applications.AlreadySubmitted when the draft was sent already (a double click)."""
    assert draft.person is not None and plans and plans[0].part == CARD
    bundle = ApplicationBundle(person_id=draft.person.id, created_by_account_id=actor.id,
                               channel=draft.channel, submitted_at=clock.utc_now())
    session.add(bundle)
    applications: list[Application] = []
    for position, plan in enumerate(plans):
        if position == 0:
            application = draft
            application.service_code = plan.service_code
        else:
            application = start_application(session, service_code=plan.service_code,
                                            created_by=draft.created_by, channel=draft.channel,
                                            person=draft.person)
        submit_application(session, application, actor=actor, answers_on_path=plan.answers,
                           county_code=county_code, township_code=township_code,
                           made_by=made_by)
        session.add(BundlePart(bundle=bundle, application=application, part=plan.part,
                               position=position))
        applications.append(application)
    _share_documents(session, draft, applications, plans, upload_folder)
    for application, plan in zip(applications, plans, strict=True):
        if plan.waits_for_card:
            _move(session, application, S.WAITING_FOR_CARD, reason_code=None)
    session.flush()
    return bundle


def _share_documents(session: Session, draft: Application, applications: list[Application],
                     plans: Sequence[PartPlan], folder: Path) -> None:
    """One set of documents: each part gets those its service needs. A file needed by several
    parts is copied (each application's file lives and is deleted on its own); one needed by
    none of the card's is moved to the first part that needs it."""
    for document in list(draft.documents):
        if document.removed_at is not None:
            continue
        needing = [a for a, plan in zip(applications, plans, strict=True)
                   if document.requirement_code in plan.document_codes]
        if not needing:
            continue
        if needing[0] is not draft:
            document.application = needing[0]
        for other in needing[1:]:
            copy_document(session, document, other, folder)
    promised = list(session.scalars(select(PaperDocument)
                                    .where(PaperDocument.application_id == draft.id)))
    for paper in promised:
        needing = [a for a, plan in zip(applications, plans, strict=True)
                   if paper.requirement_code in plan.document_codes]
        for other in needing:
            if other is draft:
                continue
            session.add(PaperDocument(application=other, requirement_code=paper.requirement_code,
                                      promised_by_account_id=paper.promised_by_account_id,
                                      promised_at=paper.promised_at))
        if needing and draft not in needing:
            session.delete(paper)


def copy_document(session: Session, document: Document, application: Application,
                  folder: Path, *, uploaded_by_account_id: int | None = None) -> Document:
    """The same file, on another application, under a new random name."""
    stored_name = secrets.token_hex(16)
    shutil.copyfile(folder / document.stored_name, folder / stored_name)
    copy = Document(application=application, requirement_code=document.requirement_code,
                    original_filename=document.original_filename, stored_name=stored_name,
                    content_type=document.content_type, size_bytes=document.size_bytes,
                    sha256=document.sha256 or hashlib.sha256(
                        (folder / stored_name).read_bytes()).hexdigest(),
                    uploaded_by_account_id=uploaded_by_account_id
                    or document.uploaded_by_account_id)
    session.add(copy)
    return copy


def _move(session: Session, application: Application, to: S, *, reason_code: str | None,
          today: date | None = None) -> StatusEvent:
    """A change the portal makes itself (Channel.SYSTEM, no member of staff)."""
    now = clock.utc_now()
    event = StatusEvent(application=application, from_status=application.status, to_status=to,
                        actor=None, channel=Channel.SYSTEM, occurred_at=now,
                        reason_codes=[reason_code] if reason_code else None)
    session.add(event)
    application.status = to
    if to == S.SUBMITTED:  # goes on now: staff accept it within the usual working days
        application.due_on = calendar_for(session).add_working_days(
            today or clock.date_in_china(now),
            jurisdiction.submission_working_days(application, ACCEPTANCE_WORKING_DAYS))
    else:
        application.due_on = None
    if to == S.REFUSED:
        application.decided_at = now
    return event


def after_change(session: Session, application: Application, event: StatusEvent, *,
                 today: date | None = None) -> list[tuple[Application, StatusEvent]]:
    """What a change of a card part means for the parts waiting for it: each part moved and the
    event that moved it, for the caller to tell the applicant about."""
    part = part_of(session, application)
    if part is None or part.part != CARD:
        return []
    if event.stage == "card_issued":
        target, reason = S.SUBMITTED, None
    elif event.from_status != event.to_status and event.to_status in (S.REFUSED, S.RETURNED):
        target, reason = S.REFUSED, CARD_NOT_ISSUED
    elif event.from_status != event.to_status and event.to_status == S.WITHDRAWN:
        target, reason = S.WITHDRAWN, WITHDRAWN_WITH_CARD
    else:
        return []
    moved = []
    for other in parts_of_bundle(session, part.bundle_id):
        waiting = other.application
        if waiting.status != S.WAITING_FOR_CARD:
            continue
        if target == S.SUBMITTED:
            _card_on_file(waiting)
        moved.append((waiting, _move(session, waiting, target, reason_code=reason,
                                     today=today)))
    return moved


def _card_on_file(application: Application) -> None:
    """The card is issued: the part's answers say so, with the number once it is on record."""
    answers = dict(application.answers)
    answers[HAS_CARD] = {"has_card": "yes"}
    number = application.person.disability_card_number if application.person else None
    if number:
        answers[CARD_NUMBER] = {"card_number": number}
    application.answers = answers
