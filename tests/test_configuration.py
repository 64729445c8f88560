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
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-of-at-least-32-characters")
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


def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x")
    with pytest.raises(ConfigurationError, match="at least 32"):
        create_app({"DATABASE_URL": "sqlite://"})
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    assert create_app({"DATABASE_URL": "sqlite://"}).config["PRODUCTION"] is True


@pytest.mark.parametrize("portal_env", [None, "staging", "prod"])
def test_without_an_explicit_development_setting_there_are_no_dev_pages_or_demo_accounts(
        monkeypatch: pytest.MonkeyPatch, portal_env: str | None) -> None:
    if portal_env is None:
        monkeypatch.delenv("PORTAL_ENV", raising=False)
    else:
        monkeypatch.setenv("PORTAL_ENV", portal_env)
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k" * 32})
    assert "development.messages" not in app.view_functions
    with pytest.raises(DemoDataRefused):
        load_demo_data(app)


def test_development_tools_when_development_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_ENV", "development")
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k" * 32})
    assert "development.messages" in app.view_functions
    assert app.config["LOAD_DEMO_DATA"] is True
