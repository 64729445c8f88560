"""Walks through an application the way a resident does, to reach the pages after the steps.

The documents, check-answers, declaration and confirmation pages only open once every step
is answered. ``answer_steps`` answers each step with plausible values for the demo resident
(keeping whatever the app pre-filled), so the audit can reach those pages through the real forms.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from accessibility_tests.pages import START_APPLICATION, submit_form
from app.demo import DEMO_ACCOUNTS, DEMO_RESIDENT_ID

RESIDENT = next(account for account in DEMO_ACCOUNTS if account.role_label == "resident")

# Answers by field name, for fields the app has not pre-filled.
TEXT_ANSWERS = {
    "full_name": RESIDENT.display_name,
    "holder": RESIDENT.display_name,
    "id_number": DEMO_RESIDENT_ID,
    "card_number": DEMO_RESIDENT_ID + "41",  # category 4 (physical), level 1
    "phone": RESIDENT.phone,
    "bank": "吉林银行",
    "number": "6217000012345678901",
    "address_line": "人民大街1号",
    "people": "3",  # home modification: people in the home
    "disabled_people": "1",
}
SELECT_ANSWERS = {"county": "220102", "township": "220102001"}  # 南关区, the demo area
FALLBACK_TEXT = "无"

# A 1x1 PNG: the smallest file the upload accepts by its content.
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

_ANSWER_FORM = """
const [form, texts, selects, fallback] = arguments;
for (const el of form.elements) {
  if (['hidden', 'submit', 'button', 'file'].includes(el.type)) continue;
  if (el.type === 'radio' || el.type === 'checkbox') {
    const group = [...form.querySelectorAll(`input[name="${el.name}"]`)];
    if (!group.some(r => r.checked)) group[0].checked = true;
  } else if (el.tagName === 'SELECT') {
    if (!el.value) {
      const wanted = [...el.options].find(o => o.value === selects[el.name])
        || [...el.options].find(o => o.value);
      if (wanted) el.value = wanted.value;
    }
  } else if (!el.value) {
    el.value = texts[el.name] ?? fallback;
  }
}
"""

STEP_PATH = re.compile(r"/applications/(\d+)/steps/([\w-]+)")
DOCUMENTS_PATH = re.compile(r"/applications/(\d+)/documents")


def answer_form(driver: WebDriver, form: WebElement) -> None:
    driver.execute_script(_ANSWER_FORM, form, TEXT_ANSWERS, SELECT_ANSWERS, FALLBACK_TEXT)


def answer_steps(driver: WebDriver, base_url: str, service_code: str) -> int:
    """Start (or resume) an application and answer every step; returns the application's id."""
    START_APPLICATION(driver, f"{base_url}/services/{service_code}")
    for _ in range(50):
        path = urlsplit(driver.current_url).path
        if DOCUMENTS_PATH.fullmatch(path):
            return int(DOCUMENTS_PATH.fullmatch(path).group(1))  # type: ignore[union-attr]
        step = STEP_PATH.fullmatch(path)
        if step is None:
            raise AssertionError(f"walking {service_code}: unexpected page {driver.current_url}")
        submit_form(answer_form, load=False)(driver, driver.current_url)
        if urlsplit(driver.current_url).path == path:
            problems = driver.execute_script(
                "const s = document.querySelector('.error-summary');"
                "return s ? s.innerText : document.title;"
            )
            raise AssertionError(
                f"walking {service_code}: step {step.group(2)!r} refused the audit's answers "
                f"(update accessibility_tests/journeys.py): {problems}"
            )
    raise AssertionError(f"walking {service_code}: more than 50 steps")


def upload_file(driver: WebDriver, base_url: str, application_id: int, tmp: Path, *,
                every: bool = False) -> None:
    """Add a small PNG to the first document the application asks for (or to every one)."""
    image = tmp / "ID card.png"
    image.write_bytes(PNG_1PX)
    driver.get(f"{base_url}/applications/{application_id}/documents")
    links = [a.get_attribute("href")
             for a in driver.find_elements(By.CSS_SELECTOR, "main a[href$='/add']")]

    def choose_file(_driver: WebDriver, form: WebElement) -> None:
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(image))

    for link in links if every else links[:1]:
        driver.get(link)
        submit_form(choose_file, load=False)(driver, driver.current_url)
        if not DOCUMENTS_PATH.fullmatch(urlsplit(driver.current_url).path):
            raise AssertionError(f"uploading a PNG ended on {driver.current_url} "
                                 f"({driver.title})")


def bring_later(driver: WebDriver, base_url: str, application_id: int) -> None:
    """Press "I will bring it to the counter later" for every document without a file."""
    for _ in range(10):
        driver.get(f"{base_url}/applications/{application_id}/documents")
        forms = driver.find_elements(By.CSS_SELECTOR, "main form[action$='/bring-later']")
        if not forms:
            return
        submit_form(form_selector="main form[action$='/bring-later']", load=False)(
            driver, driver.current_url)
    raise AssertionError("documents were still offered to bring later after 10 presses")


def declare_and_send(driver: WebDriver, base_url: str, application_id: int) -> None:
    """Tick the declaration and send the application (it goes to the confirmation page)."""
    submit_form(answer_form)(driver, f"{base_url}/applications/{application_id}/declaration")
    expected = f"/applications/{application_id}/confirmation"
    if urlsplit(driver.current_url).path != expected:
        raise AssertionError(f"sending the application ended on {driver.current_url}")
