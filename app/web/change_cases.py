"""County civil affairs: reported changes and objections (异议) as cases, soonest due first,
each decided with reasons; every decision becomes the person's letter (issue 22)."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import entitlement_changes as changes
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    ChangeReport,
    ChangeReportState,
    Entitlement,
    EntitlementDecisionKind,
    EntitlementState,
    Objection,
    ObjectionState,
    OverpaymentRecovery,
    Role,
)
from app.forms import error_messages as messages
from app.web.access import allowed_or_404, require_account, staff_only
from app.web.areas import place_label_of
from app.web.changes import KIND_NAMES
from app.web.entitlement_messages import decision_words, money, tell_decision
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.changes import (
    DATE_QUESTIONS,
    EntitlementDecisionForm,
    ObjectionDecisionForm,
    ReportDecisionForm,
    SettleRecoveryForm,
)

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
                           recoveries=changes.open_recoveries(db, counties), money=money,
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
                           county=place_label_of(found.new_county_code),
                           live=changes.live_entitlements(db, found.person_id),
                           allowance_names=ALLOWANCE_NAMES,
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


def _entitlement(entitlement_id: int) -> tuple[Account, Entitlement]:
    account = require_account()
    found = allowed_or_404(get_session().get(Entitlement, entitlement_id),
                           lambda e: policies.can_decide_entitlement_matters(account,
                                                                             e.county_code))
    return account, found


def _entitlement_page(account: Account, entitlement: Entitlement, form: EntitlementDecisionForm,
                      settle_form: SettleRecoveryForm | None = None) -> str:
    db = get_session()
    record_access(db, actor=account, action=AuditAction.PERSON_VIEW,
                  channel=channel_of(account), person=entitlement.person, application=None,
                  detail={"entitlement_id": entitlement.id})
    db.commit()
    return render_template(
        "changes/entitlement.html", entitlement=entitlement, form=form,
        settle_form=settle_form or SettleRecoveryForm(),
        allowance=ALLOWANCE_NAMES.get(entitlement.allowance),
        decisions=[d for d in changes.decisions_of_person(db, entitlement.person_id)
                   if d.entitlement_id == entitlement.id],
        decision_words=partial(decision_words, db),
        recoveries=changes.recoveries_of(db, entitlement), money=money,
        page_title=_("%(allowance)s of %(name)s",
                     allowance=ALLOWANCE_NAMES.get(entitlement.allowance, ""),
                     name=entitlement.person.full_name))


@change_cases.route("/entitlements/<int:entitlement_id>", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def entitlement(entitlement_id: int) -> str | Response:
    """停发, 暂停 or 恢复 on civil affairs' own findings, with reasons; and 追回 settled."""
    account, found = _entitlement(entitlement_id)
    form = EntitlementDecisionForm()
    if form.validate_on_submit():
        db = get_session()
        kind = EntitlementDecisionKind(form.decision.data)
        allowed = {EntitlementDecisionKind.STOPPED: found.state != EntitlementState.STOPPED,
                   EntitlementDecisionKind.SUSPENDED: found.state == EntitlementState.PAYING,
                   EntitlementDecisionKind.RESUMED: found.state != EntitlementState.PAYING}
        if not allowed[kind]:
            form.decision.errors = [str(messages.DECISION_NOT_IN_THIS_STATE)]
        else:
            reason = "conditions_met_again" if kind == EntitlementDecisionKind.RESUMED \
                else form.reason.data
            made = changes.decide(db, found, kind, reason=reason,
                                  note=form.note.data, today=today_in_china(), staff=account,
                                  event_date=form.event_date.data)
            for decision in made:
                tell_decision(db, decision)
            db.commit()
            flash(_("Decided. The person is told, and the letter is ready."))
            return redirect(url_for("change_cases.entitlement", entitlement_id=found.id))
    return _entitlement_page(account, found, form)


@change_cases.post("/recoveries/<int:recovery_id>/settle")
@staff_only(Role.CIVIL_AFFAIRS)
def settle(recovery_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    recovery = allowed_or_404(db.get(OverpaymentRecovery, recovery_id), lambda r: (
        policies.can_decide_entitlement_matters(account, r.entitlement.county_code)))
    form = SettleRecoveryForm()
    if recovery.settled_on is None and form.validate_on_submit():
        changes.settle_recovery(recovery, today=today_in_china(), by=account,
                                note=form.settled_note.data)
        db.commit()
        flash(_("Recorded as settled."))
    elif recovery.settled_on is None:
        return _entitlement_page(account, recovery.entitlement, EntitlementDecisionForm(
            formdata=None), settle_form=form)
    return redirect(url_for("change_cases.entitlement", entitlement_id=recovery.entitlement_id))
