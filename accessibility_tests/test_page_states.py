"""Every registered page state, in every language and display setting, passes every check.

One test per page state and language (page_audit.py): the page is loaded once and checked with
axe, accessible names, reflow at 320 px and the Nu HTML Checker, in the standard display and in
each display setting. Each check's result per display setting is kept on the test's report
(``user_properties``), for the HTML report (report.py) and the coverage summary printed at the
end of the run (conftest.py).

Run: ``pytest accessibility_tests -q`` (after ``make test`` or scripts/install-browser.sh).
"""

from __future__ import annotations

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from accessibility_tests.page_audit import PageStateAudit
from accessibility_tests.pages import LANGUAGES, PAGES
from accessibility_tests.report import record_page_results

# GET endpoints that never render an HTML page of their own, so there is nothing to audit.
NON_HTML_ENDPOINTS = {
    "static",  # CSS, images, scripts
    "settings.choose_language",  # sets the `lang` cookie and redirects back to ?next=
    "apply.resume",  # redirects to the first unanswered step (or the confirmation)
    "apply.download_document",  # sends the uploaded file itself
    "changes.download",  # sends a reported change's document itself
    "media.video_file",  # help videos, their captions and transcripts (files, not pages)
    "statistics.download_area",  # CSV and XLSX files of the tables on the statistics pages
    "statistics.download_county",
    "payments.download",  # the payment roster for the bank, as CSV and XLSX files
    # The provincial sign-in: the callback redirects; the stand-in's discovery document and
    # keys are JSON for the portal's back channel.
    "provincial.callback",
    "provincial_stand_in.discovery",
    "provincial_stand_in.keys",
}


@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_page_state_passes_every_check(
    request, browser, open_page, html_capture, html_checker, page, language
):
    audit = PageStateAudit(browser, open_page, html_capture, html_checker, page, language)
    try:
        audit.run()
    finally:  # what ran is reported even when a page could not be opened
        record_page_results(request.node, page, language, audit.results)
    failures = [result.problems for result in audit.results if not result.passed]
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


class AnyId(dict):
    """Ids for checking paths against the url_map: known ones, else 1."""

    def __missing__(self, key: str) -> int:
        return 1


def test_page_ids_are_unique():
    ids = [page.id for page in PAGES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_registered_paths_reach_their_endpoints(audit_app, audit_ids):
    adapter = audit_app.url_map.bind("localhost")
    wrong = []
    for page in PAGES:
        if page.prepare is not None:
            continue  # its path is where it starts; the audit checks where it ends
        try:
            endpoint, _args = adapter.match(
                page.path.format_map(AnyId(audit_ids)).partition("?")[0], method="GET"
            )
        except (NotFound, MethodNotAllowed, RequestRedirect) as exc:
            wrong.append(f"{page.id}: GET {page.path} -> {type(exc).__name__}")
            continue
        if endpoint != page.endpoint:
            wrong.append(f"{page.id}: GET {page.path} -> {endpoint}, registry says {page.endpoint}")
    if wrong:
        message = "accessibility_tests/pages.py is out of date:\n" + "\n".join(wrong)
        pytest.fail(message, pytrace=False)


def test_every_html_route_is_audited(audit_app):
    audited = {page.endpoint for page in PAGES}
    missing = sorted(
        f"{rule.endpoint}  ({rule.rule})"
        for rule in audit_app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and rule.endpoint not in NON_HTML_ENDPOINTS
        and rule.endpoint not in audited
    )
    if missing:
        pytest.fail(
            "These GET routes are not in accessibility_tests/pages.py; add an AuditedPage for "
            "each (or, if it never renders HTML, add it to NON_HTML_ENDPOINTS with a reason):\n  "
            + "\n  ".join(missing),
            pytrace=False,
        )
