"""One service walked with Orca from its service page to the receipt (test_screen_reader.py).

Signed in as a new resident like the demo resident, the walk presses keys only: the start
button, then on each step the fields with Tab (label, hint, required), an empty send (the error
summary on load; each field invalid with its message), then the answers (filled in by script,
as the axe walk does: typing Chinese with xdotool is not what is being tested) and Enter on
"Continue"; on the documents page "I will bring it to the counter later" for each document;
the check page; the declaration, sent empty first; and the receipt, whose reference number must
be read whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from accessibility_tests.journeys import DOCUMENTS_PATH, STEP_PATH, answer_form
from accessibility_tests.pages import MAIN_FORM
from accessibility_tests.screen_reader.walk import Walker, heard, squash
from accessibility_tests.wizard_walk import (
    _CLEAR_FORM,
    _FILL_EMPTY,
    MAX_STEPS,
    accepts_empty_answer,
)
from app.domain.casework.reference import grouped, is_valid

CONFIRMATION_PATH = re.compile(r"/applications/(\d+)/confirmation")
MAX_BRING_LATER = 10
MAX_LINES_TO_REFERENCE = 8

# What may be a reference number on the receipt: the one in large type, and the table cells of
# a one application's parts (app.domain.casework.reference tells which are), each tagged so that
# the walk can find the heading before it.
_CANDIDATES = """
const found = [...document.querySelectorAll('main .reference, main td')];
found.forEach((el, i) => el.setAttribute('data-walk-candidate', String(i)));
return found.map(el => el.textContent.trim());
"""

# The last heading before an element: ``h`` to it, then Tab goes on from there.
_HEADING_BEFORE = """
const target = document.querySelector(arguments[0]);
let found = null;
for (const h of document.querySelectorAll('h1, h2, h3, h4')) {
  if (h.offsetParent === null) continue;
  if (h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)
    found = h.textContent.replace(/\\s+/g, ' ').trim();
}
return found;
"""


def _path(walker: Walker) -> str:
    return urlsplit(walker.driver.current_url).path


def tab_from_heading_to(walker: Walker, selector: str, done: Any, what: str) -> None:
    """``h`` down to the last heading before the element, then Tab to it."""
    heading = walker.driver.execute_script(_HEADING_BEFORE, selector)
    if heading:
        walker.headings(stop_at=heading)
    else:
        walker.to_top()
    walker.tab_until(done, what)


def fill(walker: Walker, values: Mapping[str, str]) -> None:
    form = walker.driver.find_element("css selector", MAIN_FORM)
    if values:
        walker.driver.execute_script(_FILL_EMPTY, form, dict(values))
    answer_form(walker.driver, form)


def form_page(walker: Walker, *, can_be_empty: bool, answers: Mapping[str, str],
              next_page: str) -> None:
    """A page with a form: headings, skip link, fields; sent empty (unless an empty answer is
    fine), then answered and sent."""
    if not can_be_empty:
        # Emptied before Orca walks it (a script's change to a select moves Orca's attention
        # to it, and Orca would go back there when the page comes back).
        form = walker.driver.find_element("css selector", MAIN_FORM)
        walker.driver.execute_script(_CLEAR_FORM, form)
    walker.headings()
    walker.skip_to_main()
    walker.walk_form(errors=False)
    if not can_be_empty:
        said = walker.activate(f"{walker.where}, sent empty")
        walker.error_summary_on_load(said)
        walker.walk_form(errors=True)
    fill(walker, answers)
    walker.activate(next_page)


def walk_service(walker: Walker, base_url: str, app: Any, service_code: str,
                 answers: Mapping[str, str]) -> list[str]:
    """From the service page to the receipt; returns the reference numbers it shows."""
    walker.where = f"{service_code} service page"
    walker.open(f"{base_url}/services/{service_code}", walker.where)
    walker.headings()
    walker.skip_to_main()
    walker.tab_until(lambda f: f.get("type") == "submit" and f.get("action", "").endswith(
        "/start"), "the start button")
    walker.activate("first step")

    for _ in range(MAX_STEPS):
        step = STEP_PATH.fullmatch(_path(walker))
        if step is None:
            break
        step_key = step.group(2)
        walker.where = f"{service_code} step {step_key!r}"
        with app.test_request_context():
            can_be_empty = accepts_empty_answer(service_code, step_key)
        form_page(walker, can_be_empty=can_be_empty, answers=answers, next_page="next page")
        if _path(walker) == step.group(0):
            raise AssertionError(f"{walker.where}: the walk's answers were refused")
    if DOCUMENTS_PATH.fullmatch(_path(walker)) is None:
        raise AssertionError(f"{service_code}: after the steps, {walker.driver.current_url}")

    # Each "bring it later" comes back to the document just answered: Tab goes on from there.
    walker.where = f"{service_code} documents"
    walker.headings()
    walker.skip_to_main()
    bring_later = "main form[action$='/bring-later'] button"
    for _ in range(MAX_BRING_LATER):
        if not walker.driver.find_elements("css selector", bring_later):
            break
        walker.tab_until(lambda f: f.get("type") == "submit" and f.get("action", "").endswith(
            "/bring-later"), "“I will bring it to the counter later”")
        walker.activate("documents page again")
    tab_from_heading_to(walker, f"{MAIN_FORM} button[type=submit]",
                        lambda f: f.get("mainForm") and f.get("type") == "submit"
                        and not f.get("action"), "“Continue”")
    walker.activate("check your answers")

    walker.where = f"{service_code} check answers"
    tab_from_heading_to(walker, "main a[href$='/declaration']",
                        lambda f: f.get("href", "").endswith("/declaration"),
                        "“Continue to the declaration”")
    walker.activate("declaration")

    walker.where = f"{service_code} declaration"
    form_page(walker, can_be_empty=False, answers={}, next_page="receipt")
    confirmation = CONFIRMATION_PATH.fullmatch(_path(walker))
    if confirmation is None:
        raise AssertionError(f"{service_code}: sending ended on {walker.driver.current_url}")

    walker.where = f"{service_code} receipt"
    shown = [(number, text) for number, text in
             enumerate(walker.driver.execute_script(_CANDIDATES)) if is_valid(text)]
    if not shown:
        raise AssertionError(f"{service_code}: the receipt shows no reference number")
    references = [reference for _number, reference in shown]
    headings = walker.page_headings()
    for number, reference in shown:
        # From the last heading before it, line by line (browse mode's Down arrow).
        heading = walker.driver.execute_script(_HEADING_BEFORE,
                                               f"[data-walk-candidate='{number}']")
        walker.headings(headings, stop_at=heading or headings[0])
        said: list[str] = []
        for _ in range(MAX_LINES_TO_REFERENCE):
            said += walker.press("Down")
            if heard(said, reference):
                break
        if not any(squash(grouped(squash(reference))) in squash(s) for s in said):
            walker.transcript.problem(walker.where, f"the reference number {reference!r} was "
                                                    f"not read whole in one utterance")
    walker.headings(headings)
    return [str(reference) for reference in references]
