"""Every focusable control has an accessible name that contains its visible label.

WCAG 4.1.2 Name, Role, Value and 2.5.3 Label in Name, checked against the names Chromium itself
computes (accessible_names.py), on every registered page state in every language.

Only the default display state: the display settings add classes to <html> (text size,
contrast, spacing, motion) and change no markup or text, so names and labels are the same in
every display state; the reflow check and axe cover what the settings do change.
"""

from __future__ import annotations

import pytest

from accessibility_tests.accessible_names import controls_with_names, format_problems, name_problems
from accessibility_tests.pages import LANGUAGES, PAGES

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("page-checks")

DISPLAY = "default"


@pytest.mark.parametrize("display", [DISPLAY], ids=str)
@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_controls_have_names_containing_their_labels(browser, open_page, page, language, display):
    opened = open_page(page, language, display)
    controls = controls_with_names(browser)
    assert controls, f"{opened.name}: no focusable control found (not even the skip link)"
    problems = name_problems(controls)
    if problems:
        pytest.fail(format_problems(opened.name, opened.url, problems), pytrace=False)
