"""County civil affairs: reported changes and objections (异议) as cases, soonest due first,
each decided with reasons; every decision becomes the person's letter (issue 22)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain import entitlement_changes as changes
from app.domain import policies
from app.domain.audit import AuditAction, record_access
from app.domain.channels import channel_of
from app.domain.clock import today_in_china
from app.domain.models import ChangeReport, ChangeReportState, Objection, ObjectionState, Role
from app.web.access import allowed_or_404, require_account, staff_only
from app.web.changes import KIND_NAMES, county_name
from app.web.entitlement_messages import decision_words, tell_decision
from app.web.forms.changes import DATE_QUESTIONS, ObjectionDecisionForm, ReportDecisionForm

change_cases = Blueprint("change_cases", __name__, url_prefix="/civil-affairs")


@change_cases.get("/changes")
@staff_only(Role.CIVIL_AFFAIRS)
def queue() -> str:
    account = require_account()
    db = get_session()
    counties = [code for code in policies.area_codes(account.area_code or "") if len(code) == 6]
    return render_template("changes/queue.html",
                           reports=changes.reports_queue(db, counties),
                           objections=changes.objections_queue(db, counties),
                           kind_names=KIND_NAMES,
                           page_title=_("Reported changes and objections"))


@change_cases.route("/changes/<int:report_id>", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def report(report_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    found = allowed_or_404(db.get(ChangeReport, report_id),
                           lambda r: r.state != ChangeReportState.DRAFT
                           and policies.can_decide_entitlement_matters(account, r.county_code))
    form = ReportDecisionForm()
    if found.state == ChangeReportState.RECEIVED and form.validate_on_submit():
        try:
            made = changes.decide_report(db, found, staff=account,
                                         apply=form.decision.data == "apply",
                                         reason=form.reason.data, today=today_in_china())
        except changes.AlreadyDecided:
            abort(409)
        for decision in made:
            tell_decision(db, decision)
        db.commit()
        flash(_("Decided. The person is told, and the letter is ready."))
        return redirect(url_for("change_cases.report", report_id=found.id))
    if form.is_submitted() and found.state != ChangeReportState.RECEIVED:
        return redirect(url_for("change_cases.report", report_id=found.id))
    record_access(db, actor=account, action=AuditAction.PERSON_VIEW,
                  channel=channel_of(account), person=found.person, application=None,
                  detail={"change_report_id": found.id})
    db.commit()
    return render_template("changes/case.html", report=found, form=form,
                           kind_names=KIND_NAMES, date_questions=DATE_QUESTIONS,
                           county=county_name(found.new_county_code),
                           live=changes.live_entitlements(db, found.person_id),
                           page_title=_("Reported change %(reference)s",
                                        reference=found.reference or ""))


@change_cases.route("/objections/<int:objection_id>", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def objection(objection_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    found = allowed_or_404(db.get(Objection, objection_id),
                           lambda o: policies.can_decide_entitlement_matters(account,
                                                                             o.county_code))
    form = ObjectionDecisionForm()
    if found.state == ObjectionState.OPEN and form.validate_on_submit():
        answer = changes.decide_objection(db, found, staff=account,
                                          upheld=form.decision.data == "upheld",
                                          answer=form.answer.data, today=today_in_china())
        tell_decision(db, answer)
        db.commit()
        flash(_("Decided. The person is told, and the letter is ready."))
        return redirect(url_for("change_cases.objection", objection_id=found.id))
    if form.is_submitted() and found.state != ObjectionState.OPEN:
        return redirect(url_for("change_cases.objection", objection_id=found.id))
    return render_template("changes/objection_case.html", objection=found, form=form,
                           words=decision_words(db, found.decision),
                           page_title=_("Objection to a decision about an allowance"))
