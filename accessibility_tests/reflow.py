"""Reflow and text size (WCAG 1.4.10 Reflow, 1.4.4 Resize Text, 1.4.12 Text Spacing).

The page is laid out in a viewport 320 CSS px wide (Chromium's ``Emulation.
setDeviceMetricsOverride``). That is exactly what a 1280 px wide window shows at 400% zoom
(1280 / 4 = 320 CSS px), which is how WCAG 1.4.10 defines reflow: browser zoom scales CSS
pixels, so a page that reflows in 320 CSS px also reflows at 1280 px and 400%, and one
check covers both. Combined with the app's largest display setting (200% text, wide spacing)
it is the hardest case the house rules promise: large text on a small screen.

Then, on the page as laid out:

- no horizontal scrolling: ``document.documentElement.scrollWidth <= innerWidth + 1``
  (when there is some, the elements sticking out past the right edge are named);
- no text clipped by its container: no element with text whose content is wider (or taller)
  than its box while its ``overflow`` is ``hidden`` or ``clip`` in that direction. Skipped:
  ``.visually-hidden`` and ``.skip-link`` (hidden on purpose), and form fields, whose text
  scrolls inside the field by design. Scrolling containers (``overflow: auto``, as wide
  tables use) are allowed: 1.4.10 exempts content such as data tables that needs two
  dimensions, as long as it scrolls rather than being cut off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

WIDTH = 320  # CSS px: 1280 px at 400% zoom
HEIGHT = 640

_MEASURE = r"""
const SKIP = '.visually-hidden, .skip-link';
const FIELDS = 'input, select, textarea, option, optgroup';
const de = document.documentElement;
const width = window.innerWidth;

function describe(el) {
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  const classes = [...el.classList].slice(0, 3);
  if (classes.length) text += '.' + classes.join('.');
  const words = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  return {element: text, text: words.length > 80 ? words.slice(0, 80) + '…' : words};
}
function rendered(el) {
  return el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
}
function hasText(el) {
  return [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim())
    || (el.innerText || '').trim().length > 0;
}
// Inside a container that scrolls sideways, sticking out is that container's business;
// unless the element is absolutely positioned and no positioned box in between holds it, as
// then the scrolling container does not clip it and it widens the page.
function inScroller(el) {
  let escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (escapes && getComputedStyle(p).position !== 'static') escapes = false;
    if (escapes) continue;
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll') return true;
  }
  return false;
}

const result = {width: width, scrollWidth: de.scrollWidth, sticking_out: [], clipped: []};
const all = document.body ? document.body.querySelectorAll('*') : [];

if (de.scrollWidth > width + 1) {
  const out = [];
  for (const el of all) {
    // Visually hidden text counts here: absolutely positioned, it can widen the page.
    if (el.closest('.skip-link') || inScroller(el)) continue;
    if (!el.matches('.visually-hidden') && !rendered(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1) out.push(el);
  }
  // The innermost ones say most: drop an element when one of its descendants is listed.
  const innermost = out.filter(el => !out.some(other => other !== el && el.contains(other)));
  for (const el of innermost.slice(0, 10)) {
    const d = describe(el);
    d.right = Math.round(el.getBoundingClientRect().right);
    result.sticking_out.push(d);
  }
}

for (const el of all) {
  if (el.matches(FIELDS) || el.closest(SKIP)) continue;
  const style = getComputedStyle(el);
  const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
  const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
  if (!hidesX && !hidesY) continue;
  if (!rendered(el) || !hasText(el)) continue;
  const wide = hidesX && el.scrollWidth > el.clientWidth + 1;
  const tall = hidesY && el.scrollHeight > el.clientHeight + 1;
  if (wide || tall) {
    const d = describe(el);
    d.overflow = style.overflowX + ' ' + style.overflowY;
    d.box = `${el.clientWidth}x${el.clientHeight}`;
    d.content = `${el.scrollWidth}x${el.scrollHeight}`;
    result.clipped.push(d);
  }
}
return result;
"""


@contextmanager
def narrow_viewport(driver: WebDriver, width: int = WIDTH, height: int = HEIGHT) -> Iterator[None]:
    """Lay pages out in a ``width`` CSS px viewport until the block ends."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def measure(driver: WebDriver) -> dict[str, Any]:
    return driver.execute_script(_MEASURE)


def reflow_problems(measured: dict[str, Any]) -> list[str]:
    problems = []
    if measured["scrollWidth"] > measured["width"] + 1:
        problems.append(
            f"horizontal scrolling: the page is {measured['scrollWidth']} px wide in a "
            f"{measured['width']} px viewport (WCAG 1.4.10)"
        )
        for item in measured["sticking_out"]:
            problems.append(
                f"    sticks out to {item['right']} px: {item['element']}  {item['text']!r}"
            )
    for item in measured["clipped"]:
        problems.append(
            f"text clipped by its container (overflow {item['overflow']}, box {item['box']}, "
            f"content {item['content']}): {item['element']}  {item['text']!r} (WCAG 1.4.4/1.4.10)"
        )
    return problems
