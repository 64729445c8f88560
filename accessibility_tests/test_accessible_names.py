"""Every focusable control has an accessible name that contains its visible label.

WCAG 4.1.2 Name, Role, Value and 2.5.3 Label in Name, checked against the names Chromium itself
computes (accessible_names.py), on every registered page state in every language and display
state (the settings change no markup, but CSS can hide or show what a name is made of).
"""

from __future__ import annotations

import pytest

from accessibility_tests.accessible_names import controls_with_names, format_problems, name_problems
from accessibility_tests.pages import DISPLAY_STATES, LANGUAGES, PAGES

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("second-browser")

@pytest.mark.parametrize("display", list(DISPLAY_STATES), ids=str)
@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_controls_have_names_containing_their_labels(browser, open_page, page, language, display):
    opened = open_page(page, language, display)
    controls = controls_with_names(browser)
    assert controls, f"{opened.name}: no focusable control found (not even the skip link)"
    problems = name_problems(controls)
    if problems:
        pytest.fail(format_problems(opened.name, opened.url, problems), pytrace=False)
