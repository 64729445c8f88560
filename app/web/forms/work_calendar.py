"""The form for a year of the holiday calendar: the State Council notice, as it lists the days."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import error_messages as messages
from app.forms.fields import strip_text

_DATES_HINT = _l("One date or range a line, as the notice lists them, like 2027-10-01 or "
                 "2027-10-01 to 2027-10-07. You can paste 10月1日至7日 too.")


class CalendarYearForm(FlaskForm):
    year = StringField(_l("Year"), filters=[strip_text],
                       validators=[DataRequired(messages.ENTER_CALENDAR_YEAR)],
                       render_kw={"inputmode": "numeric", "spellcheck": "false",
                                  "autocomplete": "off"})
    notice = StringField(
        _l("The State Council notice"),
        description=_l("Its title and number, like 国务院办公厅关于2027年部分节假日安排的通知 and "
                       "the 国办发明电 number."),
        filters=[strip_text],
        validators=[DataRequired(messages.ENTER_CALENDAR_NOTICE),
                    Length(max=200, message=messages.CALENDAR_NOTICE_TOO_LONG)],
        render_kw={"autocomplete": "off"})
    holidays = TextAreaField(_l("Public holidays"), description=_DATES_HINT,
                             render_kw={"rows": 8, "spellcheck": "false"})
    workdays = TextAreaField(
        _l("Make-up working days (调休)"),
        description=_l("The Saturdays and Sundays worked instead, one a line. Leave this empty if "
                       "the notice lists none."),
        render_kw={"rows": 4, "spellcheck": "false"})
