"""Counter mode (窗口): staff find or register a person and act on their behalf."""

from __future__ import annotations

from flask import Blueprint

counter = Blueprint("counter", __name__, url_prefix="/counter")
