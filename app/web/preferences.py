"""Reads the display settings cookie for every page's layout."""

from __future__ import annotations

from flask import Flask, g, request

from app.domain.display import DisplaySettings

DISPLAY_COOKIE = "display"


def current_display_settings() -> DisplaySettings:
    if "display_settings" not in g:
        g.display_settings = DisplaySettings.from_cookie(request.cookies.get(DISPLAY_COOKIE))
    return g.display_settings


def init_preferences(app: Flask) -> None:
    @app.context_processor
    def _display_context() -> dict[str, object]:
        return {"display": current_display_settings()}
