"""My allowances (issue 22): each entitlement with its state in plain words, every month's
payment as a table, the next review, and the yearly statement with a reference staff check."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from flask import Flask
from flask.testing import FlaskClient

from app.database import get_session
from app.domain.benefits import entitlements, statements
from app.domain.models import (
    Delegation,
    DelegationStatus,
    Entitlement,
    Relationship,
    Role,
)
from tests.factories import make_account
from tests.pages import main_text, signed_in_client, soup
from tests.test_payment_run import entitled, header, run, settle

AGENT_PHONES = itertools.count(13600000001)


def linked_agent(app: Flask, person_id: int) -> FlaskClient:
    phone = str(next(AGENT_PHONES))
    agent_id = make_account(app, phone=phone, name="李强")
    with app.app_context():
        db = get_session()
        db.add(Delegation(person_id=person_id, agent_account_id=agent_id,
                          relationship_kind=Relationship.FAMILY,
                          status=DelegationStatus.ACTIVE, started_at=datetime.now(UTC)))
        db.commit()
    return signed_in_client(app, phone)


def holder(app: Flask, entitlement_id: int) -> tuple[int, FlaskClient]:
    with app.app_context():
        entitlement = get_session().get(Entitlement, entitlement_id)
        assert entitlement is not None
        return entitlement.person_id, signed_in_client(app, entitlement.person.phone or "")


def paid_failed_and_pending(app: Flask) -> int:
    """Paid for January, the bank refused February, March sent and not yet settled."""
    ident = entitled(app, first_month=date(2026, 1, 1))
    run(app, date(2026, 2, 1))
    with app.app_context():
        from sqlalchemy import select

        from app.domain.models import Payment
        ids = {p.month.month: p.id for p in get_session().scalars(select(Payment))}
    settle(app, date(2026, 2, 1), header() + f"{ids[1]},成功,2026-02-15,\n"
           f"{ids[2]},失败,,账户已销户\n")
    run(app, date(2026, 3, 1))
    return ident


def test_the_allowance_page_shows_each_month_paid_refused_with_the_banks_reason_and_pending(
        app: Flask) -> None:
    person_id, browser = holder(app, paid_failed_and_pending(app))
    page = browser.get(f"/allowances/{person_id}")
    table = soup(page).find("table")
    assert table.caption is not None and "困难残疾人生活补贴" in table.caption.get_text()
    assert [th["scope"] for th in table.find_all("th")] == ["col"] * 3 + ["row"] * 3
    text = main_text(page)
    assert "2026年2月15日" in text  # January, paid
    assert "账户已销户" in text and "乡镇（街道）" in text  # February: why, and what to do
    assert "已发送至银行" in text  # March, pending
    assert "每月发放" in text


def test_a_suspension_is_worded_with_its_reason(app: Flask) -> None:
    ident = entitled(app, first_month=date(2026, 1, 1))
    with app.app_context():
        db = get_session()
        entitlement = db.get(Entitlement, ident)
        assert entitlement is not None
        entitlements.suspend(db, entitlement, today=date(2026, 3, 2),
                             reason="review_not_answered")
        db.commit()
    person_id, browser = holder(app, ident)
    text = main_text(browser.get(f"/allowances/{person_id}"))
    assert "2026年3月2日" in text and "年度复核未在期限内答复" in text
    history = [li.get_text(" ", strip=True) for li in soup(
        browser.get(f"/allowances/{person_id}")).find("ol").find_all("li")]
    assert history == ["2026年3月2日：暂停发放：年度复核未在期限内答复。"]


def test_an_agent_sees_the_allowances_from_their_account_and_a_stranger_gets_not_found(
        app: Flask) -> None:
    ident = paid_failed_and_pending(app)
    person_id, _ = holder(app, ident)
    agent = linked_agent(app, person_id)
    assert f"/allowances/{person_id}" in agent.get("/account").get_data(as_text=True)
    assert agent.get(f"/allowances/{person_id}").status_code == 200
    make_account(app, phone="13600009999")
    assert signed_in_client(app, "13600009999").get(
        f"/allowances/{person_id}").status_code == 404
    make_account(app, phone="13600009998", role=Role.CASEWORKER, area="220102")
    assert signed_in_client(app, "13600009998").get(
        f"/allowances/{person_id}").status_code == 404


def test_the_yearly_statement_lists_the_months_paid_the_total_and_a_reference_that_checks(
        app: Flask) -> None:
    ident = paid_failed_and_pending(app)
    person_id, browser = holder(app, ident)
    assert "/statement/2026" in browser.get(f"/allowances/{person_id}").get_data(as_text=True)
    page = browser.get(f"/allowances/{person_id}/statement/2026")
    text = main_text(page)
    assert "**********" in text  # the ID number masked
    rows = [row.get_text(" ", strip=True) for row in soup(page).find("tbody").find_all("tr")]
    assert rows == ["2026年1月 困难残疾人生活补贴 ¥99.00 2026年2月15日"]  # February failed
    assert "合计发放：¥99.00" in text
    reference = soup(page).find(class_="reference").get_text(strip=True)
    with app.app_context():
        db = get_session()
        made = statements.yearly_statement(
            db, person_id=person_id, entitlements=entitlements.entitlements_of(db, person_id),
            year=2026, key=app.config["SECRET_KEY"].encode())
    assert statements.reference_matches(made, reference)
    assert statements.reference_matches(made, reference.lower().replace("-", " "))
    assert not statements.reference_matches(made, reference[:-1] + "0")
    assert browser.get(f"/allowances/{person_id}/statement/2031").status_code == 404


def test_counter_staff_check_a_statements_reference_and_a_changed_one_does_not_match(
        app: Flask) -> None:
    ident = paid_failed_and_pending(app)
    person_id, browser = holder(app, ident)
    page = browser.get(f"/allowances/{person_id}/statement/2026")
    reference = soup(page).find(class_="reference").get_text(strip=True)
    make_account(app, phone="13600009997", role=Role.COUNTER, area="220102001")
    counter = signed_in_client(app, "13600009997")
    good = main_text(counter.post("/allowances/statement-check", data={"reference": reference}))
    assert "与发放记录一致" in good and "¥99.00" in good
    forged = main_text(counter.post("/allowances/statement-check",
                                    data={"reference": reference[:-4] + "0000"}))
    assert "与发放记录不一致" in forged
    malformed = counter.post("/allowances/statement-check", data={"reference": "12345"})
    assert "ZM2026-1234-B72F-0546" in malformed.get_data(as_text=True)
    assert browser.get("/allowances/statement-check").status_code == 404  # residents cannot
