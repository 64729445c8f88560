"""What the benchmark and the load test share: a gunicorn server they start and stop, a small
cookie-keeping HTTP client that sends forms with their CSRF token, and wrk runs."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def stop_servers_on_sigterm() -> None:
    """A SIGTERM (timeout, kill) unwinds like Ctrl+C, so every Server started is stopped."""
    def _raise(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _raise)


# Long enough for the production check (app/config.py: at least 32 characters).
SECRET_KEY = "benchmark-secret-key-not-for-any-real-portal"


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)


def server_environment(port: int) -> dict[str, str]:
    return {**os.environ, "PORTAL_ENV": "production", "DATABASE_URL": database_url(),
            "SECRET_KEY": SECRET_KEY, "BENCH_BIND": f"127.0.0.1:{port}",
            "SMS_SENDER": "log", "PYTHONPATH": str(ROOT)}


class Server:
    """gunicorn with bench/gunicorn.conf.py, serving ``app`` (module:variable) on ``port``."""

    def __init__(self, app: str, port: int) -> None:
        self.app, self.port = app, port
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "bench" / "gunicorn.conf.py"), self.app],
            cwd=ROOT, env=server_environment(self.port))
        deadline = time.monotonic() + 180  # two workers importing the app on a busy machine
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/")
                connection.getresponse().read()
                if len(self.worker_pids()) >= int(os.environ.get("BENCH_WORKERS", "2")):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
                               capture_output=True, text=True, check=False).stdout.split()
        return [int(pid) for pid in found]

    def worker_memory_mb(self) -> list[dict[str, float]]:
        """Resident and proportional set size of each worker (PSS shares common pages fairly)."""
        memory = []
        for pid in self.worker_pids():
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, value = line.split(":", 1)
                fields[name] = int(value.split()[0]) / 1024
            memory.append({"pid": pid, "rss_mb": round(fields["Rss"], 1),
                           "pss_mb": round(fields["Pss"], 1)})
        return memory


@dataclass
class Response:
    status: int
    location: str
    body: str


@dataclass
class Browser:
    """One person's browser: keeps cookies, follows nothing by itself."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30

    def request(self, method: str, path: str, form: Mapping[str, str | Sequence[str]] | None
                = None, *, body: bytes | None = None, content_type: str = "") -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            for header in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Response(answer.status, answer.headers.get("Location", ""), text)
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def submit(self, path: str, form: Mapping[str, str | Sequence[str]]) -> Response:
        """GETs the page for its CSRF token, then POSTs the form with it."""
        page = self.get(path)
        token = CSRF.search(page.body)
        if token is None:
            raise RuntimeError(f"no form at {path} ({page.status})")
        return self.request("POST", path, {**form, "csrf_token": token.group(1)})

    def upload(self, path: str, field_name: str, filename: str, content: bytes) -> Response:
        """GETs the upload page for its CSRF token, then POSTs one file as multipart/form-data."""
        page = self.get(path)
        token = CSRF.search(page.body)
        if token is None:
            raise RuntimeError(f"no form at {path} ({page.status})")
        boundary = uuid.uuid4().hex
        body = b"".join([
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
            f"{token.group(1)}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode(),
            content, f"\r\n--{boundary}--\r\n".encode()])
        return self.request("POST", path, body=body,
                            content_type=f"multipart/form-data; boundary={boundary}")

    def csrf_token(self, path: str) -> str:
        token = CSRF.search(self.get(path).body)
        if token is None:
            raise RuntimeError(f"no form at {path}")
        return token.group(1)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def sign_in(self, phone: str, password: str) -> None:
        answer = self.submit("/sign-in", {"phone": phone, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"sign-in of {phone} failed ({answer.status})")


def wrk(port: int, paths: Sequence[str], *, seconds: int, connections: int, threads: int = 2,
        method: str = "GET", body: str | None = None, cookie: str | None = None
        ) -> dict[str, float]:
    """Runs wrk against the paths; requests/s, p50/p95/p99 in ms and errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    environment = {**os.environ, "WRK_PATHS_FILE": listing.name, "WRK_THREADS": str(threads),
                   "WRK_METHOD": method}
    if body is not None:
        environment["WRK_BODY"] = body
    if cookie is not None:
        environment["WRK_COOKIE"] = cookie
    try:
        output = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
             "--timeout", "10s", "-s", str(ROOT / "bench" / "wrk" / "report.lua"),
             f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, env=environment, check=True).stdout
    finally:
        os.unlink(listing.name)
    line = next(row for row in output.splitlines() if row.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = sum(raw[key] for key in raw if key.startswith("errors_"))
    return {"requests": raw["requests"], "requests_per_s": round(raw["requests"] / seconds_run, 1),
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000,
            "errors": errors, "non_2xx_3xx": raw["errors_status"],
            "connections": connections}
