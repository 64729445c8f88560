"""The one administration blueprint; its views live in the modules beside it."""

from __future__ import annotations

from flask import Blueprint

admin = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 50  # staff and audit events listed a page at a time
