"""Fixtures for the axe audit: the real app on a local port, and one headless Chromium.

Run with ``pytest accessibility_tests -q`` (``make test`` installs the browser first).
The browser and driver are Debian's (/usr/bin/chromium, /usr/bin/chromedriver); Selenium is
given their paths and told to stay offline, so it never downloads anything.
"""

from __future__ import annotations

import datetime
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from accessibility_tests import report
from accessibility_tests.axe_audit import AXE_SCRIPT, preload_axe, set_cookies

# Selenium Manager must never run (it would try to download a browser or driver).
os.environ["SE_OFFLINE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_HINT = "run `make test` (it runs scripts/install-browser.sh) to install it"


def pytest_addoption(parser):
    """``--audit-report=PATH`` writes an HTML report of the audit (report.py; `make audit`)."""
    report.add_option(parser)


def pytest_configure(config):
    report.configure(config)


@pytest.fixture(scope="session")
def audit_app(tmp_path_factory: pytest.TempPathFactory):
    """The real app with a fresh SQLite database, migrated and loaded with demo data."""
    from app import create_app
    from app.database import upgrade_to_head
    from app.demo import load_demo_data

    tmp = tmp_path_factory.mktemp("audit")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp}/audit.db",
            "SECRET_KEY": "audit",
            "SESSION_COOKIE_SECURE": False,
            "AUDIT_ROUTES": True,
            "UPLOAD_FOLDER": str(tmp / "uploads"),
            # The audit submits the same forms from one address many times (every page in
            # every language and display state); the 429 page itself is audited via /_audit.
            "RATELIMIT_ENABLED": False,
            # The provincial sign-in, offered on the account page; its stand-in's page is
            # audited (this issuer is never contacted during the audit).
            "PROVINCIAL_OIDC_ISSUER": "http://127.0.0.1:9/dev/provincial-sign-in",
            "PROVINCIAL_OIDC_CLIENT_ID": "portal-audit",
            "PROVINCIAL_OIDC_CLIENT_SECRET": "audit-client-secret",
        }
    )
    upgrade_to_head(app)
    load_demo_data(app)
    return app


@pytest.fixture(scope="session")
def audit_ids(audit_app) -> dict[str, int]:
    """Ids the registry's paths refer to; adds what the demo data lacks for the audit.

    The demo agent asks to act for one more person (in the caseworker's county), so the
    staff pages for agents' requests have a request to show; the first guide video gets a
    sign-language version.
    """
    from sqlalchemy import select

    from app.database import get_session
    from app.demo import DEMO_ACCOUNTS, DEMO_RESIDENT_ID
    from app.domain.models import Account, GuideVideo, Person, Relationship
    from app.domain.people import delegations
    from app.domain.people.identity import parse_resident_id

    phones = {a.role_label: a.phone for a in DEMO_ACCOUNTS}
    agent_phone = phones["agent"]
    with audit_app.app_context():
        db = get_session()
        agent = db.scalar(select(Account).where(Account.phone == agent_phone))
        request = delegations.request_to_act(
            db,
            agent,
            full_name="李秀兰",
            id_number=parse_resident_id("220102194503030023", today=datetime.date.today()),
            relationship=Relationship.FAMILY,
            note="她是我的母亲",
        )
        db.commit()
        resident = db.scalar(select(Person).where(Person.id_number == DEMO_RESIDENT_ID))
        # Registered at the counter, held by no online account: its online-account page shows
        # the form that verifies the person's own account.
        unheld = Person(full_name="赵敏", id_number="220102195001010019",
                        birth_date=datetime.date(1950, 1, 1), sex="male", county_code="220102",
                        township_code="220102001", communication_needs=[])
        db.add(unheld)
        # The card's life (issue 22): the resident's card is within 90 days of its expiry, so
        # the account and counter pages show its dates and the renewal link; the unheld
        # person's card was cancelled, so the counter page shows when a new one may be asked.
        from app.domain.people import cards

        today = datetime.date.today()
        cards.record_issued(resident, cards.years_later(today, -10) + datetime.timedelta(days=60))
        cards.record_cancelled(unheld, cards.Ground.NO_LONGER_MEETS_STANDARD.value,
                               today - datetime.timedelta(days=30))
        counter_staff = db.scalar(select(Account).where(Account.phone == phones["counter staff"]))
        first_video = db.scalar(select(GuideVideo).order_by(GuideVideo.id))
        # The sample videos have no sign-language version; give the first one its own video as
        # one, so the player's visible choice between the two versions is audited too.
        first_video.sign_video_name = first_video.video_name
        first_video.sign_video_type = first_video.video_type
        first_video.sign_video_size = first_video.video_size
        first_video.sign_video_sha256 = first_video.video_sha256
        db.commit()
        return {
            "resident_person_id": resident.id,
            "unheld_person_id": unheld.id,
            "pending_request_id": request.id,
            "counter_staff_account_id": counter_staff.id,
            "first_video_id": first_video.id,  # the demo data's sample guide videos
            "first_video_service": first_video.service_code,
        }


@pytest.fixture(scope="session")
def live_server(audit_app) -> Iterator[str]:
    """Serve the app on a free local port for the whole session; yields the base URL."""
    from werkzeug.serving import make_server

    # One log line per request would fill every failure report; errors are still logged.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, audit_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="audit-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if not AXE_SCRIPT.is_file():
        missing.append(str(AXE_SCRIPT))
    if missing:
        pytest.fail(f"The accessibility audit needs {', '.join(missing)}: {INSTALL_HINT}.")

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="axe-chromium-")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1024",
        f"--user-data-dir={profile}",
        # Less background work per page: the audit is CPU-bound (about 500 page loads).
        "--disable-extensions",
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-features=Translate,OptimizationHints,MediaRouter,BackForwardCache,PaintHolding",
        "--mute-audio",
    ):
        options.add_argument(argument)

    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    preload_axe(driver)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


SESSION_REFRESH_SECONDS = 10 * 60


@pytest.fixture(scope="session")
def session_cookies(browser, live_server, audit_app):
    """``session_cookies(name, ids)`` -> the session cookie for SESSIONS[name], built once
    (again when it may have expired, except those in BUILT_ONCE_SESSIONS)."""
    from accessibility_tests.pages import BUILT_ONCE_SESSIONS, SESSIONS

    cookie_name = audit_app.config.get("SESSION_COOKIE_NAME", "session")
    built: dict[str, str] = {}
    built_at: dict[str, float] = {}

    def get(name: str, ids: Mapping[str, Any]) -> dict[str, str]:
        # One worker's share of the audit takes longer than sessions last (pages.py).
        expired = name not in BUILT_ONCE_SESSIONS and name in built_at and \
            time.monotonic() - built_at[name] > SESSION_REFRESH_SECONDS
        if name not in built or expired:
            built_at[name] = time.monotonic()
            set_cookies(browser, live_server, {})
            SESSIONS[name](browser, live_server, ids)
            cookie = browser.get_cookie(cookie_name)
            if cookie is None:
                pytest.fail(f"session {name!r}: the app set no {cookie_name!r} cookie")
            built[name] = cookie["value"]
        return {cookie_name: built[name]}

    return get


@pytest.fixture(scope="session")
def applications(audit_app) -> dict[str, Any]:
    """The demo resident's two-subsidies applications: one sent, one sent on which the
    caseworker asked for more information, one refused, and one draft with a file; a home
    modification still missing a document, and one being assessed whose home visit is to be
    recorded; for the decisions (issue 12): a two-subsidies application on public notice (公示),
    one ready for the civil-affairs decision, and a home modification ready for decision in a
    county whose places for the year are used up.

    Built through the real forms (sent by the test client: journeys.py), once, when the
    first page that needs them is audited.
    """
    from sqlalchemy import select

    from accessibility_tests.journeys import (
        answer_steps,
        bring_later,
        declare_and_send,
        signed_in_client,
        upload_file,
    )
    from app.database import get_session
    from app.demo import DEMO_ACCOUNTS
    from app.domain.calendar.holiday_calendar import calendar_for
    from app.domain.casework import status_machine
    from app.domain.casework.reference import new_reference
    from app.domain.clock import today_in_china
    from app.domain.models import (
        Account,
        Application,
        ApplicationBundle,
        ApplicationStatus,
        BundlePart,
        Channel,
        Document,
        HomeModificationQuota,
        Letter,
        StatusEvent,
    )

    resident = next(a for a in DEMO_ACCOUNTS if a.role_label == "resident")
    client = signed_in_client(audit_app, resident.phone, resident.password)
    sent = answer_steps(client, "two-subsidies")
    upload_file(client, sent, every=True)
    declare_and_send(client, sent)
    asked = answer_steps(client, "two-subsidies")
    upload_file(client, asked, every=True)
    declare_and_send(client, asked)
    draft = answer_steps(client, "two-subsidies")
    upload_file(client, draft, every=True)
    # Documents to bring to the counter later: one sent (receipt, casework page), one draft
    # (documents and check pages).
    paper_sent = answer_steps(client, "assistive-devices")
    bring_later(client, paper_sent)
    declare_and_send(client, paper_sent)
    paper_draft = answer_steps(client, "disability-assessment")
    upload_file(client, paper_draft)
    bring_later(client, paper_draft)
    # A draft still missing a required document, for the documents page and its error state.
    incomplete = answer_steps(client, "home-modification")
    upload_file(client, incomplete)
    caseworker_phone = next(a.phone for a in DEMO_ACCOUNTS if a.role_label == "caseworker")
    with audit_app.app_context():
        db = get_session()
        caseworker = db.scalar(select(Account).where(Account.phone == caseworker_phone))
        # The caseworker asks for more information on the second one (so it can be answered).
        application = db.get(Application, asked)
        for name, reason in (
            ("accept", None),
            ("start_review", None),
            ("request_information", "请补充最近三个月的低保证明。"),
        ):
            status_machine.transition(
                db, application, name, actor=caseworker, channel=Channel.COUNTER, reason=reason,
                opinion="材料齐全，同意受理。" if name == "accept" else None,
            )
        model = db.get(Application, sent)

        def like_the_sent_one(service_code: str, status: ApplicationStatus, **more: Any
                              ) -> Application:
            made = Application(
                service_code=service_code, status=status, reference=new_reference(),
                person_id=model.person_id, answers=model.answers,
                county_code=model.county_code, township_code=model.township_code,
                created_by_account_id=model.created_by_account_id, channel=Channel.ONLINE,
                submitted_at=model.submitted_at, **more)
            db.add(made)
            return made

        # A home modification being assessed: the next stage is the home visit, with its date.
        visit = like_the_sent_one("home-modification", ApplicationStatus.ASSESSING)
        notice = like_the_sent_one(
            "two-subsidies", ApplicationStatus.PUBLIC_NOTICE,
            public_notice_ends_on=today_in_china() + datetime.timedelta(days=6))
        for_civil_affairs = like_the_sent_one("two-subsidies",
                                              ApplicationStatus.READY_FOR_DECISION)
        no_places = like_the_sent_one("home-modification",
                                      ApplicationStatus.READY_FOR_DECISION, stage="plan_agreed")
        # This year's places used up (the demo data may already limit them).
        quota = db.scalar(select(HomeModificationQuota).where(
            HomeModificationQuota.county_code == (model.county_code or ""),
            HomeModificationQuota.year == today_in_china().year))
        if quota is None:
            quota = HomeModificationQuota(county_code=model.county_code or "",
                                          year=today_in_china().year,
                                          updated_by_account_id=caseworker.id)
            db.add(quota)
        quota.places = 0
        # More information asked for, answered by a day in a year whose holidays are not
        # entered: the date is provisional ("about …") on every page that shows it (issue 20).
        provisional = like_the_sent_one(
            "two-subsidies", ApplicationStatus.MORE_INFORMATION,
            due_on=datetime.date(max(calendar_for(db).years) + 1, 1, 25))
        db.add(StatusEvent(application=provisional, from_status=ApplicationStatus.IN_REVIEW,
                           to_status=ApplicationStatus.MORE_INFORMATION, actor=caseworker,
                           channel=Channel.OFFICE, reason="请补充银行卡复印件。"))
        # A refused one, for the decision letter.
        refused = like_the_sent_one("two-subsidies", ApplicationStatus.REFUSED)
        db.add(StatusEvent(application=refused, from_status=ApplicationStatus.IN_REVIEW,
                           to_status=ApplicationStatus.REFUSED, actor=caseworker,
                           channel=Channel.OFFICE, reason="家庭人均收入高于当地低保标准。"))
        # A letter to post, in large print, to someone who also asked to be phoned (issue 25).
        letter = Letter(application=model, locale="zh_Hans_CN", large_print=True,
                        phone_too=True, body="吉林省残疾人服务平台：您的申请已受理。")
        db.add(letter)
        # In review with its documents missing: passing it for decision is refused (issue 25).
        missing = like_the_sent_one("home-modification", ApplicationStatus.IN_REVIEW,
                                    stage="plan_agreed")
        # An approved one, for the approval letter (issue 25); the civil affairs case above is
        # then a second application for an allowance the person receives, and is flagged.
        approved = like_the_sent_one("two-subsidies", ApplicationStatus.APPROVED)
        db.add(StatusEvent(application=approved,
                           from_status=ApplicationStatus.READY_FOR_DECISION,
                           to_status=ApplicationStatus.APPROVED, actor=caseworker,
                           channel=Channel.OFFICE, reason="符合条件，自申请当月起发放。"))
        # One application (残疾人服务"一件事", issue 23): the card part sent, the living
        # allowance waiting for the card; one receipt lists both, each timeline the other.
        card = like_the_sent_one("disability-assessment", ApplicationStatus.SUBMITTED)
        waiting = like_the_sent_one("two-subsidies", ApplicationStatus.WAITING_FOR_CARD)
        bundle = ApplicationBundle(person_id=model.person_id,
                                   created_by_account_id=model.created_by_account_id,
                                   channel=Channel.ONLINE, submitted_at=model.submitted_at)
        db.add_all([bundle, BundlePart(bundle=bundle, application=card, part="card", position=0),
                    BundlePart(bundle=bundle, application=waiting, part="living", position=1)])
        # A document accepted with an earlier application, offered again on the documents page
        # of the draft still missing it (issue 23).
        from app.services import get_service

        home = get_service("home-modification")
        assert home is not None
        given = {d.requirement_code for d in db.get(Application, incomplete).documents}
        held_code = next(r.code for r in home.documents if r.required and r.code not in given)
        db.add(Document(application=approved, requirement_code=held_code,
                        original_filename="scan.pdf", stored_name=secrets.token_hex(16),
                        content_type="application/pdf", size_bytes=1024, sha256="0" * 64,
                        uploaded_by_account_id=model.created_by_account_id))
        db.commit()
        reference = db.scalar(select(Application.reference).where(Application.id == sent))
    return {
        "stage_application_id": visit.id,
        "public_notice_application_id": notice.id,
        "civil_affairs_application_id": for_civil_affairs.id,
        "no_places_application_id": no_places.id,
        "refused_application_id": refused.id,
        "provisional_application_id": provisional.id,
        "approved_application_id": approved.id,
        "missing_documents_application_id": missing.id,
        "letter_id": letter.id,
        "submitted_application_id": sent,
        "submitted_reference": reference,
        "info_requested_application_id": asked,
        "draft_application_id": draft,
        "incomplete_application_id": incomplete,
        "paper_sent_application_id": paper_sent,
        "paper_draft_application_id": paper_draft,
        "bundle_card_application_id": card.id,
        "bundle_waiting_application_id": waiting.id,
    }


@pytest.fixture(scope="session")
def statistics_figures(audit_app) -> dict[str, Any]:
    """Applications in 南关区 sent and decided this month and the last, counted by
    `refresh_county` as the nightly job does, so the statistics pages have charts to draw: some
    counts of 5 or more, some of 1 to 4 (hidden from the province's manager); and 南关区's own
    statistics manager, who sees them all."""
    from sqlalchemy import select

    from accessibility_tests.pages import COUNTY_STATISTICS_PASSWORD, COUNTY_STATISTICS_PHONE
    from app.database import get_session
    from app.domain.casework.reference import new_reference
    from app.domain.clock import today_in_china, utc_now
    from app.domain.models import (
        Account,
        Application,
        ApplicationStatus,
        Channel,
        Role,
        StatusEvent,
    )
    from app.domain.people.accounts import create_staff_account, find_account_by_phone
    from app.domain.statistics.refresh import refresh_county

    now = utc_now()
    plan = [("two-subsidies", ApplicationStatus.APPROVED, "applicant")] * 6 + \
        [("two-subsidies", ApplicationStatus.REFUSED, "agent")] * 2 + \
        [("assistive-devices", ApplicationStatus.COMPLETED, "counter")] * 5 + \
        [("home-modification", ApplicationStatus.IN_REVIEW, "applicant")] * 3
    with audit_app.app_context():
        db = get_session()
        creator = db.scalar(select(Account).where(Account.phone == "13900000001"))
        for number, (service, status, filled_by) in enumerate(plan):
            sent = now - datetime.timedelta(days=3 + number % 4, hours=number)
            decided = status in (ApplicationStatus.APPROVED, ApplicationStatus.REFUSED,
                                 ApplicationStatus.COMPLETED)
            application = Application(
                service_code=service, status=status, reference=new_reference(),
                county_code="220102", township_code="220102001", answers={},
                created_by_account_id=creator.id,
                channel=Channel.COUNTER if filled_by == "counter" else Channel.ONLINE,
                made_by={"filled_by": filled_by}, submitted_at=sent,
                decided_at=now - datetime.timedelta(days=1) if decided else None,
                due_on=today_in_china() - datetime.timedelta(days=1)
                if status == ApplicationStatus.IN_REVIEW else None)
            db.add(application)
            db.flush()
            if status == ApplicationStatus.REFUSED:
                db.add(StatusEvent(application_id=application.id, to_status=status,
                                   channel=Channel.OFFICE, occurred_at=now,
                                   reason_codes=["not_low_income"]))
            if status == ApplicationStatus.COMPLETED:
                db.add(StatusEvent(application_id=application.id, to_status=status,
                                   channel=Channel.OFFICE, occurred_at=now))
        for county in ("220102", "220103"):
            refresh_county(db, county, today=today_in_china())
        if find_account_by_phone(db, COUNTY_STATISTICS_PHONE) is None:
            create_staff_account(db, phone=COUNTY_STATISTICS_PHONE, display_name="周敏",
                                 password=COUNTY_STATISTICS_PASSWORD, role=Role.STATISTICS,
                                 area_code="220102")
        db.commit()
    return {}


@pytest.fixture(scope="session")
def payment_roster(audit_app) -> dict[str, Any]:
    """Two allowances paying in 南关区 from January 2026, run for March 2026 (a roster of six
    payments), and the bank's return file imported: one paid, one failed with its reason
    (issue 22)."""
    from sqlalchemy import select

    from app.database import get_session
    from app.demo import DEMO_RESIDENT_ID
    from app.domain.benefits import payments
    from app.domain.casework.reference import new_reference
    from app.domain.models import (
        Account,
        Application,
        ApplicationStatus,
        Channel,
        Entitlement,
        EntitlementState,
        Person,
    )

    march = datetime.date(2026, 3, 1)
    with audit_app.app_context():
        db = get_session()
        person = db.scalar(select(Person).where(Person.id_number == DEMO_RESIDENT_ID))
        creator = db.scalar(select(Account).where(Account.phone == "13900000001"))
        application = Application(
            service_code="two-subsidies", person_id=person.id, status=ApplicationStatus.APPROVED,
            reference=new_reference(), created_by_account_id=creator.id, channel=Channel.ONLINE,
            county_code="220102", township_code="220102001", answers={})
        for allowance in ("living", "care"):
            db.add(Entitlement(application=application, person_id=person.id,
                               allowance=allowance, first_month=datetime.date(2026, 1, 1),
                               county_code="220102", bank_name="吉林银行",
                               account_holder=person.full_name,
                               account_number="6217000012345678",
                               state=EntitlementState.PAYING,
                               state_changed_on=datetime.date(2026, 1, 5)))
        db.flush()
        made = payments.run_month(db, "220102", march)
        first, second = made[0].id, made[1].id
        payments.import_return_file(
            db, "220102", march, "payment,result,paid_on,reason\n"
            f"{first},成功,2026-03-20,\n{second},失败,,账户已销户\n")
        db.commit()
    return {}


@pytest.fixture(scope="session")
def outreach(audit_app, audit_ids) -> dict[str, Any]:
    """Issue 23: this month's 低保 roster with the demo resident and 赵敏 (both card holders);
    the resident invited to apply, with one contact recorded; 赵敏 not invited yet."""
    from sqlalchemy import select

    from app.database import get_session
    from app.demo import DEMO_ACCOUNTS
    from app.domain.benefits import outreach as outreach_domain
    from app.domain.benefits import rosters
    from app.domain.clock import today_in_china
    from app.domain.models import Account, AssistanceKind, OutreachOutcome, Person

    today = today_in_china()
    phone = next(a.phone for a in DEMO_ACCOUNTS if a.role_label == "civil affairs approver")
    with audit_app.app_context():
        db = get_session()
        staff = db.scalar(select(Account).where(Account.phone == phone))
        resident = db.get(Person, audit_ids["resident_person_id"])
        unheld = db.get(Person, audit_ids["unheld_person_id"])
        for person, card in ((resident, "41"), (unheld, "62")):
            person.disability_card_number = person.disability_card_number or \
                person.id_number + card
        body = "身份证号,姓名,户籍县区代码\n" + "".join(
            f"{p.id_number},{p.full_name},220102\n" for p in (resident, unheld))
        rosters.import_assistance_roster(db, kind=AssistanceKind.DIBAO, month=today,
                                         area_code="220102", content=body.encode(),
                                         today=today, actor=staff)
        candidate = outreach_domain.Candidate(
            resident.id, resident.full_name, resident.id_number, "220102",
            AssistanceKind.DIBAO, ("living", "care"),
            (outreach_domain.Reason.LIVING_DIBAO, outreach_domain.Reason.CARE_SEVERE_LONG_TERM),
            True)
        invitation, _made = outreach_domain.invite(db, candidate, month=today, staff=staff,
                                                   phone=resident.phone)
        outreach_domain.record_contact(db, invitation, outcome=OutreachOutcome.NOT_REACHED,
                                       note="电话无人接听", staff=staff)
        db.commit()
        return {"invited_person_id": resident.id, "candidate_person_id": unheld.id,
                "invitation_token": invitation.token, "outreach_month": today.strftime("%Y-%m")}


@pytest.fixture(scope="session")
def new_staff_account(audit_app) -> dict[str, Any]:
    """A caseworker whose password the administrator chose: asked to choose their own."""
    from accessibility_tests.pages import NEW_STAFF_PASSWORD, NEW_STAFF_PHONE
    from app.database import get_session
    from app.domain.models import Role
    from app.domain.people.accounts import create_staff_account, find_account_by_phone

    with audit_app.app_context():
        db = get_session()
        if find_account_by_phone(db, NEW_STAFF_PHONE) is None:
            create_staff_account(db, phone=NEW_STAFF_PHONE, display_name="新同事",
                                 password=NEW_STAFF_PASSWORD, role=Role.CASEWORKER,
                                 area_code="220102", chosen_by_administrator=True)
            db.commit()
    return {}


@pytest.fixture(scope="session")
def change_cases(audit_app) -> dict[str, Any]:
    """The demo resident's living allowance being paid (issue 22), with a report of a change at
    each page of its journey (drafts), one sent and waiting for civil affairs, a stop decided
    with its letter, and an objection to another stop waiting for the county."""
    from sqlalchemy import select

    from app.database import get_session
    from app.demo import DEMO_ACCOUNTS, DEMO_RESIDENT_ID
    from app.domain.benefits import entitlement_changes as changes
    from app.domain.casework.reference import new_reference
    from app.domain.models import (
        Account,
        Application,
        ApplicationStatus,
        ChangeKind,
        Channel,
        Entitlement,
        EntitlementDecisionKind,
        EntitlementState,
        Person,
    )

    phones = {a.role_label: a.phone for a in DEMO_ACCOUNTS}
    today = datetime.date(2026, 3, 10)
    with audit_app.app_context():
        db = get_session()
        person = db.scalar(select(Person).where(Person.id_number == DEMO_RESIDENT_ID))
        resident = db.scalar(select(Account).where(Account.phone == phones["resident"]))
        officer = db.scalar(select(Account).where(
            Account.phone == phones["civil affairs approver"]))
        application = Application(service_code="two-subsidies", person=person,
                                  created_by_account_id=resident.id, channel=Channel.ONLINE,
                                  status=ApplicationStatus.APPROVED, county_code="220102",
                                  reference=new_reference(), answers={})
        paid = [Entitlement(application=application, person_id=person.id, allowance=allowance,
                            first_month=datetime.date(2026, 1, 1), county_code="220102",
                            bank_name="吉林银行", account_holder=person.full_name,
                            account_number="6217000012345678", state=EntitlementState.PAYING,
                            state_changed_on=datetime.date(2026, 1, 1))
                for allowance in ("living", "care")]
        db.add_all(paid)
        db.flush()

        def draft(kind: ChangeKind | None, **fields: Any) -> int:
            report = changes.start_report(db, person, by=resident, channel=Channel.ONLINE)
            report.kind = kind
            for name, value in fields.items():
                setattr(report, name, value)
            return report.id

        died = draft(ChangeKind.DIED)
        moved = draft(ChangeKind.MOVED_WITHIN_JILIN, event_date=datetime.date(2026, 2, 20))
        account = draft(ChangeKind.NEW_ACCOUNT, event_date=today)
        ready = draft(ChangeKind.SUBSISTENCE_ENDED, event_date=datetime.date(2026, 2, 28))
        sent_id = draft(ChangeKind.ENTERED_INSTITUTION, event_date=datetime.date(2026, 3, 2),
                        note="已入住县社会福利院")
        sent = db.get(changes.ChangeReport, sent_id)
        changes.send_report(db, sent, today=today)
        # Two stops by civil affairs on their own findings: one to object to, one objected to.
        [stopped] = changes.decide(db, paid[1], EntitlementDecisionKind.STOPPED,
                                   reason="care_level_changed", note="换证后残疾等级为三级。",
                                   today=today, staff=officer,
                                   event_date=datetime.date(2026, 2, 1))
        [suspended] = changes.decide(db, paid[0], EntitlementDecisionKind.SUSPENDED,
                                     reason="review_not_answered", note="未按期参加年度复核。",
                                     today=today, staff=officer)
        objection = changes.lodge_objection(db, suspended, by=resident, channel=Channel.ONLINE,
                                            grounds="我已经在社区办理了复核。", today=today)
        db.commit()
        return {"died_report_id": died, "moved_report_id": moved,
                "account_report_id": account, "ready_report_id": ready,
                "sent_report_id": sent_id, "stopped_decision_id": stopped.id,
                "objected_decision_id": suspended.id, "objection_id": objection.id,
                "paused_entitlement_id": paid[0].id}


@pytest.fixture
def october_without_next_year(audit_app, monkeypatch) -> dict[str, Any]:
    """The portal's date is 15 October of the calendar's last year, with the next year's
    holidays not entered: staff pages remind them (issue 20). The audit's server runs in this
    process, so it sees the same clock."""
    from app.database import get_session
    from app.domain import clock
    from app.domain.calendar.holiday_calendar import calendar_for

    with audit_app.app_context():
        last = max(calendar_for(get_session()).years)
    october = datetime.datetime(last, 10, 15, 2, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(clock, "utc_now", lambda: october)
    return {}


# --- Opening registered page states, and the HTML checker ---


@pytest.fixture(scope="session")
def html_capture(audit_app):
    """Keeps the HTML the server sent for each page state the checks open (page_states.py)."""
    from accessibility_tests.page_states import HtmlCapture

    capture = HtmlCapture(audit_app.wsgi_app)
    audit_app.wsgi_app = capture  # the live server calls app.wsgi_app on every request
    try:
        yield capture
    finally:
        audit_app.wsgi_app = capture.app


@pytest.fixture(scope="module")
def without_axe(browser):
    """The checks beyond axe do not need axe preloaded in every page (axe_preload_paused)."""
    from accessibility_tests.axe_audit import axe_preload_paused

    with axe_preload_paused(browser):
        yield


@pytest.fixture(scope="session")
def html_checker():
    """The Nu HTML Checker, started once for the session (html_validator.py)."""
    from accessibility_tests.html_validator import HtmlChecker, ValidatorError

    try:
        checker = HtmlChecker()
    except ValidatorError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield checker
    finally:
        checker.close()


@pytest.fixture
def open_page(request, browser, live_server, audit_app, session_cookies, audit_ids, html_capture):
    """``open_page(page, language, display)``: the browser shows that registered page state
    (checked to be the right page, language and display state), and its HTML is kept."""
    from accessibility_tests.page_states import open_state

    def open_(page, language: str, display: str):
        ids = dict(audit_ids)
        for fixture in page.needs:
            ids.update(request.getfixturevalue(fixture))
        return open_state(
            browser, live_server, audit_app, session_cookies, ids, html_capture,
            page, language, display,
        )

    return open_


@pytest.fixture(scope="session")
def allowances_figures(audit_app, audit_ids) -> dict[str, Any]:
    """My allowances and 定期复核 (issue 22): the demo resident paid both allowances of the two
    subsidies in 南关区 (one month paid, one refused by the bank, one sent and not yet paid);
    the county's yearly review open, which the resident has not answered; another recipient
    who answered that something changed, drawn for a check."""
    from sqlalchemy import select

    from app.database import get_session
    from app.domain.benefits import payments, reviews
    from app.domain.casework.reference import new_reference
    from app.domain.clock import today_in_china
    from app.domain.models import (
        Account,
        Application,
        ApplicationStatus,
        Channel,
        Entitlement,
        EntitlementState,
        Payment,
        PaymentState,
        Person,
        ReviewCase,
        Role,
    )

    today = today_in_china()
    this_month = today.replace(day=1)
    two_ago = (this_month - datetime.timedelta(days=40)).replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    with audit_app.app_context():
        db = get_session()
        resident = db.get(Person, audit_ids["resident_person_id"])
        other = Person(full_name="王芳", id_number="220102196002020028",
                       birth_date=datetime.date(1960, 2, 2), sex="female",
                       county_code="220102", township_code="220102001",
                       communication_needs=[])
        db.add(other)
        db.flush()
        creator = db.scalar(select(Account).where(Account.person_id == resident.id))
        for person, allowances in ((resident, ("living", "care")), (other, ("living",))):
            application = Application(
                service_code="two-subsidies", person_id=person.id, reference=new_reference(),
                created_by_account_id=creator.id, channel=Channel.ONLINE,
                status=ApplicationStatus.APPROVED, county_code="220102", answers={})
            for allowance in allowances:
                db.add(Entitlement(application=application, person_id=person.id,
                                   allowance=allowance, first_month=two_ago,
                                   county_code="220102", bank_name="吉林银行",
                                   account_holder=person.full_name,
                                   account_number="6217000012345678",
                                   state=EntitlementState.PAYING, state_changed_on=two_ago))
        db.flush()
        payments.run_month(db, "220102", last_month)
        for payment in db.scalars(select(Payment)):
            if payment.month == two_ago:
                payment.state = PaymentState.PAID
                payment.paid_on = two_ago + datetime.timedelta(days=14)
            else:
                payment.state, payment.failure_reason = PaymentState.FAILED, "账户已销户"
            payment.settled_on = today
        payments.run_month(db, "220102", this_month)
        civil_affairs = db.scalar(select(Account).where(Account.role == Role.CIVIL_AFFAIRS))
        review = reviews.open_round(db, county_code="220102",
                                    due_on=today + datetime.timedelta(days=30), today=today,
                                    actor_id=civil_affairs.id)
        answered = db.scalar(select(ReviewCase).where(ReviewCase.round_id == review.id,
                                                      ReviewCase.person_id == other.id))
        reviews.answer(db, answered, answers={reviews.LIVES_AT_HUKOU: False,
                                              reviews.SUBSISTENCE: True,
                                              reviews.NOT_IN_INSTITUTION: True,
                                              reviews.ACCOUNT_UNCHANGED: True},
                       changes_note="五月搬到长春女儿家", today=today, actor_id=None,
                       channel="online")
        reviews.draw_sample(db, review, today=today)
        db.commit()
        from accessibility_tests.pages import AUDIT_VALUES
        from app.domain.benefits import entitlements, statements

        AUDIT_VALUES["statement_reference"] = statements.yearly_statement(
            db, person_id=resident.id, entitlements=entitlements.entitlements_of(db, resident.id),
            year=two_ago.year, key=audit_app.config["SECRET_KEY"].encode()).reference
        return {"review_round_id": review.id, "checked_case_id": answered.id,
                "statement_year": two_ago.year}
