"""English dates are written "6 December 2026" (issue 25), on pages and in messages."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import force_locale, format_date


def test_english_dates_put_the_day_first(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        assert format_date(date(2026, 12, 6), "long") == "6 December 2026"
        assert format_date(date(2026, 12, 6), "full") == "Sunday, 6 December 2026"
    with app.test_request_context(), force_locale("zh_Hans_CN"):
        assert format_date(date(2026, 12, 6), "long") == "2026年12月6日"
    with app.test_request_context(), force_locale("ko"):
        assert format_date(date(2026, 12, 6), "long") == "2026년 12월 6일"
