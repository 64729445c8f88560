"""残疾人两项补贴: the living allowance and the care allowance.

Who may get which, and what excludes it, is app/domain/rules/eligibility_rules.py (国发〔2015〕52号
and each area's extensions as data); this module words it and asks for what staff need to apply it:
the long-term care need, other support that excludes an allowance, and the choice of the higher
care allowance (择高).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, ValidationError
from wtforms.validators import InputRequired

from app.domain.rules import eligibility_rules as rules
from app.domain.rules.eligibility_rules import AllowanceFacts, Reason
from app.forms import error_messages as messages
from app.forms.fields import BankAccountFields, MultiCheckboxField
from app.forms.validators import NoneAlone
from app.services import shared_steps as shared
from app.services.disability_assessment import DisabilityKindForm
from app.services.model import (
    Advice,
    Answers,
    Declaration,
    DocumentRequirement,
    ServiceDefinition,
    Stage,
    Step,
    StepContext,
    StepForm,
)
from app.services.texts import TWO_SUBSIDIES


class AllowancesForm(FlaskForm):
    allowances = MultiCheckboxField(
        _l("Which allowances are you applying for?"),
        description=_l("Select all that apply."),
        choices=[("living", _l("Living allowance, for disabled people on a low income")),
                 ("care", _l("Care allowance, for people with a severe disability who need "
                             "care"))],
        validators=[InputRequired(messages.CHOOSE_ALLOWANCE)],
    )


def claims(answers: Mapping[str, Any], allowance: str) -> bool:
    return allowance in shared.answer(answers, "allowances", "allowances", [])


def claims_care(_context: StepContext, answers: Answers) -> bool:
    return claims(answers, "care")


def claims_living(_context: StepContext, answers: Answers) -> bool:
    return claims(answers, "living")


LONG_TERM_CARE_QUESTION = _l("Has the applicant needed someone to look after them in daily life "
                             "for 6 months or more, and will they go on needing it?")


class CareNeedForm(FlaskForm):
    long_term_care = RadioField(
        LONG_TERM_CARE_QUESTION,
        description=_l("For example help to eat, wash, dress, use the toilet or move about. The "
                       "care allowance is for a long-term need of 6 months or more."),
        choices=shared.YES_NO, validators=[InputRequired(messages.CHOOSE_LONG_TERM_CARE)])


OTHER_SUPPORT_CHOICES = [
    ("orphan", _l("Basic living support for orphans")),
    ("work_injury_care", _l("The care allowance of work-injury insurance")),
    ("old_age_care", _l("A care allowance for older people")),
    ("duty_disability_care", _l("A care allowance for a disability from an injury on duty")),
    ("retired_care", _l("A care allowance for retired veteran cadres")),
    ("none", _l("None of these")),
]


class OtherSupportForm(FlaskForm):
    support = MultiCheckboxField(
        _l("Does the applicant get any of these?"),
        description=_l("Some support cannot be paid together with these allowances. Select all "
                       "that apply."),
        choices=OTHER_SUPPORT_CHOICES,
        validators=[InputRequired(messages.CHOOSE_OTHER_SUPPORT),
                    NoneAlone(messages.OTHER_SUPPORT_AND_NONE)])


def other_support(answers: Answers) -> frozenset[str]:
    return frozenset(shared.answer(answers, "other_support", "support", [])) - {"none"}


def must_choose_higher(_context: StepContext, answers: Answers) -> bool:
    return claims(answers, "care") and bool(other_support(answers) & rules.CHOOSE_HIGHER)


class ChooseHigherForm(FlaskForm):
    choice = RadioField(
        _l("Which care allowance should the applicant get?"),
        description=_l("A person can get only one care allowance. If the other one is higher, "
                       "it is usually better to keep it. Staff check the amounts and tell the "
                       "applicant before anything changes."),
        choices=[("disability_care", _l("The care allowance for severe disability, instead "
                                        "of the other one")),
                 ("keep_other", _l("Keep the other care allowance, and do not get this one")),
                 ("higher", _l("Whichever is higher: staff compare the amounts"))],
        validators=[InputRequired(messages.CHOOSE_HIGHER_ALLOWANCE)])


class BankAccountForm(BankAccountFields, StepForm):
    pass

    def validate_holder(self, field: StringField) -> None:
        name = shared.answer(self.answers, "full_name", "full_name")
        if name and field.data and "".join(field.data.split()) != "".join(name.split()):
            raise ValidationError(str(messages.ACCOUNT_HOLDER_DIFFERS))


class PrecheckForm(FlaskForm):
    has_card = RadioField(_l("Do you have a disability card?"), choices=shared.YES_NO,
                          validators=[InputRequired(messages.CHOOSE_HAS_CARD)])
    level = RadioField(
        _l("What level is written on the card?"),
        choices=[*shared.CARD_LEVEL_CHOICES,
                 ("unknown", _l("I do not know, or I have no card"))],
        validators=[InputRequired(messages.CHOOSE_CARD_LEVEL)],
    )
    category = RadioField(
        _l("What kind of disability is written on the card?"),
        choices=[*DisabilityKindForm.disability.kwargs["choices"],
                 ("unknown", _l("I do not know, or I have no card"))],
        validators=[InputRequired(messages.CHOOSE_CARD_CATEGORY)],
    )
    long_term_care = RadioField(LONG_TERM_CARE_QUESTION, choices=shared.YES_NO,
                                validators=[InputRequired(messages.CHOOSE_LONG_TERM_CARE)])
    household = shared.precheck_household_field()
    other_support = MultiCheckboxField(
        _l("Do you get any of these?"), description=_l("Select all that apply."),
        choices=OTHER_SUPPORT_CHOICES,
        validators=[InputRequired(messages.CHOOSE_OTHER_SUPPORT),
                    NoneAlone(messages.OTHER_SUPPORT_AND_NONE)])
    county = SelectField(
        _l("Where is your household registered?"),
        description=_l("The county, city or district of your household register (hukou). Some "
                       "places pay the allowances to more people."),
        validators=[InputRequired(messages.CHOOSE_COUNTY_OR_UNKNOWN)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.county.choices = shared.county_list(first=("unknown", _l("I do not know")))


PRECHECK_ADVICE = {
    Reason.NO_CARD: _l("Both allowances are for people with a disability card. You can apply "
                       "for a disability assessment first."),
    Reason.TEKUN_EXCLUDES_BOTH: _l(
        "People supported as being in extreme poverty do not get either allowance."),
    Reason.WORK_INJURY_CARE_EXCLUDES_BOTH: _l(
        "People who get the care allowance of work-injury insurance do not get either "
        "allowance."),
    Reason.ORPHAN_EXCLUDES_LIVING: _l(
        "Children who get basic living support for orphans do not get the living allowance. "
        "They can still get the care allowance if they qualify."),
    Reason.LIVING_DIBAO: _l("You can apply for the living allowance because your household "
                            "gets minimum living support."),
    Reason.LIVING_EXTENDED_HERE: _l(
        "You can apply for the living allowance: where your household is registered, it is "
        "also paid to households like yours."),
    Reason.LIVING_ASK_LOCALLY: _l(
        "The living allowance is for households on minimum living support. Some places also "
        "pay it to households just above the line or on another low income: ask your "
        "township or street office before you apply."),
    Reason.LIVING_NOT_LOW_INCOME: _l("The living allowance is for households on minimum "
                                     "living support."),
    Reason.CARE_SEVERE_LONG_TERM: _l(
        "You can apply for the care allowance because your card shows level 1 or 2 and you "
        "need long-term care."),
    Reason.CARE_EXTENDED_HERE: _l(
        "You can apply for the care allowance: where your household is registered, it is also "
        "paid for level 3 or 4 intellectual or mental disability with a long-term care need."),
    Reason.CARE_NEEDS_LONG_TERM_CARE: _l(
        "The care allowance is for people who have needed care in daily life for 6 months or "
        "more."),
    Reason.CARE_ASK_LOCALLY: _l(
        "The care allowance is for level 1 or 2. Some places also pay it for level 3 or 4 "
        "intellectual or mental disability: ask your township or street office."),
    Reason.CARE_LEVEL: _l("The care allowance is for level 1 or 2."),
    Reason.CHOOSE_HIGHER: _l(
        "You already get another care allowance. A person gets only one: you will be asked "
        "which one you want, and staff can compare the amounts."),
}


def facts_from_precheck(answers: Mapping[str, Any]) -> AllowanceFacts:
    def known(value: Any) -> Any:
        return None if value in (None, "", "unknown") else value

    return AllowanceFacts(
        has_card=answers.get("has_card") == "yes", level=known(answers.get("level")),
        category=known(answers.get("category")),
        long_term_care=answers.get("long_term_care") == "yes",
        household=answers.get("household"),
        other_support=frozenset(answers.get("other_support") or ()) - {"none"})


def precheck(answers: Mapping[str, Any]) -> list[Advice]:
    county = answers.get("county")
    area = rules.rules_for_county(None if county == "unknown" else county)
    return [Advice(finding.likely, PRECHECK_ADVICE[finding.reason])
            for finding in rules.assess(facts_from_precheck(answers), area)]


SERVICE = ServiceDefinition(
    code=TWO_SUBSIDIES.code,
    texts=TWO_SUBSIDIES,
    steps=(
        *shared.IDENTITY_STEPS,
        Step("allowances", AllowancesForm, _l("Which allowances are you applying for?"),
             heading_field="allowances"),
        Step("care_need", CareNeedForm, LONG_TERM_CARE_QUESTION, heading_field="long_term_care",
             applies=claims_care),
        *shared.CONTACT_STEPS,
        shared.HOUSEHOLD,
        Step("other_support", OtherSupportForm, _l("Does the applicant get any of these?"),
             heading_field="support", clears=("choose_higher",)),
        Step("choose_higher", ChooseHigherForm,
             _l("Which care allowance should the applicant get?"), heading_field="choice",
             applies=must_choose_higher),
        Step("bank_account", BankAccountForm, _l("Which bank account should the money go to?"),
             description=_l("The account must be in the applicant's name.")),
    ),
    documents=(
        # Both allowances are for card holders: the card is asked for whatever the answer.
        shared.disability_card_document(),
        DocumentRequirement("identity", _l("ID card"),
                            _l("Both sides of the applicant's ID card.")),
        DocumentRequirement("household_register", _l("Household register"),
                            _l("The front page and the page with the applicant's details.")),
        DocumentRequirement(
            "minimum_living_support", _l("Proof of minimum living support or low income"),
            _l("The certificate or the decision letter from civil affairs."),
            applies=claims_living),
        DocumentRequirement("bank_card", _l("Bank card or passbook"),
                            _l("The side with the account number."), required=False),
        *shared.AGENT_DOCUMENTS,
    ),
    declaration=(
        shared.TRUE_AND_COMPLETE,
        Declaration(
            _l("I am not supported as a person in extreme poverty, and I do not get the care "
               "allowance of work-injury insurance."),
            _l("The applicant is not supported as a person in extreme poverty, and does not get "
               "the care allowance of work-injury insurance.")),
        Declaration(_l("I do not get basic living support for orphans."),
                    _l("The applicant does not get basic living support for orphans."),
                    applies=claims_living),
        Declaration(_l("I have needed care in daily life for 6 months or more."),
                    _l("The applicant has needed care in daily life for 6 months or more."),
                    applies=claims_care),
        Declaration(
            _l("I understand that I can get only one care allowance, and I have said which one "
               "I want."),
            _l("The applicant understands that they can get only one care allowance, and has "
               "said which one they want."),
            applies=must_choose_higher),
        Declaration(
            _l("I will tell the township or street office within 15 days if my income, household "
               "or disability level changes, or if I move."),
            _l("The applicant or their family will tell the township or street office within 15 "
               "days if the applicant's income, household or disability level changes, or if "
               "they move or die.")),
        Declaration(
            _l("I understand that money paid because of false information must be paid back."),
            _l("The applicant understands that money paid because of false information must be "
               "paid back.")),
    ),
    stages=(Stage("first_payment", _l("First monthly payment")),),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
