"""Issue 27: every service heard through a real screen reader, Orca, in Chinese.

Each service is walked by keyboard from its service page to the receipt (journey.py), and what
Orca says at every key is checked against what the page shows (walk.py). The transcript of each
walk is written to reports/screen-reader/<service>.txt, so a reviewer can read what a blind
applicant hears, and a change in what is spoken shows up as a diff.

A fixture page shows that the checks catch what they are for: the same form with a field whose
`required` is gone and an error no longer tied to its field makes the walk fail.

Needs Debian's orca, xvfb, xdotool, dbus, at-spi2-core and python3-pyatspi
(scripts/install-screen-reader.sh, run by `make test`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.wrappers import Request, Response

from accessibility_tests.conftest import CHROMEDRIVER, CHROMIUM
from accessibility_tests.pages import DEFINED_SERVICES
from accessibility_tests.screen_reader.journey import walk_service
from accessibility_tests.screen_reader.orca_session import (
    INSTALL_HINT,
    ScreenReader,
    missing_tools,
    screen_reader,
)
from accessibility_tests.screen_reader.walk import Transcript, Walker
from accessibility_tests.wizard_walk import new_resident, sign_in
from app.domain.casework.reference import grouped

REPORTS = Path(__file__).resolve().parents[2] / "reports" / "screen-reader"
PASSWORD = "heard through a screen reader"


@pytest.fixture(scope="session")
def orca() -> Iterator[ScreenReader]:
    missing = missing_tools()
    if missing:
        pytest.fail(f"the screen reader walks need the Debian packages {', '.join(missing)}: "
                    f"{INSTALL_HINT}", pytrace=False)
    with screen_reader(str(CHROMIUM), str(CHROMEDRIVER)) as reader:
        yield reader


@pytest.mark.parametrize("service_code", DEFINED_SERVICES, ids=str)
def test_service_heard_from_start_to_receipt(orca, live_server, audit_app, service_code):
    from app.domain.people.passwords import hash_password

    resident = new_resident(audit_app, hash_password(PASSWORD), PASSWORD)
    orca.driver.delete_all_cookies()
    sign_in(orca.driver, live_server, resident.phone, PASSWORD)
    transcript = Transcript(f"{service_code}, from the service page to the receipt")
    references: list[str] = []
    try:
        references = walk_service(Walker(orca, transcript), live_server, audit_app,
                                  service_code, resident.answers)
    finally:
        text = transcript.text()
        for reference in references:  # new ones each run: the diff is only what is spoken
            text = text.replace(grouped(reference.replace(" ", "")), "[reference number]")
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{service_code}.txt").write_text(text, encoding="utf-8")
    if transcript.problems:
        pytest.fail(f"{service_code}: {len(transcript.problems)} problems heard (transcript: "
                    f"reports/screen-reader/{service_code}.txt):\n"
                    + "\n".join(transcript.problems), pytrace=False)


# --- The checks fail on a page that breaks on purpose ---

FIXTURE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} - 测试页</title></head>
<body><a href="#main-content" class="skip-link">跳到主要内容</a>
<main id="main-content" tabindex="-1">
{summary}
<form method="post" novalidate>
<h1>测试表单</h1>
<div class="form-group">
  <label for="name">姓名</label>
  <div id="name-hint" class="hint">与身份证上的姓名一致。</div>
  {name_error}
  <input id="name" name="name" type="text" {name_attributes}>
</div>
<div class="form-group">
  <label for="phone">手机号码</label>
  {phone_error}
  <input id="phone" name="phone" type="text" required {phone_attributes}>
</div>
<button type="submit">继续</button>
</form></main></body></html>
"""


def fixture_page(broken: bool, errors: bool) -> str:
    """A form like the portal's; broken: the name field has lost `required`, and the phone's
    error is shown but no longer tied to the field."""
    name_error = '<p id="name-error" class="error-message">错误：请输入姓名</p>' if errors else ""
    phone_error = '<p id="phone-error" class="error-message">错误：请输入手机号码</p>' \
        if errors else ""
    summary = ('<div class="error-summary" tabindex="-1" autofocus role="group" '
               'aria-labelledby="error-summary-title" aria-describedby="error-summary-list">'
               '<h2 id="error-summary-title">出现问题</h2>'
               '<ul id="error-summary-list"><li><a href="#name">请输入姓名</a></li>'
               '<li><a href="#phone">请输入手机号码</a></li></ul></div>') if errors else ""
    name = 'aria-describedby="name-hint' + (' name-error"' if errors else '"')
    phone = 'aria-describedby="phone-error"' if errors else ""
    if errors:
        name += ' aria-invalid="true"'
        phone += ' aria-invalid="true"'
    if not broken:
        name += " required"
    elif errors:
        phone = 'aria-invalid="true"'  # the error is on the page, not tied to the field
    return FIXTURE.format(title="错误：测试表单" if errors else "测试表单", summary=summary,
                          name_error=name_error, phone_error=phone_error,
                          name_attributes=name, phone_attributes=phone)


@pytest.fixture(scope="module")
def fixture_server() -> Iterator[str]:
    from werkzeug.serving import make_server

    @Request.application
    def app(request: Request) -> Response:
        broken = request.path == "/broken"
        page = fixture_page(broken, errors=request.method == "POST")
        return Response(page, content_type="text/html; charset=utf-8")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def walk_fixture(orca: ScreenReader, url: str) -> Transcript:
    transcript = Transcript(url)
    walker = Walker(orca, transcript)
    walker.where = url
    walker.open(url, "fixture")
    walker.walk_form(errors=False)
    said = walker.activate("fixture, sent empty")
    walker.error_summary_on_load(said)
    walker.walk_form(errors=True)
    return transcript


def test_a_page_that_breaks_fails_the_walk(orca, fixture_server):
    good = walk_fixture(orca, f"{fixture_server}/good")
    assert good.problems == [], good.text()
    broken = walk_fixture(orca, f"{fixture_server}/broken")
    problems = "\n".join(broken.problems)
    assert "field '姓名': required, but neither 必需 nor 必填 said" in problems, broken.text()
    assert "field '手机号码': its error '错误：请输入手机号码' not read" in problems, broken.text()
