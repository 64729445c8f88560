"""The statistics pages and downloads (issue 24, items 3 to 5 and 7): what each reader sees,
small counts hidden outside the county's own staff, months in China's time zone, 404 outside
the reader's area, and downloads that hold the page's own rows and are audited."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import create_engine, select, update
from sqlalchemy.engine import make_url

from app.database import get_engine, get_session
from app.domain.clock import CHINA
from app.domain.models import AuditEvent, Role, StatisticsCount
from tests.conftest import make_test_app
from tests.factories import make_account
from tests.pages import EN, main_text, signed_in_client, soup, text_of
from tests.test_statistics_figures import HERE, THERE, WORLD, build, refreshed

PROVINCE, COUNTY, OTHER = "13906690001", "13906690002", "13906690003"


@pytest.fixture
def world(app: Flask) -> Flask:
    build(app, WORLD)
    refreshed(app)
    make_account(app, phone=PROVINCE, role=Role.STATISTICS, area="22")
    make_account(app, phone=COUNTY, role=Role.STATISTICS, area=HERE)
    make_account(app, phone=OTHER, role=Role.STATISTICS, area=THERE)
    return app


def table_rows(response: object, name: str) -> list[list[str]]:
    section = soup(response).find(id=f"{name}-heading").find_parent("section")
    return [[text_of(cell) for cell in row.find_all(["th", "td"])]
            for row in section.find("tbody").find_all("tr")]


def test_the_county_s_own_staff_see_every_count_of_their_county(world: Flask) -> None:
    browser = signed_in_client(world, COUNTY)
    page = browser.get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    assert page.status_code == 200
    sent = table_rows(page, "sent")
    # Counted by hand from WORLD: sent in February (China time) in 南关区.
    assert sent[0][1:] == ["4", "1", "25%"]
    assert sent[-1][:3] == ["All services", "7", "2"]
    refusals = dict(row for row in table_rows(page, "refusals"))  # type: ignore[misc]
    assert list(refusals.values()) == ["2", "1"]
    assert "fewer than 5" not in text_of(soup(page).find_all("table")[0]) + \
        "".join(text_of(table) for table in soup(page).find_all("table"))
    chart = soup(page).find("svg", attrs={"role": "img"})
    assert chart.find("title").get_text() and chart.find("desc").get_text()
    assert chart["aria-labelledby"].split() == [chart.find("title")["id"],
                                                chart.find("desc")["id"]]


def test_the_province_reads_fewer_than_5_for_small_counts(world: Flask) -> None:
    browser = signed_in_client(world, PROVINCE)
    page = browser.get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    sent = table_rows(page, "sent")
    assert sent[-1][:3] == ["All services", "7", "fewer than 5"]
    assert sent[0][1] == "fewer than 5"  # 4 two-subsidies applications
    decisions = table_rows(page, "decisions")
    # By hand: 4, 4, 4, 13 (春节 left out) and 72 working days: median 4, 9 in 10 within 72.
    assert decisions[-1][1:4] == ["5", "4", "72"]
    assert decisions[0][2] == "–"  # 3 two-subsidies decisions: no median
    overview = browser.get("/statistics/?month=2026-02", headers=EN)
    rows = {row[0]: row for row in table_rows(overview, "counties")}
    assert rows["南关区"][1] == "7" and rows["宽城区"][1] == "fewer than 5"
    assert rows["All counties"][1] == "8"


def test_an_application_sent_late_on_31_march_utc_counts_in_april(
        world: Flask, frozen_clock: time_machine.Traveller) -> None:
    frozen_clock.move_to(datetime(2026, 4, 2, 9, 30, tzinfo=CHINA))  # April can be chosen
    browser = signed_in_client(world, COUNTY)
    april = table_rows(browser.get(f"/statistics/{HERE}?month=2026-04", headers=EN), "sent")
    assert april[-1][1] == "1"
    march = browser.get(f"/statistics/{HERE}?month=2026-03", headers=EN)
    assert table_rows(march, "sent")[-1][1] == "0"


def test_a_month_with_nothing_counted_says_so(world: Flask) -> None:
    browser = signed_in_client(world, COUNTY)
    page = browser.get(f"/statistics/{HERE}?month=2024-06", headers=EN)
    assert page.status_code == 200
    assert "Nothing was counted here in this month." in main_text(page)  # no refusals
    assert "too few decisions" in main_text(page)


@pytest.mark.parametrize("url", [f"/statistics/{HERE}", f"/statistics/download/{HERE}/sent.csv",
                                 "/statistics/220102001", "/statistics/?month=2027-01",
                                 f"/statistics/{THERE}?month=2026-13"])
def test_staff_outside_the_area_or_a_bad_month_get_404(world: Flask, url: str) -> None:
    browser = signed_in_client(world, OTHER)
    assert browser.get(url).status_code == 404


def test_case_staff_do_not_read_statistics(world: Flask) -> None:
    make_account(world, phone="13906690004", role=Role.CASEWORKER, area=HERE)
    browser = signed_in_client(world, "13906690004")
    assert browser.get(f"/statistics/{HERE}").status_code == 404
    assert browser.get("/statistics/").status_code == 404


def test_downloads_hold_the_page_s_rows_hidden_the_same_way_and_are_audited(
        world: Flask) -> None:
    browser = signed_in_client(world, PROVINCE)
    page = browser.get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    shown = table_rows(page, "sent")
    response = browser.get(f"/statistics/download/{HERE}/sent.csv?month=2026-02", headers=EN)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Service" and rows[1:] == shown
    workbook = browser.get(f"/statistics/download/{HERE}/sent.xlsx?month=2026-02", headers=EN)
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    cells = [[str(c) for c in row] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert cells == shown
    area = browser.get("/statistics/download/area/22/counties.csv?month=2026-02", headers=EN)
    assert "fewer than 5" in area.get_data(as_text=True)
    with world.app_context():
        events = get_session().scalars(select(AuditEvent).where(
            AuditEvent.action == "statistics.download").order_by(AuditEvent.id)).all()
        assert [(e.detail["table"], e.detail["format"]) for e in events] == [
            ("sent", "csv"), ("sent", "xlsx"), ("counties", "csv")]
        assert get_session().scalar(select(AuditEvent).where(
            AuditEvent.action == "statistics.view")) is not None


def test_with_a_replica_the_pages_read_the_replica_and_audit_on_the_primary(
        world: Flask, tmp_path: Path) -> None:
    """READ_DATABASE_URL: the statistics read there (here a copy with one more figure, as a
    replica that the nightly job reached first); the audit event is written to the primary."""
    replica = tmp_path / "replica.db"
    primary = make_url(world.config["DATABASE_URL"]).database
    assert primary is not None
    with sqlite3.connect(primary) as source, sqlite3.connect(replica) as copy:
        source.backup(copy)  # the primary's rows, its write-ahead log included
    engine = create_engine(f"sqlite:///{replica}")
    with engine.begin() as connection:
        connection.execute(update(StatisticsCount).where(
            StatisticsCount.county_code == HERE, StatisticsCount.period == "2026-02",
            StatisticsCount.measure == "sent.service",
            StatisticsCount.key == "two-subsidies").values(value=40))
    engine.dispose()
    reading = make_test_app(world.config["DATABASE_URL"], tmp_path,
                            READ_DATABASE_URL=f"sqlite:///{replica}")
    browser = signed_in_client(reading, COUNTY)
    page = browser.get(f"/statistics/{HERE}?month=2026-02", headers=EN)
    assert table_rows(page, "sent")[0][1] == "40"
    with world.app_context():
        assert get_session().scalar(select(AuditEvent).where(
            AuditEvent.action == "statistics.view")) is not None
    get_engine(reading).dispose()


def test_shares_are_drawn_against_100_and_counts_against_the_largest(world: Flask) -> None:
    browser = signed_in_client(world, COUNTY)
    page = soup(browser.get(f"/statistics/{HERE}?month=2026-02", headers=EN))
    decisions = page.find("svg", attrs={"aria-labelledby": "chart-decisions-title "
                                                            "chart-decisions-desc"})
    # The two subsidies' 3 decisions (4, 13 and 4 working days) were all within 33: 100 %,
    # drawn at the full 70 % of the width; the sent chart's largest count is drawn at 70 % too.
    widths = [rect["width"] for rect in decisions.find_all("rect", class_="chart__bar")]
    assert widths[0] == "70.0%"
    sent = page.find("svg", attrs={"aria-labelledby": "chart-sent-title chart-sent-desc"})
    counts = [rect["width"] for rect in sent.find_all("rect", class_="chart__bar")]
    assert counts == ["70.0%", "17.5%", "0.0%", "35.0%"]  # 4, 1, 0 and 2 applications
