"""一人一档 (issue 23): one page per person for staff, and the same in "My file" for the person
and their agent. Every staff view is written to the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import format_currency
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework.applications import applications_of_person_for_staff
from app.domain.clock import today_in_china
from app.domain.models import Account, Application, DelegationStatus, Person, Role
from app.domain.people.delegations import delegations_of_agent
from app.domain.people.person_file import PersonFile, person_file
from app.services import SERVICES
from app.web.access import require_account, signed_in, staff_only
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.labels import DISABILITY_CATEGORIES

person_file_pages = Blueprint("person_file", __name__)


def _person_or_404(me: Account, person_id: int) -> Person:
    db = get_session()
    person = db.get(Person, person_id)
    if person is None or not policies.can_view_person_file(db, me, person):
        abort(404)
    return person


def _render(file: PersonFile, *, staff: bool) -> str:
    return render_template(
        "person_file/file.html", file=file, staff=staff, services=SERVICES,
        allowance_names=ALLOWANCE_NAMES, categories=DISABILITY_CATEGORIES,
        money=lambda fen: format_currency(fen / 100, "CNY"))


@person_file_pages.get("/people/<int:person_id>/file")
@staff_only(Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.CIVIL_AFFAIRS)
def staff_file(person_id: int) -> str:
    me = require_account()
    if not policies.is_case_staff(me):
        abort(404)
    person = _person_or_404(me, person_id)
    db = get_session()
    found = person_file(db, person, applications_of_person_for_staff(db, me, person.id),
                        today=today_in_china())
    record_access(db, actor=me, action=AuditAction.PERSON_FILE_VIEW, channel=channel_of(me),
                  person=person)
    db.commit()
    return _render(found, staff=True)


@person_file_pages.get("/my-file")
@signed_in
def my_files() -> str | Response:
    """Whose file: one's own, and those of the people one acts for."""
    me = require_account()
    if me.role != Role.PUBLIC:
        abort(404)
    db = get_session()
    people = [d.person for d in delegations_of_agent(db, me)
              if d.status == DelegationStatus.ACTIVE and d.person is not None]
    if me.person is not None and not people:
        return redirect(url_for("person_file.my_file", person_id=me.person.id))
    return render_template("person_file/whose.html", own=me.person, people=people)


@person_file_pages.get("/my-file/<int:person_id>")
@signed_in
def my_file(person_id: int) -> str:
    me = require_account()
    if me.role != Role.PUBLIC:
        abort(404)
    person = _person_or_404(me, person_id)
    db = get_session()
    visible = list(db.scalars(select(Application).where(
        policies.applications_visible_to_public(me), Application.person_id == person.id)
        .order_by(Application.created_at.desc(), Application.id.desc())))
    return _render(person_file(db, person, visible, today=today_in_china()), staff=False)
