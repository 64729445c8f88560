"""Fingerprinted static URLs: a content hash in the query lets browsers cache files for a year."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, url_for


def init_static_files(app: Flask) -> None:
    static_root = Path(app.static_folder or "static")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60 * 60 * 24 * 365

    @cache
    def _fingerprint(filename: str) -> str:
        return hashlib.sha256((static_root / filename).read_bytes()).hexdigest()[:12]

    def static_url(filename: str) -> str:
        return url_for("static", filename=filename, v=_fingerprint(filename))

    app.jinja_env.globals["static_url"] = static_url
