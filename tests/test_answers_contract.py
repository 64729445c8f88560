"""The answers JSON is read through app/domain/answers.py: no string key into it anywhere else.

A service definition reads its own steps (it declares them), so the service modules are left out;
everything else (the domain, the web layer, the shared steps, the demo data) asks the accessors.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNER = ROOT / "app" / "domain" / "answers.py"
# The service definitions: each reads the steps it declares, and its pre-check's own answers.
SERVICE_DEFINITIONS = {ROOT / "app" / "services" / name for name in (
    "two_subsidies.py", "disability_assessment.py", "home_modification.py",
    "assistive_devices.py", "one_application.py")}


def _is_answers(expr: ast.expr) -> bool:
    """``answers``, ``x.answers``, ``(x.answers or {})``, ``answers.get(...)`` chains' start."""
    match expr:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name in ("answers", "answers_on_path")
        case ast.BoolOp(op=ast.Or(), values=[first, *_]):
            return _is_answers(first)
    return False


def _string_keys_into_answers(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        match node:
            case ast.Subscript(value=value, slice=ast.Constant(value=str())) \
                    if _is_answers(value):
                lines.append(node.lineno)
            case ast.Call(func=ast.Attribute(value=value, attr="get"),
                          args=[ast.Constant(value=str()), *_]) if _is_answers(value):
                lines.append(node.lineno)
    return lines


def _guarded_files() -> list[Path]:
    return [path for path in sorted((ROOT / "app").rglob("*.py"))
            if path != OWNER and path not in SERVICE_DEFINITIONS]


def test_no_string_key_into_the_answers_outside_their_module() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}" for path in _guarded_files()
             for line in _string_keys_into_answers(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "read the answers through app/domain/answers.py"


def test_the_check_finds_a_string_key() -> None:
    for source in ('answers["phone"]["phone"]', 'application.answers.get("phone")',
                   '(application.answers or {}).get("contact")', 'answers.get("id_number", {})'):
        assert _string_keys_into_answers(ast.parse(source)) == [1], source
    for source in ("answers[step.key]", "answers.get(step_key)", 'form.data.get("phone")'):
        assert _string_keys_into_answers(ast.parse(source)) == [], source
