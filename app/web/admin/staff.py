"""Staff accounts: an administrator lists, makes and changes those within their own area."""

from __future__ import annotations

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import Field

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.models import Account, Channel, Role
from app.domain.paging import keyset_page
from app.domain.people import accounts
from app.domain.people.identity import mask_mobile
from app.forms import error_messages as messages
from app.web.access import allowed_or_404, require_account_allowed, staff_only
from app.web.admin.blueprint import PAGE_SIZE, admin
from app.web.areas import area_name
from app.web.forms.staff import CreateStaffForm, EditStaffForm, area_choices
from app.web.paging import page_links


def _admin() -> Account:
    return require_account_allowed(policies.can_manage_staff)


def _area_inside_mine(me: Account, field: Field) -> bool:
    """Refuses, beside the field, an area outside the administrator's own."""
    if policies.can_assign_area(me, field.data):
        return True
    field.errors.append(str(messages.AREA_OUTSIDE_YOURS) % {"area": area_name(me.area_code)})
    return False


@admin.get("/staff")
@staff_only(Role.ADMIN)
def staff_list() -> str:
    me = _admin()
    page = keyset_page(get_session(), select(Account).where(policies.staff_visible_to(me)),
                       Account.id, after=request.args.get("after", type=int), size=PAGE_SIZE)
    return render_template(
        "admin/staff_list.html", staff=page.items, area_name=area_name,
        mask_mobile=mask_mobile, manages_videos=policies.can_manage_guide_videos(me),
        **page_links("admin.staff_list", page.next_key),
    )


@admin.route("/staff/new", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def create_staff() -> str | Response:
    me = _admin()
    form = CreateStaffForm()
    form.area_code.choices = area_choices(me.area_code or "", str(get_locale()))
    if form.validate_on_submit() and _area_inside_mine(me, form.area_code):
        db = get_session()
        try:
            created = accounts.create_staff_account(
                db, phone=form.phone.data, display_name=form.display_name.data.strip(),
                password=form.password.data, role=Role(form.role.data),
                area_code=form.area_code.data, chosen_by_administrator=True)
        except accounts.PhoneAlreadyRegistered:
            form.phone.errors.append(str(messages.STAFF_PHONE_REGISTERED))
        else:
            record_access(db, actor=me, action=AuditAction.STAFF_CREATE, channel=Channel.ONLINE,
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
    member = allowed_or_404(db.get(Account, account_id),
                            partial(policies.can_manage_staff_member, me))
    current = {"role": member.role.value, "area_code": member.area_code,
               "active": "active" if member.is_active else "deactivated"}
    form = EditStaffForm(data=current if request.method == "GET" else None)
    form.area_code.choices = area_choices(me.area_code or "", str(get_locale()))
    if form.validate_on_submit() and _area_inside_mine(me, form.area_code):
        if member.id == me.id and form.active.data != "active":
            form.active.errors.append(str(messages.CANNOT_DEACTIVATE_SELF))
        elif member.id == me.id and form.role.data != member.role.value:
            form.role.errors.append(str(messages.CANNOT_CHANGE_OWN_ROLE))
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
    accounts.change_staff_role_and_area(member, role=Role(form.role.data),
                                        area_code=form.area_code.data)
    if member.is_active and not active:
        accounts.sign_out_everywhere(member)
        flash(_("%(name)s is deactivated and signed out on every device.",
                name=member.display_name))
    else:
        flash(_("The staff account for %(name)s is saved.", name=member.display_name))
    member.is_active = active
    record_access(get_session(), actor=me, action=AuditAction.STAFF_UPDATE, channel=Channel.ONLINE,
                  detail={"account_id": member.id, "changes": changes})
