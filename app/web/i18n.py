"""Language: the header's links set a cookie; else Accept-Language; else Chinese."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import (
    Babel,
    format_date,
    format_datetime,
    format_time,
    get_locale,
    get_translations,
)
from jinja2.ext import _make_new_gettext, _make_new_ngettext, _make_new_pgettext

from app.languages import BY_CODE, DEFAULT_LANGUAGE, LANGUAGES, Language

__all__ = ["BY_CODE", "LANGUAGES", "Language", "current_language", "init_i18n"]

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in BY_CODE:
        return chosen
    # Accept-Language says zh-CN, zh-Hans, ko-KR ...: match on the language part.
    offered = {language.primary_subtag: language.code for language in LANGUAGES}
    for tag, _quality in request.accept_languages:
        primary = tag.split("-")[0].split("_")[0].lower()
        if primary in offered:
            return offered[primary]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> Language:
    locale = get_locale()
    return BY_CODE.get(str(locale), DEFAULT_LANGUAGE) if locale is not None else DEFAULT_LANGUAGE


def init_i18n(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime,
                                 format_time=format_time)

    @app.context_processor
    def _language_context() -> dict[str, object]:
        return {"languages": LANGUAGES, "current_language": current_language(),
                **_bound_gettext()}


def _bound_gettext() -> dict[str, object]:
    """gettext for one render, bound to the request's catalogue: Flask-Babel's globals look
    the locale and catalogue up again for every string, a tenth of a page's time. Macros
    imported without context still use those globals, with the same result."""
    translations = get_translations()
    return {"gettext": _make_new_gettext(translations.ugettext),
            "ngettext": _make_new_ngettext(translations.ungettext),
            "pgettext": _make_new_pgettext(translations.upgettext)}
