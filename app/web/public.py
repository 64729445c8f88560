"""Public pages: home, service start pages, accessibility statement, privacy notice."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from app.domain.services import SERVICES, SERVICES_BY_CODE
from app.web.access import public_page

public = Blueprint("public", __name__)


@public.get("/")
@public_page
def home() -> str:
    return render_template("pages/home.html", services=SERVICES)


@public.get("/services/<service_code>")
@public_page
def service_start(service_code: str) -> str:
    service = SERVICES_BY_CODE.get(service_code)
    if service is None:
        abort(404)
    return render_template("pages/service_start.html", service=service)


@public.get("/accessibility")
@public_page
def accessibility_statement() -> str:
    return render_template("pages/accessibility.html")


@public.get("/privacy")
@public_page
def privacy_notice() -> str:
    return render_template("pages/privacy.html")
