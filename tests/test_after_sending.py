"""After sending: finding the status look-up, reading the application again, the receipt, and
deleting a draft only once confirmed (issue 13)."""

from __future__ import annotations

from datetime import UTC, date

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.clock import date_in_china
from app.domain.models import Application, OutboxMessage
from tests.factories import id_number, make_account, sign_in
from tests.journeys import follow_wizard, send_application, start_service
from tests.pages import EN
from tests.test_apply_two_subsidies import resident_answers

PHONE = "13904312222"


def page(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url, headers=EN)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.data, "html.parser")


def links_to(soup: BeautifulSoup, path: str) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup.select(f'main a[href="{path}"]')]


def sent_application(app: Flask, client: FlaskClient) -> tuple[BeautifulSoup, int]:
    """A resident who has just sent the two subsidies application: the receipt and its id."""
    make_account(app, phone=PHONE, name="王小明")
    sign_in(client, PHONE)
    documents_url = follow_wizard(client, start_service(client, "two-subsidies"),
                                  resident_answers(id_number()))
    receipt = send_application(client, documents_url, documents=(
        "disability_card", "identity", "household_register",
                        "minimum_living_support"))
    with app.app_context():
        application_id = get_session().scalars(select(Application.id)).one()
    return receipt, application_id


# --- 1. The status look-up is linked wherever people look for it ----------------------------

def test_the_home_and_sign_in_pages_link_to_the_status_look_up(client: FlaskClient) -> None:
    for url in ("/", "/sign-in"):
        assert links_to(page(client, url), "/status"), url


def test_the_receipt_and_the_text_message_say_how_to_look_up_the_status(
        app: Flask, client: FlaskClient) -> None:
    receipt, _application_id = sent_application(app, client)
    assert links_to(receipt, "/status") == ["Check the status of an application"]
    assert "http://localhost/status" in receipt.main.get_text()  # written out for the printout
    with app.app_context():
        text = get_session().scalars(select(OutboxMessage.body).where(
            OutboxMessage.recipient == PHONE, OutboxMessage.body.contains("受理"))).one()
    assert "http://localhost/status" in text and "身份证" in text


# --- 2. The application as sent, to read again ----------------------------------------------

def test_the_answers_and_documents_sent_can_be_read_again_but_not_changed(
        app: Flask, client: FlaskClient) -> None:
    _receipt, application_id = sent_application(app, client)
    answers_url = f"/applications/{application_id}/answers"
    for url in (f"/applications/{application_id}/confirmation",
                f"/applications/{application_id}/timeline", "/applications"):
        assert links_to(page(client, url), answers_url), url
    sent = page(client, answers_url)
    text = sent.main.get_text(" ")
    assert "physical disability, level 1" in text and "人民大街 1 号 3 单元 201" in text
    assert "Change" not in text and not sent.main.select("form")
    downloads = sent.main.select(f'a[href^="/applications/{application_id}/documents/"]')
    assert len(downloads) == 4
    assert client.get(downloads[0]["href"]).status_code == 200


def test_no_back_link_or_browser_back_after_sending_leads_to_a_404(
        app: Flask, client: FlaskClient) -> None:
    _receipt, application_id = sent_application(app, client)
    base = f"/applications/{application_id}"
    for url in (f"{base}/steps/phone", f"{base}/documents", f"{base}/check"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == f"{base}/answers"
    for url in (f"{base}/confirmation", f"{base}/answers", f"{base}/timeline"):
        for back in page(client, url).select("a.back-link"):
            assert client.get(back["href"]).status_code == 200, (url, back["href"])


def test_a_stranger_cannot_read_the_answers_sent(app: Flask, client: FlaskClient) -> None:
    _receipt, application_id = sent_application(app, client)
    make_account(app, phone="13904319999", name="李四")
    stranger = app.test_client()
    sign_in(stranger, "13904319999")
    assert stranger.get(f"/applications/{application_id}/answers").status_code == 404
    assert stranger.get(f"/applications/{application_id}/check").status_code == 404


# --- 3. The receipt: printing, dates as people write them, the hotline on paper -------------

def submitted_day(app: Flask, application_id: int) -> date:
    with app.app_context():
        moment = get_session().get(Application, application_id).submitted_at
    return date_in_china(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def test_the_receipt_date_is_written_as_people_write_it_in_each_language(
        app: Flask, client: FlaskClient) -> None:
    _receipt, application_id = sent_application(app, client)
    day = submitted_day(app, application_id)
    expected = {"zh-CN": f"{day.year}年{day.month}月{day.day}日",
                "ko": f"{day.year}년 {day.month}월 {day.day}일",
                "en": f"{day.day} " + day.strftime("%B ") + f"{day.year}"}
    for language, written in expected.items():
        receipt = BeautifulSoup(client.get(f"/applications/{application_id}/confirmation",
                                           headers={"Accept-Language": language}).data,
                                "html.parser")
        sent = receipt.main.find("time").get_text()
        assert sent.startswith(written), (language, sent)
        assert "+08" not in sent and "GMT" not in sent and "UTC" not in sent, sent


def test_the_receipt_offers_a_print_button_only_with_javascript(
        app: Flask, client: FlaskClient) -> None:
    receipt, _application_id = sent_application(app, client)
    sentence = receipt.main.select_one("[data-print-button]")
    assert sentence["data-print-button"] == "Print this receipt"
    assert "Ctrl and P" in sentence.get_text()  # what people read without JavaScript
    assert not receipt.main.select("button")  # the button is made by the script
    assert all(script.get("src") for script in receipt.select("script"))  # no inline script
    script = client.get(receipt.select_one("script[src]")["src"]).get_data(as_text=True)
    assert "data-print-button" in script and "window.print()" in script


def test_the_printed_receipt_keeps_the_hotline_and_how_to_look_up_the_status(
        app: Flask, client: FlaskClient) -> None:
    receipt, _application_id = sent_application(app, client)
    hotline = app.config["SERVICE_HOTLINE"]
    printed = [p for p in receipt.main.find_all("p")
               if not any("no-print" in (e.get("class") or []) for e in (p, *p.parents))]
    printed_text = " ".join(p.get_text(" ") for p in printed)
    assert hotline in printed_text
    assert "http://localhost/status" in printed_text
    assert "last 4 characters" in printed_text


# --- 4. Deleting a draft asks first ---------------------------------------------------------

def test_deleting_a_draft_asks_for_confirmation_first(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone=PHONE, name="王小明")
    sign_in(client, PHONE)
    application_id = int(start_service(client, "two-subsidies").split("/")[2])
    confirm_url = f"/applications/{application_id}/delete"
    listing = page(client, "/applications")
    assert not listing.main.select(f'form[action="{confirm_url}"]')  # no one-press deletion
    assert [text.startswith("Delete this draft") for text in links_to(listing, confirm_url)] \
        == [True]

    confirm = page(client, confirm_url)
    assert confirm.h1.get_text() == "Delete this draft?"
    assert confirm.main.select_one(f'form[method="post"][action="{confirm_url}"] button') \
        .get_text() == "Yes, delete the draft"
    assert links_to(confirm, "/applications") == ["No, keep the draft"]
    with app.app_context():  # asking deletes nothing
        assert get_session().get(Application, application_id) is not None

    assert client.post(confirm_url).headers["Location"] == "/applications"
    with app.app_context():
        assert get_session().get(Application, application_id) is None
    assert client.get(confirm_url).status_code == 404


def test_a_sent_application_is_never_offered_for_deletion(app: Flask,
                                                          client: FlaskClient) -> None:
    _receipt, application_id = sent_application(app, client)
    response = client.get(f"/applications/{application_id}/delete")
    assert response.headers["Location"] == f"/applications/{application_id}/answers"
    assert client.post(f"/applications/{application_id}/delete").status_code == 404
