"""axe-core audit of every page, in every language and display state.

Run: ``pytest accessibility_tests -q`` (after ``make test`` or scripts/install-browser.sh).
"""

from __future__ import annotations

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from accessibility_tests.axe_audit import audit, format_report, set_cookies
from accessibility_tests.page_states import endpoint_of
from accessibility_tests.pages import DISPLAY_STATES, LANGUAGES, PAGES
from app.web.i18n import BY_CODE

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("first-browser")

# GET endpoints that never render an HTML page of their own, so there is nothing to audit.
NON_HTML_ENDPOINTS = {
    "static",  # CSS, images, scripts
    "settings.choose_language",  # sets the `lang` cookie and redirects back to ?next=
    "apply.resume",  # redirects to the first unanswered step (or the confirmation)
    "apply.download_document",  # sends the uploaded file itself
    "media.video_file",  # help videos, their captions and transcripts (files, not pages)
}


@pytest.mark.parametrize("display", list(DISPLAY_STATES), ids=str)
@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_page_has_no_axe_violations(
    request, browser, live_server, audit_app, session_cookies, audit_ids, page, language, display
):
    ids = dict(audit_ids)
    for fixture in page.needs:
        ids.update(request.getfixturevalue(fixture))
    state = DISPLAY_STATES[display]
    cookies = {"lang": language}
    if state.cookie is not None:
        cookies["display"] = state.cookie
    if page.session is not None:
        cookies.update(session_cookies(page.session, ids))
    set_cookies(browser, live_server, cookies)

    url = live_server + page.path.format(**ids)
    name = f"{page.id} [lang={language}, display={display}]"
    violations = audit(browser, url, name=name, prepare=page.prepare, extra_rules=state.extra_rules)

    # Make sure the page really was the one, and in the state, we meant to audit
    # (a redirect to sign-in or an error page would pass axe but audit the wrong thing).
    endpoint = endpoint_of(audit_app, browser.current_url)
    assert endpoint == page.endpoint, f"{name}: ended on {browser.current_url} ({endpoint})"
    status, html_lang, classes = browser.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "const h = document.documentElement;"
        "return [n && n.responseStatus, h.lang,"
        "        h.className + ' ' + (document.body ? document.body.className : '')];"
    )
    assert status == page.status, f"{name}: HTTP {status}, expected {page.status}"
    assert html_lang == BY_CODE[language].html_lang, f"{name}: <html lang={html_lang!r}>"
    missing = set(state.settings.css_classes.split()) - set(classes.split())
    assert not missing, f"{name}: display classes {sorted(missing)} not on <html>/<body>"

    if violations:
        pytest.fail(format_report(name, browser.current_url, violations), pytrace=False)


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
