"""Forms for counter mode (窗口): find or register a person, record an agent, confirm requests.
Their error messages are in the one catalogue, error_messages.py.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, ValidationError
from wtforms.validators import InputRequired, Length, Optional

from app.forms import error_messages as messages
from app.forms.fields import full_name_field, mobile_field
from app.forms.validators import MobileNumber, OptionalPhoneNumber, ResidentIdNumberValidator
from app.web.forms.agents import ID_NUMBER_HINT, RELATIONSHIP_CHOICES

# Error messages used only by counter pages.
# Shown beside the ID number when the person is already registered (a second registration).
# Shown beside the ID number when the person lives outside the staff member's area.
# The same, when the record has no place in the catalogue (an agent's request from outside Jilin).

# ID numbers are not a personal field of the person using the form: no autocomplete token.
_ID_NUMBER_ATTRIBUTES = {"inputmode": "text", "spellcheck": "false",
                         "autocapitalize": "characters"}


class FindPersonForm(FlaskForm):
    id_number = StringField(_l("ID card number"), description=ID_NUMBER_HINT,
                            validators=[ResidentIdNumberValidator()],
                            render_kw=_ID_NUMBER_ATTRIBUTES)


class RegisterPersonForm(FlaskForm):
    full_name = full_name_field(_l("Full name, as on the ID card"), messages.ENTER_PERSON_NAME)
    id_number = StringField(_l("ID card number"), description=ID_NUMBER_HINT,
                            validators=[ResidentIdNumberValidator()],
                            render_kw=_ID_NUMBER_ATTRIBUTES)
    phone = mobile_field(
        _l("Phone number (optional)"),
        description=_l("The person's own number. A mobile number gets text messages about "
                       "their applications, for example 139 0431 0001; a landline needs its "
                       "area code, for example 0431-88888888."),
        validators=[OptionalPhoneNumber()])
    township_code = SelectField(_l("Township or street"),
                                validators=[InputRequired(messages.CHOOSE_PERSON_TOWNSHIP)])
    address_line = StringField(
        _l("Address (optional)"),
        description=_l("Village or community, street, building and room."),
        validators=[Optional(), Length(max=200, message=messages.ADDRESS_TOO_LONG)],
    )
    # 户籍 decides which county handles their applications (app/domain/casework/jurisdiction.py).
    hukou_county = SelectField(
        _l("County, city or district of the household register (hukou)"),
        description=_l("As in the household register booklet. It decides which county handles "
                       "the person's applications."),
        validators=[InputRequired(messages.CHOOSE_PERSON_HUKOU_COUNTY)])


class RecordHukouForm(FlaskForm):
    """One question: the 户籍 county of a person already on record."""

    hukou_county = SelectField(
        _l("In which county, city or district is the person's household registered (hukou)?"),
        description=_l("As in the household register booklet. Applications sent from now on go "
                       "to this county. Applications already sent stay with the county that "
                       "has them."),
        validators=[InputRequired(messages.CHOOSE_PERSON_HUKOU_COUNTY)])


class RecordAgentForm(FlaskForm):
    agent_name = full_name_field(_l("Agent's full name"), messages.ENTER_AGENT_NAME)
    agent_phone = mobile_field(_l("Agent's mobile number"),
                               description=_l("For example 139 0431 0001."),
                               validators=[MobileNumber()])
    relationship = RadioField(_l("How is the agent related to the person?"),
                              choices=RELATIONSHIP_CHOICES,
                              validators=[InputRequired(messages.CHOOSE_AGENT_RELATIONSHIP)])
    consent = BooleanField(
        _l("The person agrees that this agent acts for them, or, for a guardian, I have seen "
           "proof of guardianship"),
        validators=[InputRequired(messages.CONFIRM_AGENT_CONSENT)],
    )


DECISIONS = ("confirm", "decline")


class AgentRequestForm(FlaskForm):
    proof_seen = BooleanField(_l("I have seen proof that this person may act for them"))
    # Sent by the button pressed (name="decision", see DECISIONS); never rendered as a field.
    decision = StringField()

    def validate_proof_seen(self, field: BooleanField) -> None:
        # Only confirming needs the proof: a request can be declined without it.
        if self.decision.data == "confirm" and not field.data:
            raise ValidationError(str(messages.CONFIRM_PROOF_SEEN))


class VerifyOnlineAccountForm(FlaskForm):
    """Staff saw the ID card of the person in front of them, who holds this online account."""

    phone = mobile_field(_l("Mobile number of the person's online account"),
                         description=_l("Ask the person for the number they sign in with. For "
                                        "example 139 0431 0001."),
                         validators=[MobileNumber()])
    id_card_seen = BooleanField(
        _l("I have seen the person's ID card, and the person in front of me holds this account"),
        validators=[InputRequired(messages.CONFIRM_ID_CARD_SEEN)])
