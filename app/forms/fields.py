"""Custom WTForms fields that the form components know how to render."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    Field,
    PasswordField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
    widgets,
)
from wtforms.validators import EqualTo, InputRequired, Length

from app.domain.people.identity import normalise_digits
from app.forms import error_messages as messages
from app.forms.validators import RequiredAnswer, StrongPassword

NAME_MAX = 50  # people.full_name and accounts.display_name
TEXT_ANSWER_MAX = 500
ADDRESS_MAX = 200  # people.address_line
BANK_NAME_MAX = 50


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes in a fieldset (rendered by the choices() macro)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class DateInputField(Field):
    """A date typed as day, month and year in three boxes, as people read dates on documents.

    Each box keeps what was typed when the date is wrong, so nothing has to be typed again.
    """

    PARTS = ("year", "month", "day")  # Chinese and Korean write the year first

    def __init__(self, label: Any = None, validators: Any = None, autocomplete_prefix: str = "",
                 **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.autocomplete_prefix = autocomplete_prefix
        self.raw_parts: dict[str, str] = {}
        self.missing_parts: list[str] = []

    def parts(self) -> list[tuple[str, Any, int]]:
        labels = {"year": _l("Year"), "month": _l("Month"), "day": _l("Day")}
        sizes = {"year": 4, "month": 2, "day": 2}
        return [(part, labels[part], sizes[part]) for part in self.PARTS]

    def part_value(self, part: str) -> str:
        if part in self.raw_parts:
            return self.raw_parts[part]
        if isinstance(self.data, date):
            return str(getattr(self.data, part))
        return ""

    def first_error_part(self) -> str:
        return self.missing_parts[0] if self.missing_parts else self.PARTS[0]

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters)
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in self.PARTS):
            self.raw_parts = {p: formdata.get(f"{self.name}-{p}", "").strip() for p in self.PARTS}
            self.data = self._to_date()

    def _to_date(self) -> date | None:
        self.missing_parts = [p for p in self.PARTS if not self.raw_parts[p]]
        if self.missing_parts:
            return None
        try:
            year, month, day = (int(normalise_digits(self.raw_parts[p])) for p in self.PARTS)
            return date(year, month, day)
        except ValueError:
            return None

    def _value(self) -> str:
        return self.data.isoformat() if isinstance(self.data, date) else ""


def strip_text(value: Any) -> Any:
    """A filter: spaces around a typed answer are not part of it."""
    return value.strip() if isinstance(value, str) else value


def required_text_field(label: Any, required_message: Any, *, description: Any = "",
                        max_length: int, length_message: Any,
                        render_kw: dict[str, Any] | None = None) -> StringField:
    """A required answer typed on one line: spaces alone are not an answer, and spaces around
    it are not part of it."""
    return StringField(label, description=description, filters=[strip_text],
                       validators=[RequiredAnswer(required_message),
                                   Length(max=max_length, message=length_message)],
                       render_kw=render_kw)


def full_name_field(label: Any, required_message: Any, *, description: Any = "",
                    own_name: bool = False) -> StringField:
    """A person's full name. Only a person typing their own name gets the browser's `name`
    autocomplete: staff and agents type someone else's."""
    render_kw = {"autocomplete": "name", "spellcheck": "false"} if own_name \
        else {"spellcheck": "false"}
    return StringField(label, description=description, filters=[strip_text],
                       validators=[RequiredAnswer(required_message),
                                   Length(max=NAME_MAX, message=messages.NAME_TOO_LONG)],
                       render_kw=render_kw)


def mobile_field(label: Any, *, description: Any = "", validators: Any,
                 autocomplete: str | None = None) -> StringField:
    """A mobile number: the phone keypad, no spelling check; `autocomplete` only for one's own."""
    render_kw = {"inputmode": "tel", "spellcheck": "false"}
    if autocomplete:
        render_kw = {"autocomplete": autocomplete, **render_kw}
    return StringField(label, description=description, validators=validators,
                       render_kw=render_kw)


def new_password_fields(label: Any, again_label: Any, *, description: Any
                        ) -> tuple[PasswordField, PasswordField]:
    """A new password and the same again, as a form's `password` and `password_again`."""
    return (PasswordField(label, description=description,
                          validators=[InputRequired(messages.ENTER_PASSWORD), StrongPassword()],
                          render_kw={"autocomplete": "new-password"}),
            PasswordField(again_label,
                          validators=[InputRequired(messages.CONFIRM_PASSWORD),
                                      EqualTo("password", message=messages.PASSWORDS_DIFFER)],
                          render_kw={"autocomplete": "new-password"}))


def text_answer_field(label: Any, *, description: Any = "",
                      required_message: Any = None) -> TextAreaField:
    """An answer in the applicant's own words, up to 500 characters. When it is required, spaces
    alone are not an answer."""
    required = [RequiredAnswer(required_message)] if required_message is not None else []
    return TextAreaField(label, description=description, filters=[strip_text],
                         validators=[*required, Length(max=TEXT_ANSWER_MAX,
                                                       message=messages.TEXT_TOO_LONG)])


class BankAccountFields:
    """The bank, holder and account number the allowance is paid into: asked when applying
    and again when the person reports a new account, so both read and check the same."""

    bank = required_text_field(
        _l("Name of the bank"), messages.ENTER_BANK,
        description=_l("For example Jilin Rural Credit Union or Bank of Jilin."),
        max_length=BANK_NAME_MAX, length_message=messages.BANK_NAME_TOO_LONG)
    holder = required_text_field(_l("Name of the account holder"), messages.ENTER_ACCOUNT_HOLDER,
                                 max_length=NAME_MAX, length_message=messages.NAME_TOO_LONG,
                                 render_kw={"spellcheck": "false"})
    number = StringField(_l("Account number"),
                         description=_l("The long number on the bank card or passbook."),
                         validators=[RequiredAnswer(messages.ENTER_ACCOUNT_NUMBER)],
                         render_kw={"inputmode": "numeric", "spellcheck": "false"})

    def validate_number(self, field: StringField) -> None:
        # Passbooks print the number in groups: the spaces are not part of it.
        digits = "".join(normalise_digits(field.data or "").split())
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise ValidationError(str(messages.ACCOUNT_NUMBER_FORMAT))
        field.data = digits
