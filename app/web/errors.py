"""Translated, accessible error pages, and (in audit mode only) routes that show each of them."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
)
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
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
    503: (_l("The service is unavailable for a moment"),
          _l("Try again in a few minutes. If you were sending an application, open your "
             "applications then: an application that was sent shows its reference number, and "
             "one that was not sent is kept as a draft for you to send again.")),
}

audit_pages = Blueprint("audit_pages", __name__, url_prefix="/_audit")


@audit_pages.get("/error/<int:code>")
@public_page
def show_error(code: int) -> str:
    if code not in ERROR_TEXTS:
        abort(404)
    abort(code)


@audit_pages.get("/database-unavailable")
@public_page
def show_database_unavailable() -> str:
    raise DBAPIError("SELECT 1", None, ConnectionError("audit"), connection_invalidated=True)


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


# When even the 503 page cannot be rendered: fixed text in the three languages, saying how to
# find out whether an application being sent went through, without guessing.
DATABASE_UNAVAILABLE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务暂时无法使用 Service unavailable for a moment</title></head>
<body><main>
<h1>服务暂时无法使用</h1>
<p>系统正在恢复，请过几分钟再试。</p>
<p>如果您刚才正在提交申请，请过几分钟打开"我的申请"查看：已经提交的申请会显示申请编号；
没有提交成功的申请仍作为草稿保存，您可以再次提交。</p>
<div lang="ko"><h2>잠시 서비스를 이용할 수 없습니다</h2>
<p>시스템을 복구하고 있습니다. 몇 분 뒤에 다시 시도하세요.</p>
<p>방금 신청서를 보내던 중이었다면 몇 분 뒤에 '내 신청'을 열어 확인하세요. 보낸 신청에는 신청 번호가
표시되고, 보내지 못한 신청은 임시 저장으로 남아 있어 다시 보낼 수 있습니다.</p></div>
<div lang="en"><h2>The service is unavailable for a moment</h2>
<p>The system is recovering. Try again in a few minutes.</p>
<p>If you were sending an application, open "Your applications" in a few minutes: an application
that was sent shows its reference number; one that was not sent is kept as a draft for you to
send again.</p></div>
<p><a href="/applications">我的申请 · <span lang="ko">내 신청</span> ·
<span lang="en">Your applications</span></a></p>
</main></body></html>
"""


def _roll_back_request_session() -> None:
    """A failed statement leaves the request's database session unusable until it is rolled
    back, and the error page reads the signed-in account and its settings through it."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _render_without_database() -> tuple[str, int]:
    """The 503 page in the person's language and display settings, read from their cookies
    only: who is signed in, and their saved settings, are in the database."""
    from flask_login import AnonymousUserMixin

    from app.domain.people.display import DisplaySettings
    from app.web.preferences import DISPLAY_COOKIE

    g._login_user = AnonymousUserMixin()  # flask-login's slot for the current user
    g.display_settings = DisplaySettings.from_cookie(request.cookies.get(DISPLAY_COOKIE))
    return render_error(503)


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

    @app.errorhandler(DBAPIError)
    def _database_unavailable(error: DBAPIError) -> Response | tuple[str, int]:
        if not error.connection_invalidated and not _is_connection_error(error):
            return _unexpected_error(error)
        app.logger.warning("Database unavailable: %s", error)
        with suppress(DBAPIError):  # the connection is gone; the pool makes a new one
            _roll_back_request_session()
        try:
            body, code = _render_without_database()
        except Exception:
            app.logger.exception("The database-unavailable page could not be shown")
            body, code = DATABASE_UNAVAILABLE, 503
        response = Response(body, code, mimetype="text/html")
        response.headers["Retry-After"] = "60"
        return response

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        return _error_page(500, lambda: render_error(500))


def _is_connection_error(error: DBAPIError) -> bool:
    """The server went away or refused us, as opposed to a statement that failed."""
    return isinstance(error, OperationalError | InterfaceError)
