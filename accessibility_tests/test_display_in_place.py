"""Switching a display setting in place shows the page exactly as a reload with its cookie does.

The page audit (page_audit.py) loads each page state once and switches the display settings in
place (page_states.show_display), and narrows the viewport of the loaded page for the reflow
check. This proves, on a sample of pages (public, a form with errors, staff tables, a long
summary), in every display setting, that both give the same result as loading the page in that
setting: every element's computed style and box, axe's violations, the accessible names, and
the reflow measurements at 320 px.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from accessibility_tests.accessible_names import controls_with_names
from accessibility_tests.axe_audit import audit, stay
from accessibility_tests.page_states import show_display
from accessibility_tests.pages import DISPLAY_STATES, PAGES
from accessibility_tests.reflow import measure, narrow_viewport
from app.domain.people.display import DisplaySettings

# Pages whose content stays the same from one load to the next (the audit log, say, records
# each reading of itself, so it grows).
SAMPLE = ("home", "sign-up--errors", "casework-queue", "apply-check-answers", "admin-staff-list")
LANGUAGE = "ko"
OTHER_DISPLAYS = [display for display in DISPLAY_STATES if display != "default"]

# Each element's computed style (the properties display settings change, and the box they
# make), in document order.
_RENDERING = r"""
const PROPERTIES = ['display', 'visibility', 'color', 'background-color', 'font-size',
  'font-weight', 'line-height', 'letter-spacing', 'word-spacing', 'padding', 'margin',
  'border-top', 'border-right', 'border-bottom', 'border-left', 'outline', 'text-decoration',
  'min-width', 'min-height', 'transition-duration', 'animation-name', 'scroll-behavior'];
return [...document.querySelectorAll('*')].map(el => {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return [el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''),
    ...PROPERTIES.map(p => style.getPropertyValue(p)),
    [box.x, box.y, box.width, box.height].map(n => Math.round(n * 10) / 10).join(' ')];
});
"""


def rendering(browser: Any) -> list[list[str]]:
    return browser.execute_script(_RENDERING)


def looks(browser: Any, name: str) -> dict[str, Any]:
    """What the checks see on the page shown: its rendering, axe's findings, the names."""
    violations = audit(browser, browser.current_url, name=name, prepare=stay,
                       extra_rules=("color-contrast-enhanced",))
    return {
        "rendering": rendering(browser),
        "axe": sorted((v["id"], str(n["target"])) for v in violations for n in v["nodes"]),
        "names": [(c.element, c.role, c.name, c.visible) for c in controls_with_names(browser)],
    }


def first_difference(reloaded: list[Any], in_place: list[Any]) -> str:
    if len(reloaded) != len(in_place):
        return f"{len(reloaded)} elements after a reload, {len(in_place)} in place"
    for position, (a, b) in enumerate(zip(reloaded, in_place, strict=True)):
        if a != b:
            return f"element {position}: reloaded {a}\n  in place {b}"
    return "none"


@pytest.mark.parametrize("display", OTHER_DISPLAYS, ids=str)
@pytest.mark.parametrize("page", [p for p in PAGES if p.id in SAMPLE], ids=lambda p: p.id)
def test_a_display_setting_switched_in_place_looks_as_after_a_reload(
    browser, open_page, page, display
):
    assert not page.reload_per_display
    reloaded = looks(browser, open_page(page, LANGUAGE, display).name)
    with narrow_viewport(browser):
        reloaded["reflow"] = measure(browser)  # loaded wide, then narrowed, like the audit
    with narrow_viewport(browser):
        open_page(page, LANGUAGE, display)
        loaded_narrow = measure(browser)

    opened = open_page(page, LANGUAGE, "default")
    standard = rendering(browser)
    show_display(browser, opened.name, display)
    in_place = looks(browser, opened.name)
    with narrow_viewport(browser):
        show_display(browser, opened.name, display)
        in_place["reflow"] = measure(browser)

    assert reloaded["rendering"] == in_place["rendering"], (
        f"{page.id} in {display}: rendering differs: "
        f"{first_difference(reloaded['rendering'], in_place['rendering'])}")
    # The switch did take effect (the style sheet has no motion for "reduce" to take away).
    settings = DISPLAY_STATES[display].settings
    if dataclasses.replace(settings, motion="standard") != DisplaySettings():
        assert in_place["rendering"] != standard, f"{page.id}: {display} changed nothing"
    assert reloaded["axe"] == in_place["axe"]
    assert reloaded["names"] == in_place["names"]
    assert reloaded["reflow"] == in_place["reflow"] == loaded_narrow


def test_the_sample_is_in_the_registry():
    assert {p.id for p in PAGES if p.id in SAMPLE} == set(SAMPLE)
