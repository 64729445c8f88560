"""Forms for administrators: create a staff account, change one (messages: error_messages.py)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, RadioField, SelectField, ValidationError
from wtforms.validators import InputRequired

from app.domain.models import Role
from app.domain.people.accounts import AREA_LEVELS, area_fits_role
from app.domain.people.identity import normalise_digits
from app.domain.places.divisions import PROVINCE_CODE, load_catalogue
from app.domain.places.place_names import english_place_name, place_label
from app.forms import error_messages as messages
from app.forms.fields import full_name_field, mobile_field
from app.forms.validators import MobileNumber, StrongPassword

# Error messages used only by the staff pages.
# An administrator gives only areas inside their own (app.domain.access.policies.can_assign_area).

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
AREA_HINT = _l("Grouped by city. Counter staff at a township or street office: choose the "
               "township or street, listed after its county. Others: their county or city.")


def _role_field() -> Any:
    return RadioField(_l("Role"), choices=ROLE_CHOICES,
                      validators=[InputRequired(messages.CHOOSE_ROLE)])


def _area_field() -> Any:
    # The choices depend on the administrator's own area (area_choices); a value outside them
    # is refused by validate_area_code and the view's own-area check, in our words.
    return SelectField(_l("Area"), description=AREA_HINT, validate_choice=False,
                       validators=[InputRequired(messages.ENTER_AREA_CODE)])


Choice = tuple[str, Any, dict[str, str]]


def area_choices(own_area: str, locale: str) -> dict[str | None, list[Choice]]:
    """Every division inside the administrator's own area, for a select without JavaScript:
    an optgroup per city holding the city, its counties, and after each county its townships
    ("南关区 南岭街道"), so an administrator picks rather than types a 9-digit code."""
    catalogue = load_catalogue()
    # The first options outside any optgroup (None): HTML wants a required select's placeholder
    # first, not inside a group.
    groups: dict[str | None, list[Choice]] = {None: [("", _l("Choose an area"), {})]}
    if own_area == PROVINCE_CODE:
        groups[None].append((PROVINCE_CODE, *place_label(catalogue.path(PROVINCE_CODE)[0].name,
                                                       locale)))
    for city in catalogue.prefectures():
        options: list[Choice] = []
        if catalogue.contains(own_area, city.code):
            options.append((city.code, *place_label(city.name, locale)))
        for county in catalogue.counties(city.code):
            if catalogue.contains(own_area, county.code):
                options.append((county.code, *place_label(county.name, locale)))
            options.extend((township.code, *_township_label(county.name, township.name, locale))
                           for township in catalogue.townships(county.code)
                           if catalogue.contains(own_area, township.code))
        if options:
            # An optgroup label cannot carry its own lang; English readers get the pinyin.
            groups[place_label(city.name, locale)[0]] = options
    return groups


def _township_label(county: str, township: str, locale: str) -> tuple[str, dict[str, str]]:
    if locale == "en":
        return f"{english_place_name(township)}, {english_place_name(county)}", {}
    return place_label(f"{county} {township}", locale)


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
