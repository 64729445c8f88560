"""Answer an application's question steps with the keyboard only (WCAG 2.1.1, 2.1.2, 2.4.7, 3.3.1).

``KeyboardWalker`` sends real key presses through WebDriver actions (Tab, Shift+Tab, Space,
arrow keys, Enter; text is typed into the focused field) and never clicks or sets values by
script. Scripts only *read* the page: which element has focus and how it looks. On each step:

- every Tab moves focus to another element (focus never gets stuck) and never falls off the
  page before the step's submit button is reached (a bounded number of presses);
- each element focused with Tab shows a visible focus indicator: its computed outline (a
  visible one), box-shadow or background colour differs from the same element unfocused. The
  unfocused look is read right after focus moves on, so nothing is focused by script;
- on the submit button, Shift+Tab goes back to the previous element and Tab returns;
- when a step is sent with an error, the next page opens with focus on the error summary, and
  its first link moves focus to the field to fix.

The first page of a journey is tabbed through from the top, header included; later pages use
the skip link (as keyboard users do), which must move focus into the main content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from accessibility_tests.pages import MAIN_FORM, mark_page, wait_for_next_page

MAX_TABS = 80  # per page: far more than any step has controls

# Reads the focused element: what it is, where it is, and how it looks. window.__kbPrevious
# is the element focused before the last key press, so its unfocused look can be compared.
_FOCUS_STATE = r"""
const [mainForm] = arguments;
function look(el) {
  if (!el || !el.isConnected) return null;
  const s = getComputedStyle(el);
  const transparent = /rgba\(.*,\s*0\)$/.test(s.outlineColor) || s.outlineColor === 'transparent';
  return {
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
    outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent,
    boxShadow: s.boxShadow,
    background: s.backgroundColor,
  };
}
function describe(el) {
  if (!el) return '(nothing)';
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  else if (el.name) text += `[name=${el.name}]`;
  const words = (el.innerText || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return words ? `${text} "${words}"` : text;
}
const el = document.activeElement;
const form = document.querySelector(mainForm);
const previous = window.__kbPrevious || null;
const info = {
  same: previous === el,
  previous: describe(previous),
  previousUnfocused: previous !== el ? look(previous) : null,
  focused: look(el),
  element: describe(el),
  tag: el ? el.tagName.toLowerCase() : '',
  type: el && el.type ? String(el.type).toLowerCase() : '',
  name: el && el.name ? el.name : '',
  value: el && 'value' in el ? String(el.value) : '',
  checked: !!(el && el.checked),
  isBody: el === document.body || el === null,
  isMain: !!(el && el.id === 'main-content'),
  isSkipLink: !!(el && el.classList.contains('skip-link')),
  isErrorSummary: !!(el && el.closest('.error-summary') && !el.closest('a')),
  inForm: !!(form && el && form.contains(el)),
  isSubmit: !!(form && el && el === form.querySelector('button[type=submit], button:not([type])')),
  groupAnswered: false,
  firstInGroup: false,
  options: [],
};
if (form && el && el.name && (info.type === 'radio' || info.type === 'checkbox')) {
  const group = [...form.querySelectorAll('input')].filter(i => i.name === el.name);
  info.groupAnswered = group.some(i => i.checked);
  info.firstInGroup = group[0] === el;
  info.groupValues = group.map(i => i.value);
}
if (el && el.tagName === 'SELECT') info.options = [...el.options].map(o => o.value);
window.__kbPrevious = el;
return info;
"""


@dataclass
class KeyboardWalker:
    driver: WebDriver
    text_answers: Mapping[str, str]
    select_answers: Mapping[str, str]
    fallback_text: str
    log: list[str] = field(default_factory=list)  # what was done, for failure messages

    # --- keys and reading ---

    def press(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()

    def shift_tab(self) -> None:
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
            Keys.SHIFT
        ).perform()

    def focus(self) -> dict[str, Any]:
        return self.driver.execute_script(_FOCUS_STATE, MAIN_FORM)

    def fail(self, message: str) -> None:
        raise AssertionError(
            f"{message}\n  page: {self.driver.current_url} ({self.driver.title})\n"
            "  keys so far on this page:\n    " + "\n    ".join(self.log[-25:])
        )

    # --- checks ---

    def check_indicator(self, before: dict[str, Any], after: dict[str, Any]) -> None:
        """``before``: the element focused, as it looked then; ``after``: read once focus moved
        on, with ``previousUnfocused`` its unfocused look."""
        focused, unfocused = before["focused"], after["previousUnfocused"]
        if focused is None or unfocused is None:
            return  # the element left the page (a new page loaded)
        visible = (
            (focused["outlineVisible"] and focused["outline"] != unfocused["outline"])
            or (focused["boxShadow"] != unfocused["boxShadow"] and focused["boxShadow"] != "none")
            or focused["background"] != unfocused["background"]
        )
        if not visible:
            self.fail(
                f"no visible focus indicator on {before['element']} (WCAG 2.4.7): focused "
                f"{focused}, unfocused {unfocused}"
            )

    def tab(self) -> dict[str, Any]:
        """Press Tab; check focus moved, stayed on the page, and the element left showed focus."""
        current = self.focus()  # its focused look now (after any typing or ticking)
        self.press(Keys.TAB)
        after = self.focus()
        self.log.append(f"Tab -> {after['element']}")
        if after["same"]:
            self.fail(f"Tab did not move focus from {current['element']} (focus is stuck)")
        if after["isBody"]:
            self.fail(f"Tab from {current['element']} left the page before the submit button")
        # The page itself (before the first Tab) and the skip link's target are containers,
        # not controls: they need no focus indicator.
        if not (current["isMain"] or current["isBody"]):
            self.check_indicator(current, after)
        return after

    # --- answering the focused control ---

    def answer(self, state: dict[str, Any], *, leave_empty: bool) -> dict[str, Any]:
        """Answer the focused control if it is unanswered (or, leave_empty, empty a text)."""
        tag, kind, name = state["tag"], state["type"], state["name"]
        if tag == "textarea" or (tag == "input" and kind not in (
                "radio", "checkbox", "submit", "button", "file", "hidden")):
            if leave_empty:
                if state["value"]:
                    self.press(Keys.CONTROL, "a")
                    self.press(Keys.BACKSPACE)
                    self.log.append(f"Ctrl+A, Backspace: emptied {state['element']}")
            elif not state["value"]:
                text = self.text_answers.get(name, self.fallback_text)
                self.press(text)
                self.log.append(f"typed {text!r} into {state['element']}")
        elif kind == "radio" and not state["groupAnswered"] and not leave_empty:
            self.press(Keys.SPACE)
            self.log.append(f"Space: chose {state['element']}")
            if len(state.get("groupValues", [])) > 1:
                # Arrow keys move through the group and choose as they go; come back to the
                # first option (every audit answer is the first option, see journeys.py).
                self.press(Keys.ARROW_DOWN)
                moved = self.focus()
                self.press(Keys.ARROW_UP)
                back = self.focus()
                self.log.append(f"Down -> {moved['element']}, Up -> {back['element']}")
                if not (moved["checked"] and moved["value"] != state["value"]):
                    self.fail(f"Arrow Down did not choose the next option after {state['element']}")
                if not (back["checked"] and back["value"] == state["value"]):
                    self.fail(f"Arrow Up did not go back to {state['element']}")
        elif kind == "checkbox" and not leave_empty and state["firstInGroup"] and not state[
                "groupAnswered"]:
            self.press(Keys.SPACE)
            self.log.append(f"Space: ticked {state['element']}")
            if not self.focus()["checked"]:
                self.fail(f"Space did not tick {state['element']}")
        elif tag == "select" and not state["value"] and not leave_empty:
            wanted = self.select_answers.get(name) or next((v for v in state["options"] if v), "")
            for _ in range(len(state["options"])):
                self.press(Keys.ARROW_DOWN)
                if self.focus()["value"] == wanted:
                    break
            value = self.focus()["value"]
            self.log.append(f"Arrow Down until {name}={value}")
            if value != wanted:
                self.fail(f"could not choose {wanted!r} in {state['element']} with Arrow Down")
        return self.focus()

    # --- one page ---

    def complete_step(self, *, from_top: bool, leave_empty: bool = False,
                      expect_error: bool = False) -> None:
        """Answer the step on screen with keys only and send it with Enter."""
        self.log.clear()
        self.driver.execute_script("window.__kbPrevious = null;")
        state = self.focus()
        if expect_error:
            if not state["isErrorSummary"]:
                self.fail(f"after an error, focus is on {state['element']}, not the error summary")
            state = self.tab()  # the summary's first link
            if not state["element"].startswith("a"):
                self.fail(f"Tab from the error summary went to {state['element']}, not its link")
            self.press(Keys.ENTER)
            state = self.focus()
            self.log.append(f"Enter on the error link -> {state['element']}")
            if not state["inForm"]:
                self.fail(f"the error summary's link moved focus to {state['element']}, "
                          "not the field")
        elif not from_top and urlsplit(self.driver.current_url).fragment == "main-content":
            # Sent from a page reached through the skip link, the form's address keeps its
            # #main-content, so the browser starts this page's Tab order in the main content.
            self.log.append("the page opened at #main-content")
        elif not from_top:
            self.press(Keys.TAB)
            state = self.focus()
            self.log.append(f"Tab -> {state['element']}")
            if not state["isSkipLink"]:
                self.fail(f"the first Tab went to {state['element']}, not the skip link")
            before = state
            self.press(Keys.ENTER)
            state = self.focus()
            self.log.append(f"Enter on the skip link -> {state['element']}")
            self.check_indicator(before, state)
            if not state["isMain"]:
                self.fail(f"the skip link moved focus to {state['element']}, not the main content")
        for _ in range(MAX_TABS):
            if state["inForm"] and not state["isSubmit"]:
                state = self.answer(state, leave_empty=leave_empty)
            if state["isSubmit"]:
                self.check_shift_tab()
                mark_page(self.driver)
                self.press(Keys.ENTER)
                self.log.append(f"Enter on {state['element']}")
                wait_for_next_page(self.driver)
                return
            state = self.tab()
        self.fail(f"{MAX_TABS} presses of Tab did not reach the submit button")

    def check_shift_tab(self) -> None:
        """Shift+Tab leaves the submit button (showing it had focus), Tab comes back."""
        on_submit = self.focus()
        self.shift_tab()
        back = self.focus()
        self.log.append(f"Shift+Tab -> {back['element']}")
        if back["same"] or back["isBody"]:
            self.fail(f"Shift+Tab did not move focus back from {on_submit['element']}")
        self.check_indicator(on_submit, back)
        self.press(Keys.TAB)
        again = self.focus()
        self.log.append(f"Tab -> {again['element']}")
        if not again["isSubmit"]:
            self.fail(f"Tab after Shift+Tab went to {again['element']}, not back to the button")
