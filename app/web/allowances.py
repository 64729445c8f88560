"""My allowances (issue 22): a person's entitlements and every month's payment, the yearly
statement of payments (证明), and their answer to the yearly review (定期复核) — for the
resident, their agent, and counter staff with the person in front of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import format_currency, format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import entitlements as entitlement_life
from app.domain.benefits import reviews, statements
from app.domain.casework.deciding_bodies import Body, body_name
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    Entitlement,
    EntitlementEvent,
    EntitlementEventKind,
    EntitlementState,
    Payment,
    PaymentState,
    Person,
    ReviewCase,
    Role,
)
from app.domain.people.identity import ResidentIdNumber
from app.web.access import require_account, signed_in, staff_only
from app.web.areas import county_name
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.reviews import ReviewAnswerForm, StatementCheckForm
from app.web.track.decision_letter import month_name

allowances = Blueprint("allowances", __name__, url_prefix="/allowances")

# Why an entitlement changed, in plain words (app.domain.benefits.entitlements.REASONS).
REASON_WORDS: dict[str, Any] = {
    "moved_within_jilin": _l("the household registration (户籍) moved to another county of "
                             "Jilin, which pays from the month after the move"),
    "moved_out_of_jilin": _l("the household registration (户籍) moved out of Jilin Province"),
    "subsistence_ended": _l("the minimum living allowance (低保) ended"),
    "care_level_changed": _l("the disability level no longer meets the care allowance's "
                             "condition"),
    "entered_institution": _l("the person entered a care institution"),
    "died": _l("the person died"),
    "card_cancelled": _l("the disability card was cancelled"),
    "review_not_answered": _l("the yearly review was not answered by its date"),
    "review_found_ineligible": _l("the yearly review found the conditions no longer met"),
    "review_answered": _l("the yearly review was answered"),
    "objection_upheld": _l("an objection was upheld"),
    "account_corrected": _l("the bank account was corrected"),
}


def reason_words(code: str | None) -> str:
    return str(REASON_WORDS.get(code or "", _l("a decision of civil affairs")))


def _person_or_404(person_id: int) -> tuple[Account, Person]:
    me = require_account()
    person = get_session().get(Person, person_id)
    if person is None or not policies.can_view_allowances(get_session(), me, person):
        abort(404)
    return me, person


def visible_entitlements(me: Account, person: Person) -> list[Entitlement]:
    db = get_session()
    return [e for e in entitlement_life.entitlements_of(db, person.id)
            if policies.can_view_entitlement(db, me, e)]


def money(fen: int) -> str:
    return format_currency(fen / 100, "CNY")


def _day(day: date) -> str:
    return format_date(day, "long")


def state_words(entitlement: Entitlement) -> str:
    """Its state and why, from its latest event, in a sentence."""
    if entitlement.state == EntitlementState.STOPPED and entitlement.last_month is not None:
        if entitlement.last_month < entitlement.first_month:
            return _("Not paid: %(reason)s.", reason=reason_words(entitlement.state_reason))
        return _("Payment stopped after %(month)s: %(reason)s.",
                 month=month_name(entitlement.last_month, str(get_locale())),
                 reason=reason_words(entitlement.state_reason))
    if entitlement.state == EntitlementState.SUSPENDED:
        return _("Payment is on hold since %(date)s: %(reason)s. The months held back are "
                 "paid once it resumes.", date=_day(entitlement.state_changed_on),
                 reason=reason_words(entitlement.state_reason))
    last = entitlement.events[-1] if entitlement.events else None
    if last is not None and last.kind == EntitlementEventKind.RESUMED:
        return _("Paid every month again since %(date)s: %(reason)s. Any months held back "
                 "are paid in the next monthly payment.", date=_day(last.occurred_on),
                 reason=reason_words(last.reason))
    if last is not None and last.kind == EntitlementEventKind.MOVED:
        return _("Paid every month by this county since %(month)s: %(reason)s.",
                 month=month_name(entitlement.first_month, str(get_locale())),
                 reason=reason_words(last.reason))
    return _("Paid every month.")


def payment_words(payment: Payment) -> str:
    if payment.state == PaymentState.PAID and payment.paid_on is not None:
        return _("Paid on %(date)s", date=_day(payment.paid_on))
    if payment.state == PaymentState.FAILED:
        return _("Not paid: the bank said “%(reason)s”. Give your township or street office "
                 "the correct bank account details; the month is then paid again in the next "
                 "monthly payment.", reason=payment.failure_reason or "")
    return _("Sent to the bank, not yet paid")


def event_words(event: EntitlementEvent) -> str:
    """One event of the entitlement's history, in a sentence."""
    locale = str(get_locale())
    month = month_name(event.effective_month, locale) if event.effective_month else ""
    reason = reason_words(event.reason)
    if event.kind == EntitlementEventKind.GRANTED:
        return _("Granted: paid from %(month)s.", month=month)
    if event.kind == EntitlementEventKind.SUSPENDED:
        return _("Payment put on hold: %(reason)s.", reason=reason)
    if event.kind == EntitlementEventKind.RESUMED:
        return _("Payment resumed: %(reason)s.", reason=reason)
    if event.kind == EntitlementEventKind.STOPPED:
        return _("Payment stopped from %(month)s: %(reason)s.", month=month, reason=reason)
    if event.kind == EntitlementEventKind.MOVED:
        return _("Paid by this county from %(month)s: %(reason)s.", month=month, reason=reason)
    return _("The bank account was changed; months the bank refused are paid again into it.")


@dataclass(frozen=True)
class PaymentRow:
    month: str
    month_iso: str
    amount: str
    outcome: str
    failed: bool


@dataclass(frozen=True)
class EntitlementView:
    id: int
    name: str
    county: str
    county_lang: str | None
    first_month: str
    state: str
    held: bool
    payments: list[PaymentRow]
    history: list[tuple[date, str]]


def _views(entitlements: list[Entitlement]) -> list[EntitlementView]:
    locale = str(get_locale())
    paid = statements.payments_of(get_session(), entitlements)
    views = []
    for e in entitlements:
        county, lang = county_name(e.county_code)
        views.append(EntitlementView(
            e.id, str(ALLOWANCE_NAMES.get(e.allowance, e.allowance)), county, lang,
            month_name(e.first_month, locale), state_words(e),
            e.state == EntitlementState.SUSPENDED,
            [PaymentRow(month_name(p.month, locale), p.month.strftime("%Y-%m"),
                        money(p.amount_fen), payment_words(p), p.state == PaymentState.FAILED)
             for p in paid[e.id]],
            [(event.occurred_on, event_words(event)) for event in e.events]))
    return views


def _audit_staff(me: Account, person: Person, action: AuditAction) -> None:
    if me.is_staff:
        db = get_session()
        record_access(db, actor=me, action=action, channel=channel_of(me), person=person)
        db.commit()


def open_case(person: Person) -> ReviewCase | None:
    """The person's latest review case, when it still waits for their answer."""
    case = reviews.latest_case(get_session(), person.id)
    return case if case is not None and case.answered_on is None else None


def back_link(me: Account, person: Person) -> tuple[str, str] | None:
    if me.role == Role.PUBLIC:
        return url_for("account.overview"), _("Your account")
    if me.role == Role.COUNTER:
        return url_for("counter.person", person_id=person.id), person.full_name
    return None


@allowances.get("/<int:person_id>")
@signed_in
def overview(person_id: int) -> str:
    me, person = _person_or_404(person_id)
    shown = visible_entitlements(me, person)
    _audit_staff(me, person, AuditAction.ALLOWANCES_VIEW)
    db = get_session()
    years = sorted({p.month.year for payments in statements.payments_of(db, shown).values()
                    for p in payments if p.state == PaymentState.PAID}, reverse=True)
    own = me.person_id == person.id
    return render_template(
        "allowances/overview.html", person=person, own=own, entitlements=_views(shown),
        review=reviews.latest_case(db, person.id) if shown else None,
        can_answer=policies.can_answer_review(db, me, person),
        years=years, back=back_link(me, person),
        page_title=_("Your allowances") if own
        else _("Allowances of %(name)s", name=person.full_name))


@allowances.get("/<int:person_id>/statement/<int:year>")
@signed_in
def statement(person_id: int, year: int) -> str:
    me, person = _person_or_404(person_id)
    shown = visible_entitlements(me, person)
    if not shown or not 2000 <= year <= today_in_china().year:
        abort(404)
    _audit_staff(me, person, AuditAction.ALLOWANCES_STATEMENT)
    made = statements.yearly_statement(
        get_session(), person_id=person.id, entitlements=shown, year=year,
        key=current_app.config["SECRET_KEY"].encode())
    locale = str(get_locale())
    county_code = shown[-1].county_code
    lines = [(month_name(line.month, locale), line.month.strftime("%Y-%m"),
              str(ALLOWANCE_NAMES.get(line.allowance, line.allowance)), money(line.amount_fen),
              line.paid_on) for line in made.lines]
    return render_template(
        "allowances/statement.html", person=person, statement=made, lines=lines,
        total=money(made.total_fen), year=year,
        masked_id=ResidentIdNumber(person.id_number).masked,
        issued_by=body_name(Body.CIVIL_AFFAIRS, county_code, locale),
        today=today_in_china(),
        page_title=_("Statement of two subsidies payments, %(year)s", year=year))


@allowances.route("/<int:person_id>/review", methods=["GET", "POST"])
@signed_in
def review(person_id: int) -> str | Response:
    me = require_account()
    db = get_session()
    person = db.get(Person, person_id)
    if person is None or not policies.can_answer_review(db, me, person):
        abort(404)
    case = open_case(person)
    if case is None:  # answered already, or no review open: the overview says which
        return redirect(url_for("allowances.overview", person_id=person.id))
    form = ReviewAnswerForm()
    asked = reviews.questions_for(db, case)
    if reviews.SUBSISTENCE not in asked:
        del form.subsistence_in_force
    if form.validate_on_submit():
        channel = channel_of(me).value
        resumed = reviews.answer(
            db, case, answers={q: form[q].data == "yes" for q in asked},
            changes_note=form.changes_note.data, today=today_in_china(), actor_id=me.id,
            channel=channel)
        record_access(db, actor=me, action=AuditAction.REVIEW_ANSWER, channel=channel_of(me),
                      person=person)
        db.commit()
        flash(_("Thank you. The answer to the yearly review is recorded."))
        if resumed:
            flash(_("Payment resumes: the months held back are paid in the next monthly "
                    "payment."))
        return redirect(url_for("allowances.overview", person_id=person.id))
    return render_template(
        "allowances/review.html", form=form, person=person, case=case,
        own=me.person_id == person.id, at_counter=me.is_staff,
        page_title=_("Yearly review of the two subsidies"))


@allowances.route("/statement-check", methods=["GET", "POST"])
@staff_only(Role.COUNTER, Role.CIVIL_AFFAIRS)
def statement_check() -> str:
    """An office shows a printed statement: staff type its reference and see whether it
    matches the payments on record. Sent by POST and answered at once; nothing is kept."""
    me = require_account()
    form = StatementCheckForm()
    checked = None
    if form.validate_on_submit():
        db = get_session()
        checked = statements.check_reference(db, form.reference.data or "",
                                             key=current_app.config["SECRET_KEY"].encode())
        if checked.statement is not None:
            person = db.get(Person, checked.statement.person_id)
            record_access(db, actor=me, action=AuditAction.ALLOWANCES_STATEMENT_CHECK,
                          channel=channel_of(me), person=person)
            db.commit()
    return render_template(
        "allowances/statement_check.html", form=form, checked=checked,
        total=money(checked.statement.total_fen) if checked and checked.statement else None,
        page_title=_("Check a statement of payments"))
