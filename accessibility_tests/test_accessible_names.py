"""The accessible-name check can fail: a control without a name is found, in the standard
display and after a display switch, and one given a name passes (accessible_names.py reads the
browser's tree again each time, while it keeps the map of the document's nodes)."""

from __future__ import annotations

from accessibility_tests.accessible_names import ControlNames, name_problems
from accessibility_tests.page_states import show_display

_ADD_EMPTY_LINK = """
const link = document.createElement('a');
link.href = '#nameless';
link.innerHTML = '<span></span>';
link.style.display = 'inline-block';
link.style.width = '24px';
link.style.height = '24px';
document.querySelector('main').append(link);
"""
_LINK = "document.querySelector('main a[href=\"#nameless\"]')"


def test_a_control_without_a_name_is_found_and_one_named_passes(browser, live_server):
    browser.get(live_server + "/sign-in")
    names = ControlNames(browser)
    assert name_problems(names.read()) == []

    browser.execute_script(_ADD_EMPTY_LINK)
    assert [p.problem for p in name_problems(names.read())] == ["no accessible name (WCAG 4.1.2)"]

    browser.execute_script(f"{_LINK}.setAttribute('aria-label', 'Named now');")
    assert name_problems(names.read()) == []

    show_display(browser, "sign-in [text-200]", "text-200")
    browser.execute_script(f"{_LINK}.removeAttribute('aria-label');")
    assert [p.problem for p in name_problems(names.read())] == ["no accessible name (WCAG 4.1.2)"]
