"""定期复核 for county civil affairs (issue 22): open a county's yearly review round, follow its
answers (those saying something changed first), draw the sample of checks, record each check."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import reviews
from app.domain.clock import today_in_china
from app.domain.models import Account, ReviewCase, ReviewRound, Role
from app.domain.people.identity import ResidentIdNumber
from app.forms import error_messages as messages
from app.web.access import require_account, staff_only
from app.web.areas import counties_of_area, county_name
from app.web.forms.reviews import (
    CHANNEL_WORDS,
    CHECK_OUTCOMES,
    QUESTION_CHANGED,
    QUESTION_LABELS,
    CheckForm,
    OpenRoundForm,
)
from app.web.review_notices import tell_round_opened

review_rounds = Blueprint("reviews", __name__, url_prefix="/reviews")


def counties_of(me: Account) -> list[str]:
    """The counties of the staff member's area whose reviews they run."""
    return counties_of_area(me, policies.can_run_review_rounds)


def _round_or_404(me: Account, round_id: int) -> ReviewRound:
    review = get_session().get(ReviewRound, round_id)
    if review is None or not policies.can_run_review_rounds(me, review.county_code):
        abort(404)
    return review


@review_rounds.route("", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def rounds() -> str | Response:
    me = require_account()
    db = get_session()
    counties = sorted(counties_of(me))
    form = OpenRoundForm()
    form.county.choices = [("", _("Choose the county"))] + [
        (code, county_name(code)[0]) for code in counties]
    if len(counties) == 1 and not form.is_submitted():
        form.county.data = counties[0]
    if form.validate_on_submit():
        due_on = form.due_on.data
        if form.county.data not in counties or due_on is None:
            form.county.errors.append(str(messages.CHOOSE_REVIEW_COUNTY))
        else:
            today = today_in_china()
            try:
                review = reviews.open_round(db, county_code=form.county.data,
                                            due_on=due_on, today=today,
                                            actor_id=me.id)
            except reviews.RoundExists:
                form.due_on.errors.append(str(messages.REVIEW_ROUND_EXISTS))
            else:
                told = tell_round_opened(db, review, today)
                record_access(db, actor=me, action=AuditAction.REVIEW_ROUND_OPEN,
                              channel=channel_of(me),
                              detail={"county": review.county_code, "year": review.year})
                db.commit()
                flash(_("The review is open. %(count)s recipients were told by text message, "
                        "letter or their inbox.", count=told))
                return redirect(url_for("reviews.round_page", round_id=review.id))
    shown = reviews.rounds_of(db, counties) if counties else []
    return render_template("reviews/rounds.html", form=form, rounds=shown,
                           names={r.county_code: county_name(r.county_code) for r in shown},
                           page_title=_("Yearly reviews of the two subsidies"))


@review_rounds.get("/<int:round_id>")
@staff_only(Role.CIVIL_AFFAIRS)
def round_page(round_id: int) -> str:
    me = require_account()
    review = _round_or_404(me, round_id)
    db = get_session()
    record_access(db, actor=me, action=AuditAction.REVIEW_ROUND_VIEW, channel=channel_of(me),
                  detail={"county": review.county_code, "year": review.year})
    db.commit()
    cases = review.cases
    answered = [c for c in cases if c.answered_on is not None]
    return render_template(
        "reviews/round.html", review=review, county=county_name(review.county_code),
        total=len(cases), answered=len(answered),
        waiting=[c for c in cases if c.answered_on is None],
        changed=[c for c in answered if reviews.changed(c)],
        drawn=[c for c in cases if c.drawn_for_check],
        sample_size=reviews.sample_size(len(answered)),
        question_changed=QUESTION_CHANGED, outcome_words=dict(CHECK_OUTCOMES),
        masked={c.person_id: ResidentIdNumber(c.person.id_number).masked for c in cases},
        page_title=_("Yearly review %(year)s: %(county)s", year=review.year,
                     county=county_name(review.county_code)[0]))


@review_rounds.post("/<int:round_id>/sample")
@staff_only(Role.CIVIL_AFFAIRS)
def draw_sample(round_id: int) -> Response:
    me = require_account()
    review = _round_or_404(me, round_id)
    db = get_session()
    if review.sample_drawn_on is None:
        drawn = reviews.draw_sample(db, review, today=today_in_china())
        record_access(db, actor=me, action=AuditAction.REVIEW_SAMPLE, channel=channel_of(me),
                      detail={"county": review.county_code, "year": review.year,
                              "drawn": len(drawn)})
        db.commit()
        flash(_("%(count)s answers were drawn for checks.", count=len(drawn)))
    return redirect(url_for("reviews.round_page", round_id=review.id, _anchor="checks"))


@review_rounds.route("/<int:round_id>/checks/<int:case_id>", methods=["GET", "POST"])
@staff_only(Role.CIVIL_AFFAIRS)
def check(round_id: int, case_id: int) -> str | Response:
    me = require_account()
    review = _round_or_404(me, round_id)
    db = get_session()
    case = db.get(ReviewCase, case_id)
    if case is None or case.round_id != review.id or not case.drawn_for_check:
        abort(404)
    form = CheckForm(data={"outcome": case.check_outcome, "note": case.check_note})
    if form.validate_on_submit():
        reviews.record_check(case, outcome=form.outcome.data, note=form.note.data,
                             today=today_in_china(), actor_id=me.id)
        record_access(db, actor=me, action=AuditAction.REVIEW_CHECK, channel=channel_of(me),
                      person=case.person)
        db.commit()
        flash(_("The outcome of the check is recorded."))
        return redirect(url_for("reviews.round_page", round_id=review.id, _anchor="checks"))
    return render_template(
        "reviews/check.html", form=form, review=review, case=case,
        masked_id=ResidentIdNumber(case.person.id_number).masked,
        question_labels=QUESTION_LABELS, channel_words=CHANNEL_WORDS,
        page_title=_("Check of the review answer of %(name)s", name=case.person.full_name))
