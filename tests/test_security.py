"""Security headers are set in one place and are exactly these."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_test_app

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def test_every_page_sends_the_security_headers(client: FlaskClient) -> None:
    for path in ["/", "/privacy", "/no-such-page"]:
        headers = client.get(path).headers
        assert headers["Content-Security-Policy"] == EXPECTED_CSP
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style(client: FlaskClient) -> None:
    body = client.get("/settings/display").get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all(" src=" in tag and " defer" in tag for tag in scripts)
    assert "<style" not in body
    assert " style=" not in body


def test_static_files_are_fingerprinted_and_cached(client: FlaskClient) -> None:
    body = client.get("/").get_data(as_text=True)
    assert "/static/css/main.css?v=" in body
    response = client.get("/static/css/main.css")
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_production_cookies_are_secure(migrated_database: str, tmp_path) -> None:
    app: Flask = make_test_app(migrated_database, tmp_path, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/language/en")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")


def test_a_form_without_its_token_gets_the_expired_form_page(migrated_database: str,
                                                              tmp_path) -> None:
    app = make_test_app(migrated_database, tmp_path, WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/settings/display", data={"size": "200"},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
