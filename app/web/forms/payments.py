"""Forms of civil affairs' money pages (issue 22): a month's payment run, the bank's return
file, and an amount of the two subsidies with its source document."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.forms import error_messages as messages
from app.forms.fields import strip_text
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.forms.statistics import month_label, recent_months

FIRST_MONTH = date(2016, 1, 1)  # 国发〔2015〕52号 took effect: no amount before it
MOST_YUAN = Decimal(10000)


class RunMonthForm(FlaskForm):
    # Every option is a month (none empty), so no "required" in the markup: HTML forbids it
    # on a select whose first option is a real choice. The validator still refuses a missing one.
    month = SelectField(_l("Month to pay"),
                        description=_l("The roster holds every month owed up to this one."),
                        validators=[InputRequired(messages.CHOOSE_RUN_MONTH)],
                        render_kw={"required": False})


def run_month_form(today: date, formdata: Any = None) -> RunMonthForm:
    form = RunMonthForm(formdata=formdata, data={"month": today.strftime("%Y-%m")})
    form.month.choices = [(month, month_label(month)) for month in recent_months(today, 13)]
    return form


class ReturnFileForm(FlaskForm):
    return_file = FileField(
        _l("The bank's return file"),
        description=_l("A CSV or XLSX file with the columns payment, result, paid_on, reason: "
                       "one line for each payment of this roster, the result 成功 (paid) with "
                       "the date paid, or 失败 (failed) with the bank's reason."))


def parse_month(text: str) -> date | None:
    """A "YYYY-MM" month (full-width digits and 2026年7月 too), from 2016-01 on, or None."""
    typed = unicodedata.normalize("NFKC", text).strip().replace("年", "-").rstrip("月")
    typed = typed.replace("/", "-").replace(".", "-").replace(" ", "")
    year, _sep, month = typed.partition("-")
    if not (year.isdigit() and month.isdigit() and len(year) == 4 and 1 <= int(month) <= 12):
        return None
    chosen = date(int(year), int(month), 1)
    return chosen if FIRST_MONTH <= chosen <= date(2099, 12, 1) else None


def parse_yuan(text: str) -> Decimal | None:
    """An amount in yuan with at most 2 decimals, from 0 to 10,000, or None."""
    typed = unicodedata.normalize("NFKC", text).strip().removesuffix("元").strip()
    if not re.fullmatch(r"\d{1,5}(\.\d{1,2})?", typed):
        return None
    amount = Decimal(typed)
    return amount if amount <= MOST_YUAN else None


class _Month:
    def __call__(self, form: Any, field: Any) -> None:
        if field.data and parse_month(field.data) is None:
            raise ValidationError(str(messages.FROM_MONTH_FORMAT))


class _Yuan:
    def __call__(self, form: Any, field: Any) -> None:
        if field.data and parse_yuan(field.data) is None:
            raise ValidationError(str(messages.AMOUNT_YUAN_FORMAT))


class AmountForm(FlaskForm):
    place = SelectField(_l("Whose amount"),
                        validators=[InputRequired(messages.CHOOSE_AMOUNT_PLACE)])
    allowance = RadioField(_l("Allowance"),
                           choices=[(code, name) for code, name in ALLOWANCE_NAMES.items()],
                           validators=[InputRequired(messages.CHOOSE_AMOUNT_ALLOWANCE)])
    from_month = StringField(
        _l("First month paid at this amount"),
        description=_l("Year and month, like 2026-07. A month is paid at the amount in force "
                       "on its first day."),
        filters=[strip_text], validators=[DataRequired(messages.ENTER_FROM_MONTH), _Month()],
        render_kw={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"})
    monthly_amount = StringField(
        _l("Amount a month, in yuan"),
        description=_l("For a county: its top-up alone, paid on top of the province's "
                       "standard."),
        filters=[strip_text],
        validators=[DataRequired(messages.ENTER_AMOUNT_YUAN), _Yuan()],
        render_kw={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"})
    source = StringField(
        _l("Source document"),
        description=_l("The title and number of the document that sets it, like "
                       "吉民发〔2025〕26号."),
        filters=[strip_text],
        validators=[DataRequired(messages.ENTER_AMOUNT_SOURCE),
                    Length(max=200, message=messages.AMOUNT_SOURCE_TOO_LONG)],
        render_kw={"autocomplete": "off"})


def amount_form(places: list[tuple[str, str]], formdata: Any = None) -> AmountForm:
    form = AmountForm(formdata=formdata)
    form.place.choices = [("", _l("Choose the province or a county")), *places]
    return form


class MonthPaysForm(FlaskForm):
    """What a month pays in a county: a GET form that changes nothing."""

    class Meta:
        csrf = False

    county = SelectField(_l("County"))
    month = SelectField(_l("Month"))


def month_pays_form(counties: list[tuple[str, str]], months: list[tuple[str, str]],
                    county: str, month: str) -> MonthPaysForm:
    form = MonthPaysForm(formdata=None, data={"county": county, "month": month})
    form.county.choices, form.month.choices = counties, months
    return form
