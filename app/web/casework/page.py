"""The staff page of an application: the answers, documents, history, notes and the
forms of what may happen next. It only reads; the view that shows it logs the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits.allowances import claimed
from app.domain.calendar.deadlines import DEFAULT_WORKING_DAYS
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework import case_checks, status_machine
from app.domain.casework.answers import communication_needs, contact_language
from app.domain.casework.assignment import assignable_staff
from app.domain.casework.made_by import made_by_of
from app.domain.casework.process_facts import payment_from, process_facts
from app.domain.casework.queue import deadline_flag
from app.domain.casework.review_rights import add_months
from app.domain.casework.stages import needs_date, stages_after_approval
from app.domain.casework.status_machine import application_kind
from app.domain.clock import today_in_china
from app.domain.files.documents import added_after_sending, current_documents
from app.domain.models import Account, Application, Role, StaffNote, StatusEvent
from app.domain.people import real_name
from app.domain.places.divisions import load_catalogue
from app.domain.rules.service_rules import rules_for
from app.forms import error_messages as messages
from app.services import get_service
from app.services.model import (
    DocumentRequirement,
    PersonFacts,
    ServiceDefinition,
    Stage,
    StepContext,
)
from app.web.access import require_account, staff_only
from app.web.areas import area_name
from app.web.casework.blueprint import CASE_ROLES, casework
from app.web.casework.loading import (
    account_names,
    application_or_404,
    grouped_reference,
    service_title,
)
from app.web.casework.words import BUTTONS, LANGUAGE_TASKS, STAFF_STATUSES, TASKS, template_helpers
from app.web.forms import casework as forms
from app.web.labels import identity_label
from app.web.summary import Row, answer_fields, masked_values, sent_documents


def staff_answer_rows(service: ServiceDefinition, application: Application, *,
                      full_numbers: bool = False) -> tuple[list[Row], bool]:
    """The applicant's answers in words, as on their "check your answers" page, without links,
    and whether they hold any of the numbers masked below.

    ID card, disability card and bank account numbers are masked unless `full_numbers`: staff
    ask for them whole, and that view is audited. The answer forms are built without form
    data: on a page shown again after a POST they must not read the staff member's form.
    """
    person = application.person
    facts = PersonFacts(full_name=person.full_name, id_number=person.id_number,
                        phone=person.phone, county_code=person.county_code,
                        township_code=person.township_code,
                        address_line=person.address_line) if person else None
    context = StepContext(channel=application.channel, person=facts)
    answers = application.answers or {}
    rows: list[Row] = []
    has_numbers = False
    for answer in answer_fields(service, context, answers):
        values, held = masked_values(answer)
        has_numbers = has_numbers or held
        if full_numbers:
            values = answer.values
        rows.append(Row(key=answer.label, values=values,
                        field_id=f"{answer.step_key}-{answer.name}"))
    return rows, has_numbers


def _tasks(application: Application) -> list[str]:
    person = application.person
    answers = application.answers or {}
    needs = list(person.communication_needs or []) if person else []
    needs += [n for n in communication_needs(answers) or [] if n not in needs]
    tasks = [str(TASKS[need]) for need in TASKS if need in needs]
    language = contact_language(answers) or \
        (person.preferred_language if person else None)
    if language in LANGUAGE_TASKS:
        tasks.append(str(LANGUAGE_TASKS[language]))
    return tasks


def _stage_titles(service: ServiceDefinition | None) -> dict[str, str]:
    return {stage.code: str(stage.title) for stage in service.stages} if service else {}


def next_stage_for(me: Account, application: Application,
                   service: ServiceDefinition | None) -> Stage | None:
    """The stage this caseworker may record next (the status machine decides which it is)."""
    if me.role != Role.CASEWORKER or service is None:
        return None
    if status_machine.stage_date_pending(get_session(), application, today_in_china()):
        return None  # not before the date of the stage before it
    return service.stage(status_machine.stage_to_record(application))


def colleagues_of(application: Application) -> list[tuple[int, str]]:
    return [(account.id, account.display_name)
            for account in assignable_staff(get_session(), application)]


@dataclass
class Posted:
    """What the staff member sent, to show the page again with it: a problem, nothing lost."""

    key: str  # a transition's name, "stage", "note" or "assign"
    form: FlaskForm | None = None
    conflict: bool = False
    typed: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CaseForms:
    """The forms of the application page, as the page offers them now."""

    transitions: dict[str, forms.TransitionForm]
    stage: forms.StageForm
    note: forms.NoteForm
    assign_me: forms.AssignForm
    assign: forms.AssignForm


def _case_forms(application: Application, offered: list[status_machine.Transition],
                stage: Stage | None, colleagues: list[tuple[int, str]]) -> CaseForms:
    version = application.version
    return CaseForms(
        transitions={t.name: forms.transition_form(t.name, version=version,
                                                  service_code=application.service_code,
                                                  **allowance_choices(application))
                     for t in offered},
        stage=forms.stage_form(version=version, dated=stage_is_dated(application, stage)),
        note=forms.note_form(),
        assign_me=forms.assign_form(colleagues, key="assign-me", version=version),
        assign=forms.assign_form(colleagues, key="assign", version=version))


def allowance_choices(application: Application) -> dict[str, Any]:
    """The two subsidies' allowances claimed, and the months the first payment may be in:
    from the month of application (国发〔2015〕52号), a year ahead."""
    rules = rules_for(application.service_code)
    first = payment_from(application) \
        if rules is not None and rules.paid_from_month_of_application else None
    if first is None:
        return {}
    months = [add_months(first, n) for n in range(13)]
    return {"allowances": claimed(application.answers), "first_months": months}


def _keep_posted(case_forms: CaseForms, posted: Posted, version: int) -> list[tuple[str, str]]:
    """Puts the form that was sent back on the page (what was typed kept); the page's errors."""
    if posted.form is not None and hasattr(posted.form, "version"):
        posted.form.version.data = str(version)  # what the page shows now
        posted.form.version.errors = []
    if posted.form is not None:
        if posted.key in case_forms.transitions:
            case_forms.transitions[posted.key] = posted.form
        elif posted.key == "stage":
            case_forms.stage = posted.form
        elif posted.key == "note":
            case_forms.note = posted.form
        elif posted.key == "assign":
            case_forms.assign = posted.form
    errors = list(posted.errors)
    if posted.conflict:
        errors.insert(0, ("conflict", str(messages.EDIT_CONFLICT)))
    return errors


def _case_history(application: Application) -> tuple[list[StatusEvent], list[StaffNote]]:
    db = get_session()
    events = db.scalars(
        select(StatusEvent).options(joinedload(StatusEvent.actor))
        .where(StatusEvent.application_id == application.id)
        .order_by(StatusEvent.occurred_at, StatusEvent.id)).all()
    notes = db.scalars(
        select(StaffNote).options(joinedload(StaffNote.author))
        .where(StaffNote.application_id == application.id)
        .order_by(StaffNote.created_at, StaffNote.id)).all()
    return list(events), list(notes)


def render_application(me: Account, application: Application,
                       posted: Posted | None = None, *,
                       full_numbers: bool = False) -> tuple[str, int]:
    """The staff page of an application. It reads only: the view that shows it logs the view."""
    service = get_service(application.service_code)
    today = today_in_china()
    offered = status_machine.allowed_transitions(get_session(), me, application, today=today)
    stage = next_stage_for(me, application, service)
    colleagues = colleagues_of(application)
    case_forms = _case_forms(application, offered, stage, colleagues)
    page_errors = _keep_posted(case_forms, posted, application.version) if posted else []
    # The conflict is explained inside the form that was sent, if the page still offers it.
    conflict_inline = posted is not None and posted.conflict and (
        posted.key in case_forms.transitions or posted.key == "assign"
        or (posted.key == "stage" and stage is not None))
    events, notes = _case_history(application)
    rows, has_numbers = staff_answer_rows(service, application, full_numbers=full_numbers) \
        if service else ([], False)
    needed = _needed_documents(service, application)
    missing = set(case_checks.missing_documents(get_session(), application,
                                                [r.code for r in needed if r.required]))
    other_cases = _other_case_rows(me, application)
    current = current_documents(get_session(), application)
    # Usually one of the colleagues just read; someone no longer assignable is looked up.
    assigned = application.assigned_to_account_id
    assignee = None if assigned is None else \
        dict(colleagues).get(assigned) or account_names({assigned}).get(assigned)
    html = render_template(
        "casework/application.html", application=application, service=service,
        made_by=made_by_of(application),
        timed_statuses=DEFAULT_WORKING_DAYS,
        service_name=service_title(service, application.service_code),
        rows=rows, has_numbers=has_numbers, full_numbers=full_numbers,
        document_groups=sent_documents(needed, current),
        missing_codes=missing,
        allowance_names=forms.ALLOWANCE_NAMES,
        added_later={d.id for d in current if added_after_sending(application, d)},
        missing_titles=[str(r.title) for r in needed if r.code in missing],
        other_cases=other_cases,
        already_receives=[case for case in other_cases if case.receiving and case.same_benefit],
        events=events, stage_titles=_stage_titles(service), notes=notes,
        tasks=_tasks(application),
        flag=deadline_flag(application, today, calendar_for(get_session())),
        township=load_catalogue().get(application.township_code or ""),
        process=process_facts(get_session(), application, today),
        first_stage_after_approval=service.stage(next(iter(
            stages_after_approval(application.service_code, application_kind(application))),
            None)) if service else None,
        applicant_hukou=area_name(application.person.hukou_county_code)
        if application.person else None,
        # Whether an online account holds the applicant's record, and how sure we are of it.
        applicant_account=identity_label(real_name.holder_of(get_session(), application.person))
        if application.person else None,
        hukou_change_url=url_for("counter.record_hukou", person_id=application.person.id,
                                 next=url_for("casework.application",
                                              application_id=application.id))
        if application.person and policies.can_record_hukou(get_session(), me,
                                                            application.person) else None,
        assignee=assignee, offered=offered, transition_forms=case_forms.transitions,
        buttons=BUTTONS, next_stage=stage, stage_form=case_forms.stage,
        note_form=case_forms.note, assign_me=case_forms.assign_me,
        assign_form=case_forms.assign,
        can_assign_me=any(account_id == me.id for account_id, _name in colleagues)
        and application.assigned_to_account_id != me.id,
        posted=posted, conflict_inline=conflict_inline, page_errors=page_errors, me=me,
        page_title=_("Application %(reference)s",
                     reference=grouped_reference(application.reference)),
        **template_helpers(),
    )
    return html, 200


def _needed_documents(service: ServiceDefinition | None,
                      application: Application) -> list[DocumentRequirement]:
    """The documents this application needs, from its answers: not every one the service
    knows (a new card asks for no death certificate, a home owner for no tenancy agreement)."""
    if service is None:
        return []
    return service.documents_of_sent(channel=application.channel,
                                     made_by=application.made_by, answers=application.answers)


def required_document_codes(service: ServiceDefinition | None,
                            application: Application) -> list[str]:
    return [r.code for r in _needed_documents(service, application) if r.required]


@dataclass(frozen=True)
class OtherCaseRow:
    reference: str
    service: str
    status: str
    receiving: bool
    same_benefit: bool
    url: str | None  # only where this member of staff may open it


def _other_case_rows(me: Account, application: Application) -> list[OtherCaseRow]:
    db = get_session()
    return [OtherCaseRow(reference=grouped_reference(case.application.reference),
                         service=service_title(get_service(case.application.service_code),
                                               case.application.service_code),
                         status=str(STAFF_STATUSES[case.application.status]),
                         receiving=case.receiving, same_benefit=case.same_benefit,
                         url=url_for("casework.application", application_id=case.application.id)
                         if policies.can_view_application(db, me, case.application) else None)
            for case in case_checks.other_cases(db, application)]


@casework.get("/applications/<int:application_id>")
@staff_only(*CASE_ROLES)
def application(application_id: int) -> tuple[str, int]:
    me = require_account()
    found = application_or_404(me, application_id)
    # A link, not a script: "show the full numbers" works without JavaScript, and is audited.
    # Seeing the whole numbers is a separate event: an auditor can tell who needed them.
    full_numbers = request.args.get("full_numbers") == "1"
    db = get_session()
    record_access(db, actor=me, action=AuditAction.APPLICATION_VIEW_FULL_NUMBERS
                  if full_numbers else AuditAction.APPLICATION_VIEW, channel=channel_of(me),
                  person=found.person, application=found)
    db.commit()
    return render_application(me, found, full_numbers=full_numbers)


def stage_is_dated(application: Application, stage: Stage | None) -> bool:
    return stage is not None and needs_date(application.service_code, stage.code)
