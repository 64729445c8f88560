"""The registry of audited pages.

Every HTML page the app can render must be listed here (``test_every_html_route_is_audited``
checks the app's url_map against it). Each entry is audited in every language and display state.
A page with several states (e.g. a form showing its errors) gets one entry per state, with a
``prepare`` callable that drives the browser into that state instead of a plain page load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from app.domain.display import DisplaySettings
from app.domain.services import SERVICES
from app.web.errors import ERROR_TEXTS
from app.web.i18n import LANGUAGES as APP_LANGUAGES

Prepare = Callable[[WebDriver, str], None]


@dataclass(frozen=True)
class AuditedPage:
    name: str
    path: str
    endpoint: str
    state: str = "default"
    prepare: Prepare | None = None

    @property
    def id(self) -> str:
        return self.name if self.state == "default" else f"{self.name}--{self.state}"


def submit_form(
    form_selector: str, fill: Callable[[WebDriver, WebElement], None] | None = None
) -> Prepare:
    """A ``prepare`` that loads the page, optionally changes the form, and submits it.

    The form is submitted with its own submit button (so the button's name/value and the CSRF
    token are sent as a person would send them), then we wait for the next page to load.
    """

    def prepare(driver: WebDriver, url: str) -> None:
        driver.get(url)
        form = driver.find_element(By.CSS_SELECTOR, form_selector)
        if fill is not None:
            fill(driver, form)
        old_html = driver.find_element(By.TAG_NAME, "html")
        buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], button:not([type])")
        if buttons:
            buttons[0].click()
        else:
            form.submit()
        WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old_html))
        WebDriverWait(driver, 15).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    return prepare


def uncheck_radios(driver: WebDriver, form: WebElement) -> None:
    """Leave every radio group unanswered (the display form comes pre-filled)."""
    driver.execute_script(
        "arguments[0].querySelectorAll('input[type=radio]').forEach(r => { r.checked = false; });",
        form,
    )


# Every service's start page, and every error page the audit routes can show
# (taken from the app, so a new service or error page is audited without editing this file).
SERVICE_CODES = tuple(service.code for service in SERVICES)
ERROR_CODES = tuple(sorted(ERROR_TEXTS))

DISPLAY_FORM = "form[action$='/settings/display'], main form[method=post]"

PAGES: list[AuditedPage] = [
    AuditedPage("home", "/", "public.home"),
    *(
        AuditedPage(f"service-{code}", f"/services/{code}", "public.service_start")
        for code in SERVICE_CODES
    ),
    AuditedPage("accessibility-statement", "/accessibility", "public.accessibility_statement"),
    AuditedPage("privacy-notice", "/privacy", "public.privacy_notice"),
    AuditedPage("display-settings", "/settings/display", "settings.display_settings"),
    AuditedPage(
        "display-settings",
        "/settings/display",
        "settings.display_settings",
        state="errors",
        prepare=submit_form(DISPLAY_FORM, fill=uncheck_radios),
    ),
    AuditedPage(
        "display-settings",
        "/settings/display?saved=1",
        "settings.display_settings",
        state="saved",
    ),
    *(
        AuditedPage(f"error-{code}", f"/_audit/error/{code}", "audit_pages.show_error")
        for code in ERROR_CODES
    ),
    AuditedPage("error-csrf-expired", "/_audit/csrf-expired", "audit_pages.show_csrf_expired"),
]


LANGUAGES = tuple(language.code for language in APP_LANGUAGES)  # values of the `lang` cookie


@dataclass(frozen=True)
class DisplayState:
    settings: DisplaySettings  # written to the `display` cookie the way the app writes it
    extra_rules: tuple[str, ...] = ()  # axe rules run in addition to the WCAG A/AA tags

    @property
    def cookie(self) -> str | None:
        return None if self.settings.is_default else self.settings.to_cookie()


DISPLAY_STATES: dict[str, DisplayState] = {
    "default": DisplayState(DisplaySettings()),
    # Every setting at its strongest: 200% text, high contrast, wide spacing, reduced motion.
    # House rule: 7:1 contrast in high-contrast mode, so the AAA contrast rule runs too.
    "largest-high-contrast": DisplayState(
        DisplaySettings(size="200", contrast="high", spacing="wide", motion="reduce"),
        extra_rules=("color-contrast-enhanced",),
    ),
}
