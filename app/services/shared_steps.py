"""Steps every service asks: who the application is for, identity, card, contact, address."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, ValidationError
from wtforms.validators import InputRequired

from app.domain.access import policies
from app.domain.casework.answers import is_partial
from app.domain.casework.jurisdiction import SAME_AS_HOME
from app.domain.clock import today_in_china
from app.domain.models import Channel, Person, Relationship
from app.domain.people.identity import (
    InvalidCardNumber,
    InvalidIdNumber,
    mobile_only,
    parse_disability_card,
    parse_resident_id,
)
from app.domain.places.divisions import load_catalogue
from app.domain.places.place_names import place_label
from app.forms import error_messages as messages
from app.forms.fields import (
    ADDRESS_MAX,
    MultiCheckboxField,
    full_name_field,
    mobile_field,
    required_text_field,
)
from app.forms.validators import MobileNumber, NoneAlone, ResidentIdNumberValidator
from app.languages import LANGUAGES
from app.services.model import (
    Answers,
    Condition,
    Declaration,
    DocumentRequirement,
    NotAllowed,
    PersonFacts,
    Saving,
    Step,
    StepContext,
    StepForm,
    always,
)

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


def answer(answers: Answers, step: str, field: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(field, default)


# 1. Who the application is for (online, when the account acts for other people)
class ApplicantForm(FlaskForm):
    for_whom = RadioField(_l("Who is this application for?"),
                          validators=[InputRequired(messages.CHOOSE_APPLICANT)])


def _prepare_applicant(form: FlaskForm, context: StepContext, _answers: Answers) -> None:
    form.for_whom.choices = [("self", _l("Myself"))] + [
        (f"person-{person_id}", name) for person_id, name in context.people]


def _choose_applicant(saving: Saving, answer: Mapping[str, Any]) -> None:
    """The draft is for whom the answer names: the account's own person, or someone the
    policy lets it act for; then what the portal holds on them is filled in."""
    choice: str = answer["for_whom"]
    application = saving.application
    if choice == "self":
        application.person = saving.account.person
    else:
        person = saving.session.get(Person, int(choice.removeprefix("person-")))
        if person is None or not policies.can_act_for_person(saving.session, saving.account,
                                                              person):
            raise NotAllowed
        application.person = person
    saving.service.fill_held(saving.session, application)


APPLICANT = Step(
    "applicant", ApplicantForm, _l("Who is this application for?"), heading_field="for_whom",
    applies=lambda context, _a: context.channel == Channel.ONLINE and bool(context.people),
    prepare=_prepare_applicant, after_save=_choose_applicant,
    clears=("full_name", "id_number", "confirm_identity", "card_number", "phone",
            "address_county", "address_township", "hukou_county"),
)


# 2. Name
class FullNameForm(FlaskForm):
    # The browser's name autocomplete is added only for the person themself (FULL_NAME below).
    full_name = full_name_field(_l("What is the applicant's full name?"),
                                messages.ENTER_APPLICANT_NAME,
                                description=_l("As it is written on their ID card."))


def fills_in_own_details(context: StepContext) -> bool:
    """Only the person themself, online, fills in their own details from the browser: an agent's
    or counter staff's browser would offer theirs."""
    return context.channel == Channel.ONLINE and context.person is None


def _autocomplete_own(field: str, token: str):  # type: ignore[no-untyped-def]
    def prepare(form: FlaskForm, context: StepContext, _answers: Answers) -> None:
        if fills_in_own_details(context):
            bound = form[field]
            bound.render_kw = dict(bound.render_kw or {}, autocomplete=token)
    return prepare


FULL_NAME = Step(
    "full_name", FullNameForm, _l("What is the applicant's full name?"),
    heading_field="full_name", prepare=_autocomplete_own("full_name", "name"),
    prefill=lambda context: {"full_name": context.person.full_name} if context.person else None,
)


# 3. ID number, checked against the record when the person is known
class IdNumberForm(StepForm):
    id_number = StringField(
        _l("What is the applicant's ID card number?"),
        description=_l("18 characters, on the front of the ID card. The last one can be X. A "
                       "foreign permanent resident ID card number works too."),
        validators=[ResidentIdNumberValidator()],
        render_kw={"spellcheck": "false", "autocapitalize": "characters"},
    )

    def validate_id_number(self, field: StringField) -> None:
        # The person on record, when the wizard knows them: the number typed must be theirs.
        known: PersonFacts | None = self.context.person if self.context else None
        if known is not None and field.data != known.id_number:
            raise ValidationError(str(messages.ID_NOT_ON_RECORD))


ID_NUMBER = Step(
    "id_number", IdNumberForm, _l("What is the applicant's ID card number?"),
    heading_field="id_number",
    prefill=lambda context: {"id_number": context.person.id_number} if context.person else None,
    clears=("confirm_identity", "card_number"), asks_id_number=True,
)


# 4. Birth date and sex read from the ID number, shown for confirmation
class ConfirmIdentityForm(FlaskForm):
    correct = RadioField(_l("Are the date of birth and sex right?"), choices=YES_NO,
                         validators=[InputRequired(messages.CONFIRM_IDENTITY)])

    def validate_correct(self, field: RadioField) -> None:
        if field.data == "no":
            raise ValidationError(str(messages.IDENTITY_WRONG))


def identity_facts(answers: Answers) -> tuple[date, str] | None:
    number = answer(answers, "id_number", "id_number")
    if not number or is_partial(answers, ID_NUMBER.key):
        return None
    try:
        parsed = parse_resident_id(number, today=today_in_china())
    except InvalidIdNumber:
        return None  # a half-typed number saved for later
    return parsed.birth_date, parsed.sex


CONFIRM_IDENTITY = Step(
    "confirm_identity", ConfirmIdentityForm, _l("Check the date of birth and sex"),
    description=_l("We read these from the ID card number."),
    page_facts=lambda _context, answers: {"identity": identity_facts(answers)},
)


# 5–6. Disability card
class HasCardForm(FlaskForm):
    has_card = RadioField(_l("Does the applicant have a disability card?"), choices=YES_NO,
                          validators=[InputRequired(messages.CHOOSE_HAS_CARD)])


HAS_CARD = Step("has_card", HasCardForm, _l("Does the applicant have a disability card?"),
                heading_field="has_card")


def has_card(_context: StepContext, answers: Answers) -> bool:
    return answer(answers, "has_card", "has_card") == "yes"


def disability_card_document(applies: Condition = always) -> DocumentRequirement:
    return DocumentRequirement("disability_card", _l("Disability card"),
                               _l("A photo or scan of the page with the number, category and "
                                  "level."),
                               applies=applies)


# The levels written on a disability card, for the pre-checks' questions.
CARD_LEVEL_CHOICES = [("1", _l("Level 1")), ("2", _l("Level 2")), ("3", _l("Level 3")),
                      ("4", _l("Level 4"))]


class CardNumberForm(StepForm):
    card_number = StringField(
        _l("What is the disability card number?"),
        description=_l("20 characters: the ID card number followed by 2 digits for the category "
                       "and level of disability. A reissued card ends with B1, B2 and so on."),
        # Required (validate_card_number refuses an empty answer), which no validator flags.
        render_kw={"spellcheck": "false", "autocapitalize": "characters", "required": True},
    )

    def validate_card_number(self, field: StringField) -> None:
        id_text = answer(self.answers, "id_number", "id_number")
        known = parse_resident_id(id_text, today=today_in_china()) if id_text else None
        try:
            card = parse_disability_card(field.data or "", today=today_in_china(), id_number=known)
        except InvalidCardNumber as problem:
            raise ValidationError(str(messages.CARD_NUMBER[problem.reason])) from problem
        field.data = card.value


CARD_NUMBER = Step(
    "card_number", CardNumberForm, _l("What is the disability card number?"),
    heading_field="card_number",
    applies=has_card,
)


# 7. Phone
class PhoneForm(FlaskForm):
    phone = mobile_field(
        _l("Which mobile number should we contact about this application?"),
        description=_l("It can be the applicant's number, or a family member's. For example "
                       "139 0431 0001."),
        validators=[MobileNumber()])


PHONE = Step(
    "phone", PhoneForm, _l("Which mobile number should we contact about this application?"),
    heading_field="phone", prepare=_autocomplete_own("phone", "tel-national"),
    prefill=lambda context: {"phone": context.person.phone}
    if context.person and mobile_only(context.person.phone)
    else {"phone": context.own_phone} if context.own_phone else None,
)


# 8–9. Address: county, then township, from the division data (works without JavaScript)
class CountyForm(FlaskForm):
    county = SelectField(_l("Which county, city or district does the applicant live in?"),
                         validators=[InputRequired(messages.CHOOSE_COUNTY)])


def county_choices(*, only_county: str | None = None) -> dict[str, list[tuple[str, Any, dict]]]:
    """Counties grouped by prefecture, for a select, after "Choose a county"."""
    catalogue = load_catalogue()
    locale = str(get_locale())
    groups: dict[str, list[tuple[str, Any, dict]]] = {}
    for prefecture in catalogue.prefectures():
        # An optgroup label cannot carry its own lang; English readers get the pinyin.
        groups[place_label(prefecture.name, locale)[0]] = [
            (county.code, *place_label(county.name, locale))
            for county in catalogue.counties(prefecture.code)
            if only_county is None or county.code == only_county]
    groups = {name: counties for name, counties in groups.items() if counties}
    return {"": [("", _l("Choose a county"), {})], **groups}


def county_list(*, first: tuple[str, Any] | None) -> list[tuple[str, Any, dict]]:
    """Every county as one flat list ("长春市 南关区"), for a select whose first options must not
    sit in an optgroup (HTML: a required select's placeholder option comes first); ``first``
    is an option before the counties, such as "the same county as where they live"."""
    catalogue = load_catalogue()
    locale = str(get_locale())
    counties: list[tuple[str, Any, dict]] = [("", _l("Choose a county"), {})]
    if first is not None:
        counties.append((first[0], first[1], {}))
    for prefecture in catalogue.prefectures():
        for county in catalogue.counties(prefecture.code):
            name, attributes = place_label(f"{prefecture.name} {county.name}", locale) \
                if locale != "en" else (
                    f"{place_label(county.name, locale)[0]}, "
                    f"{place_label(prefecture.name, locale)[0]}", {})
            counties.append((county.code, name, attributes))
    return counties


def _county_choices(form: FlaskForm, context: StepContext, _answers: Answers) -> None:
    # Counter staff: their own county only.
    own = context.area_code[:6] if context.area_code and len(context.area_code) >= 6 else None
    form.county.choices = county_choices(only_county=own)


ADDRESS_COUNTY = Step(
    "address_county", CountyForm, _l("Which county, city or district does the applicant live in?"),
    heading_field="county", prepare=_county_choices, clears=("address_township",),
    prefill=lambda context: {"county": context.person.county_code}
    if context.person and context.person.county_code else None,
)


class TownshipForm(FlaskForm):
    township = SelectField(_l("Township or street"),
                           validators=[InputRequired(messages.CHOOSE_TOWNSHIP)])
    address_line = required_text_field(
        _l("Rest of the address"), messages.ENTER_ADDRESS,
        description=_l("Street, building and room number."),
        max_length=ADDRESS_MAX, length_message=messages.ADDRESS_TOO_LONG)


def _township_choices(form: FlaskForm, context: StepContext, answers: Answers) -> None:
    county = answer(answers, "address_county", "county", "")
    catalogue = load_catalogue()
    townships = catalogue.townships(county) if county else []
    if context.area_code and len(context.area_code) == 9:  # township counter staff
        townships = [t for t in townships if t.code == context.area_code]
    form.township.choices = [("", _l("Choose a township or street"), {})] + [
        (t.code, *place_label(t.name, str(get_locale()))) for t in townships]
    if fills_in_own_details(context):
        form.address_line.render_kw = {"autocomplete": "street-address"}


ADDRESS_TOWNSHIP = Step(
    "address_township", TownshipForm, _l("Where does the applicant live?"),
    prepare=_township_choices,
    prefill=lambda context: {"township": context.person.township_code,
                             "address_line": context.person.address_line}
    if context.person and context.person.township_code else None,
)


# 9a. 户籍 county: it decides the application (app/domain/casework/jurisdiction.py), wherever they
# live. Asked only for a person not on record: a stored Person is never changed by what is typed.
class HukouCountyForm(FlaskForm):
    county = SelectField(_l("In which county, city or district is the applicant's household "
                            "registered (hukou)?"),
                         description=_l("The county of the household register decides the "
                                        "application, even when the applicant lives elsewhere."),
                         validators=[InputRequired(messages.CHOOSE_HUKOU_COUNTY)])


def _hukou_county_choices(form: FlaskForm, _context: StepContext, _answers: Answers) -> None:
    form.county.choices = county_list(first=(SAME_AS_HOME,
                                             _l("The same county as where they live")))


HUKOU_COUNTY = Step(
    "hukou_county", HukouCountyForm,
    _l("In which county, city or district is the applicant's household registered (hukou)?"),
    heading_field="county", prepare=_hukou_county_choices,
    applies=lambda context, _a: context.person is None,
)


# 10–11. How to contact the applicant, and the help they need to communicate
class ContactForm(FlaskForm):
    channel = RadioField(
        _l("How should we contact the applicant?"),
        choices=[("sms", _l("Text message")), ("phone", _l("Phone call")),
                 ("letter", _l("Letter by post"))],
        validators=[InputRequired(messages.CHOOSE_CONTACT)],
    )
    language = RadioField(
        _l("In which language?"),
        # Each language named in itself, marked with its own lang for screen readers.
        choices=[(language.code, language.native_name, {"lang": language.html_lang})
                 for language in LANGUAGES],
        validators=[InputRequired(messages.CHOOSE_LANGUAGE)],
    )


CONTACT = Step("contact", ContactForm, _l("Contact preferences"),
               prefill=lambda context: {"language": context.language}
               if context.language else None)


class CommunicationNeedsForm(FlaskForm):
    needs = MultiCheckboxField(
        _l("Does the applicant need any help to communicate with us?"),
        description=_l("Select all that apply."),
        choices=[("sign_language", _l("A sign language interpreter at appointments")),
                 ("large_print", _l("Letters in large print")),
                 ("braille", _l("Letters in braille")),
                 ("easy_read", _l("Easy read: short sentences with pictures")),
                 ("none", _l("No help needed"))],
        validators=[InputRequired(messages.CHOOSE_NEEDS), NoneAlone(messages.NEEDS_AND_NONE)],
    )


COMMUNICATION_NEEDS = Step(
    "communication_needs", CommunicationNeedsForm,
    _l("Does the applicant need any help to communicate with us?"), heading_field="needs",
)


# 12. Household's income support (also asked by the pre-checks, in the same words)
HOUSEHOLD_CHOICES = [("dibao", _l("Gets minimum living support")),
                     ("dibao_edge", _l("Just above the minimum living support line")),
                     ("tekun", _l("Gets support for people in extreme poverty")),
                     ("low_income", _l("Another low-income household")),
                     ("none", _l("None of these"))]


class HouseholdForm(FlaskForm):
    situation = RadioField(
        _l("Which describes the applicant's household?"),
        choices=HOUSEHOLD_CHOICES,
        validators=[InputRequired(messages.CHOOSE_HOUSEHOLD)],
    )


HOUSEHOLD = Step("household", HouseholdForm, _l("Which describes the applicant's household?"),
                 heading_field="situation")


def precheck_household_field() -> RadioField:
    """The pre-checks' household question, in the person's own words. A new field each time:
    it comes where it is written in the form (fields keep their order of creation)."""
    return RadioField(_l("Which describes your household?"), choices=HOUSEHOLD_CHOICES,
                      validators=[InputRequired(messages.CHOOSE_HOUSEHOLD)])

LOW_INCOME = frozenset({"dibao", "dibao_edge", "tekun", "low_income"})


# --- Documents anyone acting for the applicant brings (《残疾人证管理办法》 and the services'
# published procedures: an agent brings a power of attorney and their own ID card; a guardian
# of a child or of a person with an intellectual or mental disability brings proof of it).
ADULT_AGE = 18
GUARDIANSHIP_CATEGORIES = frozenset({"5", "6"})  # 智力, 精神 on the disability card
GUARDIANSHIP_KINDS = frozenset({"intellectual", "mental"})  # the assessment's disability kind


def applicant_age(answers: Answers) -> int | None:
    facts = identity_facts(answers)
    if facts is None:
        return None
    born, today = facts[0], today_in_china()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def needs_a_guardian(answers: Answers) -> bool:
    """A child, or a person whose card or assessment is for an intellectual or mental
    disability: whoever acts for them shows they are the guardian (监护人)."""
    age = applicant_age(answers)
    card = answer(answers, "card_number", "card_number") or ""
    kind = answer(answers, "disability_kind", "disability")
    return (age is not None and age < ADULT_AGE) or card[18:19] in GUARDIANSHIP_CATEGORIES \
        or kind in GUARDIANSHIP_KINDS


def guardian_acts(context: StepContext, answers: Answers) -> bool:
    return context.on_behalf and needs_a_guardian(answers)


def agent_with_power_of_attorney(context: StepContext, answers: Answers) -> bool:
    return context.agent_acts and not needs_a_guardian(answers) \
        and context.agent_relationship != Relationship.GUARDIAN


def agent_acts(context: StepContext, _answers: Answers) -> bool:
    return context.agent_acts


AGENT_DOCUMENTS = (
    DocumentRequirement("power_of_attorney", _l("Power of attorney"),
                        _l("A letter signed by the applicant saying that the agent may apply for "
                           "them."),
                        applies=agent_with_power_of_attorney),
    DocumentRequirement("agent_identity", _l("The agent's ID card"),
                        _l("Both sides of the ID card of the person acting for the applicant."),
                        applies=agent_acts),
    DocumentRequirement("guardianship", _l("Proof of guardianship"),
                        _l("The household register showing the parent and child, or a "
                           "guardianship certificate from the residents' or village committee "
                           "or a court."),
                        applies=guardian_acts),
)


TRUE_AND_COMPLETE = Declaration(
    _l("The information I have given is true and complete."),
    _l("The applicant confirms that the information given is true and complete."))


IDENTITY_STEPS = (APPLICANT, FULL_NAME, ID_NUMBER, CONFIRM_IDENTITY, HAS_CARD, CARD_NUMBER)
CONTACT_STEPS = (PHONE, ADDRESS_COUNTY, ADDRESS_TOWNSHIP, HUKOU_COUNTY, CONTACT,
                 COMMUNICATION_NEEDS)
