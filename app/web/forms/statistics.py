"""The month picker of the statistics pages: a GET form, so it works without JavaScript and the
chosen month stays in the address (bookmarks, the back button, printing)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

MONTHS_SHOWN = 36


def recent_months(today: date, count: int = MONTHS_SHOWN) -> list[str]:
    year, month = today.year, today.month
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found


def month_label(month: str) -> str:
    """The month in the page's language: 2026年2月, 2026년 2월, February 2026."""
    return format_skeleton("yMMMM", date(int(month[:4]), int(month[5:7]), 1),
                           locale=get_locale())


class MonthForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    month = SelectField(_l("Month"))


def month_form(today: date, chosen: str) -> MonthForm:
    form = MonthForm(formdata=None, data={"month": chosen})
    form.month.choices = [(month, month_label(month)) for month in recent_months(today)]
    return form
