"""Following an application: status in plain words, timeline, answering requests, look-up."""

from __future__ import annotations

from flask import Blueprint

track = Blueprint("track", __name__)
