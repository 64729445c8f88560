"""Walks an application's steps one by one and audits each step in its empty, error and filled
states (used by test_wizard_steps.py).

Each step page is audited three times:

1. empty: the page as it is first shown (a step the app pre-fills for a person on record is
   audited as shown, pre-filled);
2. error: the form sent with every field cleared and every choice unanswered, so the page shows
   its error summary, error messages and aria-invalid (skipped for a step that accepts an empty
   answer: it has no error state to show);
3. filled: the page as first shown, answered with journeys.answer_form, audited before
   "Continue" is pressed.

The filled state is audited before the error state, on the page as first shown: the answers are
then kept (every control's value and choice), the form is cleared and sent for the error state,
and the same answers are put back into the page with its errors and sent with "Continue", on to
the next step. That is one page load a step fewer than loading the step again to answer it.

The walk ends on the documents page (after the last step). Steps off the path answer_form's
first choices would take are reached by choosing other options (``answers``) or by going back
to change an answer (``detours``).
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from accessibility_tests.axe_audit import audit, format_report, stay
from accessibility_tests.journeys import DOCUMENTS_PATH, STEP_PATH, TEXT_ANSWERS, answer_form
from accessibility_tests.pages import (
    MAIN_FORM,
    START_APPLICATION,
    fill_fields,
    mark_page,
    submit_form,
    wait_for_next_page,
)
from app.demo import DEMO_ACCOUNTS
from app.web.i18n import BY_CODE

MAX_STEPS = 50
DEMO_RESIDENT = next(account for account in DEMO_ACCOUNTS if account.role_label == "resident")

# Empties every control: text, textarea, select (back to its "Choose ..." option), radios and
# checkboxes. (pages.clear_form leaves selects alone, so a pre-filled county would still pass.)
_CLEAR_FORM = """
for (const el of arguments[0].elements) {
  if (el.type === 'radio' || el.type === 'checkbox') { el.checked = false; }
  else if (el.tagName === 'SELECT') { el.value = ''; }
  else if (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT'
           && !['hidden', 'submit', 'button', 'file'].includes(el.type))) { el.value = ''; }
}
"""

# Gives the named fields a value when they have none, before answer_form fills in the rest:
# an empty text field gets the text; in a radio group nobody answered, that option is chosen.
_FILL_EMPTY = """
const [form, values] = arguments;
for (const [name, value] of Object.entries(values)) {
  const controls = [...form.elements].filter(el => el.name === name);
  if (controls.some(el => el.type === 'radio' || el.type === 'checkbox')) {
    if (!controls.some(el => el.checked)) {
      const wanted = controls.find(el => el.value === value);
      if (wanted) wanted.checked = true;
    }
  } else {
    for (const el of controls) { if (!el.value) el.value = value; }
  }
}
"""

# Every control's answer, in the form's order, and the same answers put back into a page of the
# same form (the step shown again with its errors).
_KEEP_ANSWERS = """
return [...arguments[0].elements].filter(el => el.name).map(el =>
  [el.name, el.value, el.type === 'radio' || el.type === 'checkbox' ? el.checked : null]);
"""
_PUT_BACK_ANSWERS = """
const [form, kept] = arguments;
const controls = [...form.elements].filter(el => el.name);
if (controls.length !== kept.length) return false;
controls.forEach((el, i) => {
  const [name, value, checked] = kept[i];
  if (el.name !== name) throw new Error(`the form changed: ${el.name} is not ${name}`);
  if (checked === null) { if (el.type !== 'hidden') el.value = value; }
  else el.checked = checked;
});
return true;
"""

# The error summary is there, and each of its links lands on an element of the page.
_ERROR_SUMMARY = """
const summary = document.querySelector('.error-summary');
if (!summary) return null;
return [...summary.querySelectorAll('a[href^="#"]')]
  .map(a => a.getAttribute('href').slice(1))
  .filter(id => !document.getElementById(id));
"""


def clear_every_field(driver: WebDriver, form: WebElement) -> None:
    driver.execute_script(_CLEAR_FORM, form)


@functools.cache
def accepts_empty_answer(service_code: str, step_key: str) -> bool:
    """True when the step's form is valid with nothing answered (it has no error state).

    Checked with the app's own form class, so a step that gains or loses a required field is
    treated right without a list here to keep up to date. Needs a request context.
    """
    from werkzeug.datastructures import MultiDict

    from app.services import get_service
    from app.services.model import StepContext

    service = get_service(service_code)
    step = service.step(step_key) if service else None
    if step is None:
        raise AssertionError(f"{service_code} has no step {step_key!r}")
    context = StepContext(channel="online", people=((0, "-"),))
    form = step.form(formdata=MultiDict(), meta={"csrf": False})
    form.answers, form.context = {}, context
    if step.prepare is not None:
        step.prepare(form, context, {})
    return bool(form.validate())


@dataclass
class WalkResult:
    application_id: int | None = None
    steps: list[str] = field(default_factory=list)  # in the order walked (a detour adds more)
    pages_audited: int = 0
    reports: list[str] = field(default_factory=list)  # format_report of each failing page
    problems: list[str] = field(default_factory=list)  # anything else wrong along the way


def _path(driver: WebDriver) -> str:
    return urlsplit(driver.current_url).path


def walk_and_audit(
    driver: WebDriver,
    base_url: str,
    app: Any,
    service_code: str,
    language: str,
    *,
    who: str,
    first_step: str,
    answers: Mapping[str, str] | None = None,
    detours: tuple[tuple[str, Mapping[str, str]], ...] = (),
) -> WalkResult:
    """From the service's start button to the documents page, auditing every step's states.

    ``answers`` (field name -> value) are given before journeys.answer_form fills in the rest:
    a text field's value when it is empty, or the option to choose in a radio group nobody has
    answered (so the walk can take a branch answer_form's first options would skip).
    ``detours`` then go back from the documents page to a step, change its answer and audit the
    steps that change brings up, on to the documents page again (e.g. the other of two
    branches). An AssertionError stops the walk when it cannot go on; axe violations and other
    problems are collected in the result instead.
    """
    result = WalkResult()
    html_lang = BY_CODE[language].html_lang

    def fill(form: WebElement, values: Mapping[str, str]) -> None:
        if values:
            driver.execute_script(_FILL_EMPTY, form, dict(values))
        answer_form(driver, form)

    def check_and_audit(step_key: str, state: str) -> None:
        name = f"{service_code} step {step_key!r} ({state}) [lang={language}, as {who}]"
        lang = driver.execute_script("return document.documentElement.lang;")
        if lang != html_lang:
            result.problems.append(f"{name}: <html lang={lang!r}>, expected {html_lang!r}")
        violations = audit(driver, driver.current_url, name=name, prepare=stay)
        result.pages_audited += 1
        if violations:
            result.reports.append(format_report(name, driver.current_url, violations))

    def answer_and_audit(step_key: str, values: Mapping[str, str]) -> None:
        """Answer the step shown (keeping what it shows); audit it so, unless it is a detour."""
        fill(driver.find_element(By.CSS_SELECTOR, MAIN_FORM), values)
        if step_key:
            check_and_audit(step_key, "filled")

    def press_continue() -> None:
        path, step_url = _path(driver), driver.current_url.split("#")[0]
        submit_form(load=False)(driver, step_url)
        if _path(driver) == path:
            summary = driver.execute_script(
                "const s = document.querySelector('.error-summary');"
                "return s ? s.innerText : document.title;"
            )
            raise AssertionError(
                f"{service_code} step {path.rsplit('/', 1)[-1]!r} [lang={language}] refused "
                f"the walk's answers (see journeys.TEXT_ANSWERS): {summary}"
            )

    def walk_to_documents() -> None:
        seen: set[str] = set()
        for _ in range(MAX_STEPS):
            path = _path(driver)
            if DOCUMENTS_PATH.fullmatch(path) is not None:
                if result.application_id is None:
                    raise AssertionError(
                        f"{service_code} as {who}: the start button went straight to the "
                        f"documents page ({driver.current_url}): an earlier draft was resumed"
                    )
                return
            step = STEP_PATH.fullmatch(path)
            if step is None:
                raise AssertionError(
                    f"{service_code} as {who}: unexpected page {driver.current_url} "
                    f"({driver.title!r}) after steps {result.steps}"
                )
            application_id, step_key = int(step.group(1)), step.group(2)
            if result.application_id is None:
                result.application_id = application_id
                if step_key != first_step:
                    raise AssertionError(
                        f"{service_code} as {who}: the first step shown is {step_key!r}, "
                        f"expected {first_step!r} (was an earlier, half-answered draft resumed?)"
                    )
            elif application_id != result.application_id:
                raise AssertionError(f"{service_code}: the walk moved to another application "
                                     f"({driver.current_url})")
            if step_key in seen:
                raise AssertionError(f"{service_code}: step {step_key!r} shown again after "
                                     f"{result.steps}: its answer was not taken")
            seen.add(step_key)
            result.steps.append(step_key)
            step_url = driver.current_url.split("#")[0]

            # 1. As first shown (pre-filled, for a step the app fills in for a person on record).
            check_and_audit(step_key, "empty")

            # 3. Answered, audited before "Continue" (the answers kept for after step 2).
            answer_and_audit(step_key, answers or {})

            # 2. Sent with nothing answered: the error summary, messages and aria-invalid.
            with app.test_request_context():
                no_error_state = accepts_empty_answer(service_code, step_key)
            if not no_error_state:
                kept = driver.execute_script(
                    _KEEP_ANSWERS, driver.find_element(By.CSS_SELECTOR, MAIN_FORM))
                submit_form(clear_every_field, load=False)(driver, step_url)
                if _path(driver) != path:
                    raise AssertionError(
                        f"{service_code} step {step_key!r}: sending it empty went on to "
                        f"{driver.current_url} instead of showing the errors"
                    )
                broken_links = driver.execute_script(_ERROR_SUMMARY)
                if broken_links is None:
                    result.problems.append(
                        f"{service_code} step {step_key!r} [lang={language}]: sent empty, the "
                        f"page shows no .error-summary"
                    )
                elif broken_links:
                    result.problems.append(
                        f"{service_code} step {step_key!r} [lang={language}]: the error summary "
                        f"links to ids not on the page: {broken_links}"
                    )
                check_and_audit(step_key, "error")
                if not driver.execute_script(
                        _PUT_BACK_ANSWERS, driver.find_element(By.CSS_SELECTOR, MAIN_FORM), kept):
                    raise AssertionError(f"{service_code} step {step_key!r}: the page with "
                                         f"errors has other fields than the step as first shown")

            # On to the next step.
            press_continue()
        raise AssertionError(f"{service_code}: more than {MAX_STEPS} steps: {result.steps}")

    START_APPLICATION(driver, f"{base_url}/services/{service_code}")
    walk_to_documents()
    for step_key, values in detours:
        driver.get(f"{base_url}/applications/{result.application_id}/steps/{step_key}")
        if not _path(driver).endswith(f"/steps/{step_key}"):
            raise AssertionError(f"{service_code}: going back to {step_key!r} for a detour "
                                 f"ended on {driver.current_url}")
        # Already audited: only its answer changes. Cleared first, so `values` are chosen.
        driver.execute_script(_CLEAR_FORM, driver.find_element(By.CSS_SELECTOR, MAIN_FORM))
        answer_and_audit("", {**(answers or {}), **values})
        press_continue()
        walk_to_documents()
    return result


def delete_draft(driver: WebDriver, base_url: str, application_id: int) -> None:
    """Follow "Delete this draft" on the applicant's list of applications, and confirm."""
    driver.get(f"{base_url}/applications")
    link = f"main a[href$='/applications/{application_id}/delete']"
    links = driver.find_elements(By.CSS_SELECTOR, link)
    if not links:
        raise AssertionError(f"/applications has no 'Delete this draft' for {application_id}")
    mark_page(driver)
    links[0].click()
    wait_for_next_page(driver)
    submit_form(form_selector=f"main form[action$='/applications/{application_id}/delete']",
                load=False)(driver, driver.current_url)
    if driver.find_elements(By.CSS_SELECTOR, link):
        raise AssertionError(f"draft {application_id} is still listed after deleting it")


# --- Residents like the demo resident, one per walk ---

_numbers = itertools.count(1)
DEMO_BIRTH_DATE = datetime.date(1985, 6, 15)


@dataclass(frozen=True)
class Resident:
    phone: str
    password: str
    id_number: str

    @property
    def answers(self) -> dict[str, str]:
        """Answers that depend on who they are (the rest come from journeys.TEXT_ANSWERS)."""
        return {"id_number": self.id_number, "card_number": self.id_number + "41"}


def new_resident(
    app: Any, password_hash: str, password: str, *, born: datetime.date = DEMO_BIRTH_DATE
) -> Resident:
    """A resident account with the demo resident's kind of record (name, area, phone, no
    agents), but their own ID number: a fresh account has no drafts yet, whatever else the audit
    session has done with the demo resident's (conftest.applications keeps drafts of its own).
    """
    from app.database import get_session
    from app.domain.models import Account, Person, Role
    from app.domain.people.identity import check_character

    number = next(_numbers)
    phone = f"1380000{number:04d}"
    # Born in 南关区 (the demo area); an even sequence digit means female, like 张丽.
    first17 = f"220102{born:%Y%m%d}{100 + 2 * number:03d}"
    id_number = first17 + check_character(first17)
    with app.app_context():
        db = get_session()
        person = Person(
            full_name=TEXT_ANSWERS["full_name"], id_number=id_number,
            birth_date=born, sex="female", phone=phone,
            county_code="220102", township_code="220102001", preferred_language="zh_Hans_CN",
            contact_channel="sms", communication_needs=[],
        )
        db.add(person)
        db.add(Account(
            phone=phone, password_hash=password_hash, display_name=DEMO_RESIDENT.display_name,
            role=Role.PUBLIC, person=person, display_settings={},
            phone_verified_at=datetime.datetime.now(datetime.UTC),
        ))
        db.commit()
    return Resident(phone=phone, password=password, id_number=id_number)


def sign_in(driver: WebDriver, base_url: str, phone: str, password: str) -> None:
    """Sign in through the form (the browser keeps the session cookie and any `lang` cookie)."""
    submit_form(fill_fields({"phone": phone, "password": password}))(driver, base_url + "/sign-in")
    if _path(driver) == "/sign-in":
        raise AssertionError(f"signing in as {phone} stayed on /sign-in ({driver.title!r})")
