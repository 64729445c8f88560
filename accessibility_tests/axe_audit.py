"""Run axe-core in a Selenium-driven browser and report what it finds.

axe is injected through WebDriver, which is not subject to the page's content security policy,
so the app's strict CSP (no inline script) stays switched on during the audit:

- ``preload_axe`` registers axe.min.js once per browser with the DevTools protocol
  (Page.addScriptToEvaluateOnNewDocument), so every page the browser opens already has it. This
  saves sending 650 kB through WebDriver for each of the several hundred pages audited, which
  was about a third of the audit's time.
- When a page has no axe (preloading failed, or another browser), ``audit`` injects it the
  classic way, ``axe_selenium_python.Axe(driver, script_url=...).inject()``.

axe is then run with ``execute_async_script`` rather than ``Axe.run()`` of axe-selenium-python:
that wrapper waits out its 30 s timeout and hides the reason when ``axe.run`` rejects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from axe_selenium_python import Axe
from selenium.webdriver.remote.webdriver import WebDriver

PROJECT_ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2 level A and AA (the house rules ask for 2.2 AA everywhere).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Runs axe and hands back only what the report needs (the full result with every passing
# node is large and slow to serialise). Rejections come back as {error: ...}, at once.
_RUN_AXE = """
const options = arguments[0];
const done = arguments[arguments.length - 1];
if (typeof window.axe !== 'object') { done({missing: true}); return; }
axe.run(document, options)
  .then(r => done({
    violations: r.violations,
    engine: r.testEngine && r.testEngine.version,
    url: r.url,
  }))
  .catch(e => done({error: String(e && e.stack ? e.stack : e)}));
"""

Prepare = Callable[[WebDriver, str], None]


def stay(_driver: WebDriver, _url: str) -> None:
    """A ``prepare`` for ``audit`` that audits the page already shown."""


class AxeError(RuntimeError):
    """axe could not run on the page (injection failed or axe.run rejected)."""


def preload_axe(browser: WebDriver) -> bool:
    """Have Chromium evaluate axe.min.js in every new document; False if it cannot."""
    execute_cdp_cmd = getattr(browser, "execute_cdp_cmd", None)
    if execute_cdp_cmd is None:
        return False
    added = execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": AXE_SCRIPT.read_text(encoding="utf-8")}
    )
    # Kept so that checks which do not run axe can pause the preload (axe_preload_paused).
    browser._axe_preload_identifier = (added or {}).get("identifier")
    return True


@contextmanager
def axe_preload_paused(browser: WebDriver) -> Iterator[None]:
    """No axe in new documents until the block ends (each page loads about 40 ms faster).

    For the checks that do not run axe; ``audit`` would inject axe itself if it ran meanwhile.
    """
    identifier = getattr(browser, "_axe_preload_identifier", None)
    if identifier is None:
        yield
        return
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": identifier})
    browser._axe_preload_identifier = None
    try:
        yield
    finally:
        preload_axe(browser)


def axe_options(extra_rules: Iterable[str] = ()) -> dict[str, Any]:
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "resultTypes": ["violations"],
    }
    rules = list(extra_rules)
    if rules:
        # Rules named here run in addition to the tagged ones (e.g. the AAA contrast check).
        options["rules"] = {rule: {"enabled": True} for rule in rules}
    return options


def audit(
    browser: WebDriver,
    url: str,
    *,
    name: str,
    prepare: Prepare | None = None,
    extra_rules: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Load ``url`` (or let ``prepare`` drive the browser there), run axe, return violations.

    Raises AxeError when axe cannot run; an empty list means the page passed.
    """
    if not AXE_SCRIPT.is_file():
        raise AxeError(f"{AXE_SCRIPT} is missing: run `make test` (it runs npm ci).")
    if prepare is None:
        browser.get(url)
    else:
        prepare(browser, url)

    options = axe_options(extra_rules)
    result = browser.execute_async_script(_RUN_AXE, options)
    if isinstance(result, dict) and result.get("missing"):
        Axe(browser, script_url=str(AXE_SCRIPT)).inject()
        result = browser.execute_async_script(_RUN_AXE, options)
    if isinstance(result, dict) and result.get("missing"):
        raise AxeError(f"{name} ({url}): axe-core could not be injected into the page")
    if not isinstance(result, dict):
        raise AxeError(f"{name} ({url}): unexpected result from axe: {result!r}")
    if "error" in result:
        raise AxeError(f"{name} ({url}): axe.run failed: {result['error']}")
    return list(result["violations"])


def format_report(name: str, url: str, violations: list[dict[str, Any]]) -> str:
    """A readable failure message: each rule with its failing elements and how to fix them."""
    count = sum(len(v.get("nodes", [])) for v in violations)
    lines = [f"axe: {len(violations)} rule(s), {count} element(s) failing on {name} <{url}>"]
    for violation in violations:
        lines.append("")
        lines.append(
            f"[{violation.get('impact') or 'n/a'}] {violation['id']}: {violation.get('help', '')}"
        )
        lines.append(f"  see {violation.get('helpUrl', '')}")
        lines.append(f"  tags: {', '.join(violation.get('tags', []))}")
        for node in violation.get("nodes", []):
            target = " ".join(
                t if isinstance(t, str) else " >> ".join(t) for t in node.get("target", [])
            )
            lines.append(f"  - element: {target}")
            html = (node.get("html") or "").strip()
            if html:
                lines.append(f"    html: {html[:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)


def set_cookies(browser: WebDriver, base_url: str, cookies: dict[str, str]) -> None:
    """Replace the browser's cookies for the app's origin with ``cookies``.

    WebDriver only sets cookies for the page's current origin, so we first make sure the
    browser is on the app's origin (any URL there will do; a missing one is cheapest).
    """
    if not browser.current_url.startswith(base_url + "/"):
        browser.get(base_url + "/robots.txt")
    execute_cdp_cmd = getattr(browser, "execute_cdp_cmd", None)
    if execute_cdp_cmd is not None:
        execute_cdp_cmd("Network.clearBrowserCookies", {})  # 5x faster than delete_all_cookies
    else:
        browser.delete_all_cookies()
    for cookie_name, value in cookies.items():
        browser.add_cookie({"name": cookie_name, "value": value, "path": "/"})
