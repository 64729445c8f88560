"""The portal's application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from app.config import PROJECT_ROOT, load_config


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(overrides))

    from app import cli
    from app.database import init_database
    from app.domain.people import shared_data
    from app.web import init_web

    shared_data.configure(app.config["SHARED_DATA_IMPLEMENTATION"])
    init_database(app)
    init_web(app)
    cli.register(app)
    return app
