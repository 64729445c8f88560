"""A refusal is a printable decision letter: who decided, the reasons first, then the rights."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.database import get_session
from app.domain.benefits.allowances import AllowanceDecision
from app.domain.casework import status_machine
from app.domain.casework.review_rights import add_months
from app.domain.clock import date_in_china
from app.domain.models import Account, Application, ApplicationStatus, Channel, StatusEvent
from app.web.messages import notify_status_change
from tests.factories import sign_in
from tests.test_track import (  # noqa: F401  (world is a fixture)
    EN,
    RESIDENT_PHONE,
    STAFF,
    main_text,
    move,
    soup,
    to_decision,
    to_review,
    world,
)

REASON = "家庭人均收入高于当地低保标准。"


def refused(app: Flask, ids: dict[str, int]) -> str:
    to_decision(app, ids)  # reviewed, then decided by civil affairs (民政审定)
    move(app, ids["application"], "refuse", ids["approver"], REASON)
    return f"/applications/{ids['application']}/decision"


def test_the_letter_names_the_bodies_gives_the_reasons_first_then_the_dates(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = refused(app, world)
    with app.app_context():
        decided_on = date_in_china(get_session().scalars(select(StatusEvent).where(
            StatusEvent.to_status == ApplicationStatus.REFUSED)).one().occurred_at)
    sign_in(client, RESIDENT_PHONE)
    timeline = soup(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    assert timeline.find("a", href=letter_url, string="Read and print the decision letter")

    text = main_text(client.get(letter_url, headers=EN))
    assert "Decided by Nanguan District Civil Affairs Bureau" in text
    assert "The application is refused." in text
    assert text.index(REASON) < text.index("If you disagree with the decision")
    assert "In the words of the member of staff who decided:" in text
    reconsider_by = (decided_on + timedelta(days=60)).strftime("%-d %B %Y")
    lawsuit_by = add_months(decided_on, 6).strftime("%-d %B %Y")
    assert f"administrative reconsideration by {reconsider_by}" in text
    assert f"administrative lawsuit at the people's court by {lawsuit_by}" in text
    assert "reconsideration to: Nanguan District People's Government" in text
    assert "Start a lawsuit at: Nanguan District People's Court" in text


def test_in_korean_the_bodies_keep_their_chinese_official_names(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = refused(app, world)
    sign_in(client, RESIDENT_PHONE)
    page = soup(client.get(letter_url, headers={"Accept-Language": "ko"}))
    assert page.html["lang"] == "ko"
    assert page.find("span", lang="zh-CN", string="南关区民政局")
    assert page.find("span", lang="zh-CN", string="南关区人民法院")


def test_an_application_without_a_refusal_has_no_letter(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    to_review(app, world)
    sign_in(client, RESIDENT_PHONE)
    assert client.get(f"/applications/{world['application']}/decision").status_code == 404


def approved(app: Flask, ids: dict[str, int], note: str = "符合条件。") -> str:
    to_decision(app, ids)
    with app.app_context():  # what the resident applied for, as the wizard records it
        application = get_session().get(Application, ids["application"])
        application.answers = {**application.answers,
                               "allowances": {"allowances": ["living", "care"]}}
        get_session().commit()
    decide_allowances(app, ids, note, living=Decimal("120.00"), care=Decimal("100.00"))
    return f"/applications/{ids['application']}/decision"


def decide_allowances(app: Flask, ids: dict[str, int], note: str, *,
                      living: Decimal | None, care: Decimal | None) -> date:
    """Civil affairs decide each allowance (None: not granted); returns the first month."""
    with app.test_request_context():
        db = get_session()
        application = db.get(Application, ids["application"])
        first = date_in_china(application.submitted_at).replace(day=1)
        event = status_machine.transition(
            db, application, "approve", actor=db.get(Account, ids["approver"]),
            channel=Channel.OFFICE, reason=note, allowances=[
                AllowanceDecision("living", living is not None, living,
                                  first if living is not None else None),
                AllowanceDecision("care", care is not None, care,
                                  first if care is not None else None)])
        notify_status_change(db, application, event)
        db.commit()
    return first


def test_an_approval_has_a_letter_with_what_was_granted_and_the_duty_to_report(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = approved(app, world, note="自2026年12月起按月发放。")
    with app.app_context():
        application = get_session().get(Application, world["application"])
        first_month = date_in_china(application.submitted_at).strftime("%B %Y")
    sign_in(client, RESIDENT_PHONE)
    timeline = soup(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    assert timeline.find("a", href=letter_url, string="Read and print the approval letter")
    response = client.get(letter_url, headers=EN)
    assert response.status_code == 200
    text = main_text(response)
    assert "Decided by Nanguan District Civil Affairs Bureau" in text
    assert "The application is approved." in text
    assert "Living allowance for disabled people in financial difficulty Granted: CN¥120.00 " \
           f"a month, paid from {first_month}." in text
    assert "Care allowance for people with a severe disability Granted: CN¥100.00 a month, " \
           f"paid from {first_month}." in text
    assert "自2026年12月起按月发放。" in text
    assert "First monthly payment" in text
    assert "within 15 days" in text
    assert "If you disagree with the decision" not in text


def test_the_approval_letter_stays_while_the_service_stages_go_on(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    letter_url = approved(app, world)
    move(app, world["application"], "start_stages", world["caseworker"])
    sign_in(client, RESIDENT_PHONE)
    assert "The application is approved." in main_text(client.get(letter_url, headers=EN))


def test_the_timeline_names_civil_affairs_as_the_decider_of_the_two_subsidies(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    approved(app, world)
    sign_in(client, RESIDENT_PHONE)
    timeline = soup(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    by = {item.find("h3").get_text(strip=True):
          item.find("dt", string="By").find_next("dd").get_text(strip=True)
          for item in timeline.select("main ol > li")}
    assert by["Approved"] == "the county civil affairs bureau"
    assert by["Being reviewed"] == "the county disability federation"


def test_each_allowance_is_decided_on_its_own_with_its_amount_and_first_month(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    to_decision(app, world)
    with app.app_context():
        application = get_session().get(Application, world["application"])
        application.answers = {**application.answers,
                               "allowances": {"allowances": ["living", "care"]}}
        get_session().commit()
    first = decide_allowances(app, world, "护理补贴：残疾等级为三级，不符合条件。",
                              living=Decimal("135.50"), care=None)
    sign_in(client, RESIDENT_PHONE)
    text = main_text(client.get(f"/applications/{world['application']}/decision", headers=EN))
    assert "The application is partly approved: each allowance was decided on its own." in text
    assert (f"Living allowance for disabled people in financial difficulty Granted: "
            f"CN¥135.50 a month, paid from {first:%B %Y}.") in text
    assert "Care allowance for people with a severe disability Not granted." in text
    assert "护理补贴：残疾等级为三级，不符合条件。" in text
    assert "If you disagree with the decision" in text  # the refused part can be contested


def test_civil_affairs_decide_each_allowance_on_the_staff_page(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    to_decision(app, world)
    with app.app_context():
        application = get_session().get(Application, world["application"])
        application.answers = {**application.answers,
                               "allowances": {"allowances": ["living", "care"]}}
        first = date_in_china(application.submitted_at).replace(day=1)
        get_session().commit()
        version = get_session().get(Application, world["application"]).version
    sign_in(client, STAFF["approver"])  # civil affairs (民政审定) in this world
    url = f"/casework/applications/{world['application']}/transitions/approve"
    neither = client.post(url, headers=EN, data={
        "version": str(version), "reason": "两项补贴均不符合条件", "living_granted": "no",
        "care_granted": "no"})
    assert neither.status_code == 200
    page = soup(neither)
    assert "Grant at least one allowance" in page.find(id="approve-living_granted-error") \
        .get_text()
    no_amount = client.post(url, headers=EN, data={
        "version": str(version), "reason": "生活补贴符合条件", "living_granted": "yes",
        "living_amount": "一百", "living_first_month": first.isoformat(), "care_granted": "no"})
    assert "Enter an amount in yuan" in soup(no_amount).find(
        id="approve-living_amount-error").get_text()
    assert soup(no_amount).find(id="approve-living_amount")["value"] == "一百"  # kept
    granted = client.post(url, headers=EN, data={
        "version": str(version), "reason": "生活补贴符合条件；护理补贴不符合条件",
        "living_granted": "yes", "living_amount": "１２０", "living_first_month":
        first.isoformat(), "care_granted": "no"})
    assert granted.status_code == 302, soup(granted).select(".error-message")
    with app.app_context():
        event = get_session().scalars(select(StatusEvent).where(
            StatusEvent.to_status == ApplicationStatus.APPROVED)).one()
        assert event.allowances == [
            {"allowance": "living", "granted": True, "monthly_amount": "120.00",
             "first_month": first.isoformat()},
            {"allowance": "care", "granted": False, "monthly_amount": None,
             "first_month": None}]


def test_a_monthly_allowance_never_reads_nothing_more_happens(
        app: Flask, client: FlaskClient, world: dict[str, int]) -> None:  # noqa: F811
    approved(app, world)
    move(app, world["application"], "start_stages", world["caseworker"])
    with app.test_request_context():
        db = get_session()
        application = db.get(Application, world["application"])
        status_machine.advance_stage(db, application, "first_payment",
                                     actor=db.get(Account, world["caseworker"]),
                                     channel=Channel.OFFICE)
        db.commit()
    move(app, world["application"], "complete", world["caseworker"])
    sign_in(client, RESIDENT_PHONE)
    text = main_text(client.get(f"/applications/{world['application']}/timeline", headers=EN))
    assert "Nothing more happens" not in text
    assert "The allowance is paid every month." in text
