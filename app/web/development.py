"""Development-only pages."""

from __future__ import annotations

from flask import Blueprint

development = Blueprint("development", __name__, url_prefix="/dev")
