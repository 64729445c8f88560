"""Sign-up, phone verification, sign-in, sign-out and password reset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.models import Account, Channel, CodePurpose
from app.domain.people import accounts, codes, sign_in_sessions
from app.domain.people.identity import mask_mobile
from app.domain.people.passwords import verify_password
from app.forms import error_messages as messages
from app.web import rate_limits
from app.web.access import current_account, public_page, sign_in, sign_out, signed_in
from app.web.errors import render_error
from app.web.forms.accounts import (
    CodeForm,
    NewPasswordForm,
    OwnPasswordForm,
    PasswordResetRequestForm,
    SignInForm,
    SignUpForm,
)
from app.web.messages import queue_code_message, queue_sign_up_attempt_message
from app.web.navigation import account_home_endpoint
from app.web.provincial import provincial_sign_in_configured
from app.web.rate_limits import limiter
from app.web.redirects import safe_local_path

auth = Blueprint("auth", __name__)

PENDING_PHONE = "pending_phone"  # whose code the code pages are about
AFTER_SIGN_UP = "after_sign_up"  # the service or draft the person came from


def _now() -> datetime:
    return datetime.now(UTC)


@auth.errorhandler(codes.CodeBudgetSpent)
def _code_budget_spent(_error: codes.CodeBudgetSpent) -> tuple[str, int]:
    """The number had its codes for the hour, whichever page asked: the "too many" page (the
    same for a real code and a decoy, so it reveals nothing about the number)."""
    get_session().rollback()
    return render_error(429)


def _send_code(phone: str, purpose: CodePurpose, locale: str | None = None) -> None:
    issued = codes.issue_code(get_session(), phone=phone, purpose=purpose,
                              secret=current_app.config["SECRET_KEY"], now=_now())
    queue_code_message(get_session(), phone=phone, code=issued.code, locale=locale)


def _send_code_if_allowed(phone: str, purpose: CodePurpose) -> None:
    """Sends a code where one may go, a decoy otherwise: the browser sees the same either way."""
    account = accounts.find_account_by_phone(get_session(), phone)
    if accounts.may_receive_code(account, purpose):
        assert account is not None
        _send_code(phone, purpose, locale=account.locale)
    else:
        codes.issue_decoy_code(get_session(), phone=phone, purpose=purpose, now=_now())


def _pending_phone_key() -> str:
    """Limits on the code pages count per number as well as per address."""
    return "pending:" + session.get(PENDING_PHONE, "none")


def _after_sign_in(account: Account) -> Response:
    return redirect(safe_local_path(request.args.get("next"),
                                    url_for(account_home_endpoint(account))))


def _code_checks_limited(view: Callable[..., Any]) -> Callable[..., Any]:
    """The limits of a page where a code is typed: per address, and per number the code went to,
    so that guessing a code from many addresses is limited too."""
    per_phone = limiter.limit(rate_limits.CODE_CHECKS_PER_PHONE, methods=["POST"],
                              key_func=_pending_phone_key)
    return limiter.limit(rate_limits.CODE_CHECKS_PER_ADDRESS, methods=["POST"])(per_phone(view))


# The page where the code of each purpose is typed.
CODE_PAGES = {CodePurpose.SIGN_UP.value: "auth.verify_phone",
              CodePurpose.PASSWORD_RESET.value: "auth.reset_password"}


def _check_code(phone: str, purpose: CodePurpose, code: str) -> codes.CodeCheck:
    return codes.check_code(get_session(), phone=phone, purpose=purpose, code=code,
                            secret=current_app.config["SECRET_KEY"], now=_now())


def _code_page(form: CodeForm, phone: str, purpose: CodePurpose, page_title: str) -> str:
    return render_template("auth/code.html", form=form, masked_phone=mask_mobile(phone),
                           expires_at=_code_expiry(purpose), purpose=purpose.value,
                           page_title=page_title)


def _code_expiry(purpose: CodePurpose) -> datetime | None:
    record = codes.latest_code(get_session(), session.get(PENDING_PHONE, ""), purpose)
    if record is None:
        return None
    return record.expires_at if record.expires_at.tzinfo else record.expires_at.replace(tzinfo=UTC)


@auth.route("/sign-up", methods=["GET", "POST"])
@limiter.limit(rate_limits.SIGN_UP_PER_ADDRESS, methods=["POST"])
@limiter.limit(rate_limits.CODES_PER_PHONE, methods=["POST"], key_func=rate_limits.phone_in_form,
               exempt_when=rate_limits.no_phone_in_form)
@public_page
def sign_up() -> str | Response:
    form = SignUpForm()
    if form.validate_on_submit():
        db = get_session()
        try:
            accounts.register_account(db, phone=form.phone.data,
                                      display_name=form.display_name.data,
                                      password=form.password.data, locale=str(get_locale()))
        except accounts.PhoneAlreadyRegistered:
            # The same code page as for a new number, so sign-up does not reveal who has an
            # account; the number's owner is told by text message instead.
            owner = accounts.find_account_by_phone(db, form.phone.data)
            codes.issue_decoy_code(db, phone=form.phone.data, purpose=CodePurpose.SIGN_UP,
                                   now=_now())
            queue_sign_up_attempt_message(db, phone=form.phone.data,
                                          locale=owner.locale if owner else None)
        else:
            _send_code(form.phone.data, CodePurpose.SIGN_UP)
        db.commit()
        session[PENDING_PHONE] = form.phone.data
        session[AFTER_SIGN_UP] = safe_local_path(request.args.get("next"), "")
        return redirect(url_for("auth.verify_phone"))
    return render_template("auth/sign_up.html", form=form)


@auth.route("/sign-up/code", methods=["GET", "POST"])
@_code_checks_limited
@public_page
def verify_phone() -> str | Response:
    phone = session.get(PENDING_PHONE)
    if not phone:
        return redirect(url_for("auth.sign_up"))
    form = CodeForm()
    if form.validate_on_submit():
        db = get_session()
        result = _check_code(phone, CodePurpose.SIGN_UP, form.code.data)
        if result is codes.CodeCheck.ACCEPTED:
            account = accounts.find_account_by_phone(db, phone)
            assert account is not None
            account.phone_verified_at = _now()
            db.commit()
            came_from = session.pop(AFTER_SIGN_UP, "")  # before signing in renews the session
            sign_in(account)
            flash(_("Your mobile number is confirmed and you are signed in."))
            return redirect(came_from or url_for("account.overview"))
        db.commit()  # keeps the count of wrong tries
        form.code.errors.append(str(messages.CODE[result]))
    return _code_page(form, phone, CodePurpose.SIGN_UP, _("Check your phone"))


@auth.post("/codes/<purpose>/more-time")
@public_page
def more_time(purpose: str) -> Response:
    """Gives the code on the page another 10 minutes (WCAG 2.2.1: time limits can be extended)."""
    if purpose not in CODE_PAGES or not session.get(PENDING_PHONE):
        return redirect(url_for("public.home"))
    db = get_session()
    extended = codes.extend_code(db, phone=session[PENDING_PHONE], purpose=CodePurpose(purpose),
                                 now=_now())
    db.commit()
    if extended is None:
        flash(_("The code cannot be given more time. Ask for a new code."))
    else:
        flash(_("You have 10 more minutes to enter the code."))
    return redirect(url_for(CODE_PAGES[purpose]))


@auth.post("/codes/<purpose>/new-code")
@limiter.limit(rate_limits.CODES_PER_PHONE, key_func=_pending_phone_key)
@limiter.limit(rate_limits.CODES_PER_ADDRESS)
@public_page
def new_code(purpose: str) -> Response:
    phone = session.get(PENDING_PHONE)
    if purpose not in CODE_PAGES or not phone:
        return redirect(url_for("public.home"))
    _send_code_if_allowed(phone, CodePurpose(purpose))
    get_session().commit()
    flash(_("We sent a new code to %(phone)s.", phone=mask_mobile(phone)))
    return redirect(url_for(CODE_PAGES[purpose]))


@auth.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(rate_limits.SIGN_IN_PER_ADDRESS, methods=["POST"])
@limiter.limit(rate_limits.SIGN_IN_PER_PHONE_AND_ADDRESS, methods=["POST"],
               key_func=rate_limits.phone_in_form_and_address)
@limiter.limit(rate_limits.WRONG_PASSWORDS_PER_PHONE, methods=["POST"],
               key_func=rate_limits.phone_in_form, deduct_when=rate_limits.sign_in_failed)
@public_page
def sign_in_page() -> str | Response:
    if (already := current_account()) is not None:
        return _after_sign_in(already)
    form = SignInForm()
    if form.validate_on_submit():
        db = get_session()
        account = accounts.authenticate(db, phone=form.phone.data, password=form.password.data)
        if account is None:
            form.password.errors.append(str(messages.WRONG_PHONE_OR_PASSWORD))
        elif account.phone_verified_at is None:
            _send_code(account.phone, CodePurpose.SIGN_UP)
            db.commit()
            session[PENDING_PHONE] = account.phone
            session[AFTER_SIGN_UP] = safe_local_path(request.args.get("next"), "")
            return redirect(url_for("auth.verify_phone"))
        else:
            db.commit()
            sign_in(account)
            return _after_sign_in(account)
    return render_template("auth/sign_in.html", form=form,
                           provincial_sign_in=provincial_sign_in_configured(current_app))


@auth.post("/sign-out")
@public_page
def sign_out_page() -> Response:
    sign_out()
    flash(_("You are signed out."))
    return redirect(url_for("auth.sign_in_page"))


@auth.post("/sign-out-everywhere")
@signed_in
def sign_out_everywhere() -> Response:
    account = current_account()
    assert account is not None
    accounts.sign_out_everywhere(account)
    sign_in_sessions.end_all(get_session(), account)
    get_session().commit()
    sign_out()
    flash(_("You are signed out on every device."))
    return redirect(url_for("auth.sign_in_page"))


@auth.route("/password-reset", methods=["GET", "POST"])
@limiter.limit(rate_limits.CODES_PER_PHONE, methods=["POST"], key_func=rate_limits.phone_in_form)
@limiter.limit(rate_limits.CODES_PER_ADDRESS, methods=["POST"],
               exempt_when=rate_limits.no_phone_in_form)
@public_page
def request_password_reset() -> str | Response:
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        # The same answer whether or not the number has an account: a decoy code stands in for
        # an unknown number, so even the code page and its time limit are the same.
        _send_code_if_allowed(form.phone.data, CodePurpose.PASSWORD_RESET)
        get_session().commit()
        session[PENDING_PHONE] = form.phone.data
        return redirect(url_for("auth.reset_password"))
    return render_template("auth/password_reset_request.html", form=form)


@auth.route("/password-reset/code", methods=["GET", "POST"])
@_code_checks_limited
@public_page
def reset_password() -> str | Response:
    phone = session.get(PENDING_PHONE)
    if not phone:
        return redirect(url_for("auth.request_password_reset"))
    form = NewPasswordForm()
    form.known_phone = phone
    if form.validate_on_submit():
        db = get_session()
        result = _check_code(phone, CodePurpose.PASSWORD_RESET, form.code.data)
        account = accounts.find_account_by_phone(db, phone)
        if result is codes.CodeCheck.ACCEPTED and account is not None:
            accounts.set_password(account, form.password.data)
            account.phone_verified_at = account.phone_verified_at or _now()
            account.last_signed_in_at = _now()
            db.commit()
            session.pop(PENDING_PHONE, None)
            # The code proved the phone and the new password is theirs: signed in, so that
            # someone who made the sign-in page wait for this number cannot lock its owner out.
            sign_in(account)
            flash(_("Your password is changed and you are signed in."))
            return redirect(url_for(account_home_endpoint(account)))
        db.commit()
        form.code.errors.append(str(messages.CODE[result]))
    return _code_page(form, phone, CodePurpose.PASSWORD_RESET, _("Reset your password"))


@auth.route("/sign-in/own-password", methods=["GET", "POST"])
@signed_in
def choose_own_password() -> str | Response:
    """A new member of staff replaces the password the administrator chose, before anything."""
    account = current_account()
    assert account is not None
    if not account.must_change_password:
        return redirect(url_for(account_home_endpoint(account)))
    form = OwnPasswordForm()
    form.known_phone = account.phone
    if form.validate_on_submit():
        if verify_password(account.password_hash, form.password.data):
            form.password.errors.append(str(messages.CHOOSE_A_NEW_PASSWORD))
        else:
            accounts.set_password(account, form.password.data)
            record_access(get_session(), actor=account, action=AuditAction.PASSWORD_CHOSEN,
                          channel=Channel.ONLINE, detail={"account_id": account.id})
            get_session().commit()
            sign_in(account)  # the new password ended the old sessions, this one included
            flash(_("Your password is changed. Only you know it now."))
            return redirect(url_for(account_home_endpoint(account)))
    return render_template("auth/own_password.html", form=form)


@auth.post("/session/keep-alive")
@signed_in
def keep_alive() -> tuple[str, int]:
    """Answers the idle-time warning's "Stay signed in" button; the request itself is activity."""
    return "", 204
