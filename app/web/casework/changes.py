"""Changes to an application from its page: an action of the status machine, a stage,
a note, an assignment. POST -> redirect -> GET; the page is shown again only to
explain a problem (with what was typed kept), a conflict included."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework import case_checks, status_machine, workflow
from app.domain.casework.assignment import AssignmentRefused, assign_application
from app.domain.casework.status_machine import EditConflict
from app.domain.models import Account, Application, Role, StaffNote
from app.forms import error_messages as messages
from app.services import get_service
from app.web.access import require_account, staff_only
from app.web.casework.blueprint import CASE_ROLES, casework
from app.web.casework.loading import application_or_404, grouped_reference
from app.web.casework.page import (
    Posted,
    allowance_choices,
    colleagues_of,
    next_stage_for,
    render_application,
    required_document_codes,
    stage_is_dated,
)
from app.web.casework.words import CONFIRMATIONS
from app.web.components import first_control_id
from app.web.forms import casework as forms
from app.web.messages import notify_status_change


def _conflict(me: Account, application_id: int, posted: Posted) -> tuple[str, int]:
    """The page as it is now, with the conflict explained and what was typed kept."""
    db = get_session()
    db.rollback()
    fresh = application_or_404(me, application_id)
    posted.conflict = True
    return render_application(me, fresh, posted)


def _errors(*fields: Any) -> list[tuple[str, str]]:
    """(id, message) for the error summary, from the fields the staff member can fix."""
    return [(first_control_id(f), str(f.errors[0])) for f in fields if f.errors]


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
    application = application_or_404(me, application_id)
    if name not in status_machine.BY_NAME:
        abort(404)
    form = forms.transition_form(name, formdata=request.form, version=application.version,
                                 service_code=application.service_code,
                                 **allowance_choices(application))
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
        return render_application(me, application, posted)
    reason = form.reason.data if name in forms.REASON_LABELS else None
    required = required_document_codes(get_service(application.service_code), application)
    try:
        workflow.perform_transition(db, application, name, actor=me, channel=channel_of(me),
                                    reason=reason, expected_version=int(form.version.data),
                                    reason_codes=list(form.standard_reasons.data or []) or None,
                                    notify=notify_status_change, required_documents=required,
                                    opinion=form.opinion_text(),
                                    allowances=form.allowance_decisions() or None)
    except (status_machine.EditConflict, StaleDataError):
        return _conflict(me, application_id, posted)
    except status_machine.OpinionMissing:
        message = str(messages.ENTER_OPINION)
        form.opinion.errors = [message]
        posted.errors = [(first_control_id(form.opinion), message)]
        return render_application(me, application, posted)
    except case_checks.DocumentsMissing:
        posted.errors = [("missing-documents", str(messages.DOCUMENTS_MISSING_FOR_DECISION))]
        return render_application(me, application, posted)
    except status_machine.ReasonMissing:
        message = str(forms.REASON_MISSING[name])
        form.reason.errors = [message]
        posted.errors = [(form.reason.id, message)]
        return render_application(me, application, posted)
    except status_machine.TransitionRefused:
        abort(404)
    if (shown := _commit_or_conflict(me, application_id, posted)) is not None:
        return shown
    flash(str(CONFIRMATIONS[name]) % {"reference": grouped_reference(application.reference)})
    return redirect(url_for("casework.application", application_id=application.id))


@casework.post("/applications/<int:application_id>/stages/<stage_code>")
@staff_only(Role.CASEWORKER)
def advance_stage(application_id: int, stage_code: str) -> Response | tuple[str, int]:
    me = require_account()
    db = get_session()
    application = application_or_404(me, application_id)
    service = get_service(application.service_code)
    stage = next_stage_for(me, application, service)
    dated = stage_is_dated(application, stage)
    form = forms.stage_form(formdata=request.form, version=application.version, dated=dated)
    valid = form.validate()
    posted = Posted("stage", form, typed=form.note.data or "")
    if _stale(form, application):
        return _conflict(me, application_id, posted)
    if stage is None or stage.code != stage_code:  # stages are recorded in order
        abort(404)
    if not valid:
        posted.errors = _errors(*([form.scheduled_for] if dated else []), form.note)  # page order
        return render_application(me, application, posted)
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
    application = application_or_404(me, application_id)
    form = forms.note_form(formdata=request.form)
    if not form.validate():
        return render_application(me, application, Posted(
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
    application = application_or_404(me, application_id)
    colleagues = colleagues_of(application)
    form = forms.assign_form(colleagues, key="assign", formdata=request.form,
                             version=application.version)
    valid = form.validate()
    posted = Posted("assign", form)
    if _stale(form, application):
        return _conflict(me, application_id, posted)
    if not valid:
        posted.errors = _errors(form.assignee)
        return render_application(me, application, posted)
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
                reference=grouped_reference(application.reference)))
    else:
        flash(_("Application %(reference)s is assigned to %(name)s.",
                reference=grouped_reference(application.reference), name=names[chosen]))
    return redirect(url_for("casework.application", application_id=application.id))
