"""Forms of civil affairs' rosters and invitations (issue 23)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.forms import error_messages as messages

NOTE_MAX = 1000
ROSTER_HINT = _l("A CSV or XLSX file whose first line is: %(columns)s.")


class RosterForm(FlaskForm):
    kind = RadioField(
        _l("Which roster is it?"),
        choices=[("dibao", _l("Minimum living support (dibao)")),
                 ("tekun", _l("Support for people in extreme poverty (tekun)"))],
        validators=[InputRequired(messages.CHOOSE_ROSTER_KIND)])
    # Not "required" in the markup: a required <select> must start with an empty option, and
    # every month offered is a valid answer (the latest is chosen when none is).
    month = SelectField(_l("Month"), validators=[InputRequired(messages.CHOOSE_ROSTER_MONTH)],
                        render_kw={"required": False})
    roster = FileField(_l("Roster file"))


class DeathRosterForm(FlaskForm):
    source = RadioField(
        _l("Who sent the list?"),
        choices=[("public_security", _l("Public security (household registration)")),
                 ("civil_affairs", _l("Civil affairs (funeral services)"))],
        validators=[InputRequired(messages.CHOOSE_DEATH_SOURCE)])
    roster = FileField(_l("List of deaths"))


class InviteForm(FlaskForm):
    """Only the button: the invitation's content comes from the comparison."""


class ContactForm(FlaskForm):
    outcome = RadioField(
        _l("What came of the contact?"),
        choices=[("will_apply", _l("They will apply")),
                 ("applied", _l("They have applied")),
                 ("declined", _l("They do not want to apply")),
                 ("not_reached", _l("We could not reach them")),
                 ("not_eligible", _l("They are not entitled after all"))],  # OUTCOME_WORDS
        validators=[InputRequired(messages.CHOOSE_CONTACT_OUTCOME)])
    note = TextAreaField(
        _l("Note (optional)"),
        description=_l("For colleagues: when and how you contacted them. The person does not "
                       "see it."),
        validators=[Optional(), Length(max=NOTE_MAX, message=messages.CONTACT_NOTE_TOO_LONG)],
        render_kw={"rows": 3, "maxlength": False})
