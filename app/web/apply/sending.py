"""Checking the answers, the declaration and sending (once, even from two tabs), the
receipt, and the application as sent."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework import applications as domain
from app.domain.casework import one_application
from app.domain.casework.answers import address_county, address_township, contact_phone
from app.domain.casework.made_by import made_by_of
from app.domain.files import documents, paper_documents
from app.domain.messages.letters import wants_large_print
from app.domain.models import Account, Application, ApplicationStatus, Channel
from app.domain.people import delegations
from app.forms import error_messages as messages
from app.services import get_service, wizard
from app.services.model import Answers, DocumentRequirement, ServiceDefinition, StepContext
from app.services.one_application import PART_NAMES, OneApplicationDefinition
from app.web.access import require_account, signed_in
from app.web.apply.blueprint import apply
from app.web.apply.document_pages import missing_documents
from app.web.apply.draft import (
    after_the_questions,
    application_for,
    document_requirements,
    is_for_self,
    maker_of,
    resume_url,
    service_of,
    signed_in_with_application,
    step_context,
)
from app.web.counter import visit_for as counter_visit_for
from app.web.forms.apply import declaration_form
from app.web.messages import queue_bundle_message, queue_submission_message
from app.web.summary import check_answer_rows, sent_documents


@apply.get("/applications/<int:application_id>/check")
@signed_in
def check_answers(application_id: int) -> str | Response:
    account, application, service, context = after_the_questions(
        *signed_in_with_application(application_id, edit=True))
    full_numbers = _full_numbers_for(account, application)
    rows = check_answer_rows(service, context, application, masked=not full_numbers)
    uploaded = documents.current_documents(get_session(), application)
    return render_template("apply/check.html", application=application, service=service,
                           rows=rows, uploaded=uploaded, made_by=maker_of(application, account),
                           staff_numbers=_staff_numbers(account, full_numbers),
                           on_paper=paper_documents.paper_documents(get_session(), application),
                           requirements=document_requirements(application, context, service),
                           page_title=_("Check your answers before sending"))


@apply.route("/applications/<int:application_id>/declaration", methods=["GET", "POST"])
@signed_in
def declaration(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = db.get(Application, application_id)
    if application is not None:
        # The same draft sent a moment ago from another tab may have linked this account to its
        # person since the account was read: the check below must see that.
        db.refresh(account)
    if application is None or not policies.can_view_application(db, account, application):
        abort(404)
    if application.status != ApplicationStatus.DRAFT:  # submitted already: never twice
        return redirect(url_for("apply.confirmation", application_id=application.id))
    account, application, service, context = after_the_questions(
        account, application_for(account, application_id, edit=True))
    if missing_documents(application, context, service):
        flash(_("Add the documents marked below before you send the application."))
        return redirect(url_for("apply.documents_page", application_id=application.id))
    form = declaration_form(context.filled_by)
    if form.validate_on_submit():
        return _submit(application, account, service, context)
    return render_template("apply/declaration.html", form=form, application=application,
                           service=service, on_behalf=context.on_behalf,
                           lines=service.declaration_lines(context, application.answers),
                           page_title=_("Declaration and consent"))


def _submit(application: Application, account: Account, service: ServiceDefinition,
            context: StepContext) -> Response:
    """Sends the draft; the same draft sent at the same moment from elsewhere (a double click,
    two tabs) ends on the one receipt."""
    try:
        return _send(application, account, service, context)
    except (IntegrityError, StaleDataError):
        get_session().rollback()
        if not _sent_meanwhile(application.id):
            raise  # not a send that won the race: a real failure, shown as such
        return redirect(url_for("apply.confirmation", application_id=application.id))


def _sent_meanwhile(application_id: int) -> bool:
    """Whether another request has sent this draft since this one read it."""
    return get_session().scalar(select(Application.status).where(
        Application.id == application_id)) != ApplicationStatus.DRAFT


def _send(application: Application, account: Account, service: ServiceDefinition,
          context: StepContext) -> Response:
    db = get_session()
    answers = wizard.answers_on_path(service, context, application.answers)
    phone = contact_phone(answers)
    if application.person is None:
        try:
            application.person = domain.person_for_new_applicant(
                db, account, answers, phone=phone, for_self=is_for_self(application, account))
        except delegations.IdNumberTaken:
            db.rollback()
            if _sent_meanwhile(application.id):
                # The same draft sent at this moment from another tab made the person first.
                return redirect(url_for("apply.confirmation", application_id=application.id))
            # Registered since the number was typed: the question says what to do.
            flash(str(messages.ID_NUMBER_REGISTERED))
            asking = service.id_number_step()
            return redirect(url_for("apply.step", application_id=application.id,
                                    step_key=asking.key) if asking is not None
                            else resume_url(application, account))
    else:
        domain.update_person_contact(application.person, answers, phone=phone)
    township = address_township(answers) or ""
    if isinstance(service, OneApplicationDefinition):
        return _send_parts(application, account, service, context, answers,
                           county_code=address_county(answers) or "", township_code=township)
    try:
        domain.submit_application(db, application, actor=account, answers_on_path=answers,
                                  county_code=address_county(answers) or "",
                                  township_code=township,
                                  made_by=maker_of(application, account))
    except domain.AlreadySubmitted:
        return redirect(url_for("apply.confirmation", application_id=application.id))
    visit = counter_visit_for(account, application.person) \
        if application.channel == Channel.COUNTER else None
    record_access(db, actor=account, action=AuditAction.APPLICATION_SUBMIT,
                  channel=application.channel, person=application.person,
                  application=application, detail={"agent_present": visit} if visit else None)
    queue_submission_message(db, application)
    db.commit()
    return redirect(url_for("apply.confirmation", application_id=application.id))


def _send_parts(application: Application, account: Account, service: OneApplicationDefinition,
                context: StepContext, answers: Answers, *, county_code: str,
                township_code: str) -> Response:
    """One application (残疾人服务"一件事"): sent as one application per part, one receipt."""
    db = get_session()
    try:
        bundle = one_application.send(
            db, application, service.plans(context, answers), actor=account,
            made_by=maker_of(application, account), county_code=county_code,
            township_code=township_code,
            upload_folder=Path(current_app.config["UPLOAD_FOLDER"]))
    except domain.AlreadySubmitted:
        return redirect(url_for("apply.confirmation", application_id=application.id))
    visit = counter_visit_for(account, application.person) \
        if application.channel == Channel.COUNTER and application.person else None
    for part in bundle.parts:
        record_access(db, actor=account, action=AuditAction.APPLICATION_SUBMIT,
                      channel=application.channel, person=application.person,
                      application=part.application,
                      detail={"agent_present": visit} if visit else None)
    queue_bundle_message(db, [part.application for part in bundle.parts])
    db.commit()
    return redirect(url_for("apply.confirmation", application_id=application.id))


@apply.get("/applications/<int:application_id>/confirmation")
@signed_in
def confirmation(application_id: int) -> str | Response:
    account, application = signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT:
        return redirect(resume_url(application, account))
    service = service_of(application)
    part = one_application.part_of(get_session(), application)
    if part is not None:  # one application for several services: one receipt for every part
        db = get_session()
        parts = [p for p in one_application.parts_of_bundle(db, part.bundle_id)
                 if policies.can_view_application(db, account, p.application)]
        return render_template("apply/one_application_receipt.html", application=application,
                               made_by=made_by_of(application), parts=parts, part_names=PART_NAMES,
                               services={p.application.service_code:
                                         get_service(p.application.service_code)
                                         for p in parts},
                               page_title=_("Application sent"))
    # Large print (the receipt counter staff print and hand over): as the applicant asked in
    # their communication needs, or as whoever prints it chooses (?print=large / standard).
    asked = application.person is not None and wants_large_print(application,
                                                                 application.person)
    large_print = {"large": True, "standard": False}.get(request.args.get("print", ""), asked)
    return render_template("apply/confirmation.html", application=application,
                           made_by=made_by_of(application),
                           service=service, large_print=large_print, asked_large_print=asked,
                           to_bring=_to_bring(application, step_context(application, account),
                                              service),
                           page_title=_("Application sent"))


def _to_bring(application: Application, context: StepContext,
              service: ServiceDefinition) -> list[DocumentRequirement]:
    """The documents promised on paper that staff have not seen yet, as requirements."""
    waiting = set(paper_documents.outstanding(get_session(), application))
    return [r for r in document_requirements(application, context, service) if r.code in waiting]


def _full_numbers_for(account: Account, application: Application) -> bool:
    """Whether the page shows ID card, disability card and bank account numbers whole: always
    to the applicant and their agents (they typed them), to staff only when they ask, and that
    view is written to the audit log."""
    if not account.is_staff:
        return True
    if request.args.get("full_numbers") != "1":
        return False
    db = get_session()
    record_access(db, actor=account, action=AuditAction.APPLICATION_VIEW_FULL_NUMBERS,
                  channel=channel_of(account), person=application.person,
                  application=application, detail={"page": request.endpoint})
    db.commit()
    return True


def _staff_numbers(account: Account, full_numbers: bool) -> dict[str, str] | None:
    """The links a member of staff uses to show or hide the full numbers (None for others)."""
    if not account.is_staff:
        return None
    view_args = dict(request.view_args or {})
    return {"shown": "1" if full_numbers else "",
            "show_url": url_for(str(request.endpoint), **view_args, full_numbers=1),
            "hide_url": url_for(str(request.endpoint), **view_args)}


@apply.get("/applications/<int:application_id>/answers")
@signed_in
def sent_answers(application_id: int) -> str | Response:
    """The application as sent, to read again: the answers and the documents, nothing to change."""
    account, application = signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT:
        return redirect(resume_url(application, account))
    service = service_of(application)
    context = step_context(application, account)
    requirements = document_requirements(application, context, service)
    full_numbers = _full_numbers_for(account, application)
    return render_template(
        "apply/sent_answers.html", application=application, service=service,
        rows=check_answer_rows(service, context, application, masked=not full_numbers),
        staff_numbers=_staff_numbers(account, full_numbers),
        documents_sent=sent_documents(requirements,
                                      documents.current_documents(get_session(), application)),
        to_bring=_to_bring(application, context, service),
        page_title=_("Your application as sent"))
