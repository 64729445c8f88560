"""Deadlines (办理时限) by county: administrators set each county's own working days."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.calendar import deadlines
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.clock import today_in_china
from app.domain.models import Channel, Role
from app.domain.rules import county_rules, eligibility_rules
from app.services.shared_steps import HOUSEHOLD_CHOICES
from app.web.access import require_account, staff_only
from app.web.areas import area_name
from app.web.forms.county_rules import county_process_form
from app.web.forms.deadlines import DEADLINE_LABELS, chosen_days, deadlines_form
from app.web.labels import DISABILITY_CATEGORIES

county_deadlines = Blueprint("deadlines", __name__, url_prefix="/admin/deadlines")


@county_deadlines.get("/")
@staff_only(Role.ADMIN)
def counties() -> str:
    me = require_account()
    found = deadlines.counties_for(me)
    rules = deadlines.rules_by_county(get_session(), [county.code for county in found])
    year = today_in_china().year
    processes = county_rules.processes_of(get_session(), [county.code for county in found], year)
    return render_template("admin/deadlines.html", counties=found, rules=rules,
                           defaults=deadlines.DEFAULT_WORKING_DAYS, labels=DEADLINE_LABELS,
                           area_name=area_name,
                           calendar_years=sorted(calendar_for(get_session()).years),
                           can_keep_calendar=policies.can_keep_work_calendar(me),
                           processes=processes, year=year)


@county_deadlines.route("/<county_code>", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def county(county_code: str) -> str | Response:
    me = require_account()
    if not deadlines.is_county(county_code) or not policies.can_set_deadlines(me, county_code):
        abort(404)
    db = get_session()
    form = deadlines_form(deadlines.county_rules(db, county_code),
                          formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        changes = deadlines.set_county_deadlines(db, county_code, chosen_days(form), actor=me)
        record_access(db, actor=me, action=AuditAction.DEADLINES_UPDATE, channel=Channel.ONLINE,
                      detail={"county_code": county_code, "changes": changes})
        db.commit()
        if changes:
            flash(_("The deadlines of %(county)s are saved. They apply to deadlines set from now "
                    "on.", county=area_name(county_code)))
        else:
            flash(_("Nothing changed in the deadlines of %(county)s.",
                    county=area_name(county_code)))
        return redirect(url_for("deadlines.counties"))
    return render_template("admin/county_deadlines.html", form=form, county_code=county_code,
                           county_name=area_name(county_code))


@county_deadlines.route("/<county_code>/process", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def county_process(county_code: str) -> str | Response:
    """The county's 公示 of the two subsidies and its home-modification places (issue 12)."""
    me = require_account()
    if not deadlines.is_county(county_code) or \
            not policies.can_set_county_rules(me, county_code):
        abort(404)
    db = get_session()
    year = today_in_china().year
    notice = county_rules.public_notice(db, county_code)
    form = county_process_form(published=notice.published, days=notice.days,
                               places=county_rules.quotas_of(db, county_code), year=year,
                               formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        published = form.public_notice.data == "yes"
        days = int(form.public_notice_days.data) if form.public_notice_days.data \
            else notice.days
        county_rules.set_public_notice(db, county_code, published=published, days=days,
                                       actor=me)
        chosen = {year: form.places_this_year.data, year + 1: form.places_next_year.data}
        for chosen_year, places in chosen.items():
            county_rules.set_quota(db, county_code, chosen_year,
                                   int(places) if places else None, actor=me)
        record_access(db, actor=me, action=AuditAction.COUNTY_RULES_UPDATE, channel=Channel.ONLINE,
                      detail={"county_code": county_code, "public_notice": published,
                              "public_notice_days": days,
                              "places": {str(y): p or None for y, p in chosen.items()}})
        db.commit()
        flash(_("The public notice and home modification places of %(county)s are saved.",
                county=area_name(county_code)))
        return redirect(url_for("deadlines.counties"))
    return render_template("admin/county_process.html", form=form, county_code=county_code,
                           county_name=area_name(county_code),
                           two_subsidies=_two_subsidies_rule(county_code))


# The card's category digit for the categories an area may add to the care allowance.
_CATEGORY_DIGITS = {"intellectual": 5, "mental": 6}


def _two_subsidies_rule(county_code: str) -> dict[str, str]:
    """The two subsidies' extensions that apply in the county, in words (read-only: a row
    changes only with the county's published implementing rules, docs/process.md)."""
    rule = eligibility_rules.rules_for_county(county_code) or eligibility_rules.NATIONAL
    households = dict(HOUSEHOLD_CHOICES)
    living = [str(households[kind]) for kind in sorted(rule.living_allowance_also_for)]
    care = [_("%(category)s, level %(level)s",
              category=DISABILITY_CATEGORIES[_CATEGORY_DIGITS[category]], level=level)
            for category, level in sorted(rule.care_allowance_also_for)]
    return {"area": area_name(rule.area_code), "source": rule.source,
            "living": "; ".join(living) or _("No other households"),
            "care": "; ".join(care) or _("No other levels")}
