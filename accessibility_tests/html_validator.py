"""The Nu HTML Checker (vnu.jar, from the ``vnu-jar`` npm package in package-lock.json).

Valid HTML is what assistive technologies can rely on (it was WCAG 2.0/2.1 success criterion
4.1.1 Parsing; 2.2 dropped it because browsers now repair markup the same way, but broken
nesting, duplicate ids and invalid ARIA still break what screen readers are told).

Java starts once per test worker: ``HtmlChecker`` runs vnu.jar as its own small web service on a
free local port (``nu.validator.servlet.Main``), and each page's HTML is posted to it as soon as
the page has been opened, so a page's result belongs to that page's test and no document waits
for a batch at the end. After the first few documents (the JVM warming up) a check takes a few
milliseconds.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from typing import Any

from accessibility_tests.axe_audit import PROJECT_ROOT

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make test` (it runs scripts/install-browser.sh: Java and npm ci)"
STARTUP_SECONDS = 90  # the JVM and the checker's schemas; about 5 s when the machine is idle


class ValidatorError(RuntimeError):
    """The checker could not run, or said something we cannot read."""


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise ValidatorError(f"the HTML checker needs Java 11 or later: {INSTALL_HINT}")
    if not VNU_JAR.is_file():
        raise ValidatorError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class HtmlChecker:
    """vnu.jar as a local service; ``errors(html)`` checks one document."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/?out=json&level=error"
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open until close()
        self._process = subprocess.Popen(
            [java(), "-Xss8m", "-Dnu.validator.servlet.bind-address=127.0.0.1",
             "-cp", str(VNU_JAR), "nu.validator.servlet.Main", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ValidatorError(f"vnu.jar stopped at start:\n{self._output()}")
            try:
                self.errors("<!doctype html><html lang=en><title>ready?</title>")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        output = self._output()  # read before close() closes the log
        self.close()
        raise ValidatorError(f"vnu.jar did not answer within {STARTUP_SECONDS} s:\n{output}")

    def _output(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-2000:]

    def errors(self, html: str) -> list[dict[str, Any]]:
        """The checker's errors for one document (an empty list when it is valid)."""
        request = urllib.request.Request(
            self.url, data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"}, method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read().decode("utf-8")
        try:
            report = json.loads(body)
        except json.JSONDecodeError as exc:
            raise ValidatorError(f"vnu.jar answered without a JSON report:\n{body[:2000]}") from exc
        return [message for message in report.get("messages", [])
                if message.get("type") in ("error", "non-document-error")]

    def close(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


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
