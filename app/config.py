"""Configuration read from environment variables (documented in README.md)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.languages import DEFAULT_LANGUAGE
from app.languages import LOCALES as _LOCALES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

# Defined in app/languages.py; named here too because configuration is where people look.
LOCALES = _LOCALES
DEFAULT_LOCALE = DEFAULT_LANGUAGE.code


# A production SECRET_KEY signs sessions and hashes text-message codes: at least this long
# (secrets.token_hex(32) gives 64 characters).
MIN_SECRET_KEY_LENGTH = 32
# The PORTAL_ENV values that turn on the development tools (the outbox page at /dev/messages,
# the demo accounts, the stand-in sign-in provider); anything else, unset included, leaves them
# off, so a server where the variable was forgotten never shows codes or a demo administrator.
DEVELOPMENT_ENVIRONMENTS = frozenset({"development", "testing"})


class ConfigurationError(RuntimeError):
    """The app cannot start safely with this configuration."""


def _development_secret_key() -> str:
    # Kept in instance/ so sessions survive a restart during development.
    INSTANCE_DIR.mkdir(exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    env = os.environ
    overrides = dict(overrides or {})
    portal_env = env.get("PORTAL_ENV", "")
    production = portal_env == "production"
    testing = bool(overrides.get("TESTING", False))
    development_tools = not production and (testing or portal_env in DEVELOPMENT_ENVIRONMENTS)

    secret_key = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if not secret_key:
        if production:
            raise ConfigurationError("SECRET_KEY must be set when PORTAL_ENV=production.")
        secret_key = _development_secret_key()
    elif production and len(secret_key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters when "
            "PORTAL_ENV=production, for example: python3 -c 'import secrets; "
            "print(secrets.token_hex(32))'.")

    default_db = f"sqlite:///{INSTANCE_DIR / 'portal.db'}"
    config: dict[str, Any] = {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key,
        "DATABASE_URL": env.get("DATABASE_URL", default_db),
        # A read replica for the statistics pages; unset: they read DATABASE_URL.
        "READ_DATABASE_URL": env.get("READ_DATABASE_URL") or None,
        "UPLOAD_FOLDER": env.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads")),
        "MAX_UPLOAD_MB": int(env.get("MAX_UPLOAD_MB", "10")),
        # What one application may hold in all: enough for every document a service asks for,
        # photographed page by page, and not a free file store.
        "MAX_DOCUMENTS_PER_APPLICATION": int(env.get("MAX_DOCUMENTS_PER_APPLICATION", "30")),
        "MAX_APPLICATION_UPLOADS_MB": int(env.get("MAX_APPLICATION_UPLOADS_MB", "60")),
        # Room for several files in one request; each file is checked against MAX_UPLOAD_MB so
        # the person sees which one is too large, beside the field.
        "MEDIA_MAX_MB": int(env.get("MEDIA_MAX_MB", "25")),
        # Room for several documents, or a video and its sign-language version, in one request.
        "MAX_CONTENT_LENGTH": max(int(env.get("MAX_UPLOAD_MB", "10")) * 6,
                                  int(env.get("MEDIA_MAX_MB", "25")) * 2 + 1) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": env.get("DEFAULT_LOCALE", DEFAULT_LOCALE),
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LOCALES": LOCALES,
        "SERVICE_HOTLINE": env.get("SERVICE_HOTLINE", "12385"),
        "CONTACT_EMAIL": env.get("CONTACT_EMAIL", "help@example.gov.cn"),
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PREFERENCE_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "WTF_CSRF_TIME_LIMIT": None,  # a form left open for hours must still submit
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many reverse proxies stand in front of the app; their X-Forwarded-For gives the
        # client's address for rate limits. 0 trusts none (the header could be forged).
        "PROXY_COUNT": int(env.get("PROXY_COUNT", "0")),
        "SMS_SENDER": env.get("SMS_SENDER", "log"),
        # The portal's public address, for links in messages sent outside a request (the daily
        # commands: card and review reminders); requests build theirs from the address they came to.
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://localhost/"),
        # Data instead of uploads (issue 23): who answers for the 电子证照 library and the
        # 低保/特困 roster. "local" (the portal's records and imported rosters) or a provincial
        # service's class as "package.module:ClassName" (app.domain.people.shared_data).
        "SHARED_DATA_IMPLEMENTATION": env.get("SHARED_DATA_IMPLEMENTATION", "local"),
        # The provincial government service platform's sign-in (OpenID Connect), which verifies
        # a resident's real name. Unset issuer: the option is not offered. `make run` points it
        # at the development stand-in (/dev/provincial-sign-in).
        "PROVINCIAL_OIDC_ISSUER": env.get("PROVINCIAL_OIDC_ISSUER") or None,
        "PROVINCIAL_OIDC_CLIENT_ID": env.get("PROVINCIAL_OIDC_CLIENT_ID", ""),
        "PROVINCIAL_OIDC_CLIENT_SECRET": env.get("PROVINCIAL_OIDC_CLIENT_SECRET", ""),
        "PROVINCIAL_OIDC_SCOPE": env.get("PROVINCIAL_OIDC_SCOPE", "openid profile"),
        "PROVINCIAL_OIDC_NAME_CLAIM": env.get("PROVINCIAL_OIDC_NAME_CLAIM", "name"),
        "PROVINCIAL_OIDC_ID_NUMBER_CLAIM": env.get("PROVINCIAL_OIDC_ID_NUMBER_CLAIM",
                                                  "id_card_number"),
        # Demo accounts and development pages only where asked for by name (PORTAL_ENV).
        "DEVELOPMENT_TOOLS": development_tools,
        "LOAD_DEMO_DATA": development_tools,
        "AUDIT_ROUTES": False,
        "TESTING": testing,
    }
    if "PREFERENCE_COOKIE_SECURE" not in overrides and "SESSION_COOKIE_SECURE" in overrides:
        overrides["PREFERENCE_COOKIE_SECURE"] = overrides["SESSION_COOKIE_SECURE"]
    config.update(overrides)
    _check_shared_data(config["SHARED_DATA_IMPLEMENTATION"])
    return config


def _check_shared_data(name: str) -> None:
    """A wrong name fails at start-up, not when the first form asks."""
    from app.domain.people.shared_data import UnknownSharedData, load

    try:
        load(name)
    except UnknownSharedData:
        raise ConfigurationError(
            f"SHARED_DATA_IMPLEMENTATION={name!r} is neither 'local' nor an importable "
            "'package.module:ClassName' answering "
            "app.domain.people.shared_data.SharedData.") from None
