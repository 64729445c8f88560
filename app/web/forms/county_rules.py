"""The form for how a county runs two steps (issue 12): the 公示 of the two subsidies before the
civil-affairs decision, and its places for home modification this year and next."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, RadioField, StringField, ValidationError
from wtforms.validators import InputRequired

from app.domain.people.identity import normalise_digits
from app.domain.rules.county_rules import FEWEST_NOTICE_DAYS, MOST_NOTICE_DAYS, MOST_PLACES
from app.forms import error_messages as messages
from app.forms.validators import whole_number

NUMBER_BOX = {"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}


def _whole(field: Field) -> str:
    return normalise_digits(field.data or "").strip()


class NoticeDays:
    """Needed when the county publishes a notice; a whole number of days in range."""

    def __call__(self, form: Form, field: Field) -> None:
        typed = _whole(field)
        if form.public_notice.data != "yes" and not typed:
            field.data = ""
            return
        if not (typed.isascii() and typed.isdigit()):
            raise ValidationError(str(messages.ENTER_NOTICE_DAYS))
        days = whole_number(typed, most=MOST_NOTICE_DAYS)
        if days is None or days < FEWEST_NOTICE_DAYS:
            raise ValidationError(messages.NOTICE_DAYS_OUT_OF_RANGE % {"fewest": FEWEST_NOTICE_DAYS,
                                                              "most": MOST_NOTICE_DAYS})
        field.data = str(days)


class Places:
    """Empty means the county sets no limit; otherwise a whole number in range."""

    def __call__(self, form: Form, field: Field) -> None:
        typed = _whole(field)
        if not typed:
            field.data = ""
            return
        if not (typed.isascii() and typed.isdigit()):
            raise ValidationError(str(messages.ENTER_WHOLE_PLACES))
        places = whole_number(typed, most=MOST_PLACES)
        if places is None:
            raise ValidationError(messages.PLACES_OUT_OF_RANGE % {"most": MOST_PLACES})
        field.data = str(places)


class CountyProcessForm(FlaskForm):
    public_notice = RadioField(
        _l("Does the county publish a public notice of the two subsidies before the "
           "civil affairs decision?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        validators=[InputRequired(messages.CHOOSE_PUBLIC_NOTICE)])
    public_notice_days = StringField(
        _l("Days of the public notice"),
        description=_l("At least 7 days, counting the day it is put up."),
        validators=[NoticeDays()], render_kw=NUMBER_BOX)
    places_this_year = StringField(validators=[Places()], render_kw=NUMBER_BOX)
    places_next_year = StringField(validators=[Places()], render_kw=NUMBER_BOX)


def county_process_form(*, published: bool, days: int, places: dict[int, int], year: int,
                        formdata: object = None) -> CountyProcessForm:
    data = {"public_notice": "yes" if published else "no", "public_notice_days": str(days),
            "places_this_year": str(places[year]) if year in places else "",
            "places_next_year": str(places[year + 1]) if year + 1 in places else ""}
    form = CountyProcessForm(formdata=formdata, data=data)
    for field, shown_year in ((form.places_this_year, year), (form.places_next_year, year + 1)):
        field.label.text = _l("Home modification places in %(year)s", year=shown_year)
        field.description = _l("Leave it empty if the county sets no limit. When the places "
                               "are used up, households wait for the next year's places.")
    return form
