"""Fixtures: the real create_app() on a throwaway SQLite or PostgreSQL database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlalchemy.orm import Session

from app import create_app
from app.database import get_engine, upgrade_to_head
from app.domain.calendar.holiday_calendar import seed_shipped_years
from app.domain.models import Base
from app.domain.people.passwords import use_fast_hashing_for_tests
from tests.clock import FROZEN_NOW
from tests.databases import postgres_database, postgres_server_url, sqlite_database
from tests.pages import CheckedClient

BACKENDS = ["sqlite", "postgresql"]
# "Today" for every test is tests.clock.FROZEN_NOW. The suite must pass on any real date; a
# test about a date moves the clock itself (`frozen_clock.move_to(...)`).

use_fast_hashing_for_tests()


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Traveller]:
    """One clock for every test: the date is fixed, and seconds still pass (tick), so time-outs
    and rate-limit windows behave as in life."""
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Database tests run on SQLite; those marked ``engine`` on PostgreSQL as well."""
    if "database_url" in metafunc.fixturenames:
        engine_dependent = metafunc.definition.get_closest_marker("engine") is not None
        backends = BACKENDS if engine_dependent else BACKENDS[:1]
        metafunc.parametrize("database_url", backends, indirect=True, scope="session")


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[str]:
    """A throwaway database of the engine the test is parametrised with."""
    if request.param == "sqlite":
        with sqlite_database(tmp_path_factory.mktemp("db")) as url:
            yield url
        return
    server = postgres_server_url()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("CI must set TEST_DATABASE_URL so the PostgreSQL tests run.")
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (make test sets it).")
    with postgres_database(server) as url:
        yield url


@pytest.fixture(scope="session")
def migrated_database(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test"})
    upgrade_to_head(app)
    get_engine(app).dispose()
    return database_url


def make_test_app(database_url: str, tmp_path: Path, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "SESSION_COOKIE_SECURE": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(migrated_database: str, tmp_path: Path) -> Iterator[Flask]:
    app = make_test_app(migrated_database, tmp_path)
    yield app
    _empty_all_tables(app)


def _empty_all_tables(app: Flask) -> None:
    """Back to a new database: no rows, but the shipped holiday calendar."""
    engine = get_engine(app)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
    with Session(engine) as session:
        seed_shipped_years(session)
        session.commit()
    engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = CheckedClient
    return app.test_client()
