"""The staff queue of the area, the decision queue, and the search by reference, name
or ID number."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework.queue import (
    OPEN_STATUSES,
    QueueFilter,
    deadline_flag,
    decision_queue,
    search_applications,
    staff_queue,
)
from app.domain.clock import today_in_china
from app.domain.models import Application, Role
from app.domain.models import ApplicationStatus as S
from app.domain.places.divisions import Division, load_catalogue
from app.domain.places.place_names import place_label
from app.services import SERVICES
from app.web.access import require_account, staff_only
from app.web.areas import townships_of_area
from app.web.casework.blueprint import CASE_ROLES, casework
from app.web.casework.loading import account_names
from app.web.casework.words import staff_status, template_helpers
from app.web.forms import casework as forms
from app.web.paging import page_links

FILTER_ARGUMENTS = ("service", "status", "township", "show")


def _queue_filter(form: forms.QueueFilterForm, townships: list[Division]) -> QueueFilter:
    """What the filter form asks for; a value the form does not offer is ignored."""
    service = form.service.data if form.service.data in {s.code for s in SERVICES} else None
    status = S(form.status.data) if form.status.data in {s.value for s in OPEN_STATUSES} \
        else None
    township = form.township.data if form.township.data in {t.code for t in townships} \
        else None
    show = form.show.data or []
    return QueueFilter(service_code=service, status=status, township_code=township,
                       overdue_only="overdue" in show, assigned_to_me="mine" in show)


@casework.get("")
@staff_only(*CASE_ROLES)
def queue() -> str:
    me = require_account()
    db = get_session()
    today = today_in_china()
    townships = townships_of_area(me.area_code or "")
    form = forms.QueueFilterForm(formdata=request.args)
    form.service.choices = [("", _("All services"))] + [
        (service.code, _(service.texts.name)) for service in SERVICES]
    form.status.choices = [("", _("All open applications"))] + [
        (status.value, staff_status(status)) for status in OPEN_STATUSES]
    form.township.choices = [("", _("All townships and streets"), {})] + [
        (township.code, *place_label(township.name, str(get_locale()))) for township in townships]
    chosen = _queue_filter(form, townships)
    page = staff_queue(db, me, chosen, today=today, after=request.args.get("after"))
    if page.applications:
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in page.applications]})
        db.commit()
    kept: dict[str, Any] = {name: values for name in FILTER_ARGUMENTS
            if (values := [value for value in request.args.getlist(name) if value])}
    return render_template(
        "casework/queue.html", filter_form=form, search_form=forms.QueueSearchForm(),
        filtered=chosen != QueueFilter(), **_application_table(page.applications, today),
        **page_links("casework.queue", page.next_cursor, **kept),
        page_title=_("Applications in your area"), **template_helpers(),
    )


def _application_table(applications: list[Application], today: date) -> dict[str, Any]:
    """What casework/_application_table.html shows beside each application of a list."""
    catalogue = load_catalogue()
    calendar = calendar_for(get_session())
    return {
        "applications": applications,
        "services": {service.code: service for service in SERVICES},
        "townships": {code: d.name for a in applications
                      if (code := a.township_code) and (d := catalogue.get(code))},
        "assignees": account_names({a.assigned_to_account_id for a in applications
                                    if a.assigned_to_account_id}),
        "flags": {a.id: deadline_flag(a, today, calendar) for a in applications},
        # Each status a page shows, translated once rather than once a row.
        "status_labels": {status: staff_status(status)
                          for status in {a.status for a in applications}},
    }


@casework.get("/decisions")
@staff_only(Role.APPROVER, Role.CIVIL_AFFAIRS)
def decisions() -> str:
    """The "ready for decision" queue: what caseworkers passed on for this role to decide."""
    me = require_account()
    db = get_session()
    today = today_in_china()
    page = decision_queue(db, me, today=today, after=request.args.get("after"))
    if page.applications:
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in page.applications]})
        db.commit()
    intro = _("The county disability federation has reviewed these applications for the two "
              "subsidies, and any public notice has ended. Approve or refuse each one.") \
        if me.role == Role.CIVIL_AFFAIRS else \
        _("Caseworkers have reviewed these applications and passed them to you. Approve or "
          "refuse each one, or send it back to the review.")
    return render_template(
        "casework/decisions.html", intro=intro, **_application_table(page.applications, today),
        **page_links("casework.decisions", page.next_cursor),
        page_title=_("Ready for your decision"), **template_helpers(),
    )


@casework.route("/search", methods=["GET", "POST"])
@staff_only(*CASE_ROLES)
def search() -> str:
    """Find an application by reference, name or ID number. The term is sent by POST and the
    results shown in the answer, so an ID number never appears in an address, a history or a
    server log; nothing is kept afterwards."""
    me = require_account()
    db = get_session()
    form = forms.QueueSearchForm()
    results = None
    if form.validate_on_submit():
        results = search_applications(db, me, form.term.data or "")
        record_access(db, actor=me, action=AuditAction.QUEUE_LIST, channel=channel_of(me),
                      detail={"application_ids": [a.id for a in results]})
        db.commit()
    catalogue = load_catalogue()
    return render_template(
        "casework/search.html", form=form, search_form=form, applications=results or [],
        searched=results is not None,
        services={service.code: service for service in SERVICES},
        townships={code: d.name for a in results or []
                   if (code := a.township_code) and (d := catalogue.get(code))},
        page_title=_("Find an application"), **template_helpers(),
    )
