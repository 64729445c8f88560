"""Who reads the statistics (issue 24, item 1): statistics managers and administrators, each of
their own area only; small counts shown as they are only to the county's own staff."""

from __future__ import annotations

import pytest
from flask import Flask

from app.database import get_session
from app.domain.access import policies
from app.domain.models import Account, Role
from app.domain.people.accounts import area_fits_role
from tests.factories import make_account
from tests.pages import EN, soup


def _account(app: Flask, account_id: int) -> Account:
    found = get_session().get(Account, account_id)
    assert found is not None
    return found


@pytest.mark.parametrize(("role", "area", "county", "allowed", "small"), [
    (Role.STATISTICS, "22", "220102", True, False),  # the province: every county, suppressed
    (Role.STATISTICS, "220100", "220102", True, False),  # 长春市 holds 南关区
    (Role.STATISTICS, "220100", "220202", False, False),  # not 吉林市's counties
    (Role.STATISTICS, "220102", "220102", True, True),  # the county itself sees small counts
    (Role.STATISTICS, "220102", "220103", False, False),  # never another county
    (Role.ADMIN, "22", "220103", True, False),
    (Role.ADMIN, "220102001", "220102", False, False),  # a township's administrator: no
    (Role.CASEWORKER, "220102", "220102", False, False),  # case staff read cases, not figures
])
def test_statistics_are_read_only_inside_the_readers_own_area(
        app: Flask, role: Role, area: str, county: str, allowed: bool, small: bool) -> None:
    reader = make_account(app, phone="13906670001", role=role, area=area)
    with app.app_context():
        actor = _account(app, reader)
        assert policies.can_view_statistics(actor, county) is allowed
        assert policies.sees_small_counts(actor, county) is small
        actor.is_active = False
        assert policies.can_view_statistics(actor, county) is False


def test_statistics_managers_work_in_a_county_a_prefecture_or_the_province() -> None:
    assert area_fits_role(Role.STATISTICS, "22")
    assert area_fits_role(Role.STATISTICS, "220100")
    assert area_fits_role(Role.STATISTICS, "220102")
    assert not area_fits_role(Role.STATISTICS, "220102001")


def test_a_statistics_manager_starts_on_the_statistics_and_sees_the_link(app: Flask) -> None:
    make_account(app, phone="13906670002", role=Role.STATISTICS, area="22")
    browser = app.test_client()
    signed_in = browser.post("/sign-in", data={"phone": "13906670002",
                                               "password": "correct horse battery"})
    assert signed_in.headers["Location"] == "/statistics/"
    page = browser.get("/statistics/", headers=EN)
    assert page.status_code == 200
    assert soup(page).find("a", href="/statistics/") is not None
    assert browser.get("/casework").status_code == 404  # figures only, never a case


def test_a_township_administrator_has_no_statistics_link(app: Flask) -> None:
    from app.web.navigation import staff_links

    township = make_account(app, phone="13906670003", role=Role.ADMIN, area="220102001")
    province = make_account(app, phone="13906670004", role=Role.ADMIN, area="22")
    with app.app_context():
        assert "statistics.overview" not in dict(staff_links(_account(app, township)))
        assert "statistics.overview" in dict(staff_links(_account(app, province)))
