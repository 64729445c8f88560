"""The registry of audited pages, and the browser states they are audited in.

Every HTML page the app can render must be listed here (``test_every_html_route_is_audited``
checks the app's url_map against it). Each entry is audited in every language and display state.
A page with several states (e.g. a form showing its errors) gets one entry per state, with a
``prepare`` callable that drives the browser into that state instead of a plain page load.
Pages that need a signed-in person (or a half-finished sign-up) name a ``session`` from SESSIONS;
the audit builds each such session once, through the real forms, and reuses its cookie.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from app.demo import DEMO_ACCOUNTS, DEMO_RESIDENT_ID
from app.domain.people.display import DisplaySettings
from app.languages import LANGUAGES as APP_LANGUAGES
from app.services import SERVICES
from app.services.one_application import SERVICE as ONE_APPLICATION
from app.web.errors import ERROR_TEXTS

Prepare = Callable[[WebDriver, str], None]  # (driver, absolute url of the page)
Fill = Callable[[WebDriver, WebElement], None]  # (driver, the form)

# The page's own form (form_tag() renders it without an action); small forms such as
# "sign out" or "give me more time" carry an action and are left alone.
MAIN_FORM = "main form[method=post]:not([action])"


@dataclass(frozen=True)
class AuditedPage:
    name: str
    # Where the audit starts: the page itself, or where ``prepare`` starts from. It may name ids
    # from conftest.audit_ids: "/counter/people/{resident_person_id}".
    path: str
    endpoint: str  # the endpoint of the page finally audited
    state: str = "default"
    prepare: Prepare | None = None
    session: str | None = None  # a key of SESSIONS (sign-in, half-finished look-ups...)
    status: int = 200  # the HTTP status the page is expected to answer with
    # Fixtures to set up first, whose ids the path may use ("applications": conftest).
    needs: tuple[str, ...] = ()
    # The page renders the chosen display setting in its markup (not only as classes on
    # <html>), so each setting is audited from its own page load (page_states.show_display).
    reload_per_display: bool = False

    @property
    def id(self) -> str:
        return self.name if self.state == "default" else f"{self.name}--{self.state}"


def mark_page(driver: WebDriver) -> None:
    """Tag the current document, so wait_for_next_page can tell when it has been replaced."""
    driver.execute_script("window.__auditOldPage = true;")


def wait_for_next_page(driver: WebDriver) -> None:
    """Wait until a new document (not the marked one) has finished loading.

    Mid-navigation, Chromium can answer a script with an error ("unhandled inspector error",
    "no such window"); those only mean "not there yet", so they are retried.
    """
    WebDriverWait(driver, 15, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.__auditOldPage !== true && document.readyState === 'complete';"
        )
    )


def submit_form(
    fill: Fill | None = None, form_selector: str = MAIN_FORM, *, load: bool = True
) -> Prepare:
    """A ``prepare`` that loads the page (unless ``load`` is false: the page already shown),
    optionally changes the form, and submits it.

    The form is sent with its own submit button, as a person would send it (with the CSRF
    token), and we wait for the next page to load.
    """

    def prepare(driver: WebDriver, url: str) -> None:
        if load:
            driver.get(url)
        form = driver.find_element(By.CSS_SELECTOR, form_selector)
        if fill is not None:
            fill(driver, form)
        mark_page(driver)
        buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], button:not([type])")
        if buttons:
            buttons[0].click()
        else:
            form.submit()
        wait_for_next_page(driver)

    return prepare


def chain(*steps: Prepare) -> Prepare:
    """Run several prepares in turn (all but the first usually with load=False)."""

    def prepare(driver: WebDriver, url: str) -> None:
        for step in steps:
            step(driver, url)

    return prepare


def clear_form(driver: WebDriver, form: WebElement) -> None:
    """Empty every field and leave every choice unanswered (some forms come pre-filled)."""
    driver.execute_script(
        """
        for (const el of arguments[0].elements) {
          if (el.type === 'radio' || el.type === 'checkbox') { el.checked = false; }
          else if (el.tagName === 'SELECT' && [...el.options].some(o => o.value === '')) {
            el.value = '';
          }
          else if (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT'
                   && !['hidden', 'submit', 'button', 'file'].includes(el.type))) { el.value = ''; }
        }
        """,
        form,
    )


def choose_first_options(driver: WebDriver, form: WebElement) -> None:
    """Answer every radio and checkbox group with its first option, and every select with its
    first real option (after "Choose …")."""
    driver.execute_script(
        """
        const seen = new Set();
        for (const el of arguments[0].querySelectorAll('input[type=radio], input[type=checkbox]')) {
          if (!seen.has(el.name)) { seen.add(el.name); el.checked = true; }
        }
        for (const select of arguments[0].querySelectorAll('select')) {
          const option = [...select.options].find(o => o.value);
          if (option && !select.value) { select.value = option.value; }
        }
        """,
        form,
    )


def fill_fields(values: Mapping[str, str]) -> Fill:
    def fill(_driver: WebDriver, form: WebElement) -> None:
        for field_name, value in values.items():
            element = form.find_element(By.NAME, field_name)
            element.clear()
            element.send_keys(value)

    return fill


SUBMIT_EMPTY = submit_form(clear_form)
# Values a form is filled with that only a fixture knows (a statement's reference): the fixture
# puts them here, and fill_audit_values reads them when the page is prepared.
AUDIT_VALUES: dict[str, str] = {}


def fill_audit_values(values: Mapping[str, str]) -> Fill:
    def fill(driver: WebDriver, form: WebElement) -> None:
        fill_fields({name: value.format(**AUDIT_VALUES)
                     for name, value in values.items()})(driver, form)

    return fill


# --- Sessions: each drives a browser with no cookies into a state and leaves it there. ---

SessionRecipe = Callable[[WebDriver, str, Mapping[str, Any]], None]  # (driver, base url, ids)


def _submit_expecting_to_leave(path: str, values: Mapping[str, str]) -> SessionRecipe:
    """Submit the form at ``path``; values may name ids: {"reference": "{submitted_reference}"}."""

    def recipe(driver: WebDriver, base_url: str, ids: Mapping[str, Any]) -> None:
        filled = {name: value.format_map(ids) for name, value in values.items()}
        submit_form(fill_fields(filled))(driver, base_url + path)
        if urlsplit(driver.current_url).path == path:
            raise AssertionError(
                f"submitting {path} with {sorted(values)} stayed on the page "
                f"(title: {driver.title!r}); the audit's session recipe needs updating"
            )

    return recipe


def signed_in_as(role_label: str) -> SessionRecipe:
    demo = next(account for account in DEMO_ACCOUNTS if account.role_label == role_label)
    return _submit_expecting_to_leave("/sign-in", {"phone": demo.phone, "password": demo.password})


RESIDENT = next(account for account in DEMO_ACCOUNTS if account.role_label == "resident")
COUNTY_STATISTICS_PHONE, COUNTY_STATISTICS_PASSWORD = "13900000098", "audit county statistics"
# A caseworker whose password an administrator chose (made by conftest.new_staff_account).
NEW_STAFF_PHONE, NEW_STAFF_PASSWORD = "13900000097", "audit password given"
STATUS_LOOKUP = _submit_expecting_to_leave(
    "/status", {"reference": "{submitted_reference}", "id_last_4": DEMO_RESIDENT_ID[-4:]}
)


def status_lookup_granted(driver: WebDriver, base_url: str, ids: Mapping[str, Any]) -> None:
    """Look up the sent application by reference, then enter the code from the text message
    (read from the development outbox, newest first)."""
    STATUS_LOOKUP(driver, base_url, ids)
    driver.get(base_url + "/dev/messages")
    newest = driver.find_element(By.CSS_SELECTOR, "main table tbody tr").text
    code = re.search(r"(?<!\d)\d{6}(?!\d)", newest)
    if code is None:
        raise AssertionError(f"no 6-digit code in the newest text message: {newest!r}")
    _submit_expecting_to_leave("/status/code", {"code": code.group()})(driver, base_url, ids)


SESSIONS: dict[str, SessionRecipe] = {
    # The demo resident has their own details and an agent; the demo agent acts for them
    # (and, see conftest.audit_ids, has asked to act for one more person).
    "resident": signed_in_as("resident"),
    "agent": signed_in_as("agent"),
    "counter": signed_in_as("counter staff"),  # a township office (220102001)
    "caseworker": signed_in_as("caseworker"),  # the county federation (220102)
    "approver": signed_in_as("approver"),  # the county federation's approver (220102)
    "civil-affairs": signed_in_as("civil affairs approver"),  # 民政审定 (220102)
    "administrator": signed_in_as("administrator"),
    "statistics": signed_in_as("statistics manager"),  # the province (22): small counts hidden
    # 南关区's own statistics manager (made by conftest.statistics_figures): every count shown.
    "county-statistics": _submit_expecting_to_leave(
        "/sign-in", {"phone": COUNTY_STATISTICS_PHONE, "password": COUNTY_STATISTICS_PASSWORD}),
    "new-staff": _submit_expecting_to_leave(
        "/sign-in", {"phone": NEW_STAFF_PHONE, "password": NEW_STAFF_PASSWORD}),
    # Status look-up without signing in: waiting for the code, and after entering it.
    "status-lookup-pending": STATUS_LOOKUP,
    "status-lookup-granted": status_lookup_granted,
    # A sign-up waiting for the code from the text message.
    "pending-sign-up": _submit_expecting_to_leave(
        "/sign-up",
        {
            "display_name": "审核测试",
            "phone": "13700001234",
            "password": "audit pages every language",
            "password_again": "audit pages every language",
        },
    ),
    # A password reset waiting for the code.
    "pending-password-reset": _submit_expecting_to_leave(
        "/password-reset", {"phone": RESIDENT.phone}
    ),
}
# Sessions may expire during a long audit (staff are signed out after 30 idle minutes, a look-up
# grant lasts 15), so they are rebuilt when old; except a sign-up, which cannot be repeated with
# the same number, and whose code page needs no fresh one.
BUILT_ONCE_SESSIONS = frozenset({"pending-sign-up"})


# --- The pages ---

# The four services of DESIGN.md, each with a start page.
SERVICE_CODES = ("two-subsidies", "disability-assessment", "home-modification", "assistive-devices",
                 # Beside them, the one application for the card and what follows it (issue 23).
                 "disability-services")
# Services the app defines so far (their eligibility check and application wizard).
DEFINED_SERVICES = tuple(service.code for service in (*SERVICES, ONE_APPLICATION))
PRECHECKED_SERVICES = tuple(s.code for s in SERVICES if s.precheck_form is not None)
# Every error page the audit routes can show (taken from the app, so a new one is audited too).
ERROR_CODES = tuple(sorted(ERROR_TEXTS))


def record_agent_at_counter(driver: WebDriver, url: str) -> None:
    """From a person's counter page, record that their agent is present (consent given)."""

    def fill(driver: WebDriver, form: WebElement) -> None:
        fill_fields({"agent_name": "张伟", "agent_phone": "13900000002"})(driver, form)
        form.find_element(By.CSS_SELECTOR, "input[name=relationship]").click()
        form.find_element(By.CSS_SELECTOR, "input[name=consent]").click()

    submit_form(fill)(driver, url + "/agent")


def _choose_wrong_return_file(driver: WebDriver, form: WebElement) -> None:
    """A bank return file with wrong lines: a payment not on the roster, a result unknown."""
    path = Path(tempfile.gettempdir()) / "audit-wrong-return.csv"
    path.write_text("payment,result,paid_on,reason\n999999,成功,2026-03-20,\nx,maybe,,\n",
                    encoding="utf-8")
    form.find_element(By.NAME, "return_file").send_keys(str(path))


def chain_fills(*fills: Fill) -> Fill:
    def fill(driver: WebDriver, form: WebElement) -> None:
        for each in fills:
            each(driver, form)

    return fill


START_APPLICATION = submit_form(form_selector="main form[action$='/start']")
SEARCH_FORM = "main form[action$='/casework/search']"
ELIGIBILITY_FORM = "main form[method=get]"


def page_with_errors(page: AuditedPage) -> AuditedPage:
    """The same page after submitting its form empty: error summary, messages, aria-invalid."""
    prepare = SUBMIT_EMPTY
    if page.prepare is not None:
        prepare = chain(page.prepare, submit_form(clear_form, load=False))
    return dataclasses.replace(page, state="errors", prepare=prepare)


_FORMS = [
    # The page shows the chosen settings as its answers.
    AuditedPage("display-settings", "/settings/display", "settings.display_settings",
                reload_per_display=True),
    AuditedPage("sign-up", "/sign-up", "auth.sign_up"),
    AuditedPage("sign-up-code", "/sign-up/code", "auth.verify_phone", session="pending-sign-up"),
    AuditedPage("sign-in", "/sign-in", "auth.sign_in_page"),
    AuditedPage("password-reset", "/password-reset", "auth.request_password_reset"),
    AuditedPage(
        "password-reset-code",
        "/password-reset/code",
        "auth.reset_password",
        session="pending-password-reset",
    ),
    # Issue 23: civil affairs import the rosters and the deaths (each also with its errors).
    AuditedPage("outreach-rosters", "/civil-affairs/rosters", "outreach.rosters_page",
                session="civil-affairs"),
    AuditedPage("outreach-deaths", "/civil-affairs/deaths", "outreach.deaths_page",
                session="civil-affairs"),
    # Only someone without their own details gets this form (the resident is redirected).
    AuditedPage("account-own-details", "/account/details", "account.own_details", session="agent"),
    AuditedPage(
        "account-invite-agent", "/account/agents/invite", "account.invite_agent", session="resident"
    ),
    AuditedPage("account-act-for", "/account/act-for", "account.request_to_act", session="agent"),
    AuditedPage("account-message-language", "/account/message-language",
                "account.message_language", session="resident"),
    # The first step of each application, reached the way an agent gets there: the start
    # button on the service's page (a second visit resumes the same draft).
    *(
        AuditedPage(
            f"apply-{code}-first-step",
            f"/services/{code}",
            "apply.step",
            prepare=START_APPLICATION,
            session="agent",
        )
        for code in DEFINED_SERVICES
    ),
    # After every step of a two-subsidies application is answered (conftest.applications).
    AuditedPage(
        "apply-documents",
        "/applications/{incomplete_application_id}/documents",
        "apply.documents_page",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-add-document",
        "/applications/{draft_application_id}/documents/identity/add",
        "apply.add_document",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-declaration",
        "/applications/{draft_application_id}/declaration",
        "apply.declaration",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "admin-create-staff", "/admin/staff/new", "admin.create_staff", session="administrator"
    ),
    AuditedPage(
        "admin-edit-staff",
        "/admin/staff/{counter_staff_account_id}",
        "admin.edit_staff",
        session="administrator",
    ),
    AuditedPage("status-lookup", "/status", "track.lookup"),
    AuditedPage(
        "status-lookup-code",
        "/status/code",
        "track.lookup_code",
        session="status-lookup-pending",
        needs=("applications",),
    ),
    AuditedPage("admin-new-video", "/admin/videos/new", "admin.new_video", session="administrator"),
    AuditedPage(
        "application-respond",
        "/applications/{info_requested_application_id}/respond",
        "track.respond",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage("counter-find-person", "/counter", "counter.find_person", session="counter"),
    AuditedPage(
        "counter-register-person",
        "/counter/people/new",
        "counter.register_person",
        session="counter",
    ),
    AuditedPage(
        "counter-record-agent",
        "/counter/people/{resident_person_id}/agent",
        "counter.record_agent",
        session="counter",
    ),
    # Choosing no county is the error state; the person's own county is chosen by default.
    AuditedPage(
        "counter-record-hukou",
        "/counter/people/{resident_person_id}/hukou",
        "counter.record_hukou",
        session="counter",
    ),
    # Who holds a record online, and verifying the person's own account (ID card seen).
    AuditedPage(
        "counter-online-account",
        "/counter/people/{unheld_person_id}/online-account",
        "counter.online_account",
        session="counter",
    ),
    # Pressing "confirm" without ticking "I have seen proof" is the error state.
    AuditedPage(
        "counter-agent-request",
        "/counter/agent-requests/{pending_request_id}",
        "counter.agent_request",
        session="caseworker",
    ),
    # Report a change (issue 22), one question per page (conftest.change_cases: drafts at
    # each page); civil affairs decide reports and objections; the person objects.
    AuditedPage("changes-kind", "/changes/{died_report_id}/kind", "changes.kind",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-date", "/changes/{died_report_id}/date", "changes.date",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-county", "/changes/{moved_report_id}/county", "changes.county",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-account", "/changes/{account_report_id}/account", "changes.account",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-documents", "/changes/{died_report_id}/documents",
                "changes.documents_page", session="resident", needs=("change_cases",)),
    AuditedPage("changes-objection", "/changes/decisions/{stopped_decision_id}/objection",
                "changes.objection", session="resident", needs=("change_cases",)),
    AuditedPage("change-cases-report", "/civil-affairs/changes/{sent_report_id}",
                "change_cases.report", session="civil-affairs", needs=("change_cases",)),
    AuditedPage("change-cases-objection", "/civil-affairs/objections/{objection_id}",
                "change_cases.objection", session="civil-affairs", needs=("change_cases",)),
    AuditedPage("change-cases-entitlement", "/civil-affairs/entitlements/{paused_entitlement_id}",
                "change_cases.entitlement", session="civil-affairs", needs=("change_cases",)),
]

PAGES: list[AuditedPage] = [
    AuditedPage("home", "/", "public.home"),
    # A record held at the real-name level: who holds it and the button that undoes the link.
    AuditedPage(
        "counter-online-account",
        "/counter/people/{resident_person_id}/online-account",
        "counter.online_account",
        state="real-name",
        session="counter",
    ),
    *(
        AuditedPage(f"service-{code}", f"/services/{code}", "public.service_start")
        for code in SERVICE_CODES
    ),
    *(
        AuditedPage(f"easy-read-{code}", f"/services/{code}/easy-read", "public.easy_read")
        for code in SERVICE_CODES
    ),
    AuditedPage("accessibility-statement", "/accessibility", "public.accessibility_statement"),
    AuditedPage("privacy-notice", "/privacy", "public.privacy_notice"),
    *_FORMS,
    *(page_with_errors(page) for page in _FORMS),
    AuditedPage("display-settings", "/settings/display?saved=1", "settings.display_settings",
                state="saved", reload_per_display=True),
    AuditedPage("account-resident", "/account", "account.overview", session="resident"),
    # Report a change (issue 22): its start with the allowances, letters and reports so far;
    # the page that checks a report before it is sent (sending it is not audited: it would
    # send the draft), the receipt, the letters, and civil affairs' queue.
    AuditedPage("changes-start", "/changes/people/{resident_person_id}", "changes.start",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-check", "/changes/{ready_report_id}/check", "changes.check",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-receipt", "/changes/{sent_report_id}/receipt", "changes.receipt",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-letter", "/changes/decisions/{stopped_decision_id}", "changes.letter",
                session="resident", needs=("change_cases",)),
    AuditedPage("changes-letter", "/changes/decisions/{objected_decision_id}", "changes.letter",
                state="objected", session="resident", needs=("change_cases",)),
    AuditedPage("change-cases-queue", "/civil-affairs/changes", "change_cases.queue",
                session="civil-affairs", needs=("change_cases",)),
    # Issue 23: nobody missed (the monthly comparison, invitations) and 一人一档.
    AuditedPage("outreach-rosters", "/civil-affairs/rosters", "outreach.rosters_page",
                state="imported", session="civil-affairs", needs=("outreach",)),
    AuditedPage("outreach-candidates", "/civil-affairs/may-be-entitled?month=2024-01",
                "outreach.candidates", state="empty", session="civil-affairs"),
    AuditedPage("outreach-candidates", "/civil-affairs/may-be-entitled?month={outreach_month}",
                "outreach.candidates", session="civil-affairs", needs=("outreach",)),
    AuditedPage("outreach-candidate",
                "/civil-affairs/may-be-entitled/{candidate_person_id}/{outreach_month}",
                "outreach.candidate", session="civil-affairs", needs=("outreach",)),
    AuditedPage("outreach-candidate",
                "/civil-affairs/may-be-entitled/{invited_person_id}/{outreach_month}",
                "outreach.candidate", state="invited", session="civil-affairs",
                needs=("outreach",)),
    AuditedPage("outreach-candidate",
                "/civil-affairs/may-be-entitled/{invited_person_id}/{outreach_month}",
                "outreach.candidate", state="errors", session="civil-affairs",
                needs=("outreach",), prepare=SUBMIT_EMPTY),
    AuditedPage("outreach-invitation", "/invitations/{invitation_token}",
                "outreach.invitation", session="resident", needs=("outreach",)),
    AuditedPage("outreach-invitation", "/invitations/{invitation_token}",
                "outreach.invitation", state="agent", session="agent", needs=("outreach",)),
    AuditedPage("person-file-staff", "/people/{resident_person_id}/file",
                "person_file.staff_file", session="caseworker", needs=("applications",)),
    AuditedPage("person-file-mine", "/my-file/{resident_person_id}", "person_file.my_file",
                session="resident", needs=("outreach",)),
    AuditedPage("person-file-whose", "/my-file", "person_file.my_files", session="agent"),
    AuditedPage("counter-person", "/counter/people/{resident_person_id}", "counter.person",
                state="invited", session="counter", needs=("outreach",)),
    # Answering a request for more information: the documents page, where what was sent stays
    # and new files are marked (issue 25).
    AuditedPage(
        "apply-documents",
        "/applications/{info_requested_application_id}/documents",
        "apply.documents_page",
        state="answering-a-request",
        session="resident",
        needs=("applications",),
    ),
    # One application for several services (issue 23): one receipt for every part, and the
    # timeline of a part waiting for the card, naming the other parts.
    AuditedPage(
        "apply-confirmation",
        "/applications/{bundle_card_application_id}/confirmation",
        "apply.confirmation",
        state="one-application",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "application-timeline",
        "/applications/{bundle_waiting_application_id}/timeline",
        "track.timeline",
        state="waiting-for-the-card",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-check-answers",
        "/applications/{draft_application_id}/check",
        "apply.check_answers",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-delete-draft",
        "/applications/{draft_application_id}/delete",
        "apply.confirm_delete_draft",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-confirmation",
        "/applications/{submitted_application_id}/confirmation",
        "apply.confirmation",
        session="resident",
        needs=("applications",),
    ),
    # The receipt in large print, as counter staff print it for someone who asked (issue 25).
    AuditedPage(
        "apply-confirmation",
        "/applications/{submitted_application_id}/confirmation?print=large",
        "apply.confirmation",
        state="large-print",
        session="resident",
        needs=("applications",),
    ),
    # Documents the applicant will bring to the counter: the documents and check pages of a
    # draft, the receipt, the answers as sent and the casework page of a sent application.
    *(
        AuditedPage(name, f"/applications/{{paper_draft_application_id}}/{path}", endpoint,
                    state="bring-later", session="resident", needs=("applications",))
        for name, path, endpoint in (
            ("apply-documents", "documents", "apply.documents_page"),
            ("apply-check-answers", "check", "apply.check_answers"),
        )
    ),
    *(
        AuditedPage(name, f"/applications/{{paper_sent_application_id}}/{path}", endpoint,
                    state="bring-later", session="resident", needs=("applications",))
        for name, path, endpoint in (
            ("apply-confirmation", "confirmation", "apply.confirmation"),
            ("apply-sent-answers", "answers", "apply.sent_answers"),
        )
    ),
    AuditedPage(
        "casework-application",
        "/casework/applications/{paper_sent_application_id}",
        "casework.application",
        state="paper-documents",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-sent-answers",
        "/applications/{submitted_application_id}/answers",
        "apply.sent_answers",
        session="resident",
        needs=("applications",),
    ),
    # Staff reading the answers as sent: numbers masked with a link to show them (audited),
    # then shown whole with a link to hide them.
    AuditedPage(
        "apply-sent-answers",
        "/applications/{submitted_application_id}/answers",
        "apply.sent_answers",
        state="staff-masked",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "apply-sent-answers",
        "/applications/{submitted_application_id}/answers?full_numbers=1",
        "apply.sent_answers",
        state="staff-full-numbers",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "status-lookup-result",
        "/status/{submitted_reference}",
        "track.lookup_result",
        session="status-lookup-granted",
        needs=("applications",),
    ),
    AuditedPage(
        "application-timeline",
        "/applications/{submitted_application_id}/timeline",
        "track.timeline",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "decision-letter",
        "/applications/{refused_application_id}/decision",
        "track.decision_letter",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "decision-letter",
        "/applications/{approved_application_id}/decision",
        "track.decision_letter",
        state="approved",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "application-withdraw",
        "/applications/{submitted_application_id}/withdraw",
        "track.withdraw",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "account-messages",
        "/account/messages",
        "track.inbox",
        session="resident",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-queue",
        "/casework",
        "casework.queue",
        session="caseworker",
        needs=("applications",),
    ),
    # Finding an application: the search page, its results (by ID number, sent by POST) and
    # an empty search explained.
    AuditedPage("casework-search", "/casework/search", "casework.search", session="caseworker"),
    AuditedPage(
        "casework-search",
        "/casework/search",
        "casework.search",
        state="results",
        session="caseworker",
        needs=("applications",),
        prepare=submit_form(fill_fields({"term": DEMO_RESIDENT_ID}), SEARCH_FORM),
    ),
    AuditedPage(
        "casework-search",
        "/casework/search",
        "casework.search",
        state="errors",
        session="caseworker",
        prepare=submit_form(form_selector=SEARCH_FORM),
    ),
    AuditedPage(
        "casework-application",
        "/casework/applications/{submitted_application_id}",
        "casework.application",
        session="caseworker",
        needs=("applications",),
    ),
    # Accepting without the township's opinion (初审意见): shown again with the error (issue 25).
    AuditedPage(
        "casework-application",
        "/casework/applications/{submitted_application_id}",
        "casework.make_transition",
        state="opinion-missing",
        prepare=submit_form(form_selector="main form[action$='/transitions/accept']"),
        session="caseworker",
        needs=("applications",),
    ),
    # After "show the full numbers": ID card and bank account numbers whole, and a way to hide them.
    AuditedPage(
        "casework-application",
        "/casework/applications/{submitted_application_id}?full_numbers=1",
        "casework.application",
        state="full-numbers",
        session="caseworker",
        needs=("applications",),
    ),
    # Approved, with the home visit to record: the stage form asks for the visit's date.
    AuditedPage(
        "casework-application-stage",
        "/casework/applications/{stage_application_id}",
        "casework.application",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-application-stage",
        "/casework/applications/{stage_application_id}",
        "casework.advance_stage",  # shown again at the form's address, with the errors
        state="errors",
        prepare=submit_form(form_selector="main form[action*='/stages/']"),
        session="caseworker",
        needs=("applications",),
    ),
    # Issue 12: the "ready for decision" queues of the federation's approver and of civil
    # affairs, the 公示 as the caseworker sees it, the civil-affairs decision (and its errors),
    # and a home modification when the county's places for the year are used up.
    AuditedPage("casework-decisions", "/casework/decisions", "casework.decisions",
                session="approver", needs=("applications",)),
    AuditedPage("casework-decisions", "/casework/decisions", "casework.decisions",
                state="civil-affairs", session="civil-affairs", needs=("applications",)),
    AuditedPage(
        "casework-application-public-notice",
        "/casework/applications/{public_notice_application_id}",
        "casework.application",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-application-civil-affairs",
        "/casework/applications/{civil_affairs_application_id}",
        "casework.application",
        session="civil-affairs",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-application-civil-affairs",
        "/casework/applications/{civil_affairs_application_id}",
        "casework.make_transition",  # approving without reasons: shown again with the error
        state="errors",
        prepare=submit_form(form_selector="main form[action$='/transitions/approve']"),
        session="civil-affairs",
        needs=("applications",),
    ),
    # Issue 25: the letters to post, and one in large print ready to print.
    AuditedPage(
        "casework-letters",
        "/casework/letters/",
        "letters.due",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-letter",
        "/casework/letters/{letter_id}",
        "letters.letter",
        session="caseworker",
        needs=("applications",),
    ),
    # Issue 25: required documents missing, listed beside "pass it for decision", and the
    # refusal to pass it with the error summary.
    AuditedPage(
        "casework-application-missing-documents",
        "/casework/applications/{missing_documents_application_id}",
        "casework.application",
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-application-missing-documents",
        "/casework/applications/{missing_documents_application_id}",
        "casework.make_transition",
        state="errors",
        prepare=submit_form(
            form_selector="main form[action$='/transitions/pass_for_decision']"),
        session="caseworker",
        needs=("applications",),
    ),
    AuditedPage(
        "casework-application-no-places",
        "/casework/applications/{no_places_application_id}",
        "casework.application",
        session="approver",
        needs=("applications",),
    ),
    # The service page showing its guide video in the sign-language version (国家通用手语).
    AuditedPage("service-guide-video", "/services/{first_video_service}?version=sign",
                "public.service_start", state="sign-language"),
    AuditedPage("admin-videos", "/admin/videos", "admin.videos", session="administrator"),
    AuditedPage(
        "admin-video", "/admin/videos/{first_video_id}", "admin.video_page", session="administrator"
    ),
    AuditedPage(
        "my-applications",
        "/applications",
        "apply.my_applications",
        session="resident",
        needs=("applications",),
    ),
    *(
        AuditedPage(
            f"eligibility-{code}", f"/services/{code}/eligibility", "public.eligibility_check"
        )
        for code in PRECHECKED_SERVICES
    ),
    *(
        AuditedPage(
            f"eligibility-{code}",
            f"/services/{code}/eligibility",
            "public.eligibility_check",
            state="result",
            prepare=submit_form(choose_first_options, ELIGIBILITY_FORM),
        )
        for code in PRECHECKED_SERVICES
    ),
    AuditedPage("admin-staff-list", "/admin/staff", "admin.staff_list", session="administrator"),
    AuditedPage("admin-audit-log", "/admin/audit", "admin.audit_log", session="administrator"),
    AuditedPage("admin-deadlines", "/admin/deadlines/", "deadlines.counties",
                session="administrator"),
    AuditedPage("admin-county-deadlines", "/admin/deadlines/220102", "deadlines.county",
                session="administrator"),
    # Numbers that are not whole or out of range: messages beside two fields, one kept value.
    AuditedPage("admin-county-deadlines", "/admin/deadlines/220102", "deadlines.county",
                state="errors", session="administrator",
                prepare=submit_form(fill_fields({"submitted": "90", "in_review": "ten",
                                                 "accepted": "2"}))),
    # A county's 公示 of the two subsidies and its home-modification places (issue 12), and
    # numbers out of range explained beside their fields.
    AuditedPage("admin-county-process", "/admin/deadlines/220102/process",
                "deadlines.county_process", session="administrator"),
    AuditedPage("admin-county-process", "/admin/deadlines/220102/process",
                "deadlines.county_process", state="errors", session="administrator",
                prepare=submit_form(fill_fields({"public_notice_days": "3",
                                                 "places_this_year": "many"}))),
    # A new member of staff replaces the password the administrator chose (issue 25).
    AuditedPage("own-password", "/sign-in/own-password", "auth.choose_own_password",
                session="new-staff", needs=("new_staff_account",)),
    AuditedPage("own-password", "/sign-in/own-password", "auth.choose_own_password",
                state="errors", session="new-staff", needs=("new_staff_account",),
                prepare=submit_form()),
    # The holiday calendar (issue 20): the years, entering one (empty, each kind of error,
    # saved), correcting one, and the reminder staff see from October while next year is
    # missing.
    # Statistics (issue 24): the counties side by side and one county, with figures (small
    # ones hidden from the province's manager as "fewer than 5", drawn hatched) and for a
    # month with nothing counted.
    AuditedPage("statistics-overview", "/statistics/", "statistics.overview",
                session="statistics", needs=("statistics_figures",)),
    AuditedPage("statistics-overview", "/statistics/?month=2024-01", "statistics.overview",
                state="empty-month", session="statistics", needs=("statistics_figures",)),
    AuditedPage("statistics-county", "/statistics/220102", "statistics.county",
                session="statistics", needs=("statistics_figures",)),
    AuditedPage("statistics-county", "/statistics/220102?month=2024-01", "statistics.county",
                state="empty-month", session="statistics", needs=("statistics_figures",)),
    AuditedPage("statistics-county", "/statistics/220102", "statistics.county",
                state="own-county", session="county-statistics",
                needs=("statistics_figures",)),
    AuditedPage("admin-calendar", "/admin/calendar/", "work_calendar.years",
                session="administrator"),
    AuditedPage("admin-calendar", "/admin/calendar/", "work_calendar.years",
                state="reminder", session="administrator",
                needs=("october_without_next_year",)),
    AuditedPage("admin-calendar-year", "/admin/calendar/new", "work_calendar.new_year",
                session="administrator"),
    AuditedPage("admin-calendar-year", "/admin/calendar/new", "work_calendar.new_year",
                state="errors", session="administrator",
                prepare=submit_form(fill_fields({
                    "year": "1999", "holidays": "2027-01-01\n2027-01-01\nnext Friday",
                    "workdays": "2027-01-04"}))),
    AuditedPage("admin-calendar-year", "/admin/calendar/new", "work_calendar.new_year",
                state="date-errors", session="administrator",
                prepare=submit_form(fill_fields({
                    "year": "2099", "notice": "测试", "holidays": "2027-01-01\n2099-01-01",
                    "workdays": "2099-01-05\n2099-01-01"}))),
    AuditedPage("admin-calendar-year", "/admin/calendar/2026", "work_calendar.correct_year",
                state="correct", session="administrator"),
    AuditedPage("admin-calendar", "/admin/calendar/2026", "work_calendar.years",
                state="saved", session="administrator", prepare=submit_form()),
    AuditedPage("casework-queue", "/casework", "casework.queue", state="calendar-reminder",
                session="caseworker", needs=("applications", "october_without_next_year")),
    AuditedPage("casework-application", "/casework/applications/{provisional_application_id}",
                "casework.application", state="provisional-deadline", session="caseworker",
                needs=("applications",)),
    AuditedPage("application-respond", "/applications/{provisional_application_id}/respond",
                "track.respond", state="provisional-deadline", session="resident",
                needs=("applications",)),
    AuditedPage("application-timeline", "/applications/{provisional_application_id}/timeline",
                "track.timeline", state="provisional-deadline", session="resident",
                needs=("applications",)),
    # Saved: the list then shows the county's own deadlines.
    AuditedPage("admin-deadlines", "/admin/deadlines/220102", "deadlines.counties",
                state="saved", session="administrator",
                prepare=submit_form(fill_fields({"in_review": "10", "accepted": "2"}))),
    # Civil affairs' money pages (issue 22): a county's monthly payments, running a month,
    # its roster (paid, failed and waiting lines), a return file refused line by line or not
    # chosen, a month without a roster; the amounts with their sources, and recording one.
    AuditedPage("payments-runs", "/payments/", "payments.runs", session="civil-affairs",
                needs=("payment_roster",)),
    AuditedPage("payments-roster", "/payments/220102/2026-03", "payments.roster",
                session="civil-affairs", needs=("payment_roster",)),
    AuditedPage("payments-roster", "/payments/220102/2025-01", "payments.roster",
                state="empty", session="civil-affairs", needs=("payment_roster",)),
    AuditedPage("payments-roster", "/payments/", "payments.roster", state="run",
                session="civil-affairs", needs=("payment_roster",),
                prepare=submit_form(form_selector="main form[action$='/run']")),
    AuditedPage("payments-roster", "/payments/220102/2026-03", "payments.return_file",
                state="no-file", session="civil-affairs", needs=("payment_roster",),
                prepare=submit_form(form_selector="main form[action$='/return']")),
    AuditedPage("payments-roster", "/payments/220102/2026-03", "payments.return_file",
                state="wrong-lines", session="civil-affairs", needs=("payment_roster",),
                prepare=submit_form(_choose_wrong_return_file,
                                    form_selector="main form[action$='/return']")),
    AuditedPage("amounts", "/amounts/", "amounts.amounts_page", session="administrator"),
    AuditedPage("amounts", "/amounts/", "amounts.amounts_page", state="civil-affairs",
                session="civil-affairs"),
    AuditedPage("amounts-record", "/amounts/new", "amounts.record", session="administrator"),
    AuditedPage("amounts-record", "/amounts/new", "amounts.record", state="errors",
                session="civil-affairs", prepare=SUBMIT_EMPTY),
    AuditedPage("amounts", "/amounts/new", "amounts.amounts_page", state="saved",
                session="civil-affairs",
                prepare=submit_form(chain_fills(choose_first_options, fill_fields({
                    "from_month": "2026-07", "monthly_amount": "20",
                    "source": "南关区民政局 2026年第3号"})))),
    # My allowances and 定期复核 (issue 22): the resident's allowances (paid, refused by the
    # bank, pending; the review to answer), a person with none (at the counter), the yearly
    # statement, the review's answer (empty and with errors); civil affairs' reviews, one
    # round (a changed answer, the sample drawn) and a check (empty and with errors).
    AuditedPage("allowances", "/allowances/{resident_person_id}", "allowances.overview",
                session="resident", needs=("allowances_figures",)),
    AuditedPage("allowances", "/allowances/{unheld_person_id}", "allowances.overview",
                state="none", session="counter"),
    AuditedPage("allowances", "/allowances/{resident_person_id}", "allowances.overview",
                state="agent", session="agent", needs=("allowances_figures",)),
    AuditedPage("allowances-statement",
                "/allowances/{resident_person_id}/statement/{statement_year}",
                "allowances.statement", session="resident", needs=("allowances_figures",)),
    AuditedPage("allowances-review", "/allowances/{resident_person_id}/review",
                "allowances.review", session="resident", needs=("allowances_figures",)),
    page_with_errors(AuditedPage("allowances-review", "/allowances/{resident_person_id}/review",
                                 "allowances.review", session="resident",
                                 needs=("allowances_figures",))),
    AuditedPage("reviews", "/reviews", "reviews.rounds", session="civil-affairs",
                needs=("allowances_figures",)),
    page_with_errors(AuditedPage("reviews", "/reviews", "reviews.rounds",
                                 session="civil-affairs", needs=("allowances_figures",))),
    AuditedPage("reviews-round", "/reviews/{review_round_id}", "reviews.round_page",
                session="civil-affairs", needs=("allowances_figures",)),
    AuditedPage("reviews-check", "/reviews/{review_round_id}/checks/{checked_case_id}",
                "reviews.check", session="civil-affairs", needs=("allowances_figures",)),
    page_with_errors(AuditedPage("reviews-check",
                                 "/reviews/{review_round_id}/checks/{checked_case_id}",
                                 "reviews.check", session="civil-affairs",
                                 needs=("allowances_figures",))),
    # Staff check a printed statement's reference: empty, a malformed one, and one that
    # matches (conftest.allowances_figures gives it).
    AuditedPage("statement-check", "/allowances/statement-check", "allowances.statement_check",
                session="counter"),
    page_with_errors(AuditedPage("statement-check", "/allowances/statement-check",
                                 "allowances.statement_check", session="counter")),
    AuditedPage("statement-check", "/allowances/statement-check", "allowances.statement_check",
                state="matches", session="civil-affairs", needs=("allowances_figures",),
                prepare=submit_form(fill_audit_values({"reference": "{statement_reference}"}))),
    # Development only (the outbox of text messages); never registered in production.
    AuditedPage("dev-messages", "/dev/messages", "development.messages"),
    # The development stand-in for the provincial platform's sign-in page.
    AuditedPage("dev-provincial-sign-in",
                "/dev/provincial-sign-in/authorize?response_type=code&client_id=portal-audit",
                "provincial_stand_in.authorize"),
    AuditedPage("account-agent", "/account", "account.overview", session="agent"),
    AuditedPage(
        "counter-person",
        "/counter/people/{resident_person_id}",
        "counter.person",
        session="counter",
    ),
    AuditedPage(
        "counter-person",
        "/counter/people/{resident_person_id}",
        "counter.person",
        state="agent-present",
        prepare=record_agent_at_counter,
        session="counter",
    ),
    # A person whose card was cancelled (注销): the date and when a new card may be asked for.
    AuditedPage(
        "counter-person",
        "/counter/people/{unheld_person_id}",
        "counter.person",
        state="card-cancelled",
        session="counter",
    ),
    # The person's applications listed (conftest.applications: sent and draft ones).
    AuditedPage(
        "counter-person",
        "/counter/people/{resident_person_id}",
        "counter.person",
        state="with-applications",
        session="counter",
        needs=("applications",),
    ),
    # Counter staff start an application for the person in front of them: each page of it
    # names that person in a banner (templates/apply/_helping.html).
    AuditedPage(
        "apply-counter-first-step",
        "/counter/people/{resident_person_id}",
        "apply.step",
        prepare=submit_form(form_selector="main form[action$='/apply/two-subsidies']"),
        session="counter",
    ),
    AuditedPage(
        "counter-agent-requests",
        "/counter/agent-requests",
        "counter.agent_requests",
        session="caseworker",
    ),
    *(
        AuditedPage(f"error-{code}", f"/_audit/error/{code}", "audit_pages.show_error", status=code)
        for code in ERROR_CODES
    ),
    AuditedPage(
        "error-csrf-expired", "/_audit/csrf-expired", "audit_pages.show_csrf_expired", status=400
    ),
    AuditedPage(
        "error-database-unavailable", "/_audit/database-unavailable",
        "audit_pages.show_database_unavailable", status=503
    ),
]


# --- Languages and display states ---

LANGUAGES = tuple(language.code for language in APP_LANGUAGES)  # values of the `lang` cookie


@dataclass(frozen=True)
class DisplayState:
    settings: DisplaySettings  # written to the `display` cookie the way the app writes it
    extra_rules: tuple[str, ...] = ()  # axe rules run in addition to the WCAG A/AA tags

    @property
    def cookie(self) -> str | None:
        return None if self.settings.is_default else self.settings.to_cookie()


# House rule: 7:1 contrast in high-contrast mode, so the AAA contrast rule runs there too.
ENHANCED_CONTRAST = ("color-contrast-enhanced",)

DISPLAY_STATES: dict[str, DisplayState] = {
    "default": DisplayState(DisplaySettings()),
    # Each setting on its own, as people choose them on the display settings page.
    "text-150": DisplayState(DisplaySettings(size="150")),  # 长辈模式: larger text and targets
    "text-200": DisplayState(DisplaySettings(size="200")),
    "high-contrast": DisplayState(DisplaySettings(contrast="high"), ENHANCED_CONTRAST),
    "wide-spacing": DisplayState(DisplaySettings(spacing="wide")),
    "reduced-motion": DisplayState(DisplaySettings(motion="reduce")),
    # Every setting at its strongest: 200% text, high contrast, wide spacing, reduced motion.
    "largest-high-contrast": DisplayState(
        DisplaySettings(size="200", contrast="high", spacing="wide", motion="reduce"),
        ENHANCED_CONTRAST,
    ),
}
