"""The wizard engine: which steps are on a person's path, where to resume, what comes next.

Pure functions over a ServiceDefinition and the answers so far. A step is on the path when its
condition holds for the answers before it; a step can be opened only when every step before it on
the path has been answered (no skipping ahead by URL).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.casework.answers import PARTIAL  # a step saved with "save and come back later"
from app.services.model import Answers, ServiceDefinition, Step, StepContext


def path(service: ServiceDefinition, context: StepContext, answers: Answers) -> list[Step]:
    return [step for step in service.steps if step.applies(context, answers)]


def is_answered(step: Step, answers: Answers) -> bool:
    answer = answers.get(step.key)
    return answer is not None and not answer.get(PARTIAL, False)


def first_unanswered(service: ServiceDefinition, context: StepContext,
                     answers: Answers) -> Step | None:
    return next((step for step in path(service, context, answers)
                 if not is_answered(step, answers)), None)


def can_open(service: ServiceDefinition, context: StepContext, answers: Answers,
             key: str) -> bool:
    for step in path(service, context, answers):
        if step.key == key:
            return True
        if not is_answered(step, answers):
            return False
    return False


def next_step(service: ServiceDefinition, context: StepContext, answers: Answers,
              key: str) -> Step | None:
    """The next unanswered step after this one; None when everything is answered."""
    steps = path(service, context, answers)
    keys = [step.key for step in steps]
    later = steps[keys.index(key) + 1:] if key in keys else []
    following = next((step for step in later if not is_answered(step, answers)), None)
    return following or first_unanswered(service, context, answers)


def previous_step(service: ServiceDefinition, context: StepContext, answers: Answers,
                  key: str) -> Step | None:
    steps = path(service, context, answers)
    keys = [step.key for step in steps]
    if key not in keys or keys.index(key) == 0:
        return None
    return steps[keys.index(key) - 1]


@dataclass(frozen=True)
class Progress:
    number: int
    total: int


def progress(service: ServiceDefinition, context: StepContext, answers: Answers,
             key: str) -> Progress:
    keys = [step.key for step in path(service, context, answers)]
    return Progress(number=keys.index(key) + 1 if key in keys else 1, total=len(keys))


def answers_on_path(service: ServiceDefinition, context: StepContext,
                    answers: Answers) -> dict[str, dict]:
    """Only what counts: answers to steps that later answers took off the path are left out."""
    return {step.key: dict(answers[step.key]) for step in path(service, context, answers)
            if is_answered(step, answers)}
