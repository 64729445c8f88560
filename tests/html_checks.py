"""Checks every HTML page the test client fetches (after GOV.UK Notify's test client)."""

from __future__ import annotations

import re
from collections import Counter

import html5lib
from bs4 import BeautifulSoup

LABELLED_INPUT_EXEMPT_TYPES = {"hidden", "submit", "button", "image", "reset"}


class PageProblem(AssertionError):
    pass


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def check_page(html: str, url: str) -> BeautifulSoup:
    problems: list[str] = []
    try:
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    except html5lib.html5parser.ParseError as error:
        problems.append(f"does not parse as HTML: {error}")
    page = BeautifulSoup(html, "html.parser")

    root = page.find("html")
    if root is None or not root.get("lang"):
        problems.append("<html> has no lang")
    headings = page.find_all("h1")
    if len(headings) != 1:
        problems.append(f"has {len(headings)} <h1> elements, not exactly one")
    title = page.find("title")
    if title is None or not _text(title):
        problems.append("has no <title>")
    elif len(headings) == 1:
        title_text, h1_text = _text(title), _text(headings[0])
        if page.select_one(".error-summary"):
            # "错误：…" / "Error: …": the prefix is translated, so strip up to the first colon.
            parts = re.split(r"[:：]", title_text, maxsplit=1)
            if len(parts) != 2 or not parts[0].strip():
                problems.append("error page title has no error prefix")
            title_text = parts[-1].strip()
        if not title_text.startswith(h1_text):
            problems.append(f"<title> {title_text!r} does not start with <h1> {h1_text!r}")

    ids = Counter(element["id"] for element in page.find_all(id=True))
    duplicates = [element_id for element_id, count in ids.items() if count > 1]
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")

    labelled = {label.get("for") for label in page.find_all("label")}
    for control in page.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type", "text") in LABELLED_INPUT_EXEMPT_TYPES:
            continue
        if control.get("id") not in labelled:
            problems.append(f"form control without a <label>: {control}")

    for element in page.find_all(attrs={"aria-describedby": True}):
        for target in element["aria-describedby"].split():
            if target not in ids:
                problems.append(f"aria-describedby points at missing id {target!r}")

    if problems:
        raise PageProblem(f"{url}:\n  " + "\n  ".join(problems))
    return page
