"""残疾评定: a first assessment for a new card, a re-assessment, or a change of category or level.

People on a low income or with a severe disability can get help with the cost (评定补贴); an
applicant who cannot travel can ask for a home visit. A guardian applying for a child uses the
agent or counter routes like any other service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length

from app.forms import error_messages as messages
from app.services import shared_steps as shared
from app.services.model import (
    Advice,
    Answers,
    DocumentRequirement,
    ServiceDefinition,
    Stage,
    Step,
    StepContext,
)
from app.services.texts import DISABILITY_ASSESSMENT

NEW_CARD = "new"
KINDS_WITH_A_CARD = frozenset({"reassessment", "change"})


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class AssessmentKindForm(FlaskForm):
    kind = RadioField(
        _l("What kind of assessment are you applying for?"),
        choices=[(NEW_CARD, _l("A first assessment, to get a disability card")),
                 ("reassessment", _l("A re-assessment, for someone who already has a card")),
                 ("change", _l("A change of the category or level on the card"))],
        validators=[InputRequired(messages.CHOOSE_ASSESSMENT_KIND)],
    )


def assessment_kind(answers: Answers) -> str | None:
    return shared.answer(answers, "assessment_kind", "kind")


def has_a_card(_context: StepContext, answers: Answers) -> bool:
    """Only a re-assessment or a change is about an existing card; a first assessment is not."""
    return assessment_kind(answers) in KINDS_WITH_A_CARD


class DisabilityKindForm(FlaskForm):
    disability = RadioField(
        _l("Which kind of disability should be assessed?"),
        description=_l("For a change of category, choose the kind you think is right now. If "
                       "the applicant has more than one, choose multiple disabilities."),
        choices=[("vision", _l("Visual disability: difficulty seeing")),
                 ("hearing", _l("Hearing disability: difficulty hearing")),
                 ("speech", _l("Speech disability: difficulty speaking")),
                 ("physical", _l("Physical disability: difficulty moving the body or limbs")),
                 ("intellectual", _l("Intellectual disability: difficulty learning and "
                                     "understanding")),
                 ("mental", _l("Mental disability: a long-term mental illness")),
                 ("multiple", _l("Multiple disabilities: more than one of these"))],
        validators=[InputRequired(messages.CHOOSE_DISABILITY_KIND)],
    )


class TravelForm(FlaskForm):
    can_travel = RadioField(
        _l("Can the applicant travel to the assessment centre?"),
        description=_l("The assessment takes place at a hospital or centre chosen by the "
                       "disability federation."),
        choices=[("yes", _l("Yes, on their own or with help")),
                 ("no", _l("No, they need a home visit"))],
        validators=[InputRequired(messages.CHOOSE_CAN_TRAVEL)],
    )


def needs_home_visit(_context: StepContext, answers: Answers) -> bool:
    return shared.answer(answers, "travel", "can_travel") == "no"


class HomeVisitForm(FlaskForm):
    reason = RadioField(
        _l("Why can the applicant not travel to the assessment centre?"),
        description=_l("An assessor can visit the applicant at home instead."),
        choices=[("bedridden", _l("They cannot get out of bed")),
                 ("housebound", _l("They cannot leave home because of their disability or "
                                   "illness")),
                 ("other", _l("Another reason"))],
        validators=[InputRequired(messages.CHOOSE_HOME_VISIT_REASON)],
    )
    details = TextAreaField(
        _l("What should the assessor know before the visit?"),
        description=_l("Optional, unless you chose another reason. For example, which floor "
                       "the home is on, or the best time to visit."),
        filters=[_strip],
        validators=[Length(max=500, message=messages.TEXT_TOO_LONG)],
    )

    def validate_details(self, field: TextAreaField) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(str(messages.DESCRIBE_HOME_VISIT_REASON))


# The eligibility pre-check: anyone can apply; the subsidy is for low-income or severe cases.
class PrecheckForm(FlaskForm):
    kind = AssessmentKindForm.kind
    card_level = RadioField(
        _l("If you have a disability card, what level is written on it?"),
        choices=[("1", _l("Level 1")), ("2", _l("Level 2")), ("3", _l("Level 3")),
                 ("4", _l("Level 4")), ("unknown", _l("I have a card but do not know the level")),
                 ("none", _l("I have no card yet"))],
        validators=[InputRequired(messages.CHOOSE_CARD_LEVEL)],
    )
    # Its own field, so it comes where it is written (fields keep their order of creation).
    household = RadioField(_l("Which describes your household?"),
                           choices=shared.HOUSEHOLD_CHOICES,
                           validators=[InputRequired(messages.CHOOSE_HOUSEHOLD)])


SUBSIDY_BECAUSE_OF_HOUSEHOLD = {
    "dibao": _l("You can get help with the cost of the assessment because your household gets "
                "minimum living support."),
    "dibao_edge": _l("You can get help with the cost of the assessment because your household "
                     "is just above the minimum living support line."),
    "tekun": _l("You can get help with the cost of the assessment because your household gets "
                "support for people in extreme poverty."),
    "low_income": _l("You can get help with the cost of the assessment because your household "
                     "has a low income."),
}


def precheck(answers: Mapping[str, Any]) -> list[Advice]:
    advice: list[Advice] = []
    if answers.get("kind") in KINDS_WITH_A_CARD and answers.get("card_level") == "none":
        advice.append(Advice(False, _l(
            "A re-assessment or a change is for people who already have a disability card. "
            "Without a card, apply for a first assessment.")))
    elif answers.get("kind") == NEW_CARD and answers.get("card_level") != "none":
        advice.append(Advice(False, _l(
            "You already have a disability card, so apply for a re-assessment or a change "
            "rather than a first assessment.")))
    else:
        advice.append(Advice(True, _l(
            "You can apply: any resident of Jilin Province can ask for a disability assessment, "
            "and a parent or guardian can apply for a child.")))
    household = answers.get("household")
    if household in SUBSIDY_BECAUSE_OF_HOUSEHOLD:
        advice.append(Advice(True, SUBSIDY_BECAUSE_OF_HOUSEHOLD[household]))
    elif answers.get("card_level") in ("1", "2"):
        advice.append(Advice(True, _l(
            "You can get help with the cost of the assessment because your card shows a severe "
            "disability, level 1 or 2.")))
    else:
        advice.append(Advice(False, _l(
            "Help with the cost of the assessment is for households on a low income and for "
            "people with a severe disability. If the assessment finds a severe disability, "
            "staff will tell you whether you can get it.")))
    return advice


SERVICE = ServiceDefinition(
    code=DISABILITY_ASSESSMENT.code,
    texts=DISABILITY_ASSESSMENT,
    steps=(
        shared.APPLICANT,
        shared.FULL_NAME,
        shared.ID_NUMBER,
        shared.CONFIRM_IDENTITY,
        Step("assessment_kind", AssessmentKindForm,
             _l("What kind of assessment are you applying for?"), heading_field="kind"),
        # A first assessment is for someone without a card: no card question at all. A
        # re-assessment or a change is asked the card number directly (same key as the shared
        # step, so the card is read back on the check page and kept on the person's record).
        Step("card_number", shared.CardNumberForm, _l("What is the disability card number?"),
             heading_field="card_number", applies=has_a_card),
        Step("disability_kind", DisabilityKindForm,
             _l("Which kind of disability should be assessed?"), heading_field="disability"),
        Step("travel", TravelForm, _l("Can the applicant travel to the assessment centre?"),
             heading_field="can_travel"),
        Step("home_visit", HomeVisitForm,
             _l("Why can the applicant not travel to the assessment centre?"),
             heading_field="reason", applies=needs_home_visit),
        *shared.CONTACT_STEPS,
        shared.HOUSEHOLD,
    ),
    documents=(
        DocumentRequirement("identity", _l("ID card or household register"),
                            _l("Both sides of the ID card, or the household register pages "
                               "with the applicant's details. Children can use the household "
                               "register.")),
        DocumentRequirement("photo", _l("A recent photo"),
                            _l("A 1-inch or 2-inch photo taken in the last 6 months, showing "
                               "the face clearly on a plain light background.")),
        DocumentRequirement("medical_records", _l("Medical records"),
                            _l("Hospital records, test results or a doctor's letter about the "
                               "disability. They help the assessor."),
                            required=False),
    ),
    declaration=(
        _l("The information I have given is true and complete."),
        _l("The person who goes to the assessment is the applicant named in this application."),
        _l("I will tell the office before the appointment if the applicant cannot come."),
        _l("I understand that a card obtained with false information will be cancelled."),
    ),
    stages=(
        Stage("appointment", _l("Appointment at a designated assessment institution")),
        Stage("assessment_result", _l("Assessment result")),
        Stage("card_issued", _l("Disability card issued")),
    ),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
