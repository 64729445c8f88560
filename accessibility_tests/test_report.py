"""The audit report (report.py) is itself accessible: language, headings, tables with captions
and header scopes, every problem reachable by a link, no axe violations. test_valid_html.py
also runs it through the Nu HTML Checker."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from accessibility_tests.axe_audit import audit, format_report
from accessibility_tests.pages import PAGES
from accessibility_tests.report import CHECKS, Result, render

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("second-browser")


def sample_report() -> str:
    """A report with a pass, a failure, a check that could not run and a keyboard journey."""
    page = PAGES[0]
    by_key = {check.key: check for check in CHECKS.values()}
    results = [
        Result(by_key["axe"], "test_page_has_no_axe_violations", "a", page, "en", "default"),
        Result(by_key["names"], "test_controls_have_names_containing_their_labels", "b", page,
               "en", "default", outcome="failed", details=["a <button> has no name & more"]),
        Result(by_key["reflow"], "test_page_reflows_at_320_px", "c", page, "ko",
               "largest-high-contrast", outcome="error", details=["could not open"]),
        Result(by_key["keyboard"], "test_questions_can_be_answered_with_the_keyboard_only", "d",
               service="two-subsidies"),
        Result(None, "test_page_ids_are_unique", "e"),
    ]
    return render(results, datetime.datetime.now())


def test_report_is_accessible():
    soup = BeautifulSoup(sample_report(), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.title.get_text(strip=True)
    assert len(soup.find_all("h1")) == 1
    assert soup.find("main") is not None
    tables = soup.find_all("table")
    assert tables
    for table in tables:
        assert table.caption is not None and table.caption.get_text(strip=True)
        for header in table.find_all("th"):
            assert header.get("scope") in ("col", "row"), header
    # Every "see the problem" link leads to the problem's details.
    links = [a["href"] for a in soup.find_all("a") if a.get_text() == "see the problem"]
    assert len(links) == 2
    for href in links:
        assert soup.find(id=href.removeprefix("#")) is not None
    text = soup.get_text(" ")
    assert "a <button> has no name & more" in text  # escaped in the HTML, shown as written
    assert "1 of 5" not in text and "2 of 5 checks found a problem" in text
    assert soup.find("a", href="https://www.w3.org/WAI/WCAG22/Understanding/label-in-name.html")


def test_report_passes_axe(browser, tmp_path):
    """WCAG A/AA by axe, plus AAA contrast and the best-practice landmark and heading rules."""
    report = tmp_path / "report.html"
    report.write_text(sample_report(), encoding="utf-8")
    extra = ("color-contrast-enhanced", "region", "landmark-one-main", "page-has-heading-one")
    violations = audit(browser, report.as_uri(), name="audit report", extra_rules=extra)
    if violations:
        pytest.fail(format_report("the audit report", report.as_uri(), violations), pytrace=False)
