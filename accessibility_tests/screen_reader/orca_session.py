"""A real screen reader to listen with: Orca reading a real Chromium window under Xvfb.

Everything runs on a private X display and a private D-Bus session (the AT-SPI bus starts by
D-Bus activation on it), so nothing touches anyone else's desktop. Orca is started with its own
settings folder whose orca-customizations.py turns speech, braille and sound off and writes
every utterance to a file; keys are pressed with xdotool, as a person presses them, so Orca
hears them as it hears a keyboard. Selenium drives the same Chromium only to learn facts (which
element has focus, what the page shows) and to fill in answers; it never presses a key.

Orca is started through its module (run_orca.py) rather than /usr/bin/orca: that launcher
refuses to start when any other process of this user is called "orca", and this machine's
engineers all run as root.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with pyatspi and Orca's modules
NEEDED = {
    "/usr/bin/Xvfb": "xvfb",
    "/usr/bin/xdotool": "xdotool",
    "/usr/bin/dbus-daemon": "dbus",
    "/usr/libexec/at-spi-bus-launcher": "at-spi2-core",
    "/usr/lib/python3/dist-packages/orca/orca.py": "orca",
    "/usr/lib/python3/dist-packages/pyatspi/__init__.py": "python3-pyatspi",
}
INSTALL_HINT = "run `make test` (scripts/install-screen-reader.sh installs them)"

CUSTOMIZATIONS = '''\
# Written by accessibility_tests/screen_reader/orca_session.py: no sound, every utterance to a file.
import logging

import orca.settings as settings

settings.enableSpeech = False  # no speech server; orca.speech still logs each utterance
settings.enableBraille = False
settings.enableSound = False
settings.enableKeyEcho = False
settings.sayAllOnLoad = False
settings.pageSummaryOnLoad = False
settings.enableTutorialMessages = False
settings.speakDescription = True

_handler = logging.FileHandler({log!r}, encoding="utf-8")
_handler.setFormatter(logging.Formatter("%(message)s"))
logging.getLogger("speech").addHandler(_handler)
'''

UTTERANCE = re.compile(r"^SPEECH OUTPUT: '(.*)'(?: voice=\w+)?$", re.DOTALL)


def missing_tools() -> list[str]:
    """Debian packages the walks need that are not installed."""
    return sorted({package for path, package in NEEDED.items() if not Path(path).exists()})


class ScreenReader:
    """Orca listening to one Chromium window. ``press`` a key, get back what Orca said."""

    def __init__(self, workdir: Path, driver: WebDriver, speech_log: Path, env: dict[str, str]):
        self.workdir = workdir
        self.driver = driver
        self.speech_log = speech_log
        self.env = env
        self._read = 0  # bytes of the speech log already returned

    def _new_utterances(self) -> list[str]:
        with self.speech_log.open("rb") as log:
            log.seek(self._read)
            data = log.read()
        # A line may still be half written: keep what ends with a newline.
        end = data.rfind(b"\n") + 1
        self._read += end
        lines = data[:end].decode("utf-8", "replace").split("\n")
        said: list[str] = []
        for line in lines:
            if line.startswith("SPEECH OUTPUT: "):
                match = UTTERANCE.match(line)
                said.append(match.group(1) if match else line[len("SPEECH OUTPUT: "):])
            elif line and said:  # an utterance with a line break in it
                said[-1] += " " + line
        return [text.strip() for text in said if text.strip()]

    def listen(self, *, quiet: float = 0.25, timeout: float = 3.0, first: float | None = None
               ) -> list[str]:
        """What Orca says from now until it has been quiet for ``quiet`` seconds (at most
        ``timeout``); gives up after ``first`` seconds (default: timeout) if it says nothing."""
        said: list[str] = []
        start = last = time.monotonic()
        first = timeout if first is None else first
        while True:
            time.sleep(0.05)
            now = time.monotonic()
            new = self._new_utterances()
            if new:
                said += new
                last = now
            if said and now - last >= quiet:
                return said
            if not said and now - start >= first:
                return said
            if now - start >= timeout:
                return said

    def drain(self) -> None:
        """Forget what was said so far."""
        self._new_utterances()

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)

    def press(self, key: str, **listen: float) -> list[str]:
        self.drain()
        self.xdotool("key", "--clearmodifiers", key)
        return self.listen(**listen)


def _wait_for(predicate, what: str, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(f"screen reader set-up: {what} did not happen within {timeout:.0f} s")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    """Ends a process this module started, and the process group it leads."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextmanager
def screen_reader(chromium: str, chromedriver: str) -> Iterator[ScreenReader]:
    """Xvfb, a D-Bus session, Orca in Chinese and a Chromium window, for the ``with`` block."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    workdir = Path(tempfile.mkdtemp(prefix="screen-reader-"))
    processes: list[subprocess.Popen[bytes]] = []
    driver = None
    try:
        # A display of its own: Xvfb writes the number it took to the pipe.
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten",
             "tcp", "-noreset"],
            pass_fds=(write_end,), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=(workdir / "xvfb.log").open("wb"))
        processes.append(xvfb)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            display = ":" + pipe.readline().strip()
        if display == ":":
            raise RuntimeError(f"Xvfb did not start: {(workdir / 'xvfb.log').read_text()}")

        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("dbus-daemon --session did not start")

        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "XDG_CONFIG_HOME": str(workdir / "config"),
            "XDG_DATA_HOME": str(workdir / "data"),
            "XDG_CACHE_HOME": str(workdir / "cache"),
            "XDG_RUNTIME_DIR": str(workdir / "runtime"),
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": address,
            # Orca's own words in Chinese (its gettext reads LANGUAGE; no zh_CN locale needed).
            "LANG": "C.UTF-8",
            "LANGUAGE": "zh_CN",
            "GTK_A11Y": "atspi",
            "NO_AT_BRIDGE": "0",
        }
        (workdir / "runtime").mkdir(mode=0o700)

        prefs = workdir / "orca"
        prefs.mkdir()
        speech_log = workdir / "speech.log"
        speech_log.touch()
        (prefs / "orca-customizations.py").write_text(
            CUSTOMIZATIONS.format(log=str(speech_log)), encoding="utf-8")
        orca = subprocess.Popen(
            [SYSTEM_PYTHON, str(HERE / "run_orca.py"), str(prefs)],
            env=env, start_new_session=True, stdout=(workdir / "orca.log").open("wb"),
            stderr=subprocess.STDOUT)
        processes.append(orca)

        profile = workdir / "chromium"
        (profile / "Default").mkdir(parents=True)
        # No translate bar (it is read on zh-CN pages), no password bubble, Chinese first.
        (profile / "Default" / "Preferences").write_text(
            '{"translate": {"enabled": false}, "intl": {"accept_languages": "zh-CN,zh"},'
            ' "credentials_enable_service": false,'
            ' "profile": {"password_manager_enabled": false},'
            ' "browser": {"has_seen_welcome_page": true}}', encoding="utf-8")
        options = Options()
        options.binary_location = chromium
        for argument in (
            "--force-renderer-accessibility",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-features=Translate,OptimizationHints,MediaRouter,PasswordManagerOnboarding",
            "--password-store=basic",
            "--mute-audio",
            "--window-position=0,0",
            "--window-size=1280,1000",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(argument)
        # No "Chrome is being controlled by automated test software" bar to be read.
        options.add_experimental_option("excludeSwitches", ["enable-automation"])
        time.sleep(2.5)  # Orca starts and registers its AT-SPI listeners
        if orca.poll() is not None:
            raise RuntimeError(f"Orca stopped: {(workdir / 'orca.log').read_text()[-2000:]}")
        service = Service(executable_path=chromedriver, env={**env, "HOME": str(workdir)})
        driver = webdriver.Chrome(service=service, options=options)
        driver.set_page_load_timeout(30)
        reader = ScreenReader(workdir, driver, speech_log, env)
        # No window manager: give the window keyboard focus ourselves, once it is mapped.
        window = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--class", "chromium"],
            env=env, check=True, capture_output=True, text=True, timeout=20,
        ).stdout.split()[0]
        reader.xdotool("windowfocus", "--sync", window)
        _wait_for(lambda: bool(reader.listen(timeout=1.0)), "Orca speaking", timeout=10)
        yield reader
    finally:
        if driver is not None:
            driver.quit()
        for process in reversed(processes):
            _stop(process)
        if os.environ.get("KEEP_SCREEN_READER_FILES"):
            print(f"screen reader files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
