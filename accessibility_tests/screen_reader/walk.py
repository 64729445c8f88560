"""Walking pages with Orca: what it says at each key, checked against what the page shows.

The walk presses keys as a blind applicant does: on each page it listens to what is read when
the page loads, goes through the headings with Orca's browse-mode key ``h``, takes the skip link
into the main landmark, and tabs through the form. At every stop it asks the browser what has
focus and what a sighted person sees beside it (label, legend, hint, error message), and checks
that Orca said it:

- the label (for a radio or checkbox: its option, and the group's legend on entering the group);
- the hint;
- "required" (Orca: 必需) for a field that is required: every field whose label, legend or hint
  does not say it is optional;
- after a bad send, "invalid entry" (无效条目) and the field's error message; and when the page
  loads with errors, the error summary's title and every message, with focus on the summary.

Every utterance goes into a Transcript, written to reports/ as readable text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.wait import WebDriverWait

from accessibility_tests.screen_reader.orca_session import ScreenReader

# Orca 43's words, in Chinese (its zh_CN catalogue).
REQUIRED = ("必需", "必填")  # Orca's word for `required`; the pages' own "(required)"
INVALID = "无效条目"
WRAPPED = "滚动到顶部"  # "Wrapping to top." after the last heading
MAIN_LANDMARK = "主内容"
# What the page says when a field may be left empty (in its label, legend or hint).
OPTIONAL_MARKERS = ("选填", "可以不填", "可选", "非必填")
SUMMARY_TITLE = "出现问题"  # _("There is a problem")
MAX_TABS = 60

# What has focus, and what a sighted person sees around it.
_FOCUS_FACTS = """
const el = document.activeElement;
if (!el || el === document.body) return {tag: 'body'};
const text = node => {
  if (!node) return '';
  const copy = node.cloneNode(true);
  copy.querySelectorAll('.visually-hidden').forEach(n => n.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
};
const group = el.closest('fieldset');
const formGroup = el.closest('.form-group');
const form = el.closest('form');
const label = el.labels && el.labels.length ? text(el.labels[0])
  : (el.getAttribute('aria-label') || text(el));
return {
  tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(), id: el.id,
  name: el.getAttribute('name') || '', label: label,
  legend: group && group.querySelector('legend') ? text(group.querySelector('legend')) : '',
  group: group ? (group.querySelector('input') || {}).name || 'fieldset' : '',
  hint: formGroup ? text(formGroup.querySelector('.hint')) : '',
  error: formGroup ? text(formGroup.querySelector('.error-message')) : '',
  mainForm: !!(form && form.matches('main form:not(.inline-form)')),
  summary: !!el.closest('.error-summary'),
  href: el.getAttribute('href') || '',
  action: form ? form.getAttribute('action') || '' : '',
  inMain: !!el.closest('main'),
};
"""

# The error summary as a sighted person reads it: its title and messages.
_SUMMARY = """
const s = document.querySelector('.error-summary');
if (!s) return null;
return {title: s.querySelector('h2') ? s.querySelector('h2').textContent.trim() : '',
        messages: [...s.querySelectorAll('li')].map(li => li.textContent.trim()),
        focused: s.contains(document.activeElement)};
"""


def squash(text: str) -> str:
    """Spaces and punctuation Orca adds or drops do not matter when comparing."""
    return re.sub(r"[\s.。,，:：;；!！?？'\"“”‘’()（）\-]", "", text)


def heard(said: Iterable[str], wanted: str) -> bool:
    return squash(wanted) in squash(" ".join(said))


@dataclass
class Stop:
    """One key press: what had focus after it, and what Orca said."""

    key: str
    facts: dict[str, Any]
    said: list[str]


@dataclass
class Transcript:
    """Everything Orca said on a walk, in order, with the keys pressed."""

    title: str
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def page(self, heading: str) -> None:
        self.lines += ["", f"## {heading}", ""]

    def note(self, key: str, said: list[str]) -> None:
        spoken = " | ".join(said) if said else "(silence)"
        self.lines.append(f"[{key}] {spoken}")

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")
        self.lines.append(f"  !! {what}")

    def text(self) -> str:
        head = [f"# What Orca says: {self.title}", "",
                "Orca 43 reading Chromium, in Chinese. [key] what was pressed, then every "
                "utterance in order, separated by |. Lines with !! are problems the walk found.",
                ""]
        return "\n".join(head + self.lines).rstrip() + "\n"

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.text(), encoding="utf-8")


class Walker:
    """Walks pages with one screen reader, writing one transcript."""

    def __init__(self, reader: ScreenReader, transcript: Transcript):
        self.reader = reader
        self.driver = reader.driver
        self.transcript = transcript
        self.where = ""

    # --- keys ---

    def press(self, key: str, **listen: float) -> list[str]:
        said = self.reader.press(key, **listen)
        self.transcript.note(key, said)
        return said

    def facts(self) -> dict[str, Any]:
        return self.driver.execute_script(_FOCUS_FACTS)  # type: ignore[no-any-return]

    def move(self, key: str) -> list[str]:
        """Press a key that moves focus; listen once focus has moved (Orca speaks on the focus
        event, which can come a while after the key on a busy machine)."""
        self.driver.execute_script("window.__walkFocus = document.activeElement;")
        self.reader.drain()
        self.reader.xdotool("key", "--clearmodifiers", key)
        end = time.monotonic() + 3.0
        while time.monotonic() < end and self.driver.execute_script(
                "return document.activeElement === window.__walkFocus;"):
            time.sleep(0.03)
        return self.reader.listen(quiet=0.3, timeout=4.0, first=2.5)

    def tab(self, key: str = "Tab") -> Stop:
        """Tab to the next stop. Orca 43 with Chromium sometimes stays silent when focus lands
        on a text field (the caret event comes before the focus event): then "Where am I"
        (KP_Enter) asks it again, as a person would."""
        said = self.move(key)
        facts = self.facts()
        if not said and facts.get("tag") in ("input", "textarea", "select"):
            self.transcript.note(key, said)
            key = "KP_Enter"
            said = self.reader.press(key, first=2.5)
        self.transcript.note(key, said)
        return Stop(key, facts, said)

    # --- pages ---

    def _mark(self) -> None:
        self.driver.execute_script("window.__walkOldPage = true;")

    def _wait_for_load(self) -> None:
        WebDriverWait(self.driver, 20, poll_frequency=0.05,
                      ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script(
                "return window.__walkOldPage !== true && document.readyState === 'complete';"))

    def _page_loaded(self, key: str) -> list[str]:
        said = self.reader.listen(quiet=0.5, timeout=6.0, first=2.5)
        self.transcript.note(key, said)
        return said

    def open(self, url: str, heading: str) -> list[str]:
        """Load a page (as from a bookmark) and listen to what Orca says."""
        self.transcript.page(heading)
        self.reader.drain()
        self._mark()
        self.driver.get(url)
        self._wait_for_load()
        return self._page_loaded("page loads")

    def activate(self, heading: str, key: str = "Return") -> list[str]:
        """Press Enter on what has focus (a button or link) and listen to the next page."""
        self._mark()
        self.reader.drain()
        self.reader.xdotool("key", "--clearmodifiers", key)
        self._wait_for_load()
        self.transcript.page(heading)
        return self._page_loaded(f"{key}: page loads")

    def page_headings(self) -> list[str]:
        return self.driver.execute_script(  # type: ignore[no-any-return]
            "return [...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
            ".filter(h => h.offsetParent !== null)"
            ".map(h => h.textContent.replace(/\\s+/g, ' ').trim());")

    def headings(self, expected: list[str] | None = None, *, stop_at: str | None = None) -> None:
        """``h`` (browse mode) through the page's headings from the top, each read with its
        text; with ``stop_at``, only up to that heading (the caret stays there, so Tab goes on
        from it, as it does for a person)."""
        expected = self.page_headings() if expected is None else expected
        self.to_top()
        said_all: list[str] = []
        for number, heading in enumerate(expected):
            said = self.press("h")
            if not heard(said, heading):  # what ctrl+Home said can come late
                said += self.reader.listen(first=1.5)
                self.transcript.note("  (more)", said)
            said_all += said
            if not heard(said, heading):
                self.transcript.problem(self.where, f"heading {number + 1} {heading!r} not "
                                                    f"read by h (heard {said})")
            if heading == stop_at:
                return

    def to_top(self) -> None:
        """Orca's ctrl+Home: its caret (and focus) to the top of the page, the skip link."""
        self.press("ctrl+Home")

    def skip_to_main(self) -> None:
        """The skip link, then Enter: Orca says it entered the main landmark."""
        self.to_top()
        if "#main" not in self.facts().get("href", ""):
            self.to_top()  # Orca may still be busy with the page that just loaded
        if "#main" not in self.facts().get("href", ""):
            self.transcript.problem(self.where, "ctrl+Home did not land on the skip link")
            return
        said = self.press("Return")
        if not heard(said, MAIN_LANDMARK):
            self.transcript.problem(self.where, f"entering main, Orca did not say "
                                                f"{MAIN_LANDMARK!r}")

    def tab_until(self, done: Callable[[dict[str, Any]], bool], what: str) -> list[Stop]:
        stops = []
        for _ in range(MAX_TABS):
            stop = self.tab()
            stops.append(stop)
            if done(stop.facts):
                return stops
        raise AssertionError(f"{self.where}: {MAX_TABS} Tabs never reached {what}")

    # --- forms ---

    def walk_form(self, *, errors: bool) -> list[Stop]:
        """Tab from where focus is to the form's first submit button, checking each field.

        After a bad send, focus is on the error summary: Tab to its first link and Enter, as
        a person does, lands on the first field to fix, and the walk goes on from there."""
        stops: list[Stop] = []
        if errors:
            link = self.tab()
            if not link.facts.get("summary") or link.facts.get("tag") != "a":
                self.transcript.problem(self.where, "Tab from the error summary did not reach "
                                                    "its first link")
                stops.append(link)
            else:
                stops.append(self.tab("Return"))
        stops += self.tab_until(
            lambda f: f.get("mainForm") and f.get("type") == "submit", "the form's button")
        check_fields(self.transcript, self.where, stops, errors=errors)
        return stops

    def error_summary_on_load(self, said: list[str]) -> None:
        summary = self.driver.execute_script(_SUMMARY)
        if summary is None:
            self.transcript.problem(self.where, "sent empty, the page shows no error summary")
            return
        if not summary["focused"]:
            self.transcript.problem(self.where, "the error summary does not have focus on load")
        if not heard(said, summary["title"]):
            self.transcript.problem(self.where, f"on load, the summary's title "
                                                f"{summary['title']!r} was not read")
        for message in summary["messages"]:
            if not heard(said, message):
                self.transcript.problem(self.where, f"on load, the summary's message "
                                                    f"{message!r} was not read")


def is_optional(facts: dict[str, Any]) -> bool:
    seen = " ".join(facts.get(k, "") for k in ("label", "legend", "hint"))
    return any(marker in seen for marker in OPTIONAL_MARKERS)


def check_fields(transcript: Transcript, where: str, stops: list[Stop], *, errors: bool) -> None:
    """Each form control: label, hint, required, and after a bad send invalid + its message.

    A radio or checkbox group is checked once, at the first of its boxes that Tab reaches:
    what is said there and at the group's other boxes counts together, as a person hears it.
    """
    controls = [s for s in stops if s.facts.get("mainForm") and s.facts.get("type") not in
                ("submit", "button", "hidden") and s.facts.get("tag") != "a"]
    groups: dict[str, list[Stop]] = {}
    for stop in controls:
        key = stop.facts["group"] if stop.facts.get("type") in ("radio", "checkbox") \
            and stop.facts.get("legend") else stop.facts.get("id", "")
        groups.setdefault(key, []).append(stop)
    for members in groups.values():
        facts = members[0].facts
        said = [s for stop in members for s in stop.said]
        name = facts.get("legend") or facts.get("label")
        what = f"field {name!r}"
        grouped = facts.get("type") in ("radio", "checkbox") and facts.get("legend")
        for stop in members:
            if not heard(stop.said, stop.facts.get("label", "")):
                transcript.problem(where, f"{what}: its label {stop.facts.get('label')!r} "
                                          f"not read")
        if facts.get("legend") and not heard(members[0].said, facts["legend"]):
            transcript.problem(where, f"{what}: the question (legend) not read on entering it")
        if facts.get("hint") and not heard(said, facts["hint"]):
            transcript.problem(where, f"{what}: its hint {facts['hint']!r} not read")
        if not is_optional(facts) and not any(word in s for s in said for word in REQUIRED):
            transcript.problem(where, f"{what}: required, but neither "
                                      f"{' nor '.join(REQUIRED)} said")
        if grouped and facts.get("type") == "checkbox" and not errors:
            boxes = [s for s in members if any(REQUIRED[0] in x for x in s.said)]
            if len(boxes) > 1:
                transcript.problem(where, f"{what}: every box is said to be required, though "
                                          f"one choice answers the question")
        if errors and facts.get("error"):
            if not any(INVALID in s for s in said) and not heard(said, "错误"):
                transcript.problem(where, f"{what}: has an error, but neither {INVALID!r} "
                                          f"nor 错误 was said")
            if not heard(said, facts["error"]):
                transcript.problem(where, f"{what}: its error {facts['error']!r} not read")
