"""Forms for signing up, signing in, codes and passwords."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import InputRequired

from app.forms import error_messages as messages
from app.forms.fields import full_name_field, mobile_field, new_password_fields
from app.forms.validators import MobileNumber, SixDigitCode

PHONE_HINT = _l("For example 139 0431 0001. We send a code to this number.")
PASSWORD_HINT = _l("At least 8 characters. A few words you will remember are strong and easy "
                   "to type.")


def _phone_field(label: str | None = None, description: str | None = PHONE_HINT
                 ) -> StringField:
    return mobile_field(label or _l("Mobile number"), description=description,
                        validators=[MobileNumber()], autocomplete="tel-national")


class SignUpForm(FlaskForm):
    display_name = full_name_field(_l("Your full name"), messages.ENTER_NAME, own_name=True)
    phone = _phone_field()
    password, password_again = new_password_fields(
        _l("Create a password"), _l("Enter the password again"), description=PASSWORD_HINT)


class SignInForm(FlaskForm):
    phone = _phone_field(description=None)
    password = PasswordField(_l("Password"), validators=[InputRequired(messages.ENTER_PASSWORD)],
                             render_kw={"autocomplete": "current-password"})


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from the text message"),
        description=_l("The text message has a 6-digit code, like 123456."),
        validators=[SixDigitCode()],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )


class PasswordResetRequestForm(FlaskForm):
    phone = _phone_field(description=_l("The mobile number you signed up with. We send a code "
                                        "to it."))


class NewPasswordForm(CodeForm):
    password, password_again = new_password_fields(
        _l("New password"), _l("Enter the new password again"), description=PASSWORD_HINT)


class OwnPasswordForm(FlaskForm):
    """A staff member replaces the password an administrator chose for them."""

    password, password_again = new_password_fields(
        _l("Your new password"), _l("Enter the new password again"), description=PASSWORD_HINT)


class MessageLanguageForm(FlaskForm):
    """The language of text messages and in-app messages, changeable at any time."""

    language = RadioField(
        _l("In which language should we send your messages?"),
        description=_l("Text messages and the messages in your account, about all your "
                       "applications. The pages of the portal follow the language you choose "
                       "at the top of each page."),
        validators=[InputRequired(messages.CHOOSE_LANGUAGE)],
    )
