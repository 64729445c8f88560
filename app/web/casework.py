"""Casework (审核/审批): the staff queue, the staff view of an application, and decisions.

Views are thin: the status machine decides what may happen, app.domain.policies who may see
what (404 otherwise), and every view of an application and every change is written to the audit
log. Changes go POST → redirect → GET; a page is shown again only to explain a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain import case_checks, policies, real_name, status_machine, workflow
from app.domain.allowances import claimed
from app.domain.answers import communication_needs, contact_language
from app.domain.assignment import AssignmentRefused, assign_application, assignable_staff
from app.domain.audit import AuditAction, record_access
from app.domain.channels import channel_of
from app.domain.clock import today_in_china
from app.domain.deadlines import DEFAULT_WORKING_DAYS
from app.domain.divisions import Division, load_catalogue
from app.domain.documents import added_after_sending, current_documents
from app.domain.holiday_calendar import calendar_for
from app.domain.made_by import made_by_of
from app.domain.models import (
    Account,
    Application,
    Channel,
    Role,
    StaffNote,
    StatusEvent,
)
from app.domain.models import ApplicationStatus as S
from app.domain.place_names import place_label
from app.domain.process_facts import payment_from, process_facts
from app.domain.queue import (
    OPEN_STATUSES,
    QueueFilter,
    deadline_flag,
    decision_queue,
    search_applications,
    staff_queue,
)
from app.domain.reference import grouped
from app.domain.review_rights import add_months
from app.domain.service_rules import rules_for
from app.domain.stages import needs_date, stages_after_approval
from app.domain.status_machine import EditConflict, application_kind
from app.forms import error_messages as messages
from app.services import SERVICES, get_service
from app.services.model import (
    DocumentRequirement,
    PersonFacts,
    ServiceDefinition,
    Stage,
    StepContext,
)
from app.web.access import require_account, staff_only
from app.web.areas import area_name, townships_of_area
from app.web.components import first_control_id
from app.web.forms import casework as forms
from app.web.labels import CHANNELS, identity_label
from app.web.messages import notify_status_change
from app.web.paging import page_links
from app.web.summary import Row, answer_fields, masked_values, sent_documents

casework = Blueprint("casework", __name__, url_prefix="/casework")

CASE_ROLES = (Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.CIVIL_AFFAIRS)

# Statuses in the words staff use (applicants read app.web.labels.STATUSES).
STAFF_STATUSES = {
    S.DRAFT: _l("Draft, not sent"),
    S.SUBMITTED: _l("Sent, waiting to be accepted"),
    S.ACCEPTED: _l("Accepted, waiting for the review"),
    S.RETURNED: _l("Returned (not accepted)"),
    S.IN_REVIEW: _l("In review"),
    S.MORE_INFORMATION: _l("Waiting for more information from the applicant"),
    S.ASSESSING: _l("Assessment before the decision"),
    S.PUBLIC_NOTICE: _l("Public notice before the decision"),
    S.READY_FOR_DECISION: _l("Reviewed, ready for decision"),
    S.WAITING_FOR_QUOTA: _l("Waiting for next year's places"),
    S.WAITING_FOR_CARD: _l("Waiting for the disability card it needs"),
    S.APPROVED: _l("Approved, service stages not started"),
    S.REFUSED: _l("Refused"),
    S.IN_PROGRESS: _l("Approved, service stages in progress"),
    S.COMPLETED: _l("Completed"),
    S.WITHDRAWN: _l("Withdrawn"),
}


# The button of each action, named after what it does.
BUTTONS = {
    "accept": _l("Accept the application"),
    "return": _l("Return it"),
    "start_review": _l("Start the review"),
    "request_information": _l("Ask for more information"),
    "provide_information": _l("Record that the information was provided"),
    "start_assessment": _l("Start the assessment"),
    "finish_assessment": _l("Assessment finished: continue the review"),
    "start_public_notice": _l("Start the public notice"),
    "pass_for_decision": _l("Pass it for decision"),
    "return_to_review": _l("Send it back to the review"),
    "wait_for_quota": _l("No places left this year: put it on the waiting list"),
    "approve": _l("Approve"),
    "refuse": _l("Refuse"),
    "start_stages": _l("Start the service stages"),
    "complete": _l("Mark as completed"),
    "withdraw": _l("Withdraw at the applicant's request"),
}

CONFIRMATIONS = {
    "accept": _l("You accepted application %(reference)s."),
    "return": _l("You returned application %(reference)s. The applicant is told the reason."),
    "start_review": _l("You started the review of application %(reference)s."),
    "request_information": _l("You asked for more information for application %(reference)s. "
                              "The applicant is told what is missing."),
    "provide_information": _l("Application %(reference)s is back in review."),
    "start_assessment": _l("The assessment of application %(reference)s has started."),
    "finish_assessment": _l("The assessment of application %(reference)s is finished. It is "
                            "back in review."),
    "start_public_notice": _l("The public notice of application %(reference)s has started."),
    "pass_for_decision": _l("Application %(reference)s is passed for decision."),
    "return_to_review": _l("Application %(reference)s is back in review. The caseworker "
                           "reads your reasons."),
    "wait_for_quota": _l("Application %(reference)s waits for next year's places. The "
                         "applicant is told."),
    "approve": _l("You approved application %(reference)s. The applicant is told."),
    "refuse": _l("You refused application %(reference)s. The applicant is told the reasons and "
                 "how to ask for a review."),
    "start_stages": _l("The service stages of application %(reference)s have started."),
    "complete": _l("Application %(reference)s is completed."),
    "withdraw": _l("Application %(reference)s is withdrawn."),
}

# Communication needs on record, as work for staff (issue 5: letters in large print are a task).
TASKS = {
    "large_print": _l("Send letters to this person in large print"),
    "braille": _l("Send letters to this person in braille"),
    "sign_language": _l("Book a sign language interpreter for every appointment with this "
                        "person"),
    "easy_read": _l("Write to this person in easy read: short sentences with pictures"),
}
LANGUAGE_TASKS = {
    "ko": _l("Write letters to this person in Korean"),
    "en": _l("Write letters to this person in English"),
}


def staff_status(status: S | str) -> str:
    return str(STAFF_STATUSES[S(status)])


def channel_label(channel: Channel | str) -> str:
    return str(CHANNELS[Channel(channel)])


def _template_helpers() -> dict[str, Any]:
    return {"staff_status": staff_status, "channel_label": channel_label}


# --- loading, with the access policy ----------------------------------------------------------

def _application_or_404(me: Account, application_id: int) -> Application:
    db = get_session()
    # The person comes in the same query: the policy and the page read it.
    application = db.get(Application, application_id, options=[joinedload(Application.person)])
    if application is None or application.status == S.DRAFT or \
            not policies.can_view_application(db, me, application):
        abort(404)
    return application


def _service_name(service: ServiceDefinition | None, code: str) -> str:
    return _(service.texts.name) if service else code


def _account_names(ids: set[int | None]) -> dict[int, str]:
    """Display names for many accounts in one query (no query per row)."""
    if not ids:
        return {}
    rows = get_session().execute(
        select(Account.id, Account.display_name).where(Account.id.in_(ids)))
    return {account_id: name for account_id, name in rows}


# --- the queue --------------------------------------------------------------------------------

FILTER_ARGUMENTS = ("service", "status", "township", "show")


def _queue_filter(form: forms.QueueFilterForm, townships: list[Division]) -> QueueFilter:
    """What the filter form asks for; a value the form does not offer is ignored."""
    service = form.service.data if form.service.data in {s.code for s in SERVICES} else None
    status = S(form.status.data) if form.status.data in {s.value for s in OPEN_STATUSES} \
        else None
    township = form.township.data if form.township.data in {t.code for t in townships} \
        else None
    show = form.show.data or []
    return QueueFilter(service_code=service, status=status, township_code=township,
                       overdue_only="overdue" in show, assigned_to_me="mine" in show)


@casework.get("")
@staff_only(*CASE_ROLES)
def queue() -> str:
    me = require_account()
    db = get_session()
    today = today_in_china()
    townships = townships_of_area(me.area_code or "")
    form = forms.QueueFilterForm(formdata=request.args)
    form.service.choices = [("", _("All services"))] + [
        (service.code, _(service.texts.name)) for service in SERVICES]
    form.status.choices = [("", _("All open applications"))] + [
        (status.value, staff_status(status)) for status in OPEN_STATUSES]
    form.township.choices = [("", _("All townships and streets"), {})] + [
        (township.code, *place_label(township.name, str(get_locale()))) for township in townships]
    chosen = _queue_filter(form, townships)
    page = staff_queue(db, me, chosen, today=today, after=request.args.get("after"))
    if page.applications:
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in page.applications]})
        db.commit()
    kept: dict[str, Any] = {name: values for name in FILTER_ARGUMENTS
            if (values := [value for value in request.args.getlist(name) if value])}
    return render_template(
        "casework/queue.html", filter_form=form, search_form=forms.QueueSearchForm(),
        filtered=chosen != QueueFilter(), **_application_table(page.applications, today),
        **page_links("casework.queue", page.next_cursor, **kept),
        page_title=_("Applications in your area"), **_template_helpers(),
    )


def _application_table(applications: list[Application], today: date) -> dict[str, Any]:
    """What casework/_application_table.html shows beside each application of a list."""
    catalogue = load_catalogue()
    calendar = calendar_for(get_session())
    return {
        "applications": applications,
        "services": {service.code: service for service in SERVICES},
        "townships": {code: d.name for a in applications
                      if (code := a.township_code) and (d := catalogue.get(code))},
        "assignees": _account_names({a.assigned_to_account_id for a in applications
                                     if a.assigned_to_account_id}),
        "flags": {a.id: deadline_flag(a, today, calendar) for a in applications},
        # Each status a page shows, translated once rather than once a row.
        "status_labels": {status: staff_status(status)
                          for status in {a.status for a in applications}},
    }


@casework.get("/decisions")
@staff_only(Role.APPROVER, Role.CIVIL_AFFAIRS)
def decisions() -> str:
    """The "ready for decision" queue: what caseworkers passed on for this role to decide."""
    me = require_account()
    db = get_session()
    today = today_in_china()
    page = decision_queue(db, me, today=today, after=request.args.get("after"))
    if page.applications:
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in page.applications]})
        db.commit()
    intro = _("The county disability federation has reviewed these applications for the two "
              "subsidies, and any public notice has ended. Approve or refuse each one.") \
        if me.role == Role.CIVIL_AFFAIRS else \
        _("Caseworkers have reviewed these applications and passed them to you. Approve or "
          "refuse each one, or send it back to the review.")
    return render_template(
        "casework/decisions.html", intro=intro, **_application_table(page.applications, today),
        **page_links("casework.decisions", page.next_cursor),
        page_title=_("Ready for your decision"), **_template_helpers(),
    )


@casework.route("/search", methods=["GET", "POST"])
@staff_only(*CASE_ROLES)
def search() -> str:
    """Find an application by reference, name or ID number. The term is sent by POST and the
    results shown in the answer, so an ID number never appears in an address, a history or a
    server log; nothing is kept afterwards."""
    me = require_account()
    db = get_session()
    form = forms.QueueSearchForm()
    results = None
    if form.validate_on_submit():
        results = search_applications(db, me, form.term.data or "")
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in results]})
        db.commit()
    catalogue = load_catalogue()
    return render_template(
        "casework/search.html", form=form, search_form=form, applications=results or [],
        searched=results is not None,
        services={service.code: service for service in SERVICES},
        townships={code: d.name for a in results or []
                   if (code := a.township_code) and (d := catalogue.get(code))},
        page_title=_("Find an application"), **_template_helpers(),
    )


# --- the application page ---------------------------------------------------------------------

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


def _can_advance(me: Account, application: Application,
                 service: ServiceDefinition | None) -> Stage | None:
    """The stage this caseworker may record next (the status machine decides which it is)."""
    if me.role != Role.CASEWORKER or service is None:
        return None
    if status_machine.stage_date_pending(get_session(), application, today_in_china()):
        return None  # not before the date of the stage before it
    return service.stage(status_machine.stage_to_record(application))


def _colleagues(application: Application) -> list[tuple[int, str]]:
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
                                                  **_allowance_choices(application))
                     for t in offered},
        stage=forms.stage_form(version=version, dated=_dated(application, stage)),
        note=forms.note_form(),
        assign_me=forms.assign_form(colleagues, key="assign-me", version=version),
        assign=forms.assign_form(colleagues, key="assign", version=version))


def _allowance_choices(application: Application) -> dict[str, Any]:
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


def _render_application(me: Account, application: Application,
                        posted: Posted | None = None, *,
                        full_numbers: bool = False) -> tuple[str, int]:
    """The staff page of an application. It reads only: the view that shows it logs the view."""
    service = get_service(application.service_code)
    today = today_in_china()
    offered = status_machine.allowed_transitions(get_session(), me, application, today=today)
    stage = _can_advance(me, application, service)
    colleagues = _colleagues(application)
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
        dict(colleagues).get(assigned) or _account_names({assigned}).get(assigned)
    html = render_template(
        "casework/application.html", application=application, service=service,
        made_by=made_by_of(application),
        timed_statuses=DEFAULT_WORKING_DAYS,
        service_name=_service_name(service, application.service_code),
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
                     reference=_grouped(application.reference)),
        **_template_helpers(),
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


def _required_codes(service: ServiceDefinition | None, application: Application) -> list[str]:
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
    return [OtherCaseRow(reference=_grouped(case.application.reference),
                         service=_service_name(get_service(case.application.service_code),
                                               case.application.service_code),
                         status=str(STAFF_STATUSES[case.application.status]),
                         receiving=case.receiving, same_benefit=case.same_benefit,
                         url=url_for("casework.application", application_id=case.application.id)
                         if policies.can_view_application(db, me, case.application) else None)
            for case in case_checks.other_cases(db, application)]


def _grouped(reference: str | None) -> str:
    return grouped(reference or "")


@casework.get("/applications/<int:application_id>")
@staff_only(*CASE_ROLES)
def application(application_id: int) -> tuple[str, int]:
    me = require_account()
    found = _application_or_404(me, application_id)
    # A link, not a script: "show the full numbers" works without JavaScript, and is audited.
    # Seeing the whole numbers is a separate event: an auditor can tell who needed them.
    full_numbers = request.args.get("full_numbers") == "1"
    db = get_session()
    record_access(db, actor=me, action=AuditAction.APPLICATION_VIEW_FULL_NUMBERS
                  if full_numbers else AuditAction.APPLICATION_VIEW, channel=channel_of(me),
                  person=found.person, application=found)
    db.commit()
    return _render_application(me, found, full_numbers=full_numbers)


# --- changes ----------------------------------------------------------------------------------

def _conflict(me: Account, application_id: int, posted: Posted) -> tuple[str, int]:
    """The page as it is now, with the conflict explained and what was typed kept."""
    db = get_session()
    db.rollback()
    fresh = _application_or_404(me, application_id)
    posted.conflict = True
    return _render_application(me, fresh, posted)


def _errors(*fields: Any) -> list[tuple[str, str]]:
    """(id, message) for the error summary, from the fields the staff member can fix."""
    return [(first_control_id(f), str(f.errors[0])) for f in fields if f.errors]


def _dated(application: Application, stage: Stage | None) -> bool:
    return stage is not None and needs_date(application.service_code, stage.code)


def _stale(form: forms.VersionForm, application: Application) -> bool:
    return bool(form.version.errors) or int(form.version.data) != application.version


def _commit_or_conflict(me: Account, application_id: int, posted: Posted) -> \
        tuple[str, int] | None:
    """Commits; if another request saved the application meanwhile, explains the conflict."""
    try:
        get_session().commit()
    except StaleDataError:
        return _conflict(me, application_id, posted)
    return None


@casework.post("/applications/<int:application_id>/transitions/<name>")
@staff_only(*CASE_ROLES)
def make_transition(application_id: int, name: str) -> Response | tuple[str, int]:
    me = require_account()
    db = get_session()
    application = _application_or_404(me, application_id)
    if name not in status_machine.BY_NAME:
        abort(404)
    form = forms.transition_form(name, formdata=request.form, version=application.version,
                                 service_code=application.service_code,
                                 **_allowance_choices(application))
    valid = form.validate()
    posted = Posted(name, form, typed=form.reason.data or "")
    # A page opened before someone else's change is told so, even if its action has gone.
    if _stale(form, application):
        return _conflict(me, application_id, posted)
    if name not in {t.name for t in status_machine.allowed_transitions(db, me, application)}:
        abort(404)
    opinion_fields = [form.opinion] if "opinion" in form else []
    allowance_fields = [form[f] for f in forms.ALLOWANCE_FIELDS if f in form]
    if not valid:
        posted.errors = _errors(*allowance_fields, *opinion_fields, form.reason)
        return _render_application(me, application, posted)
    reason = form.reason.data if name in forms.REASON_LABELS else None
    service = get_service(application.service_code)
    try:
        workflow.perform_transition(db, application, name, actor=me, channel=channel_of(me),
                                    reason=reason, expected_version=int(form.version.data),
                                    reason_codes=list(form.standard_reasons.data or []) or None,
                                    notify=notify_status_change,
                                    required_documents=_required_codes(service, application),
                                    opinion=form.opinion_text(),
                                    allowances=form.allowance_decisions() or None)
    except (status_machine.EditConflict, StaleDataError):
        return _conflict(me, application_id, posted)
    except status_machine.OpinionMissing:
        message = str(messages.ENTER_OPINION)
        form.opinion.errors = [message]
        posted.errors = [(first_control_id(form.opinion), message)]
        return _render_application(me, application, posted)
    except case_checks.DocumentsMissing:
        posted.errors = [("missing-documents", str(messages.DOCUMENTS_MISSING_FOR_DECISION))]
        return _render_application(me, application, posted)
    except status_machine.ReasonMissing:
        message = str(forms.REASON_MISSING[name])
        form.reason.errors = [message]
        posted.errors = [(form.reason.id, message)]
        return _render_application(me, application, posted)
    except status_machine.TransitionRefused:
        abort(404)
    if (shown := _commit_or_conflict(me, application_id, posted)) is not None:
        return shown
    flash(str(CONFIRMATIONS[name]) % {"reference": _grouped(application.reference)})
    return redirect(url_for("casework.application", application_id=application.id))


@casework.post("/applications/<int:application_id>/stages/<stage_code>")
@staff_only(Role.CASEWORKER)
def advance_stage(application_id: int, stage_code: str) -> Response | tuple[str, int]:
    me = require_account()
    db = get_session()
    application = _application_or_404(me, application_id)
    service = get_service(application.service_code)
    stage = _can_advance(me, application, service)
    dated = _dated(application, stage)
    form = forms.stage_form(formdata=request.form, version=application.version, dated=dated)
    valid = form.validate()
    posted = Posted("stage", form, typed=form.note.data or "")
    if _stale(form, application):
        return _conflict(me, application_id, posted)
    if stage is None or stage.code != stage_code:  # stages are recorded in order
        abort(404)
    if not valid:
        posted.errors = _errors(*([form.scheduled_for] if dated else []), form.note)  # page order
        return _render_application(me, application, posted)
    try:
        workflow.perform_stage(
            db, application, stage.code, actor=me, channel=channel_of(me), note=form.note.data,
            scheduled_for=form.scheduled_for.data if dated else None,
            expected_version=int(form.version.data), notify=notify_status_change)
    except (status_machine.EditConflict, StaleDataError):
        return _conflict(me, application_id, posted)
    except status_machine.TransitionRefused:
        abort(404)
    if (shown := _commit_or_conflict(me, application_id, posted)) is not None:
        return shown
    flash(_("Stage recorded: %(stage)s", stage=str(stage.title)))
    return redirect(url_for("casework.application", application_id=application.id))


@casework.post("/applications/<int:application_id>/notes")
@staff_only(*CASE_ROLES)
def add_note(application_id: int) -> Response | tuple[str, int]:
    me = require_account()
    db = get_session()
    application = _application_or_404(me, application_id)
    form = forms.note_form(formdata=request.form)
    if not form.validate():
        return _render_application(me, application, Posted(
            "note", form, errors=_errors(form.body)))
    note = StaffNote(application_id=application.id, author_account_id=me.id,
                     body=form.body.data.strip())
    db.add(note)
    db.flush()
    record_access(db, actor=me, action=AuditAction.APPLICATION_NOTE, channel=channel_of(me),
                  person=application.person, application=application,
                  detail={"note_id": note.id})
    db.commit()
    flash(_("Your note is saved. Only staff can see it."))
    return redirect(url_for("casework.application", application_id=application.id,
                            _anchor="notes"))


@casework.post("/applications/<int:application_id>/assign")
@staff_only(*CASE_ROLES)
def assign(application_id: int) -> Response | tuple[str, int]:
    me = require_account()
    db = get_session()
    application = _application_or_404(me, application_id)
    colleagues = _colleagues(application)
    form = forms.assign_form(colleagues, key="assign", formdata=request.form,
                             version=application.version)
    valid = form.validate()
    posted = Posted("assign", form)
    if _stale(form, application):
        return _conflict(me, application_id, posted)
    if not valid:
        posted.errors = _errors(form.assignee)
        return _render_application(me, application, posted)
    chosen = int(form.assignee.data)
    names = dict(colleagues)
    assignee = db.get(Account, chosen)
    if assignee is None:
        abort(404)
    try:
        previous = assign_application(db, application, assignee, actor=me,
                                      expected_version=int(form.version.data))
    except EditConflict:
        return _conflict(me, application_id, posted)
    except AssignmentRefused:
        abort(404)
    record_access(db, actor=me, action=AuditAction.APPLICATION_ASSIGN, channel=channel_of(me),
                  person=application.person, application=application,
                  detail={"from": previous, "to": chosen})
    if (shown := _commit_or_conflict(me, application_id, posted)) is not None:
        return shown
    if chosen == me.id:
        flash(_("Application %(reference)s is assigned to you.",
                reference=_grouped(application.reference)))
    else:
        flash(_("Application %(reference)s is assigned to %(name)s.",
                reference=_grouped(application.reference), name=names[chosen]))
    return redirect(url_for("casework.application", application_id=application.id))
