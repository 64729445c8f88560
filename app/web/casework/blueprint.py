"""The one casework blueprint; its views live in the modules beside it."""

from __future__ import annotations

from flask import Blueprint

from app.domain.models import Role

casework = Blueprint("casework", __name__, url_prefix="/casework")


CASE_ROLES = (Role.COUNTER, Role.CASEWORKER, Role.APPROVER, Role.CIVIL_AFFAIRS)
