"""How a service (服务事项) is declared: texts, pre-check, steps, documents, declaration, stages.

One wizard engine (app/services/wizard.py) runs every definition; adding a service is adding a
definition, never new views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from flask_wtf import FlaskForm

from app.domain.casework.made_by import FilledBy, MadeBy
from app.domain.models import Account, Application, Channel
from app.domain.rules.service_rules import ServiceRules, rules_for
from app.services.texts import ServiceTexts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Answers of an application: {step key: {field name: value}}, JSON-serialisable.
Answers = Mapping[str, Mapping[str, Any]]
Condition = Callable[["StepContext", Answers], bool]


@dataclass(frozen=True)
class PersonFacts:
    """What is already on record about the person, to fill in the forms for them."""

    full_name: str
    id_number: str
    phone: str | None = None
    county_code: str | None = None
    township_code: str | None = None
    address_line: str | None = None
    # A cancelled card bars a new one until this day (app.domain.people.cards); None: not barred.
    new_card_from: date | None = None


@dataclass(frozen=True)
class StepContext:
    """What the wizard knows besides the answers: how the application is being made."""

    channel: Channel  # online or at a counter
    person: PersonFacts | None = None  # on record already: counter, agent, or returning resident
    people: tuple[tuple[int, str], ...] = ()  # whom the signed-in account may apply for
    area_code: str | None = None  # counter staff: where they work
    # Who fills the forms: the applicant themself, an agent (代办人) or counter staff (窗口).
    filled_by: FilledBy = FilledBy.APPLICANT
    # An agent acts for the applicant: online, or present at the counter (their relationship).
    agent_relationship: str | None = None

    @property
    def on_behalf(self) -> bool:
        """The declaration speaks of the applicant in the third person."""
        return self.filled_by != FilledBy.APPLICANT

    @property
    def agent_acts(self) -> bool:
        return self.agent_relationship is not None
    # Applying online for oneself: the number confirmed at sign-up and the site's language,
    # offered (never forced) as answers the first time.
    own_phone: str | None = None
    language: str | None = None


def context_of_maker(made_by: MadeBy) -> dict[str, Any]:
    """StepContext fields from who makes the application."""
    return {"filled_by": made_by.filled_by, "agent_relationship": made_by.relationship}


def always(_context: StepContext, _answers: Answers) -> bool:
    return True


class NotAllowed(Exception):
    """An answer names a record the account may not act on (another person's id typed into
    the form): the page answers "not found", so nobody learns which records exist."""


@dataclass(frozen=True)
class Saving:
    """The draft whose step answer was just saved, for the step's after_save hook."""

    session: Session
    account: Account  # who sends the step
    application: Application
    service: ServiceDefinition


class StepForm(FlaskForm):
    """A step's form that checks an answer against earlier answers or the person on record.

    The wizard passes both when it makes any step's form (WTForms ignores keywords that name no
    field, so plain FlaskForm steps take no notice); these forms keep them for their validators.
    """

    def __init__(self, *args: Any, answers: Answers | None = None,
                 context: StepContext | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers: Answers = answers or {}
        self.context = context

@dataclass(frozen=True)
class Step:
    key: str  # in URLs and in the answers
    form: type[FlaskForm]
    title: Any  # the page's <h1> (and the question when the step has one field)
    applies: Condition = always
    # The field whose label is the <h1> when the page asks one question; None for a group.
    heading_field: str | None = None
    description: Any = None  # a paragraph under the heading
    # Fills dynamic choices (people, townships) before the form is shown or checked.
    prepare: Callable[[FlaskForm, StepContext, Answers], None] | None = None
    # Answers for a person already on record, offered the first time the step is shown.
    prefill: Callable[[StepContext], dict[str, Any] | None] | None = None
    # Steps whose answers no longer hold when this step's answer changes.
    clears: tuple[str, ...] = ()
    # What else changes with the saved answer (whom the application is for); the wizard makes
    # its context again afterwards. It may raise NotAllowed.
    after_save: Callable[[Saving, Mapping[str, Any]], None] | None = None
    # More for the step's page, as template variables (the birth date read from the ID number).
    page_facts: Callable[[StepContext, Answers], Mapping[str, Any]] | None = None
    # It asks the applicant's ID number: each answer sent is a number tried, which the web
    # layer's per-account limit counts.
    asks_id_number: bool = False


@dataclass(frozen=True)
class DocumentRequirement:
    code: str
    title: Any
    hint: Any
    applies: Condition = always
    required: bool = True


@dataclass(frozen=True)
class Declaration:
    """One statement of the declaration: as the applicant says it, and as the agent or counter
    staff say it for the applicant (the third person: "The applicant …")."""

    own: Any
    on_behalf: Any
    applies: Condition = always


@dataclass(frozen=True)
class Stage:
    """A stage after approval, shown to applicants and worked by staff; its code and order come
    from app/domain/rules/service_rules.py, where the status machine enforces them."""

    code: str
    title: Any


@dataclass(frozen=True)
class Advice:
    """One line of the eligibility pre-check: it advises and never stops anyone applying."""

    likely: bool
    reason: str


@dataclass(frozen=True)
class ServiceDefinition:
    code: str
    texts: ServiceTexts
    steps: tuple[Step, ...]
    documents: tuple[DocumentRequirement, ...] = ()
    declaration: tuple[Declaration, ...] = ()
    stages: tuple[Stage, ...] = ()
    precheck_form: type[FlaskForm] | None = None
    precheck: Callable[[Mapping[str, Any]], list[Advice]] | None = None

    def __post_init__(self) -> None:
        rules = rules_for(self.code)
        if rules is None:
            raise ValueError(f"{self.code}: no rules in app/domain/rules/service_rules.py")
        codes = tuple(stage.code for stage in self.stages)
        if codes != rules.stages:
            raise ValueError(f"{self.code}: stages {codes} differ from the domain's "
                             f"{rules.stages} (app/domain/rules/service_rules.py)")

    @property
    def rules(self) -> ServiceRules:
        """The domain's rules of the service, which this definition adds titles and forms to."""
        rules = rules_for(self.code)
        assert rules is not None  # checked when declared
        return rules

    def stage(self, code: str | None) -> Stage | None:
        return next((stage for stage in self.stages if stage.code == code), None)

    def step(self, key: str) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)

    def id_number_step(self) -> Step | None:
        """Where the applicant's ID number is asked (and asked again when it is taken)."""
        return next((step for step in self.steps if step.asks_id_number), None)

    def declaration_lines(self, context: StepContext, answers: Answers) -> list[Any]:
        """The statements that apply, in the first person or, for an agent or counter staff,
        about the applicant in the third person."""
        return [line.on_behalf if context.on_behalf else line.own
                for line in self.declaration if line.applies(context, answers)]

    def fill_held(self, session: Session, application: Application) -> None:
        """Answers the portal holds already, added to the draft; only one application (issue 23)
        has any, so by default nothing."""

    def documents_for(self, context: StepContext, answers: Answers) -> list[DocumentRequirement]:
        return [r for r in self.documents if r.applies(context, answers)]

    def documents_of_sent(self, *, channel: Channel, made_by: Mapping[str, Any] | None,
                          answers: Answers) -> list[DocumentRequirement]:
        """The documents a sent application needs, from its answers and who made it (what
        staff check; made_by as Application.made_by records it): never every document the
        service knows."""
        maker = context_of_maker(MadeBy.from_record(made_by))
        return self.documents_for(StepContext(channel=channel, **maker), answers)

    def document_titles(self, needed: list[DocumentRequirement]) -> dict[str, Any]:
        """Each document code's title as this application asks for it. One code can have several
        titles (proof of the home: property certificate, homestead certificate, tenancy
        agreement), so the title comes from what applies; a code no longer needed keeps the
        first title the service gives it."""
        titles: dict[str, Any] = {}
        for requirement in (*needed, *self.documents):
            titles.setdefault(requirement.code, requirement.title)
        return titles
