"""Nobody missed (issue 23): civil affairs import the 低保/特困 and death rosters, see who may be
entitled and has not applied, invite them and record each contact; the invited person (or
their agent, or counter staff with them) starts the pre-filled draft from the invitation.

Views are thin: app.domain.benefits.rosters, outreach and deaths do the work; policies decide
access.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import outreach, rosters
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    AssistanceKind,
    AssistanceRoster,
    Channel,
    DeathSource,
    OutreachInvitation,
    OutreachOutcome,
    Person,
    Role,
)
from app.domain.people import deaths, shared_data
from app.domain.rules.eligibility_rules import Reason
from app.forms import error_messages as messages
from app.web.access import require_account, require_account_allowed, signed_in, staff_only
from app.web.areas import area_name
from app.web.forms import outreach as forms
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.outreach_messages import queue_invitation, tell_family

outreach_pages = Blueprint("outreach", __name__)

PAGE_SIZE = 50
MONTHS_OFFERED = 12
MOST_PROBLEMS_SHOWN = 20

# Why someone may be entitled, for staff (the reasons the comparison can find).
REASON_WORDS = {
    Reason.LIVING_DIBAO: _l("On the minimum living support roster, with a disability card"),
    Reason.LIVING_EXTENDED_HERE: _l("Their household is one this county also pays the living "
                                    "allowance to"),
    Reason.CARE_SEVERE_LONG_TERM: _l("A level 1 or 2 disability card: ask about the long-term "
                                     "care need"),
    Reason.CARE_EXTENDED_HERE: _l("A level 3 or 4 intellectual or mental disability card, "
                                  "which this county also pays the care allowance for: ask "
                                  "about the long-term care need"),
}
OUTCOME_WORDS = {
    OutreachOutcome.WILL_APPLY: _l("They will apply"),
    OutreachOutcome.APPLIED: _l("They have applied"),
    OutreachOutcome.DECLINED: _l("They do not want to apply"),
    OutreachOutcome.NOT_REACHED: _l("We could not reach them"),
    OutreachOutcome.NOT_ELIGIBLE: _l("They are not entitled after all"),
}
ROSTER_KINDS = {AssistanceKind.DIBAO: _l("Minimum living support (dibao)"),
                AssistanceKind.TEKUN: _l("Support for people in extreme poverty (tekun)")}


@outreach_pages.context_processor
def _words() -> dict[str, object]:
    return {"reason_words": {str(k): v for k, v in REASON_WORDS.items()},
            "outcome_words": {str(k): v for k, v in OUTCOME_WORDS.items()},
            "roster_kinds": {str(k): v for k, v in ROSTER_KINDS.items()},
            "allowance_names": ALLOWANCE_NAMES}


def _civil_affairs() -> Account:
    return require_account_allowed(policies.can_import_rosters)


def configured_shared_data() -> shared_data.SharedData:
    """The shared-data implementation the configuration names (README: SHARED_DATA_...)."""
    return shared_data.load(current_app.config["SHARED_DATA_IMPLEMENTATION"])


def _months(today: date) -> list[date]:
    months, month = [], today.replace(day=1)
    for _step in range(MONTHS_OFFERED):
        months.append(month)
        month = outreach.previous_month(month)
    return months


def _month_or_404(text: str | None, default: date) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        abort(404)


def _area_counties(me: Account) -> list[str] | None:
    """None for the whole province (no IN list of every county)."""
    return None if policies.covers_province(me) else policies.area_codes(me.area_code or "")


def _file_problem(form_field: object, content: bytes | None) -> str | None:
    """The file's own problem (none chosen, too large), beside the field."""
    if not content:
        return str(messages.CHOOSE_ROSTER_FILE)
    most = current_app.config["MAX_UPLOAD_MB"] * 6
    if len(content) > most * 1024 * 1024:
        return str(messages.ROSTER_TOO_LARGE) % {"size": most}
    return None


def _refusal(refused: rosters.RosterRefused, columns: tuple[str, ...]) -> str:
    """One message beside the file field naming each wrong line (the first 20, then a count)."""
    words = [str(messages.ROSTER_REFUSED)]
    for problem in refused.problems[:MOST_PROBLEMS_SHOWN]:
        words.append(str(messages.ROSTER_LINE[problem.problem]) % {
            "line": problem.line, "columns": ",".join(columns), "most": rosters.MOST_LINES})
    if len(refused.problems) > MOST_PROBLEMS_SHOWN:
        words.append(str(messages.ROSTER_MORE_LINES) % {
            "count": len(refused.problems) - MOST_PROBLEMS_SHOWN})
    return "; ".join(words)


def _uploaded() -> bytes | None:
    upload = request.files.get("roster")
    return upload.read() if upload and upload.filename else None


@outreach_pages.route("/civil-affairs/rosters", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def rosters_page() -> str | Response:
    me = _civil_affairs()
    db = get_session()
    today = today_in_china()
    form = forms.RosterForm()
    form.month.choices = [(m.strftime("%Y-%m"), format_date(m, "yyyy-MM"))
                          for m in _months(today)]
    form.roster.description = str(forms.ROSTER_HINT) % {
        "columns": ",".join(rosters.ASSISTANCE_COLUMNS)}
    if request.method == "POST":
        valid = form.validate_on_submit()
        content = _uploaded()
        problem = _file_problem(form.roster, content)
        if problem:
            form.roster.errors = [problem]
        elif valid and content is not None:
            try:
                done = rosters.import_assistance_roster(
                    db, kind=AssistanceKind(form.kind.data),
                    month=date.fromisoformat(f"{form.month.data}-01"),
                    area_code=me.area_code or "", content=content, today=today, actor=me)
            except rosters.RosterRefused as refused:
                db.rollback()
                form.roster.errors = [_refusal(refused, rosters.ASSISTANCE_COLUMNS)]
            else:
                record_access(db, actor=me, action=AuditAction.ROSTER_IMPORT,
                              channel=channel_of(me), detail={
                                  "kind": done.roster.kind.value, "rows": done.roster.row_count,
                                  "month": done.roster.month.isoformat(),
                                  "changed": done.changed})
                db.commit()
                if not done.changed:
                    flash(_("This file was imported before. Nothing has changed."))
                else:
                    flash(_("The roster is imported: %(count)s people.",
                            count=done.roster.row_count))
                return redirect(url_for("outreach.candidates",
                                        month=done.roster.month.strftime("%Y-%m")))
    imported = db.scalars(select(AssistanceRoster).where(
        AssistanceRoster.area_code == me.area_code)
        .order_by(AssistanceRoster.month.desc(), AssistanceRoster.kind)
        .limit(24)).all()
    return render_template("outreach/rosters.html", form=form, imported=imported)


@outreach_pages.route("/civil-affairs/deaths", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def deaths_page() -> str | Response:
    me = _civil_affairs()
    db = get_session()
    today = today_in_china()
    form = forms.DeathRosterForm()
    form.roster.description = str(forms.ROSTER_HINT) % {
        "columns": ",".join(rosters.DEATH_COLUMNS)}
    if request.method == "POST":
        valid = form.validate_on_submit()
        content = _uploaded()
        problem = _file_problem(form.roster, content)
        if problem:
            form.roster.errors = [problem]
        elif valid and content is not None:
            try:
                records = rosters.new_deaths(db, source=DeathSource(form.source.data),
                                             content=content, today=today, actor=me)
            except rosters.RosterRefused as refused:
                db.rollback()
                form.roster.errors = [_refusal(refused, rosters.DEATH_COLUMNS)]
            else:
                settled = deaths.settle_roster(db, records, today=today, actor=me)
                for settlement in settled:
                    tell_family(db, settlement)
                    record_access(db, actor=me, action=AuditAction.DEATH_RECORDED,
                                  channel=channel_of(me), person=settlement.person,
                                  detail={"died_on": settlement.died_on.isoformat()})
                record_access(db, actor=me, action=AuditAction.DEATH_ROSTER_IMPORT,
                              channel=channel_of(me),
                              detail={"new": len(records), "on_record": len(settled)})
                db.commit()
                flash(_("The list is imported: %(new)s deaths not recorded before, "
                        "%(matched)s of them people on record. Their payments stop from the "
                        "month after the death, and their families are told.",
                        new=len(records), matched=len(settled)))
                return redirect(url_for("outreach.deaths_page"))
    return render_template("outreach/deaths.html", form=form)


@outreach_pages.get("/civil-affairs/may-be-entitled")
@staff_only(Role.CIVIL_AFFAIRS)
def candidates() -> str:
    me = _civil_affairs()
    db = get_session()
    today = today_in_china()
    month = _month_or_404(request.args.get("month"), today.replace(day=1))
    start = request.args.get("start", type=int) or 0
    counties = _area_counties(me)
    found = outreach.may_be_entitled(db, county_codes=counties, month=month, today=today)
    shown = found[start:start + PAGE_SIZE]
    invited = outreach.invitations_of_month(db, [c.person_id for c in shown], month)
    left = outreach.left_the_roster(db, county_codes=counties, month=month)
    record_access(db, actor=me, action=AuditAction.OUTREACH_LIST, channel=channel_of(me),
                  detail={"month": month.isoformat(), "start": start})
    db.commit()
    key = month.strftime("%Y-%m")
    return render_template(
        "outreach/candidates.html", month=month, key=key, months=_months(today),
        candidates=shown, total=len(found), invited=invited, left=left, area_name=area_name,
        next_url=url_for("outreach.candidates", month=key, start=start + PAGE_SIZE)
        if start + PAGE_SIZE < len(found) else None,
        first_url=url_for("outreach.candidates", month=key) if start else None)


def _candidate_or_404(me: Account, person_id: int, month: date) -> outreach.Candidate:
    db = get_session()
    person = db.get(Person, person_id)
    if person is None:
        abort(404)
    found = next(iter(outreach.may_be_entitled(db, county_codes=None, month=month,
                                               today=today_in_china(), person_id=person.id)),
                 None)
    if found is None or not policies.can_invite_to_apply(me, found.county_code):
        abort(404)
    return found


def _invitation_or_candidate(me: Account, person_id: int, month: date
                             ) -> tuple[OutreachInvitation | None, outreach.Candidate | None]:
    """An invitation sent stays workable after the person applied (off the list)."""
    db = get_session()
    invitation = outreach.invitation_for(db, person_id, month)
    if invitation is not None:
        if not policies.can_invite_to_apply(me, invitation.county_code):
            abort(404)
        return invitation, None
    return None, _candidate_or_404(me, person_id, month)


@outreach_pages.route("/civil-affairs/may-be-entitled/<int:person_id>/<month_key>",
                      methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def candidate(person_id: int, month_key: str) -> str | Response:
    me = _civil_affairs()
    db = get_session()
    month = _month_or_404(month_key, date.min)
    invitation, found = _invitation_or_candidate(me, person_id, month)
    person = db.get(Person, person_id)
    form = forms.ContactForm()
    if request.method == "POST" and invitation is not None and form.validate_on_submit():
        outreach.record_contact(db, invitation, outcome=OutreachOutcome(form.outcome.data),
                                note=form.note.data, staff=me)
        record_access(db, actor=me, action=AuditAction.OUTREACH_CONTACT,
                      channel=channel_of(me), person=person,
                      detail={"outcome": form.outcome.data})
        db.commit()
        flash(_("The outcome of the contact is recorded."))
        return redirect(url_for("outreach.candidate", person_id=person_id, month_key=month_key))
    if request.method == "POST" and invitation is None:
        abort(404)
    if request.method == "GET":
        record_access(db, actor=me, action=AuditAction.OUTREACH_VIEW, channel=channel_of(me),
                      person=person, detail={"month": month.isoformat()})
        db.commit()
    return render_template("outreach/candidate.html", person=person, candidate=found,
                           invitation=invitation, form=form, month=month,
                           month_key=month_key, invite_form=forms.InviteForm())


@outreach_pages.post("/civil-affairs/may-be-entitled/<int:person_id>/<month_key>/invite")
@staff_only(Role.CIVIL_AFFAIRS)
def invite(person_id: int, month_key: str) -> Response:
    me = _civil_affairs()
    db = get_session()
    month = _month_or_404(month_key, date.min)
    invitation, found = _invitation_or_candidate(me, person_id, month)
    if invitation is None and found is not None:
        person = db.get(Person, person_id)
        invitation, made = outreach.invite(db, found, month=month, staff=me,
                                           phone=person.phone if person else None)
        if made:
            queue_invitation(db, invitation)
            record_access(db, actor=me, action=AuditAction.OUTREACH_INVITE,
                          channel=channel_of(me), person=person,
                          detail={"allowances": list(found.allowances)})
        db.commit()
        flash(_("The invitation is sent.") if invitation.phone else
              _("The invitation is recorded. There is no mobile number on record: call or "
                "visit the person. Counter staff will see the invitation when they come in."))
    return redirect(url_for("outreach.candidate", person_id=person_id, month_key=month_key))


# --- The invited person, their agent, or counter staff with them ---------------------------


def _invitation_for_holder(account: Account, token: str) -> OutreachInvitation:
    db = get_session()
    invitation = outreach.invitation_by_token(db, token)
    if invitation is None or account.role != Role.PUBLIC or \
            not policies.can_act_for_person(db, account, invitation.person):
        abort(404)
    return invitation


@outreach_pages.get("/invitations/<token>")
@signed_in
def invitation(token: str) -> str:
    account = require_account()
    found = _invitation_for_holder(account, token)
    return render_template("outreach/invitation.html", invitation=found,
                           form=forms.InviteForm(), for_self=account.person_id == found.person_id)


@outreach_pages.post("/invitations/<token>/start")
@signed_in
def start_invited(token: str) -> Response:
    account = require_account()
    found = _invitation_for_holder(account, token)
    db = get_session()
    draft = outreach.start_invited_draft(db, found, account=account, channel=Channel.ONLINE,
                                         data=configured_shared_data(), today=today_in_china())
    db.commit()
    return redirect(url_for("apply.resume", application_id=draft.id))


@outreach_pages.post("/counter/people/<int:person_id>/invitations/<int:invitation_id>/start")
@staff_only(Role.COUNTER)
def start_at_counter(person_id: int, invitation_id: int) -> Response:
    account = require_account_allowed(policies.can_use_counter)
    db = get_session()
    found = db.get(OutreachInvitation, invitation_id)
    if found is None or found.person_id != person_id or \
            not policies.can_act_for_person(db, account, found.person):
        abort(404)
    draft = outreach.start_invited_draft(db, found, account=account, channel=Channel.COUNTER,
                                         data=configured_shared_data(), today=today_in_china())
    record_access(db, actor=account, action=AuditAction.APPLICATION_START,
                  channel=Channel.COUNTER, person=found.person, application=draft,
                  detail={"invitation": found.id})
    db.commit()
    return redirect(url_for("apply.resume", application_id=draft.id))
