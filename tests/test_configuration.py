"""Configuration refuses unsafe production set-ups."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import ConfigurationError
from app.demo import DemoDataRefused, load_demo_data


def test_production_refuses_to_start_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError):
        create_app()


def test_production_never_creates_demo_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    app = create_app({"DATABASE_URL": "sqlite://"})
    with pytest.raises(DemoDataRefused):
        load_demo_data(app)


def test_database_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/somewhere-else.db")
    assert create_app({"SECRET_KEY": "x"}).config["DATABASE_URL"] == (
        "sqlite:////tmp/somewhere-else.db")


@pytest.mark.engine
def test_demo_data_is_loaded_once(app) -> None:
    assert load_demo_data(app) is True
    assert load_demo_data(app) is False
