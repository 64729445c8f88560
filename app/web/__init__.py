"""The web layer: blueprints per audience, thin views over app.domain."""

from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

from app.web import components, errors, i18n, preferences, security, static_files

csrf = CSRFProtect()


def init_web(app: Flask) -> None:
    from app.web.public import public
    from app.web.settings import settings

    csrf.init_app(app)
    i18n.init_i18n(app)
    preferences.init_preferences(app)
    components.init_components(app)
    security.init_security_headers(app)
    static_files.init_static_files(app)
    app.register_blueprint(public)
    app.register_blueprint(settings)
    errors.init_error_pages(app)
