"""Walks through an application the way a resident does, to reach the pages after the steps.

The documents, check-answers, declaration and confirmation pages only open once every step
is answered. The answers are plausible values for the demo resident (keeping whatever the app
pre-filled): ``answer_form`` gives them in the browser (the wizard and screen reader walks);
``answer_steps`` and the functions after it send the same forms answered the same way through
the app's test client, with the CSRF token. The ``applications`` fixture builds its
applications so: how they got there is not what is audited (the wizard walks audit every step
in the browser), and a page takes milliseconds instead of a page load.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from flask.testing import FlaskClient
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from werkzeug.datastructures import MultiDict

from accessibility_tests.pages import MAIN_FORM
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


# --- the same forms through the test client ---

NOT_ANSWERED = ("hidden", "submit", "button", "file", "reset", "image")


def _page(client: FlaskClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, f"GET {path}: HTTP {response.status_code}"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _form(page: BeautifulSoup, selector: str, path: str) -> Tag:
    form = page.select_one(selector)
    assert form is not None, f"{path}: no form {selector!r}"
    return form


def _hidden(form: Tag) -> MultiDict[str, str]:
    return MultiDict([(field["name"], field.get("value", "")) for field in
                      form.select("input[type=hidden][name]")])


def answered(form: Tag) -> MultiDict[str, str]:
    """What the browser would send after journeys.answer_form: hidden fields as they are,
    answers already given kept, a text for each empty field, the wanted (or first real) option
    of each select, the first option of each unanswered radio or checkbox group."""
    data = _hidden(form)
    groups: dict[str, list[Tag]] = {}
    for control in form.select("input[name], select[name], textarea[name]"):
        name, kind = control["name"], (control.get("type") or "text").lower()
        if control.name == "input" and kind in ("radio", "checkbox"):
            groups.setdefault(name, []).append(control)
        elif control.name == "select":
            options = control.select("option")
            chosen = next((o for o in options if o.has_attr("selected") and o.get("value")), None)
            chosen = chosen or next((o for o in options if o.get("value") == SELECT_ANSWERS.get(
                name)), None) or next((o for o in options if o.get("value")), None)
            data.add(name, chosen.get("value", "") if chosen else "")
        elif control.name == "textarea":
            # A browser drops the newline that starts a textarea's content.
            text = control.get_text().removeprefix("\r").removeprefix("\n")
            data.add(name, text or TEXT_ANSWERS.get(name, FALLBACK_TEXT))
        elif kind not in NOT_ANSWERED:
            data.add(name, control.get("value") or TEXT_ANSWERS.get(name, FALLBACK_TEXT))
    for name, boxes in groups.items():
        ticked = [box for box in boxes if box.has_attr("checked")] or boxes[:1]
        for box in ticked:
            data.add(name, box.get("value", "on"))
    return data


def _sent(client: FlaskClient, path: str, data: MultiDict[str, str], **kwargs: Any) -> str:
    """POST, expecting to be sent on; returns where to."""
    response = client.post(path, data=data, **kwargs)
    if response.status_code != 302:
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        summary = page.select_one(".error-summary")
        said = summary.get_text(" ", strip=True) if summary else page.title
        raise AssertionError(f"POST {path}: HTTP {response.status_code} ({said}); update "
                             f"accessibility_tests/journeys.py's answers")
    return urlsplit(response.headers["Location"]).path


def answer_steps(client: FlaskClient, service_code: str) -> int:
    """Start an application and answer every step; returns the application's id."""
    service = f"/services/{service_code}"
    start = _form(_page(client, service), "main form[action$='/start']", service)
    path = _sent(client, start["action"], _hidden(start))
    for _ in range(50):
        documents = DOCUMENTS_PATH.fullmatch(path)
        if documents:
            return int(documents.group(1))
        assert STEP_PATH.fullmatch(path), f"walking {service_code}: unexpected page {path}"
        form = _form(_page(client, path), MAIN_FORM, path)
        path = _sent(client, path, answered(form))
    raise AssertionError(f"walking {service_code}: more than 50 steps")


def upload_file(client: FlaskClient, application_id: int, *, every: bool = False) -> None:
    """Add a small PNG to the first document the application asks for (or to every one)."""
    documents = f"/applications/{application_id}/documents"
    links = [a["href"] for a in _page(client, documents).select("main a[href$='/add']")]
    for link in links if every else links[:1]:
        form = _form(_page(client, link), MAIN_FORM, link)
        data: MultiDict[str, Any] = _hidden(form)
        file_input = form.select_one("input[type=file]")
        assert file_input is not None, f"{link}: no file input"
        data.add(file_input["name"], (io.BytesIO(PNG_1PX), "ID card.png"))
        where = _sent(client, link, data, content_type="multipart/form-data")
        assert DOCUMENTS_PATH.fullmatch(where), f"uploading a PNG ended on {where}"


def bring_later(client: FlaskClient, application_id: int) -> None:
    """Press "I will bring it to the counter later" for every document without a file."""
    documents = f"/applications/{application_id}/documents"
    for _ in range(10):
        form = _page(client, documents).select_one("main form[action$='/bring-later']")
        if form is None:
            return
        _sent(client, form["action"], _hidden(form))
    raise AssertionError("documents were still offered to bring later after 10 presses")


def declare_and_send(client: FlaskClient, application_id: int) -> None:
    """Tick the declaration and send the application (it goes to the confirmation page)."""
    declaration = f"/applications/{application_id}/declaration"
    where = _sent(client, declaration, answered(_form(_page(client, declaration), MAIN_FORM,
                                                      declaration)))
    assert where == f"/applications/{application_id}/confirmation", \
        f"sending the application ended on {where}"


def signed_in_client(app: Any, phone: str, password: str) -> FlaskClient:
    """A test client signed in through the sign-in form."""
    client = app.test_client()
    form = _form(_page(client, "/sign-in"), MAIN_FORM, "/sign-in")
    data = _hidden(form)
    data.update({"phone": phone, "password": password})
    _sent(client, "/sign-in", data)
    return client
