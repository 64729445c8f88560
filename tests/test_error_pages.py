"""Error pages are translated and tell people what to do next."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import text

from tests.conftest import make_test_app
from tests.factories import id_number
from tests.pages import CheckedClient


@pytest.fixture
def audit_client(migrated_database: str, tmp_path) -> CheckedClient:
    app: Flask = make_test_app(migrated_database, tmp_path, AUDIT_ROUTES=True)
    app.test_client_class = CheckedClient
    return app.test_client()


@pytest.mark.parametrize(("code", "heading"), [
    (400, "There is a problem with the request"),
    (403, "You cannot see this page"),
    (404, "Page not found"),
    (405, "This page cannot be used that way"),
    (413, "The file is too large"),
    (500, "Sorry, there is a problem with the service"),
    (503, "The service is unavailable for a moment"),
])
def test_each_error_page_explains_the_problem(audit_client, code: int, heading: str) -> None:
    response = audit_client.get(f"/_audit/error/{code}", headers={"Accept-Language": "en"})
    assert response.status_code == code
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.h1.get_text(strip=True) == heading
    assert "12385" in soup.main.get_text()


def test_the_file_too_large_page_states_the_limit(audit_client) -> None:
    body = audit_client.get("/_audit/error/413", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "smaller than 10 MB" in body


def test_error_pages_are_translated(audit_client) -> None:
    soup = BeautifulSoup(audit_client.get("/_audit/error/404", headers={
        "Accept-Language": "ko"}).get_data(as_text=True), "html.parser")
    assert soup.html["lang"] == "ko"
    assert soup.h1.get_text(strip=True) == "페이지를 찾을 수 없습니다"


def test_a_wrong_method_gets_the_405_page(audit_client) -> None:
    response = audit_client.post("/privacy", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert "This page cannot be used that way" in response.get_data(as_text=True)


def test_audit_routes_do_not_exist_outside_audit_mode(migrated_database: str, tmp_path) -> None:
    app = make_test_app(migrated_database, tmp_path)
    assert app.test_client().get("/_audit/error/500").status_code == 404


def test_an_unexpected_failure_shows_the_translated_500_page(migrated_database: str,
                                                              tmp_path) -> None:
    app = make_test_app(migrated_database, tmp_path)

    @app.get("/explode")
    def explode() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/explode", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)


@pytest.mark.engine
def test_a_failed_database_statement_still_gets_the_translated_500_page(
        app: Flask, client) -> None:
    from app.database import get_session
    from app.domain.models import Person
    from tests.factories import make_account, make_person, sign_in

    number = id_number()

    @app.post("/register-twice")
    def register_twice() -> str:
        get_session().add(Person(full_name="重复", id_number=number, birth_date=date(1980, 5, 17),
                                 sex="male", communication_needs=[]))
        get_session().flush()  # the unique ID number refuses it
        return "never"

    make_person(app, id_number_value=number)
    make_account(app, phone="13904312222")
    sign_in(client, "13904312222")  # the page then reads the account through the session

    response = client.post("/register-twice", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "Sorry, there is a problem with the service" in page.h1.get_text()
    # The whole page, header and all: the session was rolled back before it read the account.
    assert page.find("a", string="Your applications") is not None


@pytest.mark.parametrize("target", ["/%0D%0ASet-Cookie:%20a=1", "/\\evil.example",
                                    "//evil.example", "https://evil.example/"])
def test_a_next_address_off_the_site_or_with_a_line_break_leads_home(client, target: str) -> None:
    response = client.get(f"/language/en?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_when_the_error_page_itself_fails_a_plain_page_says_so(
        app: Flask, client, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.web.errors as errors

    @app.get("/explode")
    def explode() -> str:
        raise RuntimeError("boom")

    def broken_page(_code: int) -> tuple[str, int]:
        raise RuntimeError("the template cannot be shown")

    monkeypatch.setattr(errors, "render_error", broken_page)
    response = client.get("/explode")
    assert response.status_code == 500
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.h1.get_text() == "服务出现问题"
    assert "Sorry, there is a problem with the service" in page.get_text()


@pytest.mark.parametrize("target", ["/%0D%0ALocation:%20https://evil.example", "/\\evil.example"])
def test_signing_in_with_a_next_address_off_the_site_or_with_a_line_break_goes_to_the_account(
        app: Flask, client, target: str) -> None:
    from tests.factories import make_account

    make_account(app, phone="13904312222")
    response = client.post(f"/sign-in?next={target}",
                           data={"phone": "13904312222", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/account", "/applications")
    assert "evil" not in response.headers["Location"]


def test_when_the_database_is_unreachable_the_page_says_how_to_find_out_if_it_was_sent(
        migrated_database: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    unreachable = make_test_app(migrated_database, tmp_path,
                                DATABASE_URL="postgresql+psycopg://portal@127.0.0.1:9/none")
    unreachable.test_client_class = CheckedClient
    response = unreachable.test_client().post(
        "/status", data={"reference": "7K3M9QXPN", "id_last_4": "1234"},
        headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    page = BeautifulSoup(response.data, "html.parser")
    assert page.h1.get_text() == "The service is unavailable for a moment"
    text = page.main.get_text(" ")
    assert "shows its reference number" in text and "kept as a draft" in text


def test_the_database_unavailable_page_can_be_audited(audit_client) -> None:  # type: ignore[no-untyped-def]
    response = audit_client.get("/_audit/database-unavailable", headers={"Accept-Language": "ko"})
    assert response.status_code == 503
    assert BeautifulSoup(response.data, "html.parser").h1.get_text() == \
        "잠시 서비스를 이용할 수 없습니다"


def test_a_database_gone_after_the_page_was_made_leaves_the_page_not_a_bare_error(
        app: Flask, client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A PostgreSQL restart can end the connection between the page and the session's close;
    the person keeps the page they were given (the load test saw bare 500s here)."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    from app.database import get_session

    @app.get("/_test/reads-the-database")
    def reads_the_database() -> str:
        get_session().execute(text("SELECT 1"))
        return "<h1>Your application was sent</h1>"

    def close_on_a_dead_connection(_session: Session) -> None:
        raise OperationalError("ROLLBACK", {}, Exception(
            "terminating connection due to administrator command"))

    monkeypatch.setattr(Session, "close", close_on_a_dead_connection)
    response = client.get("/_test/reads-the-database")
    monkeypatch.undo()
    assert response.status_code == 200
    assert b"Your application was sent" in response.data


@pytest.mark.engine
def test_an_id_too_large_for_the_database_is_not_found(client: CheckedClient) -> None:
    """/applications/99999999999999999999 was a 500 (the number overflowed in the database)."""
    from tests.factories import make_account, sign_in

    make_account(client.application, phone="13904315151")
    sign_in(client, "13904315151")
    for path in ("/applications/99999999999999999999",
                 "/applications/2147483648/answers",
                 "/counter/people/99999999999999999999"):
        assert client.get(path).status_code == 404, path
