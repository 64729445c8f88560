"""The form for a county's deadlines: working days per status, empty for the provincial default."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, StringField, ValidationError

from app.domain.calendar.deadlines import DEFAULT_WORKING_DAYS, FEWEST_DAYS, MOST_DAYS
from app.domain.models import ApplicationStatus as S
from app.domain.people.identity import normalise_digits
from app.forms import error_messages as messages

# What each deadline gives staff (or the applicant) time to do, in the words of the page.
DEADLINE_LABELS = {
    S.SUBMITTED: _l("Accept or return a new application"),
    S.ACCEPTED: _l("Start the review of an accepted application"),
    S.IN_REVIEW: _l("Review, then pass it for decision or ask for more information"),
    S.MORE_INFORMATION: _l("The applicant's time to send more information"),
    S.ASSESSING: _l("Each step of the assessment before the decision"),
    S.READY_FOR_DECISION: _l("Approve or refuse an application passed for decision"),
    S.APPROVED: _l("Start the service stages after approval"),
    S.IN_PROGRESS: _l("Each service stage"),
}


class WorkingDays:
    """Empty means the provincial default; otherwise a whole number in range (full-width too)."""

    def __call__(self, form: Form, field: Field) -> None:
        typed = normalise_digits(field.data or "").strip()
        if not typed:
            field.data = ""
            return
        if not typed.isdigit():
            raise ValidationError(str(messages.ENTER_WHOLE_DAYS))
        # Compared as text first: int() of thousands of digits is refused by Python itself.
        if len(typed) > len(str(MOST_DAYS)) or not FEWEST_DAYS <= int(typed) <= MOST_DAYS:
            raise ValidationError(str(messages.DAYS_OUT_OF_RANGE)
                                  % {"fewest": FEWEST_DAYS, "most": MOST_DAYS})
        field.data = str(int(typed))


def deadlines_form(current: Mapping[S, int], *, formdata: object = None) -> FlaskForm:
    """One field per timed status, named by the status, filled with the county's own numbers."""

    class CountyDeadlinesForm(FlaskForm):
        pass

    for status in DEFAULT_WORKING_DAYS:
        setattr(CountyDeadlinesForm, status.value, StringField(
            DEADLINE_LABELS[status],
            description=_l("Provincial deadline: %(days)s working days. Leave empty to use it.",
                           days=DEFAULT_WORKING_DAYS[status]),
            validators=[WorkingDays()],
            render_kw={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}))
    data = {status.value: str(days) for status, days in current.items()}
    return CountyDeadlinesForm(formdata=formdata, data=data)


def chosen_days(form: FlaskForm) -> dict[S, int | None]:
    return {status: int(form[status.value].data) if form[status.value].data else None
            for status in DEFAULT_WORKING_DAYS}
