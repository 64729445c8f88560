"""During 补正 documents can only be added (issue 25): nothing sent with the application can be
removed, files added now are marked "added in answer to the request", and the caseworker sees
what changed."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Document, Role
from tests.factories import id_number, make_account, sign_in
from tests.journeys import (
    contact_answers,
    follow_wizard,
    household_answer,
    identity_answers,
    upload,
)
from tests.pages import EN, signed_in_client, soup, text_of
from tests.test_track import RESIDENT_PHONE, STAFF, move, to_review


def sent_and_asked_for_more(app: Flask, client: FlaskClient) -> tuple[int, str, int]:
    """A resident's two subsidies sent with three files and the bank card promised on paper;
    the caseworker asks for more. Returns the application's id, URL and the caseworker."""
    resident = make_account(app, phone=RESIDENT_PHONE, name="王小明")
    caseworker = make_account(app, phone=STAFF["caseworker"], role=Role.CASEWORKER,
                              area="220102", name="赵强")
    sign_in(client, RESIDENT_PHONE)
    documents_url = follow_wizard(client, client.post("/services/two-subsidies/start")
                                  .headers["Location"], {
        "applicant": {"for_whom": "self"},
        "allowances": {"allowances": ["care"]},
        "care_need": {"long_term_care": "yes"},
        "other_support": {"support": ["none"]},
        **identity_answers(id_number()),
        **contact_answers(phone=RESIDENT_PHONE, address="人民大街 1 号"),
        **household_answer("low_income"),
        "bank_account": {"bank": "吉林银行", "holder": "王小明", "number": "6217 0000 1234 5678"},
    })
    application_url = documents_url.removesuffix("/documents")
    for requirement in ("disability_card", "identity", "household_register"):
        assert upload(client, application_url, requirement).status_code == 302
    assert client.post(f"{application_url}/documents/bank_card/bring-later").status_code == 302
    client.post(f"{application_url}/declaration", data={"declaration": "y",
                                                         "sensitive_consent": "y"})
    application_id = int(application_url.rsplit("/", 1)[1])
    to_review(app, {"application": application_id, "caseworker": caseworker,
                    "resident": resident})
    move(app, application_id, "request_information", caseworker, "请补充清晰的户口簿照片")
    return application_id, application_url, caseworker


def documents_of(app: Flask) -> list[Document]:
    with app.app_context():
        return list(get_session().scalars(
            select(Document).where(Document.removed_at.is_(None)).order_by(Document.id)))


def test_files_sent_cannot_be_removed_while_answering_a_request(app: Flask,
                                                                 client: FlaskClient) -> None:
    _application_id, application_url, _caseworker = sent_and_asked_for_more(app, client)
    page = BeautifulSoup(client.get(f"{application_url}/documents", headers=EN).data,
                         "html.parser")
    assert not page.select("form[action$='/remove']")  # no "Remove" beside what was sent
    assert "the files you sent with the application stay with it" in page.main.get_text()
    sent = documents_of(app)[0]
    removed = client.post(f"{application_url}/documents/{sent.id}/remove")
    assert removed.status_code == 404
    assert len(documents_of(app)) == 3
    # Nor can the paper promised with the application be taken back.
    assert client.post(f"{application_url}/documents/bank_card/upload-instead").status_code \
        == 404


def test_a_file_added_in_answer_is_marked_and_can_be_taken_back_before_answering(
        app: Flask, client: FlaskClient) -> None:
    application_id, application_url, _caseworker = sent_and_asked_for_more(app, client)
    assert upload(client, application_url, "household_register",
                  filename="clear-register.pdf").status_code == 302
    page = BeautifulSoup(client.get(f"{application_url}/documents", headers=EN).data,
                         "html.parser")
    added = page.find("a", string="clear-register.pdf").find_parent("li")
    assert "Added in answer to the request" in added.get_text()
    assert added.select("form[action$='/remove']")
    assert upload(client, application_url, "household_register",
                  filename="another.pdf").status_code == 302
    another = documents_of(app)[-1]
    assert another.original_filename == "another.pdf"
    assert client.post(f"{application_url}/documents/{another.id}/remove").status_code == 302
    assert "another.pdf" not in [d.original_filename for d in documents_of(app)]

    staff = signed_in_client(app, STAFF["caseworker"])
    documents = soup(staff.get(f"/casework/applications/{application_id}", headers=EN)) \
        .find(id="documents").find_next("dl")
    lines = [text_of(line) for line in documents.select(".summary-list__line")]
    assert any(line.startswith("clear-register.pdf Added in answer to the request")
               for line in lines), lines
    assert "scan.pdf" in lines  # the first one is still there, unmarked
