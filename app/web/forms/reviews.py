"""Forms of 定期复核 (issue 22): the recipient's answer, opening a round, a check's outcome."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length

from app.domain.benefits import reviews, statements
from app.domain.clock import today_in_china
from app.forms import error_messages as messages
from app.forms.fields import DateInputField, strip_text

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
NOTE_MAX = 500  # as messages.TEXT_TOO_LONG says


def _yes_no(label: Any, hint: Any = "") -> RadioField:
    return RadioField(label, description=hint, choices=YES_NO,
                      validators=[InputRequired(messages.REVIEW_ANSWER_YES_OR_NO)])


QUESTION_LABELS = {
    reviews.LIVES_AT_HUKOU: _l("Do you still live at the address of your household registration "
                               "(户籍)?"),
    reviews.SUBSISTENCE: _l("Is your minimum living allowance (低保) still paid?"),
    reviews.NOT_IN_INSTITUTION: _l("Do you still live at home, not in a care institution?"),
    reviews.ACCOUNT_UNCHANGED: _l("Is the allowance still paid into the same bank account?"),
}


class ReviewAnswerForm(FlaskForm):
    lives_at_hukou = _yes_no(QUESTION_LABELS[reviews.LIVES_AT_HUKOU])
    subsistence_in_force = _yes_no(QUESTION_LABELS[reviews.SUBSISTENCE],
                                   _l("The living allowance is for people whose household "
                                      "receives it."))
    not_in_institution = _yes_no(QUESTION_LABELS[reviews.NOT_IN_INSTITUTION])
    account_unchanged = _yes_no(QUESTION_LABELS[reviews.ACCOUNT_UNCHANGED])
    changes_note = TextAreaField(
        _l("If anything changed, what and since when? (optional)"),
        description=_l("For example: I moved to my daughter's home in Changchun in May."),
        filters=[strip_text],
        validators=[Length(max=NOTE_MAX, message=messages.TEXT_TOO_LONG)])


class DueDate:
    """The last day to answer: a real date, from 2 weeks to a year ahead."""

    field_flags = {"required": True}  # noqa: RUF012

    def __call__(self, form: Any, field: Any) -> None:
        if not field.raw_parts or all(not value for value in field.raw_parts.values()):
            raise ValidationError(str(messages.ENTER_REVIEW_DUE_DATE))
        if field.missing_parts:
            raise ValidationError(str(messages.REVIEW_DUE_DATE_INCOMPLETE))
        if field.data is None:
            raise ValidationError(str(messages.REVIEW_DUE_DATE_NOT_REAL))
        ahead = (field.data - today_in_china()).days
        if ahead < 14 or ahead > 366:
            raise ValidationError(str(messages.REVIEW_DUE_DATE_RANGE))


class OpenRoundForm(FlaskForm):
    county = SelectField(_l("County, city or district"),
                         validators=[InputRequired(messages.CHOOSE_REVIEW_COUNTY)])
    due_on = DateInputField(_l("Last day to answer"),
                            description=_l("Recipients are told this date. For example "
                                           "2026 6 30."),
                            validators=[DueDate()])


CHECK_OUTCOMES = [("confirmed", _l("The answer was confirmed")),
                  ("differs", _l("The circumstances differ from the answer"))]


class CheckForm(FlaskForm):
    outcome = RadioField(_l("What did the check find?"), choices=CHECK_OUTCOMES,
                         validators=[InputRequired(messages.CHOOSE_CHECK_OUTCOME)])
    note = TextAreaField(_l("Notes on the check (optional)"), filters=[strip_text],
                         validators=[Length(max=NOTE_MAX, message=messages.TEXT_TOO_LONG)])

# What a "no" means, for staff reading the answers.
QUESTION_CHANGED = {
    reviews.LIVES_AT_HUKOU: _l("No longer lives at the household registration (户籍) address"),
    reviews.SUBSISTENCE: _l("The minimum living allowance (低保) is no longer paid"),
    reviews.NOT_IN_INSTITUTION: _l("Lives in a care institution"),
    reviews.ACCOUNT_UNCHANGED: _l("The bank account changed"),
}
CHANNEL_WORDS = {"online": _l("Online, by the person or their agent"),
                 "counter": _l("At the counter")}


class StatementCheckForm(FlaskForm):
    """Sent by POST and answered at once: nothing is kept."""

    reference = StringField(
        _l("Reference of the statement"),
        description=_l("As printed on the statement, for example ZM2026-1234-B72F-0546"),
        filters=[strip_text],
        validators=[DataRequired(messages.ENTER_STATEMENT_REFERENCE)],
        render_kw={"autocomplete": "off", "spellcheck": "false"})

    def validate_reference(self, field: Any) -> None:
        if statements.parse_reference(field.data or "") is None:
            raise ValidationError(str(messages.STATEMENT_REFERENCE_FORMAT))
