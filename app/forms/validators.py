"""Validators that accept what people really type and store the normal form."""

from __future__ import annotations

import unicodedata
from typing import Any

from wtforms import Field, Form, ValidationError
from wtforms.validators import InputRequired, StopValidation

from app.domain.clock import today_in_china
from app.domain.people.accounts import password_problem
from app.domain.people.identity import (
    InvalidIdNumber,
    InvalidMobile,
    InvalidPhone,
    normalise_digits,
    parse_mobile,
    parse_phone,
    parse_resident_id,
)
from app.forms import error_messages as messages


def is_blank(text: str) -> bool:
    """Only spaces (full-width ones too) or invisible characters: nothing a person can read."""
    return not "".join(char for char in text
                       if unicodedata.category(char) not in ("Cf", "Zs")).strip()


class RequiredAnswer(InputRequired):
    """The one rule for a required typed answer: something must be typed, and spaces alone (or
    invisible characters) are not an answer. Keeps the browser's `required` flag."""

    def __call__(self, form: Form, field: Field) -> None:
        typed = field.raw_data[0] if field.raw_data else ""
        if isinstance(typed, str) and not is_blank(typed):
            return
        field.errors[:] = []
        raise StopValidation(str(self.message))


def whole_number(text: str | None, *, most: int) -> int | None:
    """The number typed, when it is a whole number (ASCII or full-width digits) up to ``most``;
    None otherwise. Never int() of a long text: Python refuses more than 4,300 digits, and a
    thousand digits are no count anyway."""
    digits = normalise_digits(text or "").lstrip("0") or ("0" if text and text.strip() else "")
    if not digits or not digits.isascii() or not digits.isdigit() \
            or len(digits) > len(str(most)):
        return None
    number = int(digits)
    return number if number <= most else None


class MobileNumber:
    """Normalises full-width digits, spaces and +86 into the 11-digit number."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = parse_mobile(field.data or "")
        except InvalidMobile as problem:
            raise ValidationError(str(messages.MOBILE[problem.reason])) from problem


class OptionalPhoneNumber:
    """Where a phone is optional: a mobile or a landline with its area code; nothing typed is
    nothing (no `required` flag on the control)."""

    def __call__(self, form: Form, field: Field) -> None:
        if not normalise_digits(field.data or ""):
            field.data = None
            return
        try:
            field.data = parse_phone(field.data)
        except InvalidPhone as problem:
            raise ValidationError(str(messages.PHONE[problem.reason])) from problem


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
