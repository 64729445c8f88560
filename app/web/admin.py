"""Administration: staff accounts and the audit log."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.database import get_session
from app.domain import accounts, policies
from app.domain.audit import recent_audit_events, record_access
from app.domain.divisions import load_catalogue
from app.domain.identity import ResidentIdNumber, mask_mobile
from app.domain.models import STAFF_ROLES, Account, Channel, Person, Role
from app.web.access import require_account, staff_only
from app.web.forms.staff import (
    CANNOT_CHANGE_OWN_ROLE,
    CANNOT_DEACTIVATE_SELF,
    STAFF_PHONE_REGISTERED,
    CreateStaffForm,
    EditStaffForm,
)

admin = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 50

# Words for the actions written to the audit log; an action not listed shows its code.
ACTIONS = {
    "person.view": _l("Viewed a person's details"),
    "person.create": _l("Registered a person at the counter"),
    "person.found_outside_area": _l("Searched for a person registered outside their area"),
    "person.link_own": _l("Linked their own ID card number to their account"),
    "counter.agent_present": _l("Recorded an agent present at the counter"),
    "agent_requests.list": _l("Listed agents' requests to act for someone"),
    "delegation.view": _l("Viewed an agent's request to act for someone"),
    "delegation.confirm_request": _l("Confirmed an agent's request after seeing proof"),
    "delegation.decline_request": _l("Declined an agent's request"),
    "delegation.invite": _l("Invited an agent"),
    "delegation.accept": _l("Accepted an invitation to act for someone"),
    "delegation.decline": _l("Declined an invitation to act for someone"),
    "delegation.request": _l("Asked to act for someone"),
    "delegation.end": _l("Ended an agent's arrangement"),
    "staff.create": _l("Created a staff account"),
    "staff.update": _l("Changed a staff account"),
    "audit_log.view": _l("Read the audit log"),
}
CHANNELS = {
    Channel.ONLINE: _l("Online"),
    Channel.COUNTER: _l("At a counter"),
    Channel.SYSTEM: _l("By the system"),
}


def _admin() -> Account:
    me = require_account()
    if not policies.can_manage_staff(me):
        abort(404)
    return me


def area_name(code: str | None) -> str:
    """The division's name with its parents below the province, e.g. "长春市 南关区"."""
    catalogue = load_catalogue()
    if not code or code not in catalogue:
        return code or ""
    path = catalogue.path(code)
    return " ".join(division.name for division in (path[1:] or path))


@admin.get("/staff")
@staff_only(Role.ADMIN)
def staff_list() -> str:
    _admin()
    after = request.args.get("after", type=int)
    query = (select(Account).where(Account.role.in_(sorted(STAFF_ROLES)))
             .order_by(Account.id).limit(PAGE_SIZE + 1))
    if after is not None:
        query = query.where(Account.id > after)
    found = get_session().scalars(query).all()
    return render_template(
        "admin/staff_list.html", staff=found[:PAGE_SIZE], area_name=area_name,
        mask_mobile=mask_mobile,
        next_after=found[PAGE_SIZE - 1].id if len(found) > PAGE_SIZE else None,
    )


@admin.route("/staff/new", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def create_staff() -> str | Response:
    me = _admin()
    form = CreateStaffForm()
    if form.validate_on_submit():
        db = get_session()
        try:
            created = accounts.create_staff_account(
                db, phone=form.phone.data, display_name=form.display_name.data.strip(),
                password=form.password.data, role=Role(form.role.data),
                area_code=form.area_code.data)
        except accounts.PhoneAlreadyRegistered:
            form.phone.errors.append(str(STAFF_PHONE_REGISTERED))
        else:
            record_access(db, actor=me, action="staff.create", channel=Channel.ONLINE,
                          detail={"account_id": created.id, "role": created.role.value,
                                  "area_code": created.area_code})
            db.commit()
            flash(_("The staff account for %(name)s is created. They can sign in with their "
                    "mobile number and the password you chose.", name=created.display_name))
            return redirect(url_for("admin.staff_list"))
    return render_template("admin/create_staff.html", form=form)


@admin.route("/staff/<int:account_id>", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def edit_staff(account_id: int) -> str | Response:
    me = _admin()
    db = get_session()
    member = db.get(Account, account_id)
    if member is None or not member.is_staff:
        abort(404)
    current = {"role": member.role.value, "area_code": member.area_code,
               "active": "active" if member.is_active else "deactivated"}
    form = EditStaffForm(data=current if request.method == "GET" else None)
    if form.validate_on_submit():
        if member.id == me.id and form.active.data != "active":
            form.active.errors.append(str(CANNOT_DEACTIVATE_SELF))
        elif member.id == me.id and form.role.data != member.role.value:
            form.role.errors.append(str(CANNOT_CHANGE_OWN_ROLE))
        else:
            _save_staff_changes(me, member, form)
            db.commit()
            return redirect(url_for("admin.staff_list"))
    return render_template("admin/edit_staff.html", form=form, member=member,
                           masked_phone=mask_mobile(member.phone))


def _save_staff_changes(me: Account, member: Account, form: EditStaffForm) -> None:
    active = form.active.data == "active"
    changes = {name: value for name, value, before in (
        ("role", form.role.data, member.role.value),
        ("area_code", form.area_code.data, member.area_code),
        ("active", active, member.is_active),
    ) if value != before}
    member.role = Role(form.role.data)
    member.area_code = form.area_code.data
    if member.is_active and not active:
        accounts.sign_out_everywhere(member)
        flash(_("%(name)s is deactivated and signed out on every device.",
                name=member.display_name))
    else:
        flash(_("The staff account for %(name)s is saved.", name=member.display_name))
    member.is_active = active
    record_access(get_session(), actor=me, action="staff.update", channel=Channel.ONLINE,
                  detail={"account_id": member.id, "changes": changes})


@admin.get("/audit")
@staff_only(Role.ADMIN)
def audit_log() -> str:
    me = require_account()
    if not policies.can_read_audit_log(me):
        abort(404)
    db = get_session()
    before = request.args.get("before", type=int)
    events = recent_audit_events(db, before_id=before, limit=PAGE_SIZE)
    # Two queries for every name on the page, rather than one per row.
    actor_ids = {event.actor_account_id for event in events if event.actor_account_id}
    person_ids = {event.person_id for event in events if event.person_id}
    actors = {a.id: a for a in db.scalars(select(Account).where(Account.id.in_(actor_ids)))}
    people = {p.id: p for p in db.scalars(select(Person).where(Person.id.in_(person_ids)))}
    record_access(db, actor=me, action="audit_log.view", channel=Channel.ONLINE,
                  detail={"before_id": before})
    db.commit()
    return render_template(
        "admin/audit_log.html", events=events, actors=actors,
        masked_ids={pid: ResidentIdNumber(p.id_number).masked for pid, p in people.items()},
        actions=ACTIONS, channels=CHANNELS,
        next_before=events[-1].id if len(events) == PAGE_SIZE else None,
    )
