"""The portal as the benchmark serves it: production settings, rate limits off (one client
address sends every request) and cookies over plain HTTP on loopback."""

from app import create_app

app = create_app({"RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                  "PREFERENCE_COOKIE_SECURE": False})
