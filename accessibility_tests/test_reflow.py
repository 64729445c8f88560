"""Every page state reflows at 320 CSS px, with the standard display and each display setting.

See reflow.py for what is measured. "default" at 320 px is the WCAG 1.4.10 case (a 1280 px
window at 400% zoom); text at 150% (elder mode, with its larger targets) and 200%, wide spacing,
high contrast (its borders) and reduced motion, each alone and all together (WCAG 1.4.4 and
1.4.12), are the layouts the display settings can ask for.
"""

from __future__ import annotations

import pytest

from accessibility_tests.pages import DISPLAY_STATES, LANGUAGES, PAGES
from accessibility_tests.reflow import WIDTH, measure, narrow_viewport, reflow_problems

# Under pytest-xdist (make test), one worker runs each group with its own browser.
pytestmark = pytest.mark.xdist_group("first-browser")



@pytest.mark.parametrize("display", list(DISPLAY_STATES), ids=str)
@pytest.mark.parametrize("language", LANGUAGES, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_page_reflows_at_320_px(browser, open_page, page, language, display):
    with narrow_viewport(browser):
        opened = open_page(page, language, display)
        measured = measure(browser)
    assert measured["width"] == WIDTH, f"{opened.name}: viewport is {measured['width']} px"
    problems = reflow_problems(measured)
    if problems:
        pytest.fail(
            f"reflow at {WIDTH} px: {opened.name} <{opened.url}>\n" + "\n".join(problems),
            pytrace=False,
        )
