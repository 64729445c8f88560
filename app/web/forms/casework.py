"""Forms of the casework pages: the queue filter, decisions, stages, notes and assignment.

Several of these forms share one page, so each is given its own id prefix (see give_ids) while
the names sent stay plain: `reason`, `version`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, StopValidation

from app.domain.benefits.allowances import AllowanceDecision, parse_amount
from app.domain.clock import today_in_china
from app.domain.people.identity import normalise_digits
from app.forms import error_messages as messages
from app.forms.fields import DateInputField, MultiCheckboxField, strip_text
from app.forms.validators import is_blank
from app.services.standard_reasons import (
    OWN_OPINION,
    STANDARD_OPINIONS,
    StandardReason,
    standard_opinions,
    standard_reasons,
)

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


class Opinion:
    """An opinion for the file: a standard phrase, or the staff member's own words (or both)."""

    def __call__(self, form: Any, field: Any) -> None:
        phrase = form.opinion_phrase.data
        if (not phrase or phrase == OWN_OPINION) and is_blank(field.data or ""):
            raise ValidationError(str(messages.ENTER_OPINION))


# The opinion each step adds to the file, and what its box is called.
OPINION_LABELS = {
    "accept": (_l("Preliminary opinion of the township"),
               _l("Your own words, if no standard opinion fits or to add to it")),
    "pass_for_decision": (_l("Review opinion of the county"),
                          _l("Your own words, if no standard opinion fits or to add to it")),
}
OPINION_HINT = _l("Kept on the file and read by whoever decides. The applicant does not see it.")


class AllowanceGranted:
    """Each claimed allowance is granted or not (issue 25)."""

    field_flags = {"required": True}  # noqa: RUF012

    def __init__(self, allowance: str) -> None:
        self.allowance = allowance

    def __call__(self, form: Any, field: Any) -> None:
        if field.data not in ("yes", "no"):
            field.errors[:] = []
            raise StopValidation(str(messages.CHOOSE_ALLOWANCE_DECISION[self.allowance]))


class WhenGranted:
    """The amount and the first month, needed only for an allowance that is granted."""

    def __init__(self, allowance: str, *, month: bool = False) -> None:
        self.allowance = allowance
        self.month = month

    def __call__(self, form: Any, field: Any) -> None:
        if form[f"{self.allowance}_granted"].data != "yes":
            field.errors[:] = []
            raise StopValidation()
        if self.month:
            if not field.data:
                raise StopValidation(str(messages.CHOOSE_FIRST_MONTH[self.allowance]))
            return
        if is_blank(field.data or ""):
            raise StopValidation(str(messages.ENTER_MONTHLY_AMOUNT[self.allowance]))
        amount = parse_amount(normalise_digits(field.data).replace("元", "").replace(",", ""))
        if amount is None:
            raise StopValidation(str(messages.MONTHLY_AMOUNT_FORMAT))
        field.data = str(amount)


AMOUNT_LABELS = {"living": _l("Living allowance: amount per month, in yuan (if granted)"),
                 "care": _l("Care allowance: amount per month, in yuan (if granted)")}
FIRST_MONTH_LABELS = {"living": _l("Living allowance: first month paid (if granted)"),
                      "care": _l("Care allowance: first month paid (if granted)")}


def _allowance_fields(allowance: str, name: Any) -> dict[str, Any]:
    return {
        f"{allowance}_granted": RadioField(
            name, choices=[("yes", _l("Grant it")), ("no", _l("Do not grant it"))],
            validators=[AllowanceGranted(allowance)]),
        f"{allowance}_amount": StringField(
            AMOUNT_LABELS[allowance],
            description=_l("As the county's standard sets it, like 120 or 87.50."),
            validators=[WhenGranted(allowance)],
            render_kw={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}),
        f"{allowance}_first_month": SelectField(
            FIRST_MONTH_LABELS[allowance],
            description=_l("Counted from the month of application at the earliest."),
            validators=[WhenGranted(allowance, month=True)]),
    }


ALLOWANCE_NAMES = {"living": _l("Living allowance for disabled people in financial difficulty"),
                   "care": _l("Care allowance for people with a severe disability")}


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
    # Only for the steps that add an opinion to the file (OPINION_LABELS); removed elsewhere.
    opinion_phrase = RadioField(validators=[Optional()])
    opinion = TextAreaField(
        filters=[strip_text],
        validators=[Opinion(), Length(max=REASON_MAX, message=messages.REASON_TOO_LONG)],
        render_kw=NO_MAXLENGTH | {"rows": 3},
    )

    def allowance_decisions(self) -> list[AllowanceDecision]:
        """Each claimed allowance's decision, once the form is valid."""
        return [AllowanceDecision(
            allowance=allowance, granted=self[f"{allowance}_granted"].data == "yes",
            monthly_amount=parse_amount(self[f"{allowance}_amount"].data or "")
            if self[f"{allowance}_granted"].data == "yes" else None,
            first_month=date.fromisoformat(self[f"{allowance}_first_month"].data)
            if self[f"{allowance}_granted"].data == "yes" else None)
            for allowance in ALLOWANCE_NAMES if f"{allowance}_granted" in self]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        granted = [f"{a}_granted" for a in ALLOWANCE_NAMES if f"{a}_granted" in self]
        if valid and granted and not any(self[name].data == "yes" for name in granted):
            self[granted[0]].errors = [str(messages.GRANT_ONE_OR_REFUSE)]
            return False
        return valid

    def opinion_text(self) -> str | None:
        """The opinion as the file keeps it: the standard phrase in Chinese, then own words."""
        if "opinion" not in self:
            return None
        phrase = next((p for p in standard_opinions_for_choice(self.opinion_phrase.choices)
                       if p.code == self.opinion_phrase.data), None)
        with force_locale("zh_Hans_CN"):
            parts = [str(phrase.text)] if phrase is not None else []
        if self.opinion.data:
            parts.append(self.opinion.data)
        return "\n".join(parts) or None


for _allowance, _name in ALLOWANCE_NAMES.items():
    for _field_name, _field in _allowance_fields(_allowance, _name).items():
        setattr(TransitionForm, _field_name, _field)
ALLOWANCE_FIELDS = tuple(f"{a}_{part}" for a in ALLOWANCE_NAMES
                         for part in ("granted", "amount", "first_month"))


def transition_form(name: str, *, formdata: Any = None, version: int,
                    service_code: str = "", allowances: Sequence[str] = (),
                    first_months: Sequence[date] = ()) -> TransitionForm:
    """``allowances``: for approving the two subsidies, those claimed, each decided on its own;
    ``first_months``: the months the first payment may be in."""
    form = TransitionForm(formdata=formdata, data={"version": version})
    deciding = name == "approve" and bool(allowances)
    for field_name in ALLOWANCE_FIELDS:
        if not deciding or field_name.split("_", 1)[0] not in allowances:
            del form[field_name]
        elif field_name.endswith("_first_month"):
            form[field_name].choices = [("", _l("Choose a month"))] + [
                (month.isoformat(), format_date(month, "yyyy-MM")) for month in first_months]
    form.standard_reasons.choices = [(reason.code, reason.text)
                                     for reason in standard_reasons(service_code, name)]
    if name in OPINION_LABELS:
        legend, own_words = OPINION_LABELS[name]
        form.opinion_phrase.label.text = legend
        form.opinion_phrase.description = OPINION_HINT
        form.opinion_phrase.choices = [(phrase.code, phrase.text)
                                       for phrase in standard_opinions(name)] + \
            [(OWN_OPINION, _l("My own words, below"))]
        form.opinion.label.text = own_words
    else:
        del form["opinion_phrase"]
        del form["opinion"]
    give_ids(form, name)
    form.reason.label.text = REASON_LABELS.get(name, "")
    hint = REASON_HINTS.get(name)
    form.reason.description = f"{hint} {WRITTEN_AS_IS}" if hint else ""
    return form


def standard_opinions_for_choice(choices: Any) -> list[StandardReason]:
    codes = {str(choice[0]) for choice in choices or ()}
    return [phrase for phrases in STANDARD_OPINIONS.values() for phrase in phrases
            if phrase.code in codes]


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
