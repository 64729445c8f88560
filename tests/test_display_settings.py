"""Display settings: chosen on a page that works without JavaScript, kept in a cookie."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

ALL_LARGE = {"size": "200", "contrast": "high", "spacing": "wide", "motion": "reduce"}


def html_classes(client: FlaskClient, path: str = "/") -> set[str]:
    soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    return set(soup.html.get("class", []))


def test_default_pages_use_standard_text(client: FlaskClient) -> None:
    assert html_classes(client) == {"text-100"}


def test_saved_settings_apply_to_every_page(client: FlaskClient) -> None:
    response = client.post("/settings/display", data=ALL_LARGE)
    assert response.status_code == 302
    expected = {"text-200", "contrast-high", "spacing-wide", "motion-reduce"}
    assert html_classes(client, "/") == expected
    assert html_classes(client, "/privacy") == expected


def test_the_page_confirms_the_settings_were_saved(client: FlaskClient) -> None:
    response = client.post("/settings/display", data=ALL_LARGE, follow_redirects=True,
                           headers={"Accept-Language": "en"})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "Your display settings are saved" in soup.select_one("[role=status]").get_text()
    assert soup.find("input", {"name": "size", "value": "200"}).has_attr("checked")


def test_a_missing_choice_is_explained_and_other_choices_are_kept(client: FlaskClient) -> None:
    data = dict(ALL_LARGE)
    del data["contrast"]
    response = client.post("/settings/display", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error: Display settings")
    summary_link = soup.select_one(".error-summary a")
    assert summary_link.get_text() == "Choose standard or high contrast"
    assert summary_link["href"] == "#contrast-0"
    assert soup.find(id="contrast-error").get_text(strip=True).endswith(
        "Choose standard or high contrast")
    assert soup.find(id="contrast-0")["aria-invalid"] == "true"
    assert "contrast-error" in soup.select_one("fieldset:has(#contrast-0)")["aria-describedby"]
    assert soup.find("input", {"name": "size", "value": "200"}).has_attr("checked")
    assert soup.find("input", {"name": "motion", "value": "reduce"}).has_attr("checked")


def test_a_tampered_cookie_falls_back_to_standard_settings(client: FlaskClient) -> None:
    client.set_cookie("display", "size=999&contrast=<script>")
    assert html_classes(client) == {"text-100"}


def test_settings_follow_a_signed_in_person_to_another_device(app, client: FlaskClient) -> None:
    from tests.factories import make_account, sign_in

    make_account(app, phone="13904317001")
    sign_in(client, "13904317001")
    client.post("/settings/display", data=ALL_LARGE)
    other_device = app.test_client()
    assert html_classes(other_device) == {"text-100"}
    sign_in(other_device, "13904317001")
    assert html_classes(other_device) == {"text-200", "contrast-high", "spacing-wide",
                                          "motion-reduce"}


def test_a_display_setting_changes_only_the_classes_on_html(app, client: FlaskClient) -> None:
    """Why the accessibility audit validates each page's HTML once per language, not once per
    display setting (accessibility_tests/page_audit.py): apart from the display settings page,
    which shows the chosen answers, the markup is the same but for the classes on <html>."""
    import difflib
    import re

    from accessibility_tests.pages import DISPLAY_STATES

    paths = ["/", "/services/two-subsidies", "/services/home-modification/easy-read",
             "/sign-in", "/sign-up", "/accessibility", "/privacy"]
    class_attribute = re.compile(r'(<html\b[^>]*?) class="[^"]*"')
    for path in paths:
        pages: set[str] = set()
        for state in DISPLAY_STATES.values():
            client.set_cookie("display", state.settings.to_cookie())
            html = client.get(path).get_data(as_text=True)
            assert f'class="{state.settings.css_classes}"' in html.split(">", 2)[1]
            pages.add(class_attribute.sub(r"\1", html, count=1))
        assert len(pages) == 1, f"{path}: the markup differs beyond the classes on <html>:\n" + \
            "\n".join(list(difflib.unified_diff(*(page.splitlines() for page in sorted(pages)[:2]),
                                            lineterm="", n=0))[:12])
