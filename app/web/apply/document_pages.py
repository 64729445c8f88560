"""The documents of an application: upload, reuse a file accepted before, bring
it to the counter later, remove, download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework import one_application
from app.domain.files import documents, held_documents, paper_documents
from app.domain.models import Account, Application, ApplicationStatus, Document
from app.forms import error_messages as messages
from app.services import wizard
from app.services.model import DocumentRequirement, ServiceDefinition, StepContext
from app.web.access import signed_in
from app.web.apply.blueprint import apply
from app.web.apply.draft import (
    after_the_questions,
    document_requirements,
    ready_for_documents,
    service_of,
    signed_in_with_application,
    step_context,
)
from app.web.forms.apply import UploadForm


@apply.route("/applications/<int:application_id>/documents", methods=["GET", "POST"])
@signed_in
def documents_page(application_id: int) -> str | Response:
    account, application, service, context = after_the_questions(
        *signed_in_with_application(application_id, edit=True))
    requirements = document_requirements(application, context, service)
    uploaded = documents.current_documents(get_session(), application)
    on_paper = paper_documents.paper_documents(get_session(), application)
    page_errors: list[tuple[str, str]] = []
    answering_request = application.status == ApplicationStatus.MORE_INFORMATION
    if request.method == "POST" and answering_request:  # back to answering staff's request
        return redirect(url_for("track.respond", application_id=application.id))
    if request.method == "POST":  # "Continue": every required document must be there
        missing = missing_documents(application, context, service)
        if not missing:
            return redirect(url_for("apply.check_answers", application_id=application.id))
        page_errors = [(f"add-{r.code}", _("Add the %(document)s", document=str(r.title)))
                       for r in missing]
    db = get_session()
    return render_template("apply/documents.html", application=application, service=service,
                           requirements=requirements, uploaded=uploaded, page_errors=page_errors,
                           on_paper=on_paper,
                           removable={d.id for d in uploaded
                                      if policies.can_remove_document(db, account, application,
                                                                      d)},
                           paper_withdrawable={code for code, paper in on_paper.items()
                                               if policies.can_take_back(db, account, application,
                                                                         paper.promised_at)},
                           added_later={d.id for d in uploaded
                                        if documents.added_after_sending(application, d)},
                           held=_held(application, account, requirements, uploaded, on_paper),
                           back_url=url_for("track.respond", application_id=application.id)
                           if answering_request
                           else _last_step_url(application, context, service),
                           page_title=_("Upload documents"))


def _held(application: Application, account: Account,
          requirements: list[DocumentRequirement], uploaded: list[Document],
          on_paper: Any) -> dict[str, Document]:
    """Files accepted with an earlier application, for the documents not yet given (issue 23)."""
    if application.status != ApplicationStatus.DRAFT:
        return {}
    there = {d.requirement_code for d in uploaded} | set(on_paper)
    db = get_session()
    return {code: document for code, document in held_documents.held_documents(
        db, application, [r.code for r in requirements if r.code not in there]).items()
        if policies.can_reuse_document(db, account, application, document)}


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/reuse/"
            "<int:document_id>")
@signed_in
def reuse_document(application_id: int, requirement_code: str, document_id: int) -> Response:
    """"Use this one": the file accepted before is copied to this application, not asked again."""
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    document = db.get(Document, document_id)
    if document is None or document.requirement_code != requirement.code \
            or not policies.can_reuse_document(db, account, application, document):
        abort(404)
    if any(d.requirement_code == requirement.code
           for d in documents.current_documents(db, application)):
        return _back_to_requirement(application, requirement)  # a second press adds nothing
    one_application.copy_document(db, document, application,
                                  Path(current_app.config["UPLOAD_FOLDER"]),
                                  uploaded_by_account_id=account.id)
    db.commit()
    flash(_("Added %(name)s to %(document)s.", name=document.original_filename,
            document=str(requirement.title)))
    return _back_to_requirement(application, requirement)


def missing_documents(application: Application, context: StepContext,
                      service: ServiceDefinition) -> list[Any]:
    """Required documents neither uploaded nor promised on paper."""
    db = get_session()
    there = {d.requirement_code for d in documents.current_documents(db, application)} | \
        set(paper_documents.paper_documents(db, application))
    return [r for r in document_requirements(application, context, service)
            if r.required and r.code not in there]


def _requirement_or_404(application: Application, account: Account, service: ServiceDefinition,
                        requirement_code: str) -> DocumentRequirement:
    context = step_context(application, account)
    requirement = next((r for r in document_requirements(application, context, service)
                        if r.code == requirement_code), None)
    if requirement is None or not ready_for_documents(application, context, service):
        abort(404)
    return requirement


def _editable_requirement(application_id: int, requirement_code: str
                          ) -> tuple[Account, Application, DocumentRequirement]:
    """For the actions on one document of a draft: who acts, the application, the document."""
    account, application = signed_in_with_application(application_id, edit=True)
    requirement = _requirement_or_404(application, account, service_of(application),
                                      requirement_code)
    return account, application, requirement


def _back_to_requirement(application: Application, requirement: DocumentRequirement
                         ) -> Response:
    return redirect(url_for("apply.documents_page", application_id=application.id,
                            _anchor=f"requirement-{requirement.code}"))


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/bring-later")
@signed_in
def bring_later(application_id: int, requirement_code: str) -> Response:
    """"I will bring it to the counter later": the application can be sent without the file."""
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    paper_documents.promise(db, application, requirement.code, by=account)
    db.commit()
    flash(_("You will bring the %(document)s to the counter.", document=str(requirement.title)))
    return _back_to_requirement(application, requirement)


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/upload-instead")
@signed_in
def upload_instead(application_id: int, requirement_code: str) -> Response:
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    promised = paper_documents.paper_documents(db, application).get(requirement.code)
    if promised is not None and not policies.can_take_back(db, account, application,
                                                           promised.promised_at):
        abort(404)  # promised with the application when it was sent: it stays on the file
    paper_documents.withdraw_promise(db, application, requirement.code)
    db.commit()
    return _back_to_requirement(application, requirement)


def _last_step_url(application: Application, context: StepContext,
                   service: ServiceDefinition) -> str:
    steps = wizard.path(service, context, application.answers)
    return url_for("apply.step", application_id=application.id, step_key=steps[-1].key)


@apply.route("/applications/<int:application_id>/documents/<requirement_code>/add",
             methods=["GET", "POST"])
@signed_in
def add_document(application_id: int, requirement_code: str) -> str | Response:
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    form = UploadForm(max_mb=current_app.config["MAX_UPLOAD_MB"])
    if form.validate_on_submit():
        chosen, checked = form.checked_files()
        if not chosen:
            form.files.errors.append(str(messages.CHOOSE_FILE))
        elif form.files.errors:
            pass  # each refused file is named beside the field; nothing is stored
        elif (no_room := _no_room(application, checked)) is not None:
            form.files.errors.append(no_room)
        else:
            db = get_session()
            for item in checked:
                documents.store_document(db, folder=Path(current_app.config["UPLOAD_FOLDER"]),
                                         application=application,
                                         requirement_code=requirement.code, checked=item,
                                         uploaded_by=account)
            db.commit()
            flash(_("Added %(count)s file(s) to %(document)s.", count=len(checked),
                    document=str(requirement.title)))
            return redirect(url_for("apply.documents_page", application_id=application.id))
    return render_template("apply/add_document.html", form=form, application=application,
                           requirement=requirement, page_title=str(requirement.title))


def _no_room(application: Application, checked: list[documents.CheckedFile]) -> str | None:
    """Why the files do not fit in the application, or None when they do."""
    config = current_app.config
    try:
        documents.check_room(get_session(), application, checked,
                             max_count=config["MAX_DOCUMENTS_PER_APPLICATION"],
                             max_total_bytes=config["MAX_APPLICATION_UPLOADS_MB"] * 1024 * 1024)
    except documents.NoRoom as full:
        message = messages.TOO_MANY_DOCUMENTS if full.too_many else messages.DOCUMENTS_TOO_LARGE
        return str(message) % {"limit": full.limit}
    return None


def _document_of(application: Application, document_id: int) -> Document:
    document = get_session().get(Document, document_id)
    if document is None or document.application_id != application.id or document.removed_at:
        abort(404)
    return document


@apply.post("/applications/<int:application_id>/documents/<int:document_id>/remove")
@signed_in
def remove_document(application_id: int, document_id: int) -> Response:
    account, application = signed_in_with_application(application_id, edit=True)
    document = _document_of(application, document_id)
    if not policies.can_remove_document(get_session(), account, application, document):
        abort(404)  # sent with the application: it stays on the file
    documents.remove_document(document)
    get_session().commit()
    documents.delete_file(Path(current_app.config["UPLOAD_FOLDER"]), document)
    flash(_("Removed %(name)s.", name=document.original_filename))
    return redirect(url_for("apply.documents_page", application_id=application.id))


@apply.get("/applications/<int:application_id>/documents/<int:document_id>")
@signed_in
def download_document(application_id: int, document_id: int) -> Response:
    account, application = signed_in_with_application(application_id, edit=False)
    document = _document_of(application, document_id)
    db = get_session()
    record_access(db, actor=account, action=AuditAction.DOCUMENT_DOWNLOAD,
                  channel=channel_of(account),
                  person=application.person, application=application,
                  detail={"document_id": document.id})
    db.commit()
    path = Path(current_app.config["UPLOAD_FOLDER"]) / document.stored_name
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=documents.display_name(document.original_filename,
                                                              document.content_type))
    response.headers["X-Content-Type-Options"] = "nosniff"
    # ID cards and medical records: kept by no browser or proxy cache, not even for a moment.
    response.headers["Cache-Control"] = "no-store, private"
    return response
