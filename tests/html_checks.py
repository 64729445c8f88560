"""Checks every HTML page the test client fetches (after GOV.UK Notify's test client)."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
from bs4 import BeautifulSoup

LABELLED_INPUT_EXEMPT_TYPES = {"hidden", "submit", "button", "image", "reset"}
STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"
# A page must load quickly on a cheap phone on a slow network: its HTML, CSS and JavaScript
# together, gzipped, stay under 30 KB (GOV.UK Frontend's CSS and JS alone are 27.5 KB).
PAGE_WEIGHT_LIMIT = 30 * 1024


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

    problems += weight_problems(html, page)
    if problems:
        raise PageProblem(f"{url}:\n  " + "\n  ".join(problems))
    return page


@cache
def gzipped_size(static_path: str) -> int:
    return len(gzip.compress((STATIC_ROOT / static_path).read_bytes(), 9))


def page_assets(page: BeautifulSoup) -> list[str]:
    """The stylesheets and scripts the page loads (paths under static/)."""
    found = [link.get("href", "") for link in page.find_all("link", rel="stylesheet")]
    found += [script["src"] for script in page.find_all("script", src=True)]
    return [urlsplit(url).path for url in found]


def weight_problems(html: str, page: BeautifulSoup) -> list[str]:
    problems = []
    assets = page_assets(page)
    outside = [path for path in assets if not path.startswith("/static/")]
    if outside:
        problems.append(f"loads CSS or JS from outside static/: {outside}")
    weight = len(gzip.compress(html.encode("utf-8"), 9)) + sum(
        gzipped_size(path.removeprefix("/static/")) for path in assets if path not in outside)
    if weight > PAGE_WEIGHT_LIMIT:
        problems.append(f"weighs {weight / 1024:.1f} KB gzipped with its CSS and JS, "
                        f"more than {PAGE_WEIGHT_LIMIT // 1024} KB")
    for script in page.find_all("script", src=True):
        if not (script.has_attr("defer") or script.has_attr("async")
                or script.get("type") == "module"):
            problems.append(f"render-blocking script: {script}")
    return problems
