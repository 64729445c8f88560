"""辅助器具适配: assessment and fitting of a new device, a repair, or a rental.

申请 → 初审 → 评估 → 审批 → 适配 → 回访: the assessment produces the prescription, so none is
asked for up front. Children aged 0 to 6 can apply with a designated hospital's diagnosis
instead of a disability card, if they have a household registration (户籍) in Jilin or a
residence permit (居住证) (残疾儿童康复救助, 吉林省"十四五"残疾人保障和发展规划 专栏5). Students
at universities and colleges in Jilin get a free fitting whatever their age (the same plan,
专栏5 item 7). A child's age is read from the ID number, so nobody is asked it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.domain.casework.answers import PARTIAL
from app.domain.clock import today_in_china
from app.domain.models import Channel
from app.domain.people.identity import InvalidIdNumber, parse_resident_id
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
from app.services.texts import ASSISTIVE_DEVICES

YOUNG_CHILD_MAX_AGE = 6  # 0–6: the children's rehabilitation programme (残疾儿童康复救助)
STUDENT_MIN_AGE = 6  # from school age; a university student may be any age
JILIN_UNIVERSITY = "university_jilin"
STUDENT_ANSWERS = frozenset({JILIN_UNIVERSITY, "school"})
REPAIR = "repair"


def applicant_age(answers: Answers, *, today: date | None = None) -> int | None:
    """The applicant's age from the ID number they gave; None until a valid one is answered."""
    stored = answers.get("id_number") or {}
    if stored.get(PARTIAL) or not stored.get("id_number"):
        return None  # "save and come back later" may have kept an invalid number
    try:
        number = parse_resident_id(stored["id_number"], today=today or today_in_china())
    except InvalidIdNumber:
        return None
    return number.age_on(today or today_in_china())


def is_young_child(answers: Answers) -> bool:
    age = applicant_age(answers)
    return age is not None and age <= YOUNG_CHILD_MAX_AGE


def may_be_a_student(_context: StepContext, answers: Answers) -> bool:
    age = applicant_age(answers)
    return age is not None and age >= STUDENT_MIN_AGE


def is_student(answers: Answers) -> bool:
    return may_be_a_student(StepContext(channel=Channel.ONLINE), answers) and \
        shared.answer(answers, "student", "student") in STUDENT_ANSWERS


def extra_support(answers: Answers) -> str | None:
    """Why the applicant gets extra support, for the staff who handle it: a child, a university
    student in Jilin (a free fitting), or another student."""
    if is_young_child(answers):
        return "young_child"
    if is_student(answers):
        return "jilin_university_student" if shared.answer(
            answers, "student", "student") == JILIN_UNIVERSITY else "student"
    return None


class StudentForm(FlaskForm):
    student = RadioField(
        _l("Is the applicant a student?"),
        description=_l("Students get extra support with devices. Students at a university or "
                       "college in Jilin Province get a free fitting, whatever their age."),
        choices=[(JILIN_UNIVERSITY, _l("Yes, at a university or college in Jilin Province")),
                 ("school", _l("Yes, at a school, or at a university or college elsewhere")),
                 ("no", _l("No"))],
        validators=[InputRequired(messages.CHOOSE_STUDENT)],
    )


def young_child_without_card(_context: StepContext, answers: Answers) -> bool:
    return is_young_child(answers) and shared.answer(answers, "has_card", "has_card") == "no"


class ChildResidenceForm(FlaskForm):
    residence = RadioField(
        _l("Is the child's household registered in Jilin Province, or does the child have a "
           "residence permit here?"),
        description=_l("A child aged 6 or younger can apply without a disability card, with a "
                       "diagnosis from a designated hospital, if the household is registered "
                       "in Jilin or the child has a residence permit."),
        choices=[("hukou", _l("The household is registered in Jilin Province")),
                 ("residence_permit", _l("The child has a residence permit in Jilin Province")),
                 ("neither", _l("Neither"))],
        validators=[InputRequired(messages.CHOOSE_CHILD_RESIDENCE)],
    )


def has_residence_permit(context: StepContext, answers: Answers) -> bool:
    return young_child_without_card(context, answers) and \
        shared.answer(answers, "child_residence", "residence") == "residence_permit"


class NeedKindForm(FlaskForm):
    need = RadioField(
        _l("What are you applying for?"),
        choices=[("new", _l("A new device")),
                 (REPAIR, _l("A repair to a device the applicant has")),
                 ("rental", _l("A device to rent for a while"))],
        validators=[InputRequired(messages.CHOOSE_DEVICE_NEED)],
    )


def need_kind(answers: Answers) -> str | None:
    return shared.answer(answers, "need_kind", "need")


def is_repair(_context: StepContext, answers: Answers) -> bool:
    return need_kind(answers) == REPAIR


def is_not_repair(context: StepContext, answers: Answers) -> bool:
    return not is_repair(context, answers)


def is_rental(_context: StepContext, answers: Answers) -> bool:
    return need_kind(answers) == "rental"


class DeviceCategoryForm(FlaskForm):
    category = RadioField(
        _l("What kind of device is it?"),
        choices=[("mobility", _l("Moving around: for example a wheelchair or a walker")),
                 ("vision", _l("Seeing: for example a white cane or a magnifier")),
                 ("hearing", _l("Hearing: for example a hearing aid")),
                 ("communication", _l("Communicating: for example a picture board or a "
                                      "speech device")),
                 ("daily_living", _l("Self-care and daily living: for example a shower chair "
                                     "or adapted cutlery")),
                 ("prosthesis_orthosis", _l("A prosthesis (artificial limb) or an orthosis "
                                            "(brace or splint)"))],
        validators=[InputRequired(messages.CHOOSE_DEVICE_CATEGORY)],
    )


def category(answers: Answers) -> str | None:
    return shared.answer(answers, "device_category", "category")


class RepairDeviceForm(FlaskForm):
    device = text_answer_field(
        _l("Which device needs repairing?"),
        description=_l("What it is and, if you know, when and where it was provided. For "
                       "example: a manual wheelchair from the disability federation, 2019."),
        required_message=messages.DESCRIBE_REPAIR_DEVICE)


class CurrentDeviceForm(FlaskForm):
    current = text_answer_field(
        _l("What does the applicant use now?"),
        description=_l("Optional. For example: a walking stick, or a wheelchair that no longer "
                       "fits. Leave it empty if they use nothing."))


class NeedDetailsForm(FlaskForm):
    details = text_answer_field(
        _l("What is needed, and why?"),
        description=_l("For example: a lighter wheelchair so that she can go out on her own; or: "
                       "the brakes of the wheelchair do not hold. Up to 500 characters."),
        required_message=messages.DESCRIBE_DEVICE_NEED)


# The eligibility pre-check: card holders with a need; children and students get extra support.
class PrecheckForm(FlaskForm):
    has_card = RadioField(_l("Does the person who needs the device have a disability card?"),
                          choices=shared.YES_NO,
                          validators=[InputRequired(messages.CHOOSE_HAS_CARD)])
    user = RadioField(
        _l("Which describes the person who needs the device?"),
        choices=[("young_child", _l("A child aged 6 or younger")),
                 ("student", _l("A student at a school, college or university")),
                 ("neither", _l("Neither of these"))],
        validators=[InputRequired(messages.CHOOSE_DEVICE_USER)],
    )
    household = shared.precheck_household_field()


def precheck(answers: Mapping[str, Any]) -> list[Advice]:
    advice: list[Advice] = []
    if answers.get("has_card") == "yes":
        advice.append(Advice(True, _l("You can apply because you have a disability card.")))
    elif answers.get("user") == "young_child":
        advice.append(Advice(True, _l(
            "A child aged 6 or younger can apply without a disability card, with a diagnosis "
            "from a designated hospital, if the household is registered in Jilin Province or "
            "the child has a residence permit here.")))
    else:
        advice.append(Advice(False, _l(
            "Assistive devices are for people with a disability card. You can apply for a "
            "disability assessment first.")))
    if answers.get("user") == "young_child":
        advice.append(Advice(True, _l(
            "You can get extra support because the child is 6 years old or younger: devices "
            "are part of the rehabilitation programme for young children.")))
    elif answers.get("user") == "student":
        advice.append(Advice(True, _l(
            "You can get extra support because you are a student. Students at a university or "
            "college in Jilin Province get a free fitting service, whatever their age.")))
    if answers.get("household") in shared.LOW_INCOME:
        advice.append(Advice(True, _l(
            "You may get help with the cost of a basic device because your household is on a "
            "low income. It depends on your city or county.")))
    else:
        advice.append(Advice(False, _l(
            "Help with the cost of basic devices is mainly for households on a low income and "
            "for people with a severe disability.")))
    return advice


SERVICE = ServiceDefinition(
    code=ASSISTIVE_DEVICES.code,
    texts=ASSISTIVE_DEVICES,
    steps=(
        *shared.IDENTITY_STEPS,
        Step("child_residence", ChildResidenceForm,
             _l("Is the child's household registered in Jilin Province, or does the child have "
                "a residence permit here?"),
             heading_field="residence", applies=young_child_without_card),
        Step("student", StudentForm, _l("Is the applicant a student?"), heading_field="student",
             applies=may_be_a_student),
        Step("need_kind", NeedKindForm, _l("What are you applying for?"), heading_field="need"),
        Step("device_category", DeviceCategoryForm, _l("What kind of device is it?"),
             heading_field="category"),
        Step("repair_device", RepairDeviceForm, _l("Which device needs repairing?"),
             heading_field="device", applies=is_repair),
        Step("current_device", CurrentDeviceForm, _l("What does the applicant use now?"),
             heading_field="current", applies=is_not_repair),
        Step("need_details", NeedDetailsForm, _l("What is needed, and why?"),
             heading_field="details"),
        *shared.CONTACT_STEPS,
        shared.HOUSEHOLD,
    ),
    documents=(
        shared.disability_card_document(applies=shared.has_card),
        DocumentRequirement("diagnosis", _l("Diagnosis from a designated hospital"),
                            _l("For a child aged 6 or younger without a disability card: the "
                               "diagnosis of the disability from a hospital chosen by the "
                               "disability federation."),
                            applies=young_child_without_card),
        DocumentRequirement("residence_permit", _l("Residence permit"),
                            _l("The child's residence permit for Jilin Province."),
                            applies=has_residence_permit),
        # Never required: the assessment after this application produces the prescription.
        DocumentRequirement("prescription", _l("Prescription or assessment"),
                            _l("If a doctor or a rehabilitation centre has already written down "
                               "what device the applicant needs, add it here. Otherwise the "
                               "assessment decides."),
                            required=False),
        DocumentRequirement("proof_of_study", _l("Proof of study"),
                            _l("A student card, or a letter from the school, college or "
                               "university."),
                            applies=lambda _c, answers: is_student(answers), required=False),
        *shared.AGENT_DOCUMENTS,
    ),
    declaration=(
        shared.TRUE_AND_COMPLETE,
        Declaration(
            _l("I will look after the device, and tell the disability federation if it is "
               "lost, broken or no longer needed."),
            _l("The applicant or their family will look after the device, and tell the "
               "disability federation if it is lost, broken or no longer needed.")),
        Declaration(
            _l("I will return the rented device in good order when the rental ends."),
            _l("The applicant or their family will return the rented device in good order when "
               "the rental ends."),
            applies=is_rental),
    ),
    stages=(
        Stage("assessment", _l("Assessment")),
        Stage("fitting", _l("Fitting")),
        Stage("follow_up", _l("Follow-up visit")),
    ),
    precheck_form=PrecheckForm,
    precheck=precheck,
)
