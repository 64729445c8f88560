"""Staff pick standard reasons that each applicant reads in their own language; what staff
type besides is shown as written, and labelled so."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.domain.models import ApplicationStatus as S
from app.domain.models import Role
from app.services.standard_reasons import reason_texts, standard_reasons
from tests.factories import make_account
from tests.test_casework import (  # noqa: F401  (world is a fixture)
    CIVIL_AFFAIRS,
    EN,
    RESIDENT,
    loaded,
    signed_in_client,
    soup,
    submitted,
    world,
)

KO = {"Accept-Language": "ko"}
TYPED = "经入户核查，家庭人均收入高于当地低保标准。"


def decider(app: Flask) -> FlaskClient:
    """The two subsidies are decided by the county civil affairs bureau (民政审定)."""
    make_account(app, phone=CIVIL_AFFAIRS, role=Role.CIVIL_AFFAIRS, area="220102", name="周敏")
    return signed_in_client(app, CIVIL_AFFAIRS)


def test_the_approver_picks_a_standard_reason_and_a_korean_reader_reads_it_in_korean(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    application_id = submitted(app, world, status=S.READY_FOR_DECISION)
    approver = decider(app)
    page = soup(approver.get(f"/casework/applications/{application_id}", headers=EN))
    offered = {box["value"] for box in page.find_all("input", attrs={"name": "standard_reasons",
                                                                      "id": True})
               if box["id"].startswith("refuse-")}
    assert {"not_low_income", "level_not_severe", "not_resident"} <= offered

    refused = approver.post(
        f"/casework/applications/{application_id}/transitions/refuse",
        data={"version": str(loaded(app, application_id).version), "reason": TYPED,
              "standard_reasons": ["not_low_income"]}, headers=EN)
    assert refused.status_code == 302

    resident = signed_in_client(app, RESIDENT)
    letter = resident.get(f"/applications/{application_id}/decision", headers=KO)
    text = soup(letter).main.get_text(" ")
    assert "가구가 최저생활보장을 받지 않고" in text  # the standard reason, in Korean
    assert TYPED in text  # the staff member's words, as written
    assert soup(letter).find(string=TYPED).find_parent(attrs={"lang": "zh-CN"})

    timeline = soup(resident.get(f"/applications/{application_id}/timeline", headers=EN))
    labels = [dt.get_text(strip=True) for dt in timeline.find_all("dt")]
    assert "In the words of the member of staff" in labels
    assert "The household neither receives minimum living support" in timeline.get_text()


def test_a_request_without_standard_reasons_reads_as_before(
        app: Flask, world: dict[str, int]) -> None:  # noqa: F811
    application_id = submitted(app, world, status=S.READY_FOR_DECISION)
    approver = decider(app)
    approver.post(f"/casework/applications/{application_id}/transitions/refuse",
                  data={"version": str(loaded(app, application_id).version),
                        "reason": TYPED}, headers=EN)
    timeline = soup(signed_in_client(app, RESIDENT).get(
        f"/applications/{application_id}/timeline", headers=EN))
    labels = [dt.get_text(strip=True) for dt in timeline.find_all("dt")]
    assert "Reasons" in labels and "In the words of the member of staff" not in labels


def test_a_device_refusal_rests_on_the_assessment_not_on_a_missing_prescription(
        app: Flask) -> None:
    # The prescription comes from the assessment (docs/process.md): asking the applicant for
    # one is never a reason to refuse.
    codes = [reason.code for reason in standard_reasons("assistive-devices", "refuse")]
    assert "no_prescription" not in codes
    assert {"no_device_need", "not_in_catalogue"} <= set(codes)
    with app.test_request_context(headers=KO):
        assert reason_texts("assistive-devices", ["no_device_need"]) == [
            "평가 결과 신청인에게 신청한 보조기구가 필요하지 않은 것으로 나타났습니다."]
