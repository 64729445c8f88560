"""Starting an application (online, or at the counter for the person there), carrying
on with one, the list of one's applications, and deleting a draft."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.casework import applications as domain
from app.domain.casework import drafts
from app.domain.models import ApplicationStatus, Channel, Person, Role
from app.services import get_service
from app.web.access import require_account, signed_in, staff_only
from app.web.apply.blueprint import apply
from app.web.apply.draft import resume_url, service_of, signed_in_with_application
from app.web.counter import visit_for as counter_visit_for


@apply.post("/services/<service_code>/start")
@signed_in
def start(service_code: str) -> Response:
    account = require_account()
    service = get_service(service_code)
    if service is None or account.role != Role.PUBLIC:
        abort(404)
    db = get_session()
    draft = domain.open_draft(db, service_code=service.code, created_by=account,
                              channel=Channel.ONLINE)
    if draft is not None:
        flash(_("You already started this application. Carry on where you left off."))
    else:
        draft = domain.start_application(db, service_code=service.code, created_by=account,
                                         channel=Channel.ONLINE, person=account.person)
        service.fill_held(db, draft)
        db.commit()
    return redirect(resume_url(draft, account))


@apply.post("/counter/people/<int:person_id>/apply/<service_code>")
@staff_only(Role.COUNTER)
def start_at_counter(person_id: int, service_code: str) -> Response:
    account = require_account()
    db = get_session()
    person = db.get(Person, person_id)
    service = get_service(service_code)
    if person is None or service is None or not policies.can_act_for_person(db, account, person):
        abort(404)
    draft = domain.open_draft(db, service_code=service.code, created_by=account,
                              channel=Channel.COUNTER, person=person)
    if draft is None:
        draft = domain.start_application(db, service_code=service.code, created_by=account,
                                         channel=Channel.COUNTER, person=person)
        service.fill_held(db, draft)
        # Who came with the person, and their consent, travel with the application's record.
        visit = counter_visit_for(account, person)
        record_access(db, actor=account, action=AuditAction.APPLICATION_START,
                      channel=Channel.COUNTER,
                      person=person, application=draft,
                      detail={"agent_present": visit} if visit else None)
        db.commit()
    return redirect(resume_url(draft, account))


@apply.get("/applications/<int:application_id>")
@signed_in
def resume(application_id: int) -> Response:
    account, application = signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT and account.role == Role.COUNTER \
            and not policies.can_edit_application(get_session(), account, application):
        # Someone's online draft: counter staff see it listed, and start their own application.
        flash(_("This draft was started online and only its maker can change it. To help the "
                "person in front of you, start an application at the counter."))
        return redirect(url_for("counter.person", person_id=application.person_id)
                        if application.person_id else url_for("counter.find_person"))
    return redirect(resume_url(application, account))


@apply.get("/applications")
@signed_in
def my_applications() -> str:
    account = require_account()
    listed = domain.applications_for_account(get_session(), account)
    return render_template("apply/my_applications.html", applications=listed,
                           services={code: get_service(code) for code in
                                     {a.service_code for a in listed}},
                           page_title=_("Your applications"))


@apply.get("/applications/<int:application_id>/delete")
@signed_in
def confirm_delete_draft(application_id: int) -> str | Response:
    """"Are you sure?": a page of its own, so that it works without JavaScript."""
    _account, application = signed_in_with_application(application_id, edit=True)
    if application.status != ApplicationStatus.DRAFT:
        return redirect(url_for("apply.my_applications"))
    return render_template("apply/delete_draft.html", application=application,
                           service=service_of(application),
                           page_title=_("Delete this draft?"))


@apply.post("/applications/<int:application_id>/delete")
@signed_in
def delete_draft(application_id: int) -> Response:
    _account, application = signed_in_with_application(application_id, edit=True)
    if application.status != ApplicationStatus.DRAFT:
        abort(404)
    db = get_session()
    drafts.delete_draft(db, application, upload_folder=Path(current_app.config["UPLOAD_FOLDER"]))
    db.commit()
    flash(_("The draft is deleted."))
    return redirect(url_for("apply.my_applications"))
