"""Language: the header's links set a cookie; else Accept-Language; else Chinese."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import localedata
from babel.support import NullTranslations
from flask import Flask, current_app, request
from flask_babel import (
    Babel,
    format_date,
    format_datetime,
    format_time,
    get_locale,
    get_translations,
)
from jinja2.nodes import EvalContext
from jinja2.utils import pass_eval_context
from markupsafe import Markup

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


def english_dates_day_first() -> None:
    """English readers get dates as "6 December 2026" (issue 25), as in British and
    international English, rather than "December 6, 2026": the date patterns of en_GB for the
    portal's one English, "en". Babel keeps each locale's data in one cached dictionary, so this
    holds for pages, letters and text messages alike; times and the rest stay as "en" has them."""
    english = localedata.load("en")
    english["date_formats"] = localedata.load("en_GB")["date_formats"]


def init_i18n(app: Flask) -> None:
    english_dates_day_first()
    Babel(app, locale_selector=select_locale)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # Macros imported without context (components/forms.html) use the globals: the same
    # functions, looking the request's catalogue up once per string.
    app.jinja_env.globals.update(_template_gettext(get_translations))
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime,
                                 format_time=format_time)

    @app.context_processor
    def _language_context() -> dict[str, object]:
        return {"languages": LANGUAGES, "current_language": current_language(),
                **_bound_gettext()}


def _bound_gettext() -> dict[str, object]:
    """gettext for one render, bound to the request's catalogue: Flask-Babel's globals look
    the locale and catalogue up again for every string."""
    translations = get_translations()
    return _template_gettext(lambda: translations)


def _template_gettext(catalogue: Callable[[], NullTranslations]) -> dict[str, object]:
    """_, gettext, ngettext and pgettext for templates, as jinja2.ext.i18n's newstyle ones do
    them (the result is a format string, escaped under autoescape), in one call each: Jinja's
    own pass through three context calls per string, the larger part of a long table's time."""

    def formatted(eval_ctx: EvalContext, translated: str, variables: dict[str, Any]) -> str:
        if eval_ctx.autoescape:
            # Markup's % escapes each variable; with none there is nothing to escape.
            return Markup(translated % variables) if not variables \
                else Markup(translated) % variables
        return translated % variables

    @pass_eval_context
    def gettext(eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
        return formatted(eval_ctx, catalogue().ugettext(string), variables)

    @pass_eval_context
    def ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, /,
                 **variables: Any) -> str:
        variables.setdefault("num", num)
        return formatted(eval_ctx, catalogue().ungettext(singular, plural, num), variables)

    @pass_eval_context
    def pgettext(eval_ctx: EvalContext, context: str, string: str, /, **variables: Any) -> str:
        variables.setdefault("context", context)
        return formatted(eval_ctx, catalogue().upgettext(context, string), variables)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}
