"""``--audit-report=PATH``: an HTML report of the accessibility audit for people who do not
read test output (``make audit`` writes reports/accessibility.html); and the coverage summary
printed at the end of every run of the audit.

A pytest plugin: conftest.py adds the option and calls ``configure``. Page tests keep their
results per check and display setting on their reports (``record_page_results``, as
``user_properties``, which pytest-xdist carries from the workers), so both work the same with
and without workers. ``AuditReport`` writes one self-contained, accessible HTML page at the end
of the session: a summary, what each check means with links to the WCAG success criteria, then
every page with a table of its states, languages and display settings against the checks, and
the details of each problem. ``Coverage`` prints how many page states each check covered, so a
drop in coverage shows in every run.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.languages import LANGUAGES as APP_LANGUAGES

OPTION = "--audit-report"

WCAG = "https://www.w3.org/WAI/WCAG22/Understanding/"


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    explanation: str
    criteria: tuple[tuple[str, str], ...]  # (label, url)
    not_needed: str = ""  # why it does not run in some display settings (page_audit.py)


CHECKS: dict[str, Check] = {  # by key, in the order the report lists them
    "axe": Check(
        "axe",
        "Automatic WCAG checks",
        "The axe-core checker tests the page against the automatically testable rules of WCAG "
        "2.0, 2.1 and 2.2 at levels A and AA: text alternatives, colour contrast (7:1 in high "
        "contrast), labels, headings, landmarks, language, ARIA and more. In high contrast "
        "the stricter AAA contrast rule runs too.",
        (("WCAG 2.2 (all success criteria)", "https://www.w3.org/TR/WCAG22/"),
         ("1.4.3 Contrast (Minimum)", WCAG + "contrast-minimum.html"),
         ("1.4.6 Contrast (Enhanced)", WCAG + "contrast-enhanced.html")),
    ),
    "names": Check(
        "names",
        "Names of links, buttons and fields",
        "Every link, button and form field has a name that screen readers announce, taken "
        "from the browser's own accessibility tree, and that name contains the words shown on "
        "screen, so people using voice control can say what they see.",
        (("4.1.2 Name, Role, Value", WCAG + "name-role-value.html"),
         ("2.5.3 Label in Name", WCAG + "label-in-name.html")),
    ),
    "reflow": Check(
        "reflow",
        "Reflow and large text",
        "The page is shown 320 pixels wide, as on a small phone or at 400% zoom on a computer. "
        "Nothing may need scrolling sideways and no text may be cut off. This is done with "
        "the standard display and with each display setting, alone and all at once.",
        (("1.4.10 Reflow", WCAG + "reflow.html"),
         ("1.4.4 Resize Text", WCAG + "resize-text.html"),
         ("1.4.12 Text Spacing", WCAG + "text-spacing.html")),
    ),
    "html": Check(
        "html",
        "Valid HTML",
        "The page's code is checked with the W3C's Nu HTML Checker and must have no errors. "
        "Assistive technologies such as screen readers rely on well-formed code.",
        (("4.1.1 Parsing (WCAG 2.0 and 2.1)", "https://www.w3.org/WAI/WCAG21/Understanding/"
          "parsing.html"),
         ("Nu HTML Checker", "https://validator.github.io/validator/")),
        not_needed="Checked with the standard display: the display settings change no markup",
    ),
    "keyboard": Check(
        "keyboard",
        "Keyboard only",
        "A person using only a keyboard (Tab, Shift+Tab, Space, arrow keys and Enter) answers "
        "every question of the application. Focus must always be visible, must never get "
        "stuck, and after a mistake it must move to the list of problems at the top.",
        (("2.1.1 Keyboard", WCAG + "keyboard.html"),
         ("2.1.2 No Keyboard Trap", WCAG + "no-keyboard-trap.html"),
         ("2.4.3 Focus Order", WCAG + "focus-order.html"),
         ("2.4.7 Focus Visible", WCAG + "focus-visible.html"),
         ("3.3.1 Error Identification", WCAG + "error-identification.html")),
    ),
}
PAGE_CHECKS = ("axe", "names", "reflow", "html")
# Tests that are one check each (the page checks report theirs through user_properties).
TEST_CHECKS = {"test_questions_can_be_answered_with_the_keyboard_only": "keyboard"}
# user_properties keys (set in the workers, read where the report is written).
STATE_PROPERTY = "audit-page-state"  # (page id, language)
CHECK_PROPERTY = "audit-check"  # (check key, display, problems or "")
WIZARD_PROPERTY = "audit-wizard-states"  # the number of wizard step states axe audited

LANGUAGE_NAMES = {language.code: language.english_name for language in APP_LANGUAGES}
DISPLAY_NAMES = {
    "default": "standard display",
    "text-150": "text at 150% (elder mode)",
    "text-200": "text at 200%",
    "high-contrast": "high contrast",
    "wide-spacing": "wide spacing",
    "reduced-motion": "reduced motion",
    "largest-high-contrast": "largest text (200%), high contrast, wide spacing, reduced motion",
}
STATE_NAMES = {
    "default": "as it first opens",
    "errors": "after sending the form empty (with error messages)",
    "saved": "after saving",
    "result": "showing the result",
    "agent-present": "with the agent present at the counter",
}
SERVICE_NAMES = {
    "two-subsidies": "Living allowance and care allowance for disabled people",
    "disability-assessment": "Disability assessment",
    "home-modification": "Making your home accessible",
    "assistive-devices": "Assistive devices",
}
OUTCOME_TEXT = {"passed": "Passed", "failed": "Failed", "error": "Could not run",
                "skipped": "Skipped"}


@dataclass
class Result:
    check: Check | None
    test: str
    nodeid: str
    page: Any = None  # pages.AuditedPage
    language: str | None = None
    display: str | None = None
    service: str | None = None
    outcome: str = "passed"
    details: list[str] = field(default_factory=list)
    duration: float = 0.0


def record_page_results(node: pytest.Item, page: Any, language: str, results: Any) -> None:
    """Keep a page test's results per check and display on its report (for xdist too)."""
    node.user_properties.append((STATE_PROPERTY, (page.id, language)))
    for result in results:
        node.user_properties.append((CHECK_PROPERTY, (result.check, result.display,
                                                      result.problems)))


def record_wizard_states(node: pytest.Item, count: int) -> None:
    node.user_properties.append((WIZARD_PROPERTY, count))


def _properties(report: pytest.TestReport, key: str) -> list[Any]:
    return [value for name, value in report.user_properties if name == key]


def add_option(parser: pytest.Parser) -> None:
    parser.getgroup("accessibility").addoption(
        OPTION, metavar="PATH", default=None,
        help="write an HTML report of the accessibility audit to PATH",
    )


def configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # reports reach the controller, which writes the summary and the report
    config.pluginmanager.register(Coverage(), "accessibility-audit-coverage")
    path = config.getoption(OPTION, default=None)
    if path:
        config.pluginmanager.register(AuditReport(Path(path)), "accessibility-audit-report")


def _message(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if longrepr is None:
        return ""
    if isinstance(longrepr, str):
        return longrepr
    if isinstance(longrepr, tuple):  # a skip: (file, line, reason)
        return str(longrepr[-1])
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None and crash.message:
        return crash.message
    return report.longreprtext


def _test_name(nodeid: str) -> str:
    """"accessibility_tests/test_x.py::test_y[a-b]" -> "test_y"."""
    return nodeid.rpartition("::")[2].partition("[")[0]


def expected_page_checks(check: str) -> int:
    """How many page states x languages x display settings the registry asks ``check`` for."""
    from accessibility_tests.page_audit import ALL_DISPLAYS, CHECK_DISPLAYS
    from accessibility_tests.pages import LANGUAGES, PAGES

    return len(LANGUAGES) * sum(
        len(ALL_DISPLAYS if page.reload_per_display else CHECK_DISPLAYS[check]) for page in PAGES
    )


class Coverage:
    """Prints, at the end of the run, how many page states each check covered (and failed)."""

    def __init__(self) -> None:
        self.checked: dict[str, int] = defaultdict(int)
        self.failed: dict[str, int] = defaultdict(int)
        self.wizard_states = 0
        self.journeys = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        for check, _display, problems in _properties(report, CHECK_PROPERTY):
            self.checked[check] += 1
            self.failed[check] += bool(problems)
        self.wizard_states += sum(_properties(report, WIZARD_PROPERTY))
        if TEST_CHECKS.get(_test_name(report.nodeid)) == "keyboard":
            self.journeys += 1

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.checked and not self.wizard_states and not self.journeys:
            return
        write = terminalreporter.write_line
        terminalreporter.section("accessibility audit coverage")
        write("page states checked (page state x language x display setting), "
              "failed, and how many the registry (pages.py) holds:")
        for key in PAGE_CHECKS:
            write(f"  {CHECKS[key].title:<36} {self.checked[key]:>6} checked "
                  f"{self.failed[key]:>5} failed   of {expected_page_checks(key)}")
        write(f"  {'Application steps (axe, wizard walk)':<36} {self.wizard_states:>6} checked")
        write(f"  {'Keyboard-only journeys':<36} {self.journeys:>6} run")


class AuditReport:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.results: dict[Any, Result] = {}
        self.started = datetime.datetime.now()

    # --- collecting ---

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        states = _properties(report, STATE_PROPERTY)
        if states:
            if report.when == "call":
                self._page_results(report, *states[0])
        elif report.when == "call" or not report.passed:  # not a set-up or tear-down that passed
            self._test_result(report)

    def _page_results(self, report: pytest.TestReport, page_id: str, language: str) -> None:
        """One result per check and display setting of a page test."""
        from accessibility_tests.page_audit import CHECK_DISPLAYS
        from accessibility_tests.pages import DISPLAY_STATES, PAGES

        page = next(p for p in PAGES if p.id == page_id)
        for check, display, problems in _properties(report, CHECK_PROPERTY):
            self.results[(check, page_id, language, display)] = Result(
                CHECKS[check], report.nodeid, report.nodeid, page, language, display,
                outcome="failed" if problems else "passed",
                details=[problems[:20000]] if problems else [])
        if report.passed:
            return
        # What never ran, because the page could not be opened or a check broke off.
        message = _message(report).strip()[:20000]
        for check, displays in CHECK_DISPLAYS.items():
            for display in DISPLAY_STATES if page.reload_per_display else displays:
                key = (check, page_id, language, display)
                if key not in self.results:
                    self.results[key] = Result(CHECKS[check], report.nodeid, report.nodeid, page,
                                               language, display, outcome="error",
                                               details=[message])

    def _test_result(self, report: pytest.TestReport) -> None:
        result = self.results.get(report.nodeid)
        if result is None:
            test = _test_name(report.nodeid)
            check = TEST_CHECKS.get(test)
            service = report.nodeid.partition("[")[2].rstrip("]") or None
            result = self.results[report.nodeid] = Result(
                CHECKS[check] if check else None, test, report.nodeid,
                service=service if check else None)
        result.duration += report.duration
        if report.passed:
            return
        if report.skipped:
            if result.outcome == "passed":
                result.outcome = "skipped"
        elif report.when == "call":
            result.outcome = "failed"
        elif result.outcome != "failed":
            result.outcome = "error"
        message = _message(report).strip()
        if message:
            result.details.append(message[:20000])

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(render(list(self.results.values()), self.started), encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.write_line(f"accessibility report: {self.path.resolve()}")


# --- writing ---


def e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def anchor(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def status_cell(result: Result | None, check: Check, display: str | None, detail_id: str) -> str:
    from accessibility_tests.page_audit import CHECK_DISPLAYS

    if result is None:
        if display is not None and display not in CHECK_DISPLAYS.get(check.key, (display,)):
            return f'<td class="na">{e(check.not_needed)}</td>'
        return '<td class="na">Not run</td>'
    text = OUTCOME_TEXT[result.outcome]
    if result.outcome in ("failed", "error"):
        return (f'<td class="{result.outcome}"><strong>{text}</strong>: '
                f'<a href="#{detail_id}">see the problem</a></td>')
    return f'<td class="{result.outcome}">{text}</td>'


def describe_state(page: Any, language: str | None, display: str | None) -> str:
    parts = [STATE_NAMES.get(page.state, page.state)]
    if language:
        parts.append(LANGUAGE_NAMES.get(language, language))
    if display:
        parts.append(DISPLAY_NAMES.get(display, display))
    return ", ".join(parts)


def _detail(detail_id: str, heading: str, result: Result) -> str:
    text = "\n\n".join(result.details) or "(no message)"
    return (f'<div class="problem" id="{detail_id}"><h4>{e(heading)}</h4>'
            f'<pre>{e(text)}</pre></div>')


CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; font-size: 1.05rem;
  line-height: 1.5; color: #0b0c0c; background: #fff; margin: 0; }
main { max-width: 75rem; margin: 0 auto; padding: 1rem; }
a { color: #1a4fa0; }
a:focus { outline: 3px solid #0b0c0c; background: #ffdd00; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; padding: 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: 700; padding: 0.5rem 0; }
th, td { border: 1px solid #505a5f; padding: 0.4rem 0.6rem; text-align: left;
  vertical-align: top; }
thead th { background: #f3f2f1; }
.passed { color: #005a30; }
.failed, .error { color: #8a1c14; background: #fdf1f0; }
.na, .skipped { color: #3d4245; }
.verdict { font-size: 1.3rem; font-weight: 700; padding: 1rem; border: 4px solid; }
.verdict.passed { border-color: #00703c; }
.verdict.failed { border-color: #b3261e; }
.table-wrapper { overflow-x: auto; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f2f1; padding: 0.75rem;
  font-size: 0.9rem; }
.problem { border-left: 4px solid #b3261e; padding-left: 1rem; margin-bottom: 1rem; }
dt { font-weight: 700; margin-top: 1rem; }
dd { margin-left: 0; }
"""


def render(results: list[Result], started: datetime.datetime) -> str:
    from accessibility_tests.pages import DISPLAY_STATES, LANGUAGES, PAGES

    checks_by_key = CHECKS
    by_page: dict[tuple[str, str, str | None, str | None], Result] = {}
    journeys: list[Result] = []
    others: list[Result] = []
    for result in results:
        if result.check and result.check.key in PAGE_CHECKS and result.page is not None:
            by_page[(result.check.key, result.page.id, result.language, result.display)] = result
        elif result.check and result.check.key == "keyboard":
            journeys.append(result)
        else:
            others.append(result)

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for result in results:
        key = result.check.key if result.check else "other"
        counts[key][result.outcome] += 1
    failing = [r for r in results if r.outcome in ("failed", "error")]
    total = len(results)

    out: list[str] = []
    w = out.append
    w('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
      "<title>Accessibility audit report - Jilin Disability Services</title>\n"
      f"<style>{CSS}</style>\n</head>\n<body>\n"
      '<a class="skip" href="#main">Skip to the report</a>\n<main id="main">\n'
      "<h1>Accessibility audit report</h1>\n")
    finished = datetime.datetime.now()
    w(f"<p>Jilin Disability Services portal, checked on {e(finished.strftime('%Y-%m-%d %H:%M'))}"
      f" (the checks took {e(round((finished - started).total_seconds()))} seconds).</p>\n")

    # Summary
    w('<h2 id="summary">Summary</h2>\n')
    if total == 0:
        w('<p class="verdict failed">No checks ran.</p>\n')
    elif failing:
        w(f'<p class="verdict failed">{len(failing)} of {total} checks found a problem or could '
          "not run. The problems are listed below, under each page.</p>\n")
    else:
        w(f'<p class="verdict passed">All {total} checks passed.</p>\n')
    w('<div class="table-wrapper"><table>\n<caption>Results by kind of check</caption>\n<thead>'
      '<tr><th scope="col">Check</th><th scope="col">Passed</th><th scope="col">Failed</th>'
      '<th scope="col">Could not run or skipped</th></tr></thead>\n<tbody>\n')
    for key in (*PAGE_CHECKS, "keyboard", "other"):
        if key not in counts:
            continue
        title = checks_by_key[key].title if key in checks_by_key else "Other checks"
        c = counts[key]
        link = f'<a href="#check-{key}">{e(title)}</a>' if key in checks_by_key else e(title)
        w(f'<tr><th scope="row">{link}</th><td>{c["passed"]}</td><td>{c["failed"]}</td>'
          f'<td>{c["error"] + c["skipped"]}</td></tr>\n')
    w("</tbody></table></div>\n")
    w("<p>Every page is checked in Simplified Chinese, Korean and English, with the standard "
      "display and with each display setting alone and all at once (text at 150% and 200%, "
      "high contrast, wide spacing, reduced motion). "
      "Automatic checks find many but not all problems: they do not replace testing with "
      "disabled people.</p>\n")

    pages_with_problems: list[str] = []
    for result in failing:
        if result.page is not None and result.page.name not in pages_with_problems:
            pages_with_problems.append(result.page.name)
    if pages_with_problems:
        w("<h3>Pages with problems</h3>\n<ul>\n")
        for name in pages_with_problems:
            w(f'<li><a href="#page-{anchor(name)}">{e(name)}</a></li>\n')
        w("</ul>\n")

    # What the checks mean
    w('<h2 id="checks">What each check looks for</h2>\n<dl>\n')
    for check in CHECKS.values():
        links = ", ".join(f'<a href="{e(url)}">{e(label)}</a>' for label, url in check.criteria)
        w(f'<dt id="check-{check.key}">{e(check.title)}</dt>\n<dd><p>{e(check.explanation)}</p>'
          f"<p>WCAG: {links}</p></dd>\n")
    w("</dl>\n")

    # Per page
    w('<h2 id="pages">Results per page</h2>\n')
    page_names: list[str] = []
    for page in PAGES:
        if page.name not in page_names:
            page_names.append(page.name)
    detail_number = 0
    for name in page_names:
        states = [p for p in PAGES if p.name == name]
        w(f'<section aria-labelledby="page-{anchor(name)}">\n'
          f'<h3 id="page-{anchor(name)}">{e(name)}</h3>\n'
          f"<p>Address: <code>{e(states[0].path)}</code></p>\n")
        w('<div class="table-wrapper"><table>\n'
          f"<caption>Results for the page {e(name)}</caption>\n<thead><tr>"
          '<th scope="col">State, language and display</th>')
        for key in PAGE_CHECKS:
            w(f'<th scope="col">{e(checks_by_key[key].title)}</th>')
        w("</tr></thead>\n<tbody>\n")
        problems: list[str] = []
        for page in states:
            for language in LANGUAGES:
                for display in DISPLAY_STATES:
                    row_name = describe_state(page, language, display)
                    w(f'<tr><th scope="row">{e(row_name)}</th>')
                    for key in PAGE_CHECKS:
                        result = by_page.get((key, page.id, language, display))
                        detail_number += 1
                        detail_id = f"problem-{detail_number}"
                        w(status_cell(result, checks_by_key[key], display, detail_id))
                        if result is not None and result.outcome in ("failed", "error"):
                            problems.append(_detail(
                                detail_id, f"{checks_by_key[key].title}: {row_name}", result))
                    w("</tr>\n")
        w("</tbody></table></div>\n")
        out.extend(problems)
        w("</section>\n")

    # Keyboard journeys
    if journeys:
        check = CHECKS["keyboard"]
        w('<h2 id="journeys">Keyboard-only journeys</h2>\n')
        w(f"<p>{e(check.explanation)}</p>\n")
        w('<div class="table-wrapper"><table>\n<caption>One application per service, '
          'answered with the keyboard only</caption>\n<thead><tr><th scope="col">Service</th>'
          '<th scope="col">Result</th></tr></thead>\n<tbody>\n')
        problems = []
        for result in journeys:
            detail_number += 1
            detail_id = f"problem-{detail_number}"
            service = SERVICE_NAMES.get(result.service or "", result.service or result.test)
            w(f'<tr><th scope="row">{e(service)}</th>'
              f"{status_cell(result, check, None, detail_id)}</tr>\n")
            if result.outcome in ("failed", "error"):
                problems.append(_detail(detail_id, f"Keyboard only: {service}", result))
        w("</tbody></table></div>\n")
        out.extend(problems)

    if others:
        w('<h2 id="other">Other checks</h2>\n<p>Further audits (for example of every step of '
          "each application form) and the checks that make sure the audit covers every page of "
          "the website.</p>\n")
        w('<div class="table-wrapper"><table>\n<caption>Other checks</caption>\n'
          '<thead><tr><th scope="col">Check</th><th scope="col">Result</th></tr></thead>\n'
          "<tbody>\n")
        problems = []
        for result in others:
            detail_number += 1
            detail_id = f"problem-{detail_number}"
            # "test_wizard_steps.py::test_every_step[x]" -> "wizard steps: every step[x]"
            label = result.nodeid.rpartition("/")[2].replace(".py::test_", ": ")
            label = label.removeprefix("test_").replace("_", " ")
            cell = (f'<td class="{result.outcome}">{OUTCOME_TEXT[result.outcome]}'
                    + (f': <a href="#{detail_id}">see the problem</a>'
                       if result.outcome in ("failed", "error") else "") + "</td>")
            w(f'<tr><th scope="row">{e(label)}</th>{cell}</tr>\n')
            if result.outcome in ("failed", "error"):
                problems.append(_detail(detail_id, label, result))
        w("</tbody></table></div>\n")
        out.extend(problems)

    w("</main>\n</body>\n</html>\n")
    return "".join(out)
