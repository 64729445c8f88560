"""The Nu HTML Checker (vnu.jar, from the ``vnu-jar`` npm package in package-lock.json).

Valid HTML is what assistive technologies can rely on (it was WCAG 2.0/2.1 success criterion
4.1.1 Parsing; 2.2 dropped it because browsers now repair markup the same way, but broken
nesting, duplicate ids and invalid ARIA still break what screen readers are told).

Java starts once for all documents: ``validate`` writes nothing itself, it is handed the files
and runs ``java -jar vnu.jar --format json --errors-only FILE...`` over all of them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from accessibility_tests.axe_audit import PROJECT_ROOT

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make test` (it runs scripts/install-browser.sh: Java and npm ci)"


class ValidatorError(RuntimeError):
    """The checker could not run, or said something we cannot read."""


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise ValidatorError(f"the HTML checker needs Java 11 or later: {INSTALL_HINT}")
    if not VNU_JAR.is_file():
        raise ValidatorError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    return found


def _path_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path)).resolve()


def validate(files: Iterable[Path], *, timeout: float = 600) -> dict[Path, list[dict[str, Any]]]:
    """Errors per file (an empty list for a valid one)."""
    paths = [Path(f).resolve() for f in files]
    if not paths:
        return {}
    command = [java(), "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only",
               *map(str, paths)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    # vnu exits 1 when it found errors and writes its JSON to stderr.
    output = run.stderr.strip() or run.stdout.strip()
    try:
        report = json.loads(output)
    except json.JSONDecodeError as exc:
        raise ValidatorError(
            f"vnu.jar exited {run.returncode} without a JSON report:\n{output[-2000:]}"
        ) from exc
    found: dict[Path, list[dict[str, Any]]] = {path: [] for path in paths}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = _path_of(message.get("url", ""))
        if path not in found:
            raise ValidatorError(f"vnu.jar reported on an unexpected file: {message}")
        found[path].append(message)
    return found


def format_messages(name: str, url: str, messages: list[dict[str, Any]]) -> str:
    lines = [f"Nu HTML Checker: {len(messages)} error(s) on {name} <{url}>"]
    for message in messages:
        where = ""
        if message.get("lastLine"):
            where = f"line {message['lastLine']}"
            if message.get("firstColumn"):
                where += f", columns {message['firstColumn']}-{message.get('lastColumn')}"
            elif message.get("lastColumn"):
                where += f", column {message['lastColumn']}"
            where += ": "
        lines.append(f"- {where}{message.get('message', message)}")
        extract = (message.get("extract") or "").replace("\n", "⏎")
        if extract:
            lines.append(f"    {extract}")
    return "\n".join(lines)
