"""The answers JSON is read through app/domain/casework/answers.py, and who made an application (its
made_by JSON) through app/domain/casework/made_by.py: no string key into either anywhere else, in
the code or in the templates.

A service definition reads its own steps (it declares them), so the service modules are left out;
everything else (the domain, the web layer, the shared steps, the demo data) asks the accessors.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWNER = ROOT / "app" / "domain" / "casework" / "answers.py"
MADE_BY_OWNER = ROOT / "app" / "domain" / "casework" / "made_by.py"
# The service definitions: each reads the steps it declares, and its pre-check's own answers.
SERVICE_DEFINITIONS = {ROOT / "app" / "services" / name for name in (
    "two_subsidies.py", "disability_assessment.py", "home_modification.py",
    "assistive_devices.py", "one_application.py")}


ANSWERS = ("answers", "answers_on_path")
MADE_BY = ("made_by",)
# In a template: answers["x"], answers.get("x"), answers.x (a dict's key read as an attribute);
# iterating over them (.items()) names no key. The same for a made_by record.
TEMPLATE_KEY = re.compile(r"\b(?:answers|made_by)\s*(?:\[\s*['\"]|\.get\(\s*['\"])"
                          r"|\banswers\.(?!(?:items|keys|values)\b)[a-z_]+")


def _is_record(expr: ast.expr, names: tuple[str, ...]) -> bool:
    """``answers``, ``x.answers``, ``(x.answers or {})``, ``answers.get(...)`` chains' start."""
    match expr:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name in names
        case ast.BoolOp(op=ast.Or(), values=[first, *_]):
            return _is_record(first, names)
    return False


def _string_keys_into(tree: ast.Module, names: tuple[str, ...]) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        match node:
            case ast.Subscript(value=value, slice=ast.Constant(value=str())) \
                    if _is_record(value, names):
                lines.append(node.lineno)
            case ast.Call(func=ast.Attribute(value=value, attr="get"),
                          args=[ast.Constant(value=str()), *_]) if _is_record(value, names):
                lines.append(node.lineno)
    return lines


def _string_keys_into_answers(tree: ast.Module) -> list[int]:
    return _string_keys_into(tree, ANSWERS)


def _string_keys_in_template(text: str) -> list[int]:
    return [text.count("\n", 0, found.start()) + 1 for found in TEMPLATE_KEY.finditer(text)]


def _guarded_files(owner: Path) -> list[Path]:
    return [path for path in sorted((ROOT / "app").rglob("*.py"))
            if path != owner and path not in SERVICE_DEFINITIONS]


def test_no_string_key_into_the_answers_outside_their_module() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}" for path in _guarded_files(OWNER)
             for line in _string_keys_into_answers(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "read the answers through app/domain/casework/answers.py"


def test_no_string_key_into_who_made_an_application_outside_its_module() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}" for path in _guarded_files(MADE_BY_OWNER)
             for line in _string_keys_into(ast.parse(path.read_text(encoding="utf-8")), MADE_BY)]
    assert found == [], "read Application.made_by through app/domain/casework/made_by.py (MadeBy)"


def test_no_template_reads_the_answers_or_made_by_by_key() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}"
             for path in sorted((ROOT / "templates").rglob("*.html"))
             for line in _string_keys_in_template(path.read_text(encoding="utf-8"))]
    assert found == [], "give the template typed facts (app/domain/casework/answers.py, MadeBy)"


def test_the_check_finds_a_string_key() -> None:
    for source in ('answers["phone"]["phone"]', 'application.answers.get("phone")',
                   '(application.answers or {}).get("contact")', 'answers.get("id_number", {})'):
        assert _string_keys_into_answers(ast.parse(source)) == [1], source
    for source in ("answers[step.key]", "answers.get(step_key)", 'form.data.get("phone")'):
        assert _string_keys_into_answers(ast.parse(source)) == [], source
    for source in ('application.made_by["agent_name"]', '(made_by or {}).get("filled_by")'):
        assert _string_keys_into(ast.parse(source), MADE_BY) == [1], source
    assert _string_keys_into(ast.parse("made_by.agent_name"), MADE_BY) == []


def test_the_template_check_finds_a_string_key() -> None:
    for text in ("{{ application.answers.contact.phone }}", "{{ answers['phone'] }}",
                 '{{ made_by.get("agent_name") }}', "{% if made_by['filled_by'] %}"):
        assert _string_keys_in_template("<p>\n" + text) == [2], text
    for text in ("{% for question, value in case.answers.items() %}", "{{ made_by.agent_name }}",
                 "<a href='#answers'>"):
        assert _string_keys_in_template(text) == [], text
