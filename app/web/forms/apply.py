"""Forms of the application journey that are not service steps: documents and the declaration."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField
from wtforms.validators import InputRequired

from app.forms import error_messages as messages


class UploadForm(FlaskForm):
    files = MultipleFileField(
        _l("Choose files"),
        description=_l("PDF, JPG or PNG, up to %(size)s MB each. You can choose several files."),
    )


class DeclarationForm(FlaskForm):
    declaration = BooleanField(_l("I confirm that the statements above are true"),
                               validators=[InputRequired(messages.CONFIRM_DECLARATION)])
    sensitive_consent = BooleanField(
        _l("I agree that my sensitive personal information is processed for this application"),
        validators=[InputRequired(messages.CONFIRM_SENSITIVE_CONSENT)],
    )
