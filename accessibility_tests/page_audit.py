"""Every check on one registered page state in one language, from one page load.

``check_page_state`` opens the page once, with the standard display, and then:

- axe (axe_audit.py): every WCAG 2.0/2.1/2.2 A and AA rule, in the standard display and again
  in each display setting, switched in place (page_states.show_display); in high contrast the
  AAA contrast rule runs too. A run of axe on a page already loaded costs about a tenth of a
  second, the page load it replaces several times that, so each display setting gets the whole
  rule set rather than only the rules that CSS can change;
- accessible names (accessible_names.py): from Chromium's accessibility tree, in every display
  setting (CSS can hide or show what a name is made of);
- reflow at 320 CSS px (reflow.py), in every display setting: the viewport is narrowed once,
  then each setting is switched in and measured (narrowing a loaded page lays it out as loading
  it narrow would: test_display_in_place.py);
- valid HTML (html_validator.py): the HTML the server sent, once per page state and language,
  since the display settings change no markup (only the classes on ``<html>``); the pages that
  do render the chosen setting are opened, and checked, once per setting.

It returns one ``CheckResult`` per check and display setting, so failures and the coverage
summary name exactly what was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from selenium.webdriver.remote.webdriver import WebDriver

from accessibility_tests.accessible_names import ControlNames, format_problems, name_problems
from accessibility_tests.axe_audit import audit, format_report, stay
from accessibility_tests.html_validator import HtmlChecker, format_messages
from accessibility_tests.page_states import HtmlCapture, OpenedPage, show_display, state_name
from accessibility_tests.pages import DISPLAY_STATES, AuditedPage
from accessibility_tests.reflow import WIDTH, measure, narrow_viewport, reflow_problems

ALL_DISPLAYS = tuple(DISPLAY_STATES)
# The display settings each check runs in (the report says why a check skips the others).
CHECK_DISPLAYS: dict[str, tuple[str, ...]] = {
    "axe": ALL_DISPLAYS,
    "names": ALL_DISPLAYS,
    "reflow": ALL_DISPLAYS,
    "html": ("default",),
}

Opener = Callable[[AuditedPage, str, str], OpenedPage]  # (page, language, display)


@dataclass(frozen=True)
class CheckResult:
    check: str  # a key of CHECK_DISPLAYS
    display: str
    problems: str = ""  # the failure message; empty when the check passed

    @property
    def passed(self) -> bool:
        return not self.problems


class PageStateAudit:
    """The checks for one page state in one language; the browser is driven by ``open_page``."""

    def __init__(self, browser: WebDriver, open_page: Opener, capture: HtmlCapture,
                 checker: HtmlChecker, page: AuditedPage, language: str) -> None:
        self.browser = browser
        self.open_page = open_page
        self.capture = capture
        self.checker = checker
        self.page = page
        self.language = language
        self.results: list[CheckResult] = []
        self.opened: OpenedPage | None = None
        self.names = ControlNames(browser)

    def run(self) -> list[CheckResult]:
        self._open("default")
        for display in ALL_DISPLAYS:
            self._show(display)
            self._axe(display)
            self._names(display)
            if display in CHECK_DISPLAYS["html"] or self.page.reload_per_display:
                self._html(display)
            if self.page.reload_per_display:
                with narrow_viewport(self.browser):
                    self._reflow(display)
        if not self.page.reload_per_display:
            with narrow_viewport(self.browser):
                for display in ALL_DISPLAYS:
                    self._show(display)
                    self._reflow(display)
        return self.results

    # --- showing the page in a display setting ---

    def _open(self, display: str) -> None:
        self.opened = self.open_page(self.page, self.language, display)

    def _show(self, display: str) -> None:
        """The page in ``display``: switched in place, or opened again when its markup shows
        the setting (it was opened with the standard display)."""
        if not self.page.reload_per_display:
            show_display(self.browser, self._name(display), display)
        elif display != "default":
            self._open(display)

    def _name(self, display: str) -> str:
        return state_name(self.page, self.language, display)

    def _add(self, check: str, display: str, problems: str = "") -> None:
        self.results.append(CheckResult(check, display, problems))

    # --- the checks ---

    def _axe(self, display: str) -> None:
        url = self.browser.current_url
        violations = audit(self.browser, url, name=self._name(display), prepare=stay,
                           extra_rules=DISPLAY_STATES[display].extra_rules)
        self._add("axe", display, format_report(self._name(display), url, violations)
                  if violations else "")

    def _names(self, display: str) -> None:
        controls = self.names.read()
        if not controls:
            self._add("names", display, f"{self._name(display)}: no focusable control found "
                                        "(not even the skip link)")
            return
        problems = name_problems(controls)
        self._add("names", display, format_problems(
            self._name(display), self.browser.current_url, problems) if problems else "")

    def _reflow(self, display: str) -> None:
        measured = measure(self.browser)
        problems = reflow_problems(measured)
        if measured["width"] != WIDTH:
            problems.insert(0, f"the viewport is {measured['width']} px, not {WIDTH}")
        self._add("reflow", display, (
            f"reflow at {WIDTH} px: {self._name(display)} <{self.browser.current_url}>\n"
            + "\n".join(problems)) if problems else "")

    def _html(self, display: str) -> None:
        url = self.browser.current_url
        html = self.capture.last_document(urlsplit(url).path)
        if html is None:
            self._add("html", display,
                      f"{self._name(display)}: the server's HTML for this page was not captured")
            return
        errors = self.checker.errors(html)
        self._add("html", display, format_messages(self._name(display), url, errors)
                  if errors else "")
