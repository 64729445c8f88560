"""Casework (审核/审批): the staff queue, the staff view of an application, and decisions."""

from __future__ import annotations

from flask import Blueprint

casework = Blueprint("casework", __name__, url_prefix="/casework")
