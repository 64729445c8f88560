"""Forms of the application journey that are not service steps: documents and the declaration."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField
from wtforms.validators import InputRequired

from app.domain.casework.made_by import FilledBy
from app.domain.files import documents
from app.forms import error_messages as messages


class UploadForm(FlaskForm):
    """Choosing files for an application or a reported change; each is checked on arrival."""

    files = MultipleFileField(
        _l("Choose files"),
        description=_l("PDF, JPG or PNG, up to %(size)s MB each. You can choose several files."),
    )

    def __init__(self, *args: Any, max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb
        self.files.description = _("PDF, JPG or PNG, up to %(size)s MB each. You can choose "
                                   "several files.", size=max_mb)

    def checked_files(self) -> tuple[int, list[documents.CheckedFile]]:
        """How many files were chosen, and those that passed; each refused one is named in an
        error beside the field (a file over the limit is never read)."""
        chosen = [f for f in self.files.data or [] if f and f.filename]
        checked = []
        for upload in chosen:
            try:
                checked.append(documents.check_upload(upload.stream, upload.filename or "",
                                                      max_bytes=self.max_mb * 1024 * 1024))
            except documents.UploadRefused as refused:
                self.files.errors.append(str(messages.UPLOAD[refused.problem.value]) % {
                    "name": refused.filename, "size": self.max_mb})
        return len(chosen), checked


class DeclarationForm(FlaskForm):
    declaration = BooleanField(_l("I confirm that the statements above are true"),
                               validators=[InputRequired(messages.CONFIRM_DECLARATION)])
    sensitive_consent = BooleanField(
        _l("I agree that my sensitive personal information is processed for this application"),
        validators=[InputRequired(messages.CONFIRM_SENSITIVE_CONSENT)],
    )
    # Only when someone else fills the form: they confirm that they hold the applicant's consent.
    holds_consent = BooleanField(validators=[InputRequired(messages.CONFIRM_HOLDS_CONSENT)])


# The same statements when an agent or counter staff fill the form: about the applicant, in the
# third person ("申请人同意…"), and what the one filling it confirms.
ON_BEHALF_LABELS = {
    "declaration": _l("The applicant confirms that the statements above are true"),
    "sensitive_consent": _l("The applicant agrees that their sensitive personal information is "
                            "processed for this application"),
}
HOLDS_CONSENT_LABELS = {
    FilledBy.AGENT: _l("I have the applicant's consent to make this application and to give "
                       "these statements and this consent for them"),
    FilledBy.COUNTER: _l("The applicant, or the agent with them, confirmed these statements and "
                         "this consent to me in person"),
}


def declaration_form(filled_by: FilledBy) -> DeclarationForm:
    """The declaration in the applicant's own words, or said for them by an agent or staff."""
    form = DeclarationForm()
    if filled_by == FilledBy.APPLICANT:
        del form["holds_consent"]
        return form
    for name, label in ON_BEHALF_LABELS.items():
        form[name].label.text = label
    form.holds_consent.label.text = HOLDS_CONSENT_LABELS[filled_by]
    return form
