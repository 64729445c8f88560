"""Staff pages on a phone and with large text, and what staff are told about their words."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.test_casework import CASEWORKER, EN, signed_in_client, soup, submitted, world  # noqa: F401

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "main.css"


def test_each_cell_of_the_queue_is_labelled_with_its_column(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    submitted(app, world)
    page = soup(signed_in_client(app, CASEWORKER).get("/casework", headers=EN))
    table = page.find("table", class_="table--stack")
    columns = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    for row in table.tbody.find_all("tr"):
        assert [td["data-label"] for td in row.find_all("td")] == columns
    # The rule that stacks them when the table's own box is narrow (a narrow screen or large
    # text: accessibility_tests/test_staff_large_text.py) is in the stylesheet.
    css = CSS.read_text(encoding="utf-8")
    assert "@container (max-width: 48rem)" in css and ".table--stack td::before" in css


def test_the_staff_header_folds_into_one_menu_that_needs_no_javascript(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    page = soup(signed_in_client(app, CASEWORKER).get("/casework", headers=EN))
    menu = page.find("details", class_="site-menu")
    assert menu.summary.get_text(strip=True) == "Menu"
    folded = [a.get_text(strip=True) for a in menu.find_all("a")]
    wide = [a.get_text(strip=True) for a in page.find("nav", class_="site-header__nav--wide")
            .find_all("a")]
    assert folded == wide and "Display settings" in folded
    assert menu.find("button", string="Sign out")


def test_residents_keep_the_plain_header(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    assert soup(client.get("/", headers=EN)).find("details", class_="site-menu") is None


def test_staff_are_told_the_applicant_reads_their_reasons_untranslated(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    from app.domain.models import ApplicationStatus, Role
    from tests.factories import make_account
    from tests.test_casework import CIVIL_AFFAIRS

    application_id = submitted(app, world, status=ApplicationStatus.READY_FOR_DECISION)
    make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS, area="220102", name="周敏")
    page = soup(signed_in_client(app, CIVIL_AFFAIRS).get(
        f"/casework/applications/{application_id}", headers=EN))
    hint = page.find(id=page.find(id="refuse-reason")["aria-describedby"].split()[0])
    assert "as you write them, not translated" in hint.get_text()
