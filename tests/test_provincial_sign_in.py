"""Real-name verification through the provincial platform's sign-in (OpenID Connect), end to
end against the development stand-in, served on a real local port: the portal fetches the
stand-in's discovery document, keys and token over HTTP, as it would the real platform's."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from app.database import get_session
from app.domain.models import Account, AuditEvent, IdentityLevel, IdentityMethod, Person
from app.web.provincial_stand_in import DEMO_ID_NUMBER, DEMO_NAME
from tests.conftest import _empty_all_tables, make_test_app
from tests.factories import make_account, sign_in
from tests.pages import EN, CheckedClient

RESIDENT = "13904318101"


@pytest.fixture
def live_app(migrated_database: str, tmp_path: Path) -> Iterator[Flask]:
    """The portal with the stand-in provider, served on a free port for the back channel."""
    served: dict[str, Any] = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: served["app"](environ, start),
                         threaded=True)
    host = f"127.0.0.1:{server.server_port}"
    app = make_test_app(migrated_database, tmp_path, SERVER_NAME=host,
                        PROVINCIAL_OIDC_ISSUER=f"http://{host}/dev/provincial-sign-in",
                        PROVINCIAL_OIDC_CLIENT_ID="portal-test",
                        PROVINCIAL_OIDC_CLIENT_SECRET="test-client-secret-of-some-length")
    served["app"] = app
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app
    server.shutdown()
    _empty_all_tables(app)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def verify_through_the_platform(app: Flask, client: CheckedClient, *,
                                page: str = "/account") -> Any:
    """Presses the page's provincial platform button, signs in on the stand-in, comes back."""
    overview = BeautifulSoup(client.get(page, headers=EN).data, "html.parser")
    button = overview.find("button", string=lambda s: s and "provincial" in s)
    assert button is not None, "no way to go through the provincial platform"
    to_platform = client.post(button.find_parent("form")["action"])
    assert to_platform.status_code == 302
    platform_page = client.get(path_of(to_platform.headers["Location"]), headers=EN)
    assert DEMO_NAME in platform_page.get_data(as_text=True)
    back = client.post(path_of(to_platform.headers["Location"]), data={})
    assert back.status_code == 302 and "/callback?" in back.headers["Location"]
    return client.get(path_of(back.headers["Location"]), headers=EN)


def test_a_resident_is_verified_by_real_name_through_the_provincial_platform(
        live_app: Flask) -> None:
    live_app.test_client_class = CheckedClient
    client = live_app.test_client()
    make_account(live_app, phone=RESIDENT, name="小李")
    sign_in(client, RESIDENT)
    done = verify_through_the_platform(live_app, client)
    assert done.status_code == 302 and done.headers["Location"].endswith("/account")
    with live_app.app_context():
        account = get_session().scalar(select(Account).where(Account.phone == RESIDENT))
        assert account.identity_level == IdentityLevel.REAL_NAME
        assert account.identity_method == IdentityMethod.PROVINCIAL
        # The name and number are the platform's claims, never typed.
        assert (account.person.full_name, account.person.id_number) == (DEMO_NAME,
                                                                        DEMO_ID_NUMBER)
    page = client.get("/account", headers=EN).get_data(as_text=True)
    assert "Real name verified through the provincial government service platform" in page


def test_the_platform_takes_the_record_back_from_an_account_that_typed_its_number(
        live_app: Flask) -> None:
    squatter = live_app.test_client()
    make_account(live_app, phone="13904318102", name="冒充者")
    sign_in(squatter, "13904318102")
    squatter.post("/account/details", data={"full_name": "假名", "id_number": DEMO_ID_NUMBER})
    live_app.test_client_class = CheckedClient
    client = live_app.test_client()
    make_account(live_app, phone=RESIDENT, name="小李")
    sign_in(client, RESIDENT)
    verify_through_the_platform(live_app, client)
    with live_app.app_context():
        db = get_session()
        person = db.scalars(select(Person)).one()
        holders = {a.phone: a.person_id for a in db.scalars(select(Account))}
        assert holders == {"13904318102": None, RESIDENT: person.id}
        assert person.full_name == DEMO_NAME
        assert "person.account_unlinked" in db.scalars(select(AuditEvent.action)).all()


def test_without_an_issuer_the_platform_is_not_offered(app: Flask) -> None:
    client = app.test_client()
    make_account(app, phone=RESIDENT)
    sign_in(client, RESIDENT)
    assert "provincial platform" not in client.get("/account", headers=EN).get_data(as_text=True)
    assert client.post("/account/verify/provincial").status_code == 404


def test_a_verified_resident_signs_in_with_the_provincial_platform(live_app: Flask) -> None:
    live_app.test_client_class = CheckedClient
    client = live_app.test_client()
    make_account(live_app, phone=RESIDENT, name="小李")
    sign_in(client, RESIDENT)
    verify_through_the_platform(live_app, client)
    client.post("/sign-out")
    assert client.get("/account").status_code == 302  # signed out
    done = verify_through_the_platform(live_app, client, page="/sign-in")
    assert done.status_code == 302 and done.headers["Location"].endswith("/account")
    page = client.get("/account", headers=EN)
    assert page.status_code == 200
    assert "Real name verified through the provincial" in page.get_data(as_text=True)


def test_signing_in_with_the_platform_needs_an_account_verified_through_it(
        live_app: Flask) -> None:
    live_app.test_client_class = CheckedClient
    client = live_app.test_client()
    done = verify_through_the_platform(live_app, client, page="/sign-in")
    assert done.headers["Location"].endswith("/sign-in")
    assert "No account is verified through the provincial platform" in client.get(
        "/sign-in", headers=EN).get_data(as_text=True)
    assert client.get("/account").status_code == 302
