"""Rows for "check your answers": each answer in words, with a link to change it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from wtforms import Field

from app.domain.clock import today_in_china
from app.domain.models import Application, Document
from app.domain.people.identity import (
    ResidentIdNumber,
    mask_account_number,
    parse_disability_card,
    parse_resident_id,
)
from app.languages import CHINESE
from app.services import wizard
from app.services.model import Answers, DocumentRequirement, ServiceDefinition, StepContext
from app.web.labels import DISABILITY_CATEGORIES, sex_label

ZH = CHINESE.html_lang
# "return" is a Python keyword: the change link's query argument is passed as a mapping.
BACK_TO_CHECK: dict[str, Any] = {"return": "check"}


@dataclass(frozen=True)
class Value:
    text: str
    lang: str | None = None  # set when the text is in another language than the page


@dataclass(frozen=True)
class Row:
    key: str
    values: list[Value]
    change_url: str | None = None
    field_id: str = ""


def _choice_labels(form_field: Field) -> dict[str, Value]:
    labels: dict[str, Value] = {}
    choices = form_field.choices or []
    flat = [c for group in choices.values() for c in group] if isinstance(choices, dict) \
        else list(choices)
    for choice in flat:
        value, label = choice[0], choice[1]
        extra = choice[2] if len(choice) > 2 and isinstance(choice[2], dict) else {}
        labels[str(value)] = Value(str(label), extra.get("lang"))
    return labels


def _values(form_field: Field, stored: object) -> list[Value]:
    if form_field.type in ("RadioField", "SelectField"):
        return [_choice_labels(form_field).get(str(stored), Value(str(stored or "")))]
    if form_field.type == "MultiCheckboxField":
        labels = _choice_labels(form_field)
        items = stored if isinstance(stored, list) else []
        return [labels.get(str(item), Value(str(item))) for item in items]
    return [Value(str(stored or ""))]


def _identity_values(number: str) -> list[Value]:
    parsed = parse_resident_id(number, today=today_in_china())
    return [Value(number),
            Value(_("Born %(date)s", date=format_date(parsed.birth_date, "long"))),
            Value(sex_label(parsed.sex))]


def _card_values(number: str) -> list[Value]:
    card = parse_disability_card(number, today=today_in_china())
    return [Value(number),
            Value(_("%(category)s, level %(level)s",
                    category=str(DISABILITY_CATEGORIES[int(card.category)]),
                    level=int(card.level)))]


@dataclass(frozen=True)
class AnswerField:
    """One answered field of an application, in words."""

    step_key: str
    name: str
    label: str
    stored: Any
    values: list[Value]


def answer_fields(service: ServiceDefinition, context: StepContext,
                  answers: Answers) -> Iterator[AnswerField]:
    """Every answered field on the application's path, in order, with its answer in words.

    The forms are built without form data: a page shown again after a POST (a staff member's
    decision form, say) must not read that form's fields as the applicant's answers.
    """
    for step in wizard.path(service, context, answers):
        if step.key == "confirm_identity" or not wizard.is_answered(step, answers):
            continue
        form = step.form(formdata=None, data=answers[step.key], meta={"csrf": False})
        if step.prepare is not None:
            step.prepare(form, context, answers)
        for name, form_field in form._fields.items():
            stored = answers[step.key].get(name)
            if name == "id_number" and stored:
                values = _identity_values(stored)
            elif name == "card_number" and stored:
                values = _card_values(stored)
            else:
                values = _values(form_field, stored)
            yield AnswerField(step.key, name, str(form_field.label.text), stored, values)


def masked_number(step_key: str, name: str, stored: str) -> str | None:
    """The number as staff see it until they ask for it whole; None if it is not one of them
    (ID card, disability card and bank account numbers)."""
    if name == "id_number":
        return ResidentIdNumber(stored).masked
    if name == "card_number":
        return parse_disability_card(stored, today=today_in_china()).masked
    if (step_key, name) == ("bank_account", "number"):
        return mask_account_number(stored)
    return None


def masked_values(field: AnswerField) -> tuple[list[Value], bool]:
    """The field's answer with its number masked, and whether it held one."""
    masked = masked_number(field.step_key, field.name, field.stored) if field.stored else None
    if masked is None:
        return field.values, False
    return [Value(masked), *field.values[1:]], True


def check_answer_rows(service: ServiceDefinition, context: StepContext,
                      application: Application, *, masked: bool = False) -> list[Row]:
    """The rows of "check your answers"; with ``masked`` (staff, until they ask for them whole)
    the ID card, disability card and bank account numbers are masked."""
    return [Row(key=field.label,
                values=masked_values(field)[0] if masked else field.values,
                field_id=f"{field.step_key}-{field.name}",
                change_url=url_for("apply.step", application_id=application.id,
                                   step_key=field.step_key, **BACK_TO_CHECK))
            for field in answer_fields(service, context, application.answers)]


@dataclass(frozen=True)
class DocumentGroup:
    title: str
    files: list[Document]
    code: str | None = None  # None: "Other documents"
    required: bool = False


def sent_documents(requirements: Sequence[DocumentRequirement],
                   current: Sequence[Document]) -> list[DocumentGroup]:
    """The files sent, under the document each one was asked for; files added for a
    requirement no longer listed (answers changed since) come last, under "Other documents"."""
    groups = [DocumentGroup(str(r.title), [d for d in current if d.requirement_code == r.code],
                            r.code, r.required)
              for r in requirements]
    listed = {r.code for r in requirements}
    others = [d for d in current if d.requirement_code not in listed]
    if others:
        groups.append(DocumentGroup(_("Other documents"), others))
    return groups
