"""Civil affairs' money pages (issue 22): running a month, the roster and its downloads, the
bank's return file, and the amounts with their source documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask import Flask
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.database import get_session
from app.domain.models import AuditEvent, InAppMessage, OutboxMessage, Payment, PaymentState, Role
from tests.factories import make_account
from tests.pages import EN, error_for, main_text, signed_in_client, soup
from tests.test_payment_run import entitled

CIVIL_AFFAIRS = "13800000071"
OTHER_COUNTY = "13800000072"
ADMIN = "13800000073"
COUNTY_ADMIN = "13800000074"


@pytest.fixture()
def civil_affairs(app: Flask):
    make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS, area="220102")
    return signed_in_client(app, CIVIL_AFFAIRS)


def states(app: Flask) -> dict[int, PaymentState]:
    with app.app_context():
        return {p.id: p.state for p in get_session().scalars(select(Payment).order_by(Payment.id))}


def actions(app: Flask) -> list[str]:
    with app.app_context():
        return list(get_session().scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def upload(browser, body: bytes, name: str = "return.csv", month: str = "2026-03"):
    return browser.post(f"/payments/220102/{month}/return", headers=EN,
                        data={"return_file": (io.BytesIO(body), name)},
                        content_type="multipart/form-data", follow_redirects=True)


def test_civil_affairs_run_a_month_once_and_a_second_run_says_nothing_was_added(
        app: Flask, civil_affairs) -> None:
    entitled(app, first_month=date(2026, 2, 1))
    entitled(app, first_month=date(2026, 3, 1), name="王芳", allowance="care")
    page = civil_affairs.get("/payments/", headers=EN)
    assert "Monthly payments in" in main_text(page) and "No month has been run yet" in \
        main_text(page)
    first = civil_affairs.post("/payments/220102/run", data={"month": "2026-03"}, headers=EN,
                               follow_redirects=True)
    assert "3 payments added" in main_text(first)
    assert "291.00 yuan" in main_text(first)  # 99 + 99 + 93
    again = civil_affairs.post("/payments/220102/run", data={"month": "2026-03"}, headers=EN,
                               follow_redirects=True)
    assert "Nothing was added" in main_text(again)
    assert len(states(app)) == 3
    assert actions(app).count("payment.run") == 2
    runs = main_text(civil_affairs.get("/payments/220102", headers=EN))
    assert "March 2026" in runs and "291.00 yuan" in runs


def test_the_roster_downloads_for_the_bank_as_csv_and_xlsx(app: Flask, civil_affairs) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    civil_affairs.post("/payments/220102/run", data={"month": "2026-03"})
    csv_file = civil_affairs.get("/payments/220102/2026-03/roster.csv")
    assert csv_file.headers["Content-Disposition"].endswith('roster-220102-2026-03.csv"')
    assert "6217000012345678" in csv_file.get_data(as_text=True)
    xlsx = civil_affairs.get("/payments/220102/2026-03/roster.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in next(sheet.iter_rows())][:2] == ["payment", "name"]
    assert actions(app).count("payment.roster_download") == 2


def test_a_wrong_return_file_lists_every_wrong_line_beside_the_field_and_imports_nothing(
        app: Flask, civil_affairs) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    entitled(app, first_month=date(2026, 3, 1), name="王芳")
    civil_affairs.post("/payments/220102/run", data={"month": "2026-03"})
    first, second = states(app)
    body = (f"payment,result,paid_on,reason\n{first},成功,2026-03-20,\n{second},失败,,\n"
            "999999,成功,2026-03-20,\n").encode()
    page = upload(civil_affairs, body)
    error = error_for(page, "return_file")
    assert "Nothing was imported: 2 lines of the file are wrong" in error
    assert "Line 3: a failed line needs the bank's reason" in error
    assert "Line 4: the payment number is not on this month's roster" in error
    assert soup(page).title.text.startswith("Error:")
    assert set(states(app).values()) == {PaymentState.PENDING}
    not_a_file = upload(civil_affairs, b"\x89PNG\r\n\x1a\n\x00\x00", name="photo.png")
    assert "is not a CSV or XLSX file" in error_for(not_a_file, "return_file")
    empty = civil_affairs.post("/payments/220102/2026-03/return", headers=EN, data={},
                               content_type="multipart/form-data")
    assert error_for(empty, "return_file") == "Error: Choose the bank's return file to upload"


@pytest.mark.engine
def test_a_return_file_pays_and_fails_tells_the_person_and_a_second_import_changes_nothing(
        app: Flask, civil_affairs) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    entitled(app, first_month=date(2026, 3, 1), name="王芳")
    civil_affairs.post("/payments/220102/run", data={"month": "2026-03"})
    first, second = states(app)
    body = (f"payment,result,paid_on,reason\n{first},成功,2026-03-20,\n"
            f"{second},失败,,账户已销户\n").encode("gb18030")  # as Excel saves it in China
    page = upload(civil_affairs, body)
    assert "1 paid, 1 failed" in main_text(page)
    assert "Failed: 账户已销户" in main_text(page)
    assert states(app) == {first: PaymentState.PAID, second: PaymentState.FAILED}
    again = upload(civil_affairs, body)
    assert "Nothing changed: this return file was imported already" in main_text(again)
    with app.app_context():
        db = get_session()
        assert len(db.scalars(select(OutboxMessage)).all()) == 1  # told once
        assert len(db.scalars(select(InAppMessage)).all()) == 1
    assert actions(app).count("payment.return_import") == 2


def test_the_return_file_may_come_as_xlsx(app: Flask, civil_affairs) -> None:
    entitled(app, first_month=date(2026, 3, 1))
    civil_affairs.post("/payments/220102/run", data={"month": "2026-03"})
    (payment,) = states(app)
    book = Workbook()
    sheet = book.active
    sheet.append(["payment", "result", "paid_on", "reason"])
    sheet.append([payment, "paid", date(2026, 3, 21), None])  # a number and a date cell
    out = io.BytesIO()
    book.save(out)
    page = upload(civil_affairs, out.getvalue(), name="回盘.xlsx")
    assert "1 paid" in main_text(page)
    assert states(app) == {payment: PaymentState.PAID}


def test_payments_are_only_for_the_county_s_own_civil_affairs(app: Flask) -> None:
    make_account(app, phone=OTHER_COUNTY, role=Role.CIVIL_AFFAIRS, area="220104")
    make_account(app, phone=ADMIN, role=Role.ADMIN, area="22")
    other = signed_in_client(app, OTHER_COUNTY)
    assert other.get("/payments/220102").status_code == 404
    assert other.post("/payments/220102/run", data={"month": "2026-03"}).status_code == 404
    assert other.get("/payments/220102/2026-03/roster.csv").status_code == 404
    assert signed_in_client(app, ADMIN).get("/payments/220102").status_code == 404


def test_the_province_keeps_its_standard_and_a_county_its_top_up_each_with_its_source(
        app: Flask, civil_affairs) -> None:
    make_account(app, phone=ADMIN, role=Role.ADMIN, area="22")
    admin = signed_in_client(app, ADMIN)
    page = main_text(admin.get("/amounts/", headers=EN))
    assert "吉民发〔2025〕26号" in page and "99.00 yuan" in page and "85.00 yuan" in page
    # A county's civil affairs add a top-up: it is paid on top of the standard.
    wrong = civil_affairs.post("/amounts/new", headers=EN, data={
        "place": "220000", "allowance": "living", "from_month": "2026-13",
        "monthly_amount": "ten", "source": ""})
    assert error_for(wrong, "place").startswith("Error: Not a valid choice")
    assert "like 2026-07" in error_for(wrong, "from_month")
    assert "at most 2 decimals" in error_for(wrong, "monthly_amount")
    assert "吉民发" in error_for(wrong, "source")
    assert soup(wrong).find(id="from_month")["value"] == "2026-13"  # kept as typed
    saved = civil_affairs.post("/amounts/new", headers=EN, follow_redirects=True, data={
        "place": "220102", "allowance": "living", "from_month": "2026年4月",
        "monthly_amount": "２０", "source": "南关区民政局 2026年第3号"})
    assert "pays 20.00 yuan a month" in main_text(saved)
    assert "南关区民政局 2026年第3号" in main_text(saved)
    pays = main_text(civil_affairs.get("/amounts/?county=220102&month=2026-04", headers=EN))
    assert "119.00 yuan" in pays  # 99 + 20
    march = main_text(civil_affairs.get("/amounts/?county=220102&month=2026-03", headers=EN))
    assert "119.00 yuan" not in march
    assert "amount.record" in actions(app)
    # The province's administrators change the standard; a county's cannot.
    make_account(app, phone=COUNTY_ADMIN, role=Role.ADMIN, area="220102")
    county_admin = signed_in_client(app, COUNTY_ADMIN)
    refused = county_admin.post("/amounts/new", headers=EN, data={
        "place": "220000", "allowance": "care", "from_month": "2027-01",
        "monthly_amount": "100", "source": "吉民发〔2026〕1号"})
    assert error_for(refused, "place").startswith("Error: Not a valid choice")
    standard = admin.post("/amounts/new", headers=EN, data={
        "place": "220000", "allowance": "care", "from_month": "2027-01",
        "monthly_amount": "100", "source": "吉民发〔2026〕1号"})
    assert standard.status_code == 302, main_text(standard)
    assert "吉民发〔2026〕1号" in main_text(admin.get("/amounts/", headers=EN))
