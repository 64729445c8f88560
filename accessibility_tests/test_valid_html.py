"""Every page state's HTML passes the Nu HTML Checker with no errors (html_validator.py).

The HTML checked is what the server sent (kept by page_states.HtmlCapture), not the DOM after
scripts ran. This file runs after test_accessible_names.py and test_reflow.py (pytest runs
files in name order), which already opened every page state in every language and display
state, so normally nothing is loaded again; a state not opened yet (this file run on its own,
or with -k) is opened here. All documents go to one run of the checker, so Java starts once.

Every display state is checked, like the other audits: the settings add classes to <html>,
and the display settings page also renders the chosen values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accessibility_tests.html_validator import ValidatorError, format_messages, validate
from accessibility_tests.page_states import open_state, state_name
from accessibility_tests.pages import DISPLAY_STATES, LANGUAGES, PAGES
from accessibility_tests.test_report import sample_report

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("second-browser")

REPORT_KEY = ("audit-report", "", "")


@pytest.fixture(scope="session")
def html_validation(
    request, browser, live_server, audit_app, session_cookies, audit_ids, html_capture,
    tmp_path_factory,
) -> dict[tuple[str, str, str], Any]:
    """(page id, language, display) -> (url, errors), or the reason it could not be checked."""
    folder: Path = tmp_path_factory.mktemp("html")
    files: dict[tuple[str, str, str], tuple[str, Path]] = {}
    results: dict[tuple[str, str, str], Any] = {}
    for page in PAGES:
        for language in LANGUAGES:
            for display in DISPLAY_STATES:
                key = (page.id, language, display)
                if key not in html_capture.pages:
                    ids = dict(audit_ids)
                    try:
                        for fixture in page.needs:
                            ids.update(request.getfixturevalue(fixture))
                        open_state(browser, live_server, audit_app, session_cookies, ids,
                                   html_capture, page, language, display)
                    except Exception as exc:  # reported by that state's own test
                        results[key] = f"could not open the page: {exc}"
                        continue
                if key not in html_capture.pages:
                    results[key] = "the server's HTML for this page was not captured"
                    continue
                url, html = html_capture.pages[key]
                path = folder / f"{page.id}--{language}--{display}.html"
                path.write_text(html, encoding="utf-8")
                files[key] = (url, path)
    # The audit's own report is checked in the same run (Java starts once).
    report = folder / "audit-report.html"
    report.write_text(sample_report(), encoding="utf-8")
    files[REPORT_KEY] = ("reports/accessibility.html (a sample)", report)
    try:
        errors = validate(path for _url, path in files.values())
    except ValidatorError as exc:
        pytest.fail(str(exc), pytrace=False)
    for key, (url, path) in files.items():
        results[key] = (url, errors[path.resolve()])
    return results


@pytest.mark.parametrize("display", list(DISPLAY_STATES), ids=str)
@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_page_is_valid_html(html_validation, page, language, display):
    name = state_name(page, language, display)
    result = html_validation[(page.id, language, display)]
    if isinstance(result, str):
        pytest.fail(f"{name}: {result}", pytrace=False)
    url, messages = result
    if messages:
        pytest.fail(format_messages(name, url, messages), pytrace=False)


def test_audit_report_is_valid_html(html_validation):
    url, messages = html_validation[REPORT_KEY]
    if messages:
        pytest.fail(format_messages("the audit report", url, messages), pytrace=False)
