"""The wizard's views (app/web/apply) run every service's steps the same way: what one step does
besides asking its question lives with the step (its hooks in app/services/model.Step), so no
view names a particular step, by its key or by its definition.
"""

from __future__ import annotations

import ast
from pathlib import Path

from app.services import (
    SERVICES_BY_CODE,
    assistive_devices,
    disability_assessment,
    home_modification,
    one_application,
    shared_steps,
    two_subsidies,
)
from app.services.model import Step

ROOT = Path(__file__).resolve().parent.parent
WIZARD_VIEWS = sorted((ROOT / "app" / "web" / "apply").glob("*.py"))
STEP_KEYS = frozenset(step.key for service in SERVICES_BY_CODE.values() for step in service.steps)
# The modules that declare steps, and the names they declare them under (APPLICANT, ID_NUMBER…).
STEP_MODULES = {module.__name__.rpartition(".")[2]: module for module in (
    shared_steps, two_subsidies, disability_assessment, home_modification, assistive_devices,
    one_application)}
STEP_NAMES = frozenset(name for module in STEP_MODULES.values()
                       for name, value in vars(module).items() if isinstance(value, Step))


def _particular_steps(tree: ast.Module) -> list[int]:
    """Lines naming a step: its key as a string, or its definition imported or read from the
    module that declares it."""
    lines = []
    for node in ast.walk(tree):
        match node:
            case ast.Constant(value=str(text)) if text in STEP_KEYS:
                lines.append(node.lineno)
            case ast.ImportFrom(module=str(module), names=names) \
                    if module.rpartition(".")[2] in STEP_MODULES \
                    and any(alias.name in STEP_NAMES for alias in names):
                lines.append(node.lineno)
            case ast.Attribute(value=ast.Name(id=module), attr=name) \
                    if module in STEP_MODULES and name in STEP_NAMES:
                lines.append(node.lineno)
    return lines


def test_the_wizard_views_name_no_particular_step() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}" for path in WIZARD_VIEWS
             for line in _particular_steps(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "give the step a hook (app/services/model.Step) instead"


def test_the_check_finds_a_particular_step() -> None:
    assert WIZARD_VIEWS and {"applicant", "id_number"} <= STEP_KEYS
    assert {"APPLICANT", "ID_NUMBER"} <= STEP_NAMES
    for source in ('if step_key == "applicant": pass',
                   'url_for("apply.step", step_key="id_number")',
                   "from app.services.shared_steps import ID_NUMBER",
                   "key = shared_steps.CONFIRM_IDENTITY.key"):
        assert _particular_steps(ast.parse(source)) == [1], source
    for source in ("if current.after_save is not None: pass", "MadeBy(FilledBy.APPLICANT)",
                   "from app.services.shared_steps import identity_facts",
                   'request.form.get("action")'):
        assert _particular_steps(ast.parse(source)) == [], source
