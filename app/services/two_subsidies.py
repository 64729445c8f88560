"""残疾人两项补贴: the living allowance and the care allowance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, ValidationError
from wtforms.validators import InputRequired, Length

from app.domain.identity import normalise_digits
from app.forms import error_messages as messages
from app.forms.fields import MultiCheckboxField
from app.services import shared_steps as shared
from app.services.model import Advice, DocumentRequirement, ServiceDefinition, Stage, Step
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


class BankAccountForm(FlaskForm):
    bank = StringField(_l("Name of the bank"),
                       description=_l("For example Jilin Rural Credit Union or Bank of Jilin."),
                       validators=[InputRequired(messages.ENTER_BANK), Length(max=50)])
    holder = StringField(_l("Name of the account holder"),
                         validators=[InputRequired(messages.ENTER_ACCOUNT_HOLDER), Length(max=50)],
                         render_kw={"spellcheck": "false"})
    number = StringField(_l("Account number"),
                         description=_l("The long number on the bank card or passbook."),
                         validators=[InputRequired(messages.ENTER_ACCOUNT_NUMBER)],
                         render_kw={"inputmode": "numeric", "spellcheck": "false"})

    def validate_number(self, field: StringField) -> None:
        digits = normalise_digits(field.data or "")
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise ValidationError(str(messages.ACCOUNT_NUMBER_FORMAT))
        field.data = digits

    def validate_holder(self, field: StringField) -> None:
        answers = getattr(self, "answers", {})
        name = shared.answer(answers, "full_name", "full_name")
        if name and field.data and "".join(field.data.split()) != "".join(name.split()):
            raise ValidationError(str(messages.ACCOUNT_HOLDER_DIFFERS))


class PrecheckForm(FlaskForm):
    has_card = RadioField(_l("Do you have a disability card?"), choices=shared.YES_NO,
                          validators=[InputRequired(messages.CHOOSE_HAS_CARD)])
    level = RadioField(
        _l("What level is written on the card?"),
        choices=[("1", _l("Level 1")), ("2", _l("Level 2")), ("3", _l("Level 3")),
                 ("4", _l("Level 4")), ("unknown", _l("I do not know, or I have no card"))],
        validators=[InputRequired(messages.CHOOSE_CARD_LEVEL)],
    )
    household = RadioField(
        _l("Which describes your household?"),
        choices=shared.HOUSEHOLD_CHOICES,
        validators=[InputRequired(messages.CHOOSE_HOUSEHOLD)],
    )


def precheck(answers: Mapping[str, Any]) -> list[Advice]:
    advice: list[Advice] = []
    if answers.get("has_card") != "yes":
        advice.append(Advice(False, _l("Both allowances are for people with a disability card. "
                                       "You can apply for a disability assessment first.")))
    low_income = answers.get("household") in shared.LOW_INCOME
    advice.append(Advice(low_income, _l(
        "You can apply for the living allowance because your household is on a low income.")
        if low_income else _l("The living allowance is for households on minimum living "
                              "support or another low income.")))
    severe = answers.get("level") in ("1", "2")
    advice.append(Advice(severe, _l(
        "You can apply for the care allowance because your card shows level 1 or 2.")
        if severe else _l("The care allowance is for level 1 or 2. In some places level 3 or 4 "
                          "intellectual or mental disability also counts: ask your township "
                          "or street office.")))
    return advice


SERVICE = ServiceDefinition(
    code=TWO_SUBSIDIES.code,
    texts=TWO_SUBSIDIES,
    steps=(
        *shared.IDENTITY_STEPS,
        Step("allowances", AllowancesForm, _l("Which allowances are you applying for?"),
             heading_field="allowances"),
        *shared.CONTACT_STEPS,
        shared.HOUSEHOLD,
        Step("bank_account", BankAccountForm, _l("Which bank account should the money go to?"),
             description=_l("The account must be in the applicant's name.")),
    ),
    documents=(
        DocumentRequirement("disability_card", _l("Disability card"),
                            _l("A photo or scan of the page with the number, category and "
                               "level.")),
        DocumentRequirement("identity", _l("ID card or household register"),
                            _l("Both sides of the ID card, or the household register pages "
                               "with the applicant's details.")),
        DocumentRequirement(
            "minimum_living_support", _l("Proof of minimum living support or low income"),
            _l("The certificate or the decision letter from civil affairs."),
            applies=lambda _c, answers: claims(answers, "living")),
        DocumentRequirement("bank_card", _l("Bank card or passbook"),
                            _l("The side with the account number."), required=False),
    ),
    declaration=(
        _l("The information I have given is true and complete."),
        _l("I will tell the township or street office within 15 days if the applicant's income, "
           "household or disability level changes, or if they move or die."),
        _l("I understand that money paid because of false information must be paid back."),
    ),
    stages=(Stage("first_payment", _l("First monthly payment")),),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
