"""Accessible names from Chromium's own accessibility tree (WCAG 4.1.2 and 2.5.3 Label in Name).

axe computes names with its own implementation; this asks the browser, through the DevTools
protocol, what it hands to screen readers and voice control (``Accessibility.getFullAXTree``),
and compares it with what a sighted person sees:

1. a script lists every focusable control on the page (links, buttons, inputs, selects,
   textareas, summaries and anything with a non-negative tabindex) that is rendered and
   enabled, with its visible label: the text of its ``<label>`` elements for form fields, the
   value for input buttons, its own text for links, buttons and summaries. Text that is not
   visible (``.visually-hidden``, ``display: none``, ``visibility: hidden``, clipped to a 1 px
   box) is left out; so is text in ``aria-hidden`` parts that has no letter or digit (a
   decorative arrow), while words there stay in, since hiding a visible word from the name is
   exactly what 2.5.3 forbids. Each control is tagged with a data attribute;
2. ``DOM.getDocument`` maps those tags to backend node ids, which the AX tree's nodes carry;
3. every control must have a non-empty name, and the name must contain the visible label.
   The comparison ignores case, whitespace, punctuation and symbols (NFKC, then case folded,
   then only letters, digits and marks kept), as the Understanding document for 2.5.3 allows:
   a hidden ": " between "Start an application" and the service's name, or a "‹" drawn by
   CSS, changes nothing a voice-control user says.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

TAG = "data-audit-control"

_LIST_CONTROLS = r"""
const TAG = arguments[0];
const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
const SELECTOR = CONTROLS + ', [tabindex]:not([tabindex="-1"])';
const WORD = /[\p{L}\p{N}]/u;

function invisible(el) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility !== 'visible') return true;
  if (el.matches('.visually-hidden')) return true;
  // The usual "visually hidden" patterns: a 1 px clipped box.
  const rect = el.getBoundingClientRect();
  return (style.position === 'absolute' || style.position === 'fixed')
    && rect.width <= 1 && rect.height <= 1 && style.overflow !== 'visible';
}

// The text a sighted person sees inside `root` (root itself may be off-screen, as a skip
// link is until it has focus: only what is hidden *inside* it is left out).
function visibleText(root) {
  const parts = [];
  function walk(node, ariaHidden) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const text = child.data;
        if (ariaHidden && !WORD.test(text)) continue;  // decoration such as "→"
        parts.push(text);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.matches('select, textarea, script, style, template, input, button')) continue;
        if (invisible(child)) continue;
        const display = getComputedStyle(child).display;
        const block = !display.startsWith('inline');
        if (block) parts.push(' ');
        walk(child, ariaHidden || child.getAttribute('aria-hidden') === 'true');
        if (block) parts.push(' ');
      }
    }
  }
  walk(root, root.getAttribute('aria-hidden') === 'true');
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function labelText(el) {
  const texts = [...(el.labels || [])].map(visibleText).filter(Boolean);
  return texts.join(' ');
}

// Tags stay on the elements for the document's life, numbered once: switching a display
// setting changes only classes, so the map from tags to the browser's node ids still holds.
if (!window.__auditDocument) {
  window.__auditDocument = String(performance.timeOrigin) + ':' + Math.random();
  window.__auditNextTag = 0;
}
const controls = [];
for (const el of document.querySelectorAll(SELECTOR)) {
  if (el.disabled || el.closest('[inert]')) continue;
  if (!el.checkVisibility({visibilityProperty: true}) || el.getClientRects().length === 0) continue;
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  let visible;
  if (tag === 'input' && ['submit', 'button', 'reset'].includes(type)) {
    visible = el.value;
  } else if (tag === 'input' && type === 'image') {
    visible = '';  // its name is its alt text: only a non-empty name is required
  } else if (['input', 'select', 'textarea'].includes(tag)) {
    visible = labelText(el);
  } else if (el.matches(CONTROLS)) {
    visible = visibleText(el);
  } else {
    visible = '';  // a focusable region or widget: its name need not be its whole content
  }
  if (!el.hasAttribute(TAG)) el.setAttribute(TAG, String(window.__auditNextTag++));
  const index = Number(el.getAttribute(TAG));
  const html = el.outerHTML;
  controls.push({
    index: index,
    element: tag + (type ? `[type=${type}]` : '') + (el.id ? `#${el.id}` : ''),
    html: html.length > 200 ? html.slice(0, 200) + '…' : html,
    visible: visible,
  });
}
return [window.__auditDocument, controls];
"""


@dataclass(frozen=True)
class Control:
    element: str  # "input[type=text]#full_name"
    html: str
    role: str
    name: str
    visible: str  # the visible label text, whitespace-normalised


@dataclass(frozen=True)
class NameProblem:
    control: Control
    problem: str

    def describe(self) -> str:
        c = self.control
        return (
            f"- {self.problem}\n"
            f"    element: {c.element}  role: {c.role or '(none)'}\n"
            f"    accessible name: {c.name!r}\n"
            f"    visible label:   {c.visible!r}\n"
            f"    html: {c.html}"
        )


def comparable(text: str) -> str:
    """The form of a label or name that is compared: NFKC (full-width letters), case folded,
    without whitespace, punctuation or symbols."""
    kept = (
        char
        for char in unicodedata.normalize("NFKC", text).casefold()
        if not char.isspace() and unicodedata.category(char)[0] not in "PS"
    )
    return "".join(kept)


def _backend_ids(node: dict[str, Any], found: dict[int, int]) -> None:
    attributes = node.get("attributes") or []
    for position in range(0, len(attributes) - 1, 2):
        if attributes[position] == TAG:
            found[int(attributes[position + 1])] = node["backendNodeId"]
            break
    for key in ("children", "shadowRoots"):
        for child in node.get(key) or ():
            _backend_ids(child, found)
    if node.get("contentDocument"):
        _backend_ids(node["contentDocument"], found)


def _ax_value(node: dict[str, Any], key: str) -> str:
    value = node.get(key) or {}
    return str(value.get("value") or "")


def _cdp(driver: WebDriver, command: str, params: dict[str, Any]) -> dict[str, Any]:
    """``execute_cdp_cmd`` without Selenium's search of the answer for element references: on
    a page of 2,000 nodes that search cost more Python time than the rest of the check."""
    response = driver.command_executor.execute("executeCdpCommand", {
        "sessionId": driver.session_id, "cmd": command, "params": params})
    driver.error_handler.check_response(response)
    return response["value"]


class ControlNames:
    """Reads the controls and their names of the page shown, again after each display switch.

    The map from tags to backend node ids (``DOM.getDocument``, the whole document: a third of a
    second on a page with a long select) is read once a document, and again only when a control
    appears that it does not hold; the accessibility tree is read every time, since CSS changes
    names.
    """

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self._document: str | None = None
        self._backend_ids: dict[int, int] = {}

    def read(self) -> list[Control]:
        driver = self.driver
        document_key, listed = driver.execute_script(_LIST_CONTROLS, TAG)
        stale = document_key != self._document or any(
            item["index"] not in self._backend_ids for item in listed)
        # Neither domain is enabled: both calls answer without it, and an enabled accessibility
        # domain would keep the tree up to date through every later page load and axe run.
        if stale:
            document = _cdp(driver, "DOM.getDocument", {"depth": -1, "pierce": True})
            self._backend_ids = {}
            _backend_ids(document["root"], self._backend_ids)
            self._document = document_key
        tree = _cdp(driver, "Accessibility.getFullAXTree", {})
        by_backend_id = {
            node["backendDOMNodeId"]: node
            for node in tree.get("nodes", [])
            if "backendDOMNodeId" in node and not node.get("ignored")
        }
        controls = []
        for item in listed:
            node = by_backend_id.get(self._backend_ids.get(item["index"], -1), {})
            controls.append(
                Control(
                    element=item["element"],
                    html=item["html"],
                    role=_ax_value(node, "role"),
                    name=" ".join(_ax_value(node, "name").split()),
                    visible=" ".join(item["visible"].split()),
                )
            )
        return controls


def controls_with_names(driver: WebDriver) -> list[Control]:
    """Every focusable control on the current page with Chromium's role and name for it."""
    return ControlNames(driver).read()


def name_problems(controls: list[Control]) -> list[NameProblem]:
    problems = []
    for control in controls:
        if not control.role:
            problems.append(NameProblem(control, "not in the accessibility tree (ignored)"))
        elif not control.name.strip():
            problems.append(NameProblem(control, "no accessible name (WCAG 4.1.2)"))
        elif comparable(control.visible) not in comparable(control.name):
            problems.append(
                NameProblem(control, "the name does not contain the visible label (WCAG 2.5.3)")
            )
    return problems


def format_problems(name: str, url: str, problems: list[NameProblem]) -> str:
    lines = [f"accessible names: {len(problems)} control(s) failing on {name} <{url}>"]
    lines.extend(problem.describe() for problem in problems)
    return "\n".join(lines)
