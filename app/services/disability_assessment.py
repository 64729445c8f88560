"""残疾评定 and the disability card (残疾人证): the first question is the kind of card service.

《残疾人证管理办法》 (中国残联, 2017) and Jilin's published procedures:
- a first assessment for a new card (新办): 申请 → 受理 → 评定 at a designated hospital → 审核 →
  发证, with three recent 2-inch photos on a white background;
- 重新评定: the applicant disputes an assessment result, within 10 working days of getting it,
  at the city-level (市级) disability federation;
- a change of the category or level on the card (the disability has changed): a new assessment;
- renewal (换领): the card is valid for 10 years;
- reissue (补办) of a lost or damaged card: the new number ends B1, B2 …;
- transfer (迁移) when the household register moves; cancellation (注销), for example on death.

People on a low income or with a severe disability can get help with the cost of an assessment
(评定补贴); an applicant who cannot travel can ask for a home visit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField, ValidationError
from wtforms.validators import InputRequired

from app.domain.rules.service_rules import RULES, ServiceCode
from app.forms import error_messages as messages
from app.forms.fields import text_answer_field
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
from app.services.texts import DISABILITY_ASSESSMENT

NEW_CARD = "new"
DISPUTE = "reassessment"  # 重新评定: disputing a result
REISSUE = "reissue"
CANCELLATION = "cancellation"
TRANSFER = "transfer"
RENEWAL = "renewal"
# Kinds that need an assessment at a designated hospital (the domain's stages follow the same).
ASSESSMENT_KINDS = RULES[ServiceCode.DISABILITY_ASSESSMENT].assessed_kinds or frozenset()
# Kinds about a card the applicant holds, whose number is asked. A lost card's number is not:
# staff find it from the ID number.
KINDS_WITH_A_CARD = frozenset({"change", RENEWAL, TRANSFER, CANCELLATION})


class AssessmentKindForm(FlaskForm):
    kind = RadioField(
        _l("What do you need?"),
        choices=[(NEW_CARD, _l("A first assessment, to get a disability card")),
                 (DISPUTE, _l("A new assessment, because the applicant disagrees with the "
                              "result of an assessment")),
                 ("change", _l("A change of the category or level on the card, because the "
                               "disability has changed")),
                 (RENEWAL, _l("A new card, because the card is more than 10 years old")),
                 (REISSUE, _l("A replacement for a lost or damaged card")),
                 (TRANSFER, _l("Moving the card, because the household register has moved")),
                 (CANCELLATION, _l("Cancelling the card"))],
        validators=[InputRequired(messages.CHOOSE_ASSESSMENT_KIND)],
    )
    new_card_from: date | None = None  # set by prepare_kind from the person's record

    def validate_kind(self, field: RadioField) -> None:
        # 第二十四条: a cancelled card bars a new application for a year; the other card
        # services (a change, 重新评定 ...) are about a card held and are not barred.
        if field.data == NEW_CARD and self.new_card_from is not None:
            raise ValidationError(messages.NEW_CARD_NOT_YET % {
                "date": format_date(self.new_card_from, "long")})


def prepare_kind(form: FlaskForm, context: StepContext, _answers: Answers) -> None:
    if isinstance(form, AssessmentKindForm):
        form.new_card_from = context.person.new_card_from if context.person else None


def assessment_kind(answers: Answers) -> str | None:
    return shared.answer(answers, "assessment_kind", "kind")


def has_a_card(_context: StepContext, answers: Answers) -> bool:
    """A change, renewal, transfer or cancellation is about the card the applicant holds."""
    return assessment_kind(answers) in KINDS_WITH_A_CARD


def is_assessed(_context: StepContext, answers: Answers) -> bool:
    """A first assessment, a disputed result or a change: a designated hospital assesses."""
    return assessment_kind(answers) in ASSESSMENT_KINDS


def is_kind(kind: str):  # type: ignore[no-untyped-def]
    def applies(_context: StepContext, answers: Answers) -> bool:
        return assessment_kind(answers) == kind
    return applies


class DisputeForm(FlaskForm):
    within_time = RadioField(
        _l("Did the applicant get the result within the last 10 working days?"),
        description=_l("A new assessment because of a disagreement is asked for within 10 "
                       "working days of getting the result. The city disability federation "
                       "decides it. Staff will tell the applicant if it is too late."),
        choices=shared.YES_NO, validators=[InputRequired(messages.CHOOSE_DISPUTE_IN_TIME)])
    reason = text_answer_field(_l("Why does the applicant disagree with the result?"),
                               required_message=messages.DESCRIBE_DISPUTE)


class ReissueForm(FlaskForm):
    reason = RadioField(
        _l("What happened to the card?"),
        description=_l("The new card has a new number: the old number with B1 added, or B2 for "
                       "a second replacement."),
        choices=[("lost", _l("It is lost")), ("damaged", _l("It is damaged"))],
        validators=[InputRequired(messages.CHOOSE_REISSUE_REASON)])


def card_damaged(_context: StepContext, answers: Answers) -> bool:
    return assessment_kind(answers) == REISSUE and \
        shared.answer(answers, "reissue", "reason") == "damaged"


class CancellationForm(FlaskForm):
    reason = RadioField(
        _l("Why should the card be cancelled?"),
        # 《残疾人证管理办法》第二十四条 gives these two grounds and no other.
        choices=[("died", _l("The card holder has died")),
                 ("no_longer_meets_standard",
                  _l("An assessment by a designated institution found that the card holder no "
                     "longer meets the disability standard"))],
        validators=[InputRequired(messages.CHOOSE_CANCELLATION_REASON)])


def holder_died(_context: StepContext, answers: Answers) -> bool:
    return assessment_kind(answers) == CANCELLATION and \
        shared.answer(answers, "cancellation", "reason") == "died"


def needs_photos(_context: StepContext, answers: Answers) -> bool:
    """Every kind that ends with a new card printed."""
    return assessment_kind(answers) not in (TRANSFER, CANCELLATION)


def brings_the_card(_context: StepContext, answers: Answers) -> bool:
    return has_a_card(_context, answers) or card_damaged(_context, answers)


def is_assessed_and_needs_visit(context: StepContext, answers: Answers) -> bool:
    return is_assessed(context, answers) and needs_home_visit(context, answers)


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
    details = text_answer_field(
        _l("What should the assessor know before the visit?"),
        description=_l("Optional, unless you chose another reason. For example, which floor "
                       "the home is on, or the best time to visit."))

    def validate_details(self, field: TextAreaField) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(str(messages.DESCRIBE_HOME_VISIT_REASON))


# The eligibility pre-check: anyone can apply; the subsidy is for low-income or severe cases.
class PrecheckForm(FlaskForm):
    kind = AssessmentKindForm.kind
    card_level = RadioField(
        _l("If you have a disability card, what level is written on it?"),
        choices=[*shared.CARD_LEVEL_CHOICES,
                 ("unknown", _l("I have a card but do not know the level")),
                 ("none", _l("I have no card yet"))],
        validators=[InputRequired(messages.CHOOSE_CARD_LEVEL)],
    )
    household = shared.precheck_household_field()


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
    kind = answers.get("kind")
    if kind in KINDS_WITH_A_CARD | {REISSUE} and answers.get("card_level") == "none":
        advice.append(Advice(False, _l(
            "This is for people who already have a disability card. Without a card, apply for "
            "a first assessment.")))
    elif kind == DISPUTE:
        advice.append(Advice(True, _l(
            "You can ask for a new assessment if you disagree with the result. Ask within 10 "
            "working days of getting the result: the city disability federation decides.")))
    elif kind in (RENEWAL, REISSUE, TRANSFER, CANCELLATION):
        advice.append(Advice(True, _l(
            "You can apply: the county disability federation deals with the card. Bring the "
            "documents it lists when you apply.")))
    elif kind == NEW_CARD and answers.get("card_level") != "none":
        advice.append(Advice(False, _l(
            "You already have a disability card, so apply for a re-assessment or a change "
            "rather than a first assessment.")))
    else:
        advice.append(Advice(True, _l(
            "You can apply: any resident of Jilin Province can ask for a disability assessment, "
            "and a parent or guardian can apply for a child.")))
    household = answers.get("household")
    if kind not in ASSESSMENT_KINDS:
        return advice  # no assessment, so no help with its cost to explain
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
        Step("assessment_kind", AssessmentKindForm, _l("What do you need?"),
             heading_field="kind", prepare=prepare_kind,
             clears=("dispute", "reissue", "cancellation")),
        # A first assessment is for someone without a card: no card question at all. A card
        # the applicant holds is asked directly (same key as the shared step, so the card is
        # read back on the check page and kept on the person's record).
        Step("card_number", shared.CardNumberForm, _l("What is the disability card number?"),
             heading_field="card_number", applies=has_a_card),
        Step("dispute", DisputeForm, _l("The result the applicant disagrees with"),
             applies=is_kind(DISPUTE)),
        Step("reissue", ReissueForm, _l("What happened to the card?"), heading_field="reason",
             applies=is_kind(REISSUE)),
        Step("cancellation", CancellationForm, _l("Why should the card be cancelled?"),
             heading_field="reason", applies=is_kind(CANCELLATION)),
        Step("disability_kind", DisabilityKindForm,
             _l("Which kind of disability should be assessed?"), heading_field="disability",
             applies=is_assessed),
        Step("travel", TravelForm, _l("Can the applicant travel to the assessment centre?"),
             heading_field="can_travel", applies=is_assessed),
        Step("home_visit", HomeVisitForm,
             _l("Why can the applicant not travel to the assessment centre?"),
             heading_field="reason", applies=is_assessed_and_needs_visit),
        *shared.CONTACT_STEPS,
        Step(shared.HOUSEHOLD.key, shared.HOUSEHOLD.form, shared.HOUSEHOLD.title,
             heading_field=shared.HOUSEHOLD.heading_field, applies=is_assessed),
    ),
    documents=(
        DocumentRequirement("identity", _l("ID card or household register"),
                            _l("Both sides of the ID card, or the household register pages "
                               "with the applicant's details. Children can use the household "
                               "register.")),
        DocumentRequirement("photo", _l("Three 2-inch photos on a white background"),
                            _l("Taken in the last 6 months, showing the face clearly. Add a "
                               "scan of one here and bring the three photos to the counter, or "
                               "bring them all later."),
                            applies=needs_photos),
        DocumentRequirement("disability_card", _l("Disability card"),
                            _l("The card the applicant holds: a photo or scan of the page with "
                               "the number, category and level. Bring the card itself to the "
                               "counter."),
                            applies=brings_the_card),
        DocumentRequirement("assessment_result", _l("The assessment result"),
                            _l("The result letter or form the applicant disagrees with."),
                            applies=is_kind(DISPUTE)),
        DocumentRequirement("new_household_register", _l("The household register at the new "
                                                         "address"),
                            _l("The page of the household register with the applicant's new "
                               "address."),
                            applies=is_kind(TRANSFER)),
        DocumentRequirement("death_certificate", _l("Death certificate"),
                            _l("The medical death certificate, or the cancellation of the "
                               "household registration."),
                            applies=holder_died),
        DocumentRequirement("medical_records", _l("Medical records"),
                            _l("Hospital records, test results or a doctor's letter about the "
                               "disability. They help the assessor."),
                            applies=is_assessed, required=False),
        *shared.AGENT_DOCUMENTS,
    ),
    declaration=(
        shared.TRUE_AND_COMPLETE,
        Declaration(
            _l("The person who goes to the assessment is the applicant named in this "
               "application."),
            _l("The person who goes to the assessment is the applicant named in this "
               "application."),
            applies=is_assessed),
        Declaration(_l("I will tell the office before the appointment if I cannot come."),
                    _l("The applicant or their agent will tell the office before the appointment "
                       "if the applicant cannot come."),
                    applies=is_assessed),
        Declaration(
            _l("I understand that a card obtained with false information will be cancelled."),
            _l("The applicant understands that a card obtained with false information will be "
               "cancelled.")),
    ),
    stages=(
        Stage("appointment", _l("Appointment at a designated assessment institution")),
        Stage("assessment_result", _l("Assessment result")),
        Stage("card_issued", _l("Disability card issued")),
        Stage("card_transferred", _l("Disability card transferred to the new county")),
        Stage("card_cancelled", _l("Disability card cancelled")),
    ),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
