"""Forms for a resident's own details and for agents (代办人)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.domain.models import Relationship
from app.forms import error_messages as messages
from app.forms.fields import full_name_field, mobile_field
from app.forms.validators import MobileNumber, ResidentIdNumberValidator

ID_NUMBER_HINT = _l("18 characters, on the front of the ID card. The last one can be X.")
RELATIONSHIP_CHOICES = [
    (Relationship.FAMILY.value, _l("Family member")),
    (Relationship.GUARDIAN.value, _l("Guardian")),
    (Relationship.SUPPORTER.value, _l("Someone legally obliged to support them, such as an adult "
                                      "child")),
    (Relationship.OTHER.value, _l("Someone else they trust")),
]


def _id_number_field(label: str) -> StringField:
    return StringField(label, description=ID_NUMBER_HINT, validators=[ResidentIdNumberValidator()],
                       render_kw={"spellcheck": "false", "autocapitalize": "characters"})


class OwnDetailsForm(FlaskForm):
    full_name = full_name_field(_l("Your full name, as on your ID card"), messages.ENTER_NAME,
                                own_name=True)
    id_number = _id_number_field(_l("Your ID card number"))


class InviteAgentForm(FlaskForm):
    phone = mobile_field(
        _l("Their mobile number"),
        description=_l("We send them a text message. They accept after signing in with this "
                       "number."),
        validators=[MobileNumber()])
    relationship = RadioField(_l("How are they related to you?"), choices=RELATIONSHIP_CHOICES,
                              validators=[InputRequired(messages.CHOOSE_RELATIONSHIP)])


class RequestToActForm(FlaskForm):
    full_name = full_name_field(_l("Their full name, as on their ID card"),
                                messages.ENTER_PERSON_NAME)
    id_number = _id_number_field(_l("Their ID card number"))
    relationship = RadioField(_l("How are you related to them?"), choices=RELATIONSHIP_CHOICES,
                              validators=[InputRequired(messages.CHOOSE_RELATIONSHIP)])
    note = TextAreaField(
        _l("Why do you need to act for them? (optional)"),
        description=_l("For example: I am the court-appointed guardian of my adult son."),
        validators=[Length(max=500, message=messages.TEXT_TOO_LONG)],
    )
