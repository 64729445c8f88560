"""Uploaded documents: safe names, limits per application, no caching, removed files deleted."""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from app.database import get_session
from app.domain.models import Document
from tests.factories import id_number, make_account, sign_in
from tests.journeys import PDF, follow_wizard, start_service, upload
from tests.pages import EN
from tests.test_apply_two_subsidies import resident_answers

start = partial(start_service, code="two-subsidies")
pytestmark = pytest.mark.engine


def application_url(app: Flask, client: FlaskClient) -> str:
    make_account(app, phone="13904312222", name="王小明")
    sign_in(client, "13904312222")
    return follow_wizard(client, start(client), resident_answers(id_number())) \
        .removesuffix("/documents")


def upload_in_english(client: FlaskClient, url: str, requirement: str, content: bytes
                      ) -> TestResponse:
    return client.post(f"{url}/documents/{requirement}/add", headers=EN,
                       data={"files": (io.BytesIO(content), "scan.pdf")},
                       content_type="multipart/form-data")


def stored(app: Flask) -> list[Document]:
    with app.app_context():
        return list(get_session().scalars(select(Document).order_by(Document.id)))


def test_a_file_is_shown_and_downloaded_under_a_safe_name(app: Flask,
                                                         client: FlaskClient) -> None:
    url = application_url(app, client)
    assert upload(client, url, "identity", filename="run.exe").status_code == 302
    # A right-to-left override would show "invoice\u202efdp.exe" as "invoiceexe.pdf".
    assert upload(client, url, "identity", filename="invoice\u202efdp.exe").status_code == 302
    page = BeautifulSoup(client.get(f"{url}/documents", headers=EN).data, "html.parser")
    shown = page.main.get_text(" ")
    assert "run.exe.pdf" in shown and "invoicefdp.exe.pdf" in shown
    assert "\u202e" not in shown
    first = stored(app)[0]
    download = client.get(f"{url}/documents/{first.id}")
    assert download.headers["Content-Disposition"] == "attachment; filename=run.exe.pdf"


def test_a_download_is_never_kept_by_the_browser(app: Flask, client: FlaskClient) -> None:
    url = application_url(app, client)
    upload(client, url, "identity")
    download = client.get(f"{url}/documents/{stored(app)[0].id}")
    assert download.status_code == 200
    assert "no-store" in download.headers["Cache-Control"]


def test_an_application_takes_so_many_files_and_no_more(app: Flask,
                                                       client: FlaskClient) -> None:
    app.config["MAX_DOCUMENTS_PER_APPLICATION"] = 2
    url = application_url(app, client)
    for _ in range(2):
        assert upload(client, url, "identity").status_code == 302
    refused = upload_in_english(client, url, "identity", PDF)
    assert refused.status_code == 200
    message = BeautifulSoup(refused.data, "html.parser").select_one("#files-error").get_text()
    assert "up to 2 files" in message
    assert len(stored(app)) == 2


def test_an_application_takes_so_many_megabytes_and_no_more(app: Flask,
                                                           client: FlaskClient) -> None:
    app.config["MAX_APPLICATION_UPLOADS_MB"] = 1
    url = application_url(app, client)
    big = PDF + b"0" * (700 * 1024)
    assert upload(client, url, "identity", content=big).status_code == 302
    refused = upload_in_english(client, url, "disability_card", big)
    assert refused.status_code == 200
    message = BeautifulSoup(refused.data, "html.parser").select_one("#files-error").get_text()
    assert "up to 1 MB" in message
    assert len(stored(app)) == 1


def test_a_removed_file_is_deleted_from_the_disk(app: Flask, client: FlaskClient) -> None:
    url = application_url(app, client)
    upload(client, url, "identity")
    document = stored(app)[0]
    path = Path(app.config["UPLOAD_FOLDER"]) / document.stored_name
    assert path.is_file()
    client.post(f"{url}/documents/{document.id}/remove")
    assert not path.exists()
    assert stored(app)[0].removed_at is not None  # the record of what was sent stays


def upload_measuring_memory(client: FlaskClient, url: str, content: bytes
                            ) -> tuple[TestResponse, int]:
    """Uploads one file in English; the response and the most memory the request held (bytes)."""
    import tracemalloc

    from werkzeug.test import EnvironBuilder

    request = EnvironBuilder(path=f"{url}/documents/identity/add", method="POST", headers=EN,
                             data={"files": (io.BytesIO(content), "scan.pdf")},
                             content_type="multipart/form-data").get_environ()
    tracemalloc.start()
    try:
        response = client.open(request)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak


def test_a_file_over_the_limit_is_refused_without_being_read_into_memory(
        app: Flask, client: FlaskClient) -> None:
    app.config["MAX_UPLOAD_MB"] = 5
    url = application_url(app, client)
    response, peak = upload_measuring_memory(client, url, PDF + b"0" * (6 * 1024 * 1024))
    message = BeautifulSoup(response.data, "html.parser").select_one("#files-error").get_text()
    assert "5 MB" in message
    assert peak < 3 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held for a refused file"
    assert stored(app) == []


def test_a_file_at_the_limit_is_stored_whole_without_being_read_into_memory(
        app: Flask, client: FlaskClient) -> None:
    import hashlib

    app.config["MAX_UPLOAD_MB"] = 5
    url = application_url(app, client)
    at_limit = PDF + b"1" * (5 * 1024 * 1024 - len(PDF))
    response, peak = upload_measuring_memory(client, url, at_limit)
    assert response.status_code == 302
    assert peak < 3 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held for a 5 MB file"
    [document] = stored(app)
    kept = Path(app.config["UPLOAD_FOLDER"]) / document.stored_name
    assert document.size_bytes == kept.stat().st_size == 5 * 1024 * 1024
    assert document.sha256 == hashlib.sha256(at_limit).hexdigest() \
        == hashlib.sha256(kept.read_bytes()).hexdigest()
