"""Translated, accessible error pages, and (in audit mode only) routes that show each of them."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.web.access import public_page

# Title and explanation per status code; the template adds what the person can do next.
ERROR_TEXTS = {
    400: (_l("There is a problem with the request"),
          _l("The page could not understand what was sent. Go back and try again.")),
    403: (_l("You cannot see this page"),
          _l("Your account does not have permission to see this page.")),
    404: (_l("Page not found"),
          _l("If you typed the web address, check it is correct. If you pasted it, check you "
             "copied the whole address.")),
    405: (_l("This page cannot be used that way"),
          _l("Go back to the previous page and use the buttons and links on it.")),
    413: (_l("The file is too large"),
          _l("What you sent was larger than we accept. Files must be smaller than %(size)s MB.")),
    429: (_l("Too many attempts"),
          _l("You have tried too many times. Wait a few minutes, then try again.")),
    500: (_l("Sorry, there is a problem with the service"),
          _l("Try again later. What you saved before this problem has been kept.")),
}

audit_pages = Blueprint("audit_pages", __name__, url_prefix="/_audit")


@audit_pages.get("/error/<int:code>")
@public_page
def show_error(code: int) -> str:
    if code not in ERROR_TEXTS:
        abort(404)
    abort(code)


@audit_pages.get("/csrf-expired")
@public_page
def show_csrf_expired() -> str:
    raise CSRFError()


def render_error(code: int) -> tuple[str, int]:
    title, explanation = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    size_mb = current_app.config["MAX_UPLOAD_MB"]
    return render_template("errors/error.html", title=title,
                           explanation=str(explanation) % {"size": size_mb}), code


def init_error_pages(app: Flask) -> None:
    if app.config.get("AUDIT_ROUTES"):
        app.register_blueprint(audit_pages)

    @app.errorhandler(CSRFError)
    def _form_expired(_error: CSRFError) -> tuple[str, int]:
        return render_template("errors/form_expired.html"), 400

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500)
