"""What page tests share: the language headers, reading a page, and signed-in browsers."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from app.languages import BY_CODE
from tests.factories import sign_in
from tests.html_checks import check_page

# Accept-Language headers, one per language of the portal (app/languages.py).
EN = {"Accept-Language": BY_CODE["en"].html_lang}
KO = {"Accept-Language": BY_CODE["ko"].html_lang}
ZH = {"Accept-Language": BY_CODE["zh_Hans_CN"].html_lang}


class CheckedClient(FlaskClient):
    """A test client that checks every HTML page it receives (see tests/html_checks.py)."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not response.is_streamed and response.data:
            check_page(response.get_data(as_text=True), str(args[0] if args else kwargs))
        return response


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(element: Any) -> str:
    """An element's text as a person reads it: words separated by single spaces."""
    return re.sub(r"\s+", " ", element.get_text(" ")).strip() if element else ""


def main_text(response: Any) -> str:
    return text_of(soup(response).main)


def error_for(response: Any, field_id: str) -> str:
    """The error message shown beside a field ("" when there is none)."""
    element = soup(response).find(id=f"{field_id}-error")
    return element.get_text(" ", strip=True) if element else ""


def signed_in_client(app: Flask, phone: str) -> FlaskClient:
    """A browser of its own for each person (each page it fetches is checked as HTML)."""
    app.test_client_class = CheckedClient
    browser = app.test_client()
    sign_in(browser, phone)
    return browser
