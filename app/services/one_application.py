"""残疾人服务"一件事": one application for a disability card and what it opens (issue 23).

国发〔2024〕3号 (高效办成一件事) asks for 一次告知、一表申请、一套材料; provinces run a 残疾人服务
"一件事" (江苏 常州: 残疾人证新办 + 困难残疾人生活补贴 + 重度残疾人护理补贴 in one form). The
questions every part asks (the person, 户籍, contact, agent, household) are asked once, then only
what each chosen part needs; one set of documents and one declaration, each the union of the
parts' own, written once. Every step, document and declaration line is the part's service's own
(the same keys, forms and conditions), so each part's application reads exactly as if it had
been made on its own (app.domain.casework.one_application sends them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired

from app.domain.casework import told_once
from app.domain.casework.one_application import CARD, CARE, DEVICES, LIVING, PartPlan
from app.domain.casework.told_once import HeldFacts
from app.domain.models import Application
from app.forms import error_messages as messages
from app.forms.fields import MultiCheckboxField
from app.forms.validators import NoneAlone
from app.services import (
    assistive_devices,
    disability_assessment,
    shared_steps,
    two_subsidies,
    wizard,
)
from app.services.model import (
    Answers,
    Declaration,
    DocumentRequirement,
    ServiceDefinition,
    Step,
    StepContext,
    StepForm,
)
from app.services.texts import ONE_APPLICATION

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PART_SERVICES: Mapping[str, ServiceDefinition] = {
    CARD: disability_assessment.SERVICE, LIVING: two_subsidies.SERVICE,
    CARE: two_subsidies.SERVICE, DEVICES: assistive_devices.SERVICE}
ALLOWANCE_PARTS = (LIVING, CARE)
ONLY_THE_CARD = "none"
# The card is what the bundle makes: nobody is asked for a card they do not have yet.
NOT_ASKED = frozenset({"disability_card"})


class PartsForm(StepForm):
    parts = MultiCheckboxField(
        _l("What else are you applying for, besides the disability card?"),
        description=_l("They wait for the card and go on by themselves when it is issued. "
                       "Select all that apply."),
        choices=[(LIVING, _l("Living allowance, for disabled people on a low income")),
                 (CARE, _l("Care allowance, for people with a severe disability who need "
                           "care")),
                 (DEVICES, _l("Assistive devices, such as a wheelchair or a hearing aid")),
                 (ONLY_THE_CARD, _l("Nothing else for now: only the disability card"))],
        validators=[InputRequired(messages.CHOOSE_PARTS), NoneAlone(messages.PARTS_AND_NONE)])


def chosen_parts(answers: Answers) -> list[str]:
    """The parts of the application, the card first."""
    ticked = shared_steps.answer(answers, "parts", "parts", []) or []
    return [CARD] + [part for part in (LIVING, CARE, DEVICES) if part in ticked]


def part_view(answers: Answers, part: str) -> dict[str, Any]:
    """The answers as the part's own service reads them: the allowances it claims, the kind of
    card service it is."""
    view = dict(answers)
    if part == CARD:
        view["assessment_kind"] = {"kind": disability_assessment.NEW_CARD}
    elif part in ALLOWANCE_PARTS:
        view["allowances"] = {"allowances": [part]}
    return view


def _all_allowances_view(answers: Answers) -> dict[str, Any]:
    """For the steps both allowances share: as one application claiming those chosen."""
    view = dict(answers)
    view["allowances"] = {"allowances": [p for p in chosen_parts(answers)
                                         if p in ALLOWANCE_PARTS]}
    return view


def _for_parts(step: Step, parts: tuple[str, ...]) -> Step:
    def applies(context: StepContext, answers: Answers) -> bool:
        chosen = [p for p in parts if p in chosen_parts(answers)]
        if not chosen:
            return False
        view = _all_allowances_view(answers) if set(chosen) <= set(ALLOWANCE_PARTS) \
            else part_view(answers, chosen[0])
        return step.applies(context, view)
    return replace(step, applies=applies)


def _part_step(part: str, key: str) -> Step:
    step = PART_SERVICES[part].step(key)
    assert step is not None, key
    return _for_parts(step, (part,))


def _allowance_step(key: str) -> Step:
    step = two_subsidies.SERVICE.step(key)
    assert step is not None, key
    return _for_parts(step, ALLOWANCE_PARTS)


PARTS = Step("parts", PartsForm,
             _l("What else are you applying for, besides the disability card?"),
             heading_field="parts", clears=("care_need", "choose_higher"))

STEPS = (
    shared_steps.APPLICANT, shared_steps.FULL_NAME, shared_steps.ID_NUMBER,
    shared_steps.CONFIRM_IDENTITY,
    *shared_steps.CONTACT_STEPS,
    shared_steps.HOUSEHOLD,
    PARTS,
    *(_part_step(CARD, key) for key in ("disability_kind", "travel", "home_visit")),
    _part_step(CARE, "care_need"),
    _allowance_step("other_support"), _allowance_step("choose_higher"),
    *(_part_step(DEVICES, key) for key in ("student", "need_kind", "device_category",
                                           "repair_device", "current_device", "need_details")),
    _allowance_step("bank_account"),
)

Item = TypeVar("Item", DocumentRequirement, Declaration)


def _union(items_of: Callable[[ServiceDefinition], Iterable[Item]],
           key: Callable[[Item], object]) -> list[tuple[Item, list[tuple[str, Item]]]]:
    """Each item once (by key), with every part whose service has it."""
    found: dict[object, tuple[Item, list[tuple[str, Item]]]] = {}
    for part, service in PART_SERVICES.items():
        for item in items_of(service):
            found.setdefault(key(item), (item, []))[1].append((part, item))
    return list(found.values())


def _in_any_part(owners: list[tuple[str, Any]]) -> Callable[[StepContext, Answers], bool]:
    def applies(context: StepContext, answers: Answers) -> bool:
        chosen = chosen_parts(answers)
        return any(part in chosen and item.applies(context, part_view(answers, part))
                   for part, item in owners)
    return applies


DOCUMENTS = tuple(
    replace(first, applies=_in_any_part(owners))
    for first, owners in _union(lambda s: s.documents, lambda r: r.code)
    if first.code not in NOT_ASKED)
DECLARATION = tuple(
    replace(first, applies=_in_any_part(owners))
    for first, owners in _union(lambda s: s.declaration, id))


@dataclass(frozen=True)
class OneApplicationDefinition(ServiceDefinition):
    """A draft that is never decided itself: it has no rules or stages of its own, as each
    part follows its own service's."""

    def __post_init__(self) -> None:
        return None

    def fill_held(self, session: Session, application: Application) -> None:
        """Nothing the person's record holds is asked (issue 23)."""
        if application.person is not None:
            application.answers = self.held_answers(
                told_once.held_facts(session, application.person), application.answers)

    def held_answers(self, held: HeldFacts, answers: Answers) -> dict[str, Any]:
        """The answers the portal holds already (the name, the ID number checked on the
        record), added where not answered: nobody is asked them again (国务院令第716号)."""
        filled = dict(answers)
        for step, answer in ((shared_steps.FULL_NAME, {"full_name": held.full_name}),
                             (shared_steps.ID_NUMBER, {"id_number": held.id_number}),
                             (shared_steps.CONFIRM_IDENTITY, {"correct": "yes"})):
            filled.setdefault(step.key, answer)
        return filled

    def plans(self, context: StepContext, answers: Answers) -> list[PartPlan]:
        """What each part becomes when it is sent: its service's answers on its own path and
        the documents its service needs."""
        made = []
        for part in chosen_parts(answers):
            service = PART_SERVICES[part]
            view = part_view(answers, part)
            made.append(PartPlan(
                part=part, service_code=service.code,
                answers=wizard.answers_on_path(service, context, view),
                document_codes=frozenset(r.code for r in service.documents_for(context, view)),
                waits_for_card=part != CARD))
        return made


SERVICE = OneApplicationDefinition(
    code=ONE_APPLICATION.code,
    texts=ONE_APPLICATION,
    steps=STEPS,
    documents=DOCUMENTS,
    declaration=DECLARATION,
)

PART_NAMES = {
    CARD: _l("Disability card: first assessment"),
    LIVING: _l("Living allowance"),
    CARE: _l("Care allowance"),
    DEVICES: _l("Assistive devices"),
}
