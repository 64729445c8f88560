"""Preferences that work without JavaScript and without an account: language and display."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.people.display import DisplaySettings
from app.web.access import current_account, public_page
from app.web.forms.display import DisplaySettingsForm
from app.web.i18n import BY_CODE, LANGUAGE_COOKIE
from app.web.preferences import DISPLAY_COOKIE, current_display_settings
from app.web.redirects import safe_local_path

settings = Blueprint("settings", __name__)

ONE_YEAR = 60 * 60 * 24 * 365


def _set_preference_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name, value, max_age=ONE_YEAR, httponly=True, samesite="Lax",
        secure=current_app.config["PREFERENCE_COOKIE_SECURE"],
    )


@settings.get("/language/<code>")
@public_page
def choose_language(code: str) -> Response:
    response = redirect(safe_local_path(request.args.get("next"), url_for("public.home")))
    if code in BY_CODE:
        _set_preference_cookie(response, LANGUAGE_COOKIE, code)
    return response


@settings.route("/settings/display", methods=["GET", "POST"])
@public_page
def display_settings() -> str | Response:
    saved = current_display_settings()
    form = DisplaySettingsForm(data=saved.__dict__ if request.method == "GET" else None)
    if form.validate_on_submit():
        chosen = DisplaySettings(size=form.size.data, contrast=form.contrast.data,
                                 spacing=form.spacing.data, motion=form.motion.data)
        response = redirect(url_for("settings.display_settings", saved=1))
        _set_preference_cookie(response, DISPLAY_COOKIE, chosen.to_cookie())
        account = current_account()
        if account is not None:  # follows them to other devices
            account.display_settings = asdict(chosen)
            get_session().commit()
        return response
    return render_template("pages/display_settings.html", form=form,
                           saved=request.args.get("saved") == "1" and not form.errors)
