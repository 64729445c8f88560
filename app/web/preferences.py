"""Reads the display settings cookie for every page's layout."""

from __future__ import annotations

from flask import Flask, g, request

from app.domain.people.display import DisplaySettings

DISPLAY_COOKIE = "display"


def current_display_settings() -> DisplaySettings:
    """This device's choice (the cookie), else the signed-in person's saved choice."""
    if "display_settings" not in g:
        cookie = request.cookies.get(DISPLAY_COOKIE)
        if cookie is None:
            from app.web.access import current_account

            account = current_account()
            saved = account.display_settings if account is not None else None
            cookie = DisplaySettings(**saved).to_cookie() if saved else None
        g.display_settings = DisplaySettings.from_cookie(cookie)
    return g.display_settings


def init_preferences(app: Flask) -> None:
    @app.context_processor
    def _display_context() -> dict[str, object]:
        return {"display": current_display_settings()}
