"""The holiday calendar (节假日安排): province administrators enter each year's State Council
notice; open deadlines are counted again and applicants told when their date moves."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.calendar import holiday_calendar
from app.domain.calendar.holiday_calendar import FIRST_YEAR, LAST_YEAR, CalendarRefused, DateProblem
from app.domain.calendar.provisional_deadlines import recount_open_deadlines
from app.domain.clock import today_in_china
from app.domain.models import Account, CalendarYear, Channel, Role
from app.domain.people.identity import normalise_digits
from app.forms import error_messages as messages
from app.web.access import require_account, staff_only
from app.web.forms.work_calendar import CalendarYearForm
from app.web.messages import notify_deadline_moved

work_calendar = Blueprint("work_calendar", __name__, url_prefix="/admin/calendar")


def _keeper() -> Account:
    me = require_account()
    if not policies.can_keep_work_calendar(me):
        abort(404)
    return me


@work_calendar.get("/")
@staff_only(Role.ADMIN)
def years() -> str:
    _keeper()
    db = get_session()
    entered = holiday_calendar.entered_years(db)
    last = entered[-1].year if entered else today_in_china().year - 1
    ids = {year.entered_by_account_id for year in entered if year.entered_by_account_id}
    names = {account_id: name for account_id, name in db.execute(
        select(Account.id, Account.display_name).where(Account.id.in_(ids)))} if ids else {}
    return render_template("admin/calendar_years.html", entered=entered, next_year=last + 1,
                           entered_by=names, missing=holiday_calendar.missing_next_year(
                               db, today_in_china()))


@work_calendar.route("/new", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def new_year() -> str | Response:
    me = _keeper()
    form = CalendarYearForm()
    if request.method == "GET":
        form.year.data = request.args.get("year", "")
    return _enter(me, form, existing=None)


@work_calendar.route("/<int:year>", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def correct_year(year: int) -> str | Response:
    me = _keeper()
    record = get_session().get(CalendarYear, year)
    if record is None:
        abort(404)
    form = CalendarYearForm()
    if request.method == "GET":
        form.year.data = str(year)
        form.notice.data = record.notice
        form.holidays.data = holiday_calendar.write_days(
            day.day for day in record.days if day.kind == holiday_calendar.HOLIDAY)
        form.workdays.data = holiday_calendar.write_days(
            day.day for day in record.days if day.kind == holiday_calendar.WORKDAY)
    return _enter(me, form, existing=record)


def _enter(me: Account, form: CalendarYearForm, *, existing: CalendarYear | None
           ) -> str | Response:
    template = "admin/calendar_year.html"
    if request.method != "POST":
        return render_template(template, form=form, existing=existing)
    if existing is not None:
        form.year.data = str(existing.year)  # a correction keeps its year
    valid = form.validate()
    year = _year(form)
    holidays, unreadable_holidays = holiday_calendar.parse_days(form.holidays.data or "", year)
    workdays, unreadable_workdays = holiday_calendar.parse_days(form.workdays.data or "", year)
    for field, unreadable in ((form.holidays, unreadable_holidays),
                              (form.workdays, unreadable_workdays)):
        if unreadable:
            field.errors = [*field.errors,
                            str(messages.CALENDAR_NOT_A_DATE) % {"text": unreadable[0]}]
    if not valid or year is None or form.holidays.errors or form.workdays.errors:
        return render_template(template, form=form, existing=existing)
    if existing is None and get_session().get(CalendarYear, year) is not None:
        return redirect(url_for("work_calendar.correct_year", year=year))
    db = get_session()
    try:
        entered = holiday_calendar.enter_year(db, year, notice=form.notice.data or "",
                                              holidays=holidays, workdays=workdays, actor=me)
    except CalendarRefused as refused:
        db.rollback()
        for name, problems in refused.problems.items():
            form[name].errors = [*form[name].errors, *(_problem_text(p, year) for p in problems)]
        return render_template(template, form=form, existing=existing)
    moved = recount_open_deadlines(db, entered)
    for change in moved:
        notify_deadline_moved(db, change.application)
    record_access(db, actor=me, action=AuditAction.WORK_CALENDAR_UPDATE, channel=Channel.ONLINE,
                  detail={"year": year, "notice": form.notice.data,
                          "holidays": [day.isoformat() for day in sorted(holidays)],
                          "workdays": [day.isoformat() for day in sorted(workdays)],
                          "deadlines_moved": len(moved)})
    db.commit()
    flash(_("The holidays of %(year)s are saved. Open deadlines counted again and moved, with "
            "their applicants told: %(count)s.", year=year, count=len(moved)))
    return redirect(url_for("work_calendar.years"))


def _year(form: CalendarYearForm) -> int | None:
    """The year typed (full-width digits too), or None with the reason beside the field."""
    typed = normalise_digits(form.year.data or "").strip()
    if not typed:
        return None
    if not typed.isdigit() or not FIRST_YEAR <= int(typed) <= LAST_YEAR:
        form.year.errors = [*form.year.errors, str(messages.CALENDAR_DATES[
            holiday_calendar.CalendarProblem.YEAR_OUT_OF_RANGE]) % {"first": FIRST_YEAR,
                                                                     "last": LAST_YEAR}]
        return None
    return int(typed)


def _problem_text(problem: DateProblem, year: int) -> str:
    written = format_date(problem.day, "long") if problem.day else ""
    return str(messages.CALENDAR_DATES[problem.problem]) % {
        "date": written, "year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
