"""Validators that accept what people really type and store the normal form."""

from __future__ import annotations

from typing import Any

from wtforms import Field, Form, ValidationError

from app.domain.accounts import password_problem
from app.domain.clock import today_in_china
from app.domain.identity import (
    InvalidIdNumber,
    InvalidMobile,
    normalise_digits,
    parse_mobile,
    parse_resident_id,
)
from app.forms import error_messages as messages


class MobileNumber:
    """Normalises full-width digits, spaces and +86 into the 11-digit number."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = parse_mobile(field.data or "")
        except InvalidMobile as problem:
            raise ValidationError(str(messages.MOBILE[problem.reason])) from problem


class ResidentIdNumberValidator:
    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.parsed = parse_resident_id(field.data or "", today=today_in_china())
        except InvalidIdNumber as problem:
            raise ValidationError(str(messages.ID_NUMBER[problem.reason])) from problem
        field.data = field.parsed.value


class StrongPassword:
    """Checked against the mobile number typed in the same form (field `phone`)."""

    def __init__(self, phone_field: str = "phone") -> None:
        self.phone_field = phone_field

    def __call__(self, form: Form, field: Field) -> None:
        phone_field: Any = getattr(form, self.phone_field, None)
        if phone_field is not None:
            phone = normalise_digits(phone_field.data or "")
        else:  # a form about a number already known, such as the password reset
            phone = getattr(form, "known_phone", "")
        problem = password_problem(field.data or "", phone=phone)
        if problem is not None:
            raise ValidationError(str(messages.PASSWORD[problem]))


class SixDigitCode:
    def __call__(self, form: Form, field: Field) -> None:
        code = normalise_digits(field.data or "")
        if not code:
            raise ValidationError(str(messages.ENTER_CODE))
        if len(code) != 6 or not code.isdigit():
            raise ValidationError(str(messages.CODE_FORMAT))
        field.data = code


class NoneAlone:
    """For a set of checkboxes with a "none" choice: "none" cannot be chosen with anything else."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        if "none" in (field.data or ()) and len(field.data) > 1:
            raise ValidationError(str(self.message))
