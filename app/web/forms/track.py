"""Forms for following an application: look-up without signing in, answering, withdrawing."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, RadioField, StringField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length, Optional

from app.domain.casework import reference
from app.domain.people.identity import normalise_digits
from app.forms import error_messages as messages
from app.forms.validators import MobileNumber, RequiredAnswer
from app.web.forms.accounts import CodeForm

ANSWER_MAX = 1000
WITHDRAW_REASON_MAX = 500
ID_LAST_4 = re.compile(r"\d{3}[\dX]")


def normalise_reference(text: str) -> str:
    """Full-width characters, spaces, any dash and lower case: what people type or paste."""
    return reference.normalise(normalise_digits(text or ""))


class ReferenceNumber:
    """Says which kind of mistake it is, so the person knows what to check."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Form, field: Field) -> None:
        value = normalise_reference(field.data or "")
        if not value:
            raise ValidationError(str(messages.ENTER_REFERENCE))
        if len(value) != reference.BODY_LENGTH + 1:
            raise ValidationError(str(messages.REFERENCE_LENGTH))
        if any(char not in reference.ALPHABET for char in value):
            raise ValidationError(str(messages.REFERENCE_CHARACTERS))
        if not reference.is_valid(value):
            raise ValidationError(str(messages.REFERENCE_CHECK))
        field.data = value


class IdLastFour:
    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Form, field: Field) -> None:
        value = normalise_digits(field.data or "")
        if not value:
            raise ValidationError(str(messages.ENTER_ID_LAST_4))
        if not ID_LAST_4.fullmatch(value):
            raise ValidationError(str(messages.ID_LAST_4_FORMAT))
        field.data = value


class AgentPhone:
    """Asked only when the code is to go to the agent's own phone."""

    def __call__(self, form: Form, field: Field) -> None:
        if form.send_to.data != "agent":
            field.data = ""
            return
        MobileNumber()(form, field)


class LookupForm(FlaskForm):
    reference = StringField(
        _l("Reference number"),
        description=_l("It is on the receipt and in the text message we sent when the "
                       "application was made. For example 7K3M 9QXP N."),
        validators=[ReferenceNumber()],
        render_kw={"spellcheck": "false", "autocapitalize": "characters", "autocomplete": "off"},
    )
    id_last_4 = StringField(
        _l("Last 4 characters of the applicant's ID card number"),
        description=_l("For example 1234, or 123X if the number ends in X."),
        validators=[IdLastFour()],
        render_kw={"spellcheck": "false", "autocapitalize": "characters", "autocomplete": "off"},
    )
    send_to = RadioField(
        _l("Where should we send the code?"),
        choices=[("application", _l("To the mobile number on the application")),
                 ("agent", _l("To my own mobile number: I am a family member or agent linked "
                              "to the applicant on this portal"))],
        default="application",
        validators=[Optional()],  # not chosen (an older page, a script): the application's
    )
    agent_phone = StringField(
        _l("Your mobile number"),
        description=_l("Only if you chose your own number: the one you sign in with. For "
                       "example 139 0431 0001."),
        validators=[AgentPhone()],
        render_kw={"autocomplete": "tel-national", "inputmode": "tel", "spellcheck": "false"},
    )


class LookupCodeForm(CodeForm):
    """The same 6-digit code field as signing up, so it reads and behaves the same."""


class RespondForm(FlaskForm):
    answer = TextAreaField(
        _l("Your answer"),
        description=_l("Answer what we asked, in your own words. If we asked for a document, "
                       "add it with the link above. Up to 1000 characters."),
        validators=[RequiredAnswer(messages.ENTER_ANSWER),
                    Length(max=ANSWER_MAX, message=messages.ANSWER_TOO_LONG)],
        render_kw={"rows": 8},
    )


class WithdrawForm(FlaskForm):
    confirm = RadioField(
        _l("Are you sure you want to withdraw this application?"),
        choices=[("yes", _l("Yes, withdraw it")), ("no", _l("No, keep it"))],
        validators=[InputRequired(messages.CHOOSE_WITHDRAW)],
    )
    reason = TextAreaField(
        _l("Why are you withdrawing it? (optional)"),
        description=_l("This helps staff. For example: the applicant has moved to another "
                       "province."),
        validators=[Optional(),
                    Length(max=WITHDRAW_REASON_MAX, message=messages.WITHDRAW_REASON_TOO_LONG)],
        render_kw={"rows": 4},
    )
