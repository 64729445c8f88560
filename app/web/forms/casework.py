"""Forms of the casework pages: the queue filter, decisions, stages, notes and assignment.

Several of these forms share one page, so each is given its own id prefix (see give_ids) while
the names sent stay plain: `reason`, `version`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.domain.clock import today_in_china
from app.forms import error_messages as messages
from app.forms.fields import DateInputField, MultiCheckboxField
from app.services.standard_reasons import standard_reasons

REASON_MAX = 2000
# No maxlength attribute: a browser cuts pasted text short without a word; the message says so.
NO_MAXLENGTH = {"maxlength": False}

# What each decision's reason box asks for, and what to say when it is left empty.
REASON_LABELS = {
    "return": _l("Reason for returning it"),
    "request_information": _l("What information is missing? List each item"),
    "approve": _l("Reasons for the decision, in words the applicant will read"),
    "refuse": _l("Reasons for the decision, in words the applicant will read"),
    "provide_information": _l("What did the applicant provide? (optional)"),
    "return_to_review": _l("What must be looked at again?"),
}
REASON_HINTS = {
    "return": _l("The applicant reads this. Say what is wrong and what they can do."),
    "request_information": _l("Write each item on its own line. The applicant reads this list "
                              "and answers online or at a counter."),
    "approve": _l("The decision letter quotes this."),
    "refuse": _l("The decision letter quotes this. Say which condition is not met and why."),
    "return_to_review": _l("The caseworker reads this. During a public notice, write down "
                           "any objection received."),
}
# Staff write in one language; what they write reaches the applicant as written (the timeline
# and the decision letter label it so), whatever language the applicant reads the portal in.
WRITTEN_AS_IS = _l("The applicant reads your words as you write them, not translated: write "
                   "plainly in Chinese.")
REASON_MISSING = {
    "return": messages.ENTER_RETURN_REASON,
    "request_information": messages.ENTER_MISSING_INFORMATION,
    "approve": messages.ENTER_DECISION_REASONS,
    "refuse": messages.ENTER_DECISION_REASONS,
    "return_to_review": messages.ENTER_RETURN_TO_REVIEW_REASON,
}


def give_ids(form: FlaskForm, key: str) -> FlaskForm:
    """Ids unique on the page (`return-reason`), names unchanged (`reason`)."""
    for field in form:
        field.id = f"{key}-{field.short_name}"
        field.label.field_id = field.id
    return form


class VersionForm(FlaskForm):
    """Carries the version of the application the page showed, to detect a stale edit."""

    version = HiddenField()

    def validate_version(self, field: HiddenField) -> None:
        # A tampered or missing version cannot be checked: treat it as out of date.
        if not str(field.data or "").isdigit():
            raise ValidationError(str(messages.EDIT_CONFLICT))


class TransitionForm(VersionForm):
    standard_reasons = MultiCheckboxField(
        _l("Standard reasons (optional)"),
        description=_l("The applicant reads these in their own language. Pick any that apply "
                       "and add what is particular to this application below."),
        validators=[Optional()],
    )
    reason = TextAreaField(
        validators=[Optional(), Length(max=REASON_MAX, message=messages.REASON_TOO_LONG)],
        render_kw=NO_MAXLENGTH | {"rows": 5},
    )


def transition_form(name: str, *, formdata: Any = None, version: int,
                    service_code: str = "") -> TransitionForm:
    form = TransitionForm(formdata=formdata, data={"version": version})
    form.standard_reasons.choices = [(reason.code, reason.text)
                                     for reason in standard_reasons(service_code, name)]
    give_ids(form, name)
    form.reason.label.text = REASON_LABELS.get(name, "")
    hint = REASON_HINTS.get(name)
    form.reason.description = f"{hint} {WRITTEN_AS_IS}" if hint else ""
    return form


class StageDate:
    """The date of an appointment or visit: a real date, within a year either side of today."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Any, field: Any) -> None:
        if not field.raw_parts or all(not value for value in field.raw_parts.values()):
            raise ValidationError(str(messages.ENTER_STAGE_DATE))
        if field.missing_parts:
            raise ValidationError(str(messages.STAGE_DATE_INCOMPLETE))
        if field.data is None:
            raise ValidationError(str(messages.STAGE_DATE_NOT_REAL))
        if abs((field.data - today_in_china()).days) > 366:
            raise ValidationError(str(messages.STAGE_DATE_TOO_FAR))




class StageForm(VersionForm):
    scheduled_for = DateInputField(
        _l("Date of the appointment or visit"),
        description=_l("The applicant is told this date. For example 2026 3 15."),
        validators=[StageDate()],
    )
    note = TextAreaField(
        _l("What happened, in words the applicant will read (optional)"),
        validators=[Optional(), Length(max=REASON_MAX, message=messages.REASON_TOO_LONG)],
        render_kw=NO_MAXLENGTH | {"rows": 3},
    )


def stage_form(*, formdata: Any = None, version: int, dated: bool) -> StageForm:
    """The form to record a stage; the date is asked only for appointments and visits."""
    form = StageForm(formdata=formdata, data={"version": version})
    if not dated:
        del form["scheduled_for"]
    return give_ids(form, "stage")


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Add a note"),
        description=_l("Only staff see notes. Do not write anything you would not want the "
                       "applicant to read if they asked for their records."),
        validators=[DataRequired(messages.ENTER_NOTE),
                    Length(max=REASON_MAX, message=messages.REASON_TOO_LONG)],
        render_kw=NO_MAXLENGTH | {"rows": 4},
    )


def note_form(*, formdata: Any = None) -> NoteForm:
    return give_ids(NoteForm(formdata=formdata), "note")


class AssignForm(VersionForm):
    assignee = SelectField(_l("Assign to a colleague"), coerce=str,
                           validators=[InputRequired(messages.CHOOSE_COLLEAGUE)])


def assign_form(colleagues: list[tuple[int, str]], *, key: str, formdata: Any = None,
                version: int) -> AssignForm:
    form = AssignForm(formdata=formdata, data={"version": version})
    form.assignee.choices = [("", _l("Choose a colleague"))] + [
        (str(account_id), name) for account_id, name in colleagues]
    return give_ids(form, key)


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search: it changes nothing

    service = SelectField(_l("Service"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    township = SelectField(_l("Township or street"), validate_choice=False)
    show = MultiCheckboxField(_l("Show only"),
                              choices=[("overdue", _l("Overdue applications")),
                                       ("mine", _l("Applications assigned to me"))],
                              validate_choice=False)


class QueueSearchForm(FlaskForm):
    """Find one application. Sent by POST: an ID number must never be in an address."""

    term = StringField(
        _l("Reference, applicant's name or ID number"),
        description=_l("For example 7K3M 9QXP C, a full name or an ID number"),
        validators=[DataRequired(messages.ENTER_SEARCH_TERM),
                    Length(max=100, message=messages.SEARCH_TERM_TOO_LONG)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
