"""The audit report (report.py) is itself accessible: language, headings, tables with captions
and header scopes, every problem reachable by a link, no axe violations, valid HTML; and the
coverage summary counts what the page tests report."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from accessibility_tests.axe_audit import audit, format_report
from accessibility_tests.html_validator import format_messages
from accessibility_tests.pages import PAGES
from accessibility_tests.report import (
    CHECK_PROPERTY,
    CHECKS,
    STATE_PROPERTY,
    AuditReport,
    Coverage,
    Result,
    render,
)


def sample_report() -> str:
    """A report with a pass, a failure, a check that could not run and a keyboard journey."""
    page = PAGES[0]
    results = [
        Result(CHECKS["axe"], "test_page_state_passes_every_check", "a", page, "en", "default"),
        Result(CHECKS["names"], "test_page_state_passes_every_check", "b", page, "en",
               "default", outcome="failed", details=["a <button> has no name & more"]),
        Result(CHECKS["reflow"], "test_page_state_passes_every_check", "c", page, "ko",
               "largest-high-contrast", outcome="error", details=["could not open"]),
        Result(CHECKS["keyboard"], "test_questions_can_be_answered_with_the_keyboard_only", "d",
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


def test_report_is_valid_html(html_checker):
    messages = html_checker.errors(sample_report())
    if messages:
        pytest.fail(format_messages("the audit report", "(a sample)", messages), pytrace=False)


def _page_report(outcome: str, results: list[tuple[str, str, str]], longrepr: str | None = None
                 ) -> pytest.TestReport:
    page = PAGES[0]
    properties = [(STATE_PROPERTY, (page.id, "ko"))]
    properties += [(CHECK_PROPERTY, result) for result in results]
    return pytest.TestReport(
        f"accessibility_tests/test_page_states.py::test_page_state_passes_every_check"
        f"[{page.id}-ko]", ("x", 0, "x"), {}, outcome, longrepr, "call",
        user_properties=properties)


def test_the_summary_and_report_count_each_check_and_display_a_page_test_reports(tmp_path):
    """A page test that broke off after two checks: what ran is counted, the rest is an error."""
    coverage, report = Coverage(), AuditReport(tmp_path / "report.html")
    broken = _page_report("failed", [("axe", "default", ""),
                                     ("names", "default", "a link has no name")],
                          longrepr="the page could not be opened in text-150")
    passed = _page_report("passed", [("axe", "text-200", ""), ("html", "default", "")])
    for test_report in (broken, passed):
        coverage.pytest_runtest_logreport(test_report)
        report.pytest_runtest_logreport(test_report)

    assert dict(coverage.checked) == {"axe": 2, "names": 1, "html": 1}
    assert dict(coverage.failed) == {"axe": 0, "names": 1, "html": 0}
    outcomes = {(key[0], key[3]): result.outcome for key, result in report.results.items()}
    assert outcomes[("axe", "default")] == "passed"
    assert outcomes[("names", "default")] == "failed"
    assert outcomes[("axe", "text-200")] == "passed"
    assert outcomes[("reflow", "text-150")] == "error"  # never ran in the broken test
    assert ("html", "text-150") not in outcomes  # HTML is checked in the standard display only
