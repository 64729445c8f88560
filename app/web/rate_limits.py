"""Rate limits on sign-in, codes and sign-up (flask-limiter; memory or Redis storage).

Each limit that guards a phone number or account is kept both per client address and per number,
so that guessing spread over many addresses is caught, and one address (a family, an office)
does not spend a resident's budget. Behind a reverse proxy the client address is read from
X-Forwarded-For, trusting only as many proxies as PROXY_COUNT says.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from app.domain.people.identity import InvalidMobile, parse_mobile
from app.services import STEPS_ASKING_ID_NUMBERS

limiter = Limiter(key_func=get_remote_address, default_limits=[])

SIGN_IN_PER_ADDRESS = "20 per 10 minutes"
# Wrong passwords must not lock the real owner out: five tries a number from one address, then
# that address waits; from every address together a number takes 30 wrong passwords an hour (only
# wrong ones count), as slow for guessing as before. Past that, the owner still gets in with a
# reset code (the reset signs them in), which a guesser without their phone cannot.
SIGN_IN_PER_PHONE_AND_ADDRESS = "5 per 10 minutes"
WRONG_PASSWORDS_PER_PHONE = "30 per hour"
CODES_PER_PHONE = "5 per hour"
CODES_PER_ADDRESS = "10 per hour"
SIGN_UP_PER_ADDRESS = "10 per hour"
CODE_CHECKS_PER_ADDRESS = "20 per 10 minutes"
CODE_CHECKS_PER_PHONE = "20 per 10 minutes"
# ID numbers an account may type (the wizard's ID step, its own details): enough for a family's
# applications, too few to test which numbers are on record.
ID_NUMBERS_PER_ACCOUNT = "10 per hour"


def _phone_in_form() -> str | None:
    try:
        return parse_mobile(request.form.get("phone", ""))
    except InvalidMobile:
        return None


def phone_in_form() -> str:
    """Limits per phone number catch guessing spread over many addresses."""
    phone = _phone_in_form()
    return "phone:" + phone if phone else "phone:invalid:" + get_remote_address()


def signed_in_account() -> str:
    """Limits per account: the same budget from every address and browser."""
    from app.web.access import current_account

    account = current_account()
    return f"account:{account.id}" if account is not None else "account:none:" + \
        get_remote_address()


def not_a_step_asking_id_numbers() -> bool:
    return (request.view_args or {}).get("step_key") not in STEPS_ASKING_ID_NUMBERS


def phone_in_form_and_address() -> str:
    return phone_in_form() + ":from:" + get_remote_address()


def sign_in_failed(response: Response) -> bool:
    """Only a sign-in that did not go through (the form again, with its error) is counted."""
    return response.status_code != 302


def no_phone_in_form() -> bool:
    """True when the form's number is not valid: no message can be sent, so no budget is spent."""
    return _phone_in_form() is None


def trust_proxies(app: Flask, count: int) -> None:
    """Takes the client's address (and scheme) from the last ``count`` proxies' headers.

    With 0 the headers are ignored: anyone could write them, and each would get a new budget.
    """
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def init_rate_limits(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    trust_proxies(app, int(app.config.get("PROXY_COUNT", 0)))
    limiter.init_app(app)
