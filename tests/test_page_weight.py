"""Light pages for cheap phones and slow networks: small CSS and JS, no web fonts, nothing
render-blocking, static files fingerprinted and cached for a year. Every page the test client
fetches is also weighed (tests/html_checks.py: HTML + CSS + JS under 30 KB gzipped)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.html_checks import PAGE_WEIGHT_LIMIT, STATIC_ROOT, PageProblem, check_page, gzipped_size

ALL_CSS_AND_JS_LIMIT = 12 * 1024


def test_all_css_and_javascript_together_stay_under_12_kb_gzipped() -> None:
    files = [path for path in STATIC_ROOT.rglob("*") if path.suffix in {".css", ".js"}]
    assert files
    total = sum(gzipped_size(str(path.relative_to(STATIC_ROOT))) for path in files)
    assert total <= ALL_CSS_AND_JS_LIMIT, f"{total} bytes gzipped"


def test_no_web_fonts_are_loaded() -> None:
    for stylesheet in STATIC_ROOT.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert "@font-face" not in css, stylesheet
        assert not re.search(r"\.(woff2?|ttf|otf|eot)\b", css), stylesheet
    assert not [path for path in STATIC_ROOT.rglob("*")
                if path.suffix in {".woff", ".woff2", ".ttf", ".otf", ".eot"}]


def test_static_files_are_fingerprinted_and_cached_for_a_year(client: FlaskClient) -> None:
    page = BeautifulSoup(client.get("/").data, "html.parser")
    urls = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    urls += [script["src"] for script in page.find_all("script", src=True)]
    assert urls
    for url in urls:
        assert re.search(r"[?&]v=[0-9a-f]{12}$", url), url
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age == 365 * 24 * 60 * 60, url
        response.close()


def test_a_page_heavier_than_30_kb_or_with_a_blocking_script_is_caught() -> None:
    filler = "".join(f"<p>{n * 7919 % 1000003:x} 第{n}条 {n * n:x}</p>" for n in range(4000))
    heavy = (f"<!doctype html><html lang=en><head><title>Heavy</title>"
             f"<script src='/static/js/enhance.js'></script></head>"
             f"<body><h1>Heavy</h1>{filler}</body></html>")
    with pytest.raises(PageProblem) as caught:
        check_page(heavy, "/heavy")
    assert f"more than {PAGE_WEIGHT_LIMIT // 1024} KB" in str(caught.value)
    assert "render-blocking script" in str(caught.value)
