"""Fixtures for the axe audit: the real app on a local port, and one headless Chromium.

Run with ``pytest accessibility_tests -q`` (``make test`` installs the browser first).
The browser and driver are Debian's (/usr/bin/chromium, /usr/bin/chromedriver); Selenium is
given their paths and told to stay offline, so it never downloads anything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from accessibility_tests.axe_audit import AXE_SCRIPT

# Selenium Manager must never run (it would try to download a browser or driver).
os.environ["SE_OFFLINE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_HINT = "run `make test` (it runs scripts/install-browser.sh) to install it"


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
        }
    )
    upgrade_to_head(app)
    load_demo_data(app)
    return app


@pytest.fixture(scope="session")
def live_server(audit_app) -> Iterator[str]:
    """Serve the app on a free local port for the whole session; yields the base URL."""
    from werkzeug.serving import make_server

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
    ):
        options.add_argument(argument)

    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
