"""Report a change (主动申报), one question per page, by the person, their agent or counter
staff; the letters of decisions about an entitlement, and an objection (异议) to one (issue 22).

Each page saves its answer to the draft report on the server (nothing is lost to a time-out);
sending is POST-redirect-GET and sends once.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import entitlement_changes as changes
from app.domain.casework.deciding_bodies import Body, body_name
from app.domain.casework.review_rights import rights_from
from app.domain.clock import today_in_china
from app.domain.files import documents
from app.domain.models import (
    Account,
    ChangeKind,
    ChangeReport,
    ChangeReportDocument,
    ChangeReportState,
    EntitlementDecision,
    Person,
)
from app.domain.models import EntitlementDecisionKind as K
from app.domain.people.delegations import delegations_of_person
from app.forms import error_messages as messages
from app.services.shared_steps import county_list
from app.web.access import allowed_or_404, require_account, signed_in
from app.web.areas import place_label_of
from app.web.entitlement_messages import decision_words, money
from app.web.forms.apply import UploadForm
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.changes import (
    CHANGE_CHOICES,
    DATE_QUESTIONS,
    ChangeDateForm,
    ChangeKindForm,
    ChangeNoteForm,
    NewAccountForm,
    NewCountyForm,
    ObjectionForm,
)

reports = Blueprint("changes", __name__, url_prefix="/changes")


@reports.app_context_processor
def _reviewable_kinds() -> dict[str, object]:
    """The letters that end with the rights of review (the enums are labels.py's globals)."""
    return {"reviewable_kinds": REVIEWABLE_KINDS}


# The letters that carry review rights: a stop, a suspension, a recovery, an objection dismissed.
REVIEWABLE_KINDS = frozenset({K.STOPPED, K.SUSPENDED, K.RECOVERY, K.OBJECTION_DISMISSED})

KIND_NAMES = dict(CHANGE_CHOICES)


def _person(person_id: int) -> tuple[Account, Person]:
    account = require_account()
    db = get_session()
    person = allowed_or_404(db.get(Person, person_id),
                            partial(policies.can_report_change, db, account))
    return account, person


def _report(report_id: int, *, draft: bool) -> tuple[Account, ChangeReport]:
    account = require_account()
    db = get_session()
    report = allowed_or_404(db.get(ChangeReport, report_id),
                            partial(policies.can_view_change_report, db, account))
    if draft and (report.state != ChangeReportState.DRAFT
                  or not policies.can_report_change(db, account, report.person)):
        abort(404)
    return account, report


def _relationship(account: Account, person: Person) -> str | None:
    if account.person_id == person.id or account.is_staff:
        return None
    found = next((d for d in delegations_of_person(get_session(), person.id)
                  if d.agent_account_id == account.id), None)
    return found.relationship_kind.value if found else None


@reports.route("/people/<int:person_id>", methods=["GET", "POST"])
@signed_in
def start(person_id: int) -> str | Response:
    """What to report, the reports sent so far, and the start of a new one."""
    account, person = _person(person_id)
    db = get_session()
    live = changes.live_entitlements(db, person.id)
    if request.method == "POST":
        if not live:
            abort(404)
        report = changes.start_report(db, person, by=account, channel=channel_of(account),
                                      relationship=_relationship(account, person))
        db.commit()
        return redirect(url_for("changes.kind", report_id=report.id))
    return render_template("changes/start.html", person=person, live=live,
                           sent=changes.reports_of(db, person.id), kind_names=KIND_NAMES,
                           decisions=changes.decisions_of_person(db, person.id),
                           decision_words=partial(decision_words, db),
                           allowance_names=ALLOWANCE_NAMES,
                           page_title=_("Report a change"))


def _next_page(report: ChangeReport) -> str:
    """The first question not answered yet, else the check page."""
    lacking = changes.missing(report)
    page: str | None = next((p for p in ("kind", "date", "county", "account", "documents")
                             if p in lacking), None)
    if page == "documents":
        page = "documents_page"
    return url_for(f"changes.{page or 'check'}", report_id=report.id)


@reports.route("/<int:report_id>/kind", methods=["GET", "POST"])
@signed_in
def kind(report_id: int) -> str | Response:
    _account, report = _report(report_id, draft=True)
    form = ChangeKindForm(data={"kind": report.kind.value if report.kind else None})
    if form.validate_on_submit():
        chosen = ChangeKind(form.kind.data)
        if chosen != report.kind:  # another change: its own questions are asked afresh
            report.kind = chosen
            report.new_county_code = report.bank_name = None
            report.account_holder = report.account_number = None
            # A new account takes effect when staff check it: no date to ask.
            report.event_date = today_in_china() if chosen == ChangeKind.NEW_ACCOUNT else None
        get_session().commit()
        return redirect(_next_page(report))
    return render_template("changes/question.html", form=form, field=form.kind, report=report,
                           back=url_for("changes.start", person_id=report.person_id),
                           page_title=str(form.kind.label.text))


@reports.route("/<int:report_id>/date", methods=["GET", "POST"])
@signed_in
def date(report_id: int) -> str | Response:
    _account, report = _report(report_id, draft=True)
    if report.kind is None:
        return redirect(_next_page(report))
    form = ChangeDateForm(data={"event_date": report.event_date})
    form.event_date.label.text = str(DATE_QUESTIONS[report.kind])
    if form.validate_on_submit():
        report.event_date = form.event_date.data
        get_session().commit()
        return redirect(_next_page(report))
    return render_template("changes/question.html", form=form, field=form.event_date,
                           report=report, back=url_for("changes.kind", report_id=report.id),
                           page_title=form.event_date.label.text)


@reports.route("/<int:report_id>/county", methods=["GET", "POST"])
@signed_in
def county(report_id: int) -> str | Response:
    _account, report = _report(report_id, draft=True)
    if report.kind != ChangeKind.MOVED_WITHIN_JILIN:
        return redirect(_next_page(report))
    form = NewCountyForm(data={"county": report.new_county_code})
    form.county.choices = county_list(first=None)
    if form.validate_on_submit():
        if form.county.data == report.county_code:
            form.county.errors = [str(messages.SAME_COUNTY)]
        else:
            report.new_county_code = form.county.data
            get_session().commit()
            return redirect(_next_page(report))
    return render_template("changes/question.html", form=form, field=form.county,
                           report=report, back=url_for("changes.date", report_id=report.id),
                           page_title=str(form.county.label.text))


@reports.route("/<int:report_id>/account", methods=["GET", "POST"])
@signed_in
def account(report_id: int) -> str | Response:
    _account, report = _report(report_id, draft=True)
    if report.kind != ChangeKind.NEW_ACCOUNT:
        return redirect(_next_page(report))
    form = NewAccountForm(data={"bank": report.bank_name, "holder": report.account_holder,
                                "number": report.account_number})
    if form.validate_on_submit():
        report.bank_name, report.account_holder = form.bank.data, form.holder.data
        report.account_number = form.number.data
        get_session().commit()
        return redirect(_next_page(report))
    return render_template("changes/account.html", form=form, report=report,
                           back=url_for("changes.kind", report_id=report.id),
                           page_title=_("Which bank account should the money go to?"))


@reports.route("/<int:report_id>/documents", methods=["GET", "POST"])
@signed_in
def documents_page(report_id: int) -> str | Response:
    account, report = _report(report_id, draft=True)
    form = UploadForm(max_mb=current_app.config["MAX_UPLOAD_MB"])
    if form.validate_on_submit():
        chosen, checked = form.checked_files()
        if not chosen and changes.needs_document(report) and not report.documents:
            form.files.errors.append(str(messages.CHANGE_DOCUMENT_NEEDED))
        elif form.files.errors:
            pass  # each refused file is named beside the field; nothing is stored
        elif len(report.documents) + len(checked) > changes.MOST_DOCUMENTS:
            form.files.errors.append(str(messages.TOO_MANY_DOCUMENTS)
                                     % {"limit": changes.MOST_DOCUMENTS})
        else:
            db = get_session()
            for item in checked:
                changes.add_document(db, report, folder=Path(current_app.config["UPLOAD_FOLDER"]),
                                     checked=item, uploaded_by=account)
            db.commit()
            return redirect(url_for("changes.check", report_id=report.id))
    return render_template("changes/documents.html", form=form, report=report,
                           needed=changes.needs_document(report),
                           back=url_for("changes.kind", report_id=report.id),
                           page_title=_("Add the document that shows the change"))


@reports.get("/<int:report_id>/documents/<int:document_id>")
@signed_in
def download(report_id: int, document_id: int) -> Response:
    account, report = _report(report_id, draft=False)
    document = get_session().get(ChangeReportDocument, document_id)
    if document is None or document.report_id != report.id:
        abort(404)
    db = get_session()
    record_access(db, actor=account, action=AuditAction.DOCUMENT_DOWNLOAD,
                  channel=channel_of(account), person=report.person, application=None,
                  detail={"change_report_document_id": document.id})
    db.commit()
    response = send_file(Path(current_app.config["UPLOAD_FOLDER"]) / document.stored_name,
                         mimetype=document.content_type, as_attachment=True,
                         download_name=documents.display_name(document.original_filename,
                                                              document.content_type))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store, private"
    return response


@reports.route("/<int:report_id>/check", methods=["GET", "POST"])
@signed_in
def check(report_id: int) -> str | Response:
    _account, report = _report(report_id, draft=True)
    if changes.missing(report):
        return redirect(_next_page(report))
    form = ChangeNoteForm(data={"note": report.note})
    if form.validate_on_submit():
        db = get_session()
        report.note = form.note.data or None
        changes.send_report(db, report, today=today_in_china())
        db.commit()
        return redirect(url_for("changes.receipt", report_id=report.id))
    return render_template("changes/check.html", form=form, report=report,
                           kind_names=KIND_NAMES, date_questions=DATE_QUESTIONS,
                           county=place_label_of(report.new_county_code),
                           back=url_for("changes.kind", report_id=report.id),
                           page_title=_("Check the change before you send it"))


@reports.get("/<int:report_id>/receipt")
@signed_in
def receipt(report_id: int) -> str:
    _account, report = _report(report_id, draft=False)
    if report.state == ChangeReportState.DRAFT:
        abort(404)
    return render_template("changes/receipt.html", report=report, kind_names=KIND_NAMES,
                           county=place_label_of(report.county_code),
                           page_title=_("Change reported"))


# Letters and objections ------------------------------------------------------------------------


def _decision(decision_id: int) -> tuple[Account, EntitlementDecision]:
    account = require_account()
    db = get_session()
    decision = allowed_or_404(db.get(EntitlementDecision, decision_id),
                              partial(policies.can_view_entitlement_decision, db, account))
    return account, decision


@reports.get("/decisions/<int:decision_id>")
@signed_in
def letter(decision_id: int) -> str:
    account, decision = _decision(decision_id)
    db = get_session()
    locale = str(get_locale())
    county = decision.entitlement.county_code
    objection = changes.objection_to(db, decision)
    recovery = changes.recovery_for(db, decision)
    return render_template(
        "changes/letter.html", decision=decision, words=decision_words(db, decision),
        person=decision.entitlement.person,
        allowance=ALLOWANCE_NAMES.get(decision.entitlement.allowance),
        decided_by=body_name(Body.CIVIL_AFFAIRS, county, locale),
        rights=rights_from(decision.decided_on, refused=True, reason=decision.note,
                           reason_codes=[]),
        reconsidered_by=body_name(Body.GOVERNMENT, county, locale),
        court=body_name(Body.COURT, county, locale),
        objection=objection, recovery=recovery,
        amount=money(recovery.amount_fen) if recovery else None,
        may_object=changes.may_object(db, decision)
        and policies.can_object(db, account, decision),
        page_title=_("Decision about the %(allowance)s",
                     allowance=ALLOWANCE_NAMES.get(decision.entitlement.allowance, "")))


@reports.route("/decisions/<int:decision_id>/objection", methods=["GET", "POST"])
@signed_in
def objection(decision_id: int) -> str | Response:
    account, decision = _decision(decision_id)
    db = get_session()
    if not policies.can_object(db, account, decision):
        abort(404)
    if not changes.may_object(db, decision):
        return redirect(url_for("changes.letter", decision_id=decision.id))
    form = ObjectionForm()
    if form.validate_on_submit():
        lodged = changes.lodge_objection(db, decision, by=account, channel=channel_of(account),
                                         grounds=form.grounds.data, today=today_in_china())
        db.commit()
        flash(_("Your objection is received. The county checks the decision again and writes "
                "to you by %(date)s.", date=format_date(lodged.due_on, "long")))
        return redirect(url_for("changes.letter", decision_id=decision.id))
    return render_template("changes/objection.html", form=form, decision=decision,
                           words=decision_words(db, decision),
                           page_title=_("Object to the decision"))
