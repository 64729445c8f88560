"""家庭无障碍改造: changes to the home of a low-income household with a disabled member.

需求评估 → 方案 → 施工 → 验收, on a yearly number of places per county: a household may wait for
next year's places. Households with a severe or multiple disability, an older disabled person
(老残一体) or a disability with a long-term illness (残病一体) come first (吉林省"十四五"残疾人
保障和发展规划, 专栏 on 无障碍). A home that already had an age-friendly modification (适老化改造)
paid for by the government is not changed again. A rural home without a property certificate
(房产证) is shown by its homestead certificate (宅基地证) or a letter from the village committee;
the owner agrees in writing when the home is a relative's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField, ValidationError
from wtforms.validators import InputRequired

from app.forms import error_messages as messages
from app.forms.fields import MultiCheckboxField, text_answer_field
from app.forms.validators import NoneAlone, RequiredAnswer, whole_number
from app.services import shared_steps as shared
from app.services.model import (
    Advice,
    Answers,
    Declaration,
    DocumentRequirement,
    ServiceDefinition,
    Stage,
    Step,
    StepContext,
)
from app.services.texts import HOME_MODIFICATION

MOST_PEOPLE_IN_A_HOME = 20
# Homes where someone else's written consent is needed before anything is changed.
RENTED_HOMES = frozenset({"rent", "public"})


def _count(text: str | None) -> int | None:
    return whole_number(text, most=MOST_PEOPLE_IN_A_HOME)


class ResidentsForm(FlaskForm):
    people = StringField(
        _l("How many people live in the home, including the applicant?"),
        description=_l("A number from 1 to %(most)s, like 3.", most=MOST_PEOPLE_IN_A_HOME),
        validators=[RequiredAnswer(messages.ENTER_PEOPLE_IN_HOME)],
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )
    disabled_people = StringField(
        _l("How many of them have a disability?"),
        description=_l("Count the applicant too. It cannot be more than the people in the "
                       "home."),
        validators=[RequiredAnswer(messages.ENTER_DISABLED_IN_HOME)],
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )

    def validate_people(self, field: StringField) -> None:
        count = _count(field.data)
        if count is None or count < 1:
            raise ValidationError(str(messages.PEOPLE_IN_HOME_FORMAT))
        field.data = str(count)

    def validate_disabled_people(self, field: StringField) -> None:
        people = _count(self.people.data)
        if people is None or people < 1:
            people = MOST_PEOPLE_IN_A_HOME  # the people field explains its own mistake
        count = _count(field.data)
        if count is None or not 1 <= count <= people:
            raise ValidationError(str(messages.DISABLED_IN_HOME_FORMAT) % {"people": people})
        field.data = str(count)


class HomeForm(FlaskForm):
    home = RadioField(
        _l("Which describes the applicant's home?"),
        description=_l("If the home is rented, you will need the landlord's written consent to "
                       "the changes; if it belongs to a relative, the owner's."),
        choices=[("own", _l("The applicant or their family owns it")),
                 ("rent", _l("It is rented from a landlord")),
                 ("public", _l("It is public housing, rented from the government")),
                 ("family", _l("The applicant lives in a relative's home"))],
        validators=[InputRequired(messages.CHOOSE_HOME)],
    )


class PreviousModificationForm(FlaskForm):
    previous = RadioField(
        _l("Has the home already had age-friendly changes paid for by the government?"),
        description=_l("For example handrails or a bathroom changed for older people. A home "
                       "that has had them is usually not changed again under this programme."),
        choices=shared.YES_NO,
        validators=[InputRequired(messages.CHOOSE_PREVIOUS_MODIFICATION)],
    )


def owned_by_family(_context: StepContext, answers: Answers) -> bool:
    return shared.answer(answers, "home", "home") in ("own", "family")


HOME_PROOFS = {
    "property_certificate": (_l("The property certificate"),
                             _l("The property certificate (房产证 or 不动产权证) of the home.")),
    "homestead_certificate": (_l("The homestead certificate"),
                              _l("For a rural home: the homestead land use certificate "
                                 "(宅基地使用证).")),
    "village_letter": (_l("A letter from the village committee"),
                       _l("For a rural home without a certificate: a letter from the village "
                          "committee saying whose home it is.")),
}


class HomeProofForm(FlaskForm):
    proof = RadioField(
        _l("Which proof of the home do you have?"),
        choices=[("property_certificate", _l("A property certificate")),
                 ("homestead_certificate", _l("A rural homestead certificate")),
                 ("village_letter", _l("Neither: a rural home, the village committee can write "
                                       "a letter"))],
        validators=[InputRequired(messages.CHOOSE_HOME_PROOF)],
    )


def home_proof_is(kind: str):  # type: ignore[no-untyped-def]
    def applies(context: StepContext, answers: Answers) -> bool:
        return owned_by_family(context, answers) and \
            shared.answer(answers, "home_proof", "proof") == kind
    return applies


def home_is_rented(_context: StepContext, answers: Answers) -> bool:
    return shared.answer(answers, "home", "home") in RENTED_HOMES


def home_is_a_relatives(_context: StepContext, answers: Answers) -> bool:
    return shared.answer(answers, "home", "home") == "family"


class RoomsForm(FlaskForm):
    rooms = MultiCheckboxField(
        _l("Which parts of the home need changes?"),
        description=_l("Select all that apply."),
        choices=[("entrance", _l("Entrance and stairs")),
                 ("bathroom", _l("Bathroom and toilet")),
                 ("kitchen", _l("Kitchen")),
                 ("bedroom", _l("Bedroom")),
                 ("living_room", _l("Living room"))],
        validators=[InputRequired(messages.CHOOSE_ROOMS)],
    )


class ChangesForm(FlaskForm):
    changes = MultiCheckboxField(
        _l("What changes are needed?"),
        description=_l("Select all that apply. Someone will visit to agree the details with "
                       "the applicant."),
        choices=[("ramp", _l("A ramp")),
                 ("handrails", _l("Handrails")),
                 ("grab_bars", _l("Grab bars")),
                 ("wider_doors", _l("Wider doors")),
                 ("bathroom", _l("An accessible bathroom and toilet")),
                 ("kitchen", _l("An accessible kitchen")),
                 ("flashing_alerts", _l("A flashing doorbell and alarms, for deaf people")),
                 ("tactile_markings", _l("Tactile or high-contrast markings, for blind people")),
                 ("other", _l("Something else"))],
        validators=[InputRequired(messages.CHOOSE_CHANGES)],
    )
    details = text_answer_field(
        _l("Tell us more about what is needed"),
        description=_l("Optional, unless you chose something else. For example, which door is "
                       "too narrow, or where the applicant falls."))

    def validate_details(self, field: TextAreaField) -> None:
        if "other" in (self.changes.data or []) and not field.data:
            raise ValidationError(str(messages.DESCRIBE_OTHER_CHANGE))


class PriorityForm(FlaskForm):
    factors = MultiCheckboxField(
        _l("Do any of these apply to the applicant?"),
        description=_l("These households come first. Select all that apply."),
        choices=[("severe", _l("A severe disability, level 1 or 2")),
                 ("multiple", _l("More than one kind of disability")),
                 ("older", _l("An older person with a disability, or older people caring for "
                              "a disabled family member")),
                 ("long_term_illness", _l("A disability together with a long-term illness")),
                 ("none", _l("None of these"))],
        validators=[InputRequired(messages.CHOOSE_PRIORITY), NoneAlone(messages.PRIORITY_AND_NONE)],
    )


# The eligibility pre-check: a low-income household with a card holder; some come first.
class PrecheckForm(FlaskForm):
    has_card = RadioField(_l("Does someone in your household have a disability card?"),
                          choices=shared.YES_NO,
                          validators=[InputRequired(messages.CHOOSE_HOUSEHOLD_HAS_CARD)])
    household = shared.precheck_household_field()
    previous = RadioField(
        _l("Has your home already had age-friendly changes paid for by the government?"),
        choices=shared.YES_NO,
        validators=[InputRequired(messages.CHOOSE_PREVIOUS_MODIFICATION)],
    )
    priority = RadioField(
        _l("Do any of these apply to the disabled person?"),
        description=_l("A severe disability (level 1 or 2); more than one kind of disability; "
                       "aged 60 or over, or cared for by older parents; a long-term illness as "
                       "well as the disability."),
        choices=shared.YES_NO,
        validators=[InputRequired(messages.CHOOSE_PRIORITY_PRECHECK)],
    )


ELIGIBLE_BECAUSE_OF_HOUSEHOLD = {
    "dibao": _l("You can apply because your household gets minimum living support."),
    "dibao_edge": _l("You can apply because your household is just above the minimum living "
                     "support line."),
    "tekun": _l("You can apply because your household gets support for people in extreme "
                "poverty."),
    "low_income": _l("You can apply because your household has a low income."),
}


def precheck(answers: Mapping[str, Any]) -> list[Advice]:
    advice: list[Advice] = []
    if answers.get("has_card") != "yes":
        advice.append(Advice(False, _l(
            "Changes to the home are for households where someone has a disability card. They "
            "can apply for a disability assessment first.")))
    household = answers.get("household")
    if household in ELIGIBLE_BECAUSE_OF_HOUSEHOLD:
        advice.append(Advice(True, ELIGIBLE_BECAUSE_OF_HOUSEHOLD[household]))
    else:
        advice.append(Advice(False, _l(
            "Changes to the home are for households on minimum living support or another low "
            "income.")))
    if answers.get("previous") == "yes":
        advice.append(Advice(False, _l(
            "A home that has already had age-friendly changes paid for by the government is "
            "usually not changed again. Ask your township or street office if the disabled "
            "person needs something those changes did not cover.")))
    if answers.get("priority") == "yes":
        advice.append(Advice(True, _l(
            "Your household may come first because of the disabled person's situation: a severe "
            "or multiple disability, older age, or a long-term illness.")))
    else:
        advice.append(Advice(False, _l(
            "Households with a severe or multiple disability, an older disabled person or a "
            "long-term illness come first. Others may wait longer.")))
    return advice


SERVICE = ServiceDefinition(
    code=HOME_MODIFICATION.code,
    texts=HOME_MODIFICATION,
    steps=(
        *shared.IDENTITY_STEPS,
        *shared.CONTACT_STEPS,
        shared.HOUSEHOLD,
        Step("residents", ResidentsForm, _l("Who lives in the home?")),
        Step("home", HomeForm, _l("Which describes the applicant's home?"), heading_field="home",
             clears=("home_proof",)),
        Step("home_proof", HomeProofForm, _l("Which proof of the home do you have?"),
             heading_field="proof", applies=owned_by_family),
        Step("previous_modification", PreviousModificationForm,
             _l("Has the home already had age-friendly changes paid for by the government?"),
             heading_field="previous"),
        Step("rooms", RoomsForm, _l("Which parts of the home need changes?"),
             heading_field="rooms"),
        Step("changes", ChangesForm, _l("What changes are needed?"), heading_field="changes"),
        Step("priority", PriorityForm, _l("Do any of these apply to the applicant?"),
             heading_field="factors"),
    ),
    documents=(
        shared.disability_card_document(applies=shared.has_card),
        # One code, its title from the proof chosen: a file added stays when the answer changes.
        *(DocumentRequirement("home_proof", title, hint, applies=home_proof_is(kind))
          for kind, (title, hint) in HOME_PROOFS.items()),
        DocumentRequirement("home_proof", _l("The tenancy agreement"),
                            _l("The tenancy agreement, or for public housing the allocation "
                               "letter, with the address of the home."),
                            applies=home_is_rented),
        DocumentRequirement("owner_consent", _l("The owner's written consent"),
                            _l("A letter signed by the relative who owns the home, agreeing to "
                               "the changes, with a copy of their ID card."),
                            applies=home_is_a_relatives),
        DocumentRequirement("landlord_consent", _l("The landlord's written consent"),
                            _l("A letter signed by the landlord, or for public housing by the "
                               "housing management office, agreeing to the changes."),
                            applies=home_is_rented),
        *shared.AGENT_DOCUMENTS,
    ),
    declaration=(
        shared.TRUE_AND_COMPLETE,
        Declaration(
            _l("I agree that staff and builders may visit the home to plan the changes, do the "
               "works and check them."),
            _l("The applicant agrees that staff and builders may visit the home to plan the "
               "changes, do the works and check them.")),
        Declaration(_l("The landlord has agreed to the changes in writing."),
                    _l("The landlord has agreed to the changes in writing."),
                    applies=home_is_rented),
        Declaration(_l("The owner of the home has agreed to the changes in writing."),
                    _l("The owner of the home has agreed to the changes in writing."),
                    applies=home_is_a_relatives),
        Declaration(
            _l("I understand that the changes are made to a plan agreed with me."),
            _l("The applicant understands that the changes are made to a plan agreed with "
               "them.")),
    ),
    stages=(
        Stage("home_visit", _l("Home visit")),
        Stage("plan_agreed", _l("Plan agreed with the applicant")),
        Stage("works", _l("Works")),
        Stage("acceptance", _l("Works checked and accepted with the applicant")),
    ),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
