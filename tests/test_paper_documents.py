"""Documents brought to the counter later (issue 12): the application can be sent without the
file, the check page and the receipt say what to bring, and staff of the area mark the paper
seen, once, in the audit log."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Application, AuditEvent, PaperDocument, Role
from tests.factories import id_number, make_account, sign_in
from tests.journeys import follow_wizard, start_service, upload
from tests.test_apply_two_subsidies import resident_answers

EN = {"Accept-Language": "en"}
PHONE = "13904312222"
UPLOADED = ("disability_card", "identity", "minimum_living_support")


def draft_bringing_the_household_register(app: Flask, client: FlaskClient) -> str:
    """A resident's two subsidies draft with every document but the household register, which
    they will bring; returns the application's URL."""
    make_account(app, phone=PHONE, name="王小明")
    sign_in(client, PHONE)
    documents_url = follow_wizard(client, start_service(client, "two-subsidies"),
                                  resident_answers(id_number()))
    application_url = documents_url.removesuffix("/documents")
    for requirement in UPLOADED:
        assert upload(client, application_url, requirement).status_code == 302
    promised = client.post(f"{application_url}/documents/household_register/bring-later")
    assert promised.status_code == 302
    return application_url


def send(client: FlaskClient, application_url: str) -> BeautifulSoup:
    response = client.post(f"{application_url}/declaration",
                           data={"declaration": "y", "sensitive_consent": "y"})
    assert response.headers["Location"].endswith("/confirmation")
    return BeautifulSoup(client.get(response.headers["Location"], headers=EN).data,
                         "html.parser")


def test_a_document_to_bring_later_lets_the_application_be_sent(app: Flask,
                                                                 client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    documents = client.get(f"{application_url}/documents", headers=EN).get_data(as_text=True)
    assert "You will bring the paper document to the counter." in documents
    assert client.post(f"{application_url}/documents").headers["Location"].endswith("/check")
    check = BeautifulSoup(client.get(f"{application_url}/check", headers=EN).data,
                          "html.parser").main.get_text(" ")
    assert "Household register To bring to the counter" in " ".join(check.split())
    receipt = send(client, application_url)
    to_bring = receipt.find("h2", string="Documents to bring to the counter")
    assert to_bring is not None
    assert [li.get_text() for li in to_bring.find_next("ul").select("li")] == ["Household register"]


def test_without_a_file_or_a_promise_the_document_is_still_missing(app: Flask,
                                                                    client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    client.post(f"{application_url}/documents/household_register/upload-instead")
    refused = client.post(f"{application_url}/documents", headers=EN)
    assert refused.status_code == 200
    summary = BeautifulSoup(refused.data, "html.parser").select_one(".error-summary")
    assert [a["href"] for a in summary.select("a")] == ["#add-household_register"]


def test_a_document_not_asked_for_cannot_be_promised(app: Flask, client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    assert client.post(f"{application_url}/documents/death_certificate/bring-later") \
        .status_code == 404


def test_a_caseworker_of_the_area_marks_the_paper_seen_once(app: Flask,
                                                            client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    send(client, application_url)
    application_id = int(application_url.rsplit("/", 1)[1])
    make_account(app, phone="13904319001", role=Role.CASEWORKER, area="220102", name="赵敏")
    staff = app.test_client()
    sign_in(staff, "13904319001")
    page = staff.get(f"/casework/applications/{application_id}", headers=EN).get_data(
        as_text=True)
    assert "Not seen yet: the applicant said they would bring it" in page
    seen_url = f"/casework/applications/{application_id}/paper/household_register/seen"
    assert staff.post(seen_url).status_code == 302
    page = staff.get(f"/casework/applications/{application_id}", headers=EN).get_data(
        as_text=True)
    assert "Seen by 赵敏" in page
    again = staff.post(seen_url, headers=EN, follow_redirects=True).get_data(as_text=True)
    assert "Someone has already marked this paper document seen." in again
    with app.app_context():
        db = get_session()
        paper = db.scalars(select(PaperDocument)).one()
        assert paper.seen_at is not None
        assert db.scalars(select(AuditEvent).where(
            AuditEvent.action == "document.paper_seen")).one().application_id == application_id
    receipt = client.get(f"{application_url}/confirmation", headers=EN).get_data(as_text=True)
    assert "Documents to bring to the counter" not in receipt  # seen: nothing left to bring


def test_staff_of_another_area_cannot_mark_the_paper_seen(app: Flask,
                                                          client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    send(client, application_url)
    application_id = int(application_url.rsplit("/", 1)[1])
    make_account(app, phone="13904319002", role=Role.CASEWORKER, area="220202", name="钱强")
    staff = app.test_client()
    sign_in(staff, "13904319002")
    response = staff.post(
        f"/casework/applications/{application_id}/paper/household_register/seen")
    assert response.status_code == 404
    with app.app_context():
        assert get_session().scalars(select(PaperDocument)).one().seen_at is None


def test_the_applicant_cannot_mark_their_own_paper_seen(app: Flask,
                                                        client: FlaskClient) -> None:
    application_url = draft_bringing_the_household_register(app, client)
    send(client, application_url)
    application_id = int(application_url.rsplit("/", 1)[1])
    response = client.post(
        f"/casework/applications/{application_id}/paper/household_register/seen")
    assert response.status_code in (403, 404)
    with app.app_context():
        assert get_session().scalars(select(Application)).one().status.value == "submitted"
        assert get_session().scalars(select(PaperDocument)).one().seen_at is None


def test_a_home_owners_property_certificate_brought_later_is_shown_as_such(
        app: Flask, client: FlaskClient) -> None:
    """Issue 25: the 房产证 promised on paper at the counter was recorded and shown as a tenancy
    agreement (租赁合同): several titles share the code home_proof."""
    from tests.journeys import counter_starts_for_a_person
    from tests.test_apply_home_modification import answers_for

    _person, number, first_page = counter_starts_for_a_person(app, client, "home-modification")
    documents_url = follow_wizard(client, first_page, answers_for(number, name="李娜"))
    application_url = documents_url.removesuffix("/documents")
    assert upload(client, application_url, "disability_card").status_code == 302
    assert client.post(f"{application_url}/documents/home_proof/bring-later").status_code == 302
    assert client.post(documents_url).headers["Location"].endswith("/check")
    response = client.post(f"{application_url}/declaration", data={
        "declaration": "y", "sensitive_consent": "y", "holds_consent": "y"})
    assert response.headers["Location"].endswith("/confirmation")
    application_id = int(application_url.rsplit("/", 1)[1])
    make_account(app, phone="13904319001", role=Role.CASEWORKER, area="220102", name="赵敏")
    staff = app.test_client()
    sign_in(staff, "13904319001")
    for language, expected, wrong in (("en", "The property certificate",
                                       "The tenancy agreement"),
                                      ("zh-CN", "房产证", "租赁合同")):
        page = BeautifulSoup(staff.get(f"/casework/applications/{application_id}",
                                       headers={"Accept-Language": language}).data,
                             "html.parser")
        on_paper = page.find(id="paper-documents").find_next("dl")
        titles = [dt.get_text(" ", strip=True) for dt in on_paper.select("dt")]
        assert len(titles) == 1 and expected in titles[0], titles
        assert wrong not in page.main.get_text()
