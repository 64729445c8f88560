"""Public pages: home, service start pages, accessibility statement, privacy notice."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from app.services import get_service
from app.services.texts import ALL_SERVICE_TEXTS, ONE_APPLICATION
from app.web.access import public_page

# The four services, and beside them the one application for the card and what follows it.
START_PAGES = (*ALL_SERVICE_TEXTS, ONE_APPLICATION)

public = Blueprint("public", __name__)


@public.get("/")
@public_page
def home() -> str:
    return render_template("pages/home.html", services=ALL_SERVICE_TEXTS,
                           one_application=ONE_APPLICATION)


@public.get("/services/<service_code>")
@public_page
def service_start(service_code: str) -> str:
    texts = next((t for t in START_PAGES if t.code == service_code), None)
    if texts is None:
        abort(404)
    return render_template("pages/service_start.html", service=texts,
                           definition=get_service(service_code))


@public.get("/accessibility")
@public_page
def accessibility_statement() -> str:
    return render_template("pages/accessibility.html")


@public.get("/privacy")
@public_page
def privacy_notice() -> str:
    return render_template("pages/privacy.html")


@public.get("/services/<service_code>/eligibility")
@public_page
def eligibility_check(service_code: str) -> str:
    """A few questions, then advice with reasons. It never stops anyone from applying."""
    definition = get_service(service_code)
    if definition is None or definition.precheck_form is None or definition.precheck is None:
        abort(404)
    # A GET form: nothing is stored, so the answers can be bookmarked or shared.
    form = definition.precheck_form(formdata=request.args or None, meta={"csrf": False})
    if request.args and form.validate():
        advice = definition.precheck(form.data)
        return render_template("pages/eligibility_result.html", service=definition.texts,
                               advice=advice, answers_query=request.query_string.decode())
    return render_template("pages/eligibility.html", service=definition.texts, form=form)


@public.get("/services/<service_code>/easy-read")
@public_page
def easy_read(service_code: str) -> str:
    texts = next((t for t in START_PAGES if t.code == service_code), None)
    if texts is None or not texts.easy_read:
        abort(404)
    return render_template("pages/easy_read.html", service=texts)
