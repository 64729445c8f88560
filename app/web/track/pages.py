"""Signed-in pages about one application: its timeline, answering a request, withdrawing."""

from __future__ import annotations

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework import one_application, status_machine, workflow
from app.domain.casework.decisions import approval_of
from app.domain.casework.reference import grouped
from app.domain.casework.review_rights import review_rights
from app.domain.models import Account, Application, BundlePart
from app.domain.models import ApplicationStatus as S
from app.services import get_service
from app.services.one_application import PART_NAMES
from app.web.access import allowed_or_404, require_account, signed_in
from app.web.forms.track import RespondForm, WithdrawForm
from app.web.messages import notify_status_change
from app.web.track.blueprint import track
from app.web.track.progress import latest_request, progress_of
from app.web.track.timeline import timeline_entries

DECIDED = frozenset({S.APPROVED, S.REFUSED, S.RETURNED, S.IN_PROGRESS, S.COMPLETED})


def visible_application(db: Session, account: Account, application_id: int) -> Application:
    """Anything the policy refuses is "not found", so records cannot be found by guessing."""
    # The person comes in the same query: the policy reads it.
    return allowed_or_404(
        db.get(Application, application_id, options=[joinedload(Application.person)]),
        partial(policies.can_view_application, db, account))


def _other_parts(db: Session, account: Account, application: Application) -> list[BundlePart]:
    """The other parts of the one application this is part of (issue 23), as the viewer may
    see them."""
    part = one_application.part_of(db, application)
    if part is None:
        return []
    return [p for p in one_application.parts_of_bundle(db, part.bundle_id)
            if p.application_id != application.id
            and policies.can_view_application(db, account, p.application)]


def _can_withdraw(db: Session, account: Account, application: Application) -> bool:
    return any(t.name == "withdraw"
               for t in status_machine.allowed_transitions(db, account, application))


@track.get("/applications/<int:application_id>/timeline")
@signed_in
def timeline(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = visible_application(db, account, application_id)
    if application.status == S.DRAFT:  # not sent: nothing has happened to it yet
        return redirect(url_for("apply.resume", application_id=application.id))
    if account.is_staff:
        record_access(db, actor=account, action=AuditAction.APPLICATION_TIMELINE,
                      channel=channel_of(account), person=application.person,
                      application=application)
        db.commit()
    request_reason = latest_request(db, application)
    return render_template(
        "track/timeline.html", application=application,
        service=get_service(application.service_code),
        entries=timeline_entries(db, application, viewer=account),
        progress=progress_of(application, request_reason=request_reason),
        rights=review_rights(db, application),
        approval=approval_of(db, application),
        can_respond=application.status == S.MORE_INFORMATION
        and policies.can_edit_application(db, account, application),
        can_withdraw=_can_withdraw(db, account, application),
        other_parts=_other_parts(db, account, application), part_names=PART_NAMES,
        page_title=_("Progress of application %(reference)s",
                     reference=grouped(application.reference or "")),
    )


@track.route("/applications/<int:application_id>/respond", methods=["GET", "POST"])
@signed_in
def respond(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = visible_application(db, account, application_id)
    if application.status != S.MORE_INFORMATION or \
            not policies.can_edit_application(db, account, application):
        flash(_("There is no request for information to answer on this application now."))
        return redirect(url_for("track.timeline", application_id=application.id))
    form = RespondForm()
    if form.validate_on_submit():
        if not _applicants_step(db, application, "provide_information", account,
                                form.answer.data):
            flash(_("The application changed while you were writing, so your answer was not "
                    "sent. Check the timeline below."))
            return redirect(url_for("track.timeline", application_id=application_id))
        flash(_("Your answer is sent. The review continues."))
        return redirect(url_for("track.timeline", application_id=application.id))
    return render_template(
        "track/respond.html", form=form, application=application,
        service=get_service(application.service_code),
        request_reason=latest_request(db, application),
        due_on=application.due_on,
        page_title=_("Answer the request for more information"),
    )


def _applicants_step(db: Session, application: Application, name: str, account: Account,
                     reason: str | None) -> bool:
    """The applicant's (or their agent's) own move; False when the application changed in the
    meantime, and then nothing is written."""
    try:
        workflow.perform_transition(db, application, name, actor=account,
                                    channel=channel_of(account), reason=reason,
                                    notify=notify_status_change)
        db.commit()
    except (status_machine.TransitionRefused, StaleDataError):
        db.rollback()
        return False
    return True


@track.route("/applications/<int:application_id>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(application_id: int) -> str | Response | tuple[str, int]:
    account = require_account()
    db = get_session()
    application = visible_application(db, account, application_id)
    kind = status_machine.actor_kind(db, account, application)
    if kind not in status_machine.BY_NAME["withdraw"].actors:
        abort(404)  # caseworkers and approvers decide; they do not withdraw
    if not _can_withdraw(db, account, application):
        return _cannot_withdraw(application)
    form = WithdrawForm()
    if form.validate_on_submit():
        if form.confirm.data == "no":
            flash(_("The application is not withdrawn. Nothing has changed."))
            return redirect(url_for("track.timeline", application_id=application.id))
        if not _applicants_step(db, application, "withdraw", account, form.reason.data):
            return _cannot_withdraw(db.get(Application, application_id) or application)
        flash(_("The application is withdrawn. We sent a message to confirm it."))
        return redirect(url_for("track.timeline", application_id=application.id))
    return render_template("track/withdraw.html", form=form, application=application,
                           service=get_service(application.service_code),
                           page_title=_("Withdraw the application"))


def _cannot_withdraw(application: Application) -> tuple[str, int]:
    """A clear page rather than a bare refusal: the person learns why, and what they can do."""
    return render_template(
        "track/cannot_withdraw.html", application=application,
        decided=application.status in DECIDED,
        page_title=_("This application cannot be withdrawn"),
    ), 409 if request.method == "POST" else 200
