"""Forms for administrators: create a staff account, change one (messages: error_messages.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, RadioField, StringField, ValidationError
from wtforms.validators import InputRequired

from app.domain.accounts import AREA_LEVELS, area_fits_role
from app.domain.divisions import load_catalogue
from app.domain.identity import normalise_digits
from app.domain.models import Role
from app.forms import error_messages as messages
from app.forms.fields import full_name_field, mobile_field
from app.forms.validators import MobileNumber, StrongPassword

# Error messages used only by the staff pages.
# An administrator gives only areas inside their own (app.domain.policies.can_assign_area).

ROLE_CHOICES = [
    (Role.COUNTER.value, _l("Counter staff, at a township, street or county office")),
    (Role.CASEWORKER.value, _l("Caseworker, who reviews applications")),
    (Role.APPROVER.value, _l("Approver at the disability federation, who decides "
                             "applications")),
    (Role.CIVIL_AFFAIRS.value, _l("Civil affairs approver, who decides the two disability "
                                  "subsidies")),
    (Role.STATISTICS.value, _l("Statistics manager, who reads the figures of their area and "
                               "sees no applicant's record")),
    (Role.ADMIN.value, _l("Administrator, who manages staff accounts and reads the audit log")),
]
ACTIVE_CHOICES = [
    ("active", _l("Active: they can sign in")),
    ("deactivated", _l("Deactivated: they cannot sign in, and are signed out everywhere")),
]
AREA_HINT = _l("A county code of 6 digits, like 220102 for Nanguan District, or a township code "
               "of 9 digits")


def _role_field() -> Any:
    return RadioField(_l("Role"), choices=ROLE_CHOICES,
                      validators=[InputRequired(messages.CHOOSE_ROLE)])


def _area_field() -> Any:
    return StringField(_l("Area code"), description=AREA_HINT,
                       validators=[InputRequired(messages.ENTER_AREA_CODE)],
                       render_kw={"inputmode": "numeric", "spellcheck": "false"})


class _AreaForRole:
    """Checks the area code against the role chosen in the same form."""

    role: RadioField

    def validate_area_code(self, field: Field) -> None:
        field.data = normalise_digits(field.data or "")
        if field.data not in load_catalogue():
            raise ValidationError(str(messages.UNKNOWN_AREA_CODE))
        if self.role.data in AREA_LEVELS:
            role = Role(self.role.data)
            if not area_fits_role(role, field.data):
                raise ValidationError(str(messages.AREA_NOT_FOR_ROLE[role]))


class CreateStaffForm(_AreaForRole, FlaskForm):
    display_name = full_name_field(_l("Full name"), messages.ENTER_STAFF_NAME)
    phone = mobile_field(
        _l("Mobile number"),
        description=_l("They sign in with this number. For example 139 0431 0001."),
        validators=[MobileNumber()])
    role = _role_field()
    area_code = _area_field()
    password = PasswordField(
        _l("Initial password"),
        description=_l("At least 8 characters. Give it to them in person, never by text "
                       "message."),
        validators=[InputRequired(messages.ENTER_INITIAL_PASSWORD), StrongPassword()],
        render_kw={"autocomplete": "new-password"},
    )


class EditStaffForm(_AreaForRole, FlaskForm):
    role = _role_field()
    area_code = _area_field()
    active = RadioField(_l("Can they sign in?"), choices=ACTIVE_CHOICES,
                        validators=[InputRequired(messages.CHOOSE_ACTIVE)])
