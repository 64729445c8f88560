"""Signing up, confirming the phone, signing in and out, and resetting a password."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Account, OutboxMessage, VerificationCode
from tests.factories import make_account, sign_in
from tests.pages import EN, error_for, soup

GOOD = {"display_name": "王小明", "phone": "139 0431 2222", "password": "spring river moon",
        "password_again": "spring river moon"}


def last_code(app: Flask, phone: str) -> str:
    with app.app_context():
        message = get_session().scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == phone)
            .order_by(OutboxMessage.id.desc())).first()
        assert message is not None, "no text message was queued"
        return re.search(r"(?<!\d)(\d{6})(?!\d)", message.body).group(1)


def test_a_resident_signs_up_confirms_the_code_and_is_signed_in(app: Flask,
                                                               client: FlaskClient) -> None:
    response = client.post("/sign-up", data=GOOD, headers=EN)
    assert response.headers["Location"] == "/sign-up/code"
    page = client.get("/sign-up/code", headers=EN)
    assert "139****2222" in page.get_data(as_text=True)

    response = client.post("/sign-up/code", data={"code": last_code(app, "13904312222")})
    assert response.headers["Location"] == "/account"
    overview = client.get("/account", headers=EN)
    assert overview.status_code == 200
    assert "王小明" in overview.get_data(as_text=True)


def test_the_code_message_is_in_the_persons_language(app: Flask, client: FlaskClient) -> None:
    client.post("/sign-up", data=GOOD, headers={"Accept-Language": "ko"})
    with app.app_context():
        message = get_session().scalars(select(OutboxMessage)).one()
    assert message.locale == "ko"
    assert message.channel == "sms"


def test_full_width_digits_in_the_phone_number_are_accepted(app: Flask,
                                                           client: FlaskClient) -> None:
    data = dict(GOOD, phone="１３９０４３１２２２２")
    assert client.post("/sign-up", data=data).status_code == 302
    with app.app_context():
        assert get_session().scalar(select(Account.phone)) == "13904312222"


def test_a_wrong_phone_format_is_explained_and_the_name_is_kept(client: FlaskClient) -> None:
    response = client.post("/sign-up", data=dict(GOOD, phone="0431 8888"), headers=EN)
    assert response.status_code == 200
    assert "11 digits" in error_for(response, "phone")
    page = soup(response)
    assert page.find(id="display_name")["value"] == "王小明"
    assert page.find(id="phone")["value"] == "0431 8888"
    assert page.title.get_text().startswith("Error:")


def test_a_weak_password_is_refused_with_a_reason(client: FlaskClient) -> None:
    response = client.post("/sign-up", data=dict(GOOD, password="12345678",
                                                 password_again="12345678"), headers=EN)
    assert "too easy to guess" in error_for(response, "password")


def test_a_short_password_is_refused(client: FlaskClient) -> None:
    response = client.post("/sign-up", data=dict(GOOD, password="abc", password_again="abc"),
                           headers=EN)
    assert "at least 8 characters" in error_for(response, "password")


def test_mismatched_passwords_are_refused(client: FlaskClient) -> None:
    response = client.post("/sign-up", data=dict(GOOD, password_again="spring river sun"),
                           headers=EN)
    assert "different" in error_for(response, "password_again")


def code_page_text(response) -> str:
    """The code page's main text with digits blanked: the masked number and the time differ."""
    return re.sub(r"\d", "0", soup(response).main.get_text(" ", strip=True))


def messages_to(app: Flask, phone: str) -> list[str]:
    with app.app_context():
        return list(get_session().scalars(select(OutboxMessage.body)
                                          .where(OutboxMessage.recipient == phone)))


@pytest.mark.engine
def test_sign_up_with_a_registered_number_looks_the_same_and_texts_its_owner(
        app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904312222", name="原来的主人")
    response = client.post("/sign-up", data=GOOD, headers=EN)
    assert response.headers["Location"] == "/sign-up/code"  # not an error beside the field
    registered_page = client.get("/sign-up/code", headers=EN)

    newcomer = app.test_client()
    newcomer.post("/sign-up", data={**GOOD, "phone": "13904312223"}, headers=EN)
    assert code_page_text(registered_page) == code_page_text(newcomer.get("/sign-up/code",
                                                                          headers=EN))
    # Guessing codes answers as for a new number, and never signs the stranger in.
    response = client.post("/sign-up/code", data={"code": "123456"}, headers=EN)
    assert "The code is wrong" in error_for(response, "code")
    assert client.get("/account").status_code == 302

    # The owner is told by text message, with no code in it; their account is unchanged.
    [message] = messages_to(app, "13904312222")
    assert "already has one" in message and not re.search(r"\d{6}", message)
    with app.app_context():
        owner = get_session().scalars(select(Account).where(Account.phone == "13904312222")).one()
        assert owner.display_name == "原来的主人"
    sign_in(app.test_client(), "13904312222")


@pytest.mark.engine
def test_password_reset_shows_the_same_code_page_whether_or_not_the_number_is_registered(
        app: Flask) -> None:
    make_account(app, phone="13904318887")
    registered, unknown = app.test_client(), app.test_client()
    assert registered.post("/password-reset", data={"phone": "13904318887"}).headers[
        "Location"] == "/password-reset/code"
    assert unknown.post("/password-reset", data={"phone": "13904318886"}).headers[
        "Location"] == "/password-reset/code"
    registered_page = registered.get("/password-reset/code", headers=EN)
    unknown_page = unknown.get("/password-reset/code", headers=EN)
    assert "The code works until" in unknown_page.get_data(as_text=True)
    assert code_page_text(registered_page) == code_page_text(unknown_page)

    # Asking for a new code, or more time, answers the same too; the unknown number gets nothing.
    for path in ("/codes/password_reset/new-code", "/codes/password_reset/more-time"):
        answers = [browser.post(path, headers=EN, follow_redirects=True)
                   for browser in (registered, unknown)]
        assert code_page_text(answers[0]) == code_page_text(answers[1])
    assert messages_to(app, "13904318886") == []
    assert len(messages_to(app, "13904318887")) == 2


def test_a_wrong_code_is_explained_and_too_many_tries_stop(app: Flask,
                                                          client: FlaskClient) -> None:
    client.post("/sign-up", data=GOOD)
    code = last_code(app, "13904312222")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post("/sign-up/code", data={"code": wrong}, headers=EN)
    assert "The code is wrong" in error_for(response, "code")
    for _attempt in range(4):
        response = client.post("/sign-up/code", data={"code": wrong}, headers=EN)
    assert "too many times" in error_for(response, "code")
    response = client.post("/sign-up/code", data={"code": code}, headers=EN)
    assert "too many times" in error_for(response, "code")


def test_an_expired_code_is_refused_and_more_time_can_be_asked_for(app: Flask,
                                                                  client: FlaskClient) -> None:
    client.post("/sign-up", data=GOOD)
    code = last_code(app, "13904312222")
    with app.app_context():
        db = get_session()
        record = db.scalars(select(VerificationCode)).one()
        record.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        db.commit()
    response = client.post("/sign-up/code", data={"code": code}, headers=EN)
    assert "expired" in error_for(response, "code")

    # Asking for more time before it runs out keeps the same code working.
    with app.app_context():
        db = get_session()
        db.scalars(select(VerificationCode)).one().expires_at = datetime.now(UTC) + timedelta(
            minutes=1)
        db.commit()
    client.post("/codes/sign_up/more-time")
    with app.app_context():
        expires = get_session().scalars(select(VerificationCode)).one().expires_at
        expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    assert expires > datetime.now(UTC) + timedelta(minutes=9)
    assert client.post("/sign-up/code", data={"code": code}).status_code == 302


def test_the_code_page_states_how_long_the_code_lasts(client: FlaskClient) -> None:
    client.post("/sign-up", data=GOOD)
    text = client.get("/sign-up/code", headers=EN).get_data(as_text=True)
    assert "10 minutes after it was sent" in text
    assert "Give me 10 more minutes" in text


def test_sign_in_with_a_wrong_password_keeps_the_phone(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904313333")
    response = client.post("/sign-in", data={"phone": "139 0431 3333", "password": "nope nope"},
                           headers=EN)
    assert "mobile number or password is wrong" in error_for(response, "password")
    assert soup(response).find(id="phone")["value"] == "13904313333"  # kept, normalised
    assert soup(response).find(id="password").get("value") in (None, "")


def test_sign_in_fields_carry_autocomplete_tokens(client: FlaskClient) -> None:
    page = soup(client.get("/sign-in"))
    assert page.find(id="phone")["autocomplete"] == "tel-national"
    assert page.find(id="password")["autocomplete"] == "current-password"
    assert soup(client.get("/sign-up")).find(id="password")["autocomplete"] == "new-password"


def test_an_unverified_account_is_sent_a_code_on_sign_in(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904314444", verified=False)
    response = client.post("/sign-in", data={"phone": "13904314444",
                                             "password": "correct horse battery"})
    assert response.headers["Location"] == "/sign-up/code"
    assert last_code(app, "13904314444")


def test_signing_out_ends_the_session(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904315555")
    sign_in(client, "13904315555")
    assert client.get("/account").status_code == 200
    client.post("/sign-out")
    assert client.get("/account").headers["Location"].startswith("/sign-in")


@pytest.mark.engine
def test_a_copied_cookie_stops_working_after_sign_out(app: Flask) -> None:
    make_account(app, phone="13904315556")
    browser = app.test_client()
    sign_in(browser, "13904315556")
    copy = app.test_client()  # someone who copied the cookie before the person signed out
    copy.set_cookie("session", browser.get_cookie("session").value)
    assert copy.get("/account").status_code == 200

    browser.post("/sign-out")
    assert copy.get("/account").headers["Location"].startswith("/sign-in")


def test_signing_out_leaves_other_devices_signed_in(app: Flask) -> None:
    make_account(app, phone="13904315557")
    phone_browser, laptop_browser = app.test_client(), app.test_client()
    sign_in(phone_browser, "13904315557")
    sign_in(laptop_browser, "13904315557")
    laptop_browser.post("/sign-out")
    assert phone_browser.get("/account").status_code == 200


@pytest.mark.engine
def test_sign_out_everywhere_ends_other_sessions(app: Flask) -> None:
    make_account(app, phone="13904316666")
    phone_browser, laptop_browser = app.test_client(), app.test_client()
    sign_in(phone_browser, "13904316666")
    sign_in(laptop_browser, "13904316666")
    laptop_browser.post("/sign-out-everywhere")
    assert phone_browser.get("/account").status_code == 302


@pytest.mark.engine
def test_a_session_survives_a_server_restart(app: Flask, migrated_database: str,
                                             tmp_path) -> None:
    from tests.conftest import make_test_app

    make_account(app, phone="13904317777")
    client = app.test_client()
    sign_in(client, "13904317777")
    restarted = make_test_app(migrated_database, tmp_path)
    restarted_client = restarted.test_client()
    for cookie in client._cookies.values():  # the browser keeps its cookies
        restarted_client.set_cookie(cookie.key, cookie.value)
    assert restarted_client.get("/account").status_code == 200


def test_password_reset_by_code(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904318888")
    response = client.post("/password-reset", data={"phone": "13904318888"})
    assert response.headers["Location"] == "/password-reset/code"
    code = last_code(app, "13904318888")
    response = client.post("/password-reset/code", data={
        "code": code, "password": "new autumn leaves", "password_again": "new autumn leaves"})
    assert response.headers["Location"] == "/account"  # signed in with the new password
    assert client.get("/account").status_code == 200
    client.post("/sign-out")
    sign_in(client, "13904318888", "new autumn leaves")


def test_password_reset_for_an_unknown_number_reveals_nothing(app: Flask,
                                                             client: FlaskClient) -> None:
    response = client.post("/password-reset", data={"phone": "13904319999"})
    assert response.headers["Location"] == "/password-reset/code"
    with app.app_context():
        assert get_session().scalars(select(OutboxMessage)).all() == []


def test_too_many_sign_in_attempts_get_a_clear_page(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904311111")
    for _attempt in range(5):
        client.post("/sign-in", data={"phone": "13904311111", "password": "wrong guess"})
    response = client.post("/sign-in", data={"phone": "13904311111", "password": "wrong guess"},
                           headers=EN)
    assert response.status_code == 429
    assert "Too many attempts" in soup(response).h1.get_text()


def sign_in_from(client: FlaskClient, phone: str, **environ: str):
    return client.post("/sign-in", data={"phone": phone, "password": "wrong guess"},
                       headers=EN, environ_base=environ)


@pytest.mark.engine
def test_behind_one_proxy_each_forwarded_address_has_its_own_budget(
        migrated_database: str, tmp_path) -> None:
    from tests.conftest import make_test_app

    client = make_test_app(migrated_database, tmp_path, PROXY_COUNT=1).test_client()
    # 20 sign-ins a resident's address may try, each for another number (5 per number).
    for attempt in range(20):
        sign_in_from(client, f"139043120{attempt:02d}", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert sign_in_from(client, "13904312100",
                        HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another resident behind the same proxy still may.
    assert sign_in_from(client, "13904312100",
                        HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 200


@pytest.mark.engine
def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client: FlaskClient) -> None:
    for attempt in range(20):
        sign_in_from(client, f"139043121{attempt:02d}", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    # Writing a new X-Forwarded-For does not buy a new budget.
    assert sign_in_from(client, "13904312200",
                        HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


@pytest.mark.engine
def test_sign_in_guesses_for_one_number_from_many_addresses_are_limited(
        app: Flask, client: FlaskClient) -> None:
    """30 wrong passwords an hour for one number, from any number of addresses; the owner then
    still gets in with a reset code."""
    make_account(app, phone="13904311112")
    for attempt in range(30):
        sign_in_from(client, "13904311112", REMOTE_ADDR=f"203.0.113.{attempt}")
    assert sign_in_from(client, "13904311112", REMOTE_ADDR="198.51.100.9").status_code == 429
    owner = app.test_client()
    owner.post("/password-reset", data={"phone": "13904311112"},
               environ_base={"REMOTE_ADDR": "198.51.100.10"})
    response = owner.post("/password-reset/code", data={
        "code": last_code(app, "13904311112"), "password": "new autumn leaves",
        "password_again": "new autumn leaves"}, environ_base={"REMOTE_ADDR": "198.51.100.10"})
    assert response.headers["Location"] == "/account"
    assert owner.get("/account").status_code == 200


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(
        app: Flask, client: FlaskClient) -> None:
    """Finding (low): five wrong passwords from anywhere locked the real owner out."""
    make_account(app, phone="13904311113")
    for _attempt in range(6):
        sign_in_from(client, "13904311113", REMOTE_ADDR="203.0.113.50")
    assert sign_in_from(client, "13904311113", REMOTE_ADDR="203.0.113.50").status_code == 429
    owner = client.post("/sign-in", data={"phone": "13904311113",
                                          "password": "correct horse battery"},
                        environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert owner.status_code == 302


@pytest.mark.engine
def test_sign_ups_for_one_number_from_many_addresses_are_limited(app: Flask,
                                                                 client: FlaskClient) -> None:
    """Each sign-up sends the number a text message: spreading them over addresses must not
    flood someone's phone."""
    for attempt in range(5):
        response = client.post("/sign-up", data=GOOD,
                               environ_base={"REMOTE_ADDR": f"203.0.113.{attempt}"})
        assert response.status_code == 302
    response = client.post("/sign-up", data=GOOD, headers=EN,
                           environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert response.status_code == 429
    assert len(messages_to(app, "13904312222")) == 5


def test_staff_are_signed_out_after_30_idle_minutes(app: Flask, client: FlaskClient) -> None:
    from app.domain.models import Role

    make_account(app, phone="13904310000", role=Role.CASEWORKER, area="220102")
    sign_in(client, "13904310000")
    with client.session_transaction() as flask_session:
        flask_session["last_active"] = (datetime.now(UTC) - timedelta(minutes=31)).timestamp()
    response = client.get("/account", headers=EN)
    assert response.headers["Location"] == "/sign-in"
    assert "inactive for 30 minutes" in client.get("/sign-in", headers=EN).get_data(as_text=True)


def test_staff_can_stay_signed_in_from_the_idle_warning(app: Flask, client: FlaskClient) -> None:
    from app.domain.models import Role

    make_account(app, phone="13904310009", role=Role.CASEWORKER, area="220102")
    sign_in(client, "13904310009")
    page = BeautifulSoup(client.get("/casework").data, "html.parser")
    assert page.html["data-idle-timeout"] == "1800"
    assert page.html["data-keep-alive"] == "/session/keep-alive"
    with client.session_transaction() as flask_session:
        flask_session["last_active"] = (datetime.now(UTC) - timedelta(minutes=26)).timestamp()
    assert client.post("/session/keep-alive").status_code == 204
    assert client.get("/casework").status_code == 200  # the clock started again


def test_residents_have_no_idle_time_out(app: Flask, client: FlaskClient) -> None:
    make_account(app, phone="13904310010")
    sign_in(client, "13904310010")
    page = BeautifulSoup(client.get("/account").data, "html.parser")
    assert not page.html.has_attr("data-idle-timeout")


def test_one_number_gets_one_budget_of_codes_across_sign_in_and_password_reset(
        app: Flask, client: FlaskClient) -> None:
    """Finding D: signing in to an unconfirmed account, asking to reset the password and asking
    for new codes all text the same phone; together they stay within one budget."""
    make_account(app, phone="13904312323", verified=False)
    for _attempt in range(4):  # each sign-in of an unconfirmed account sends a code
        response = client.post("/sign-in", data={"phone": "13904312323",
                                                 "password": "correct horse battery"})
        assert response.headers["Location"] == "/sign-up/code"
    assert client.post("/password-reset", data={"phone": "13904312323"}).status_code == 302
    for _attempt in range(4):
        response = client.post("/codes/password_reset/new-code", headers=EN)
    assert response.status_code == 429
    assert "Too many attempts" in soup(response).h1.get_text()
    assert len(messages_to(app, "13904312323")) == 5
