"""The domain and the service definitions stand apart from the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
    return modules


def test_the_domain_services_and_shared_forms_never_import_the_web_layer() -> None:
    reaching = sorted(
        f"{path.relative_to(ROOT)}: {module}"
        for package in ("app/domain", "app/services", "app/forms")
        for path in (ROOT / package).rglob("*.py")
        for module in _imports(path)
        if module == "app.web" or module.startswith("app.web."))
    assert reaching == []


def test_the_domain_never_imports_flask() -> None:
    """Codes leave the domain as codes; the web layer words them (docs/decisions/0006)."""
    reaching = sorted(
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "app/domain").rglob("*.py")
        for module in _imports(path)
        if module.split(".")[0] in ("flask", "flask_babel", "flask_wtf", "flask_login"))
    assert reaching == []


def test_no_state_is_compared_as_a_string() -> None:
    """`.status.value == "draft"` breaks silently when a state is renamed; the enums are
    template globals (app.web.labels) and importable everywhere (issue 26)."""
    import re

    spelled = re.compile(r"\.(?:status|to_status|from_status|state|role|channel|kind)\.value"
                         r"\s*(?:==|!=|in\b|not in\b)"
                         # and the member compared with its value: `.status == 'draft'`
                         r"|\.(?:status|to_status|from_status|state|role|channel)"
                         r"\s*(?:==|!=)\s*[\"']")
    found = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for folder, pattern in (("app", "*.py"), ("templates", "*.html"))
        for path in (ROOT / folder).rglob(pattern)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if spelled.search(line))
    assert found == []
