"""Open one registered page state (pages.PAGES) in the browser, and change its display setting.

``open_state`` sets the language, display and session cookies, loads the page or lets its
``prepare`` drive the browser there, and then makes sure the browser really shows that page, in
that language and display state (a redirect to sign-in or an error page would pass every check
while checking the wrong thing).

``show_display`` switches the page already shown to another display setting in place, the way
the setting itself works: the app puts the setting's classes on ``<html>`` and nothing else in
the markup changes (base.html; pages that render the chosen setting themselves, such as the
display settings page, are marked ``reload_per_display`` and opened again instead). One page
load then serves every display setting; test_display_in_place.py proves on a sample that the
result equals a reload with the setting's cookie.

``HtmlCapture`` keeps the HTML the server sent for each page the browser opened, as it was
sent (before any script ran), so the HTML checker validates the same document the other
checks looked at, including states reached by submitting a form, without loading it again.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from selenium.webdriver.remote.webdriver import WebDriver
from werkzeug.exceptions import HTTPException

from accessibility_tests.axe_audit import set_cookies
from accessibility_tests.pages import DISPLAY_STATES, AuditedPage
from app.domain.people.display import CONTRASTS, MOTIONS, SPACINGS, TEXT_SIZES, DisplaySettings
from app.web.i18n import BY_CODE


def state_name(page: AuditedPage, language: str, display: str) -> str:
    """How failures name a page state, the same way the axe test does."""
    return f"{page.id} [lang={language}, display={display}]"


class HtmlCapture:
    """WSGI middleware: remembers the last HTML document the browser navigated to.

    Only top-level navigations count (Chromium sends ``Sec-Fetch-Dest: document`` for them, and
    not for the favicon, styles or scripts); requests made by the tests themselves carry no
    such header and are not recorded.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._last: tuple[str, bytes] | None = None  # (path, body)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        if environ.get("HTTP_SEC_FETCH_DEST") != "document":
            return self.app(environ, start_response)
        seen: dict[str, bool] = {}

        def capturing_start_response(status, headers, exc_info=None):
            content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
            seen["html"] = content_type.startswith("text/html")
            return start_response(status, headers, exc_info)

        body = self.app(environ, capturing_start_response)
        return self._record(environ.get("PATH_INFO", ""), body, seen)

    def _record(self, path: str, body: Iterable[bytes], seen: dict[str, bool]) -> Iterator[bytes]:
        chunks: list[bytes] = []
        try:
            for chunk in body:
                if seen.get("html"):
                    chunks.append(chunk)
                yield chunk
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        if seen.get("html"):
            with self._lock:
                self._last = (path, b"".join(chunks))

    def forget(self) -> None:
        with self._lock:
            self._last = None

    def last_document(self, path: str) -> str | None:
        """The HTML of the last navigation, if it was to ``path``."""
        with self._lock:
            if self._last is None or self._last[0] != path:
                return None
            return self._last[1].decode("utf-8")


@dataclass(frozen=True)
class OpenedPage:
    name: str  # for failure messages: "sign-up--errors [lang=en, display=default]"
    url: str  # where the browser ended up


def endpoint_of(app: Any, url: str) -> str | None:
    """The endpoint that showed ``url``: its GET page, or else the POST that showed a form again
    with its errors at the form's own address (such as a stage recorded without its date)."""
    final = urlsplit(url)
    adapter = app.url_map.bind(final.netloc)
    for method in ("GET", "POST"):
        try:
            endpoint, _args = adapter.match(final.path, method=method)
        except HTTPException:
            continue
        return endpoint
    return None


def open_state(
    browser: WebDriver,
    live_server: str,
    audit_app: Any,
    session_cookies: Callable[[str, Mapping[str, Any]], dict[str, str]],
    ids: Mapping[str, Any],
    capture: HtmlCapture | None,
    page: AuditedPage,
    language: str,
    display: str,
) -> OpenedPage:
    """Drive the browser into ``page``'s state; fail if it is not the page meant."""
    state = DISPLAY_STATES[display]
    cookies = {"lang": language}
    if state.cookie is not None:
        cookies["display"] = state.cookie
    if page.session is not None:
        cookies.update(session_cookies(page.session, ids))
    set_cookies(browser, live_server, cookies)

    url = live_server + page.path.format(**ids)
    name = state_name(page, language, display)
    if capture is not None:
        capture.forget()
    if page.prepare is None:
        browser.get(url)
    else:
        page.prepare(browser, url)

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

    return OpenedPage(name, browser.current_url)


# Every class a display setting can put on <html>, from the app's own settings.
DISPLAY_CLASSES = frozenset(
    css_class
    for size, contrast, spacing, motion in itertools.product(TEXT_SIZES, CONTRASTS, SPACINGS,
                                                             MOTIONS)
    for css_class in DisplaySettings(size, contrast, spacing, motion).css_classes.split()
)

# Swap the display classes, end any transition or animation they start (a reload would show
# their end state at once), and lay the page out again before anything measures it.
_SHOW_DISPLAY = """
const [remove, add] = arguments;
const root = document.documentElement;
root.classList.remove(...remove);
root.classList.add(...add);
for (const animation of document.getAnimations()) {
  try { animation.finish(); } catch (e) { animation.cancel(); }
}
void (document.body || root).getBoundingClientRect();
return root.className;
"""


def show_display(browser: WebDriver, name: str, display: str) -> None:
    """Switch the page shown to ``display`` in place (as a reload with its cookie would)."""
    wanted = DISPLAY_STATES[display].settings.css_classes.split()
    classes = browser.execute_script(_SHOW_DISPLAY, sorted(DISPLAY_CLASSES), wanted)
    missing = set(wanted) - set(classes.split())
    assert not missing, f"{name}: display classes {sorted(missing)} not on <html>"
