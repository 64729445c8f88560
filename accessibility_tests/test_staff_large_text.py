"""Staff pages on a laptop with 200% text (issue 25). At 1280 x 800 the staff header took half
the screen: now every link stays in the row, in the same order, inside the screen, none hidden
behind another, and the header keeps to 40% of its height. The queue's seven columns
wrapped a character a line: now each application is a block, each cell under its column's
name and wide enough to read, with no sideways scrolling."""

from __future__ import annotations

import pytest

from accessibility_tests.pages import PAGES

# The province's administrator has the most links; a caseworker's header is the common one.
SAMPLE = ("admin-staff-list", "casework-queue")
LAPTOP_HEIGHT = 800

_HEADER = r"""
const header = document.querySelector('.site-header');
const nav = header.querySelector('.site-header__nav--wide');
const links = [...nav.querySelectorAll('a, button')].map(el => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {text: el.textContent.trim(), left: box.left, right: box.right, height: box.height,
          shown: box.width > 0 && box.height > 0 && (hit === el || el.contains(hit))};
});
return {height: header.getBoundingClientRect().height, links: links,
        pageWidth: document.documentElement.scrollWidth, screenWidth: innerWidth};
"""


@pytest.mark.parametrize("language", ["zh_Hans_CN", "ko", "en"])
@pytest.mark.parametrize("page", [p for p in PAGES if p.id in SAMPLE and p.state == "default"],
                         ids=lambda p: p.id)
def test_the_staff_header_at_1280_px_with_200_percent_text_fits_and_hides_nothing(
    browser, open_page, page, language
):
    assert browser.get_window_size()["width"] == 1280
    open_page(page, language, "text-200")
    header = browser.execute_script(_HEADER)
    assert header["pageWidth"] <= header["screenWidth"], "the page scrolls sideways"
    assert len(header["links"]) >= 6
    for link in header["links"]:
        assert link["shown"], f"{link['text']} is hidden"
        assert link["left"] >= 0 and link["right"] <= header["screenWidth"], link["text"]
        assert link["height"] >= 60, f"{link['text']}: target smaller than 60 px"
    assert header["height"] <= 0.4 * LAPTOP_HEIGHT, f"header {header['height']} px tall"


_QUEUE = r"""
const table = document.querySelector('table.table--stack');
return {pageWidth: document.documentElement.scrollWidth, screenWidth: innerWidth,
        wrapperScrolls: table.parentElement.scrollWidth > table.parentElement.clientWidth,
        cells: [...table.querySelectorAll('tbody td')].map(td => ({
          label: td.dataset.label, width: td.getBoundingClientRect().width,
          display: getComputedStyle(td).display,
          before: getComputedStyle(td, '::before').content}))};
"""
QUEUE = next(p for p in PAGES if p.id == "casework-queue" and p.state == "default")


@pytest.mark.parametrize("language", ["zh_Hans_CN", "ko", "en"])
def test_the_queue_at_1280_px_with_200_percent_text_reads_each_cell_under_its_column(
    browser, open_page, language
):
    open_page(QUEUE, language, "text-200")
    queue = browser.execute_script(_QUEUE)
    assert queue["pageWidth"] <= queue["screenWidth"] and not queue["wrapperScrolls"]
    assert queue["cells"]
    font_size = 36  # 200% text: 225% of 16 px
    for cell in queue["cells"]:
        assert cell["display"] == "block" and cell["before"] == f'"{cell["label"]}"'
        assert cell["width"] >= 10 * font_size, f"{cell['label']}: {cell['width']} px wide"


def test_the_queue_at_1280_px_with_standard_text_keeps_its_columns(browser, open_page):
    open_page(QUEUE, "zh_Hans_CN", "default")
    queue = browser.execute_script(_QUEUE)
    assert {cell["display"] for cell in queue["cells"]} == {"table-cell"}
    assert not queue["wrapperScrolls"]
