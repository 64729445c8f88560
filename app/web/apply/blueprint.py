"""The one blueprint of the wizard; its views live in the modules beside it."""

from __future__ import annotations

from flask import Blueprint

apply = Blueprint("apply", __name__)
