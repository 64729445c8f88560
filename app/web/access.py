"""Signing in (flask-login) and the route-level access rules every view declares.

Each view carries exactly one rule (public_page, signed_in or staff_only); tests walk the URL map
and fail on a view without one. Object-level checks use app.domain.access.policies inside the view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, abort, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, LoginManager, current_user, login_user, logout_user

from app.database import get_session
from app.domain.models import Account, Role
from app.domain.people import sign_in_sessions

View = TypeVar("View", bound=Callable[..., Any])
T = TypeVar("T")
STAFF_IDLE_LIMIT = timedelta(minutes=30)

login_manager = LoginManager()
login_manager.login_view = "auth.sign_in_page"
login_manager.login_message = _l("Sign in to continue.")
login_manager.login_message_category = "info"


class SignedInAccount:
    """Wraps an Account for flask-login; the id carries the session generation and the token of
    this browser's session on the server."""

    def __init__(self, account: Account, token: str) -> None:
        self.account = account
        self.token = token
        self.is_authenticated = True
        self.is_active = account.is_active
        self.is_anonymous = False

    def get_id(self) -> str:
        return f"{self.account.id}:{self.account.session_generation}:{self.token}"


@login_manager.user_loader
def _load_account(user_id: str) -> SignedInAccount | None:
    account_id, _sep, rest = user_id.partition(":")
    generation, _sep, token = rest.partition(":")
    if not account_id.isdigit() or not generation.isdigit():
        return None
    # Signing out deletes this session's token, so a copy of the cookie no longer works;
    # "sign out everywhere" and password changes raise the generation, ending older sessions.
    account = sign_in_sessions.live_account(get_session(), int(account_id), token)
    if account is None or not account.is_active or account.session_generation != int(generation):
        return None
    return SignedInAccount(account, token)


def current_account() -> Account | None:
    if isinstance(current_user, AnonymousUserMixin) or not current_user.is_authenticated:
        return None
    return current_user.account


def require_account() -> Account:
    account = current_account()
    if account is None:
        abort(401)
    return account


def allowed_or_404(record: T | None, allowed: Callable[[T], bool]) -> T:
    """The record, when it exists and the access rule allows it. Anything refused is "not found",
    so that nobody learns which records exist by guessing their ids."""
    if record is None or not allowed(record):
        abort(404)
    return record


def require_account_allowed(policy: Callable[[Account], bool]) -> Account:
    """The signed-in account, when the policy lets it use the page; "not found" otherwise, so a
    page does not tell who may use it."""
    account = require_account()
    if not policy(account):
        abort(404)
    return account


def sign_in(account: Account) -> None:
    session.clear()
    db = get_session()
    token = sign_in_sessions.start(db, account)
    db.commit()
    login_user(SignedInAccount(account, token))
    session.permanent = True
    session["last_active"] = datetime.now(UTC).timestamp()


def sign_out() -> None:
    """Ends this browser's session on the server as well as in its cookie."""
    if isinstance(current_user, SignedInAccount):
        db = get_session()
        sign_in_sessions.end(db, current_user.token)
        db.commit()
    logout_user()
    session.clear()


def _mark(view: View, rule: str) -> View:
    vars(view)["access_rule"] = rule  # read by the test that every route has a rule
    return view


def public_page(view: View) -> View:
    """Shows no personal data: anyone may open it."""
    return _mark(view, "public")


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return _mark(cast(View, wrapper), "signed_in")


def staff_only(*roles: Role) -> Callable[[View], View]:
    """Staff with one of these roles; anyone else gets 404, so staff pages are not advertised."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            account = current_account()
            if account is None:
                return login_manager.unauthorized()
            if account.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        return _mark(cast(View, wrapper), "staff")

    return decorate


# What a member of staff whose password an administrator chose may do before replacing it.
WHILE_CHOOSING_A_PASSWORD = frozenset({"auth.choose_own_password", "auth.sign_out_page",
                                       "auth.keep_alive"})


def init_access(app: Flask) -> None:
    login_manager.init_app(app)
    app.permanent_session_lifetime = sign_in_sessions.LIFETIME  # the cookie ends with the session

    @login_manager.unauthorized_handler
    def _to_sign_in() -> Any:
        flash(str(_l("Sign in to continue.")), "info")
        return redirect(url_for("auth.sign_in_page", next=request.full_path.rstrip("?")))

    @app.before_request
    def _end_idle_staff_sessions() -> Any:
        account = current_account()
        if account is None:
            return None
        now = datetime.now(UTC).timestamp()
        last_active = session.get("last_active", now)
        if account.is_staff and now - last_active > STAFF_IDLE_LIMIT.total_seconds():
            sign_out()
            flash(str(_l("You were signed out because you were inactive for 30 minutes. "
                         "Sign in again to continue.")), "info")
            return redirect(url_for("auth.sign_in_page"))
        session["last_active"] = now
        if account.must_change_password and request.endpoint not in WHILE_CHOOSING_A_PASSWORD \
                and not (request.endpoint or "").startswith(("settings.", "static")):
            return redirect(url_for("auth.choose_own_password"))
        return None

    @app.context_processor
    def _account_context() -> dict[str, object]:
        return {"account": current_account()}
