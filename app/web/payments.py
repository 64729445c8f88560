"""The monthly payment run of the two subsidies, for county civil affairs (issue 22): choose
the month and run it, read the roster (发放名册), download it for the bank (CSV, XLSX) and
import the bank's return file. Thin views over app.domain.benefits.payments; every run, roster read,
download and import is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.benefits import payments as domain
from app.domain.clock import today_in_china
from app.domain.models import Account, Channel, Entitlement, Payment, PaymentState, Role
from app.domain.paging import keyset_page
from app.forms import error_messages as messages
from app.web.access import require_account, staff_only
from app.web.areas import area_name, counties_of_area
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.payments import ReturnFileForm, run_month_form
from app.web.forms.statistics import month_label
from app.web.messages import notify_payment_failed
from app.web.paging import page_links
from app.web.statistics_downloads import XLSX_TYPE

payments = Blueprint("payments", __name__, url_prefix="/payments")
ROSTER_PAGE = 50
MOST_PROBLEMS_SHOWN = 20  # a wrong file can have thousands: the first ones, then a count


def yuan(fen: int | None) -> str:
    return _("%(amount)s yuan", amount=format_decimal(Decimal(fen or 0) / 100, "#,##0.00"))


@payments.app_template_filter("yuan")
def _yuan_filter(fen: int | None) -> str:
    return yuan(fen)


def _county_or_404(me: Account, county_code: str) -> str:
    if not policies.can_run_payments(me, county_code):
        abort(404)
    return county_code


def _month_or_404(text: str) -> date:
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit() \
            or not 1 <= int(text[5:]) <= 12:
        abort(404)
    return date(int(text[:4]), int(text[5:]), 1)


def _counties(me: Account) -> list[str]:
    return counties_of_area(me, policies.can_run_payments)


def _runs(county_code: str) -> list[dict[str, Any]]:
    """The county's rosters, newest first: payments, total and how many paid, failed, pending."""
    rows = get_session().execute(
        select(Payment.roster_month, Payment.state, func.count(), func.sum(Payment.amount_fen))
        .where(Payment.county_code == county_code)
        .group_by(Payment.roster_month, Payment.state)).all()
    runs: dict[date, dict[str, Any]] = {}
    for month, state, count, total in rows:
        run = runs.setdefault(month, {"month": month, "count": 0, "total": 0,
                                      **{s.value: 0 for s in PaymentState}})
        run["count"] += count
        run["total"] += int(total or 0)
        run[PaymentState(state).value] += count
    return [runs[month] for month in sorted(runs, reverse=True)]


@payments.get("/", defaults={"county_code": None})
@payments.get("/<county_code>")
@staff_only(Role.CIVIL_AFFAIRS)
def runs(county_code: str | None) -> str | Response:
    me = require_account()
    counties = _counties(me)
    if county_code is None and len(counties) == 1:
        county_code = counties[0]
    if county_code is not None:
        _county_or_404(me, county_code)
    return render_template(
        "payments/runs.html", county_code=county_code,
        county_name=area_name(county_code) if county_code else "",
        counties=[(code, area_name(code)) for code in counties],
        runs=_runs(county_code) if county_code else [], form=run_month_form(today_in_china()),
        month_label=month_label)


@payments.post("/<county_code>/run")
@staff_only(Role.CIVIL_AFFAIRS)
def run(county_code: str) -> str | Response:
    me = require_account()
    _county_or_404(me, county_code)
    form = run_month_form(today_in_china(), formdata=request.form)
    if not form.validate():
        return render_template(
            "payments/runs.html", county_code=county_code, county_name=area_name(county_code),
            counties=[], runs=_runs(county_code), form=form, month_label=month_label)
    month = _month_or_404(form.month.data)
    db = get_session()
    made = domain.run_month(db, county_code, month)
    record_access(db, actor=me, action=AuditAction.PAYMENT_RUN, channel=Channel.OFFICE,
                  detail={"county_code": county_code, "month": form.month.data,
                          "payments_added": len(made),
                          "total_fen": sum(p.amount_fen for p in made)})
    db.commit()
    label = month_label(form.month.data)
    if made:
        flash(_("The roster of %(month)s is made: %(count)s payments added, %(total)s.",
                month=label, count=len(made), total=yuan(sum(p.amount_fen for p in made))))
    else:
        flash(_("Nothing was added: every month owed up to %(month)s is on a roster already.",
                month=label))
    return redirect(url_for("payments.roster", county_code=county_code,
                            month=form.month.data))


def _roster_page(county_code: str, month: date, form: ReturnFileForm,
                 problems: list[tuple[str, str]] | None = None) -> str:
    db = get_session()
    after = request.args.get("after", type=int)
    query = select(Payment).where(Payment.county_code == county_code,
                                  Payment.roster_month == month) \
        .options(joinedload(Payment.entitlement).joinedload(Entitlement.person))
    page = keyset_page(db, query, Payment.id, after=after, size=ROSTER_PAGE)
    run = next((r for r in _runs(county_code) if r["month"] == month), None)
    text = month.strftime("%Y-%m")
    return render_template(
        "payments/roster.html", county_code=county_code, county_name=area_name(county_code),
        month=text, month_name=month_label(text), run=run, payments=page.items, form=form,
        problems=problems or [], allowance_names=ALLOWANCE_NAMES,
        **page_links("payments.roster", page.next_key, county_code=county_code, month=text))


@payments.get("/<county_code>/<month>")
@staff_only(Role.CIVIL_AFFAIRS)
def roster(county_code: str, month: str) -> str:
    me = require_account()
    _county_or_404(me, county_code)
    chosen = _month_or_404(month)
    db = get_session()
    record_access(db, actor=me, action=AuditAction.PAYMENT_ROSTER_VIEW, channel=Channel.OFFICE,
                  detail={"county_code": county_code, "month": month,
                          "after": request.args.get("after")})
    db.commit()
    return _roster_page(county_code, chosen, ReturnFileForm(formdata=None))


@payments.get("/<county_code>/<month>/roster.<fmt>")
@staff_only(Role.CIVIL_AFFAIRS)
def download(county_code: str, month: str, fmt: str) -> Response:
    me = require_account()
    _county_or_404(me, county_code)
    chosen = _month_or_404(month)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    db = get_session()
    found = domain.roster(db, county_code, chosen)
    record_access(db, actor=me, action=AuditAction.PAYMENT_ROSTER_DOWNLOAD,
                  channel=Channel.OFFICE, detail={"county_code": county_code, "month": month,
                                                  "format": fmt, "payments": len(found)})
    db.commit()
    if fmt == "csv":
        # With a byte-order mark, spreadsheet programs read the names right.
        body, mimetype = ("\ufeff" + domain.roster_csv(found)).encode("utf-8"), \
            "text/csv; charset=utf-8"
    else:
        body, mimetype = domain.roster_xlsx(found), XLSX_TYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = \
        f'attachment; filename="roster-{county_code}-{month}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def problem_text(problem: domain.LineProblem) -> str:
    if problem.problem == "columns" and problem.line == 1:
        return str(messages.RETURN_HEADER_COLUMNS)
    return str(messages.RETURN_LINE_PROBLEMS[problem.problem]) % {
        "line": format_decimal(problem.line), "most": format_decimal(domain.MOST_RETURN_LINES)}


def refusal_errors(problems: list[domain.LineProblem]) -> list[str]:
    """The file field's errors: what happened, then each wrong line, the first ones only."""
    shown = [problem_text(problem) for problem in problems[:MOST_PROBLEMS_SHOWN]]
    if len(problems) > MOST_PROBLEMS_SHOWN:
        shown.append(str(messages.RETURN_FILE_MORE_PROBLEMS) % {
            "count": format_decimal(len(problems) - MOST_PROBLEMS_SHOWN)})
    if len(problems) == 1 and problems[0].line == 1:
        return shown  # the whole file is wrong, not some of its lines
    return [str(messages.RETURN_FILE_REFUSED) % {"count": format_decimal(len(problems))},
            *shown]


@payments.post("/<county_code>/<month>/return")
@staff_only(Role.CIVIL_AFFAIRS)
def return_file(county_code: str, month: str) -> str | Response:
    me = require_account()
    _county_or_404(me, county_code)
    chosen = _month_or_404(month)
    form = ReturnFileForm()
    upload = request.files.get("return_file")
    data = upload.read() if upload is not None else b""
    if not data:
        form.return_file.errors = [str(messages.CHOOSE_RETURN_FILE)]
        return _roster_page(county_code, chosen, form,
                            [("return_file", form.return_file.errors[0])])
    db = get_session()
    try:
        settled = domain.settle_return_file(db, county_code, chosen,
                                            domain.read_return_file(data))
    except domain.ReturnFileRefused as refused:
        db.rollback()
        form.return_file.errors = refusal_errors(refused.problems)
        record_access(db, actor=me, action=AuditAction.PAYMENT_RETURN_REFUSED,
                      channel=Channel.OFFICE,
                      detail={"county_code": county_code, "month": month,
                              "wrong_lines": len(refused.problems)})
        db.commit()
        return _roster_page(county_code, chosen, form,
                            [("return_file", error) for error in form.return_file.errors])
    for payment in settled.failed:
        notify_payment_failed(db, payment)
    record_access(db, actor=me, action=AuditAction.PAYMENT_RETURN_IMPORT, channel=Channel.OFFICE,
                  detail={"county_code": county_code, "month": month, "paid": settled.paid,
                          "failed": len(settled.failed), "unchanged": settled.unchanged})
    db.commit()
    if settled.failed:
        flash(_("The bank's return file is imported: %(paid)s paid, %(failed)s failed. The "
                "people whose payment failed are told to correct their account.",
                paid=settled.paid, failed=len(settled.failed)))
    elif settled.paid:
        flash(_("The bank's return file is imported: %(paid)s paid.", paid=settled.paid))
    else:
        flash(_("Nothing changed: this return file was imported already."))
    return redirect(url_for("payments.roster", county_code=county_code, month=month))
