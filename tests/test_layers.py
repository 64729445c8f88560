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
