"""Throwaway databases for a test run: a SQLite file, or a PostgreSQL database made and dropped."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def postgres_server_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@contextmanager
def sqlite_database(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{folder / f'test-{uuid.uuid4().hex[:8]}.db'}"


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the server, dropped afterwards: runs never share state."""
    server = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
