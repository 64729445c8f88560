"""Forms for counter mode (窗口): find or register a person, record an agent, confirm requests.

The error messages new to counter mode are written here once, each as a module constant (the
shared catalogue lives in error_messages.py; these belong only to counter pages).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, ValidationError
from wtforms.validators import InputRequired, Length, Optional

from app.web.forms import error_messages as messages
from app.web.forms.agents import ID_NUMBER_HINT, RELATIONSHIP_CHOICES
from app.web.forms.validators import MobileNumber, ResidentIdNumberValidator

# Error messages used only by counter pages.
CHOOSE_TOWNSHIP = _l("Choose the township or street where the person lives")
ADDRESS_TOO_LONG = _l("The address must be 200 characters or fewer")
ENTER_AGENT_NAME = _l("Enter the agent's full name")
CHOOSE_AGENT_RELATIONSHIP = _l("Choose how the agent is related to the person")
CONFIRM_AGENT_CONSENT = _l("Confirm that the person agrees, or that you have seen proof of "
                           "guardianship")
CONFIRM_PROOF_SEEN = _l("Confirm that you have seen the proof before you confirm the request")
# Shown beside the ID number when the person is already registered (a second registration).
ID_NUMBER_REGISTERED = _l("A person with this ID card number is already registered. Search for "
                          "the number to open their record")
# Shown beside the ID number when the person lives outside the staff member's area.
PERSON_IN_OTHER_AREA = _l("This person is registered in %(county)s, which is outside your area. "
                          "Ask them to go to a counter in %(county)s, or to apply online")
# The same, when the record has no place in the catalogue (an agent's request from outside Jilin).
PERSON_IN_UNKNOWN_AREA = _l("This person is registered, but not in your area. Call the service "
                            "hotline to find out where they can be helped")

# ID numbers are not a personal field of the person using the form: no autocomplete token.
_ID_NUMBER_ATTRIBUTES = {"inputmode": "text", "spellcheck": "false",
                         "autocapitalize": "characters"}


class OptionalMobileNumber(MobileNumber):
    """A mobile number checked only when one is given (no `required` flag on the control)."""

    field_flags = {}  # noqa: RUF012


class FindPersonForm(FlaskForm):
    id_number = StringField(_l("ID card number"), description=ID_NUMBER_HINT,
                            validators=[ResidentIdNumberValidator()],
                            render_kw=_ID_NUMBER_ATTRIBUTES)


class RegisterPersonForm(FlaskForm):
    full_name = StringField(
        _l("Full name, as on the ID card"),
        validators=[InputRequired(messages.ENTER_PERSON_NAME),
                    Length(max=50, message=messages.NAME_TOO_LONG)],
        render_kw={"spellcheck": "false"},
    )
    id_number = StringField(_l("ID card number"), description=ID_NUMBER_HINT,
                            validators=[ResidentIdNumberValidator()],
                            render_kw=_ID_NUMBER_ATTRIBUTES)
    phone = StringField(
        _l("Mobile number (optional)"),
        description=_l("The person's own number, for text messages about their applications. "
                       "For example 139 0431 0001."),
        validators=[Optional(), OptionalMobileNumber()],
        render_kw={"inputmode": "tel", "spellcheck": "false"},
    )
    township_code = SelectField(_l("Township or street"),
                                validators=[InputRequired(CHOOSE_TOWNSHIP)])
    address_line = StringField(
        _l("Address (optional)"),
        description=_l("Village or community, street, building and room."),
        validators=[Optional(), Length(max=200, message=ADDRESS_TOO_LONG)],
    )


class RecordAgentForm(FlaskForm):
    agent_name = StringField(
        _l("Agent's full name"),
        validators=[InputRequired(ENTER_AGENT_NAME),
                    Length(max=50, message=messages.NAME_TOO_LONG)],
        render_kw={"spellcheck": "false"},
    )
    agent_phone = StringField(_l("Agent's mobile number"),
                              description=_l("For example 139 0431 0001."),
                              validators=[MobileNumber()],
                              render_kw={"inputmode": "tel", "spellcheck": "false"})
    relationship = RadioField(_l("How is the agent related to the person?"),
                              choices=RELATIONSHIP_CHOICES,
                              validators=[InputRequired(CHOOSE_AGENT_RELATIONSHIP)])
    consent = BooleanField(
        _l("The person agrees that this agent acts for them, or, for a guardian, I have seen "
           "proof of guardianship"),
        validators=[InputRequired(CONFIRM_AGENT_CONSENT)],
    )


DECISIONS = ("confirm", "decline")


class AgentRequestForm(FlaskForm):
    proof_seen = BooleanField(_l("I have seen proof that this person may act for them"))
    # Sent by the button pressed (name="decision", see DECISIONS); never rendered as a field.
    decision = StringField()

    def validate_proof_seen(self, field: BooleanField) -> None:
        # Only confirming needs the proof: a request can be declined without it.
        if self.decision.data == "confirm" and not field.data:
            raise ValidationError(str(CONFIRM_PROOF_SEEN))
