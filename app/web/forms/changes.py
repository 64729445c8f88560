"""Forms for reporting a change (主动申报), one question per page, and for civil affairs'
decisions about an entitlement and objections (issue 22)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length

from app.domain.clock import today_in_china
from app.domain.models import ChangeKind
from app.forms import error_messages as messages
from app.forms.fields import (
    BankAccountFields,
    DateInputField,
    strip_text,
)
from app.forms.validators import RequiredAnswer

NOTE_MAX = 500
REASONS_MAX = 2000

CHANGE_CHOICES = [
    (ChangeKind.MOVED_WITHIN_JILIN.value,
     _l("The household registration (hukou) moved to another county, city or district of "
        "Jilin")),
    (ChangeKind.MOVED_OUT_OF_JILIN.value,
     _l("The household registration (hukou) moved out of Jilin Province")),
    (ChangeKind.SUBSISTENCE_ENDED.value, _l("The minimum living allowance (dibao) ended")),
    (ChangeKind.CARE_LEVEL_CHANGED.value, _l("The disability level on the card changed")),
    (ChangeKind.ENTERED_INSTITUTION.value,
     _l("Moved into a care home or other care institution")),
    (ChangeKind.DIED.value, _l("The person who gets the allowance has died")),
    (ChangeKind.NEW_ACCOUNT.value, _l("A new bank account for the payments")),
]

# The date page's question, in the words of each change.
DATE_QUESTIONS = {
    ChangeKind.MOVED_WITHIN_JILIN: _l("When did the household registration move?"),
    ChangeKind.MOVED_OUT_OF_JILIN: _l("When did the household registration move?"),
    ChangeKind.SUBSISTENCE_ENDED: _l("When did the minimum living allowance end?"),
    ChangeKind.CARE_LEVEL_CHANGED: _l("When did the disability level change?"),
    ChangeKind.ENTERED_INSTITUTION: _l("When did they move into the institution?"),
    ChangeKind.DIED: _l("What was the date of death?"),
    ChangeKind.NEW_ACCOUNT: _l("When was the new account opened?"),
}
DATE_HINT = _l("As on the document, for example 2026 3 15. If you do not know the day, enter "
               "the first of the month.")


class ChangeKindForm(FlaskForm):
    kind = RadioField(_l("What has changed?"), choices=CHANGE_CHOICES,
                      description=_l("Report one change at a time. If several things changed, "
                                     "report the next one after this."),
                      validators=[InputRequired(messages.CHOOSE_CHANGE)])


class EventDate:
    """The day it happened: a real date, not in the future."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Any, field: Any) -> None:
        if not field.raw_parts or all(not value for value in field.raw_parts.values()):
            raise ValidationError(str(messages.ENTER_CHANGE_DATE))
        if field.missing_parts:
            raise ValidationError(str(messages.CHANGE_DATE_INCOMPLETE))
        if field.data is None:
            raise ValidationError(str(messages.CHANGE_DATE_NOT_REAL))
        if field.data > today_in_china():
            raise ValidationError(str(messages.CHANGE_DATE_IN_FUTURE))
        if field.data.year < 2010:
            raise ValidationError(str(messages.CHANGE_DATE_NOT_REAL))


class ChangeDateForm(FlaskForm):
    event_date = DateInputField(_l("When did it happen?"), description=DATE_HINT,
                                validators=[EventDate()])


class NewCountyForm(FlaskForm):
    county = SelectField(_l("Which county, city or district did the household registration "
                            "move to?"),
                         validators=[InputRequired(messages.CHOOSE_NEW_COUNTY)])


class NewAccountForm(BankAccountFields, FlaskForm):
    pass


class ChangeNoteForm(FlaskForm):
    note = TextAreaField(_l("Anything else staff should know (optional)"),
                         filters=[strip_text],
                         validators=[Length(max=NOTE_MAX, message=messages.TEXT_TOO_LONG)],
                         render_kw={"rows": 4})


def _reasons_for_the_letter(description: Any = "") -> TextAreaField:
    """Civil affairs' reasons for a decision about an allowance, written into its letter."""
    return TextAreaField(
        _l("Reasons, in words the person will read"), description=description,
        filters=[strip_text],
        validators=[RequiredAnswer(messages.ENTER_ENTITLEMENT_DECISION_REASONS),
                    Length(max=REASONS_MAX, message=messages.REASON_TOO_LONG)],
        render_kw={"rows": 5})


class ReportDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Does the change apply to the payment?"),
        choices=[("apply", _l("Yes: apply it from the month after it happened")),
                 ("not_apply", _l("No: the payment does not change"))],
        validators=[InputRequired(messages.CHOOSE_APPLY_OR_NOT)])
    reason = _reasons_for_the_letter(
        description=_l("They are written in the letter, with what the person can do if they "
                       "disagree."))


class ObjectionForm(FlaskForm):
    grounds = TextAreaField(
        _l("Why do you think the decision is wrong?"),
        description=_l("Say what is not right and what really happened. The county checks it "
                       "again within 10 working days and writes to you."),
        filters=[strip_text],
        validators=[RequiredAnswer(messages.ENTER_OBJECTION_GROUNDS),
                    Length(max=REASONS_MAX, message=messages.REASON_TOO_LONG)],
        render_kw={"rows": 6})


class ObjectionDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Is the objection upheld?"),
        choices=[("upheld", _l("Yes: the decision was wrong. Payment resumes and the months "
                               "held back are paid in the next run")),
                 ("dismissed", _l("No: the decision stands"))],
        validators=[InputRequired(messages.CHOOSE_UPHOLD_OR_NOT)])
    answer = _reasons_for_the_letter()


# The reasons civil affairs give for a decision of their own (entitlements.REASONS codes).
STOP_REASONS = [
    ("moved_out_of_jilin", _l("The household registration moved out of Jilin Province")),
    ("subsistence_ended", _l("The minimum living allowance (dibao) ended")),
    ("care_level_changed", _l("The disability level no longer meets the care allowance's")),
    ("entered_institution", _l("Entered a care institution")),
    ("died", _l("The person died")),
    ("card_cancelled", _l("The disability card was cancelled")),
    ("review_found_ineligible", _l("The yearly review found the conditions no longer met")),
    ("review_not_answered", _l("The yearly review was not answered")),
]


class EntitlementDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[("stopped", _l("Stop the payment from the month after the event")),
                 ("suspended", _l("Pause the payment from this month")),
                 ("resumed", _l("Resume the payment: the months held back are paid in the "
                                "next run"))],
        validators=[InputRequired(messages.CHOOSE_ENTITLEMENT_DECISION)])
    reason = SelectField(_l("Why"), choices=[("", _l("Choose a reason")), *STOP_REASONS],
                         description=_l("Not needed to resume the payment."),
                         validate_choice=False)  # validate_reason: a message of our own
    event_date = DateInputField(_l("When it happened (to stop the payment)"),
                                description=DATE_HINT)
    note = TextAreaField(
        _l("Reasons, in words the person will read"), filters=[strip_text],
        validators=[RequiredAnswer(messages.ENTER_ENTITLEMENT_DECISION_REASONS),
                    Length(max=REASONS_MAX, message=messages.REASON_TOO_LONG)],
        render_kw={"rows": 5})

    def validate_reason(self, field: SelectField) -> None:
        if self.decision.data in ("stopped", "suspended") \
                and field.data not in {code for code, _label in STOP_REASONS}:
            raise ValidationError(str(messages.CHOOSE_STOP_REASON))

    def validate_event_date(self, field: DateInputField) -> None:
        if self.decision.data == "stopped":
            EventDate()(self, field)


class SettleRecoveryForm(FlaskForm):
    settled_note = TextAreaField(
        _l("How it was settled"),
        description=_l("For example: repaid in cash on 12 May, receipt number 0012; or waived "
                       "by decision of the county, with its reasons."),
        filters=[strip_text],
        validators=[RequiredAnswer(messages.ENTER_SETTLEMENT),
                    Length(max=REASONS_MAX, message=messages.REASON_TOO_LONG)],
        render_kw={"rows": 3})
