"""Monthly amounts of the two subsidies (issue 22): the province's standard, kept by the
province's administrators, and each county's top-up (县级提标), kept by the county's
administrators or civil affairs; every row with its source document, and what a month pays."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.benefits import amounts as domain
from app.domain.benefits.allowances import ALLOWANCES
from app.domain.clock import today_in_china
from app.domain.models import Account, AllowanceAmount, Channel, Role
from app.web.access import require_account, staff_only
from app.web.areas import area_name, counties_of_area
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.payments import amount_form, month_pays_form, parse_month, parse_yuan
from app.web.forms.statistics import month_label, recent_months

amounts = Blueprint("amounts", __name__, url_prefix="/amounts")
KEEPERS = (Role.ADMIN, Role.CIVIL_AFFAIRS)


def _counties(me: Account) -> list[str]:
    """The counties whose top-up this member of staff keeps, in code order."""
    return sorted(counties_of_area(me, policies.can_keep_amounts))


def _places(me: Account) -> list[tuple[str, str]]:
    province = [(domain.PROVINCE, _("The province's standard"))] \
        if policies.can_keep_amounts(me, domain.PROVINCE) else []
    return province + [(code, _("Top-up of %(county)s", county=area_name(code)))
                       for code in _counties(me)]


def _months_around(today: date) -> list[str]:
    """A year ahead down to three years back, newest first."""
    return recent_months(date(today.year + 1, today.month, 1), 48)


@amounts.get("/")
@staff_only(*KEEPERS)
def amounts_page() -> str:
    me = require_account()
    db = get_session()
    counties = _counties(me)
    province: list[domain.Standard] = []
    for allowance in ALLOWANCES:
        province += domain.standards(db, domain.PROVINCE, allowance)[0]
    province.sort(key=lambda s: (s.from_month, ALLOWANCES.index(s.allowance)), reverse=True)
    top_ups = db.scalars(select(AllowanceAmount).where(
        AllowanceAmount.county_code.in_(counties)).order_by(
        AllowanceAmount.county_code, AllowanceAmount.from_month.desc(),
        AllowanceAmount.allowance)).all() if counties else []
    today = today_in_china()
    months = _months_around(today)
    county = request.args.get("county", counties[0] if counties else "")
    month = request.args.get("month", today.strftime("%Y-%m"))
    pays = None
    if county in counties and month in months:
        chosen = date(int(month[:4]), int(month[5:]), 1)
        pays = [(ALLOWANCE_NAMES[a], domain.monthly_amount(db, county, a, chosen))
                for a in ALLOWANCES]
    return render_template(
        "amounts/amounts.html", province=province, top_ups=top_ups,
        counties=counties, county=county, month=month,
        form=month_pays_form([(code, area_name(code)) for code in counties],
                             [(m, month_label(m)) for m in months], county, month),
        pays=pays, allowance_names=ALLOWANCE_NAMES, area_name=area_name,
        month_label=month_label, can_record=bool(_places(me)))


@amounts.route("/new", methods=["GET", "POST"])
@staff_only(*KEEPERS)
def record() -> str | Response:
    me = require_account()
    places = _places(me)
    form = amount_form(places, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        month = parse_month(form.from_month.data or "")
        amount = parse_yuan(form.monthly_amount.data or "")
        assert month is not None and amount is not None  # the form's validators
        place = form.place.data or ""  # one of the choices: only places the policy lets them keep
        db = get_session()
        domain.record_amount(db, county_code=place, allowance=form.allowance.data or "",
                             from_month=month, monthly_amount=amount,
                             source=form.source.data or "", actor_id=me.id)
        record_access(db, actor=me, action=AuditAction.AMOUNT_RECORD, channel=Channel.OFFICE,
                      detail={"county_code": place, "allowance": form.allowance.data,
                              "from_month": month.isoformat(), "monthly_amount": str(amount),
                              "source": form.source.data})
        db.commit()
        flash(_("Saved: from %(month)s, %(allowance)s pays %(amount)s a month in %(place)s.",
                month=month_label(month.strftime("%Y-%m")),
                allowance=ALLOWANCE_NAMES[form.allowance.data or ""],
                amount=_("%(amount)s yuan", amount=format_decimal(amount, "#,##0.00")),
                place=dict(places)[place]))
        return redirect(url_for("amounts.amounts_page"))
    return render_template("amounts/record.html", form=form)
