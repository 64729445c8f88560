"""Translated, accessible error pages, and (in audit mode only) routes that show each of them."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, abort, current_app, g, render_template
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


# When even the error page cannot be shown, this is: no template, no database, both languages
# the portal's visitors most need.
LAST_RESORT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务出现问题 Sorry, there is a problem with the service</title></head>
<body><main><h1>服务出现问题</h1><p>请稍后再试。出现问题之前保存的内容都已保留。</p>
<div lang="en"><h2>Sorry, there is a problem with the service</h2>
<p>Try again later. What you saved before this problem has been kept.</p></div>
</main></body></html>
"""


def _roll_back_request_session() -> None:
    """A failed statement leaves the request's database session unusable until it is rolled
    back, and the error page reads the signed-in account and its settings through it."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _error_page(code: int, render: Callable[[], tuple[str, int]]) -> tuple[str, int]:
    _roll_back_request_session()
    try:
        return render()
    except Exception:  # the page itself failed: say so plainly rather than a bare 500
        current_app.logger.exception("The error page for %s could not be shown", code)
        return LAST_RESORT, code


def init_error_pages(app: Flask) -> None:
    if app.config.get("AUDIT_ROUTES"):
        app.register_blueprint(audit_pages)

    @app.errorhandler(CSRFError)
    def _form_expired(_error: CSRFError) -> tuple[str, int]:
        return _error_page(400, lambda: (render_template("errors/form_expired.html"), 400))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        return _error_page(code, lambda: render_error(code))

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        return _error_page(500, lambda: render_error(500))
