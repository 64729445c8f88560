"""Rate limits on sign-in, codes and sign-up (flask-limiter; memory or Redis storage)."""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from app.domain.identity import InvalidMobile, parse_mobile

limiter = Limiter(key_func=get_remote_address, default_limits=[])

SIGN_IN_PER_ADDRESS = "20 per 10 minutes"
SIGN_IN_PER_PHONE = "5 per 10 minutes"
CODES_PER_PHONE = "5 per hour"
SIGN_UP_PER_ADDRESS = "10 per hour"
CODE_CHECKS_PER_ADDRESS = "20 per 10 minutes"


def phone_in_form() -> str:
    """Limits per phone number catch guessing spread over many addresses."""
    try:
        return "phone:" + parse_mobile(request.form.get("phone", ""))
    except InvalidMobile:
        return "phone:invalid:" + get_remote_address()


def init_rate_limits(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    limiter.init_app(app)
